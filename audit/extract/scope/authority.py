"""Reading who gives a figure (``authority``): "the health ministry", "police", "the Red Crescent".

Rival authorities report different tolls on the same day (an interior ministry's 5,300 against
the Red Crescent's 11,300): that is news, worth a warning that names both, never an error.
The authority is read from attribution in the figure's clause, else its sentence, else the
sentence before when that one only attributes ("The ministry said:"):

- "according to (the) X", "X said/says/reported/confirmed/announced/put/gave/told", "said X",
  "X's figures", "(X)" after the figure, "per X"

where X, the words between the attribution and the nearest punctuation, names an institution of
``_INSTITUTIONS`` (ministry, police, Red Crescent, UN, WHO, officials, mayor ...), or a person
named as the source ("Choi said 82 ...": ``person: choi``); the nearest to the figure wins.
The name is canonical: lower case, without articles, possessives or people's names
("Health Ministry spokesperson Prakash Budhathoki" -> "health ministry"). No attribution:
``None`` (the outlet's own figure), read ``default``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from audit.extract.guard import caseless, guarded
from audit.extract.scope import Reading
from audit.vocabulary import GENERIC_AUTHORITIES

__all__ = ["read_authority", "canonical_authority", "GENERIC"]

#: Words that attribute a figure: a preposition before the source ("according to the Red Crescent"),
#: a verb after or before it ("police said", "said the ministry"), a possessive ("the UN's figures").
_TRIGGER = caseless(guarded(re.compile(
    r"\b(?:(according to|per|cited|citing)|(said|says|say|reported|reports|confirmed|confirms|announced|announces|"
    r"put|puts|gave|gives|told|stated|tallied|recorded|counted|estimated|estimates|updated|released))\b"
    r"|((?:'s|’s)\s+(?:figures?|tally|count|data|toll|statement|report)\b)", re.IGNORECASE)))
#: Where a source's name ends: punctuation, or "that" before what was said
_BOUNDARY = re.compile(r"[.;:,()\[\]“”\"—–]|\bthat\b", re.IGNORECASE)
#: The capitalised words right before "said": a person named as the source ("Choi said")
_PERSON_BEFORE = re.compile(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s*$")
_REACH = 90  # how far a source's name may stand from its word of attribution
#: where a subject set off by commas cannot reach back past: the end of a sentence or a clause
_SENTENCE_STOP = re.compile(r"[.;:“”\"]")
_ONLY_AUXILIARIES = re.compile(r"^\W*(?:(?:has|have|had|also|again|later|earlier|then|now|further|previously|already)\W*)*$",
                               re.IGNORECASE)
#: Institutions by the words that name them, most specific first: the canonical name is the key,
#: so "Health Ministry spokesperson Prakash Budhathoki", "the health minister" and "health
#: authorities" are one authority, and "Red Crescent" spokespeople are the Red Crescent.
_INSTITUTIONS: list[tuple[re.Pattern, str]] = [(re.compile(p, re.IGNORECASE), key) for p, key in [
    (r"red crescent", "red crescent"), (r"red cross", "red cross"),
    (r"\bwho\b|world health organi[sz]ation", "who"),
    (r"\bun\b|united nations|\bocha\b|unicef|\bun's\b", "un"),
    (r"\b(health|interior|foreign|home|defen[cs]e|revenue|information|disaster)\b[\w\s]{0,20}?"
     r"\b(ministry|minister|department|authorities|officials|office|services?)\b", "{0} ministry"),
    (r"\bministry of (health|interior|foreign|home|defen[cs]e|revenue|information)", "{0} ministry"),
    (r"\bpolice|\badgp\b|constabulary|gendarmerie", "police"),
    (r"junta|military|\barmy\b|armed forces|regime|state administration council|tatmadaw", "military"),
    (r"\bfire\b", "fire service"), (r"\bmayor\b", "mayor"), (r"\bgovernor\b", "governor"),
    (r"usgs|geological survey", "usgs"), (r"\bafad\b", "afad"),
    (r"disaster|ndma|ndrrmc|bnpb|emergency management|civil defen[cs]e|rescue", "disaster agency"),
    (r"hospital|medical cent|morgue|mortuary|trauma", "hospital"),
    (r"media|television|\btv\b|news agency", "media"),
    (r"prime minister|chief minister|president|government|cabinet|administration|state|minister", "government"),
    (r"officials?|authorit(?:y|ies)|officers?|spokes(?:man|woman|person)|agency|department|office", "officials"),
]]
#: A sentence that does nothing but attribute what follows: "The ministry said:", "According to police,"
_ONLY_ATTRIBUTES = caseless(re.compile(r"^[^\d]{0,120}(?:said|says|according to[^,]*),?\s*[:—-]?\s*$", re.IGNORECASE))
#: Names that say no one in particular (``audit.vocabulary``, where the rules read them too)
GENERIC = GENERIC_AUTHORITIES


@lru_cache(maxsize=8192)
def canonical_authority(name: str) -> str | None:
    """"the Health Ministry spokesperson" -> "health ministry"; "According to police" -> "police"."""
    for pattern, key in _INSTITUTIONS:
        match = pattern.search(name)
        if match:
            return key.format(*(g.casefold() for g in match.groups())) if "{" in key else key
    return None


_NOT_PERSON = {"he", "she", "they", "it", "we", "i", "this", "that", "the", "a", "an", "reports", "report", "media"}


def _before(text: str, start: int, limit: int) -> str:
    """The words before ``start`` back to a boundary (at most ``_REACH`` characters, not before ``limit``)."""
    window = text[max(limit, start - _REACH):start]
    cut = None
    for cut in _BOUNDARY.finditer(window):
        pass
    return window[cut.end():] if cut else window


def _after(text: str, end: int, limit: int) -> str:
    """The words after ``end`` up to a boundary (at most ``_REACH`` characters, not past ``limit``)."""
    window = text[end:min(limit, end + _REACH)]
    cut = _BOUNDARY.search(window)
    return window[:cut.start()] if cut else window


@lru_cache(maxsize=4096)
def _attributions(text: str, start: int, end: int) -> tuple[tuple[int, str], ...]:
    """Every attribution in ``text[start:end]`` as (offset, canonical name): read once per sentence,
    however many figures it holds, by looking only around its words of attribution."""
    found = []
    for match in _TRIGGER.finditer(text, start, end):
        preposition, verb, possessive = match.groups()
        name = None
        if preposition:
            name = canonical_authority(_after(text, match.end(), end))
        elif possessive:
            name = canonical_authority(_before(text, match.start(), start))
        else:
            before = _before(text, match.start(), start)
            name = canonical_authority(before) or canonical_authority(_after(text, match.end(), end)[:48])
            if name is None and _ONLY_AUXILIARIES.match(before):  # "The head of the Red Crescent, Kais Fhakeri, has confirmed"
                name = canonical_authority(_SENTENCE_STOP.split(text[max(start, match.start() - _REACH):match.start()])[-1])
            if name is None:
                person = _PERSON_BEFORE.search(before)
                if person and person.group(1).split()[0].casefold() not in _NOT_PERSON and \
                        not text[max(0, match.start() - len(before) - 8):match.start() - len(before)].casefold().rstrip().endswith(" of"):
                    name = "person: " + " ".join(person.group(1).split()).casefold()
        if name:
            found.append((match.start(), name))
    return tuple(found)


def _nearest(found, start: int, end: int, near: int) -> str | None:
    inside = [(abs(position - near), name) for position, name in found if start <= position < end]
    return min(inside)[1] if inside else None


@lru_cache(maxsize=1024)
def _only_attributes(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` only attributes what follows (read once per sentence)."""
    return bool(_ONLY_ATTRIBUTES.match(text[start:end].strip()))


_NONE = Reading(None, "default")  # no attribution (made once: a ``Reading`` is immutable)


def read_authority(figure, sentence, previous, text: str) -> Reading:
    """Who gives ``figure``: its clause, else its sentence, else a sentence before that only attributes."""
    found = _attributions(text, figure.sentence[0], figure.sentence[1])
    name = _nearest(found, figure.clause[0], figure.clause[1], figure.start) or \
        _nearest(found, figure.sentence[0], figure.sentence[1], figure.start)
    if name:
        return Reading(name, "clause")
    if previous is not None and previous.end - previous.start < 400 and _only_attributes(text, previous.start, previous.end):
        name = _nearest(_attributions(text, previous.start, previous.end), previous.start, previous.end, previous.end)
        if name:
            return Reading(name, "carried")
    return _NONE
