"""AGREE001: two outlets report different figures for the same thing."""

from __future__ import annotations

import polars as pl

from audit.rules.agreement import comparable_claims, disagreements, in_disagreeing_figures
from audit.rules.registry import rule
from audit.rules.rows import FIGURE_KEY, finding_rows, graded
from audit.vocabulary import MEASURES


#: what a measure counts, in words, for messages ("people killed or dead", not "deaths")
_WORDS = {name: measure.description for name, measure in MEASURES.items()}


@rule("AGREE001", "agreement.sources-disagree", "error")
def sources_disagree(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """Outlets report figures for the same thing that cannot all be true.

    The same thing is the same measure, unit, place, group and day the count stands at
    (``as_of``): tolls of different days are the trend rule's. Their intervals must overlap: "more
    than 1,000" and "1,200" agree, "more than 1,000" and "at most 900" do not. Only totals and
    parts are compared (never subsets, increments, prior figures, rates or estimates), and of
    each story only its main figure for a measure, group and day (its largest, and the largest each
    authority it names gives: "the minister said 218 were missing" beside the police's 300). A toll
    of two countries together ("in Turkey and Syria") is not either country's. One finding per outlier: the
    figure that disagrees with the most others, listed beside them. A headline is compared with
    its own body (AGREE002), not with other outlets, when its outlet also gives the figure in the
    body. Catch-all measures (other, money, ratio) and parts that differ from their whole only in
    something unrecorded (a cause) are not compared. **error** only when nothing rests on a guess:
    both name the same authority and read measure, place and day from their own words (or a
    person reviewed both), and no reading of the hedges reconciles them; otherwise a **warning**
    whose reason names the doubt (two authorities, a day read from the publication date ...).

    *Anti-pattern*: outlet A: "at least 270 Indonesians"; outlet B, same raid: "250 Indonesians".

    *Best practice*: cite the same statement, or say why the figures differ (a later count).
    """
    claims = in_disagreeing_figures(comparable_claims(claims))  # a headline and its own body are one figure: both stay
    key = [k for k in FIGURE_KEY if k != "place"]  # a headline's place is often finer or coarser than its body's
    with_body = (
        claims.filter(pl.col("role") == "body").select("case", "source", *key).unique()
        .with_columns(_has_body=pl.lit(True))
    )
    comparable = claims.join(with_body, on=["case", "source", *key], how="left", nulls_equal=True).filter(
        (pl.col("role") == "body") | pl.col("_has_body").is_null()
    ).drop("_has_body")
    rows = disagreements(comparable, same_source=False)
    others = pl.concat_str([pl.col("others_outlet").list.first(), pl.lit(" reports \""),
                            pl.col("others_text").list.first(), pl.lit("\"")])
    more = pl.when(pl.col("others_id").list.len() > 1).then(
        pl.when(pl.col("others_id").list.len() == 2).then(pl.lit(" (and 1 other figure)"))
        .otherwise(pl.format(" (and {} other figures)", pl.col("others_id").list.len() - 1))).otherwise(pl.lit(""))
    return finding_rows(
        rows,
        severity=graded(pl.col("certain")),
        reason=pl.col("severity_reason"),
        message=pl.format("{} reports \"{}\" but {}{} for the same count ({}): they cannot all be true",
                          pl.col("outlet"), pl.col("text"), others, more,
                          pl.col("measure").replace_strict(_WORDS, default=pl.col("measure"), return_dtype=pl.String)),
        arithmetic=pl.format("{} does not overlap {}", pl.col("display"),
                             pl.col("others_display").list.unique(maintain_order=True).list.join(", ")),
        claim_ids=pl.concat_list(pl.col("id"), pl.col("others_id")),
        observed=(pl.col("low"), pl.col("high")),
        expected=(pl.col("others_low").list.first(), pl.col("others_high").list.first()),
    )
