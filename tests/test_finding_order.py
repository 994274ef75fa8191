"""A report's findings come in one order, whatever order the rules produced them in."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.findings import ClaimRef, Finding, finding_order


def _finding(severity: str, rule: str, line: int, claim: str, message: str) -> Finding:
    ref = ClaimRef(id=claim, source="a", text="12", low=Decimal(12), high=Decimal(12), display="12")
    return Finding(rule=rule, name="x", severity=severity, case="c", message=message, claims=(ref,), file="a.md", line=line)


FINDINGS = [_finding(s, r, line, c, m) for s in ("error", "warning") for r in ("AGREE001", "SUM003")
            for line in (3, 7) for c in ("a-001", "a-002") for m in ("one", "two")]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_ties_are_broken_by_claims_and_message(seed: int) -> None:
    shuffled = FINDINGS[:]
    random.Random(seed).shuffle(shuffled)
    assert sorted(shuffled, key=finding_order) == sorted(FINDINGS, key=finding_order)


def test_errors_come_before_warnings_then_rule_and_line() -> None:
    ordered = sorted(FINDINGS, key=finding_order)
    assert ordered[0].severity == "error" and ordered[-1].severity == "warning"
    assert [f.line for f in ordered[:4]] == [3, 3, 3, 3]
