"""Speed-ups that read the same: each quicker reading is checked against the plain one it replaces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.extract import qualifiers

_PIECES = ["killed", "died", "death toll", "more than", "at least", "about", "nearly", "up to", "(", "“", "rebel-held",
           "injured", "arrested", "Killed", "12", "1,200", "people", "\u00a0", "\u2028", "\t", "\n", "ſ", "é", "-"]
texts = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(alphabet="ab -,.\u00a0", max_size=3)), max_size=25).map(" ".join)


def _hedge_before_as_written(text: str, start: int):
    """``qualifiers.hedge_before`` as it read before its quick test (every word's offsets first)."""
    window_start = max(0, start - qualifiers._WINDOW)
    words = [(m.start(), m.group()) for m in qualifiers._TOKEN.finditer(text, window_start, start)]
    if not words or text[words[-1][0] + len(words[-1][1]):start].strip():
        return None
    last = words[-1][1]
    if last.casefold() not in qualifiers._LAST_WORDS and last.lstrip(qualifiers._OPENING).casefold() not in qualifiers._LAST_WORDS:
        return None
    for size in range(min(qualifiers._LONGEST, len(words)), 0, -1):
        first, word = words[-size]
        lead = len(word) - len(word.lstrip(qualifiers._OPENING))
        phrase = " ".join([word[lead:], *(w for _, w in words[len(words) - size + 1:])]).casefold()
        if phrase in qualifiers._BEFORE:
            return qualifiers._BEFORE[phrase], first + lead
    return None


@settings(max_examples=800, deadline=None)
@given(text=texts, data=st.data())
def test_a_hedge_before_a_number_reads_as_it_did(text: str, data) -> None:
    start = data.draw(st.integers(0, len(text)))
    assert qualifiers.hedge_before(text, start) == _hedge_before_as_written(text, start)


_NEAR_MISSES = ["one half of", "two-thirds OF", "1/4 of", "a quarter  of", "3/10 ofs", "government-held areas",
                "rebel controlled territory", "Opposition-HELD region", "held  areas", "of", "held", "a", "1/2"]


@settings(max_examples=800, deadline=None)
@given(text=st.lists(st.one_of(st.sampled_from(_NEAR_MISSES), st.text(alphabet="ab -,/1", max_size=3)),
                     max_size=12).map(" ".join), cut=st.integers(0, 9))
def test_the_quick_tests_before_fractions_and_held_areas_miss_none(text: str, cut: int) -> None:
    from audit.extract import areas, numbers

    start, end = cut // 3, max(0, len(text) - cut)
    if numbers._FRACTION.search(text, start, end):
        assert numbers._OF_AFTER.search(text, start, end)
    if areas.HELD.search(text, start, end):
        assert areas._HELD_WORDS.search(text, start, end)


_NUMBER_PIECES = ["12", "1,200", "$5", "US$ 3", "Rs.40", "RM 2", "P10", "ABC 12", "EUR5", "a dozen", "half a dozen",
                  "an euro", "hundred thousand", "twenty-one", "Twenty", "SEVEN", "one", "a couple", "ſix", "€", "#4",
                  "@2", "x.5", "/3", ",7", "\u212a", "é"]


@settings(max_examples=1500, deadline=None)
@given(text=st.lists(st.one_of(st.sampled_from(_NUMBER_PIECES), st.text(alphabet=" ,.-/a#", max_size=2)),
                     max_size=12).map("".join), data=st.data())
def test_the_next_number_start_is_the_one_the_pattern_finds(text: str, data) -> None:
    from audit.extract import numbers

    position = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(position, len(text)))
    found, plain = numbers._next_start(text, position, end), numbers._START.search(text, position, end)
    assert (found.span(), found.groupdict()) == (plain.span(), plain.groupdict()) if plain else found is None
