"""COUNT001: a stated number of places does not match the places named."""

from __future__ import annotations

import polars as pl

from audit.frame import format_number
from audit.intervals import BOUND, exceeds
from audit.rules.registry import rule
from audit.rules.rows import finding_rows
from audit.rules.stated_counts import named_places


@rule("COUNT001", "counts.stated-count-mismatch", "error")
def stated_count_mismatch(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A stated number of places does not match the places the article names.

    "In at least five provinces" is checked against the distinct provinces named -- in the
    claim's own list (``named``) or, when it has none, in the figures the same outlet gives for
    the same period. A town counts as the province it lies in (Poipet as Banteay Meanchey),
    and two names for one province (Sihanoukville, Preah Sihanouk) count once.
    **error** when more places are named than the count allows ("two provinces" naming three);
    **warning** when an exact count names fewer in its own list ("three provinces: A and B") in a
    reviewed claim, or when the list was matched to the count by machine. Naming fewer than "at
    least five" is fine: the list may be partial; so is a machine-read list naming fewer (a story
    often names only the worst-hit of "11 provinces").

    *Anti-pattern*: "raids in two provinces, Kandal, Takeo and Kampot".

    *Best practice*: "raids in three provinces, Kandal, Takeo and Kampot".
    """
    counted = named_places(claims).with_columns(named_count=pl.col("named_n").cast(BOUND))
    too_many = exceeds(pl.col("named_count"), pl.col("high"))
    # naming fewer is a finding only where a person says the list is the count's own: a story often
    # names just the worst-hit of "11 provinces"
    too_few = (pl.col("explicit") & (pl.col("qualifier") == "exact") & pl.col("reviewed").fill_null(False)
               & exceeds(pl.col("low"), pl.col("named_count")))
    rows = counted.filter(too_many | too_few)
    return finding_rows(
        rows,
        severity=pl.when(too_many & pl.col("reviewed").fill_null(False)).then(pl.lit("error")).otherwise(pl.lit("warning")),
        reason=pl.when(too_many & pl.col("reviewed").fill_null(False)).then(
            pl.lit("error: more places named than the count allows")).when(too_many).then(
            pl.lit("warning: the places were matched to the count by machine")).otherwise(
            pl.lit("warning: the list may name only some of the places")),
        message=pl.format(
            "\"{}\" but {} distinct {} named: {}",
            pl.col("text"), pl.col("named_n"), pl.col("measure"), pl.col("named").list.join(", "),
        ),
        arithmetic=pl.format("{} named against {}", format_number(pl.col("named_count")), pl.col("display")),
        claim_ids=pl.concat_list(pl.col("id")),
        observed=(pl.col("named_count"), pl.col("named_count")),
        expected=(pl.col("low"), pl.col("high")),
    )
