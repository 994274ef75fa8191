"""HIER002: a story counts more in one slice of an event than in the whole event, on the same day."""

from __future__ import annotations

import polars as pl

from audit.frame import format_number
from audit.intervals import exceeds
from audit.rules.certainty import comparable_scope, main_figure, sure
from audit.rules.registry import rule
from audit.rules.rows import code_inside, finding_rows


@rule("HIER002", "hierarchy.subset-exceeds-total", "warning")
def subset_exceeds_total(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A story's count of one slice of the event is larger than its own total, on the same day.

    A subset -- the bodies at one morgue, those autopsied or identified, the dead at one site --
    is never compared with other outlets' totals, since it is not a whole. But it cannot be larger
    than the total it is a slice of: when one story gives both, for the same measure, a place
    inside the total's and the same day, and the slice is larger, the story has counted something
    twice, or its slice counts something else (body parts among bodies), or its total lags. Only
    the story's main total (its largest of the measure and day) is the whole, and only a subset
    whose measure its own words name ("225 bodies", not a bare number near "killed"). Always a
    **warning**: what a subset counts is read by machine.

    *Anti-pattern*: "The official toll stands at 177 ... Doctors autopsied 225 bodies."

    *Best practice*: say what the slice counts ("225 autopsies, including of body parts").
    """
    keep = ["case", "source", "id", "text", "outlet", "display", "low", "high", "measure", "unit", "as_of", "place",
            "group"]
    subsets = claims.filter(
        (pl.col("figure_kind") == "subset") & pl.col("measure_read").is_in(["own", "stated"])
        & (pl.col("qualifier") != "vague") & pl.col("as_of").is_not_null() & (pl.col("role") == "body")
        & pl.col("low").is_not_null()
    ).select(keep)
    totals = claims.filter(
        comparable_scope() & (pl.col("figure_kind") == "total") & pl.col("comparable") & (pl.col("role") == "body")
        & sure("measure")
    ).filter(main_figure()).select(keep)
    pairs = subsets.join(totals, on=["case", "source", "measure", "unit", "as_of"], suffix="_b", nulls_equal=True).filter(
        exceeds(pl.col("low"), pl.col("high_b"))
        # the slice's places lie in the total's (Kerala's toll holds a Wayanad morgue), and it counts no wider group
        & _inside(pl.col("place"), pl.col("place_b"))
        & pl.col("group_b").list.set_difference(pl.col("group")).list.len().eq(0)
    )
    return finding_rows(
        pairs,
        severity=pl.lit("warning"),
        reason=pl.lit("warning: what a slice of the event counts is read by machine; it may count something else "
                      "(body parts among bodies) or the total may lag"),
        message=pl.format("{}: the slice \"{}\" is larger than the same story's total \"{}\" for the same day",
                          pl.col("outlet"), pl.col("text"), pl.col("text_b")),
        arithmetic=pl.format("{} > {}: at least {} more in the slice than in the total",
                             pl.col("display"), pl.col("display_b"), format_number(pl.col("low") - pl.col("high_b"))),
        claim_ids=pl.concat_list(pl.col("id"), pl.col("id_b")),
        observed=(pl.col("low"), pl.col("high")),
        expected=(pl.lit(None), pl.col("high_b")),
    )


def _inside(inner: pl.Expr, outer: pl.Expr) -> pl.Expr:
    """The places of ``inner`` are those of ``outer``, or its one place lies in ``outer``'s one place:
    IN-KL/Wayanad in IN-KL, IN-KL in IN (an empty list of places is the story's, inside any)."""
    one = (inner.list.len() == 1) & (outer.list.len() == 1)
    return (inner.list.len() == 0) | (inner == outer) | (one & code_inside(inner.list.first(), outer.list.first()))
