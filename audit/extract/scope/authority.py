"""Reading who gives a figure (``authority``): "the health ministry", "police", "the Red Crescent".

Rival authorities report different tolls on the same day (an interior ministry's 5,300 against
the Red Crescent's 11,300): that is news, worth a warning that names both, never an error.
The authority is read from attribution in the figure's clause, else its sentence, else the
sentence before when that one only attributes ("The ministry said:"):

- "according to (the) X", "X said/says/reported/confirmed/announced/put/gave/told", "said X",
  "X's figures", "(X)" after the figure, "per X"

where X holds a word of ``_HEADS`` (ministry, police, Red Crescent, UN, WHO, officials, mayor ...),
or a person named as the source ("Choi said 82 ...": ``person: choi``); the nearest to the figure wins.
The name is canonical: lower case, without articles, possessives or people's names
("Health Ministry spokesperson Prakash Budhathoki" -> "health ministry"). No attribution:
``None`` (the outlet's own figure), read ``default``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from audit.extract.scope import Reading

__all__ = ["read_authority", "canonical_authority", "generic", "GENERIC"]

_HEADS = (
    r"ministry|minister|ministers|police|authorities|authority|government|junta|military|army|"
    r"red crescent|red cross|united nations|un|who|organi[sz]ation|ocha|unicef|world health organization|agency|department|"
    r"office|officials?|spokes(?:man|woman|person)|mayor|governor|chief|administration|council|"
    r"commission|committee|headquarters|service|services|media|state media|television|tv|usgs|"
    r"afad|ndma|ndrrmc|bnpb|collector|secretary|president|prime minister|hospital|morgue|center|centre|"
    r"interior|health|disaster management|fire|rescue|civil defen[cs]e|volunteers|observatory|group|monitor"
)
_NAME = r"((?:the\s+)?(?:[A-Z][\w'’.-]*\s+|of\s+|for\s+|and\s+|&\s+){0,6}(?:" + _HEADS + r")\b(?:\s+(?:of|for)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?)"
_VERBS = r"(?:said|says|say|reported|reports|confirmed|confirms|announced|announces|put|puts|gave|gives|told|stated|tallied|recorded|counted|estimated|estimates|updated|released)"
_PATTERNS = [
    re.compile(r"\baccording to\s+" + _NAME, re.IGNORECASE),
    re.compile(r"\bper\s+" + _NAME, re.IGNORECASE),
    re.compile(r"\bcited\s+" + _NAME, re.IGNORECASE),
    re.compile(_NAME + r"(?:'s|’s)?(?:\s+[A-Z][\w'’.-]*){0,3}\s*,?\s+(?:has\s+|have\s+|had\s+)?" + _VERBS + r"\b", re.IGNORECASE),
    re.compile(r"\b" + _VERBS + r"\s+" + _NAME, re.IGNORECASE),
    re.compile(_NAME + r"(?:'s|’s)\s+(?:figures?|tally|count|data|toll|statement|report)", re.IGNORECASE),
]
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
_ONLY_ATTRIBUTES = re.compile(r"^[^\d]{0,120}(?:said|says|according to[^,]*),?\s*[:—-]?\s*$", re.IGNORECASE)
#: Names that say no one in particular: two such, or one and a named body, are not rivals.
GENERIC = ("officials", "government")


def canonical_authority(name: str) -> str | None:
    """"the Health Ministry spokesperson" -> "health ministry"; "According to police" -> "police"."""
    for pattern, key in _INSTITUTIONS:
        match = pattern.search(name)
        if match:
            return key.format(*(g.casefold() for g in match.groups())) if "{" in key else key
    return None


#: "Choi said 82 people were injured": a person named as the source, when no institution is.
_PERSON = re.compile(r"\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})\s*,?\s+(?:said|says|told|added|stated)\b")
_NOT_PERSON = {"he", "she", "they", "it", "we", "i", "this", "that", "the", "a", "an", "reports", "report", "media"}


@lru_cache(maxsize=4096)
def _attributions(text: str, start: int, end: int) -> tuple[tuple[int, str], ...]:
    """Every attribution in ``text[start:end]`` as (offset, canonical name): read once per sentence,
    however many figures it holds (a sentence of a thousand figures stays linear)."""
    found = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            name = canonical_authority(match.group(1))
            if name:
                found.append((match.start(), name))
    for match in _PERSON.finditer(text, start, end):
        words = match.group(1).split()
        if words[0].casefold() in _NOT_PERSON or canonical_authority(match.group(1)) or \
                text[max(0, match.start() - 8):match.start()].casefold().rstrip().endswith((" of", " of the")):
            continue  # a pronoun, an institution the patterns above read, or part of one ("Ministry of Interior")
        found.append((match.start(), "person: " + " ".join(words).casefold()))
    return tuple(sorted(found))


def _nearest(found, start: int, end: int, near: int) -> str | None:
    inside = [(abs(position - near), name) for position, name in found if start <= position < end]
    return min(inside)[1] if inside else None


def read_authority(figure, sentence, previous, text: str) -> Reading:
    """Who gives ``figure``: its clause, else its sentence, else a sentence before that only attributes."""
    found = _attributions(text, figure.sentence[0], figure.sentence[1])
    name = _nearest(found, figure.clause[0], figure.clause[1], figure.start) or \
        _nearest(found, figure.sentence[0], figure.sentence[1], figure.start)
    if name:
        return Reading(name, "clause")
    if previous is not None and previous.end - previous.start < 400 and \
            _ONLY_ATTRIBUTES.match(text[previous.start:previous.end].strip()):
        name = _nearest(_attributions(text, previous.start, previous.end), previous.start, previous.end, previous.end)
        if name:
            return Reading(name, "carried")
    return Reading(None, "default")


def generic(name: str | None) -> bool:
    """Whether an authority names no one in particular ("officials", "the government")."""
    return name is None or name in GENERIC
