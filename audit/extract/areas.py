"""Areas named by who holds them: "government-held areas of Syria", "rebel-controlled territory".

For the extractor's pipeline (``audit.extract``), before figures are linked. In a war zone a toll
is often given for the part of a country one side holds; such a figure is neither the country's
toll nor a slice of some other count: it is the toll of a place of its own. ``held_areas`` gives
the figure that place, as a sub-place of the country named nearest before it (this sentence or
the two before), else of the case's country: ``SY/government-held areas``. Two stories that give
the toll of the government-held areas on different days are then compared with each other (and
each lies inside the country's toll), never with the country's.

The holder is named as printed, with its synonyms folded: government, regime and state are
"government"; opposition, rebel and insurgent are "opposition"; any other (a named group) is
kept: "Houthi-held areas".
"""

from __future__ import annotations

import re

from audit.extract.figures import Sentence
from audit.extract.guard import caseless
from audit.groups import resolve_group

__all__ = ["held_areas", "HELD"]

#: "government-held areas", "opposition held region", "rebel-controlled territory"
HELD = caseless(re.compile(r"\b([A-Za-z]+)[- ](?:held|controlled) (?:areas?|regions?|parts?|territor(?:y|ies)|zones?)\b",
                           re.IGNORECASE))
#: What every held area holds, sought first: a space or hyphen, then "held" or "controlled" and a space
_HELD_WORDS = caseless(re.compile(r"[- ](?:held|controlled) ", re.IGNORECASE))
_HOLDERS = {"government": "government", "regime": "government", "state": "government",
            "opposition": "opposition", "rebel": "opposition", "insurgent": "opposition"}
#: how far a figure may stand from the area it is counted in: "1,678 people were killed in government-held areas"
_REACH = 64
_BACK = 2  # sentences before, in which the country of a held area may be named


def held_areas(sentences: list[Sentence], text: str, case_country: str | None) -> None:
    """Give each figure counted in an area one side holds that area as its place (own words)."""
    for index, sentence in enumerate(sentences):
        if not sentence.figures or not _HELD_WORDS.search(text, sentence.start, sentence.end) \
                or not HELD.search(text, sentence.start, sentence.end):
            continue
        for figure in sentence.figures:
            area = _area_of(figure, text)
            if area is None:
                continue
            country = _country(sentences, index, area.start(), case_country)
            if country is None:
                continue
            holder = area.group(1).casefold()
            figure.place = [f"{country}/{_HOLDERS.get(holder, holder)}-held areas"]
            figure.place_is_own = True


def _area_of(figure, text: str) -> re.Match | None:
    """The held area the figure is counted in: the nearest after it in its clause ("killed in
    government-held areas"), or before it ("the toll in the opposition-held region stood at 2,190")."""
    start, end = figure.clause
    after = HELD.search(text, figure.end, min(end, figure.end + _REACH))
    if after is not None:
        return after
    before = list(HELD.finditer(text, max(start, figure.start - _REACH), figure.start))
    return before[-1] if before else None


def _country(sentences: list[Sentence], index: int, position: int, case_country: str | None) -> str | None:
    """The country of the held area at ``position``: named right after it ("government-controlled
    areas of Syria"), else the nearest named before it, by name or by people ("the Syrian Civil
    Defence"), in this sentence or the two before, else the case's."""
    sentence = sentences[index]
    following = [m for m in sentence.mentions if m.place.level == "country" and m.start >= position
                 and _OF.match(sentence.text, _end_of_area(sentence.text, position), m.start)]
    if following:
        return following[0].place.code
    for back in range(index, max(-1, index - _BACK - 1), -1):
        earlier = sentences[back]
        limit = position if back == index else earlier.end
        named = [(m.start, m.place.code) for m in earlier.mentions
                 if m.place.level == "country" and not m.dateline and m.start < limit]
        named += [(m.start(), code) for m in _CAPITAL.finditer(earlier.text, earlier.start, limit)
                  if (code := _demonym(m.group()))]
        if named:
            return max(named)[1]
    return case_country


_OF = re.compile(r"\s+of\s+(?:the\s+)?$")
_CAPITAL = re.compile(r"\b[A-Z][a-z]+\b")


def _end_of_area(text: str, position: int) -> int:
    match = HELD.match(text, position)
    return match.end() if match else position


def _demonym(word: str) -> str | None:
    """The country whose people ``word`` names ("Syrian" -> SY), if any."""
    code = resolve_group(word) if len(word) > 3 else None
    return code if code and len(code) == 2 and code.isupper() else None
