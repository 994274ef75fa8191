"""The one root of the auditor's exceptions: bad *use* (a wrong option, a path that is not a case).

Bad *data* is never an exception: an unreadable article or a malformed claim becomes a finding.
The CLI catches ``AuditError`` once, prints its message on one line and exits with code 2.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["AuditError", "did_you_mean"]


class AuditError(Exception):
    """Misuse of the auditor: the message names the file, the value and, where one exists, a close match."""


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'X'?"`` for the closest choice, or an empty string when none is close."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
