"""Assertions for a team's own audits written as tests.

Each takes a ``Report`` (e.g. from the ``audit_report`` fixture of the pytest plugin) or case
paths (audited on the spot) and raises ``AssertionError`` with the findings as a table::

    from audit.testing import assert_agree, assert_no_errors

    def test_no_case_has_an_error(audit_report):
        assert_no_errors(audit_report("cases"))

    def test_outlets_agree_on_the_detained(audit_report):
        assert_agree(audit_report("cases/cambodia-2025-07"), measure="detained", place="KH")
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from audit.findings import Finding, Report, severity_rank

__all__ = ["assert_no_errors", "assert_no_findings", "assert_agree", "findings_of"]

AGREEMENT_RULES = ("AGREE001", "AGREE002")


def _report(target: Report | str | Path | Sequence[str | Path]) -> Report:
    if isinstance(target, Report):
        return target
    from audit.check import check

    paths = [target] if isinstance(target, str | Path) else list(target)
    return check(paths)


def _fail(what: str, findings: list[Finding]) -> None:
    if findings:
        from audit.report.table import findings_table

        raise AssertionError(f"{what}: {len(findings)} finding(s)\n\n{findings_table(findings)}")


def findings_of(target: Report | str | Path | Sequence[str | Path], rule: str | None = None,
                level: str = "info") -> list[Finding]:
    """The live findings (not waived, not baselined) at or above ``level``, of ``rule`` (a code or prefix) if given."""
    report = _report(target)
    return [f for f in report.findings
            if f.gating and severity_rank(f.severity) >= severity_rank(level)
            and (rule is None or f.rule.startswith(rule))]


def assert_no_errors(target: Report | str | Path | Sequence[str | Path], level: str = "error") -> None:
    """Fail when any live finding is at or above ``level`` (error by default)."""
    _fail(f"findings at or above {level}", findings_of(target, level=level))


def assert_no_findings(target: Report | str | Path | Sequence[str | Path], rule: str, level: str = "info") -> None:
    """Fail when rule ``rule`` (code or prefix, e.g. "SUM") has a live finding at or above ``level``."""
    _fail(f"{rule} findings", findings_of(target, rule=rule, level=level))


def _involves(finding: Finding, measure: str | None, place: str | None, claims: Iterable[str]) -> bool:
    wanted = set(claims)
    for claim in finding.claims:
        if wanted and claim.id not in wanted:
            continue
        if measure is not None and claim.measure != measure:
            continue
        if place is not None and place not in claim.place:
            continue
        return True
    return False


def assert_agree(target: Report | str | Path | Sequence[str | Path], *, measure: str | None = None,
                 place: str | None = None, claims: Iterable[str] = (), level: str = "info") -> None:
    """Fail when outlets (or one outlet's headline and body) disagree about a figure.

    The figure is chosen by ``measure`` (e.g. "detained"), ``place`` (an ISO code, e.g. "KH")
    and/or claim ids; a disagreement is a live AGREE001/AGREE002 finding involving such a claim.
    """
    claims = tuple(claims)
    if measure is None and place is None and not claims:
        raise ValueError("assert_agree needs measure=, place= or claims= to choose a figure")
    found = [f for f in findings_of(target, level=level)
             if f.rule in AGREEMENT_RULES and _involves(f, measure, place, claims)]
    what = ", ".join(f"{k}={v!r}" for k, v in (("measure", measure), ("place", place), ("claims", list(claims))) if v)
    _fail(f"sources disagree about the figure ({what})", found)
