"""Wholes and their parts: one row per breakdown (a whole, an axis) with the sum of its parts.

Shared by the SUM rules. A part with ``each: true`` counts once per place it names
("one each from Mimaropa and Davao Region" adds 1 + 1). Sums are exact interval sums; a part
open above makes the sum open above.
"""

from __future__ import annotations

import polars as pl

from audit.frame import ENGINE, format_number
from audit.intervals import sum_high, sum_low
from audit.rules.once import once_per_claims

__all__ = ["breakdowns", "sum_display", "UNSURE_REASON"]

#: Why a breakdown read by machine is at most a warning.
UNSURE_REASON = ("warning: the parts were linked to this whole by machine; they may overlap or belong to another whole")


def sum_display(low: pl.Expr, high: pl.Expr) -> pl.Expr:
    """How a sum is written: 996, ≥996, 996–1,020."""
    return (
        pl.when(high.is_null()).then(pl.concat_str([pl.lit("≥"), format_number(low)]))
        .when(low == high).then(format_number(low))
        .otherwise(pl.concat_str([format_number(low), pl.lit("–"), format_number(high)]))
    )


@once_per_claims  # SUM001, SUM002 and SUM003 read the same breakdowns: computed once
def breakdowns(claims: pl.LazyFrame) -> pl.DataFrame:
    """One row per (case, whole, axis): kind, parts' strict and lenient sums, the whole's intervals, arithmetic;
    ``sure`` when a person stated the parts or they slice the whole along one axis; ``plausible`` unless
    machine-read parts add up to over twice their whole (then they were linked to the wrong whole)."""
    times = pl.when(pl.col("each")).then(pl.col("place").list.len().clip(1, None)).otherwise(1)
    term = pl.when(pl.col("each") & (pl.col("place").list.len() > 1)).then(
        pl.concat_str([pl.col("display"), pl.lit(" × "), pl.col("place").list.len().cast(pl.String)])
    ).otherwise(pl.col("display"))
    parts = (
        # an estimate, a prior figure or a rate is no part of a count, whatever the story's order suggests
        # (but where a count stood before a change is part of where it stands after: "up from 97 by 13 to 110")
        claims.filter(pl.col("part_of").is_not_null() & (~pl.col("figure_kind").is_in(["estimate", "prior", "rate"])
                                                         | (pl.col("axis") == "change")))
        # a part counts what its whole counts: "10,000 missing" is no part of "6,000 dead"
        .join(claims.select("case", part_of=pl.col("id"), _whole_measure=pl.col("measure")), on=["case", "part_of"])
        .filter(pl.col("measure") == pl.col("_whole_measure"))
        .with_columns(_times=times, _term=term)
        .sort("source", "start", "id")
        .group_by("case", "part_of", "axis", maintain_order=True)
        .agg(
            kind=pl.col("breakdown").drop_nulls().first().fill_null("unknown"),
            parts_low=sum_low(pl.col("low"), pl.col("_times")),
            parts_high=sum_high(pl.col("high"), pl.col("_times")),
            parts_lenient_low=sum_low(pl.col("lenient_low"), pl.col("_times")),
            parts_lenient_high=sum_high(pl.col("lenient_high"), pl.col("_times")),
            parts_printed=pl.when(pl.col("value").is_null().any()).then(pl.lit(None)).otherwise(
                (pl.col("value") * pl.col("_times")).sum()),
            part_ids=pl.col("id"),
            terms=pl.col("_term").str.join(" + "),
            n_parts=pl.len(),
            # a person stated every part, or the parts slice the whole along one axis only (provinces, or
            # nationalities): only then is the breakdown sure enough for an error
            stated=(pl.col("kind_read") == "stated").all(),
            # statuses (discharged, referred, still in care, died: audit.extract.statuses), each named once, are disjoint
            clean=pl.col("axis").first().is_in(["status", "change"])
            | ((pl.col("place").n_unique() == pl.len()) & (pl.col("group").n_unique() == 1))
            | ((pl.col("group").n_unique() == pl.len()) & (pl.col("place").n_unique() == 1)
               & pl.col("group").list.len().min().gt(0) & (_group_axis().n_unique() == 1)),
        )
    )
    wholes = claims.select(
        "case",
        part_of=pl.col("id"),
        whole_measure=pl.col("measure"),
        whole_low=pl.col("low"),
        # "over 2,316" with parts that add up to 2,316: the printed figure, not one more, is the floor a story means
        whole_floor=pl.min_horizontal(pl.col("low"), pl.col("value")),
        whole_high=pl.col("high"),
        whole_lenient_low=pl.col("lenient_low"),
        whole_lenient_high=pl.col("lenient_high"),
        whole_display=pl.col("display"),
        whole_text=pl.col("text"),
    )
    return parts.join(wholes, on=["case", "part_of"], how="inner").with_columns(
        sure=pl.col("stated") | pl.col("clean"),
        # parts read by machine that add up to over twice their whole were linked to the wrong whole
        plausible=pl.col("stated") | (pl.col("parts_low") <= pl.col("whole_high") * 2).fill_null(True),
        parts_display=sum_display(pl.col("parts_low"), pl.col("parts_high")),
        claim_ids=pl.concat_list(pl.col("part_of"), pl.col("part_ids")),
    ).with_columns(
        # "≥997 (printed: 996)": a hedge such as "more than 200" moves the minimum off the printed figure
        arithmetic=pl.concat_str([
            pl.col("terms"), pl.lit(" = "), pl.col("parts_display"),
            _aside("printed: ", pl.col("parts_printed"), pl.col("parts_printed") != pl.col("parts_low")),
            pl.lit(", against "), pl.col("whole_display"),
            _aside("≥", pl.col("whole_low"), pl.col("whole_high").is_null() & (pl.col("whole_display") != pl.concat_str([pl.lit("≥"), format_number(pl.col("whole_low"))]))),
        ])
    ).collect(engine=ENGINE)


#: Groups by sex or age; any other group token is an origin (a nationality, "foreign")
_SEX_AND_AGE = ["female", "male", "child", "adult"]


def _group_axis() -> pl.Expr:
    """The axis a part's groups slice along: "sex" (women, men, children) or "origin" (nationalities):
    "19 foreigners, 97 women and 54 men" of one whole slice it two ways, and may overlap."""
    return pl.when(pl.col("group").list.eval(pl.element().is_in(_SEX_AND_AGE)).list.all()).then(
        pl.lit("sex")).otherwise(pl.lit("origin"))


def _aside(label: str, value: pl.Expr, show: pl.Expr) -> pl.Expr:
    """`` (label value)`` where ``show`` holds, else nothing."""
    return pl.when(show.fill_null(False)).then(
        pl.concat_str([pl.lit(f" ({label}"), format_number(value), pl.lit(")")])
    ).otherwise(pl.lit(""))
