"""GROUND001: a claim's phrase is not where its offsets say in its article."""

from __future__ import annotations

import polars as pl

from audit.rules.registry import rule
from audit.rules.rows import finding_rows


@rule("GROUND001", "grounding.quote-not-in-article", "error")
def quote_not_in_article(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A claim's phrase is not found in its article at the offsets it gives.

    Every figure must be traceable to the characters it came from. **error** when the phrase
    does not occur in the article at all (a typo in the claim file, or an article edited since);
    **warning** when it occurs elsewhere (the offsets are stale: the message gives the right
    ones). Claims whose source has no article in the case are not checked.

    *Anti-pattern*: ``text: over 1000 people`` when the article prints "over 1,000 people".

    *Best practice*: copy the phrase exactly as printed; ``audit extract`` fills the offsets.
    """
    articles = sources.select("case", "source", article=pl.col("text"))
    joined = claims.join(articles, on=["case", "source"], how="inner").with_columns(
        at_offsets=pl.col("article").str.slice(pl.col("start"), pl.col("end") - pl.col("start")),
        found=pl.col("article").str.find(pl.col("text"), literal=True),
    )
    rows = joined.filter(pl.col("at_offsets") != pl.col("text"))
    return finding_rows(
        rows,
        severity=pl.when(pl.col("found").is_null()).then(pl.lit("error")).otherwise(pl.lit("warning")),
        reason=pl.when(pl.col("found").is_null()).then(pl.lit("error: the phrase is nowhere in the article")).otherwise(
            pl.lit("warning: the phrase is in the article, at other offsets")),
        message=pl.when(pl.col("found").is_null()).then(
            pl.format("claim {}: \"{}\" does not occur in the article {}", pl.col("id"), pl.col("text"), pl.col("source"))
        ).otherwise(
            pl.format("claim {}: \"{}\" is at {}-{} in the article, not at {}-{}", pl.col("id"), pl.col("text"),
                      pl.col("found"), pl.col("found") + pl.col("text").str.len_chars(), pl.col("start"), pl.col("end"))
        ),
        claim_ids=pl.concat_list(pl.col("id")),
    )
