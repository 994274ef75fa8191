"""A frame several rules share is computed once per claims frame (``audit.rules.once``), and not kept after."""

from __future__ import annotations

import gc

import polars as pl

from audit.rules.once import once_per_claims


def _counting():
    calls: list[int] = []

    @once_per_claims
    def doubled(claims: pl.LazyFrame) -> pl.DataFrame:
        calls.append(1)
        return claims.with_columns(twice=pl.col("a") * 2).collect()

    return doubled, calls


def test_the_same_claims_are_computed_once_and_other_claims_again() -> None:
    doubled, calls = _counting()
    claims = pl.LazyFrame({"a": [1, 2]})
    assert doubled(claims).collect()["twice"].to_list() == [2, 4]
    assert doubled(claims).collect()["twice"].to_list() == [2, 4]
    assert len(calls) == 1
    other = pl.LazyFrame({"a": [5]})
    assert doubled(other).collect()["twice"].to_list() == [10]  # equal or not, another frame is computed again
    assert doubled(pl.LazyFrame({"a": [1, 2]})).collect()["twice"].to_list() == [2, 4]
    assert len(calls) == 3


def test_the_answer_goes_with_its_claims() -> None:
    doubled, _ = _counting()
    claims = pl.LazyFrame({"a": list(range(1000))})
    doubled(claims)
    assert doubled.held(claims) is not None and doubled.kept() == 1
    del claims
    gc.collect()
    assert doubled.kept() == 0


def test_frames_alive_together_keep_their_own_answers() -> None:
    # partitions audited at once in threads: each frame's answer stays until its frame goes
    doubled, calls = _counting()
    first, second = pl.LazyFrame({"a": [1]}), pl.LazyFrame({"a": [2]})
    doubled(first)
    doubled(second)
    assert doubled(first).collect()["twice"].to_list() == [2]
    assert len(calls) == 2
    del first
    gc.collect()
    assert doubled.kept() == 1 and doubled.held(second)["twice"].to_list() == [4]


def test_threads_asking_about_their_own_frames_get_their_own_answers() -> None:
    from concurrent.futures import ThreadPoolExecutor

    doubled, calls = _counting()
    frames = [pl.LazyFrame({"a": [i]}) for i in range(8)]
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda f: [doubled(f).collect()["twice"].item() for _ in range(3)], frames))
    assert answers == [[2 * i] * 3 for i in range(8)]
    assert len(calls) == 8
