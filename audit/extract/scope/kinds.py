"""Reading a figure's kind: a total, a part of one, an increment, a subset, a prior figure, a rate
or an estimate. Only totals and parts are compared for agreement; the others are kept, shown,
and left out of comparisons (a subset is never a whole, an increment never a toll).

In the order they are tried:

- ``rate``       a share: "60 per cent", "1 in 5"
- ``estimate``   a projection, a fear or a rumour, not a count: "could reach 20,000", "may
                 exceed", "feared dead", "is expected to rise to", "projected", "likely",
                 "unverified reports put the toll over 300"
- ``prior``      a figure of another time or event: "last year's 187", "in 2014", "the previous
                 toll of 1,644", "up from 19", "rose from 19 to 25" (the 19), "a 2019 quake"
- ``increment``  on top of a tally: "29 more deaths", "a further 12", "rose by 13", "13 new cases"
- ``part``       a slice of a total the story breaks down (linked by ``part_of``)
- ``subset``     a sub-population that is no clean slice of any total given: one hospital, one
                 morgue or village, "in serious condition", "still in hospital", "identified",
                 "18 others" (the rest of some count)
- ``total``      anything else
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from audit.extract.guard import caseless, guarded
from audit.extract.scope import Reading

__all__ = ["read_kind", "site_of"]

#: "may" the verb, not the month: "since May 10", "in May", "early May" are dates
_MAY = r"may(?![ \t]+\d)(?<!\bin may)(?<!\bof may)(?<!since may)(?<!early may)(?<!\blate may)(?<!mid-may)"
_ESTIMATE_BEFORE = caseless(guarded(re.compile(
    r"\b(?:could|" + _MAY + r"|might|would|will|feared|fears?|expected|expects?|projected|projects?|projection|"
    r"predicted|predicts?|likely|forecast|estimates? (?:that|of|it)|probability|potentially|possibly|"
    r"anticipated?|warned|unverified|unconfirmed|unofficial)\b[^.;]{0,48}$", re.IGNORECASE)))
_ESTIMATE_AFTER = caseless(re.compile(r"^[^.;]{0,40}\b(?:feared|are feared|were feared|believed dead|feared dead|"
                                      r"could be|may have|might have|expected)\b", re.IGNORECASE))
_ESTIMATE_OWN = caseless(guarded(re.compile(r"\b(?:feared|believed|estimated|expected|projected|likely|could|" + _MAY + r"|might)\b",
                                            re.IGNORECASE)))
_PRIOR_BEFORE = caseless(guarded(re.compile(
    r"\b(?:last year(?:'s)?|previous(?:ly)?|earlier (?:toll|figure|count|tally)|the earlier|(?:up|down|rose|risen|"
    r"increased|climbed|jumped|grew) from|from an earlier|had earlier|was earlier|earlier on|earlier in the day|"
    r"earlier today|initially|at first|first reported)\b[^.;\d]{0,24}$", re.IGNORECASE)))
#: "bringing the toll to 110 from 81": the figure after "from" is where the count stood before
_TO_FROM = guarded(re.compile(r"\bto\s+(?:about |around |some )?\d[\d,.]*\s+(?:\w+\s+)?from\s+(?:about |around |some )?$",
                              re.IGNORECASE))
#: "the toll rose by 13": the figure is the change itself, said in its own words
_CHANGE_BY = caseless(guarded(re.compile(r"\b(?:rose|risen|rises|increased|increases|jumped|jumps|climbed|climbs|grew|grown|went up|gone up|"
                                         r"up)\s+by\s+(?:about |around |some |nearly |another |a further )?$", re.IGNORECASE)))
#: "19" or "20" then two digits, no digit, comma or full stop before (the look-behind after the first two digits,
#: so that a search skips to a 1 or a 2 at once: the same matches as ``(?<![\d,.])(?:19|20)\d\d(?![\d,])``)
_YEAR = re.compile(r"(?:19|20)(?<![\d,.]..)\d\d(?![\d,])")
_PRIOR_AFTER = caseless(re.compile(r"^[^.;]{0,32}\b(?:last year|years? ago|previously|a day earlier|"
                                   r"the day before|earlier in the day|reported earlier|the previous day)\b", re.IGNORECASE))
_FROM_TO = re.compile(r"^\s*(?:people |deaths |dead )?(?:to|->|→)\s+\d", re.IGNORECASE)
_OTHERS = re.compile(r"\s+(?:others|other\b)", re.IGNORECASE)
_INCREMENT_AFTER = re.compile(r"^\s*(?:more|additional|further|new|extra)\b", re.IGNORECASE)
#: ("rose by 12" says its change in its own words: ``_CHANGE_BY``, read before this)
_INCREMENT_BEFORE = caseless(guarded(re.compile(r"\b(?:a further|an additional|increase of|additional)\s*$", re.IGNORECASE)))
#: "In the past 24 hours, 27 people were killed": the day's new count, on top of the running total
_LAST_HOURS = caseless(guarded(re.compile(r"\b(?:in|over|during|within) the (?:past|last|previous) (?:24|48|72|twenty-four) hours\b|"
                                          r"\bovernight\b", re.IGNORECASE)))
#: sites: a count at one is a slice of a wider event, unless the event is at that site (``site_of``)
_SITE_WORDS = "monastery|mosque|church|temple|school|tower|hotel|market|factory|prison|jail|dormitory"
_SUBSET_NEAR = caseless(guarded(re.compile(
    r"\b(?:hospital|hospitals|morgue|mortuary|camp|camps|shelter|village|ward|clinic|trauma centre|"
    r"serious condition|critical condition|critically|seriously|still (?:being )?(?:treated|in hospital|hospitali[sz]ed|"
    r"receiving|undergoing)|remain(?:s|ed)? (?:in hospital|hospitali[sz]ed)|discharged|identified|autops(?:y|ies|ied)|"
    r"post-mortem|recovered from|retrieved from|body parts|in their \d0s|aged|" + _SITE_WORDS + r"|"
    r"repatriat\w*|sent (?:home|back|to their \w+)|"
    r"flown (?:home|back)|at the scene|at the site)\b", re.IGNORECASE)))
_SITES = re.compile(rf"\b({_SITE_WORDS})\b", re.IGNORECASE)
#: "Near Silom Road, three were hurt": a count at one spot named by what it is near, not an area's toll
_NEAR_SPOT = re.compile(r"\b[Nn]ear (?:the )?[A-Z]")
#: "Rescue workers at the scene said 50 were found dead": a count of one site, said anywhere before it in the sentence
_SCENE = caseless(guarded(re.compile(r"\b(?:at|from) the (?:scene|site)\b", re.IGNORECASE)))
#: "The toll stood at 38. But the tally did not include Derna": a count that leaves part of the event out
_EXCLUDES = caseless(guarded(re.compile(r"\b(?:(?:did|does|do) not (?:include|count|cover)|not including|excluding|excludes)\b", re.IGNORECASE)))
#: "... since 2014. Then, 304 people were killed": a sentence that returns to the past event just named
_THEN = re.compile(r"\W*(?:then|at the time|at that time|back then|that year|in that (?:disaster|tragedy|accident))\b",
                   re.IGNORECASE)


@lru_cache(maxsize=1024)
def _returns_to_the_past(text: str, start: int, end: int, year: int) -> bool:
    """"... since 2014. Then, 304 were killed": the sentence opens by returning to an earlier year just named
    (read once per sentence)."""
    return bool(_THEN.match(text, start, end)) and any(int(y) < year for y in _YEAR.findall(text, max(0, start - 240), start))


@lru_cache(maxsize=1024)
def _excludes(text: str, start: int, end: int) -> bool:
    """Whether the sentence (or the words right after it) says a tally leaves part out (read once per sentence)."""
    return bool(_EXCLUDES.search(text, start, min(len(text), end + 160)))


def _window(text: str, figure, before: int, after: int) -> tuple[str, str]:
    start, end = figure.clause
    return text[max(start, figure.start - before):figure.start], text[figure.end:min(end, figure.end + after)]


#: The readings ``read_kind`` gives, made once (a ``Reading`` is immutable)
_ESTIMATE_CLAUSE = Reading("estimate", "clause")
_INCREMENT_CLAUSE = Reading("increment", "clause")
_INCREMENT_OWN = Reading("increment", "own")
_PART_CLAUSE = Reading("part", "clause")
_PRIOR_CARRIED = Reading("prior", "carried")
_PRIOR_CLAUSE = Reading("prior", "clause")
_PRIOR_OWN = Reading("prior", "own")
_RATE_OWN = Reading("rate", "own")
_SUBSET_CLAUSE = Reading("subset", "clause")
_SUBSET_OWN = Reading("subset", "own")
_TOTAL_DEFAULT = Reading("total", "default")


def read_kind(figure, text: str, published: dt.date | None) -> Reading:
    """The kind of ``figure`` (one of ``audit.extract.scope.KINDS``) and how it was read."""
    if figure.percent or figure.measure == "ratio" or figure.ratio_of:
        return _RATE_OWN
    before, after = _window(text, figure, 64, 48)
    if _ESTIMATE_BEFORE.search(before) or _ESTIMATE_AFTER.search(after) or _ESTIMATE_OWN.search(text, figure.start, figure.end):
        return _ESTIMATE_CLAUSE
    if _PRIOR_BEFORE.search(text[max(figure.clause[0], figure.start - 40):figure.start]) or _PRIOR_AFTER.search(after) \
            or _TO_FROM.search(text, max(figure.clause[0], figure.start - 40), figure.start):
        return _PRIOR_CLAUSE
    if _FROM_TO.match(text, figure.end, min(len(text), figure.end + 24)):
        return _PRIOR_OWN  # "rose from 19 to 25": the 19 is where it stood before
    if published and any(int(y) < published.year for y in _YEAR.findall(text, max(figure.sentence[0], figure.start - 120),
                                                                          min(figure.clause[1], figure.end + 40))):
        return _PRIOR_CLAUSE  # "the 2014 ferry sinking killed 304": another year's event
    if published and _returns_to_the_past(text, figure.sentence[0], figure.sentence[1], published.year):
        return _PRIOR_CARRIED
    if figure.period and published and figure.period[1] < published - dt.timedelta(days=300):
        return _PRIOR_CLAUSE
    if figure.additional or _INCREMENT_AFTER.match(text, figure.number_end, figure.number_end + 12) \
            or _CHANGE_BY.search(text, max(figure.clause[0], figure.start - 40), figure.start):
        return _INCREMENT_OWN  # "29 more deaths", "the toll rose by 13"
    if _INCREMENT_BEFORE.search(before):
        return _INCREMENT_CLAUSE  # "a further 12": further to what the story said before
    if _LAST_HOURS.search(text, figure.clause[0], figure.clause[1]) and not figure.cumulative:
        return _INCREMENT_OWN  # "in the past 24 hours, 27 were killed": the day's new count
    if figure.part_of:
        return _PART_CLAUSE
    if _OTHERS.match(text, figure.number_end, min(figure.clause[1], figure.number_end + 24)):
        return _SUBSET_OWN  # "18 others", "eight other fatalities": the rest of some count, not a total
    near = _near(figure, text)
    if _SUBSET_NEAR.search(text, *near) \
            or _SCENE.search(text, max(figure.sentence[0], figure.start - 160), figure.start) \
            or _NEAR_SPOT.search(text, figure.clause[0], figure.start):
        return _SUBSET_CLAUSE
    if _excludes(text, figure.sentence[0], figure.sentence[1]):
        return _SUBSET_CLAUSE
    return _TOTAL_DEFAULT


_A_DIGIT = re.compile(r"\d")


def _near(figure, text: str) -> tuple[int, int]:
    """The words that may make ``figure`` a slice: its clause from 48 characters before it to 48 after, but
    not past the next number ("82 injured including 19 seriously": "seriously" is the 19's word)."""
    after_end = min(figure.clause[1], figure.end + 48)
    next_number = _A_DIGIT.search(text, figure.end, after_end)
    return max(figure.clause[0], figure.start - 48), next_number.start() if next_number else after_end


def site_of(figure, text: str) -> str | None:
    """The site ("market", "mosque") in the words around ``figure`` that can make it a slice of the event."""
    match = _SITES.search(text, *_near(figure, text))
    return match.group(1).casefold() if match else None
