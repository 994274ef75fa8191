"""The shortcuts taken for scale change nothing: each is checked against the plain definition it
replaces, on random inputs (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from itertools import product

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.frame import BOUND, _derived, claims_frame, derive, format_number
from audit.places import ancestors
from audit.rules import REGISTRY
from audit.rules.agreement import in_disagreeing_figures
from audit.rules.containment import contained_pairs
from audit.rules.rows import FIGURE_KEY

decimals = st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=9, allow_nan=False, allow_infinity=False)


def _printed(value: Decimal) -> str:
    whole = int(abs(value))
    fraction = format(abs(value) - whole, "f").rstrip("0").lstrip("0")
    return ("-" if value < 0 else "") + f"{whole:,}" + (fraction if len(fraction) > 1 else "")


@given(st.lists(decimals, min_size=1, max_size=50))
def test_format_number_writes_numbers_as_people_print_them(values):
    frame = pl.DataFrame({"v": values}, schema={"v": BOUND})
    assert frame.select(format_number(pl.col("v")).alias("v"))["v"].to_list() == [_printed(v) for v in values]


PLACES = ["KH", "KH-1", "KH-1/Poipet", "KH-12", "TH", "TH-10"]
GROUPS = ["VN", "female", "ID"]
DAYS = [dt.date(2025, 7, d) for d in (14, 15, 16)]


@st.composite
def claim_sets(draw, n=st.integers(2, 30)):
    records = []
    for i in range(draw(n)):
        start = draw(st.sampled_from(DAYS))
        low = draw(st.one_of(st.none(), st.integers(0, 40)))
        high = draw(st.one_of(st.none(), st.integers(40, 80))) if draw(st.booleans()) else (low if low is not None else 5)
        value = draw(st.sampled_from([low, high, 100, 1000, None]))
        records.append({
            "case": draw(st.sampled_from(["a", "b"])), "id": f"c{i}", "source": draw(st.sampled_from(["s1", "s2"])),
            "text": "x 1", "start": 0, "end": 1,
            "value": None if value is None else Decimal(value),
            "qualifier": draw(st.sampled_from(["exact", "about", "more_than", "range"])),
            "low": None if low is None else Decimal(low), "high": None if high is None else Decimal(high),
            "measure": draw(st.sampled_from(["detained", "deaths"])), "kind": "count",
            "unit": draw(st.sampled_from([None, None, "USD"])),
            # the loader sorts and dedupes; an archive may not
            "place": draw(st.lists(st.sampled_from(PLACES), max_size=3)),
            "group": draw(st.lists(st.sampled_from(GROUPS), max_size=3)),
            "period_start": draw(st.sampled_from([None, start, start])),
            "period_end": draw(st.sampled_from([start, DAYS[-1]])),
            "role": draw(st.sampled_from(["body", "body", "headline"])),
            "part_of": None, "breakdown": None, "axis": "", "each": False, "named": [], "named_codes": [],
            "named_levels": [], "ratio_of": None, "describes": None, "cumulative": draw(st.booleans()),
            "published": None, "reviewed": True, "file": "f.yaml", "line": 1,
        })
    return claims_frame(records).with_columns(outlet=pl.col("source"))


def _contained_by_definition(rows: list[dict]) -> set[tuple[str, str, str]]:
    """Every pair of one case, measure and unit whose part lies inside the whole, written out pair by pair."""
    found = set()
    for a, b in product(rows, rows):
        if a["id"] == b["id"] or a["case"] != b["case"] or (a["measure"], a["unit"]) != (b["measure"], b["unit"]):
            continue
        if not (a["comparable"] and b["comparable"] and a["place"] and b["place"]):
            continue
        if a["period_start"] is None or b["period_start"] is None:
            continue
        if not (b["period_start"] <= a["period_start"] and a["period_end"] <= b["period_end"]):
            continue
        if not set(b["group"]) <= set(a["group"]):
            continue
        if not all(set(ancestors(p)) & set(b["place"]) for p in a["place"]):
            continue
        if all(a[k] == b[k] for k in FIGURE_KEY):
            continue
        found.add((a["case"], a["id"], b["id"]))
    return found


@settings(max_examples=60, deadline=None)
@given(claim_sets())
def test_containment_by_joins_is_containment_pair_by_pair(claims):
    derived = derive(claims.lazy()).collect()
    got = {tuple(r) for r in contained_pairs(derived.lazy()).select("case", "id", "id_b").collect().rows()}
    assert got == _contained_by_definition(derived.to_dicts())


@settings(max_examples=60, deadline=None)
@given(claim_sets())
def test_derived_columns_per_distinct_figure_are_those_per_claim(claims):
    derived = derive(claims.lazy()).collect()
    assert derived.select("lenient_low", "lenient_high", "display").equals(
        _derived(claims.lazy()).collect().select("lenient_low", "lenient_high", "display"))


@settings(max_examples=60, deadline=None)
@given(claim_sets())
def test_the_agreement_prefilter_keeps_every_claim_of_a_disagreeing_pair(claims):
    derived = derive(claims.lazy()).collect()
    kept = set(in_disagreeing_figures(derived.lazy()).select("case", "id").collect().rows())
    rows = derived.to_dicts()
    for a, b in product(rows, rows):
        same = a["case"] == b["case"] and all(a[k] == b[k] for k in FIGURE_KEY)
        # a pair is formed only when the counts as printed are apart (``printed_high``: "more than 5" is under 6),
        # whatever the interval's own high says
        if same and a["low"] is not None and b["printed_high"] is not None and a["low"] > b["printed_high"]:
            assert {(a["case"], a["id"]), (b["case"], b["id"])} <= kept


_NUMBER_WORDS = re.compile(
    r"(?i)\b(a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|billion|dozen|dozens|hundreds|thousands|millions|scores|half|quarter|third)\b")
_SCALED = re.compile(r"(?i)(million|billion|trillion|\bbn\b|\bm\b|per ?cent|%|\d\.\d)")


def _number_missing(text: str, value: Decimal | None) -> bool:
    """GROUND002 as first written: a pattern built for each claim from its value."""
    digits = text
    for _ in range(2):
        digits = re.sub(r"(\d)[,\u202f\u00a0 ](\d{3})", r"\1\2", digits)
    has_number = bool(re.search(r"\d", text)) or bool(_NUMBER_WORDS.search(text))
    checkable = bool(re.search(r"\d", text)) and not _SCALED.search(text) and value is not None and value == value.to_integral_value()
    wrong = checkable and not re.search(r"(^|\D)" + str(int(value)) + r"($|\D)", digits)
    return not has_number or wrong


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="0123456789 ,-x", min_size=1, max_size=12),
                          st.one_of(st.none(), st.integers(-20, 2000))), min_size=1, max_size=20))
def test_ground002_finds_the_claims_a_pattern_per_claim_finds(cases):
    records = [{"case": "c", "id": f"c{i}", "source": "s", "text": text, "start": 0, "end": 1,
                "value": None if value is None else Decimal(value), "qualifier": "exact", "low": None, "high": None,
                "measure": "money", "kind": "amount", "place": [], "group": [], "role": "body", "axis": "",
                "each": False, "named": [], "named_codes": [], "named_levels": [], "cumulative": False,
                "reviewed": True, "file": "f"} for i, (text, value) in enumerate(cases)]
    claims = derive(claims_frame(records).lazy().with_columns(outlet=pl.col("source")))
    flagged = {ids[0] for ids in REGISTRY["GROUND002"].check(claims, None).collect()["claim_ids"].to_list()}
    assert flagged == {r["id"] for r in records if _number_missing(r["text"], r["value"])}


def test_a_panic_of_the_streaming_engine_falls_back_to_the_in_memory_one(monkeypatch):
    """polars 2.1's streaming engine can panic on some plans; the audit then recomputes in memory."""
    import polars as pl
    from polars.exceptions import PanicException

    import audit.check as check_module

    real = pl.LazyFrame.collect
    engines = []

    def flaky(self, *args, engine="auto", **options):
        engines.append(engine)
        if engine == "streaming":
            raise PanicException("assertion failed: i < self.len()")
        return real(self, *args, engine=engine, **options)

    monkeypatch.setattr(pl.LazyFrame, "collect", flaky)
    frame = pl.LazyFrame({"a": [1, 2]})
    assert check_module._collect(frame, "streaming")["a"].to_list() == [1, 2]
    assert engines == ["streaming", "in-memory"]
