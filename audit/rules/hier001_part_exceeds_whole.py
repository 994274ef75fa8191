"""HIER001: a figure for a narrower place, group or period is larger than the figure it lies inside."""

from __future__ import annotations

import polars as pl

from audit.frame import format_number
from audit.intervals import exceeds
from audit.rules.registry import rule
from audit.rules.rows import FIGURE_KEY, finding_rows, graded, place_within


#: a figure: the claims of one case that give the same measure for the same place, group and period
_FIGURE = ["_place_key", "_group_key", "period_start", "period_end", "cumulative"]
_SCOPE = ["case", "measure", "unit"]


def contained_pairs(claims: pl.LazyFrame) -> pl.LazyFrame:
    """Pairs (part, whole) of one case and measure where the part's place, group and period lie
    inside the whole's and at least one of them strictly, and the part's minimum is above the
    whole's maximum for some claims of each.

    Claims are first grouped into figures (repeats across outlets are one figure, with the
    largest minimum and the smallest maximum any claim gives), so the pairs are formed between
    figures, and only the few figure pairs that can exceed are expanded back into claim pairs.
    """
    keyed = claims.filter(
        (pl.col("place").list.len() > 0) & pl.col("period_start").is_not_null()
    ).with_columns(_place_key=pl.col("place").list.join("\x1f"), _group_key=pl.col("group").list.join("\x1f"))
    figures = keyed.group_by(*_SCOPE, *_FIGURE).agg(
        place=pl.col("place").first(), group=pl.col("group").first(), low=pl.col("low").max(), high=pl.col("high").min()
    )
    pairs = figures.join(figures, on=_SCOPE, suffix="_b", nulls_equal=True).filter(
        exceeds(pl.col("low"), pl.col("high_b"))  # no claim pair of these figures can exceed otherwise
        & (pl.col("period_start_b") <= pl.col("period_start"))
        & (pl.col("period_end") <= pl.col("period_end_b"))
        # the whole's groups are all among the part's: [ID, female] lies inside [ID]
        & (pl.col("group_b").list.set_difference(pl.col("group")).list.len() == 0)
    )
    # the same figure differs in nothing but measure and unit (the join keys)
    same = pl.all_horizontal([pl.col(k).eq_missing(pl.col(f"{k}_b")) for k in FIGURE_KEY if k not in ("measure", "unit")])
    figure_pairs = place_within(pairs, places=keyed).filter(pl.col("place_within") & ~same).select(
        *_SCOPE, *_FIGURE, *[f"{k}_b" for k in _FIGURE]
    )
    parts = keyed.join(figure_pairs, on=[*_SCOPE, *_FIGURE], nulls_equal=True)
    wholes = keyed.select(*_SCOPE, *[pl.col(c).alias(f"{c}_b") for c in keyed.collect_schema().names() if c not in _SCOPE])
    return parts.join(wholes, on=[*_SCOPE, *[f"{k}_b" for k in _FIGURE]], nulls_equal=True).filter(
        pl.col("id") != pl.col("id_b")
    ).drop("_place_key", "_group_key", "_place_key_b", "_group_key_b")


@rule("HIER001", "hierarchy.part-exceeds-whole", "error")
def part_exceeds_whole(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A figure for a narrower place, group or period is larger than the figure it lies inside.

    Along every hierarchy -- place (town ⊂ province ⊂ country), group (Indonesian women ⊂
    Indonesians ⊂ everyone) and period (a day ⊂ the week ⊂ the campaign) -- a figure for the
    narrower scope cannot exceed the same measure for the wider one, whichever outlet reports
    them. Explicit breakdowns (``part_of``) are checked by the SUM rules instead, and a running
    total against a later one for the same place, group and first day by TREND001. **error** under
    every reading of the hedges, **warning** when reading round figures as rounded resolves it.

    *Anti-pattern*: "312 arrested in Kratie" beside "300 arrested across Cambodia" for the same days.

    *Best practice*: the national figure is at least the provincial one.
    """
    # a running total against a later one of the same start is TREND001's to report, not a second finding
    same_running_total = (
        pl.col("cumulative") & pl.col("cumulative_b") & (pl.col("period_start") == pl.col("period_start_b"))
        & pl.col("place").eq_missing(pl.col("place_b")) & pl.col("group").eq_missing(pl.col("group_b"))
    )
    rows = contained_pairs(claims).filter(
        exceeds(pl.col("low"), pl.col("high_b")) & pl.col("part_of").ne_missing(pl.col("id_b")) & ~same_running_total
    )
    return finding_rows(
        rows,
        severity=graded(exceeds(pl.col("lenient_low"), pl.col("lenient_high_b"))),
        message=pl.format(
            "\"{}\" ({}) is larger than \"{}\" ({}), which covers a wider place, group or period",
            pl.col("text"), pl.col("source"), pl.col("text_b"), pl.col("source_b"),
        ),
        arithmetic=pl.format("{} > {}: at least {} more in the part than in the whole",
                             pl.col("display"), pl.col("display_b"), format_number(pl.col("low") - pl.col("high_b"))),
        claim_ids=pl.concat_list(pl.col("id"), pl.col("id_b")),
        observed=(pl.col("low"), pl.col("high")),
        expected=(pl.lit(None), pl.col("high_b")),
    )
