"""Configuration in `[tool.audit]` and case.yaml `settings:`: select, ignore, severity, fail-on, hedges."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.check import check
from audit.cli import app
from audit.config import Config
from audit.errors import AuditError
from tests.ci_support import EXAMPLE

runner = CliRunner()



def pyproject(folder: Path, body: str) -> None:
    (folder / "pyproject.toml").write_text(f"[tool.audit]\n{body}\n", encoding="utf-8")


def settings(folder: Path, body: str) -> None:
    case_file = folder / "cases" / EXAMPLE.name / "case.yaml"
    case_file.write_text(case_file.read_text("utf-8") + f"settings:\n{body}\n", encoding="utf-8")


def rules_found(*args: str) -> tuple[int, list[str]]:
    done = runner.invoke(app, ["check", "cases", "--no-write", "--format", "json", *args])
    return done.exit_code, sorted(f["rule"] for f in json.loads(done.stdout)["findings"]) if done.exit_code < 2 else []


def test_select_and_ignore_in_pyproject(workspace: Path):
    pyproject(workspace, 'select = ["SUM", "AGREE"]\nignore = ["AGREE002"]')
    assert rules_found() == (0, ["SUM003", "SUM003"])


def test_a_case_setting_wins_for_its_case(workspace: Path):
    pyproject(workspace, 'ignore = ["SUM003"]')
    settings(workspace, "  ignore: [PLACE001]")
    expected = sorted(f.rule for f in check([EXAMPLE]).findings if f.rule != "PLACE001")
    assert "SUM003" in expected
    assert rules_found() == (0, expected)


def test_severity_overrides_and_fail_on(workspace: Path):
    pyproject(workspace, 'fail-on = "error"\n[tool.audit.severity]\nPLACE001 = "error"')
    code, _ = rules_found()
    assert code == 1
    settings(workspace, '  fail-on: never')
    assert rules_found()[0] == 0
    assert rules_found("--fail-on", "warning")[0] == 1  # the command line wins


@pytest.mark.parametrize(("body", "message"), [
    ('select = ["SUM03"]', "unknown rule code 'SUM03'; did you mean 'SUM003'?"),
    ('ignore = ["PLACE01"]', "unknown rule code 'PLACE01'; did you mean 'PLACE001'?"),
    ('fail-on = "errors"', "fail-on must be one of error, warning, info, never, got 'errors'"),
    ('slect = ["SUM"]', "unknown setting 'slect'; did you mean 'select'?"),
    ('[tool.audit.hedges]\nabout = { low = "n - hlf" }', "cannot read hedge formula 'n - hlf'"),
    ('[tool.audit.hedges]\nabuot = { low = "n" }', "unknown hedge 'abuot'; did you mean 'about'?"),
])
def test_bad_settings_are_one_line_and_exit_2(workspace: Path, body: str, message: str):
    pyproject(workspace, body)
    (workspace / "reports").mkdir()
    done = runner.invoke(app, ["check", "cases"])
    assert done.exit_code == 2
    assert message in done.output and len(done.output.strip().splitlines()) == 1
    assert "pyproject.toml" in done.output
    assert not any((workspace / "reports").iterdir())  # nothing written


def test_an_unknown_code_in_case_settings_names_the_case_file(workspace: Path):
    settings(workspace, "  select: [AGRE001]")
    done = runner.invoke(app, ["check", "cases", "--no-write"])
    assert done.exit_code == 2
    assert "case.yaml: unknown rule code 'AGRE001'; did you mean 'AGREE001'?" in done.output


def test_hedge_overrides_in_pyproject_reach_every_case(workspace: Path):
    # "more than 1,000" read as at least 1,000: the headline 1,000 then agrees with its body
    pyproject(workspace, '[tool.audit.hedges]\nmore_than = { low = "n" }')
    assert Config.from_pyproject(workspace).hedges == {"more_than": {"low": "n"}}
    report = check(["cases"], Config.from_pyproject(workspace))
    assert "AGREE002" not in {f.rule for f in report.findings}
    assert "AGREE002" in {f.rule for f in check(["cases"], Config()).findings}


def test_a_cases_own_hedges_win_over_pyproject(workspace: Path):
    pyproject(workspace, '[tool.audit.hedges]\nmore_than = { low = "n" }')
    case_file = workspace / "cases" / EXAMPLE.name / "case.yaml"
    case_file.write_text(case_file.read_text() + "hedges:\n  more_than: {low: 'n + step'}\n")
    report = check(["cases"], Config.from_pyproject(workspace))
    assert "AGREE002" in {f.rule for f in report.findings}


def test_config_merged_rejects_unknown_codes_directly():
    with pytest.raises(AuditError, match="did you mean 'COUNT001'"):
        Config().merged({"select": ["CONT001"]}, "here")
