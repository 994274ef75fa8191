"""RATIO001: a stated share does not fit the figures it relates."""

from __future__ import annotations

import polars as pl

from audit.intervals import exceeds
from audit.rules.registry import rule
from audit.rules.rows import finding_rows, graded, interval_text
from audit.frame import format_number


def _product(a: pl.Expr, b: pl.Expr) -> pl.Expr:
    return pl.when(a.is_null() | b.is_null()).then(pl.lit(None)).otherwise(a * b)


@rule("RATIO001", "ratios.share-does-not-fit", "error")
def share_does_not_fit(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A stated share does not fit the figure it describes and the figure it is a share of.

    "Less than 1 per cent of about 150,000" said of "more than 1,000": the share times the base
    ([0, 0.01] × [145,000, 155,000] = [0, 1,550]) must overlap the figure described
    ([1,001, open)). A ratio claim names its base with ``ratio_of`` and the figure with
    ``describes``. **error** under every reading; **warning** when reading round figures as
    rounded resolves it.

    *Anti-pattern*: "the 5,000 arrested are less than 1 per cent of about 150,000 workers".

    *Best practice*: "the 5,000 arrested are about 3 per cent of about 150,000 workers".
    """
    figures = claims.select(
        "case", pl.col("id").alias("_ref"), pl.col("low").alias("_low"), pl.col("high").alias("_high"),
        pl.col("lenient_low").alias("_llow"), pl.col("lenient_high").alias("_lhigh"),
        pl.col("display").alias("_display"), pl.col("text").alias("_text"),
    )
    ratios = (
        claims.filter(pl.col("ratio_of").is_not_null() & pl.col("describes").is_not_null())
        .join(figures, left_on=["case", "ratio_of"], right_on=["case", "_ref"])
        .join(figures, left_on=["case", "describes"], right_on=["case", "_ref"], suffix="_v")
        .with_columns(
            product_low=_product(pl.col("low"), pl.col("_low")),
            product_high=_product(pl.col("high"), pl.col("_high")),
            lenient_product_low=_product(pl.col("lenient_low"), pl.col("_llow")),
            lenient_product_high=_product(pl.col("lenient_high"), pl.col("_lhigh")),
        )
    )
    strict = exceeds(pl.col("_low_v"), pl.col("product_high")) | exceeds(pl.col("product_low"), pl.col("_high_v"))
    lenient = exceeds(pl.col("_llow_v"), pl.col("lenient_product_high")) | exceeds(pl.col("lenient_product_low"), pl.col("_lhigh_v"))
    product = interval_text(pl.col("product_low"), pl.col("product_high"),
                            format_number(pl.col("product_low")), format_number(pl.col("product_high")))
    return finding_rows(
        ratios.filter(strict),
        severity=graded(lenient),
        reason=pl.when(lenient).then(pl.lit("error: the share does not fit under any reading of the hedges")).otherwise(
            pl.lit("warning: a round figure may itself be rounded; read so, the share fits")),
        message=pl.format("\"{}\" of \"{}\" does not fit \"{}\"", pl.col("text"), pl.col("_text"), pl.col("_text_v")),
        arithmetic=pl.format("{} × {} = {}, against {}", pl.col("display"), pl.col("_display"), product, pl.col("_display_v")),
        claim_ids=pl.concat_list(pl.col("id"), pl.col("ratio_of"), pl.col("describes")),
        observed=(pl.col("_low_v"), pl.col("_high_v")),
        expected=(pl.col("product_low"), pl.col("product_high")),
    )
