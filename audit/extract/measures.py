"""What a figure counts: the noun after the number, else the verb of its clause -> a measure.

For the extractor: ``noun_measure`` maps the counted noun ("fatalities", "compounds",
"families") and ``clause_measure`` the nearest verb ("arrested", "drowned", "affected") onto the
names of ``audit.vocabulary.MEASURES``. People nouns ("people", "suspects", "Vietnamese") say
*who* but not *what*, so they defer to the verb or to the measure carried from earlier sentences.
"""

from __future__ import annotations

import re

from audit.extract.guard import caseless, guarded
from audit.vocabulary import MEASURES

__all__ = ["noun_measure", "clause_measure", "verbs_between", "has_death_toll", "PEOPLE_NOUNS", "POPULATION_NOUNS",
           "DEAD_OR_MISSING", "DESTROYED"]

PEOPLE_NOUNS = {
    "people", "persons", "person", "suspects", "suspect", "individuals", "nationals", "foreigners", "foreigner",
    "others", "workers", "victims", "residents", "women", "men", "children", "girls", "boys", "adults", "minors",
    "migrants", "refugees", "passengers", "students", "patients", "citizens", "civilians", "employees",
}
_NOUNS: dict[str, str] = {
    "arrests": "detained", "detainees": "detained", "fatalities": "deaths", "deaths": "deaths", "dead": "deaths",
    "bodies": "deaths", "casualties": "deaths", "lives": "deaths", "death": "deaths",
    "families": "affected_families", "households": "affected_families", "houses": "houses_damaged",
    "homes": "houses_damaged", "prosecutions": "prosecutions", "charges": "prosecutions",
    "compounds": "sites", "locations": "sites", "operations": "sites", "centres": "sites", "centers": "sites",
    "sites": "sites", "raids": "sites", "provinces": "provinces", "regions": "provinces", "states": "provinces",
    "cities": "cities", "towns": "cities", "municipalities": "cities", "villages": "cities",
    "evacuees": "displaced", "injuries": "injured", "deportees": "deported",
    "buildings": "houses_damaged", "structures": "houses_damaged", "survivors": "survivors",
    "livestock": "livestock", "cattle": "livestock", "cows": "livestock", "goats": "livestock", "sheep": "livestock",
    "poultry": "livestock", "chickens": "livestock", "buffaloes": "livestock", "pigs": "livestock",
    "animals": "livestock", "birds": "livestock",
    "personnel": "participants", "rescuers": "participants", "volunteers": "participants", "troops": "participants",
    "soldiers": "participants", "firefighters": "participants", "responders": "participants",
    "pilgrims": "participants", "inhabitants": "participants", "population": "participants",
    "spectators": "participants", "attendees": "participants", "participants": "participants",
}
#: People counted as a population when no verb says what happened to them ("4,833 residents").
POPULATION_NOUNS = {"residents", "workers", "protesters", "demonstrators", "worshippers", "students", "tourists"}
#: "146 dead and missing": a combined toll, right after the number.
DEAD_OR_MISSING = caseless(re.compile(r"\s*(?:people\s+|persons\s+)?(?:are\s+|were\s+|remain\s+)?(?:dead|killed|died)\s+(?:or|and)\s+"
                                      r"(?:are\s+|were\s+|remain\s+|still\s+)*missing\b", re.IGNORECASE))
#: Houses or buildings "destroyed", "collapsed", "flattened" are destroyed; otherwise damaged.
DESTROYED = re.compile(r"\b(?:destroyed|collapsed|flattened|razed|levelled|leveled|toppled|washed away)\b", re.IGNORECASE)
_VERBS: dict[str, str] = {}
for _name in ("detained", "deaths", "missing", "injured", "affected_people", "displaced", "deported", "rescued",
              "prosecutions", "hospitalized"):
    for _word in MEASURES[_name].words:
        _VERBS[_word] = _name
