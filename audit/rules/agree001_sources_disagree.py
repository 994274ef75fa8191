"""AGREE001: two outlets report different figures for the same thing."""

from __future__ import annotations

import polars as pl

from audit.rules.agreement import disagreeing_pairs
from audit.rules.registry import rule
from audit.rules.rows import FIGURE_KEY, finding_rows, graded


@rule("AGREE001", "agreement.sources-disagree", "error")
def sources_disagree(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """Two outlets report figures for the same thing that cannot both be true.

    The same thing is the same measure, unit, place, group and period. Their intervals must
    overlap: "more than 1,000" and "1,200" agree, "more than 1,000" and "at most 900" do not.
    A headline is compared with its own body (AGREE002), not with other outlets, when its
    outlet also gives the figure in the body. **error** under every reading of the hedges;
    **warning** when reading round figures as rounded ("1,000" as 500-1,500) resolves it.

    *Anti-pattern*: outlet A: "at least 270 Indonesians"; outlet B, same raid: "250 Indonesians".

    *Best practice*: cite the same statement, or say why the figures differ (a later count).
    """
    with_body = (
        claims.filter(pl.col("role") == "body").select("case", "source", *FIGURE_KEY).unique()
        .with_columns(_has_body=pl.lit(True))
    )
    comparable = claims.join(with_body, on=["case", "source", *FIGURE_KEY], how="left", nulls_equal=True).filter(
        (pl.col("role") == "body") | pl.col("_has_body").is_null()
    ).drop("_has_body")
    rows = disagreeing_pairs(comparable).filter(pl.col("source") != pl.col("source_b"))
    return finding_rows(
        rows,
        severity=graded(pl.col("lenient_disjoint")),
        message=pl.format(
            "{} reports \"{}\" but {} reports \"{}\" for the same {}: the figures cannot both be true",
            pl.col("source"), pl.col("text"), pl.col("source_b"), pl.col("text_b"), pl.col("measure"),
        ),
        arithmetic=pl.format("{} and {} do not overlap", pl.col("display"), pl.col("display_b")),
        claim_ids=pl.concat_list(pl.col("id"), pl.col("id_b")),
        observed=(pl.col("low"), pl.col("high")),
        expected=(pl.col("low_b"), pl.col("high_b")),
    )
