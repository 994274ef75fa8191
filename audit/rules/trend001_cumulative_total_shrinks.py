"""TREND001: a running total reported later is smaller than one reported earlier."""

from __future__ import annotations

import polars as pl

from audit.frame import format_number
from audit.intervals import exceeds
from audit.rules.registry import rule
from audit.rules.rows import finding_rows, graded, pairs_within_case


@rule("TREND001", "trend.cumulative-total-shrinks", "error")
def cumulative_total_shrinks(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A running total reported on a later date is smaller than one reported earlier.

    Claims marked ``cumulative`` (a toll "has climbed to 43", arrests "since June 27") for the
    same measure, unit, place, group and starting day may only grow as their period ends later.
    **error** when the later total is below the earlier under every reading of the hedges;
    **warning** when reading round figures as rounded resolves it. A correction downwards is
    news in itself: the finding asks that it be said.

    *Anti-pattern*: 17 July: "the toll climbed to 43"; 19 July: "the toll stands at 40".

    *Best practice*: "the toll was revised down to 40 after three victims were found alive".
    """
    running = claims.filter(pl.col("cumulative"))
    pairs = pairs_within_case(running, on=["measure", "unit", "place", "group", "period_start"]).filter(
        (pl.col("period_end_b") > pl.col("period_end"))
        & exceeds(pl.col("low"), pl.col("high_b"))
    )
    return finding_rows(
        pairs,
        severity=graded(exceeds(pl.col("lenient_low"), pl.col("lenient_high_b"))),
        message=pl.format(
            "the running total \"{}\" ({}, to {}) shrinks to \"{}\" ({}, to {})",
            pl.col("text"), pl.col("outlet"), pl.col("period_end"),
            pl.col("text_b"), pl.col("outlet_b"), pl.col("period_end_b"),
        ),
        arithmetic=pl.format("{} then {}: down by at least {}", pl.col("display"), pl.col("display_b"),
                             format_number(pl.col("low") - pl.col("high_b"))),
        claim_ids=pl.concat_list(pl.col("id"), pl.col("id_b")),
        observed=(pl.col("low_b"), pl.col("high_b")),
        expected=(pl.col("low"), pl.lit(None)),
    )
