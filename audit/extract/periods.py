"""When: the days a figure covers, from dates and weekdays resolved against the publication date.

For the extractor: ``period_in(text, start, end, published)`` reads one sentence. In a story of
Thursday 17 July 2025, "between Monday and Wednesday" is 14-16 July, "on Thursday and Friday"
is the days named, "since June 27" runs to the publication date, "on July 16" is one day,
"this week" runs from its Monday, "in the past week" covers the seven days before, "last week" the calendar week before, "the first
six months of the year" is January to June. A weekday is the latest such day on or before the
publication date. Without a publication date only full dates resolve.
"""

from __future__ import annotations

import datetime as dt
import re

from audit.extract.guard import caseless, guarded

__all__ = ["period_in"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {name: index for index, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE = caseless(re.compile(
    r"\b(?:" + _MONTH + r"\s+(?P<day>\d{1,2})\b(?:,?\s+(?P<year>\d{4}))?"
    r"|(?P<day2>\d{1,2})\s+" + _MONTH.replace("month", "month2") + r"(?:\s+(?P<year2>\d{4}))?)",
    re.IGNORECASE,
))
_YEAR = re.compile(r"(?:19|20)(?<![\d,.-]..)\d{2}(?![\d,-])")  # look-behind after "19"/"20": see kinds._YEAR
_NOT_FIGURE_DAY = guarded(re.compile(
    r"(?:\bdated|\buntil|\bby|\bnext|\b(?:said|announced|reported|told reporters|added|confirmed|statement)(?: on)?)\s+$",
    re.IGNORECASE))
_WEEKDAY = guarded(re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE))
_SINCE = re.compile(r"\bsince\s*$", re.IGNORECASE)
_THIS_WEEK = guarded(re.compile(r"\bthis week\b", re.IGNORECASE))
_PAST_WEEK = caseless(guarded(re.compile(r"\b(?:past week|(?:past|last) seven days)\b", re.IGNORECASE)))
_LAST_WEEK = guarded(re.compile(r"\blast week\b", re.IGNORECASE))
_FIRST_MONTHS = re.compile(r"\bfirst (\w+) months of (?:the|this) year\b", re.IGNORECASE)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11}

Period = tuple[dt.date, dt.date]
#: One pass to rule out the sentences that name no time at all (most of them).
_ANY_TIME = caseless(guarded(re.compile(r"\b(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r"|" + "|".join(_WEEKDAYS)
                                        + r"|week|months|(?:19|20)\d\d)\b", re.IGNORECASE)))


def _weekday(name: str, published: dt.date) -> dt.date:
    back = (published.weekday() - _WEEKDAYS.index(name.casefold())) % 7
    return published - dt.timedelta(days=back)


def _date(match: re.Match, published: dt.date | None) -> dt.date | None:
    month = _MONTHS[(match.group("month") or match.group("month2")).casefold()]
    day = int(match.group("day") or match.group("day2"))
    year_text = match.group("year") or match.group("year2")
    if year_text:
        year = int(year_text)
    elif published:
        year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def period_in(text: str, start: int, end: int, published: dt.date | None) -> Period | None:
    """The period a sentence states, or None."""
    if not _ANY_TIME.search(text, start, end):
        return None
    days: list[dt.date] = []
    for match in _DATE.finditer(text, start, end):
        day = _date(match, published)
        if day is None:
            continue
        if _SINCE.search(text, max(start, match.start() - 8), match.start()) and published:
            return day, published
        days.append(day)
    if published:
        if _PAST_WEEK.search(text, start, end):
            return published - dt.timedelta(days=7), published
        if _LAST_WEEK.search(text, start, end):  # the calendar week before the one of publication
            monday = published - dt.timedelta(days=published.weekday() + 7)
            return monday, monday + dt.timedelta(days=6)
        if _THIS_WEEK.search(text, start, end):
            return published - dt.timedelta(days=published.weekday()), published
        months = _FIRST_MONTHS.search(text, start, end)
        if months and months.group(1).casefold() in _SMALL:
            last_month = _SMALL[months.group(1).casefold()]
            last = dt.date(published.year, last_month + 1, 1) - dt.timedelta(days=1)
            return dt.date(published.year, 1, 1), last
        for match in _WEEKDAY.finditer(text, start, end):
            if _NOT_FIGURE_DAY.search(text[max(start, match.start() - 24):match.start()]):
                continue  # the day of a statement or a deadline, not of the figures
            days.append(_weekday(match.group(1), published))
    if not days and published:
        years = {int(m.group()) for m in _YEAR.finditer(text, start, end)}
        if len(years) == 1 and (year := years.pop()) < published.year:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)  # "a 2019 quake killed 21": another year's event
    if not days:
        return None
    return min(days), max(days)
