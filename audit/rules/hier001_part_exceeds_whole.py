"""HIER001: a figure for a narrower place, group or period is larger than the figure it lies inside."""

from __future__ import annotations

import polars as pl

from audit.frame import format_number
from audit.intervals import exceeds
from audit.rules.certainty import certain_pair, comparable_scope, reason
from audit.rules.containment import contained_pairs
from audit.rules.registry import rule
from audit.rules.rows import finding_rows, graded


@rule("HIER001", "hierarchy.part-exceeds-whole", "error")
def part_exceeds_whole(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A figure for a narrower place, group or period is larger than the figure it lies inside.

    Along every hierarchy -- place (town ⊂ province ⊂ country), group (Indonesian women ⊂
    Indonesians ⊂ everyone) and period (a day ⊂ the week ⊂ the campaign) -- a figure for the
    narrower scope cannot exceed the same measure for the wider one, whichever outlet reports
    them, as they stood on the same day. Explicit breakdowns (``part_of``) are checked by the SUM rules instead, and a running
    total against a later one for the same place, group and first day by TREND001. **error** under
    every reading of the hedges and of what the figures count, in one outlet or in claims a person
    reviewed; figures read by machine
    take part only when their own noun names the measure and the text names their place. **warning** when
    reading round figures as rounded resolves it, when the two come from different outlets, or
    when a place, measure or day was not read from the figure's own words.

    *Anti-pattern*: "312 arrested in Kratie" beside "300 arrested across Cambodia" for the same days.

    *Best practice*: the national figure is at least the provincial one.
    """
    # a running total against a later one of the same start is TREND001's to report, not a second finding
    same_running_total = (
        pl.col("cumulative") & pl.col("cumulative_b") & (pl.col("period_start") == pl.col("period_start_b"))
        & pl.col("place").eq_missing(pl.col("place_b")) & pl.col("group").eq_missing(pl.col("group_b"))
    )
    # a figure pair can hold an exceeding claim pair only if the figures' extreme claims exceed
    # a figure read by machine is a whole only when its own noun says what it counts ("36 deaths", not
    # "36" beside "killed") and its place was read from the text: else the pair rests on a guess
    own_words = pl.col("measure_read").is_in(["stated", "own"]) & pl.col("place_read").is_in(["stated", "own", "clause"])
    used = claims.filter(comparable_scope() & own_words).select(  # only what this rule reads: the pairs are gathered eagerly
        "case", "id", "source", "text", "outlet", "display", "low", "high", "lenient_low", "lenient_high", "part_of",
        "cumulative", "measure", "unit", "place", "group", "period_start", "period_end", "comparable", "as_of",
        "authority", "measure_read", "place_read", "as_of_read",
    )
    stated = (pl.col("measure_read") == "stated") & (pl.col("measure_read_b") == "stated")
    rows = contained_pairs(used, figure_filter=exceeds(pl.col("low"), pl.col("high_b"))).filter(
        exceeds(pl.col("low"), pl.col("high_b")) & pl.col("part_of").ne_missing(pl.col("id_b")) & ~same_running_total
    )
    return finding_rows(
        rows,
        severity=graded(exceeds(pl.col("lenient_low"), pl.col("lenient_high_b")) & certain_pair()
                        & ((pl.col("source") == pl.col("source_b")) | stated)),
        reason=pl.when((pl.col("source") != pl.col("source_b")) & ~stated).then(
            pl.lit("warning: two outlets; the part and the whole may come from different counts")
        ).otherwise(reason(exceeds(pl.col("lenient_low"), pl.col("lenient_high_b")))),
        message=pl.format(
            "\"{}\" ({}) is larger than \"{}\" ({}), which covers a wider place, group or period",
            pl.col("text"), pl.col("outlet"), pl.col("text_b"), pl.col("outlet_b"),
        ),
        arithmetic=pl.format("{} > {}: at least {} more in the part than in the whole",
                             pl.col("display"), pl.col("display_b"), format_number(pl.col("low") - pl.col("high_b"))),
        claim_ids=pl.concat_list(pl.col("id"), pl.col("id_b")),
        observed=(pl.col("low"), pl.col("high")),
        expected=(pl.lit(None), pl.col("high_b")),
    )
