"""`--format sarif` and `--format github`: what CI systems read."""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit.check import check
from audit.findings import Report
from audit.report import FORMATS, render
from audit.report.github import CAP, annotation, escape_data, escape_property, summary
from audit.rules import REGISTRY
from tests.ci_support import EXAMPLE, SARIF_SCHEMA, run_audit


@pytest.fixture(scope="module")
def report() -> Report:
    return check([os.path.relpath(EXAMPLE)])  # relative, as a user types it (run from the repository root)


def _unescape(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_the_formats_are_registered():
    assert {"sarif", "github"} <= set(FORMATS)


def test_sarif_is_valid_sarif_2_1_0(report: Report):
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the SARIF schema is not at {SARIF_SCHEMA} (../shared is absent)")
    import jsonschema

    jsonschema.validate(json.loads(render(report, "sarif")), json.loads(SARIF_SCHEMA.read_text("utf-8")))


def test_sarif_rules_carry_their_docstrings_and_results_their_fingerprints(report: Report):
    run = json.loads(render(report, "sarif"))["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == set(report.rules_run)
    assert rules["SUM003"]["help"]["text"] == REGISTRY["SUM003"].doc
    assert rules["SUM003"]["shortDescription"]["text"] == REGISTRY["SUM003"].summary
    assert [r["ruleId"] for r in run["results"]] == [f.rule for f in report.findings]
    for result, finding in zip(run["results"], report.findings, strict=True):
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"] == {"auditFinding/v1": finding.fingerprint}
        region = result["locations"][0]["physicalLocation"]["region"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == finding.file
        assert region["startLine"] == finding.line
        assert "baselineState" not in result  # nothing was compared


def test_sarif_shows_waivers_and_baselined_findings_as_suppressions(report: Report):
    findings = [replace(report.findings[0], waived="the outlet corrected it"), replace(report.findings[1], baselined=True)]
    run = json.loads(render(replace(report, findings=findings, baseline_gone=[]), "sarif"))["runs"][0]
    assert run["results"][0]["suppressions"] == [{"kind": "inSource", "justification": "the outlet corrected it"}]
    assert run["results"][1]["suppressions"][0]["kind"] == "external"
    assert [r["baselineState"] for r in run["results"]] == ["new", "unchanged"]


def test_github_annotations_point_at_the_article_lines(report: Report):
    lines = render(report, "github").splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == len(report.findings)
    for line, finding in zip(annotations, report.findings, strict=True):
        assert line.startswith(f"::warning file={finding.file},line={finding.line},title={finding.rule} ")
        assert re.match(r"::warning file=[^,]*/articles/[\w.-]+\.md,line=\d+,", line)
    counts = report.counts()
    assert lines[-1].startswith(f"audit: 1 case(s): {counts['error']} error(s), {counts['warning']} warning(s)")


def test_github_caps_annotations_at_ten_per_level_and_counts_the_rest(report: Report):
    base = report.findings[0]
    many = [replace(base, severity="error", message=f"e{i}") for i in range(13)]
    many += [replace(base, severity="warning", message=f"w{i}") for i in range(11)]
    many += [replace(base, severity="info", message=f"i{i}") for i in range(2)]
    lines = render(replace(report, findings=many), "github").splitlines()
    assert sum(line.startswith("::error ") for line in lines) == CAP
    assert sum(line.startswith("::warning ") for line in lines) == CAP
    assert sum(line.startswith("::notice ") for line in lines) == 2
    assert "audit: 3 error(s), 1 warning(s) more not shown as annotations" in "\n".join(lines)


def test_github_does_not_annotate_waived_baselined_or_old_findings(report: Report):
    findings = [replace(report.findings[0], waived="accepted"), replace(report.findings[1], baselined=True),
                replace(report.findings[2], new=False), replace(report.findings[3], new=True)]
    out = render(replace(report, findings=findings), "github")
    assert out.count("\n::") + out.startswith("::") == 1
    assert "3 finding(s) not annotated" in out


@given(st.text())
def test_escaped_workflow_command_values_cannot_break_out(value: str):
    data, prop = escape_data(value), escape_property(value)
    assert "\n" not in data and "\r" not in data
    assert not {"\n", "\r", ":", ","} & set(prop)
    assert _unescape(prop) == value
    assert data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%") == value


def test_an_article_cannot_inject_a_workflow_command(report: Report):
    finding = replace(report.findings[0], message="bad\n::error file=x::injected", file="a,b:c.md")
    line = annotation(finding)
    assert "\n" not in line
    assert "file=a%2Cb%3Ac.md," in line and "%0A::error file=x::injected" in line


def test_the_step_summary_lists_the_findings_and_the_full_report(report: Report):
    text = summary(report)
    assert f"{len(report.findings)} new finding(s)" in text
    assert "SUM003" in text and "abc-2025-07-17.md" in text
    assert "<details><summary>Full report</summary>" in text and "# Discrepancy report" in text


def test_the_cli_writes_the_step_summary_when_github_asks(tmp_path: Path):
    summary_file = tmp_path / "summary.md"
    summary_file.write_text("earlier step\n")
    done = run_audit(EXAMPLE.parent.parent, "check", "cases/cambodia-2025-07", "--format", "github", "--no-write",
                     env={"GITHUB_STEP_SUMMARY": str(summary_file)})
    assert done.returncode == 0, done.stderr
    text = summary_file.read_text("utf-8")
    assert text.startswith("earlier step\n")  # appended, as GitHub expects
    assert "PLACE001" in text


def test_waived_findings_are_shown_in_every_report(tmp_path: Path):
    import shutil

    case = tmp_path / "cambodia-2025-07"
    shutil.copytree(EXAMPLE, case)
    with (case / "case.yaml").open("a", encoding="utf-8") as file:
        file.write("waivers:\n  - rule: PLACE001\n    claims: [tv-provinces]\n"
                   "    reason: Poipet stands for Banteay Meanchey here\n")
    waived = check([case])
    place = [f for f in waived.findings if f.rule == "PLACE001"]
    assert place and place[0].waived == "Poipet stands for Banteay Meanchey here"
    assert waived.counts()["warning"] == check([EXAMPLE]).counts()["warning"] - 1
    for format in ("text", "markdown", "html", "sarif", "json"):
        assert "Poipet stands for Banteay Meanchey here" in render(waived, format), format
    assert "PLACE001 (waived)" in summary(waived)
