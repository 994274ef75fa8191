"""Each construction of issue 3, on short stories written for this project (``cases.yaml``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from audit.extract import claim_interval, extract_text

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text("utf-8"))["cases"]


def _find(claims: list[dict], text: str) -> dict:
    found = [c for c in claims if text == c["text"]] or [c for c in claims if text in c["text"]]
    assert found, f"no claim contains {text!r}; claims: {[c['text'] for c in claims]}"
    return found[0]


def _as_decimal(value):
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_construction(case: dict) -> None:
    published = case.get("published")
    published = dt.date.fromisoformat(str(published)) if published else None
    text = case["text"]
    claims = extract_text(text, source="t", kind="md", published=published, case_country=case.get("country"))
    for claim in claims:  # offsets point at the phrase as printed
        assert text[claim["start"]:claim["end"]] == claim["text"]
    by_id = {c["id"]: c for c in claims}
    for expected in case.get("expect", []):
        claim = _find(claims, expected["text"])
        where = f"{expected['text']!r}"
        if "low" in expected or "high" in expected:
            low, high = claim_interval(claim)
            assert (low, high) == (_as_decimal(expected.get("low")), _as_decimal(expected.get("high"))), where
        for key in ("qualifier", "measure", "breakdown", "each"):
            if key in expected:
                assert claim.get(key) == expected[key], f"{where}: {key} {claim.get(key)!r} != {expected[key]!r}"
        for key in ("place", "group", "named"):
            if key in expected:
                assert sorted(claim.get(key) or []) == sorted(expected[key]), f"{where}: {key} {claim.get(key)!r}"
        if "period" in expected:
            assert claim.get("period") == [str(d) for d in expected["period"]], f"{where}: period {claim.get('period')!r}"
        if "whole" in expected:
            whole = by_id.get(claim.get("part_of"))
            assert whole is not None and expected["whole"] in whole["text"], f"{where}: part_of {claim.get('part_of')!r}"
        if "ratio_of" in expected:
            base = by_id.get(claim.get("ratio_of"))
            assert base is not None and expected["ratio_of"] in base["text"], f"{where}: ratio_of {claim.get('ratio_of')!r}"
    for phrase in case.get("absent", []):
        start = text.index(phrase)
        end = start + len(phrase)
        overlapping = [c["text"] for c in claims if c["start"] < end and start < c["end"]]
        assert not overlapping, f"{phrase!r} is not a count, but read as {overlapping}"
