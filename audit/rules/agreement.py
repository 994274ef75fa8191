"""Claims that report the same figure (same measure, unit, place, group and period) but whose
intervals do not overlap, grouped around the claim that disagrees most: one finding per outlier
("the headline's 1,000 against both body sentences' more than 1,000"), not one per pair."""

from __future__ import annotations

import polars as pl

from audit.intervals import exceeds, overlaps
from audit.rules.rows import FIGURE_KEY, pairs_within_case

__all__ = ["disagreements", "in_disagreeing_figures"]

_SIDE = ("id", "source", "outlet", "text", "display", "role", "low", "high")


def in_disagreeing_figures(claims: pl.LazyFrame) -> pl.LazyFrame:
    """The claims of figures in which some claim's minimum lies above another's maximum: only they
    can disagree, so the pairs are formed among them alone. Figures are told apart by a hash of
    their key; a collision only lets more claims through, the pairs still join on the key itself."""
    figure = pl.struct("case", *FIGURE_KEY).hash()
    return claims.filter(exceeds(pl.col("low").max().over(figure), pl.col("high").min().over(figure)))


def disagreements(claims: pl.LazyFrame, same_source: bool) -> pl.LazyFrame:
    """One row per outlier claim: its columns, ``others_*`` lists of the claims it contradicts,
    and ``lenient_disjoint`` (true when it contradicts one of them even with round figures read as rounded)."""
    candidates = in_disagreeing_figures(claims).filter(pl.col("comparable")).collect().lazy()  # used thrice below
    pairs = pairs_within_case(candidates, on=FIGURE_KEY).filter(
        ((pl.col("source") == pl.col("source_b")) if same_source else (pl.col("source") != pl.col("source_b")))
        & ~overlaps(pl.col("low"), pl.col("high"), pl.col("low_b"), pl.col("high_b"))
    ).with_columns(
        lenient_disjoint=~overlaps(
            pl.col("lenient_low"), pl.col("lenient_high"), pl.col("lenient_low_b"), pl.col("lenient_high_b")
        )
    )
    # every disagreeing pair appears in both orders; keep the order whose first claim disagrees with
    # more claims (ties: a headline first, then the smaller id)
    degree = pairs.group_by("case", "id").agg(_degree=pl.len())
    ranked = pairs.join(degree, on=["case", "id"]).join(
        degree.rename({"id": "id_b", "_degree": "_degree_b"}), on=["case", "id_b"]
    )
    first = (
        (pl.col("_degree") > pl.col("_degree_b"))
        | ((pl.col("_degree") == pl.col("_degree_b"))
           & (((pl.col("role") == "headline") & (pl.col("role_b") != "headline"))
              | ((pl.col("role") == pl.col("role_b")) & (pl.col("id") < pl.col("id_b")))))
    )
    return (
        ranked.filter(first)
        .group_by("case", *_SIDE, "measure", maintain_order=True)
        .agg(
            *[pl.col(f"{k}_b").sort_by("start_b", "id_b").alias(f"others_{k}") for k in _SIDE],
            lenient_disjoint=pl.col("lenient_disjoint").any(),
        )
    )
