"""Hedges as printed around a number -> a row of the engine's hedge table (``audit.hedges``).

For the extractor: ``quantities(text, start, end)`` reads each number of ``audit.extract.numbers``
with its hedge and joins ranges ("19 to 29", "between 20 and 30", "from 50 to 80%", "5k-20k")
and sided pairs ("more than 10 and less than 40" -> [11, 39]); ``hedge_before`` reads the words
just before a number ("more than", "at least", "about"), ``hedge_after`` "200 or more" and "50 or
so"; ``find_vague`` finds "hundreds of" and the like (the words of ``audit.hedges.VAGUE``). The
wordings and the intervals come from the hedge table only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from audit.extract.guard import caseless, guarded
from audit.extract.numbers import Number, find_numbers
from audit.hedges import VAGUE, WORDINGS, WORDINGS_AFTER, HedgeTable

__all__ = ["Quantity", "quantities", "hedge_before", "hedge_after", "find_vague", "range_joiner"]

_BEFORE: dict[str, str] = {wording: qualifier for qualifier, wordings in WORDINGS.items() for wording in wordings}
_AFTER: dict[str, str] = {wording: qualifier for qualifier, wordings in WORDINGS_AFTER.items() for wording in wordings}
# longest first, so "no more than" wins over "more than" and "has gone up to" over "up to"
_TOKEN = re.compile(r"\S+")
_OPENING = "(\"'“‘["
_LONGEST = max(len(k.split()) for k in _BEFORE)
_LAST_WORDS = {k.split(" ")[-1] for k in _BEFORE}
_AFTER_RE = caseless(re.compile(
    r"(?:\s+[a-z]+(?=\s+or\b|\s+and\b))?\s*(" + "|".join(re.escape(k) for k in sorted(_AFTER, key=len, reverse=True) if k != "+") + r")(?![\w])",
    re.IGNORECASE,
))
_OR_EQUAL = re.compile(r"\s+or\s+equal(?:\s+to)?\b", re.IGNORECASE)
_VAGUE_RE = caseless(guarded(re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(VAGUE, key=len, reverse=True)) + r")(?:\s+of\b|(?=\s+(?:more|"
    r"were|are|have|had|dead|missing|remain|others|(?-i:[a-z]+ed))\b)|(?=[.,;]))",
    re.IGNORECASE,
)))
_RANGE = re.compile(r"\s*(?:to|through|-|–|—|~|and)\s*", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)
_SIDED_JOIN = re.compile(r"\s*(?:,\s*)?(?:and|but)?\s*$", re.IGNORECASE)
_ONE_IN = re.compile(r" (?:in|out of) ", re.IGNORECASE)
_ESTIMATE = re.compile(r"\b(?:feared|fear|fears|might|could|may|believed|estimated|expected|projected|likely|"
                       r"probably|possibly|thought|predicted)\b", re.IGNORECASE)
_STRESS = ("as many as", "as much as")
_LOWER = ("more_than", "at_least")
_UPPER = ("fewer_than", "up_to")
_HEDGES = HedgeTable()
_WINDOW = 40


@dataclass
class Quantity:
    """A number with its hedge: the phrase's offsets, the number's, and a value or a [low, high] range."""

    start: int
    end: int
    number_start: int
    number_end: int
    value: Decimal | None
    qualifier: str
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None
    percent: bool = False


def hedge_before(text: str, start: int) -> tuple[str, int] | None:
    """(qualifier, offset where the hedge starts) for the words just before ``start``, or None."""
    window_start = max(0, start - _WINDOW)
    tokens = text[window_start:start].split()  # the words ``_TOKEN`` finds there (``\s`` is ``str.isspace``)
    if not tokens:
        return None
    last = tokens[-1]
    if last.casefold() not in _LAST_WORDS and last.lstrip(_OPENING).casefold() not in _LAST_WORDS:
        return None  # no wording ends with this word (most numbers: the quick test, before their offsets are read)
    words = [(m.start(), m.group()) for m in _TOKEN.finditer(text, window_start, start)]
    if text[words[-1][0] + len(words[-1][1]):start].strip():
        return None  # the hedge must end right before the number (spaces apart)
    for size in range(min(_LONGEST, len(words)), 0, -1):  # longest first: "no more than" before "more than"
        first, word = words[-size]
        lead = len(word) - len(word.lstrip(_OPENING))
        phrase = " ".join([word[lead:], *(w for _, w in words[len(words) - size + 1:])]).casefold()
        if phrase in _BEFORE:
            return _BEFORE[phrase], first + lead
    return None


def hedge_after(text: str, end: int) -> tuple[str, int] | None:
    """(qualifier, offset where the hedge ends) for "or more", "or less", "or so" and the like after a number."""
    match = _AFTER_RE.match(text, end, min(len(text), end + 40))  # "200 or more", "200 people or more"
    if not match:
        return None
    return _AFTER[match.group(1).casefold()], match.end()


def find_vague(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, word) for every "hundreds of", "dozens of" ... in ``text[start:end]``."""
    return [(m.start(), m.end(1), m.group(1).casefold()) for m in _VAGUE_RE.finditer(text, start, end)]


