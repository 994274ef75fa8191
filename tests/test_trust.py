"""Findings a fact-checker can trust: small events in this project's own words (tests/trust/cases.yaml),
each audited from raw articles; every expected finding is found, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.check import check

CASES = yaml.safe_load((Path(__file__).parent / "trust" / "cases.yaml").read_text("utf-8"))["cases"]


def write_articles(folder: Path, case: dict) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "case.yaml").write_text(f"title: {case['name']}\ncountry: {case['country']}\n", encoding="utf-8")
    for name, article in case["articles"].items():
        title = article.get("title", f"Story {name}")
        (folder / "articles" / name).write_text(
            f"---\ntitle: {title}\noutlet: Outlet {name[0].upper()}\npublished: {article['published']}\n---\n{article['text']}\n",
            encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_trust_case(tmp_path: Path, case: dict) -> None:
    report = check([write_articles(tmp_path / "case", case)])
    found = [f for f in report.findings if not f.rule.startswith("INPUT")]
    assert not [f for f in report.findings if f.rule.startswith("INPUT")], [f.message for f in report.findings]
    described = [(f.rule, f.severity, sorted(c.text for c in f.claims), f.severity_reason) for f in found]
    assert len(found) == len(case["expect"]), described
    for want in case["expect"]:
        match = [f for f in found if f.rule == want["rule"] and all(
            any(text in c.text or c.text in text for c in f.claims) for text in want["claims"])]
        assert match, (want, described)
        assert match[0].severity == want["severity"], described
        assert match[0].severity_reason and match[0].severity_reason.startswith(want["severity"]), described
        if "reason" in want:
            assert want["reason"] in match[0].severity_reason, described
