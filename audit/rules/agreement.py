"""Claims that report the same figure (same measure, unit, place, group and period) but whose
intervals do not overlap, grouped around the claim that disagrees most: one finding per outlier
("the headline's 1,000 against both body sentences' more than 1,000"), not one per pair."""

from __future__ import annotations

import polars as pl

from audit.intervals import exceeds, overlaps
from audit.rules.rows import FIGURE_KEY

__all__ = ["disagreements", "in_disagreeing_figures"]

_SIDE = ("id", "source", "outlet", "text", "display", "role", "low", "high")


def in_disagreeing_figures(claims: pl.LazyFrame) -> pl.LazyFrame:
    """The claims of figures in which some claim's minimum lies above another's maximum: only they
    can disagree, so the pairs are formed among them alone. Figures are told apart by a hash of
    their key; a collision only lets more claims through, the pairs still join on the key itself."""
    figure = pl.struct("case", *FIGURE_KEY).hash()
    return claims.filter(exceeds(pl.col("low").max().over(figure), pl.col("high").min().over(figure)))


#: the claims beside an outlier whose text, outlet and bounds are listed (all ids are kept, so the rest is counted):
#: an article of N figures that all disagree must not build N x N quotes
LISTED = 10
#: the columns a pair carries: numbers and short ids, never the figure's key lists (N claims of one figure make N x N pairs)
_NARROW = ("id", "source", "role", "start", "low", "high", "lenient_low", "lenient_high")


def disagreements(claims: pl.LazyFrame, same_source: bool) -> pl.LazyFrame:
    """One row per outlier claim: its columns, ``others_*`` lists of the claims it contradicts (``others_id``
    all of them, the other lists the first ``LISTED``), and ``lenient_disjoint`` (true when it contradicts
    one of them even with round figures read as rounded)."""
    candidates = in_disagreeing_figures(claims).filter(pl.col("comparable")).collect()  # used thrice below
    figures = candidates.select("case", *FIGURE_KEY).unique().with_row_index("_figure")
    keyed = candidates.join(figures, on=["case", *FIGURE_KEY], how="left", nulls_equal=True).lazy()
    narrow = keyed.select("case", "_figure", *_NARROW)
    pairs = narrow.join(narrow, on=["case", "_figure"], suffix="_b").filter(
        (pl.col("id") != pl.col("id_b"))
        & ((pl.col("source") == pl.col("source_b")) if same_source else (pl.col("source") != pl.col("source_b")))
        & ~overlaps(pl.col("low"), pl.col("high"), pl.col("low_b"), pl.col("high_b"))
    ).with_columns(
        lenient_disjoint=~overlaps(
            pl.col("lenient_low"), pl.col("lenient_high"), pl.col("lenient_low_b"), pl.col("lenient_high_b")
        )
    )
    # every disagreeing pair appears in both orders; keep the order whose first claim disagrees with
    # more claims (ties: a headline first, then the smaller id)
    degree = pairs.group_by("case", "_figure", "id").agg(_degree=pl.len())
    ranked = pairs.join(degree, on=["case", "_figure", "id"]).join(
        degree.rename({"id": "id_b", "_degree": "_degree_b"}), on=["case", "_figure", "id_b"]
    )
    first = (
        (pl.col("_degree") > pl.col("_degree_b"))
        | ((pl.col("_degree") == pl.col("_degree_b"))
           & (((pl.col("role") == "headline") & (pl.col("role_b") != "headline"))
              | ((pl.col("role") == pl.col("role_b")) & (pl.col("id") < pl.col("id_b")))))
    )
    outliers = (
        ranked.filter(first)
        .group_by("case", "_figure", "id", maintain_order=True)
        .agg(others_id=pl.col("id_b").sort_by("start_b", "id_b"), lenient_disjoint=pl.col("lenient_disjoint").any())
    )
    side = keyed.select("case", "_figure", *_SIDE, "measure")
    listed = (
        outliers.select("case", "_figure", "id", _other=pl.col("others_id").list.head(LISTED))
        .with_row_index("_outlier").explode("_other")
        .join(side.rename({"id": "_other", **{k: f"{k}_b" for k in _SIDE if k != "id"}}).drop("measure"),
              on=["case", "_figure", "_other"], how="left", maintain_order="left")
        .group_by("_outlier", maintain_order=True)
        .agg(*[pl.col(f"{k}_b").alias(f"others_{k}") for k in _SIDE if k != "id"])
    )
    return (
        outliers.with_row_index("_outlier")
        .join(listed, on="_outlier", how="left", maintain_order="left")
        .join(side, on=["case", "_figure", "id"], how="left", maintain_order="left")
        .select("case", *_SIDE, "measure", *[f"others_{k}" for k in _SIDE], "lenient_disjoint")
    )
