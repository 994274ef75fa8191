"""AGREE003: a headline gives the body's figure under another measure."""

from __future__ import annotations

import polars as pl

from audit.rules.registry import rule
from audit.rules.rows import finding_rows

#: Measures a headline can mislabel: people's fates (not money, places or a catch-all)
_FATES = ["deaths", "missing", "injured", "dead_or_missing", "hospitalized", "displaced", "detained", "rescued",
          "affected_people", "evacuated"]


@rule("AGREE003", "agreement.headline-relabels-figure", "warning")
def headline_relabels_figure(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A headline gives the body's figure as a different measure.

    The headline's number and hedge are exactly those of a body figure of the same story, but the
    headline calls it another measure (the injured where the body has the missing), and the body
    gives no figure at all of the headline's measure: the headline relabelled the body's count.
    Always a **warning**: the story may have the headline's count in a part not captured.

    *Anti-pattern*: headline "Over 9,000 injured"; body "over 9,000 people are still missing"
    and no injured figure.

    *Best practice*: the headline counts what the body counts: "Over 9,000 missing".
    """
    fates = claims.filter(pl.col("measure").is_in(_FATES) & pl.col("value").is_not_null())
    headlines = fates.filter(pl.col("role") == "headline")
    body = fates.filter(pl.col("role") == "body")
    measured = body.select("case", "source", "measure").unique().with_columns(_told=pl.lit(True))
    pairs = (
        headlines.join(body, on=["case", "source", "value", "qualifier"], suffix="_b")
        .filter(pl.col("measure") != pl.col("measure_b"))
        .join(measured, on=["case", "source", "measure"], how="left")
        .filter(pl.col("_told").is_null())  # the body never counts what the headline says
        .unique(["case", "id"], keep="first", maintain_order=True)
    )
    return finding_rows(
        pairs,
        severity=pl.lit("warning"),
        reason=pl.lit("warning: the story may give the headline's count where the extractor did not read it"),
        message=pl.format("{}: the headline \"{}\" counts {}, but the body gives the same figure as {}: \"{}\"",
                          pl.col("outlet"), pl.col("text"), pl.col("measure"), pl.col("measure_b"), pl.col("text_b")),
        arithmetic=pl.format("{} {} (headline) = {} {} (body)", pl.col("display"), pl.col("measure"),
                             pl.col("display_b"), pl.col("measure_b")),
        claim_ids=pl.concat_list(pl.col("id"), pl.col("id_b")),
        observed=(pl.col("low"), pl.col("high")),
        expected=(pl.col("low_b"), pl.col("high_b")),
    )
