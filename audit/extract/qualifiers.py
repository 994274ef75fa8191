"""Hedges as printed around a number -> a row of the engine's hedge table (``audit.hedges``).

For the extractor: ``hedge_before(text, start)`` reads the words just before a number ("more
than", "at least", "about") and returns the qualifier and where the hedge starts;
``hedge_after`` reads "200+" and "or more"; ``find_vague`` finds "hundreds of" and the like
(the words of ``audit.hedges.VAGUE``). The intervals themselves come from the hedge table only.
"""

from __future__ import annotations

import re

from audit.hedges import VAGUE

__all__ = ["hedge_before", "hedge_after", "find_vague", "range_joiner"]

_BEFORE: dict[str, str] = {
    "more than": "more_than", "over": "more_than", "upwards of": "more_than", "in excess of": "more_than",
    "above": "more_than", "exceeding": "more_than", "passed": "more_than", "surpassed": "more_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least", "a minimum of": "at_least",
    "fewer than": "fewer_than", "less than": "fewer_than", "under": "fewer_than", "below": "fewer_than",
    "up to": "up_to", "at most": "up_to", "as many as": "up_to", "no more than": "up_to", "a maximum of": "up_to",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly", "just shy of": "nearly",
    "about": "about", "around": "about", "some": "about", "approximately": "about", "roughly": "about",
    "an estimated": "about", "circa": "about", "approx.": "about", "~": "about",
}
# longest first, so "no more than" wins over "more than"
_BEFORE_RE = re.compile(
    r"(?:^|(?<=[^\w]))(" + "|".join(re.escape(k) for k in sorted(_BEFORE, key=len, reverse=True)) + r")\s*$",
    re.IGNORECASE,
)
_AFTER_RE = re.compile(r"\s+(or more|or so|and more|and above|plus)\b", re.IGNORECASE)
_VAGUE_RE = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(VAGUE, key=len, reverse=True)) + r")\s+of\b", re.IGNORECASE
)


def hedge_before(text: str, start: int) -> tuple[str, int] | None:
    """(qualifier, offset where the hedge starts) for the words just before ``start``, or None."""
    window = text[max(0, start - 24):start]
    match = _BEFORE_RE.search(window)
    if not match:
        return None
    return _BEFORE[match.group(1).casefold()], start - len(window) + match.start(1)


def hedge_after(text: str, end: int) -> tuple[str, int] | None:
    """(qualifier, offset where the hedge ends) for "or more" and the like after a number."""
    match = _AFTER_RE.match(text, end, min(len(text), end + 16))
    if not match:
        return None
    word = match.group(1).casefold()
    return ("about" if word == "or so" else "at_least"), match.end()


def find_vague(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, word) for every "hundreds of", "dozens of" ... in ``text[start:end]``."""
    return [(m.start(), m.end(1), m.group(1).casefold()) for m in _VAGUE_RE.finditer(text, start, end)]


def range_joiner(text: str, first_end: int, second_start: int) -> bool:
    """Whether the text between two numbers joins them into a range ("19 to 29", "between 19 and 29")."""
    between = text[first_end:second_start].strip().casefold()
    if between in ("to", "-", "–", "—"):
        return True
    return between == "and" and "between " in text[max(0, first_end - 24):first_end].casefold()
