"""AGREE002: one outlet gives two figures for the same thing that do not agree (headline vs body)."""

from __future__ import annotations

import polars as pl

from audit.rules.agreement import comparable_claims, disagreements
from audit.rules.registry import rule
from audit.rules.rows import finding_rows, graded


@rule("AGREE002", "agreement.source-contradicts-itself", "error")
def source_contradicts_itself(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """One outlet gives figures for the same thing that cannot all be true.

    Most often the headline drops the body's hedge: "Cambodia arrests 1,000" above "over 1,000
    people were arrested". Same thing = same measure, unit, place, group and day (``as_of``; a
    headline stands on its body's day); one finding per outlier (the headline, against every body
    sentence it contradicts). A headline is read against the body's main figure (its largest of
    the measure and day), and two body figures only when two authorities give them: other figures
    of one story are most often slices it does not label. Two authorities' counts set side by side
    are compared as printed, too: "at least 150" (150 to 160) against "passed 2,000" meet only
    because both are open above. **error** when nothing reconciles them
    and both say what they count in their own words ("toll rises to 674" / "surged to 694");
    **warning** when reading round figures as rounded reconciles them (a headline's "1,000" may be
    a rounding of 1,001 or more), when two authorities give them, or when a reading is a guess.

    *Anti-pattern*: headline "1,000 arrested", body "over 1,000 arrested".

    *Best practice*: keep the hedge in the headline: "Over 1,000 arrested".
    """
    rows = disagreements(comparable_claims(claims), same_source=True)
    others = pl.col("others_text").list.unique(maintain_order=True)
    return finding_rows(
        rows,
        severity=graded(pl.col("certain")),
        reason=pl.col("severity_reason"),
        message=pl.format("{}: the {} \"{}\" contradicts the same outlet's {}: \"{}\"",
                          pl.col("outlet"), pl.col("role"), pl.col("text"),
                          pl.col("others_role").list.first(), others.list.join("\", \"")),
        arithmetic=pl.format("{} does not overlap {}{}", pl.col("display"),
                             pl.col("others_display").list.unique(maintain_order=True).list.join(", "),
                             pl.when(pl.col("lenient_disjoint")).then(pl.lit("")).otherwise(
                                 pl.lit(" (they meet if the round figure is read as rounded)"))),
        claim_ids=pl.concat_list(pl.col("id"), pl.col("others_id")),
        observed=(pl.col("low"), pl.col("high")),
        expected=(pl.col("others_low").list.first(), pl.col("others_high").list.first()),
    )
