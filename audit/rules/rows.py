"""Building finding rows and claim pairs: the frame operations several rules share."""

from __future__ import annotations

import polars as pl

from audit.frame import ENGINE
from audit.intervals import BOUND
from audit.places import ancestors

__all__ = ["finding_rows", "graded", "pairs_within_case", "FIGURE_KEY", "place_within", "interval_text"]

#: The columns that make two claims "the same figure": what, where, who, from when and as of which day.
FIGURE_KEY = ["measure", "unit", "place", "group", "since", "as_of"]


def finding_rows(
    frame: pl.LazyFrame,
    *,
    severity: pl.Expr,
    message: pl.Expr,
    claim_ids: pl.Expr,
    arithmetic: pl.Expr | None = None,
    observed: tuple[pl.Expr, pl.Expr] | None = None,
    expected: tuple[pl.Expr, pl.Expr] | None = None,
    reason: pl.Expr | None = None,
) -> pl.LazyFrame:
    """Select the finding columns every rule returns (``reason``: why the finding has its severity)."""
    none = pl.lit(None, BOUND)
    return frame.select(
        case=pl.col("case"),
        severity=severity,
        message=message,
        arithmetic=arithmetic if arithmetic is not None else pl.lit(None, pl.String),
        claim_ids=claim_ids,
        observed_low=observed[0].cast(BOUND) if observed else none,
        observed_high=observed[1].cast(BOUND) if observed else none,
        expected_low=expected[0].cast(BOUND) if expected else none,
        expected_high=expected[1].cast(BOUND) if expected else none,
        severity_reason=reason if reason is not None else pl.lit(None, pl.String),
    )


def graded(lenient_violation: pl.Expr, strong: str = "error", weak: str = "warning") -> pl.Expr:
    """``strong`` where the violation holds even under the lenient reading, else ``weak``."""
    return pl.when(lenient_violation).then(pl.lit(strong)).otherwise(pl.lit(weak))


def pairs_within_case(claims: pl.LazyFrame, on: list[str]) -> pl.LazyFrame:
    """Every ordered pair of distinct claims of one case that share ``on`` (columns of b end in ``_b``)."""
    return claims.join(claims, on=["case", *on], suffix="_b", nulls_equal=True).filter(pl.col("id") != pl.col("id_b"))


def code_inside(inner: pl.Expr, outer: pl.Expr) -> pl.Expr:
    """An ISO code lies in another or is it, read from the codes alone: KR-11 in KR, IN-KL/Wayanad in IN-KL."""
    return (inner == outer) | inner.str.starts_with(outer + pl.lit("-")) | inner.str.starts_with(outer + pl.lit("/"))


def place_within(pairs: pl.LazyFrame, inner: str = "place", outer: str = "place_b",
                 places: pl.LazyFrame | None = None) -> pl.LazyFrame:
    """Add ``place_within``: every place of ``inner`` lies in some place of ``outer`` (empty lists: unknown, false).

    ``places``, a frame whose ``inner`` column holds every place the pairs can hold (the claims the
    pairs were made from), spares computing the pairs twice to find their places.
    """
    source = pairs if places is None else places
    tokens = source.select(pl.col(inner).explode().drop_nulls().unique().alias("token")).collect(engine=ENGINE)
    table = pl.LazyFrame(
        {"token": tokens["token"], "anc": [ancestors(t) for t in tokens["token"]]},
        schema={"token": pl.String, "anc": pl.List(pl.String)},
    )
    keyed = pairs.with_row_index("_pair")
    verdict = (
        keyed.select("_pair", pl.col(inner).alias("token"), pl.col(outer).alias("_outer"))
        .explode("token")
        .join(table, on="token", how="left")
        .with_columns(_hit=pl.col("anc").list.set_intersection(pl.col("_outer")).list.len() > 0)
        .group_by("_pair")
        .agg(place_within=pl.col("_hit").all() & pl.col("token").is_not_null().all())
    )
    return keyed.join(verdict, on="_pair", how="left").with_columns(
        place_within=pl.col("place_within").fill_null(False)
    ).drop("_pair")


def interval_text(low: pl.Expr, high: pl.Expr, low_text: pl.Expr, high_text: pl.Expr) -> pl.Expr:
    """[a, b] with open sides written as '…'."""
    return pl.concat_str([
        pl.lit("["),
        pl.when(low.is_null()).then(pl.lit("…")).otherwise(low_text),
        pl.lit(", "),
        pl.when(high.is_null()).then(pl.lit("…")).otherwise(high_text),
        pl.lit("]"),
    ])


