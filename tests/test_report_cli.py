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


def _cases(folder: Path, count: int) -> Path:
    for number in range(count):
        shutil.copytree(EXAMPLE, folder / f"case-{number}")
    return folder


def test_check_of_more_cases_than_the_limit_writes_no_report_folders_unasked(tmp_path, monkeypatch):
    # every index.html draws its pictures (about a second a case): a repository of thousands of cases is not
    # made to wait hours for pages nobody asked for; the limit is made small here so the test stays fast
    monkeypatch.setattr("audit.report.files.UNASKED_UP_TO", 2)
    cases = _cases(tmp_path / "cases", 3)
    result = CliRunner().invoke(app, ["check", str(cases), "--reports-dir", str(tmp_path / "reports"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "reports").exists()
    assert "3 cases: their report folders are written unasked for up to 2" in result.output
    assert "--write writes them" in result.output
    quiet = CliRunner().invoke(app, ["check", str(cases), "--reports-dir", str(tmp_path / "reports"), "--no-cache", "-q"])
    assert "report folders" not in quiet.output and not (tmp_path / "reports").exists()


def test_check_writes_report_folders_up_to_the_limit_and_beyond_it_with_write(tmp_path, monkeypatch):
    monkeypatch.setattr("audit.report.files.UNASKED_UP_TO", 2)
    few = _cases(tmp_path / "few", 2)
    result = CliRunner().invoke(app, ["check", str(few), "--reports-dir", str(tmp_path / "reports"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["case-0", "case-1"]
    assert "report folders are written unasked" not in result.output
    many = _cases(tmp_path / "many", 3)
    asked = CliRunner().invoke(app, ["check", str(many), "--write", "--reports-dir", str(tmp_path / "asked"), "--no-cache"])
    assert asked.exit_code == 0, asked.output
    assert sorted(p.name for p in (tmp_path / "asked").iterdir()) == ["case-0", "case-1", "case-2"]
    assert all((tmp_path / "asked" / f"case-{n}" / "index.html").is_file() for n in range(3))
    assert "report folders are written unasked" not in asked.output
    refused = CliRunner().invoke(app, ["check", str(few), "--no-write", "--reports-dir", str(tmp_path / "none")])
    assert refused.exit_code == 0, refused.output
    assert [p.name for p in (tmp_path / "none").iterdir()] == [".audit_cache"]  # the cache, and no report folder


def test_check_help_states_the_limit_of_report_folders_written_unasked():
    from audit.report.files import UNASKED_UP_TO, written_unasked

    assert written_unasked(UNASKED_UP_TO) and not written_unasked(UNASKED_UP_TO + 1)
    result = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "400"})
    assert f"for up to {UNASKED_UP_TO} case folders" in " ".join(result.output.split())
