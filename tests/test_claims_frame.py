"""``claims_frame`` builds its frame a column at a time; it must equal polars' row-by-row reading of the same
records, values of unexpected types included (those are left to the row-by-row reading)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl
from hypothesis import given, settings, strategies as st
from polars.testing import assert_frame_equal

from audit.frame import CLAIM_COLUMNS, claims_frame

CODES = ["KH", "KH-1", "KH-10/Kratie", "TH", "ID", "female", "Phnom Penh", "", "é"]


def _typed(dtype: pl.DataType) -> st.SearchStrategy:
    if dtype == pl.String:
        return st.one_of(st.sampled_from(["a", "exact", "KH", ""]), st.text(max_size=5))
    if dtype == pl.Int64:
        return st.integers(-(2**63), 2**63 - 1)
    if dtype == pl.Boolean:
        return st.booleans()
    if dtype == pl.Date:
        return st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))
    if isinstance(dtype, pl.Decimal):
        return st.one_of(*(st.decimals(min_value=Decimal("-1e23"), max_value=Decimal("1e23"), allow_nan=False,
                                       allow_infinity=False, places=places) for places in (0, 2, 9, 12)))
    return st.lists(st.sampled_from(CODES), max_size=3)  # List(String)


_ODD = st.one_of(st.integers(-5, 5), st.floats(allow_nan=False, allow_infinity=False, width=32), st.text(max_size=3),
                 st.booleans(), st.just(dt.date(2024, 2, 29)), st.just(Decimal("1.5")), st.just(["x", 1]),
                 st.just(2**70))


@st.composite
def records(draw, odd: bool):
    shared = {name: draw(st.lists(_typed(dtype), min_size=1, max_size=3)) for name, dtype in CLAIM_COLUMNS.items()}
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        row = {}
        for name in CLAIM_COLUMNS:
            choice = draw(st.integers(0, 9 if odd else 8))
            if choice == 0:
                continue  # left out: null
            row[name] = None if choice == 1 else draw(_ODD) if choice == 9 else draw(st.sampled_from(shared[name]))
        rows.append(row)
    return rows


def _by_rows(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame([{name: row.get(name) for name in CLAIM_COLUMNS} for row in rows], schema=CLAIM_COLUMNS,
                        orient="row")


def _same(rows: list[dict]) -> None:
    try:
        expected = _by_rows(rows)
    except Exception as error:  # noqa: BLE001 - whatever polars refuses, claims_frame refuses alike
        try:
            claims_frame(rows)
        except Exception as mine:  # noqa: BLE001
            assert type(mine) is type(error)
            return
        raise AssertionError(f"claims_frame read what polars refuses: {error}") from None
    assert_frame_equal(claims_frame(rows), expected)
    assert_frame_equal(claims_frame(iter(rows)), expected)


@settings(max_examples=60, deadline=None)
@given(rows=records(odd=False))
def test_typed_records_make_the_row_by_row_frame(rows):
    _same(rows)


@settings(max_examples=60, deadline=None)
@given(rows=records(odd=True))
def test_records_of_other_types_make_the_row_by_row_frame(rows):
    _same(rows)


def test_every_column_of_a_loader_record() -> None:
    record = {name: None for name in CLAIM_COLUMNS}
    record.update(id="a-1", start=3, end=9, value=Decimal("0.1234567891"), low=Decimal("-5"), high=Decimal("1e23"),
                  place=["KH-1", "KH"], group=[], named=["Kratie"], each=True, period_start=dt.date(2025, 7, 14))
    rows = [record, {**record, "place": ["KH-1", "KH"], "id": "a-2"}, {**record, "place": []}, {**record, "place": None}]
    _same(rows)
    assert claims_frame(rows)["place"].to_list() == [["KH-1", "KH"], ["KH-1", "KH"], [], None]
    assert claims_frame([]).schema == pl.Schema(CLAIM_COLUMNS)


def test_equal_figures_written_differently_keep_their_values() -> None:
    figures = [Decimal("100"), Decimal("100.0"), Decimal("1E+2"), Decimal("-0"), Decimal("0"), None,
               Decimal("0.1234567891"), Decimal("-2.5"), Decimal("99999999999999999999999.999999999")]
    rows = [{"value": figure, "low": figure, "period_start": dt.date(2025, 1, 1 + i % 3)} for i, figure in
            enumerate(figures * 3)]
    _same(rows)
    assert claims_frame(rows)["value"].to_list()[:3] == [Decimal("100")] * 3
