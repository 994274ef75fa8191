"""The source-discrepancy auditor: reads the figures outlets report about one event and reports,
with the source and the quote beside every mismatch, where they do not hold together.

Library first: ``audit.check(paths) -> Report``; the ``audit`` command is a thin layer over it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["check", "Report", "Finding", "ClaimRef", "Config", "AuditError"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from audit.check import check
    from audit.config import Config
    from audit.errors import AuditError
    from audit.findings import ClaimRef, Finding, Report


def __getattr__(name: str) -> Any:
    # lazy: importing audit (e.g. by the pytest plugin) must not import polars and pandera
    if name == "check":
        from audit.check import check

        return check
    if name == "Config":
        from audit.config import Config

        return Config
    if name == "AuditError":
        from audit.errors import AuditError

        return AuditError
    if name in ("Report", "Finding", "ClaimRef"):
        from audit import findings

        return getattr(findings, name)
    raise AttributeError(f"module 'audit' has no attribute {name!r}")
