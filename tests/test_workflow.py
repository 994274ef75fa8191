"""The fact-checker's workflow from the command line: init -> add -> extract -> review -> check,
and the conventions users bring from ruff and pytest (--version, --select, --statistics, -q,
NO_COLOR, explain by name, findings.json's schema, SARIF columns)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from audit.cli import app
from tests.conftest import EXAMPLE_CASE, REPO

runner = CliRunner()


def audit(*args: str, env: dict | None = None):
    return runner.invoke(app, [str(a) for a in args], env=env)


# Three stories about one flood, written for this test: the outlets disagree on the dead.
LEDGER = """\
---
title: Floods kill 41 across Punjab
outlet: Lahore Ledger
url: https://example.org/ledger/floods
published: 2025-08-18
---
At least 41 people have died across Punjab since the monsoon rains began, the provincial disaster authority said on Monday.
"""
COURIER = """\
---
title: Punjab flood deaths reach 35
outlet: Indus Courier
url: https://example.org/courier/punjab
published: 2025-08-18
---
The number of people who have died in the Punjab floods since the rains began has reached 35, the disaster authority said on Monday.
"""
WIRE_PAGE = """\
<!DOCTYPE html>
<html lang="en"><head>
<title>Flood toll in Punjab climbs as rain continues</title>
<meta property="og:title" content="Flood toll in Punjab climbs as rain continues">
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2025-08-19T06:00:00Z">
</head><body><nav><a href="/">Home</a></nav>
<article><h1>Flood toll in Punjab climbs as rain continues</h1>
<p>Officials in Punjab said on Tuesday that 44 people had died since the monsoon rains began.</p>
</article><footer>Copyright 2025.</footer></body></html>
"""


def test_a_newcomer_goes_from_init_to_a_reviewed_three_article_case(tmp_path, monkeypatch):
    """The README's 'Your own case', command by command."""
    monkeypatch.chdir(tmp_path)
    for name, text in [("ledger.md", LEDGER), ("courier.md", COURIER), ("wire.html", WIRE_PAGE)]:
        (tmp_path / name).write_text(text, encoding="utf-8")

    result = audit("init", "floods", "--country", "PK")
    assert result.exit_code == 0, result.output
    case = Path("floods")
    assert "country: PK" in (case / "case.yaml").read_text("utf-8")
    examples = list((case / "articles").glob("example-*.md"))
    assert len(examples) == 1
    assert audit("check", case, "--no-write").exit_code == 0  # the skeleton is a case that audits cleanly
    examples[0].unlink()

    for name in ("ledger.md", "courier.md", "wire.html"):
        result = audit("add", case, name)
        assert result.exit_code == 0, result.output
    articles = sorted(p.name for p in (case / "articles").iterdir())
    assert len(articles) == 3 and all(a.endswith(".md") for a in articles)  # the saved page became Markdown

    result = audit("extract", "--case", case)
    assert result.exit_code == 0, result.output
    claim_files = sorted((case / "claims").glob("*.yaml"))
    assert len(claim_files) == 3

    before = json.loads(audit("check", case, "--no-write", "--format", "json").stdout)
    claims = [c for f in before["findings"] for c in f["claims"]]
    assert claims and all(c["reviewed"] is False for c in claims)  # machine-read until a person says otherwise

    for file in claim_files:  # the review: a person checks each claim, then marks the file
        data = yaml.safe_load(file.read_text("utf-8"))
        data["reviewed"] = True
        file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    result = audit("check", case)
    assert result.exit_code == 1  # 35 dead against at least 41: the outlets cannot all be right
    assert "AGREE001" in result.stdout and "Indus Courier" in result.stdout
    after = json.loads((Path("reports") / "floods" / "findings.json").read_text("utf-8"))
    assert all(c["reviewed"] is True for f in after["findings"] for c in f["claims"])
    assert "reviewed" in (Path("reports") / "floods" / "report.md").read_text("utf-8")


def test_init_refuses_an_existing_case_and_a_bad_country(tmp_path):
    assert audit("init", tmp_path / "x").exit_code == 0
    again = audit("init", tmp_path / "x")
    assert again.exit_code == 2 and "already a case" in again.output
    bad = audit("init", tmp_path / "y", "--country", "Pakistan")
    assert bad.exit_code == 2 and "ISO 3166-1 alpha-2" in bad.output and not (tmp_path / "y").exists()


