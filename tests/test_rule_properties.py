"""Invariants of the rules, property-tested with Hypothesis.

- A breakdown whose every figure is a *true* statement about some consistent set of counts (each
  hedge allows the true value) never fires a SUM rule, and nothing else errs about it.
- The order of claims and sources never changes the findings.
"""

from __future__ import annotations

from decimal import Decimal

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.check import load_cases, run_rules
from audit.config import Config
from audit.frame import claims_frame, sources_frame
from audit.hedges import HedgeTable
from audit.loading import claims_of
from tests.conftest import EXAMPLE_CASE

TABLE = HedgeTable()
NATIONALITIES = ["VN", "CN", "TW", "ID", "TH", "MM", "BD", "KR", "PK", "LA"]


@st.composite
def truthful(draw, true: int) -> tuple[str, Decimal, tuple]:
    """A hedge and printed number that are true of ``true``, and the interval they make."""
    options = ["exact", "at_least", "up_to", "fewer_than"] + (["more_than"] if true > 0 else [])
    options += ["about"] if true >= 10 else []
    qualifier = draw(st.sampled_from(options))
    slack = draw(st.integers(0, 50))
    value = {
        "exact": true,
        "at_least": max(0, true - slack),
        "more_than": max(0, true - 1 - slack),
        "up_to": true + slack,
        "fewer_than": true + 1 + slack,
        "about": round(true, -draw(st.integers(0, len(str(true)) - 1))),
    }[qualifier]
    interval = TABLE.interval(Decimal(value), qualifier, integral=True)
    low, high = interval
    assert (low is None or low <= true) and (high is None or true <= high), (qualifier, value, true)
    return qualifier, Decimal(value), interval


def record(case: str, id: str, qualifier: str, value: Decimal, interval: tuple, **extra) -> dict:
    base = {
        "case": case, "id": id, "source": "s", "text": f"{value} people", "start": 0, "end": 5,
        "value": value, "qualifier": qualifier, "low": interval[0], "high": interval[1],
        "measure": "detained", "kind": "count", "unit": None, "place": ["KH"], "group": [],
        "period_start": None, "period_end": None, "role": "body", "part_of": None, "breakdown": None,
        "axis": "", "each": False, "named": [], "named_codes": [], "named_levels": [], "ratio_of": None,
        "describes": None, "cumulative": False, "published": None, "reviewed": True, "file": "f", "line": 1,
    }
    return {**base, **extra}


@settings(max_examples=40, deadline=None)
@given(data=st.data(), parts=st.lists(st.integers(0, 5000), min_size=1, max_size=len(NATIONALITIES)),
       kind=st.sampled_from(["exhaustive", "partial"]), extra=st.integers(0, 300))
def test_a_true_breakdown_never_fires_a_sum_rule(data, parts, kind, extra):
    whole_true = sum(parts) + (extra if kind == "partial" else 0)
    records = [record("c", "whole", *data.draw(truthful(whole_true)))]
    for index, true in enumerate(parts):
        records.append(record("c", f"p{index}", *data.draw(truthful(true)), group=[NATIONALITIES[index]],
                              part_of="whole", breakdown=kind))
    rows = run_rules(claims_frame(records), sources_frame([]), Config(select=("SUM", "HIER", "AGREE")))
    assert rows.is_empty() or rows.height == 0, rows.select("rule", "severity", "message").to_dicts()


def _normalised(rows: pl.DataFrame) -> list[tuple]:
    if rows.is_empty():
        return []
    return sorted((r["rule"], r["severity"], r["message"], r["arithmetic"] or "", tuple(r["claim_ids"]))
                  for r in rows.iter_rows(named=True))


CASES = load_cases([EXAMPLE_CASE])
CLAIMS = claims_of(CASES)  # the loader keeps each case's claims as a frame
SOURCES = sources_frame(
    {"case": case.name, "source": a.source, "path": str(a.path), "title": a.title, "outlet": a.outlet, "url": a.url,
     "published": a.published, "kind": a.kind, "text": a.text}
    for case in CASES for a in case.articles.values()
)
BASELINE = _normalised(run_rules(CLAIMS, SOURCES, Config()))


@settings(max_examples=15, deadline=None)
@given(st.permutations(range(CLAIMS.height)), st.permutations(range(SOURCES.height)))
def test_shuffling_claims_and_sources_never_changes_findings(claim_order, source_order):
    claims = CLAIMS[list(claim_order)]
    sources = SOURCES[list(source_order)]
    assert _normalised(run_rules(claims, sources, Config())) == BASELINE
    assert BASELINE  # the example case has findings to compare
