"""``audit.extract.guard.guarded``: a look-ahead for a pattern's first characters changes no match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.extract import figures, measures, numbers, periods, placenames, qualifiers, structure
from audit.extract.guard import _FOLDS, _ORIGINAL, caseless, guarded, original
from audit.extract.scope import as_of, authority, kinds

GUARDED = [kinds._SUBSET_NEAR, kinds._ESTIMATE_BEFORE, kinds._ESTIMATE_OWN, kinds._PRIOR_BEFORE, kinds._SCENE,
           kinds._EXCLUDES, figures._TOTAL, figures._RUNNING, periods._ANY_TIME, periods._WEEKDAY, numbers._NUMBER_WORD,
           as_of._ANY_DAY, authority._TRIGGER, kinds._LAST_HOURS, kinds._CHANGE_BY, kinds._INCREMENT_BEFORE, kinds._TO_FROM,
           qualifiers._VAGUE_RE, structure._INCLUDE, placenames._TAG_BEFORE, figures._NUMBER_OF, figures._CREW,
           measures._DEATH_TOLL, periods._NOT_FIGURE_DAY, periods._THIS_WEEK, periods._PAST_WEEK, periods._LAST_WEEK]


def _unguarded(pattern: re.Pattern) -> re.Pattern:
    """The pattern as written, without the look-ahead ``guarded`` put in front (nor ``caseless``'s rewriting)."""
    pattern = original(pattern)
    text = pattern.pattern
    assert text.startswith("(?=[") and text.endswith(")"), text
    return re.compile(text[text.index("])(?:") + 5:-1], pattern.flags)


def _words(pattern: re.Pattern) -> list[str]:
    return sorted(set(re.findall(r"[a-z]{2,}", _unguarded(pattern).pattern)))


VOCABULARY = sorted({w for p in GUARDED for w in _words(p)}) + ["In", "ALL", "Total", "MONDAY", "2019", "1998",
                                                               "-held", "ſcene", "K", "x", "the", "not", "did",
                                                               "'s", "’s", "24", "9", "Said", "ſaid"]
fragments = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(alphabet=" ,.;'-aeKſ1290", max_size=3)),
                     max_size=30).map(" ".join)


@settings(max_examples=800, deadline=None)
@given(text=fragments, index=st.integers(0, len(GUARDED) - 1), cut=st.integers(0, 40))
def test_a_guarded_pattern_finds_what_the_pattern_finds(text: str, index: int, cut: int) -> None:
    pattern = GUARDED[index]
    plain = _unguarded(pattern)
    assert original(pattern).pattern.startswith("(?=[")
    end = max(0, len(text) - cut)
    assert [(m.span(), m.groups()) for m in pattern.finditer(text, cut // 3, end)] == \
        [(m.span(), m.groups()) for m in plain.finditer(text, cut // 3, end)]


def test_every_pattern_meant_to_be_guarded_is() -> None:
    assert all(original(p).pattern.startswith("(?=[") for p in GUARDED)


def test_a_pattern_whose_first_characters_are_unknown_is_left_alone() -> None:
    for text in (r"(?<!\w)\d+", r"[a-z]+ing", r"(?:x)?y", r"(?i:a)b", r"(?:a|)b"):
        pattern = re.compile(text)
        assert guarded(pattern) is pattern


def test_the_look_ahead_keeps_the_flags() -> None:
    pattern = guarded(re.compile(r"\b(?:dead|missing)\b", re.IGNORECASE))
    assert pattern.search("Three DEAD") and pattern.flags & re.IGNORECASE


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=st.one_of(st.sampled_from("ab.,_ \n\t\u00a0\u2028-1é!ß'٣"), st.characters()), max_size=50),
       data=st.data())
def test_the_word_before_a_number_reads_as_its_pattern(text: str, data) -> None:
    from audit.extract import numbers

    start = data.draw(st.integers(0, len(text)))
    match = numbers._PREVIOUS_WORD.search(text, max(0, start - 30), start)
    assert numbers._previous_word(text, start) == (match.group(1).casefold() if match else "")


@settings(max_examples=300, deadline=None)
@given(text=fragments.map(lambda t: t.replace("K", "said on ")))
def test_a_day_tied_to_a_count_is_never_missed_by_the_quick_test(text: str) -> None:
    if as_of._TIED.search(text) or as_of._SINCE.search(text):
        assert as_of._ANY_DAY.search(text)


@settings(max_examples=500, deadline=None)
@given(name=st.text(alphabet="Ha's’.,\n -", max_size=8))
def test_a_place_name_loses_what_follows_it_as_the_pattern_says(name: str) -> None:
    from audit.extract import placenames

    assert placenames._without_trailing(name) == placenames._TRAILING.sub("", name)


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="1920,.-x \n", max_size=16), cut=st.integers(0, 6))
def test_a_year_is_found_as_by_the_look_behind_first(text: str, cut: int) -> None:
    for pattern, plain in ((kinds._YEAR, r"(?<![\d,.])(?:19|20)\d\d(?![\d,])"),
                           (periods._YEAR, r"(?<![\d,.-])(?:19|20)\d{2}(?![\d,-])")):
        start, end = cut // 2, max(0, len(text) - cut)
        assert [m.span() for m in pattern.finditer(text, start, end)] == \
            [m.span() for m in re.compile(plain).finditer(text, start, end)]