@pytest.mark.parametrize("text, message", [
    ("A flood killed 12 people in the north on Monday.\n", "has no front matter"),
    ("---\ntitle: Flood kills 12\npublished: 18/08/2025\n---\nA flood killed 12 people.\n", "is not a date"),
])
def test_a_markdown_article_without_usable_front_matter_is_a_warning(make_case, text, message):
    from audit.check import check

    case = make_case({}, articles={"story": "x"})
    (case / "articles" / "story.md").write_text(text, encoding="utf-8")
    report = check([case])
    found = [f for f in report.findings if f.rule == "INPUT012"]
    assert len(found) == 1 and message in found[0].message and found[0].severity == "warning"
    assert found[0].file.endswith("story.md") and found[0].line in (1, 3)


def test_version_and_explain_by_name():
    from audit import __version__

    assert audit("--version").stdout.strip() == f"audit {__version__}"
    assert audit("explain", "sums.parts-exceed-whole").stdout.startswith("SUM001 sums.parts-exceed-whole")
    wrong = audit("explain", "sums.parts-exceed-hole")
    assert wrong.exit_code == 2 and "did you mean 'sums.parts-exceed-whole'" in wrong.output


def test_select_ignore_statistics_and_quiet():
    everything = audit("check", EXAMPLE_CASE, "--no-write").stdout.splitlines()
    sums = audit("check", EXAMPLE_CASE, "--no-write", "--select", "sum").stdout.splitlines()
    # five findings, the summary and the coverage line; the two SUM003 findings and the same two lines
    assert len(everything) == 7 and len(sums) == 4 and all("SUM003" in line for line in sums[:-2])
    rest = audit("check", EXAMPLE_CASE, "--no-write", "--ignore", "SUM,PLACE001").stdout.splitlines()
    assert [line.split()[2] for line in rest[:-2]] == ["AGREE002", "AGREE002"]
    stats = audit("check", EXAMPLE_CASE, "--no-write", "--statistics", "-q").stdout.splitlines()
    assert [line.split() for line in stats] == [["2", "AGREE002", "agreement.source-contradicts-itself"],
                                                ["2", "SUM003", "sums.unexplained-remainder"],
                                                ["1", "PLACE001", "places.town-counted-as-province"]]
    quiet = audit("check", EXAMPLE_CASE, "--no-write", "-q").stdout.splitlines()
    assert quiet == everything[:-2]  # the findings, without the summary and coverage lines
    bad = audit("check", EXAMPLE_CASE, "--no-write", "--select", "SUMM")
    assert bad.exit_code == 2 and "unknown rule code 'SUMM'" in bad.output


def test_terminal_lines_are_one_per_finding_without_trailing_spaces_or_colour_when_piped():
    result = audit("check", EXAMPLE_CASE, "--no-write", "-v", env={"COLUMNS": "60", "NO_COLOR": "1"})
    lines = result.stdout.splitlines()
    assert all(line == line.rstrip() for line in lines)
    assert "\x1b[" not in result.stdout and ":None" not in result.stdout
    quotes = [line for line in lines if line.startswith("      “")]
    fitting = [line for line in quotes if len(line) <= 60]  # quotes shortened to COLUMNS around the figures
    assert len(fitting) >= len(quotes) - 2 and all(" … " in line for line in quotes if line not in fitting)
    heads = [line for line in lines if not line.startswith(" ")][:-2]  # less the summary and coverage lines
    assert len(heads) == 5 and all(" warning " in h for h in heads)


def test_text_colour_follows_no_color():
    from audit.check import check
    from audit.report.text import render

    report = check([EXAMPLE_CASE])
    assert "\x1b[" in render(report, color=True)
    assert "\x1b[" not in render(report, color=False)


