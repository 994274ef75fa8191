"""The places a count of places names: explicitly ("including A, B and C") or, when the claim
lists none, the places of the figures the same source gives for the same period."""

from __future__ import annotations

import polars as pl

__all__ = ["PLACE_COUNT_MEASURES", "named_places"]

#: measure -> how a named place is counted: as its subdivision (a town counts as its province) or as itself
PLACE_COUNT_MEASURES = {"provinces": "subdivision", "cities": "town"}


def _as_counted(code: pl.Expr, measure: pl.Expr) -> pl.Expr:
    return pl.when(measure == "provinces").then(code.str.split("/").list.first()).otherwise(code)


def named_places(claims: pl.LazyFrame) -> pl.LazyFrame:
    """One row per count-of-places claim with ``named_n`` distinct places counted and ``explicit``."""
    counts = claims.filter(pl.col("measure").is_in(list(PLACE_COUNT_MEASURES)))
    explicit = (
        counts.filter(pl.col("named_codes").list.len() > 0)
        .select("case", "id", code=pl.col("named_codes"), measure=pl.col("measure"))
        .explode("code")
        .with_columns(code=_as_counted(pl.col("code"), pl.col("measure")))
        .group_by("case", "id")
        .agg(named_n=pl.col("code").n_unique(), named=pl.col("code").unique(maintain_order=True), explicit=pl.lit(True))
    )
    places_of_figures = (
        claims.filter(~pl.col("measure").is_in(list(PLACE_COUNT_MEASURES)))
        .select("case", "source", "period_start", "period_end", code=pl.col("place"))
        .explode("code")
        .filter(pl.col("code").str.contains("-"))  # subdivisions and towns, not countries
    )
    derived = (
        counts.filter(pl.col("named_codes").list.len() == 0)
        .select("case", "id", "source", "period_start", "period_end", "measure")
        .join(places_of_figures, on=["case", "source", "period_start", "period_end"], how="inner", nulls_equal=True)
        .with_columns(code=_as_counted(pl.col("code"), pl.col("measure")))
        .group_by("case", "id")
        .agg(named_n=pl.col("code").n_unique(), named=pl.col("code").unique(maintain_order=True), explicit=pl.lit(False))
    )
    return counts.join(pl.concat([explicit, derived]), on=["case", "id"], how="inner")
