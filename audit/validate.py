"""Pandera schemas (pandera.polars) for every frame, and lazy validation that turns each failure
into a ``Problem`` pointing at the claim file and line -- never a traceback.

The models are the data contracts published in ``schemas/`` (exported by ``audit schemas``;
a test keeps the published files in sync with the code).
"""

from __future__ import annotations

from pathlib import Path

import pandera.polars as pa
import polars as pl
from pandera.engines import polars_engine

from audit.case import Problem
from audit.hedges import QUALIFIERS
from audit.vocabulary import FIGURE_KINDS, MEASURES, READINGS as _HOW

__all__ = ["ClaimsModel", "SourcesModel", "FindingsModel", "validate_claims", "MODELS"]

_Bound = polars_engine.Decimal(38, 9)
_CODE = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?(/.+)?$"


class ClaimsModel(pa.DataFrameModel):
    """One row per reported figure."""

    case: str
    id: str = pa.Field(str_matches=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")
    source: str
    text: str = pa.Field(str_length={"min_value": 1})
    start: int = pa.Field(ge=0)
    end: int = pa.Field(ge=1)
    value: _Bound = pa.Field(nullable=True)
    qualifier: str = pa.Field(isin=list(QUALIFIERS))
    low: _Bound = pa.Field(nullable=True)
    high: _Bound = pa.Field(nullable=True)
    measure: str = pa.Field(isin=list(MEASURES))
    kind: str = pa.Field(isin=["count", "amount", "ratio"])
    unit: str = pa.Field(nullable=True)
    place: pl.List(pl.String)
    group: pl.List(pl.String)
    period_start: pl.Date = pa.Field(nullable=True)
    period_end: pl.Date = pa.Field(nullable=True)
    role: str = pa.Field(isin=["body", "headline"])
    part_of: str = pa.Field(nullable=True)
    breakdown: str = pa.Field(nullable=True, isin=["exhaustive", "partial", "unknown"])
    axis: str
    each: bool
    named: pl.List(pl.String)
    named_codes: pl.List(pl.String)
    named_levels: pl.List(pl.String)
    ratio_of: str = pa.Field(nullable=True)
    describes: str = pa.Field(nullable=True)
    cumulative: bool
    published: pl.Date = pa.Field(nullable=True)
    reviewed: bool
    file: str
    line: int = pa.Field(nullable=True)
    figure_kind: str = pa.Field(nullable=True, isin=list(FIGURE_KINDS))
    as_of: pl.Date = pa.Field(nullable=True)
    authority: str = pa.Field(nullable=True)
    measure_read: str = pa.Field(nullable=True, isin=list(_HOW))
    kind_read: str = pa.Field(nullable=True, isin=list(_HOW))
    as_of_read: str = pa.Field(nullable=True, isin=list(_HOW))
    authority_read: str = pa.Field(nullable=True, isin=list(_HOW))
    place_read: str = pa.Field(nullable=True, isin=list(_HOW))
    period_read: str = pa.Field(nullable=True, isin=list(_HOW))
    group_read: str = pa.Field(nullable=True, isin=list(_HOW))

    @pa.dataframe_check(error="low must not exceed high")
    def low_not_above_high(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("low") <= pl.col("high")).fill_null(True))

    @pa.dataframe_check(error="a count or ratio cannot be negative")
    def not_negative(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(((pl.col("low") >= 0) | (pl.col("kind") == "amount")).fill_null(True))

    @pa.dataframe_check(error="end must be after start")
    def offsets_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("end") > pl.col("start"))

    @pa.dataframe_check(error="period ends before it starts")
    def period_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select((pl.col("period_start") <= pl.col("period_end")).fill_null(True))

    @pa.dataframe_check(error="place must be ISO 3166 codes (KH, KH-12, KH-1/Poipet)")
    def place_codes(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("place").list.eval(pl.element().str.contains(_CODE)).list.all())

    class Config:
        strict = True
        coerce = False


class SourcesModel(pa.DataFrameModel):
    """One row per article."""

    case: str
    source: str
    path: str
    title: str = pa.Field(nullable=True)
    outlet: str = pa.Field(nullable=True)
    url: str = pa.Field(nullable=True)
    published: pl.Date = pa.Field(nullable=True)
    kind: str = pa.Field(isin=["txt", "md", "html"])
    text: str

    class Config:
        strict = True


class FindingsModel(pa.DataFrameModel):
    """One row per finding, as rules return them (before claims are attached)."""

    case: str
    rule: str = pa.Field(str_matches=r"^[A-Z]+[0-9]{3}$")
    severity: str = pa.Field(isin=["error", "warning", "info"])
    message: str = pa.Field(str_length={"min_value": 1})
    arithmetic: str = pa.Field(nullable=True)
    claim_ids: pl.List(pl.String)
    observed_low: _Bound = pa.Field(nullable=True)
    observed_high: _Bound = pa.Field(nullable=True)
    expected_low: _Bound = pa.Field(nullable=True)
    expected_high: _Bound = pa.Field(nullable=True)
    severity_reason: str = pa.Field(nullable=True)

    class Config:
        strict = True


MODELS = {"claims": ClaimsModel, "sources": SourcesModel, "findings": FindingsModel}


def validate_claims(claims: pl.DataFrame) -> tuple[pl.DataFrame, list[Problem]]:
    """Validate lazily (every failure collected); return the valid rows and a Problem per failing row."""
    try:
        ClaimsModel.validate(claims, lazy=True)
        return claims, []
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases
    problems: list[Problem] = []
    bad_rows: set[int] = set()
    rows = failures.filter(pl.col("index").is_not_null())
    for failure in rows.iter_rows(named=True):
        index = int(failure["index"])
        bad_rows.add(index)
        claim = claims.row(index, named=True)
        column = failure["column"] if failure["column"] not in (None, "ClaimsModel") else None
        shown = f"{column}={claim[column]!r}" if column in claims.columns else _values(claim)
        problems.append(Problem(
            "INPUT006", Path(claim["file"]), claim["line"],
            f"claim {claim['id']!r}: {failure['check']}: got {shown}", claim["id"], claim["case"],
        ))
    for failure in failures.filter(pl.col("index").is_null()).iter_rows(named=True):
        raise AssertionError(f"the claims frame itself does not fit its schema: {failure}")  # a bug, not bad data
    bad = pl.Series(sorted(bad_rows), dtype=pl.UInt32)
    keep = claims.with_row_index("_row").join(bad.to_frame("_row"), on="_row", how="anti", maintain_order="left")
    return keep.drop("_row"), problems


def _values(claim: dict) -> str:
    return f"low={claim['low']}, high={claim['high']}, start={claim['start']}, end={claim['end']}"