#: a count that changed, right before the first of two numbers: "rose by 13 to 110", "up from 81 to 110"
_CHANGE = re.compile(r"\b(?:rose|risen|rises|rising|increased|increases|increasing|climbed|climbs|climbing|jumped|jumps|"
                     r"grew|grown|grows|went up|gone up|going up|up|down|fell|fallen|falls|dropped|drops|revised|"
                     r"surged|surges|soared|soars)\s+(?:by|from)\s+(?:about |around |some |nearly |over |more than )?"
                     r"[^\s]*$", re.IGNORECASE)


def range_joiner(text: str, first_end: int, second_start: int) -> bool:
    """Whether the text between two numbers joins them into a range ("19 to 29", "between 19 and 29")."""
    between = text[first_end:second_start]
    match = _RANGE.fullmatch(between)
    if not match:
        return False
    if _CHANGE.search(text, max(0, first_end - 48), first_end):
        return False  # "rose by 13 to 110", "climbed from 81 to 110": a change and where it led, not a range
    if between.strip().casefold() != "and":
        return True
    return "between " in text[max(0, first_end - 40):first_end].casefold()


def _hedged(text: str, number: Number, limit: int) -> Quantity:
    qualifier, start, end = "exact", number.start, number.end
    hedge = hedge_before(text, number.start)
    if hedge:
        qualifier, start = hedge
        if text[start:number.start].casefold().startswith(_STRESS) and _ESTIMATE.search(text, number.end, limit):
            qualifier = "up_to"  # "as many as 2,000 people are feared dead": the top of an estimate
    if number.plus:
        qualifier, end = "at_least", number.end + 1
    else:
        after = hedge_after(text, number.end)
        if after and after[1] <= limit and qualifier in ("exact", *_LOWER, *_UPPER):
            if qualifier == "exact" or (qualifier in _LOWER) == (after[0] == "at_least"):
                qualifier, end = after
        equal = _OR_EQUAL.match(text, end, limit)
        if equal and qualifier in ("more_than", "fewer_than"):  # "less than 5000 or equal"
            qualifier, end = ("at_least" if qualifier == "more_than" else "up_to"), equal.end()
    return Quantity(start, end, number.start, number.end, number.value, qualifier, unit=number.currency,
                    percent=number.percent)


def _bounds(quantity: Quantity) -> tuple[Decimal | None, Decimal | None]:
    integral = not (quantity.unit or quantity.percent)
    return _HEDGES.interval(quantity.value, quantity.qualifier, integral)


def _ranged(text: str, first: Number, second: Number, start: int) -> Quantity:
    low = first.value if first.scaled else first.value * second.factor  # "3 to 5 million"
    if second.percent and not first.percent:  # "from 50 to 80%"
        low = low / 100
    phrase_start = first.start
    opener = _RANGE_OPENER.search(text, max(start, first.start - 8), first.start)
    if opener:
        phrase_start = opener.start()
    return Quantity(phrase_start, second.end, first.start, second.end, None, "range", low=low, high=second.value,
                    unit=second.currency or first.currency, percent=second.percent)


def quantities(text: str, start: int, end: int) -> list[Quantity]:
    """The numbers of ``text[start:end]`` with their hedges, ranges joined, in order."""
    numbers = find_numbers(text, start, end)
    found: list[Quantity] = []
    index = 0
    while index < len(numbers):
        number = numbers[index]
        second = numbers[index + 1] if index + 1 < len(numbers) else None
        if second and not (number.percent and not second.percent) and not (number.bare_decimal and second.bare_decimal) \
                and range_joiner(text, number.end, second.start) \
                and not hedge_before(text, second.start):
            ranged = _ranged(text, number, second, start)
            if ranged.low <= ranged.high:  # "12-0" is a score, not a range
                found.append(ranged)
                index += 2
                continue
        if second and _ONE_IN.fullmatch(text[number.end:second.start]) and not (number.currency or second.currency) \
                and 0 < number.value < second.value:  # "1 in 5 classrooms": a share
            found.append(Quantity(number.start, second.end, number.start, second.end, number.value / second.value,
                                  "exact", percent=True))
            index += 2
            continue
        if number.bare_decimal:
            index += 1
            continue  # "2.5 metres", "1.05": a measurement, not a count of things
        found.append(_hedged(text, number, end))
        index += 1
    return _sided_pairs(text, found)


def _sided_pairs(text: str, found: list[Quantity]) -> list[Quantity]:
    """"more than 10 and less than 40", "at most 100 and at least 20": one range from two sided hedges."""
    joined: list[Quantity] = []
    index = 0
    while index < len(found):
        first = found[index]
        second = found[index + 1] if index + 1 < len(found) else None
        if second and {first.qualifier, second.qualifier} & set(_LOWER) and {first.qualifier, second.qualifier} & set(
                _UPPER) and (first.qualifier in _LOWER) != (second.qualifier in _LOWER) and first.end <= second.start \
                and _SIDED_JOIN.fullmatch(text[first.end:second.start]) and first.percent == second.percent:
            lower, upper = (first, second) if first.qualifier in _LOWER else (second, first)
            low, high = _bounds(lower)[0], _bounds(upper)[1]
            if low is not None and high is not None and low <= high:
                joined.append(Quantity(first.start, second.end, first.number_start, second.number_end, None, "range",
                                       low=low, high=high, unit=first.unit or second.unit, percent=first.percent))
                index += 2
                continue
        joined.append(first)
        index += 1
    return joined
