"""report.md: a golden file for the example case, GitHub's size limit, <details>, escaping.

The golden file is tests/golden/cambodia-2025-07/report.md. When a change to the report is
intended, regenerate it and review the diff:

    AUDIT_UPDATE_GOLDEN=1 python -m pytest tests/test_report_markdown.py
    git diff tests/golden
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from audit.check import check
from audit.report import render
from audit.report.markdown import FINDINGS_OPEN, code, escape

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "cambodia-2025-07" / "report.md"


def example_report(monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the report are relative to where audit runs: the repository root
    return check(["cases/cambodia-2025-07"])


def test_example_report_matches_golden_file(monkeypatch):
    text = render(example_report(monkeypatch), "markdown")
    if os.environ.get("AUDIT_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert text == expected, (
        "report.md changed; if intended, run AUDIT_UPDATE_GOLDEN=1 python -m pytest tests/test_report_markdown.py "
        "and review git diff tests/golden"
    )


def test_golden_file_shows_the_breakdown_and_the_headline():
    text = GOLDEN.read_text(encoding="utf-8")
    assert "`85 + >200 + 27 + 75 + ≥270 + 312 + 27 = ≥997 (printed: 996), against >1,000 (≥1,001)" in text
    assert "**Cambodia detains 1,000**" in text and "**over 1,000 people**" in text


def _many(report, n: int):
    finding = report.findings[-1]
    return replace(report, findings=[replace(finding, message=f"{finding.message} #{i}") for i in range(n)])


def test_long_lists_collapse_and_details_balance(monkeypatch):
    text = render(_many(example_report(monkeypatch), FINDINGS_OPEN + 5), "markdown")
    assert text.count("<details>") == text.count("</details>") >= 1
    assert "<details><summary>5 more finding(s)</summary>" in text
    # the 8 quotes of a breakdown in one sentence each are at most 6: grouped by sentence, nothing collapsed
    assert text.count("#### ") == FINDINGS_OPEN + 5


def test_stays_within_the_byte_limit(monkeypatch):
    report = _many(example_report(monkeypatch), 400)
    for limit in (20_000, 65_536, 1024 * 1024):
        text = render(report, "markdown", limit=limit)
        assert len(text.encode("utf-8")) <= limit
        assert text.count("<details>") == text.count("</details>")
    small = render(report, "markdown", limit=20_000)
    assert re.search(r"\*\d+ further finding\(s\) left out to stay within 20,000 bytes; see findings.json.\*", small)


@given(st.text())
def test_escaped_text_carries_no_markup(value):
    out = escape(value)
    assert "<" not in out and ">" not in out and "\n" not in out and "@" not in out
    assert not re.search(r"(?<!\\)[`*_\[\]|]", out)  # every markup character is backslash-escaped


@given(st.text())
def test_code_spans_stay_one_span(value):
    out = code(value)
    assert out.count("`") == 2 and "\n" not in out


def test_several_cases_get_a_heading_each(tmp_path):
    import shutil

    for name in ("first", "second"):
        shutil.copytree(ROOT / "cases" / "cambodia-2025-07", tmp_path / "cases" / name)
    text = render(check([tmp_path / "cases"]), "markdown")
    assert text.count("\n### first\n") == 1 and text.count("\n### second\n") == 1
    assert "| case |" in text
