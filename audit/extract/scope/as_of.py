"""Reading the day a count stands at (``as_of``).

Running tolls change by the hour, so two figures disagree only if they count the same thing on
the same day. A figure stands at:

- the day its own words give: "as of Tuesday", "by Wednesday evening", "on Friday, the toll
  stood at", "the ministry said on Wednesday that 25 had died" (``own``/``clause``);
- the end of a period up to the statement: "since Sunday" stands at the publication date;
- else the publication date (``default``): a report stands at the day it is published;
- unknown when the article has no publication date (never compared across days).

Days of the event itself ("the quake that struck on Monday has killed 5,000") are not the day
a count stands at: only days tied to a statement, a tally or "as of"/"by" are read. Weekdays
are the latest such day on or before publication; dates take the publication year.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from audit.extract.guard import caseless, guarded
from audit.extract.scope import Reading

__all__ = ["read_as_of", "day_named"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {name: index for index, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = (r"(?:(?:" + "|".join(_WEEKDAYS) + r")(?:\s+(?:morning|afternoon|evening|night))?"
        r"|(?:\d{1,2}\s+" + _MONTH + r"|" + _MONTH + r"\s+\d{1,2})(?:,?\s+\d{4})?|today|yesterday|tonight)")
#: a day tied to the count: "as of Tuesday", "by Wednesday", "said on Wednesday", "on Friday, the toll ..."
_TIED = caseless(re.compile(
    r"(?:\bas of|\bas at|\bby|\buntil|\bup to|\b(?:said|says|reported|confirmed|announced|told \w+|stated|added|"
    r"updated|released|put (?:it|the \w+)|gave)(?: late| early)?(?: on)?|^\W*(?:on|late on|early on|as of|by)|"
    r"\btoll (?:on|as of|by))\s+(?:the\s+)?(" + _DAY + r")\b", re.IGNORECASE))
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?(" + _DAY + r")\b", re.IGNORECASE)
_TODAY = {"today": 0, "tonight": 0, "yesterday": 1}
#: The quick test before ``_TIED`` and ``_SINCE``: every day they read begins, after a space, with a weekday, a month or
#: "today"/"yesterday"/"tonight".
_ANY_DAY = caseless(guarded(re.compile(r"\b(?:" + "|".join([*_WEEKDAYS, *_MONTHS, *_TODAY]) + ")", re.IGNORECASE)))


def day_named(words: str, published: dt.date | None) -> dt.date | None:
    """The date ``words`` name ("Wednesday evening", "7 Feb", "February 7, 2023", "yesterday"),
    resolved against the publication date; None when it cannot be placed."""
    words = words.casefold().strip()
    if words in _TODAY:
        return published - dt.timedelta(days=_TODAY[words]) if published else None
    first = words.split()[0]
    if first in _WEEKDAYS:
        if published is None:
            return None
        return published - dt.timedelta(days=(published.weekday() - _WEEKDAYS.index(first)) % 7)
    parts = re.findall(r"[a-z]+|\d+", words)
    month = next((_MONTHS[p] for p in parts if p in _MONTHS), None)
    numbers = [int(p) for p in parts if p.isdigit()]
    if month is None or not numbers:
        return None
    day = numbers[0] if numbers[0] <= 31 else None
    year = next((n for n in numbers if n > 1000), None)
    if day is None:
        return None
    if year is None:
        if published is None:
            return None
        year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _days_in(text: str, start: int, end: int, published: dt.date | None) -> tuple[tuple[tuple[int, dt.date], ...], bool]:
    """The days a sentence ties to a count, as (offset, date), and whether it says "since": read once
    per sentence, however many figures it holds."""
    if not _ANY_DAY.search(text, start, end):
        return (), False  # most sentences name no day
    days = []
    for match in _TIED.finditer(text, start, end):
        day = day_named(match.group(1), published)
        if day is not None and (published is None or day <= published):
            days.append((match.start(), day))
    return tuple(days), bool(_SINCE.search(text, start, end))


def read_as_of(figure, text: str, published: dt.date | None) -> Reading:
    """The day ``figure`` stands at, and how it was read."""
    if figure.role == "headline":
        return Reading(published, "default") if published else Reading(None, "unknown")
    start, end = figure.sentence
    tied, since = _days_in(text, start, end, published)
    if tied:
        position, day = min(tied, key=lambda d: abs(d[0] - figure.start))
        return Reading(day, "own" if figure.clause[0] <= position < figure.clause[1] else "clause")
    if since and published:
        return Reading(published, "clause")
    return Reading(published, "default") if published else Reading(None, "unknown")
