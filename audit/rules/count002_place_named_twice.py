"""COUNT002: a list of places names one place twice."""

from __future__ import annotations

import polars as pl

from audit.rules.registry import rule
from audit.rules.rows import finding_rows


@rule("COUNT002", "counts.place-named-twice", "warning")
def place_named_twice(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A list of places names one place twice, under two names.

    Two spellings of one province in a list ("Sihanoukville and Preah Sihanouk") make the list
    look longer than it is; a stated count checked against it counts the place once.

    *Anti-pattern*: "raids in Phnom Penh, Sihanoukville and Preah Sihanouk".

    *Best practice*: name each place once: "raids in Phnom Penh and Sihanoukville".
    """
    twice = (
        claims.filter(pl.col("named_codes").list.len() > pl.col("named_codes").list.n_unique())
        .select("case", "id", "text", "named", "named_codes")
        .explode("named", "named_codes")
        .group_by("case", "id", "text", "named_codes", maintain_order=True)
        .agg(names=pl.col("named"))
        .filter(pl.col("names").list.len() > 1)
    )
    return finding_rows(
        twice,
        severity=pl.lit("warning"),
        reason=pl.lit("warning: one place under two names may be counted twice"),
        message=pl.format("\"{}\" names one place twice: {} are both {}",
                          pl.col("text"), pl.col("names").list.join(" and "), pl.col("named_codes")),
        claim_ids=pl.concat_list(pl.col("id")),
    )
