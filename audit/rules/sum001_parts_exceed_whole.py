"""SUM001: the parts of a breakdown add up to more than their whole."""

from __future__ import annotations

import polars as pl

from audit.frame import format_number
from audit.intervals import exceeds
from audit.rules.breakdowns import UNSURE_REASON, breakdowns
from audit.rules.registry import rule
from audit.rules.rows import finding_rows, graded


@rule("SUM001", "sums.parts-exceed-whole", "error")
def parts_exceed_whole(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """The parts of a breakdown add up to more than their whole.

    Whatever kind the breakdown is -- exhaustive, partial ("including") or unknown -- its parts
    cannot exceed the whole. Compared as intervals: the smallest the parts can add up to is
    above the largest the whole can be. **error** when that holds under every reading of the
    hedges in a breakdown a person reviewed; **warning** when reading round figures as rounded
    ("1,000" as 500-1,500) resolves it, or when a machine linked the parts to the whole. Parts read
    by machine are checked only when they slice the whole along one axis (places, or groups: "158
    dead, 26 of them foreigners, 101 women, 30 in their 20s" may overlap) and add up to at most
    twice the whole (else they were linked to the wrong whole).

    *Anti-pattern*: "12 died: 5 in Leyte, 6 in Samar and 3 in Biliran" (5 + 6 + 3 = 14 > 12).

    *Best practice*: the parts add up to at most the whole: "12 died: 5 in Leyte, 6 in Samar
    and 1 in Biliran".
    """
    rows = breakdowns(claims).filter(
        pl.col("sure") & pl.col("plausible") &exceeds(pl.col("parts_low"), pl.col("whole_high")))
    excess = pl.col("parts_low") - pl.col("whole_high")
    return finding_rows(
        rows,
        severity=graded(exceeds(pl.col("parts_lenient_low"), pl.col("whole_lenient_high")) & pl.col("stated")),
        reason=pl.when(~pl.col("stated")).then(pl.lit(UNSURE_REASON)).when(
            exceeds(pl.col("parts_lenient_low"), pl.col("whole_lenient_high"))).then(
            pl.lit("error: the parts exceed the whole under every reading of the hedges")).otherwise(
            pl.lit("warning: a round figure may itself be rounded; read so, the parts fit")),
        message=pl.format(
            "the {} parts of \"{}\" add up to {}, more than the whole {}: at least {} too many",
            pl.col("n_parts"), pl.col("whole_text"), pl.col("parts_display"), pl.col("whole_display"),
            format_number(excess),
        ),
        arithmetic=pl.concat_str([pl.col("arithmetic"), pl.lit(": at least "), format_number(excess), pl.lit(" too many")]),
        claim_ids=pl.col("claim_ids"),
        observed=(pl.col("parts_low"), pl.col("parts_high")),
        expected=(pl.col("whole_low"), pl.col("whole_high")),
    )
