"""`audit report`, `audit check --format html`, and the progress bar (terminal only, quiet in CI)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from typer.testing import CliRunner

from audit.cli import app
from audit.progress import progress, wanted

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "cases" / "cambodia-2025-07"


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_report_command_writes_three_files(tmp_path):
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["findings.json", "index.html", "report.md"]
    assert "<article class=\"card warning\"" in (tmp_path / "out" / "index.html").read_text("utf-8")


def test_report_command_defaults_to_reports_dir(tmp_path):
    result = CliRunner().invoke(app, ["report", str(EXAMPLE), "--reports-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cambodia-2025-07" / "index.html").is_file()


def test_report_command_refuses_one_output_for_several_cases(tmp_path):
    for name in ("a", "b"):
        shutil.copytree(EXAMPLE, tmp_path / "cases" / name)
    result = CliRunner().invoke(app, ["report", str(tmp_path / "cases"), "--output", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "holds 2 cases" in result.output
    assert not (tmp_path / "out").exists()


def test_report_command_missing_case_is_one_line_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["report", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0 and "no such file or folder" in result.output


def test_check_writes_index_html_by_default_and_renders_html(tmp_path):
    result = CliRunner().invoke(app, ["check", str(EXAMPLE), "--format", "html", "--output", str(tmp_path / "one.html"),
                                      "--reports-dir", str(tmp_path / "reports")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "one.html").read_text("utf-8").startswith("<!doctype html>")
    assert (tmp_path / "reports" / "cambodia-2025-07" / "index.html").is_file()


def test_progress_is_wanted_on_a_terminal_only_outside_ci():
    assert wanted(Tty(), environ={})
    assert not wanted(Tty(), environ={"CI": "true"})
    assert not wanted(io.StringIO(), environ={})
    assert wanted(Tty(), environ={"CI": "false"})


def test_progress_bar_draws_on_a_terminal_and_nothing_otherwise():
    from rich.console import Console

    screen = Tty()
    console = Console(file=screen, force_terminal=True, width=80)
    with progress(3, "reading cases", enabled=True, console=console) as advance:
        for name in ("a", "b", "c"):
            advance(name)
    assert "reading cases" in screen.getvalue()
    quiet = io.StringIO()
    with progress(3, "reading cases", enabled=False, console=Console(file=quiet)) as advance:
        advance("a")
    assert quiet.getvalue() == ""
