"""A frame several rules read, computed once per claims frame: ``once_per_claims``.

Rules are collected one after another over the same claims (``audit.check.run_rules``); a part they share
(the breakdowns of the SUM rules, the comparable claims of AGREE001 and AGREE002) is collected by the first
and read back by the rest. The claims are held weakly (a frame is immutable: the same object, the same answer),
and the answer is dropped with them; frames audited at once in threads each keep their own.
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
        # by the id of a claims frame still alive (an id is reused only once its frame is gone, and the entry goes
        # first): partitions audited at once, one per thread (``audit.distributed``), each keep theirs
        self._answers: dict[int, pl.DataFrame] = {}

    def __call__(self, claims: pl.LazyFrame) -> pl.LazyFrame:
        answer = self._answers.get(id(claims))
        if answer is None:
            answer = self._answers[id(claims)] = self._compute(claims)
            weakref.finalize(claims, self._answers.pop, id(claims), None)
        return answer.lazy()

    def held(self, claims: pl.LazyFrame) -> pl.DataFrame | None:
        """The answer kept for ``claims``, if any."""
        return self._answers.get(id(claims))

    def kept(self) -> int:
        """How many answers are kept: one for each claims frame alive that was asked about."""
        return len(self._answers)
