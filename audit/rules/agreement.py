"""Claim pairs that report the same figure: same measure, unit, place, group and period."""

from __future__ import annotations

import polars as pl

from audit.intervals import overlaps
from audit.rules.rows import FIGURE_KEY, pairs_within_case

__all__ = ["disagreeing_pairs"]


def disagreeing_pairs(claims: pl.LazyFrame) -> pl.LazyFrame:
    """Each unordered pair (id < id_b) of claims for the same figure whose intervals do not overlap,
    with ``lenient_disjoint`` telling whether they stay apart when round figures are read as rounded."""
    return pairs_within_case(claims, on=FIGURE_KEY).filter(
        (pl.col("id") < pl.col("id_b"))
        & ~overlaps(pl.col("low"), pl.col("high"), pl.col("low_b"), pl.col("high_b"))
    ).with_columns(
        lenient_disjoint=~overlaps(
            pl.col("lenient_low"), pl.col("lenient_high"), pl.col("lenient_low_b"), pl.col("lenient_high_b")
        )
    )
