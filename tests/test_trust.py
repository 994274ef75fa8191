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


def test_an_article_without_a_date_is_one_input_finding_not_a_cascade(tmp_path: Path) -> None:
    """Its figures stand on no known day: they are read, shown and left uncompared."""
    case = write_articles(tmp_path / "case", {"name": "undated", "country": "PH", "articles": {
        "a.md": {"published": "2024-10-22", "text": "The disaster agency said 380 people were killed by the typhoon."}}})
    (case / "articles" / "b.md").write_text(
        "---\ntitle: An undated story\noutlet: Outlet B\n---\nThe disaster agency said 120 people were killed.\n",
        encoding="utf-8")
    report = check([case])
    assert [f.rule for f in report.findings] == ["INPUT009"]
    assert report.coverage["read"] == 2 and report.coverage["uncompared"] >= 1
