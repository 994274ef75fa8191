"""Figures that lie inside other figures: a narrower place, group or period of the same measure.

Claims that give the same measure for the same place, group and period (repeats across
outlets) are one *figure*. Containment is found between figures with equality joins, never an
all-pairs join: a part's every place, each widened to its ancestors (Poipet -> Banteay Meanchey
-> Cambodia), is joined to the whole's places, and the part's groups, as every subset
([ID, female] -> [ID, female], [ID], [female], []), to the whole's groups. Periods are then
compared on the few pairs left, and the days they stand at: a part counted on or before the day
of a whole that only grows (a toll), or on the same day for a stock (the missing).
"""

from __future__ import annotations

from itertools import combinations

import polars as pl

from audit.frame import ENGINE
from audit.places import ancestors
from audit.vocabulary import CUMULATIVE_MEASURES

__all__ = ["contained_pairs"]

_SEP = "\x1f"
#: a figure is the claims of one case that give one measure (and unit) for the same place, group and period
_SCOPE = ["case", "measure", "unit"]


def _subsets(key: str) -> list[str]:
    items = [i for i in key.split(_SEP) if i]
    return [_SEP.join(c) for n in range(len(items) + 1) for c in combinations(items, n)]


def contained_pairs(claims: pl.LazyFrame, figure_filter: pl.Expr | None = None) -> pl.LazyFrame:
    """Claim pairs (part, whole; the whole's columns end in ``_b``) of one case and measure where
    the part's places, groups and period lie inside the whole's, and not all equal. Only
    ``comparable`` claims (see ``audit.frame``) take part.

    ``figure_filter``, over figure columns (``low`` the largest minimum of the figure's claims,
    ``high`` the smallest maximum, ``_b`` for the whole), drops figure pairs before they are
    expanded into claim pairs: pass the condition some claim pair must meet.
    """
    keyed = claims.filter(
        pl.col("comparable") & (pl.col("place").list.len() > 0) & pl.col("period_start").is_not_null()
    ).collect(engine=ENGINE).with_row_index("_row")
    figures = keyed.lazy().group_by(
        *_SCOPE, "period_start", "period_end", "cumulative", "as_of",
        _place_key=pl.col("place").list.join(_SEP), _group_key=pl.col("group").list.join(_SEP),
    ).agg(
        place=pl.col("place").first(), group=pl.col("group").first(),
        _group_set=pl.col("group").first().list.unique().list.sort().list.join(_SEP),
        low=pl.col("low").max(), high=pl.col("high").min(), _rows=pl.col("_row"),
    ).collect(engine=ENGINE).with_row_index("_f")
    tokens = figures["place"].explode().drop_nulls().unique()
    widened = pl.LazyFrame({"_token": tokens, "_ancestor": [ancestors(t) for t in tokens]},
                           schema={"_token": pl.String, "_ancestor": pl.List(pl.String)}).explode("_ancestor")
    sets = figures["_group_set"].unique()
    subsets = pl.LazyFrame({"_group_set": sets, "_subset": [_subsets(s) for s in sets]},
                           schema={"_group_set": pl.String, "_subset": pl.List(pl.String)}).explode("_subset")
    # the scalar attributes travel with both sides, so periods and ``figure_filter`` are checked inside the join
    scalars = ["period_start", "period_end", "low", "high", "as_of"]
    parts = (
        figures.lazy().select("_f", *_SCOPE, *scalars, "_group_set", _places=pl.col("place").list.len(),
                              _token=pl.col("place"), _idx=pl.int_ranges(0, pl.col("place").list.len()))
        .explode("_token", "_idx")
        .join(widened, on="_token")
        .join(subsets, on="_group_set")
    )
    wholes = figures.lazy().select(pl.col("_f").alias("_f_b"), *_SCOPE, *[pl.col(c).alias(f"{c}_b") for c in scalars],
                                   pl.col("_group_set").alias("_subset"), _ancestor=pl.col("place")).explode("_ancestor")
    candidates = (
        parts.join(wholes, on=[*_SCOPE, "_ancestor", "_subset"], nulls_equal=True)
        .filter(
            (pl.col("_f") != pl.col("_f_b"))
            & (pl.col("period_start_b") <= pl.col("period_start")) & (pl.col("period_end") <= pl.col("period_end_b"))
            # as they stood: a whole that only grows includes every part counted before it; a stock
            # (missing, displaced) is compared only with its parts of the same day
            & pl.when(pl.col("measure").is_in(CUMULATIVE_MEASURES)).then(pl.col("as_of") <= pl.col("as_of_b"))
            .otherwise(pl.col("as_of") == pl.col("as_of_b")).fill_null(False)
            & (figure_filter if figure_filter is not None else pl.lit(True))
        )
        .group_by("_f", "_f_b").agg(_placed=pl.col("_idx").n_unique(), _places=pl.col("_places").first())
        .filter(pl.col("_placed") == pl.col("_places"))  # every place of the part lies in some place of the whole
    )
    keys = ["place", "group", "period_start", "period_end", "as_of"]
    same = pl.all_horizontal([pl.col(k).eq_missing(pl.col(f"{k}_b")) for k in keys])
    pairs = (
        candidates.join(figures.lazy().select("_f", *keys), on="_f")
        .join(figures.lazy().select(pl.col("_f").alias("_f_b"), *[pl.col(k).alias(f"{k}_b") for k in keys]), on="_f_b")
        .filter(~same)
        .select("_f", "_f_b")
    )
    # back from figure pairs to the claim pairs they hold, by row number
    rows = figures.lazy().select("_f", "_rows")
    claim_rows = (
        pairs.join(rows, on="_f").explode("_rows").rename({"_rows": "_row"})
        .join(rows.rename({"_f": "_f_b", "_rows": "_row_b"}), on="_f_b").explode("_row_b")
    )
    whole_claims = keyed.lazy().select(pl.all().name.suffix("_b"))
    return (
        claim_rows.join(keyed.lazy(), on="_row").join(whole_claims, on="_row_b")
        .filter(pl.col("id") != pl.col("id_b"))
        .drop("_f", "_f_b", "_row", "_row_b")
    )
