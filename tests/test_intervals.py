"""Interval arithmetic and the hedge table: property-tested against plain Python arithmetic."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.errors import AuditError
from audit.frame import derive
from audit.hedges import HedgeTable, half_unit
from audit.intervals import BOUND, Interval, contains, exceeds, overlaps, sum_high, sum_low

bound = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))


@st.composite
def intervals(draw) -> Interval:
    low, high = draw(bound), draw(bound)
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Interval(low, high)


def members(interval: Interval) -> list[Decimal]:
    """A few values inside the interval (its ends, and a point beyond an open end)."""
    low = interval.low if interval.low is not None else Decimal(-(10**13))
    high = interval.high if interval.high is not None else Decimal(10**13)
    return [low, high, (low + high) / 2]


def frame(items: list[Interval]) -> pl.DataFrame:
    return pl.DataFrame({"low": [i.low for i in items], "high": [i.high for i in items]},
                        schema={"low": BOUND, "high": BOUND})


@settings(max_examples=60, deadline=None)
@given(st.lists(intervals(), min_size=1, max_size=6))
def test_sum_is_sound_and_matches_python(items):
    """The sum of intervals contains every sum of members, and the Polars sum equals the Python one."""
    total = items[0]
    for item in items[1:]:
        total = total + item
    for pick in range(3):
        assert total.contains(sum(members(i)[pick] for i in items))
    row = frame(items).select(low=sum_low(pl.col("low")), high=sum_high(pl.col("high"))).row(0)
    assert row == (total.low, total.high)


@settings(max_examples=100, deadline=None)
@given(intervals(), intervals())
def test_overlap_is_symmetric_and_agrees_with_membership(a, b):
    df = pl.DataFrame({"al": [a.low], "ah": [a.high], "bl": [b.low], "bh": [b.high]},
                      schema={k: BOUND for k in ("al", "ah", "bl", "bh")})
    ab = df.select(overlaps(pl.col("al"), pl.col("ah"), pl.col("bl"), pl.col("bh"))).item()
    ba = df.select(overlaps(pl.col("bl"), pl.col("bh"), pl.col("al"), pl.col("ah"))).item()
    assert ab == ba == a.overlaps(b)
    if ab:  # a shared value exists: the larger low (or the smaller high) is in both
        lows = [x for x in (a.low, b.low) if x is not None]
        witness = max(lows) if lows else min(x for x in (a.high, b.high, Decimal(0)) if x is not None)
        assert a.contains(witness) and b.contains(witness)


@settings(max_examples=100, deadline=None)
@given(intervals(), intervals())
def test_containment_implies_overlap_and_excludes_exceeding(outer, inner):
    df = pl.DataFrame({"ol": [outer.low], "oh": [outer.high], "il": [inner.low], "ih": [inner.high]},
                      schema={k: BOUND for k in ("ol", "oh", "il", "ih")})
    inside = df.select(contains(pl.col("ol"), pl.col("oh"), pl.col("il"), pl.col("ih"))).item()
    if inside:
        assert all(outer.contains(v) for v in (inner.low, inner.high) if v is not None)
        assert df.select(overlaps(pl.col("ol"), pl.col("oh"), pl.col("il"), pl.col("ih"))).item()
        assert not df.select(exceeds(pl.col("il"), pl.col("oh"))).item()


def test_open_bounds_never_exceed():
    df = pl.DataFrame({"a": [None, Decimal(5)], "b": [Decimal(3), None]}, schema={"a": BOUND, "b": BOUND})
    assert df.select(exceeds(pl.col("a"), pl.col("b"))).to_series().to_list() == [False, False]


@pytest.mark.parametrize("qualifier, value, integral, expected", [
    ("exact", "1000", True, ("1000", "1000")),
    ("more_than", "1000", True, ("1001", None)),
    ("more_than", "1000000000", False, ("1000000000", None)),
    ("at_least", "270", True, ("270", None)),
    ("fewer_than", "0.01", False, ("0", "0.01")),
    ("fewer_than", "50", True, ("0", "49")),
    ("up_to", "80", True, ("0", "80")),
    ("nearly", "1000", True, ("900", "999")),
    ("about", "150000", True, ("145000", "155000")),
    ("about", "43", True, ("43", "43")),
    ("about", "0.6", False, ("0.55", "0.65")),
])
def test_hedge_table(qualifier, value, integral, expected):
    low, high = HedgeTable().interval(Decimal(value), qualifier, integral)
    assert (low, high) == tuple(None if e is None else Decimal(e) for e in expected)


def test_half_unit_is_the_last_significant_digit():
    assert half_unit(Decimal(150000)) == 5000
    assert half_unit(Decimal("1050000000")) == 5_000_000
    assert half_unit(Decimal(43)) == Decimal("0.5")



@pytest.mark.parametrize("value, qualifier, lenient", [
    ("1000", "exact", ("500", "1500")),   # a round figure may itself be rounded
    ("270", "at_least", ("265", None)),
    ("27", "exact", ("27", "27")),        # not round: read as printed
    ("150000", "about", ("145000", "155000")),  # "about" is already its rounding interval
])
def test_lenient_reading_widens_only_round_anchored_counts(value, qualifier, lenient):
    low, high = HedgeTable().interval(Decimal(value), qualifier, integral=True)
    row = {"case": "c", "id": "x", "part_of": None, "measure": "detained", "unit": None, "place": ["KH"],
           "group": [], "period_start": None, "period_end": None, "value": Decimal(value), "low": low,
           "high": high, "qualifier": qualifier, "kind": "count"}
    frame = pl.DataFrame([row], schema_overrides={"value": BOUND, "low": BOUND, "high": BOUND,
                                                  "period_start": pl.Date, "period_end": pl.Date,
                                                  "part_of": pl.String, "unit": pl.String,
                                                  "group": pl.List(pl.String)})
    got = derive(frame.lazy()).collect().select("lenient_low", "lenient_high").row(0)
    assert got == tuple(None if b is None else Decimal(b) for b in lenient)


def test_case_overrides_a_row_of_the_table():
    table = HedgeTable({"more_than": {"low": "n"}})
    assert table.interval(Decimal(1000), "more_than", True) == (Decimal(1000), None)
    assert HedgeTable().interval(Decimal(1000), "more_than", True) == (Decimal(1001), None)


@pytest.mark.parametrize("overrides, message", [
    ({"mor_than": {"low": "n"}}, "did you mean 'more_than'"),
    ({"about": {"low": "__import__('os')"}}, "cannot read hedge formula"),
    ({"about": {"middle": "n"}}, "needs a mapping"),
])
def test_bad_hedge_overrides_are_clear(overrides, message):
    with pytest.raises(AuditError, match=message):
        HedgeTable(overrides)
