"""Countries that speak for their own citizens: "Jordan said 68 of its citizens died, while
Indonesia reported 165 deaths and India 98."

For the extractor's pipeline (``audit.extract``), after the scope of each figure is read. When an
event abroad kills people of many nations (a pilgrimage, a crush, a shipwreck), each government
reports its own dead: the figure a foreign country gives counts that country's citizens, and the
country is the authority that gives it. Read otherwise, "Jordan's 68" and "Indonesia's 165" would
be two authorities' counts of one toll, and set against each other.

A figure speaks for a country when the nearest place named before it in its clause is a country
other than the case's, named as the subject of a word of attribution ("Jordan said 68", "Egypt's
health ministry said 31", "according to Tunisia, 49"), or named bare right before the figure in a
sentence where another country speaks so ("... and India 98"). A country after "in", "at",
"across" or "from" is a place ("in Syria, 3,377 died"), not a speaker. The figure's group becomes
the country's people (unless its own words name a group), and its authority the country's
(``government (JO)``, or the body named with the country: ``health ministry (EG)``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from audit.extract.figures import Sentence
from audit.extract.scope import Reading

__all__ = ["read_speakers"]

#: between a country and the figure it speaks for: "said", "'s foreign ministry said", "reported"
_SPEAKS = re.compile(r"(?:['’]s(?:\s+[\w-]+){1,4}?)?\s*(?:,\s*)?(?:has |had |also )?(?:said|says|reported|reports|confirmed|"
                     r"confirms|announced|announces|recorded|records|counted|put|gave|gives|told)\s+(?:[\w]+\s+){0,3}$",
                     re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording to\s+(?:the\s+)?$", re.IGNORECASE)
_BARE = re.compile(r"\s*$")
_PLACE_WORD = re.compile(r"\b(?:in|at|across|from|of|near|to|into)\s+(?:the\s+)?$", re.IGNORECASE)
_GOVERNMENT = "government"
_QUALIFIED = re.compile(r" \([A-Z]{2}\)$")


def read_speakers(sentences: list[Sentence], text: str, scopes: dict, case_country: str | None) -> None:
    """Give each figure a foreign country speaks for that country's people as its group, and the country as its authority."""
    if case_country is None:
        return
    for sentence in sentences:
        if not sentence.figures:
            continue
        _countries_are_no_people(sentence, scopes, case_country)
        countries = [m for m in sentence.mentions if m.place.level == "country" and not m.dateline
                     and m.place.code != case_country]
        if not countries:
            continue
        spoke = False
        for figure in sentence.figures:
            before = [m for m in countries if figure.clause[0] <= m.start and m.end <= figure.start]
            if not before:
                continue
            country = before[-1]
            gap = text[country.end:figure.start]
            if _PLACE_WORD.search(text, max(0, country.start - 12), country.start):
                continue  # "in Syria, 3,377 died": a place
            speaks = _SPEAKS.fullmatch(gap) is not None or _ACCORDING.search(
                text, max(figure.clause[0], country.start - 20), country.start) is not None
            if not (speaks or (spoke and _BARE.fullmatch(gap))):
                continue
            spoke = True
            scope = scopes[figure.id]
            group = scope.group
            if not figure.group:
                figure.group = [country.place.code]
                group = Reading((country.place.code,), "clause")
            body = _QUALIFIED.sub("", scope.authority.value or "")
            if not body or body.startswith("person:"):
                body = _GOVERNMENT
            authority = Reading(f"{body} ({country.place.code})", "clause")
            place = scope.place
            if figure.place == [country.place.code]:  # "Indonesia reported 165 deaths": Indonesians, not deaths in Indonesia
                figure.place, figure.place_is_own, place = [], False, Reading((), "default")
            scopes[figure.id] = replace(scope, group=group, authority=authority, place=place)


def _countries_are_no_people(sentence: Sentence, scopes: dict, case_country: str) -> None:
    """"The toll reached 17,000, Turkey said": a country named as the source is its government, not a person."""
    named = {m.text.casefold(): m.place.code for m in sentence.mentions if m.place.level == "country"}
    for figure in sentence.figures:
        scope = scopes[figure.id]
        value = scope.authority.value or ""
        code = named.get(value.removeprefix("person: ")) if value.startswith("person: ") else None
        if code is not None:
            name = _GOVERNMENT if code == case_country else f"{_GOVERNMENT} ({code})"
            scopes[figure.id] = replace(scope, authority=Reading(name, scope.authority.how))