def test_findings_json_has_a_schema_version_and_follows_the_published_schema():
    data = json.loads(audit("check", EXAMPLE_CASE, "--no-write", "--format", "json").stdout)
    schema = json.loads((REPO / "schemas" / "findings.schema.json").read_text("utf-8"))
    assert data["schema_version"] == 1
    jsonschema.Draft202012Validator(schema).validate(data)
    data["findings"][0]["severity"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_sarif_regions_carry_the_columns_of_the_phrase():
    log = json.loads(audit("check", EXAMPLE_CASE, "--no-write", "--format", "sarif").stdout)
    regions = [loc["physicalLocation"]["region"] for result in log["runs"][0]["results"]
               for loc in result["locations"] + result.get("relatedLocations", [])]
    assert regions and all("startColumn" in r for r in regions)
    for result in log["runs"][0]["results"]:
        for loc in result["locations"]:
            physical = loc["physicalLocation"]
            line = (REPO / physical["artifactLocation"]["uri"]).read_text("utf-8").splitlines()[physical["region"]["startLine"] - 1]
            region = physical["region"]
            phrase = line[region["startColumn"] - 1:region["endColumn"] - 1]
            assert phrase and phrase in loc["message"]["text"]


def test_add_refuses_what_is_not_an_article(tmp_path):
    assert audit("init", tmp_path / "c").exit_code == 0
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    result = audit("add", tmp_path / "c", tmp_path / "notes.pdf")
    assert result.exit_code == 2 and "not an article" in result.output
    missing = audit("add", tmp_path / "c", tmp_path / "nope.md")
    assert missing.exit_code == 2 and "no such file" in missing.output


@given(st.lists(st.tuples(st.text(max_size=80), st.booleans()), min_size=1, max_size=7), st.integers(20, 120))
def test_a_shortened_quote_keeps_every_figure_and_fits_unless_the_figures_alone_do_not(segments, width):
    from audit.report.text import _fit

    fitted = _fit(segments, width)
    assert [t for t, marked in fitted if marked] == [t for t, marked in segments if marked]
    plain = sum(1 for _, marked in segments if not marked)
    figures = sum(len(t) for t, marked in segments if marked)
    assert sum(len(t) for t, _ in fitted) <= max(width, figures + 3 * plain)


def _rendered_everywhere(report) -> dict[str, str]:
    from audit.report import FORMATS, render

    return {name: render(report, name) for name in FORMATS}


def test_every_report_shows_the_severity_reason_who_checked_each_figure_and_the_coverage():
    """The lead's rules fill these fields; every renderer must show them when present."""
    from dataclasses import replace

    from audit.check import check

    report = check([EXAMPLE_CASE])
    first = report.findings[0]
    claims = (replace(first.claims[0], reviewed=False),) + tuple(replace(c, reviewed=True) for c in first.claims[1:])
    report.findings[0] = replace(first, severity_reason="a round headline figure may itself be rounded", claims=claims)
    report.coverage = {"read": 87, "reviewed": 41, "compared": 52, "uncompared": 35}
    out = _rendered_everywhere(report)
    for name in ("text", "markdown", "html", "json", "github", "sarif"):
        assert "a round headline figure may itself be rounded" in out[name], name
    assert "87 figures read, 41 reviewed, 52 compared" in out["text"]
    assert "87 figures read, 41 reviewed by a person, 52 compared" in out["markdown"]
    assert "87 figures read, 41 reviewed by a person, 52 compared" in out["html"]
    assert json.loads(out["json"])["coverage"]["reviewed"] == 41
    assert "machine-read" in out["markdown"] and "reviewed" in out["markdown"]
    assert 'class="checked machine"' in out["html"] and 'class="checked reviewed"' in out["html"]
    assert "machine-read" in out["github"]
    assert "[a round headline figure may itself be rounded]" in out["text"].splitlines()[0]


def test_a_finding_without_a_line_never_prints_file_none(make_case):
    from audit.check import check

    case = make_case({}, articles={"story": "x"})
    (case / "articles" / "story.md").unlink()
    (case / "articles" / "story.txt").write_text("Flood kills 12\n\nA flood killed 12 people in the north.\n", "utf-8")
    report = check([case])
    assert any(f.line is None and f.file for f in report.findings)  # INPUT009: no date, no line to point at
    for name, text in _rendered_everywhere(report).items():
        assert ":None" not in text and "line=None" not in text, name


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    import sys

    from audit import cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._color() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._color() is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    assert cli._color() is False
