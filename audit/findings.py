"""Findings are plain data: what is wrong, by which rule, and every claim involved with its source.

Rules return rows (see ``FindingsModel``); ``attach_claims`` turns them into ``Finding`` values
carrying, for each claim, the outlet, url, phrase, sentence and location. Renderers in
``audit.report`` only read these values.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

__all__ = ["ClaimRef", "Figure", "Finding", "Report", "SEVERITIES", "finding_order", "severity_rank"]

SEVERITIES = ("error", "warning", "info")


def severity_rank(severity: str) -> int:
    """error 3, warning 2, info 1, never 0 (for --fail-on comparisons)."""
    return {"error": 3, "warning": 2, "info": 1}.get(severity, 0)


def finding_order(finding: Finding) -> tuple:
    """The order of a report's findings: by case, severity (errors first), rule, file and line, then the
    claims and the message, so that a run prints its findings in the same order every time."""
    return (finding.case, -severity_rank(finding.severity), finding.rule, finding.file or "", finding.line or 0,
            tuple(c.id for c in finding.claims), finding.message)


@dataclass(frozen=True)
class ClaimRef:
    """One claim as a finding shows it: the figure beside its source and quote."""

    id: str
    source: str
    text: str
    low: Decimal | None
    high: Decimal | None
    display: str
    place: tuple[str, ...] = ()
    group: tuple[str, ...] = ()
    measure: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    sentence: str | None = None  # the sentence around the phrase, read from the article
    file: str | None = None  # the article file (or the claim file when there is no article)
    line: int | None = None
    start: int | None = None
    end: int | None = None
    role: str = "body"
    reviewed: bool | None = None  # True: a person checked it (claim file says reviewed); False: machine-read; None: unknown
    as_of: str | None = None  # the day the count stands at (ISO date), when known
    authority: str | None = None  # who gives the figure ("health ministry", "police"), when the text says


@dataclass(frozen=True)
class Finding:
    rule: str
    name: str
    severity: str
    case: str
    message: str
    claims: tuple[ClaimRef, ...] = ()
    arithmetic: str | None = None
    observed: tuple[Decimal | None, Decimal | None] | None = None
    expected: tuple[Decimal | None, Decimal | None] | None = None
    file: str | None = None  # where to point: the first claim's article, or the input file
    line: int | None = None
    waived: str | None = None  # the reason a waiver in case.yaml gives
    new: bool | None = None  # --changed-since: True when a claim comes from an added or changed file; None: not compared
    baselined: bool = False  # --baseline: recorded in the baseline file, so it does not fail the run
    severity_reason: str | None = None  # why this severity ("warning: two authorities"), shown beside it

    @property
    def gating(self) -> bool:
        """Whether this finding can fail a run: not waived, not in the baseline, not known to be old."""
        return not self.waived and not self.baselined and self.new is not False

    @property
    def reason_text(self) -> str | None:
        """The severity reason without its leading "warning: ", for renderers that label it themselves."""
        reason = self.severity_reason
        if reason and reason.startswith(f"{self.severity}: "):
            return reason[len(self.severity) + 2:]
        return reason

    @property
    def fingerprint(self) -> str:
        """Stable across line moves: rule, case and the ids of the claims involved (or the message)."""
        ids = sorted(c.id for c in self.claims) or [self.message]
        return hashlib.sha256("\x1f".join([self.rule, self.case, *ids]).encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["fingerprint"] = self.fingerprint
        return _plain(data)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Figure:
    """One figure (same measure, unit, place, group and period) as several sources of a case report it.

    Not a finding: the agreeing claims too, so a renderer can show every outlet's interval side by side.
    """

    case: str
    claims: tuple[ClaimRef, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source for c in self.claims))


@dataclass
class Report:
    """The result of one audit run: findings plus what was audited."""

    findings: list[Finding] = field(default_factory=list)
    cases: list[str] = field(default_factory=list)
    sources: int = 0
    claims: int = 0
    rules_run: list[str] = field(default_factory=list)
    source_table: list[dict[str, Any]] = field(default_factory=list)
    baseline_gone: list[dict[str, Any]] | None = None  # --baseline: entries that no longer occur (None: no baseline)
    case_fail_on: dict[str, str] = field(default_factory=dict)  # each case's fail-on (its settings win for it)
    figures: list[Figure] = field(default_factory=list)  # figures two or more sources report (for pictures)
    #: how much was checked, as statcheck reports its share: {"read": n, "reviewed": n, "compared": n, "uncompared": n}
    coverage: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        live = [f for f in self.findings if not f.waived and not f.baselined]
        return {s: sum(1 for f in live if f.severity == s) for s in SEVERITIES}

    def worst(self) -> int:
        """The rank of the worst finding that can fail the run (see ``Finding.gating``)."""
        return max((severity_rank(f.severity) for f in self.findings if f.gating), default=0)

    def fails(self, fail_on: str | None = None, default: str = "error") -> bool:
        """Whether a finding that can fail the run reaches the failing level: ``fail_on`` for every
        case (the command line), else each case's own fail-on, else ``default``."""
        for finding in self.findings:
            level = fail_on or self.case_fail_on.get(finding.case, default)
            if finding.gating and level != "never" and severity_rank(finding.severity) >= severity_rank(level):
                return True
        return False

    def summary(self) -> dict[str, Any]:
        return {
            "cases": len(self.cases),
            "sources": self.sources,
            "claims": self.claims,
            "rules_run": len(self.rules_run),
            "findings": self.counts(),
            "waived": sum(1 for f in self.findings if f.waived),
            **({"baselined": sum(1 for f in self.findings if f.baselined)} if self.baseline_gone is not None else {}),
            **({"new": sum(1 for f in self.findings if f.new)} if any(f.new is not None for f in self.findings) else {}),
        }

    def to_dict(self) -> dict[str, Any]:
        data = {
            "summary": self.summary(),
            "sources": _plain(self.source_table),
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.baseline_gone is not None:
            data["baseline_gone"] = _plain(self.baseline_gone)
        return data
