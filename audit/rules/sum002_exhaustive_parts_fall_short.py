"""SUM002: an exhaustive breakdown does not reach its whole."""

from __future__ import annotations

import polars as pl

from audit.frame import format_number
from audit.intervals import exceeds
from audit.rules.breakdowns import UNSURE_REASON, breakdowns
from audit.rules.registry import rule
from audit.rules.rows import finding_rows, graded


@rule("SUM002", "sums.exhaustive-parts-fall-short", "error")
def exhaustive_parts_fall_short(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """The parts of an exhaustive breakdown add up to less than their whole.

    A breakdown marked ``exhaustive`` ("Of the 60 fatalities, 11 ..., 39 ...") must account for
    the whole: the largest the parts can add up to must reach the smallest the whole can be.
    **error** under every reading of the hedges; **warning** when reading round figures as
    rounded resolves it. Breakdowns that are partial ("including") may fall short; unknown ones
    are reported by SUM003. Errors only in breakdowns a person reviewed; parts a machine linked give
    at most a warning, and are checked only when there are several, they slice the whole along
    one axis (places, or groups) and add up to at most twice the whole.

    *Anti-pattern*: "Of the 60 fatalities, 11 died in landslides and 39 drowned." (50 of 60)

    *Best practice*: name every part, or say the list is partial: "..., including 11 who died in
    landslides and 39 who drowned."
    """
    rows = breakdowns(claims).filter(
        pl.col("sure") & pl.col("plausible") &
        (pl.col("kind") == "exhaustive") & exceeds(pl.col("whole_low"), pl.col("parts_high"))
        & ((pl.col("n_parts") > 1) | pl.col("stated"))  # one part read by machine is a slice, not a breakdown
    )
    shortfall = pl.col("whole_low") - pl.col("parts_high")
    return finding_rows(
        rows,
        severity=graded(exceeds(pl.col("whole_lenient_low"), pl.col("parts_lenient_high")) & pl.col("stated")),
        reason=pl.when(~pl.col("stated")).then(pl.lit(UNSURE_REASON)).when(
            exceeds(pl.col("whole_lenient_low"), pl.col("parts_lenient_high"))).then(
            pl.lit("error: the parts fall short of the whole under every reading of the hedges")).otherwise(
            pl.lit("warning: a round figure may itself be rounded; read so, the parts reach the whole")),
        message=pl.format(
            "the {} parts of \"{}\" add up to {}, short of the whole {}: at least {} missing",
            pl.col("n_parts"), pl.col("whole_text"), pl.col("parts_display"), pl.col("whole_display"),
            format_number(shortfall),
        ),
        arithmetic=pl.concat_str([pl.col("arithmetic"), pl.lit(": at least "), format_number(shortfall), pl.lit(" missing")]),
        claim_ids=pl.col("claim_ids"),
        observed=(pl.col("parts_low"), pl.col("parts_high")),
        expected=(pl.col("whole_low"), pl.col("whole_high")),
    )
