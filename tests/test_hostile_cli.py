"""The CLI's last line of defence: any exception is one line and exit code 2 (exit code 1 means
findings, never a crash); ``--debug`` adds the traceback."""

from __future__ import annotations

import os
import sys

import pytest

import audit.check
from audit.cli import ISSUES, main


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["audit", *args])
    with pytest.raises(SystemExit) as done:
        main()
    out, err = capsys.readouterr()
    return done.value.code, out, err


def _broken_check(*args, **kwargs):
    raise KeyError("a bug deep inside")


def test_an_internal_error_is_one_line_and_exit_code_2(monkeypatch, capsys, workspace) -> None:
    monkeypatch.setattr(audit.check, "check", _broken_check)
    code, out, err = _run(monkeypatch, capsys, "check", "cases")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("audit: internal error: KeyError") and ISSUES in err and "--debug" in err


def test_debug_shows_the_traceback(monkeypatch, capsys, workspace) -> None:
    monkeypatch.setattr(audit.check, "check", _broken_check)
    code, _, err = _run(monkeypatch, capsys, "check", "--debug", "cases")
    assert code == 2 and "Traceback (most recent call last)" in err and "a bug deep inside" in err
    assert err.rstrip().splitlines()[-1].startswith("audit: internal error: KeyError")


def test_misuse_stays_a_plain_one_line_error(monkeypatch, capsys, workspace) -> None:
    code, _, err = _run(monkeypatch, capsys, "check", "no-such-case")
    assert code == 2 and err == "audit: no-such-case: no such file or folder\n"


def test_an_interrupt_is_not_a_crash(monkeypatch, capsys, workspace) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(audit.check, "check", interrupted)
    code, _, err = _run(monkeypatch, capsys, "check", "cases")
    assert code == 130 and "Traceback" not in err  # 128 + SIGINT, as a shell reports it


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_reports_folder_is_one_line(monkeypatch, capsys, workspace) -> None:
    (workspace / "reports").mkdir()
    (workspace / "reports").chmod(0o555)
    try:
        code, _, err = _run(monkeypatch, capsys, "check", "cases")
    finally:
        (workspace / "reports").chmod(0o755)
    assert code == 2 and err.startswith("audit: reports") and "cannot write" in err and "Traceback" not in err


def test_a_reports_folder_refusing_writes_is_one_line(monkeypatch, capsys, workspace) -> None:
    """What a read-only folder does for a user who is not root, whoever runs the tests."""
    import audit.boundary

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(audit.boundary.tempfile, "mkstemp", refused)
    code, _, err = _run(monkeypatch, capsys, "check", "cases")
    assert code == 2 and err.count("\n") == 1 and "cannot write: Permission denied" in err