_VERBS.update({
    "arrest": "detained", "arresting": "detained", "nabbing": "detained", "detaining": "detained",
    "perished": "deaths", "toll": "deaths", "drowning": "deaths", "affecting": "affected_people",
    "death toll": "deaths", "suspects": "detained", "detains": "detained", "arrests": "detained", "nabs": "detained",
    "displace": "displaced", "evacuate": "displaced", "fled": "displaced", "their homes": "displaced",
    "homeless": "displaced", "apprehends": "detained", "detain": "detained", "nab": "detained", "kill": "deaths", "injure": "injured",
    "deport": "deported", "rescue": "rescued", "kills": "deaths", "dies": "deaths", "injures": "injured", "displaces": "displaced",
    "deports": "deported", "rescues": "rescued", "frees": "rescued", "evacuates": "displaced",
    "unaccounted": "missing", "hospitalised": "hospitalized", "hospitalized": "hospitalized",
    "admitted": "hospitalized", "in hospital": "hospitalized",
    "damaged": "houses_damaged", "destroyed": "houses_destroyed", "collapsed": "houses_destroyed",
    "flattened": "houses_destroyed",
})
_VERBS.pop("families", None)
_LETTERS = re.compile(r"[A-Za-z]+")


def verbs_between(text: str, start: int, end: int):
    """(start, end, measure) for each verb of ``_VERBS`` in ``text[start:end]``: one word-by-word pass."""
    words = [(m.start(), m.end(), m.group().casefold()) for m in _LETTERS.finditer(text, start, end)]
    for index, (s, e, word) in enumerate(words):
        if index + 1 < len(words):
            pair = f"{word} {words[index + 1][2]}"
            if pair in _VERBS:
                yield s, words[index + 1][1], _VERBS[pair]
                continue
        if word in _VERBS and not (s and text[s - 1] == "-"):  # "rebel-held", "flood-hit": a compound, no verb
            yield s, e, _VERBS[word]


def noun_measure(noun: str) -> str | None:
    """The measure a counted noun names ("fatalities" -> deaths), or None for people and unknown nouns."""
    return _NOUNS.get(noun.casefold())


_PASSIVE = re.compile(r"[ ,]*(?:were|was|are|is|being|been|have been|had been|got|who were)?[ ]*(?:also |still |all )?"
                      r"(?:reported |reportedly |left |said to be |feared |believed )?(\w+)", re.IGNORECASE)
_OBJECT_GAP = caseless(re.compile(
    r"^\s*(?:(?:at|least|more|than|over|about|some|nearly|almost|around|up|to|an|a|estimated|another|further|the|"
    r"roughly|approximately|no|fewer|less|as|many|just|under|close|of)\s+){0,4}$", re.IGNORECASE))
_DEATH_TOLL = guarded(re.compile(r"\bdeath toll\b", re.IGNORECASE))


#: How far from a figure a verb is looked for: keeps the work per figure constant.
REACH = 160


def clause_measure(text: str, start: int, end: int, at: int, after: int | None = None,
                   skip: tuple[tuple[int, int], ...] = (), toll: bool | None = None) -> str | None:
    """The measure of the verb in ``text[start:end]`` nearest to a figure at ``at`` (ending at ``after``).

    A verb right after the figure ("2,322 foreigners being deported") wins; "death toll" in the
    clause names the measure of the figure it rose to (``toll`` passes that answer in when the
    caller has it); words inside ``skip`` (other figures' nouns) are not verbs of this figure.
    Verbs further than ``REACH`` characters away are not looked at.
    """
    after = at if after is None else after
    for verb_start, verb_end, measure in verbs_between(text, max(start, at - 48), at):
        if _OBJECT_GAP.match(text[verb_end:at]):  # "killed at least 120 people": the verb governs the figure
            return measure
    following = _PASSIVE.match(text, after, min(end, after + 40))
    if following and following.group(1).casefold() in _VERBS:
        return _VERBS[following.group(1).casefold()]
    if toll if toll is not None else _DEATH_TOLL.search(text, start, end):
        return "deaths"
    best, distance = None, None
    for verb_start, verb_end, measure in verbs_between(text, max(start, at - REACH), min(end, after + REACH)):
        if any(s <= verb_start < e for s, e in skip):
            continue
        d = verb_start - after if verb_start >= after else at - verb_end
        if distance is None or d < distance:
            best, distance = measure, d
    return best


def has_death_toll(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` speaks of a death toll (its figures count deaths)."""
    return bool(_DEATH_TOLL.search(text, start, end))
