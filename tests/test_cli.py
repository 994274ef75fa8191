"""The command line: exit codes like a linter, the JSON shape, rules and their documentation."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from audit.cli import app
from tests.conftest import EXAMPLE_CASE

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_exit_codes_follow_fail_on():
    assert run("check", str(EXAMPLE_CASE), "--no-write").exit_code == 0  # warnings only
    assert run("check", str(EXAMPLE_CASE), "--no-write", "--fail-on", "warning").exit_code == 1
    assert run("check", str(EXAMPLE_CASE), "--no-write", "--fail-on", "never").exit_code == 0


def test_usage_errors_exit_2_with_one_line(tmp_path):
    for args, fragment in [
        (("check", str(tmp_path / "nope"), "--no-write"), "no such file or folder"),
        (("check", str(tmp_path), "--no-write"), "no case.yaml"),
        (("check", str(EXAMPLE_CASE), "--no-write", "--format", "yml"), "unknown format 'yml'"),
        (("check", str(EXAMPLE_CASE), "--no-write", "--fail-on", "warnings"), "fail-on must be one of"),
        (("explain", "SUM01"), "did you mean 'SUM001'"),
    ]:
        result = run(*args)
        assert result.exit_code == 2, result.output
        assert fragment in result.output
        assert "Traceback" not in result.output


def test_json_format():
    result = run("check", str(EXAMPLE_CASE), "--no-write", "--format", "json")
    data = json.loads(result.output)
    assert data["summary"] == {"cases": 1, "sources": 3, "claims": 35, "rules_run": data["summary"]["rules_run"],
                               "findings": {"error": 0, "warning": 5, "info": 0}, "waived": 0}
    assert data["coverage"]["read"] == 35 and data["coverage"]["reviewed"] == 35
    finding = next(f for f in data["findings"] if f["rule"] == "SUM003")
    assert {"rule", "severity", "message", "claims", "arithmetic", "observed", "expected"} <= set(finding)
    claim = finding["claims"][1]
    assert claim["source"] == "abc-2025-07-17" and claim["text"] == "85 Cambodians"
    assert claim["low"] == 85 and claim["high"] == 85 and claim["place"] == ["KH-12", "KH-18"] and claim["group"] == ["KH"]
    assert finding["claims"][2]["high"] is None  # "more than 200": open above


def test_markdown_and_output_file(tmp_path):
    target = tmp_path / "r.md"
    assert run("check", str(EXAMPLE_CASE), "--no-write", "-f", "markdown", "-o", str(target)).exit_code == 0
    text = target.read_text("utf-8")
    assert text.startswith("# Discrepancy report") and "**over 1,000 people**" in text


def test_rules_and_explain():
    listing = run("rules").output
    assert "SUM003" in listing and "sums.unexplained-remainder" in listing
    explained = run("explain", "sum003").output
    assert "*Anti-pattern*" in explained and "*Best practice*" in explained


def test_schemas_check_passes_on_the_published_contracts():
    assert run("schemas", "schemas", "--check").exit_code == 0


def test_the_installed_command_exits_at_once_with_its_output_flushed(tmp_path: Path):
    """``audit.cli.run`` (the console script, ``python -m audit``) skips the interpreter's teardown: what it
    printed still arrives, and the exit code is main's."""
    import subprocess
    import sys

    missing = subprocess.run([sys.executable, "-m", "audit", "check", str(tmp_path / "nowhere")],
                             capture_output=True, text=True)
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    helped = subprocess.run([sys.executable, "-m", "audit", "--help"], capture_output=True, text=True)
    assert helped.returncode == 0 and "check" in helped.stdout
