"""Claims and sources as Polars frames with canonical columns.

``CLAIM_COLUMNS`` is the one definition of the claims frame (the Pandera model in
``audit.validate`` checks it). Derived columns every rule may use are added by ``derive``:
the lenient interval (a round figure may itself be rounded: "1,000" in a headline reads as
[500, 1500] under the lenient reading) and ``display``, the figure as a reader would write it
in arithmetic (">1,000", "≥270", "~150,000", "27").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from operator import itemgetter

import polars as pl

from audit.intervals import BOUND
from audit.vocabulary import SURE_READINGS

#: the polars engine of the audit's eager queries: the derived columns, the claims a rule narrows to before it
#: pairs them, coverage, the claims findings name. A run audits a batch of cases or a partition of an archive at a
#: time (some 200,000 claims at most), in many small queries that polars' in-memory engine runs with less overhead
#: than the streaming engine, polars 2's default. The rules' own plans, which pair claims, stay on the streaming
#: engine (``audit.check.run_rules``): it streams a join's pairs through the filter that follows, where the
#: in-memory engine holds them all (a story of 20,000 figures of one measure: tens of GiB).
ENGINE = "in-memory"

__all__ = ["ENGINE", "CLAIM_COLUMNS", "OPTIONAL_CLAIM_COLUMNS", "SOURCE_COLUMNS", "with_scope_defaults", "claims_frame", "sources_frame", "derive", "format_number"]

CLAIM_COLUMNS: dict[str, pl.DataType] = {
    "case": pl.String,
    "id": pl.String,
    "source": pl.String,
    "text": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "value": BOUND,
    "qualifier": pl.String,
    "low": BOUND,
    "high": BOUND,
    "measure": pl.String,
    "kind": pl.String,
    "unit": pl.String,
    "place": pl.List(pl.String),
    "group": pl.List(pl.String),
    "period_start": pl.Date,
    "period_end": pl.Date,
    "role": pl.String,
    "part_of": pl.String,
    "breakdown": pl.String,
    "axis": pl.String,
    "each": pl.Boolean,
    "named": pl.List(pl.String),
    "named_codes": pl.List(pl.String),
    "named_levels": pl.List(pl.String),
    "ratio_of": pl.String,
    "describes": pl.String,
    "cumulative": pl.Boolean,
    "published": pl.Date,
    "reviewed": pl.Boolean,
    "file": pl.String,
    "line": pl.Int64,
    # the figure's scope (audit.extract.scope): what kind of figure, as of when, who gives it ...
    "figure_kind": pl.String,
    "as_of": pl.Date,
    "authority": pl.String,
    # ... and how each attribute was read: stated (a person), own, clause, carried, default, unknown
    "measure_read": pl.String,
    "kind_read": pl.String,
    "as_of_read": pl.String,
    "authority_read": pl.String,
    "place_read": pl.String,
    "period_read": pl.String,
    "group_read": pl.String,
}

#: Scope columns an archive may leave out: ``derive`` fills them in from the others.
OPTIONAL_CLAIM_COLUMNS = ("figure_kind", "as_of", "authority", "measure_read", "kind_read", "as_of_read",
                          "authority_read", "place_read", "period_read", "group_read")

SOURCE_COLUMNS: dict[str, pl.DataType] = {
    "case": pl.String,
    "source": pl.String,
    "path": pl.String,
    "title": pl.String,
    "outlet": pl.String,
    "url": pl.String,
    "published": pl.Date,
    "kind": pl.String,
    "text": pl.String,
}


def claims_frame(records: Iterable[Mapping]) -> pl.DataFrame:
    """Claim records (from case files or extraction) as a frame with exactly CLAIM_COLUMNS.

    Built a column at a time where every value has its column's Python type (as the loader makes
    them), a list column (places, groups) from its distinct lists, which are few: building a list of
    strings in polars costs far more than finding it among the ones seen. Records holding anything
    else are read by polars row by row, which converts (or refuses) such values its own way."""
    records = records if isinstance(records, list) else list(records)
    if not records:
        return pl.DataFrame(schema=CLAIM_COLUMNS)
    frame = frame_by_columns(records)
    if frame is None:
        return pl.DataFrame([{name: record.get(name) for name in CLAIM_COLUMNS} for record in records],
                            schema=CLAIM_COLUMNS, orient="row")
    return frame


def frame_by_columns(records: list[Mapping]) -> pl.DataFrame | None:
    """``claims_frame`` of ``records`` built a column at a time, or None where a value is not of its column's
    Python type (polars must read such records row by row)."""
    try:  # the loader's records hold every column: one C call per record takes them out, zip turns them
        by_column = [list(values) for values in zip(*map(_ALL_COLUMNS, records))]
    except KeyError:  # a record leaving columns out (null)
        by_column = [[record.get(name) for record in records] for name in CLAIM_COLUMNS]
    columns = []
    for (name, dtype), values in zip(CLAIM_COLUMNS.items(), by_column):
        column = _column(name, values, dtype)
        if column is None:
            return None
        columns.append(column)
    return pl.DataFrame(columns)


def _python_type(dtype: pl.DataType) -> type:
    for polars_type, python_type in ((pl.String, str), (pl.Int64, int), (pl.Boolean, bool), (pl.Date, dt.date),
                                     (pl.Decimal, Decimal), (pl.List, list)):
        if dtype == polars_type or dtype.base_type() == polars_type:
            return python_type
    raise TypeError(dtype)


_COLUMN_TYPES = {name: _python_type(dtype) for name, dtype in CLAIM_COLUMNS.items()}
_ALL_COLUMNS = itemgetter(*CLAIM_COLUMNS)


def claim_column(name: str, values: list) -> pl.Series | None:
    """The claims frame's column ``name`` holding ``values``, as ``claims_frame`` builds it (None: not of its type)."""
    return _column(name, values, CLAIM_COLUMNS[name])


