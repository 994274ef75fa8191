"""A frame several rules read, computed once per claims frame: ``once_per_claims``.

Rules are collected one after another over the same claims (``audit.check.run_rules``); a part they share
(the breakdowns of the SUM rules, the comparable claims of AGREE001 and AGREE002) is collected by the first
and read back by the rest. The claims are held weakly (a frame is immutable: the same object, the same answer),
and the answer is dropped with them.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable

import polars as pl

__all__ = ["once_per_claims"]


def once_per_claims(compute: Callable[[pl.LazyFrame], pl.DataFrame]) -> _Once:
    """``compute(claims)``, collected, as a lazy frame: computed again only for another claims frame."""
    return _Once(compute)


class _Once:
    def __init__(self, compute: Callable[[pl.LazyFrame], pl.DataFrame]) -> None:
        functools.update_wrapper(self, compute)
        self._compute = compute
        self._last: tuple = (_nothing, None)  # one tuple, read and replaced whole: safe when threads audit at once

    def __call__(self, claims: pl.LazyFrame) -> pl.LazyFrame:
        held, answer = self._last
        if held() is not claims:
            answer = self._compute(claims)
            self._last = (weakref.ref(claims), answer)
            weakref.finalize(claims, self._forget, answer)
        return answer.lazy()

    def held(self) -> pl.DataFrame | None:
        """The answer kept, if any."""
        return self._last[1]

    def _forget(self, answer: pl.DataFrame) -> None:
        """The claims are gone: so is the answer kept for them (unless a later call replaced it)."""
        if self._last[1] is answer:
            self._last = (_nothing, None)


def _nothing() -> None:
    return None
