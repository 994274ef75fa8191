"""One article of many figures that all disagree: findings list their first claims and count the
rest, and quotes find their sentence by index (the same sentence a scan from the start finds)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.check import LISTED_CLAIMS, check
from audit.config import Config
from audit.sources import line_of, sentence_around

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n|\n")


def _scanned(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]`` found by scanning from offset 0 (the old way)."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    match = _SENTENCE_END.search(text, end)
    return begin, match.start() if match else len(text)


_text = st.lists(st.sampled_from(["Officers held 12 people", ". ", "! ", "? ", "\n", "\n\n", " ", "said: \"", "\" ",
                                  "”) ", "word", "3.5", "Mr. ", "\t", ".", "!", "?", "?!", ".\n", "’", ")", "\r\n",
                                  "\u2028", "\x0b", "\xa0"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_text)
def test_sentence_breaks_are_those_of_the_pattern(text: str) -> None:
    from audit.sources import _sentence_breaks

    found = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
    assert list(zip(*_sentence_breaks(text))) == found


@settings(max_examples=200, deadline=None)
@given(_text, st.data())
def test_sentence_lookup_by_index_matches_a_scan(text: str, data) -> None:
    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    assert sentence_around(text, start, end) == _scanned(text, start, end)
    assert line_of(text, start) == text[:start].count("\n") + 1


@settings(max_examples=300, deadline=None)
@given(st.lists(_text, min_size=1, max_size=6).map("word ".join), st.data(), st.integers(1, 12), st.integers(1, 5),
       st.integers(0, 12))
def test_breaks_near_a_quote_are_those_of_a_scan_from_the_start(text: str, data, near: int, step: int,
                                                                 counted: int) -> None:
    """With reaches of a few characters, the scans near a quote (``_breaks_near``) begin far into a text, give up
    (the text's breaks found once), and count or look up its lines, as the whole text's breaks and lines say."""
    from unittest import mock

    import audit.sources as sources

    start = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=start, max_value=len(text)))
    with (mock.patch.object(sources, "_NEAR", near), mock.patch.object(sources, "_NEAR_STEP", step),
          mock.patch.object(sources, "_COUNTED_LINES", counted)):
        assert sentence_around(text, start, end) == _scanned(text, start, end)
        assert line_of(text, start) == text[:start].count("\n") + 1
        near_breaks = sources._breaks_near(text, start, end)
    if near_breaks is not None:  # a stretch of the text's breaks, from one ending at or before start (or the first)
        every = [list(found) for found in sources._sentence_breaks(text)]
        first = every[0].index(near_breaks[0][0]) if near_breaks[0] else len(every[0])
        assert [found[first:first + len(near_breaks[0])] for found in every] == list(near_breaks)


def test_a_finding_lists_its_first_claims_and_counts_the_rest(make_case) -> None:
    body = "".join(f"Guards held {n} migrants in Kampot. " for n in range(101, 131))  # 30 figures, none agreeing
    # a person reviewed them as one figure each (read by machine, one story's figures would be slices, not rivals)
    claims = [{"id": f"long-{n}", "text": f"{n} migrants", "start": body.index(f"{n} migrants"),
               "end": body.index(f"{n} migrants") + len(f"{n} migrants"), "value": n, "measure": "detained",
               "place": ["KH-7"]} for n in range(101, 131)]
    case = make_case({"long": claims}, articles={"long": body})
    findings = [f for f in check([case], Config()).findings if f.rule == "AGREE002"]
    assert len(findings) == 29  # one per outlier: each figure but the last contradicts the ones after it
    biggest = next(f for f in findings if f.claims[0].text == "101 migrants")
    assert len(biggest.claims) == LISTED_CLAIMS and "(30 claims in all; the first 10 listed)" in biggest.message
    assert biggest.claims[0].sentence == "Guards held 101 migrants in Kampot."
    assert [c.text for c in biggest.claims[1:3]] == ["102 migrants", "103 migrants"]
    small = min(findings, key=lambda f: len(f.claims))
    assert len(small.claims) == 2 and "claims in all" not in small.message