@settings(max_examples=800, deadline=None)
@given(text=st.lists(st.one_of(st.sampled_from(_words(numbers._NUMBER_WORD) + ["a", "an", "thousands", "quarters"]),
                               st.text(alphabet=" -_é1a", max_size=3)), max_size=12).map(" ".join),
       cut=st.integers(0, 8))
def test_the_number_words_grouped_by_first_letter_match_as_the_list(text: str, cut: int) -> None:
    start, end = cut // 3, max(0, len(text) - cut)
    assert numbers._has_number_word(text[start:end]) == bool(numbers._NUMBER_WORD.search(text[start:end]))


def test_the_case_folds_are_those_of_re() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter, folds in _FOLDS.items():
        assert sorted(re.findall(letter, every, re.IGNORECASE)) == sorted(folds), letter


REWRITTEN = sorted(_ORIGINAL.items(), key=lambda item: item[1].pattern)
_CASED = sorted({w for _, p in REWRITTEN for w in re.findall(r"[a-z]{2,}", p.pattern)})
case_variants = st.sampled_from(_CASED).flatmap(
    lambda w: st.sampled_from([w, w.upper(), w.title(), w.replace("k", "\u212a").replace("s", "\u017f").replace("i", "\u0131"),
                               w.upper().replace("I", "\u0130")]))
cased_texts = st.lists(st.one_of(case_variants, st.text(alphabet=" ,.;:'-$€1290\n", max_size=3)), max_size=20).map(" ".join)


def test_every_case_blind_pattern_on_the_reading_path_is_rewritten() -> None:
    assert len(REWRITTEN) >= 30 and all(not p.flags & re.IGNORECASE and o.flags & re.IGNORECASE for p, o in REWRITTEN)


@settings(max_examples=1500, deadline=None)
@given(text=cased_texts, index=st.integers(0, len(REWRITTEN) - 1), cut=st.integers(0, 30))
def test_a_caseless_pattern_finds_what_the_case_blind_one_finds(text: str, index: int, cut: int) -> None:
    rewritten, pattern = REWRITTEN[index]
    start, end = cut // 3, max(0, len(text) - cut)
    assert [(m.span(), m.groups()) for m in rewritten.finditer(text, start, end)] == \
        [(m.span(), m.groups()) for m in pattern.finditer(text, start, end)]
    assert bool(rewritten.match(text, start, end)) == bool(pattern.match(text, start, end))


def test_caseless_keeps_what_it_cannot_rewrite() -> None:
    for text in (r"caf\u00e9", r"(a)\1", r"[^a-z]x", r"\u00c9t\u00e9"):
        pattern = re.compile(text, re.IGNORECASE)
        assert caseless(pattern) is pattern
    plain = re.compile("abc")
    assert caseless(plain) is plain
    assert caseless(re.compile(r"(?P<n>ab)[k-m]", re.IGNORECASE)).fullmatch("AB\u212a").group("n") == "AB"
