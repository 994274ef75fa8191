"""SUM003: a breakdown of unknown extent leaves part of its whole unexplained."""

from __future__ import annotations

import polars as pl

from audit.frame import format_number
from audit.intervals import exceeds
from audit.rules.breakdowns import breakdowns
from audit.rules.registry import rule
from audit.rules.rows import finding_rows


@rule("SUM003", "sums.unexplained-remainder", "warning")
def unexplained_remainder(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A breakdown of unknown extent leaves part of its whole unaccounted for.

    When an article lists parts of a whole without saying whether the list is complete, and the
    parts' stated minimums add up to less than the whole's minimum (a whole "over 2,316" counts
    from its printed 2,316), the remainder is explained
    by nobody: either the hedged parts are larger than printed ("more than 200" being 205), or
    some part is missing. Always a **warning**, with the arithmetic written out. A single figure
    read by machine near a total is not taken for a list of its parts, and a list read by machine
    is checked only when its parts reach at least nine tenths of the whole: a story that names
    parts well short of its total is naming only some of them (the worst-hit provinces).

    *Anti-pattern*: "More than 1,000 were arrested ... 85 Cambodians, more than 200 Vietnamese,
    27 Chinese ..." where the minimums add up to 996.

    *Best practice*: say the list is partial ("including"), or give the missing part
    ("... and 5 others").
    """
    rows = breakdowns(claims).filter(
        (pl.col("kind") == "unknown")
        & ((pl.col("n_parts") > 1) | pl.col("stated"))  # one figure near a total is no list of its parts
        # a list read by machine that reaches nearly all of its whole reads as complete; one that names
        # well under it names only some parts ("the worst-hit provinces"), and its remainder is no puzzle
        & (pl.col("stated") | (pl.col("parts_low") * 10 >= pl.col("whole_low") * 9))
        & exceeds(pl.col("whole_floor"), pl.col("parts_low"))
        & ~exceeds(pl.col("parts_low"), pl.col("whole_high"))
    )
    at_minimum = pl.col("whole_low") - pl.col("parts_low")
    certain = exceeds(pl.col("whole_low"), pl.col("parts_high"))
    caveat = pl.when(certain).then(pl.lit("")).otherwise(pl.lit(" unless the hedged parts exceed their stated minimums"))
    return finding_rows(
        rows,
        severity=pl.lit("warning"),
        reason=pl.lit("warning: the story does not say whether its list of parts is complete"),
        message=pl.format(
            "the {} parts given for \"{}\" account for {} of {}: at least {} not accounted for{}",
            pl.col("n_parts"), pl.col("whole_text"), pl.col("parts_display"), pl.col("whole_display"),
            format_number(at_minimum), caveat,
        ),
        arithmetic=pl.concat_str([pl.col("arithmetic"), pl.lit(": at least "), format_number(at_minimum), pl.lit(" unaccounted")]),
        claim_ids=pl.col("claim_ids"),
        observed=(pl.col("parts_low"), pl.col("parts_high")),
        expected=(pl.col("whole_low"), pl.col("whole_high")),
    )
