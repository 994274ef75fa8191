"""Interval arithmetic over exact decimals, as Polars expressions and as a small Python value.

Every figure is an interval ``[low, high]``; a null bound is an open side (``low`` null is minus
infinity, ``high`` null is plus infinity). Bounds are ``Decimal(38, 9)``: sums of hedged counts
and money amounts are exact, never floating point. The rules use the expression builders here so
that the arithmetic they rely on is written (and property-tested) once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

__all__ = [
    "BOUND",
    "Interval",
    "sum_low",
    "sum_high",
    "overlaps",
    "exceeds",
    "contains",
]

#: The dtype of every interval bound.
BOUND = pl.Decimal(38, 9)


@dataclass(frozen=True)
class Interval:
    """A closed interval of exact decimals; ``None`` is an open side."""

    low: Decimal | None
    high: Decimal | None

    def __post_init__(self) -> None:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"empty interval: low {self.low} > high {self.high}")

    def __add__(self, other: Interval) -> Interval:
        low = None if self.low is None or other.low is None else self.low + other.low
        high = None if self.high is None or other.high is None else self.high + other.high
        return Interval(low, high)

    def overlaps(self, other: Interval) -> bool:
        return not (_above(self.low, other.high) or _above(other.low, self.high))

    def contains(self, value: Decimal) -> bool:
        return (self.low is None or self.low <= value) and (self.high is None or value <= self.high)


def _above(low: Decimal | None, high: Decimal | None) -> bool:
    """True when a lower bound lies strictly above an upper bound (open sides never do)."""
    return low is not None and high is not None and low > high


def sum_low(low: pl.Expr, times: pl.Expr | int = 1) -> pl.Expr:
    """Aggregation: the lower bound of a sum of intervals (null if any member is open below).

    ``times`` multiplies each member ("one each from A and B" counts once per place).
    """
    return pl.when(low.is_null().any()).then(pl.lit(None, BOUND)).otherwise((low * times).sum())


def sum_high(high: pl.Expr, times: pl.Expr | int = 1) -> pl.Expr:
    """Aggregation: the upper bound of a sum of intervals (null if any member is open above)."""
    return pl.when(high.is_null().any()).then(pl.lit(None, BOUND)).otherwise((high * times).sum())


def exceeds(low: pl.Expr, high: pl.Expr) -> pl.Expr:
    """True where the interval with lower bound ``low`` lies wholly above one with upper bound ``high``."""
    return (low.is_not_null() & high.is_not_null() & (low > high)).fill_null(False)


def overlaps(a_low: pl.Expr, a_high: pl.Expr, b_low: pl.Expr, b_high: pl.Expr) -> pl.Expr:
    """True where intervals a and b share at least one value."""
    return ~(exceeds(a_low, b_high) | exceeds(b_low, a_high))


def contains(outer_low: pl.Expr, outer_high: pl.Expr, inner_low: pl.Expr, inner_high: pl.Expr) -> pl.Expr:
    """True where interval *inner* lies wholly inside *outer* (an open inner side needs an open outer side)."""
    low_ok = outer_low.is_null() | (inner_low.is_not_null() & (inner_low >= outer_low))
    high_ok = outer_high.is_null() | (inner_high.is_not_null() & (inner_high <= outer_high))
    return (low_ok & high_ok).fill_null(False)