def _column(name: str, values: list, dtype: pl.DataType) -> pl.Series | None:
    """``values`` as a column of ``dtype`` when each is None or of the column's Python type (else None)."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if kinds and kinds != {_COLUMN_TYPES[name]}:
        return None
    try:
        if kinds == {list}:
            return _list_column(name, values, dtype)
        if kinds & {Decimal, dt.date}:  # few distinct figures and days, each slow to convert: once each
            return _gathered(name, values, dtype)
        return pl.Series(name, values, dtype=dtype)
    except (TypeError, ValueError, OverflowError, pl.exceptions.PolarsError):  # e.g. an int beyond Int64
        return None


def _gathered(name: str, values: list, dtype: pl.DataType) -> pl.Series:
    """``pl.Series(name, values, dtype)`` from the distinct values: equal decimals (100 and 100.0) give the
    same stored figure, so one stands for all."""
    seen: dict = {}
    positions = [seen.setdefault(value, len(seen)) for value in values]
    if 2 * len(seen) > len(values):
        return pl.Series(name, values, dtype=dtype)
    return pl.Series(name, list(seen), dtype=dtype).gather(pl.Series(positions, dtype=pl.UInt32))


def _list_column(name: str, values: list, dtype: pl.DataType) -> pl.Series | None:
    """A column of lists of strings (None if an item is no string): each distinct list built once, then gathered."""
    seen: dict[tuple | None, int] = {}
    positions = [seen.setdefault(None if value is None else tuple(value), len(seen)) for value in values]
    # only strings equal strings: a key of strings stands for lists equal to it item for item and in type
    if not all(type(item) is str for key in seen if key is not None for item in key):
        return None
    if len(seen) == len(values):
        return pl.Series(name, values, dtype=dtype)
    distinct = pl.Series(name, [None if key is None else list(key) for key in seen], dtype=dtype)
    return distinct.gather(pl.Series(positions, dtype=pl.UInt32))


def sources_frame(records: Iterable[Mapping]) -> pl.DataFrame:
    rows = [{name: record.get(name) for name in SOURCE_COLUMNS} for record in records]
    return pl.DataFrame(rows, schema=SOURCE_COLUMNS, orient="row") if rows else pl.DataFrame(schema=SOURCE_COLUMNS)


def _half_unit_of_round(value: pl.Expr) -> pl.Expr:
    """Half a unit of the last non-zero digit of a whole number ending in zero (1,000 -> 500), else 0."""
    expr = pl.lit(0, BOUND)
    for power in range(1, 16):
        unit = 10**power
        expr = pl.when((value % unit == 0) & (value >= unit)).then(pl.lit(unit // 2, BOUND)).otherwise(expr)
    return expr


def format_number(value: pl.Expr) -> pl.Expr:
    """A decimal written as people print it: 1,095,515,193.47; 0.01; 150,000."""
    whole = value.cast(pl.Int128, strict=False).abs()
    # thousands separators by string operations (a few passes over the column, not one per digit group)
    text = (whole.cast(pl.String).str.reverse().str.replace_all(r"(\d{3})", "${1},").str.reverse()
            .str.strip_chars_start(","))
    fraction = (value.abs() - whole.cast(BOUND)).cast(pl.String).str.strip_chars_end("0").str.strip_chars_start("0")
    fraction = pl.when(fraction.str.len_chars() > 1).then(fraction).otherwise(pl.lit(""))
    sign = pl.when(value < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    return pl.concat_str([sign, text, fraction])


def _display(low: pl.Expr, high: pl.Expr, value: pl.Expr, qualifier: pl.Expr) -> pl.Expr:
    low_s, high_s = format_number(low), format_number(high)
    shown = format_number(value.fill_null(low))
    return (
        pl.when(low.is_not_null() & high.is_not_null() & (low == high)).then(
            pl.when(qualifier == "about").then(pl.concat_str([pl.lit("~"), shown])).otherwise(low_s))
        .when(qualifier == "more_than").then(pl.concat_str([pl.lit(">"), shown]))
        .when(high.is_null() & low.is_not_null()).then(pl.concat_str([pl.lit("≥"), low_s]))
        .when(qualifier == "fewer_than").then(pl.concat_str([pl.lit("<"), shown]))
        .when(low.is_null() | ((low == 0) & (qualifier == "up_to"))).then(pl.concat_str([pl.lit("≤"), high_s]))
        .when(qualifier == "about").then(pl.concat_str([pl.lit("~"), shown]))
        .otherwise(pl.concat_str([low_s, pl.lit("–"), high_s]))
    )


#: Measures too broad to say that two figures count the same thing ("money": crop damage or road damage?).
CATCH_ALL_MEASURES = ("other", "money", "ratio")

#: A breakdown is at most this deep (whole -> part -> part of part ...) for ``comparable``.
_MAX_DEPTH = 8


def _comparable(claims: pl.LazyFrame) -> pl.LazyFrame:
    """Add ``comparable``: whether the claim's measure, place, group and period say what it counts.

    A part with exactly its whole's measure, place, group and period ("Of the 60 fatalities,
    11 died in landslides") is a slice along something the key does not record (the cause), and
    so is every part below it: such claims, and claims of a catch-all measure, are compared only
    through their breakdown (SUM rules), never for agreement or along a hierarchy.
    """
    key = ["measure", "unit", "place", "group", "period_start", "period_end"]
    frame = claims.collect(engine=ENGINE).with_row_index("_row")
    wholes = frame.select("case", pl.col("id").alias("part_of"), *[pl.col(k).alias(f"{k}_whole") for k in key])
    # only parts can be slices: the joins run over them, and the verdict returns by row number
    sliced = frame.filter(pl.col("part_of").is_not_null()).join(wholes, on=["case", "part_of"], how="left").with_columns(
        _sliced=pl.col("measure_whole").is_not_null()
        & pl.all_horizontal([pl.col(k).eq_missing(pl.col(f"{k}_whole")) for k in key])
    ).select("_row", "case", "id", "part_of", "_sliced")
    for _ in range(_MAX_DEPTH):  # a level at a time: a part of a sliced claim is sliced too
        parents = sliced.select("case", pl.col("id").alias("part_of"), pl.col("_sliced").alias("_parent"))
        deeper = sliced.join(parents, on=["case", "part_of"], how="left").select(
            "_row", "case", "id", "part_of", _sliced=pl.col("_sliced") | pl.col("_parent").fill_null(False)
        )
        if deeper["_sliced"].sum() == sliced["_sliced"].sum():
            break
        sliced = deeper
    # the verdict as one column beside the frame: with_columns shares the other columns, a join would copy them
    verdict = frame.select("_row").join(sliced.select("_row", "_sliced"), on="_row", how="left", maintain_order="left")
    return frame.drop("_row").with_columns(
        comparable=~verdict["_sliced"].fill_null(False) & ~pl.col("measure").is_in(list(CATCH_ALL_MEASURES))
    ).lazy()


#: the columns the lenient interval and the display depend on
_DERIVED_FROM = ["value", "low", "high", "qualifier", "kind"]


def _derived(claims: pl.LazyFrame) -> pl.LazyFrame:
    anchored = pl.col("qualifier").is_in(["exact", "more_than", "at_least", "fewer_than", "up_to"])
    half = pl.when(anchored & (pl.col("kind") == "count") & pl.col("value").is_not_null()).then(
        _half_unit_of_round(pl.col("value"))
    ).otherwise(pl.lit(0, BOUND))
    return claims.with_columns(
        lenient_low=pl.when(pl.col("low") - half < 0).then(pl.lit(0, BOUND)).otherwise(pl.col("low") - half),
        lenient_high=pl.col("high") + half,
        # "at least 1,340" as the count it prints: open above, but news prints the count known so far,
        # rounded down to its last digit (up to 1,350); "more than 1,700" is under 1,800 so read
        printed_high=pl.when(pl.col("qualifier").is_in(["more_than", "at_least"]) & pl.col("value").is_not_null()
                             & (pl.col("kind") == "count")).then(
            pl.col("value") + pl.max_horizontal(_half_unit_of_round(pl.col("value")) * 2, pl.lit(1, BOUND))
        ).otherwise(pl.col("high")),
        display=_display(pl.col("low"), pl.col("high"), pl.col("value"), pl.col("qualifier")),
    )


def with_scope_defaults(claims: pl.LazyFrame) -> pl.LazyFrame:
    """Fill in the scope a claim leaves out: a part if it names its whole, else a total; as of the
    end of its period, else its publication date; ``since``, the first day it counts from where a
    person states it (else null); readings "stated" for reviewed claims (a person
    checked them), "default" for machine-read ones."""
    present = claims.collect_schema().names()
    missing = {name: CLAIM_COLUMNS[name] for name in (*OPTIONAL_CLAIM_COLUMNS, "reviewed", "published", "part_of", "period_end")
               if name not in present}
    claims = claims.with_columns(pl.lit(None, dtype).alias(name) for name, dtype in missing.items()) if missing else claims
    fallback = pl.when(pl.col("reviewed").fill_null(False)).then(pl.lit("stated")).otherwise(pl.lit("default"))
    as_of = pl.coalesce(pl.col("as_of"), pl.col("period_end"), pl.col("published"))
    return claims.with_columns(
        figure_kind=pl.col("figure_kind").fill_null(
            pl.when(pl.col("part_of").is_not_null()).then(pl.lit("part")).otherwise(pl.lit("total"))),
        as_of=as_of,
        as_of_read=pl.when(as_of.is_null()).then(pl.lit("unknown")).otherwise(pl.col("as_of_read").fill_null(fallback)),
        **{name: pl.col(name).fill_null(fallback)
           for name in ("measure_read", "kind_read", "authority_read", "place_read", "period_read", "group_read")},
    ).with_columns(
        # the first day a figure counts from, where a person states it; periods read by machine are
        # too often carried or defaulted to tell figures apart by (their day, ``as_of``, does that)
        since=pl.when(pl.col("period_read") == "stated").then(pl.col("period_start")),
    )


def derive(claims: pl.LazyFrame) -> pl.LazyFrame:
    """Add the lenient interval, ``comparable``, the display string and the main-figure keys that every rule may use.

    The lenient interval and the display are computed once per distinct (value, low, high,
    qualifier, kind) -- an archive of a million claims has a few thousand -- and joined back on
    those columns.
    """
    frame = _comparable(with_scope_defaults(claims)).collect(engine=ENGINE)
    table = _derived(frame.lazy().select(_DERIVED_FROM).unique()).collect(engine=ENGINE)
    derived = frame.select(_DERIVED_FROM).join(table, on=_DERIVED_FROM, how="left", nulls_equal=True,
                                               maintain_order="left")
    return _with_main_keys(frame.with_columns(derived.select("lenient_low", "lenient_high", "printed_high", "display"))).lazy()


def _with_main_keys(frame: pl.DataFrame) -> pl.DataFrame:
    """Add what a story's main figure is keyed by (``audit.rules.certainty.main_figure``), once for every rule:
    ``_countries``, the countries of a claim's places, sorted and joined by commas ("SY,TR"; "" for no place),
    computed once per distinct place list and joined back (a million claims name a few hundred); and
    ``_sure_group``, its group where read from its own words ("83 women"), else none."""
    lists = frame.select("place").unique().with_columns(
        _countries=pl.col("place").list.eval(pl.element().str.slice(0, 2)).list.unique().list.sort().list.join(","))
    countries = frame.select("place").join(lists, on="place", how="left", maintain_order="left", nulls_equal=True)
    return frame.with_columns(
        countries["_countries"],
        _sure_group=pl.when(pl.col("group_read").is_in(SURE_READINGS)).then(pl.col("group"))
        .otherwise(pl.lit([], pl.List(pl.String))),
    )
