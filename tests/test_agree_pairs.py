"""AGREE's pairs are found by joins (``agreement._pairs``): the same set as testing every pair of a key
for the same place, or a guessed place holding the other's, as the rule states it."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.rules import agreement
from audit.rules.rows import code_inside, pairs_within_case

_PLACES = [None, [], ["KR"], ["KR-11"], ["KR-11/Itaewon"], ["KR-26"], ["IN"], ["IN-KL"], ["KR", "IN"], ["KR-11", "KR-26"]]
_claim = st.fixed_dictionaries({
    "case": st.sampled_from(["a", "b"]),
    "measure": st.sampled_from(["dead", "injured", None]),
    "place": st.sampled_from(_PLACES),
    "place_read": st.sampled_from(["stated", "default", "carried", None]),
    "source": st.sampled_from(["s1", "s2", "s3"]),
    "low": st.integers(0, 5).map(float),
})


def _slim(rows: list[dict]) -> pl.LazyFrame:
    frame = pl.DataFrame(
        [{**row, "id": f"c{i}", "printed_high": row["low"] + 1} for i, row in enumerate(rows)],
        schema={"case": pl.String, "measure": pl.String, "place": pl.List(pl.String), "place_read": pl.String,
                "source": pl.String, "low": pl.Float64, "id": pl.String, "printed_high": pl.Float64},
    )
    other = [k for k in agreement._PLACELESS_KEY if k != "measure"]
    frame = frame.with_columns(*(pl.lit(None, pl.String).alias(k) for k in other))
    return agreement._placed(frame.lazy())


def _every_pair(slim: pl.LazyFrame, same_source: bool) -> set[tuple]:
    """The rule as stated: every pair of a key, kept when its places are the same or a guessed one holds the other."""
    one = (pl.col("_places") == 1) & (pl.col("_places_b") == 1)
    a, b = pl.col("_place"), pl.col("_place_b")
    same = pl.col("_place_key") == pl.col("_place_key_b")
    guessed = (same
               | (one & pl.col("place_read").is_in(["default", "carried"]) & code_inside(b, a))
               | (one & pl.col("place_read_b").is_in(["default", "carried"]) & code_inside(a, b)))
    kept = pairs_within_case(slim, on=agreement._PLACELESS_KEY).filter(
        (same if same_source else guessed).fill_null(False))
    return set(kept.select("case", "id", "id_b").collect().iter_rows())


@settings(max_examples=150, deadline=None)
@given(st.lists(_claim, max_size=14), st.booleans())
def test_joined_pairs_are_every_pair_the_rule_keeps(rows: list[dict], same_source: bool) -> None:
    slim = _slim(rows)
    found = agreement._pairs(slim, same_source).select("case", "id", "id_b").collect()
    assert found.height == len(set(found.iter_rows()))  # each pair once
    assert set(found.iter_rows()) == _every_pair(slim, same_source)


def test_a_defaulted_country_holds_a_named_province_across_stories() -> None:
    slim = _slim([{"case": "a", "measure": "dead", "place": ["KR"], "place_read": "default", "source": "s1", "low": 1.0},
                  {"case": "a", "measure": "dead", "place": ["KR-11"], "place_read": "stated", "source": "s2", "low": 3.0},
                  {"case": "a", "measure": "dead", "place": ["IN-KL"], "place_read": "stated", "source": "s2", "low": 3.0}])
    found = set(agreement._pairs(slim, False).select("id", "id_b").collect().iter_rows())
    assert found == {("c0", "c1"), ("c1", "c0")}
    assert agreement._pairs(slim, True).collect().is_empty()
