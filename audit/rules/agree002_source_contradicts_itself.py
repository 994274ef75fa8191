"""AGREE002: one outlet gives two figures for the same thing that do not agree (headline vs body)."""

from __future__ import annotations

import polars as pl

from audit.rules.agreement import disagreeing_pairs
from audit.rules.registry import rule
from audit.rules.rows import finding_rows, graded


@rule("AGREE002", "agreement.source-contradicts-itself", "error")
def source_contradicts_itself(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """One outlet gives two figures for the same thing that cannot both be true.

    Most often the headline drops the body's hedge: "Cambodia arrests 1,000" above "over 1,000
    people were arrested". Same thing = same measure, unit, place, group and period.
    **warning** when reading round figures as rounded reconciles them (a headline's "1,000"
    may be a rounding of 1,001 or more), **error** when nothing does.

    *Anti-pattern*: headline "1,000 arrested", body "over 1,000 arrested".

    *Best practice*: keep the hedge in the headline: "Over 1,000 arrested".
    """
    rows = disagreeing_pairs(claims).filter(pl.col("source") == pl.col("source_b"))
    # the headline first, so the finding points at it
    headline_first = pl.col("role_b") == "headline"
    first = {k: pl.when(headline_first).then(pl.col(f"{k}_b")).otherwise(pl.col(k)) for k in ("id", "text", "display", "role", "low", "high")}
    second = {k: pl.when(headline_first).then(pl.col(k)).otherwise(pl.col(f"{k}_b")) for k in ("id", "text", "display", "role", "low", "high")}
    return finding_rows(
        rows,
        severity=graded(pl.col("lenient_disjoint")),
        message=pl.format(
            "{}'s {} \"{}\" contradicts its own {} \"{}\"",
            pl.col("source"), first["role"], first["text"], second["role"], second["text"],
        ),
        arithmetic=pl.format("{} and {} do not overlap", first["display"], second["display"]),
        claim_ids=pl.concat_list(first["id"], second["id"]),
        observed=(first["low"], first["high"]),
        expected=(second["low"], second["high"]),
    )
