"""Reading the figures of one sentence: number, hedge, counted noun, measure, who, where, when.

For the extractor's pipeline (``audit.extract``): ``read_sentence`` turns one sentence into
``Figure`` objects; ``audit.extract.structure`` then links them across sentences (wholes and
parts, carried measure and period). A figure keeps the offsets of the phrase as printed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from audit.extract.measures import (DEAD_OR_MISSING, DESTROYED, PEOPLE_NOUNS, POPULATION_NOUNS, clause_measure,
                                   has_death_toll, noun_measure)
from audit.extract.nationalities import group_after, group_before_bracket
from audit.groups import resolve_group
from audit.extract.periods import period_in
from audit.extract.guard import caseless, guarded
from audit.extract.placenames import Mention, PlaceFinder
from audit.extract.numbers import ANY_NUMBER
from audit.extract.qualifiers import find_vague, quantities
from audit.extract.sentences import clauses

__all__ = ["Figure", "Sentence", "read_sentence"]

_WORD = re.compile(r"[ \t]*([A-Za-z][\w’'-]*)")
_EACH_FROM = caseless(re.compile(r"\s+each\s+from\s+", re.IGNORECASE))
_FROM = caseless(re.compile(r"\s+(?:[a-z]+\s+)?from\s+(?:the\s+)?", re.IGNORECASE))
_TOTAL = caseless(guarded(re.compile(r"\b(?:total|overall|nationwide|across the country|around the country|in all)\b", re.IGNORECASE)))
_RUNNING = caseless(guarded(re.compile(r"\b(?:toll|total|tally|since|(?:risen|rose|rises|rising|climbed|climbs|surged|surges|jumped|jumps|"
                      r"increased|brought|reached|gone up) to|reached|stands at|stood at)\b", re.IGNORECASE)))
_CREW = guarded(re.compile(r"\b(?:rescue|aid|relief|health|emergency|search|medical|security|humanitarian)\s+"
                           r"(?:workers|personnel|teams|staff|volunteers|officers|crews?)\b", re.IGNORECASE))
_MORE = caseless(re.compile(r"^\s*(?:more|additional|further|new)\b", re.IGNORECASE))
_NOUN_STOP = {"and", "or", "of", "in", "on", "at", "from", "to", "the", "a", "an", "were", "was", "are", "is", "have",
              "has", "had", "who", "which", "that", "while", "with", "by", "for", "as", "each", "but"}


@dataclass
class Figure:
    """One figure as read, before and after linking. Offsets point into the article text."""

    start: int
    end: int
    number_start: int
    number_end: int
    value: Decimal | None
    qualifier: str
    sentence: tuple[int, int]
    clause: tuple[int, int]
    role: str = "body"
    low: Decimal | None = None
    high: Decimal | None = None
    vague: str | None = None
    unit: str | None = None
    measure: str | None = None
    measure_is_own: bool = False  # read from the figure's own noun or verb, not carried
    measure_from_verb: bool = False  # read from the verb of its clause ("killed 36"), not its own noun
    people: bool = False  # counts people without saying what happened to them
    group: list[str] = field(default_factory=list)
    place: list[str] = field(default_factory=list)
    place_is_own: bool = False
    place_is_wide: bool = False  # "in 9 provinces", "in Kathmandu and other cities": more than one subdivision
    each: bool = False
    period: tuple[dt.date, dt.date] | None = None
    total: bool = False  # "the total number", "nationwide"
    additional: bool = False  # "5 more dead": on top of a tally, not inside it
    cumulative: bool = False
    named: list[str] = field(default_factory=list)
    named_codes: list[str] = field(default_factory=list)
    percent: bool = False
    id: str = ""
    part_of: str | None = None
    breakdown: str | None = None
    axis: str | None = None  # names the breakdown when a whole is broken down more than one way ("status")
    ratio_of: str | None = None
    describes: str | None = None


@dataclass
class Sentence:
    start: int
    end: int
    role: str
    period: tuple[dt.date, dt.date] | None
    figures: list[Figure] = field(default_factory=list)
    text: str = field(default="", repr=False)
    finder: PlaceFinder | None = field(default=None, repr=False)
    _mentions: list[Mention] | None = field(default=None, repr=False)

    @property
    def mentions(self) -> list[Mention]:
        """The places named in the sentence (looked up on first use: most sentences without figures never need them)."""
        if self._mentions is None:
            self._mentions = self.finder.mentions(self.text, self.start, self.end) if self.finder else []
        return self._mentions


def _noun(text: str, end: int, limit: int) -> tuple[str | None, int]:
    """The counted noun after a number ("scam compounds" -> compounds) and where it ends."""
    position = end
    for _ in range(3):
        match = _WORD.match(text, position, limit)
        if not match:
            return None, end
        word = match.group(1).casefold()
        if word in _NOUN_STOP:
            return None, end
        if noun_measure(word) or word in PEOPLE_NOUNS:
            return word, match.end()
        following = _WORD.match(text, match.end(), limit)
        if word.endswith("s") and len(word) > 3 and match.group(1).islower() and (
                not following or following.group(1).casefold() in _NOUN_STOP):
            return word, match.end()  # a plain plural noun: "14 premises were", "two bridges and"
        position = match.end()
    return None, end


def _places_from(text: str, position: int, mentions: list[Mention]) -> tuple[list[Mention], int]:
    """The places listed right after "from" at ``position`` ("from Mimaropa and Davao Region")."""
    listed: list[Mention] = []
    cursor = position
    for mention in mentions:
        if mention.start < cursor:
            continue
        gap = text[cursor:mention.start]
        if listed and gap.strip().casefold() not in (",", "and", ", and", "or"):
            break
        if not listed and gap.strip():
            break
        listed.append(mention)
        cursor = mention.end
    return listed, cursor


#: "the number of foreigners killed came to 20": who is counted, named before the number
_NUMBER_OF = caseless(guarded(re.compile(r"\b(?:number|toll|count|tally) of ([A-Za-z][\w-]*)(?:\s+[a-z]+){0,5}\s+(?:came to|rose to|has risen to|"
                                         r"risen to|reached|has reached|stood at|stands at|climbed to|is|was|hit|at)\s*$", re.IGNORECASE)))


def _group_before(text: str, clause_start: int, start: int) -> list[str]:
    """The group "the number of <group> ... came to N" names before the figure, if any."""
    match = _NUMBER_OF.search(text, max(clause_start, start - 80), start)
    token = resolve_group(match.group(1)) if match else None
    return [token] if token else []


def _figures_of(text: str, start: int, end: int) -> list[Figure]:
    figures = [Figure(q.start, q.end, q.number_start, q.number_end, q.value, q.qualifier, (start, end), (start, end),
                      low=q.low, high=q.high, unit=q.unit, percent=q.percent) for q in quantities(text, start, end)]
    for vague_start, vague_end, word in find_vague(text, start, end):
        figures.append(Figure(vague_start, vague_end, vague_start, vague_end, None, "vague", (start, end), (start, end),
                              vague=word))
    figures.sort(key=lambda f: f.number_start)
    return figures


_LIST_GAP = re.compile(r"^[\s,]*(?:[a-z-]+[\s,]+){0,8}$")  # "and the southern city of", ", the capital, and in the"


def _nearest_list(text: str, mentions: list[Mention], figure: Figure, figures: list[Figure]) -> list[Mention]:
    """Of the place lists in a clause ("Phnom Penh and the southern city of Sihanoukville"), the one
    nearest to the figure: "312 held in Kratie, and 27 ... in Pursat" gives each figure its own."""
    lists: list[list[Mention]] = []
    for mention in mentions:
        if lists and _LIST_GAP.match(text[lists[-1][-1].end:mention.start]) and not any(
                lists[-1][-1].end <= f.number_start < mention.start for f in figures):
            lists[-1].append(mention)
        else:
            lists.append([mention])
    if len(lists) <= 1:
        return lists[0] if lists else []

    def distance(group: list[Mention]) -> int:
        if group[-1].end <= figure.number_start:
            return figure.number_start - group[-1].end
        return max(0, group[0].start - figure.end)

    return min(lists, key=distance)


_REGION_OF = r"(?:(?:north|south)(?:-?(?:east|west))?ern|(?:east|west)ern|central)\s+"  # "in northeastern Libya"
_PLACE_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,3}?(?:in|at)\s+(?:the\s+)?(?:(?:[a-z]+\s+)?(?:province|city|town|district|"
                          rf"state|region|country)\s+of\s+|{_REGION_OF})?$")
_PLACE_BEFORE = re.compile(r"\s*(?:,\s*)?(?:[a-z]+\s+){0,3}?(?:with|had|has|recorded|reported|saw|counted|:)\s+"
                           r"(?:[a-z]+\s+){0,2}?$")


_AT_SITE = re.compile(r"\s*(?:(?:is|was|has been)\s+(?:treating|caring for)\s+|treated\s+|had\s+|:\s*)?")
_LISTED = re.compile(r"\s*(?:,|and|, and|or)\s*")


def _own_place(text: str, figure: Figure, mentions: list[Mention], figures: list[Figure]) -> Mention | None:
    """The place a figure names for itself in a list: "1,647 in Hatay, 1,243 in Kahramanmaras" (the place
    right after it, introduced by "in"), "Cao Bang with 19 deaths, followed by Lao Cai with 38" (the place
    right before it, followed by "with"); no other figure may stand in between."""
    for mention in mentions:
        if mention.start >= figure.end and not mention.dateline:  # "seven at Damak Hospital" too
            if _PLACE_AFTER.fullmatch(text, figure.end, mention.start) and not any(
                    figure.end <= f.number_start < mention.start for f in figures):
                return mention
            break
    before = [m for m in mentions if m.end <= figure.start and not m.dateline]
    if before and before[-1].site_end and _AT_SITE.fullmatch(text, before[-1].site_end, figure.start):
        return before[-1]  # "Damak Hospital seven", "Patan Hospital is treating 40"
    before = [m for m in before if not m.site_end]
    listed = len(before) > 1 and _LISTED.fullmatch(text, before[-2].end, before[-1].start)  # "A and B counted 1 and 2"
    if before and not listed and _PLACE_BEFORE.fullmatch(text, before[-1].end, figure.start):
        return before[-1]
    return None


_AND_OTHERS = re.compile(r",? (?:and|as well as) (?:in )?(?:many |several |some |a few |\w+ )?other (?:cities|towns|places|"
                         r"districts|provinces|regions|areas|parts|states|municipalities)\b", re.IGNORECASE)

#: Before a country a figure is in: "in Syria", "in northwestern Syria", "in government-held areas of Syria".
_IN_COUNTRY = re.compile(rf"\b(?:in|into) (?:{_REGION_OF})?$|\b(?:areas|parts|regions|provinces) of (?:{_REGION_OF})?$",
                         re.IGNORECASE)


def _listed_with(text: str, first: Mention, mentions: list[Mention]) -> list[str]:
    """A country and those listed right after it: "Turkey and Syria", "Turkey, Syria and Lebanon"."""
    listed = [first]
    for following in (m for m in mentions if m.place.level == "country" and m.start >= first.end):
        if not _LISTED.fullmatch(text, listed[-1].end, following.start):
            break
        listed.append(following)
    return list(dict.fromkeys(m.place.code for m in listed))


def _countries_in(text: str, start: int, mentions: list[Mention]) -> list[str]:
    """The countries a sentence places its event in: the first country named after "in", with those listed
    beside it ("in Turkey and Syria")."""
    for mention in mentions:
        if mention.place.level == "country" and _IN_COUNTRY.search(text, max(start, mention.start - 40), mention.start):
            return _listed_with(text, mention, mentions)
    return []


def _says_total(text: str, figure: Figure, figures: list[Figure], start: int, end: int) -> bool:
    """Whether "total", "overall", "nationwide" ... near a figure are its words: of the sentence's figures it is
    the nearest to them ("2 protesters died in Itahari, taking the nationwide toll to 19": the toll is the 19)."""
    def distance(f: Figure, match: re.Match) -> int:
        return max(0, f.number_start - match.end(), match.start() - f.end)

    if not _TOTAL.search(text, start, end):
        return False  # most figures: no such word near
    for match in _TOTAL.finditer(text, start, end):
        if min(figures, key=lambda f: distance(f, match)) is figure:
            return True
    return False


def read_sentence(text: str, start: int, end: int, role: str, finder: PlaceFinder,
                  published: dt.date | None, case_country: str | None) -> Sentence:
    """The figures of ``text[start:end]`` with what they count, who, where and when."""
    if not ANY_NUMBER.search(text, start, end):  # no figure: nothing to read now
        return Sentence(start, end, role, None, text=text, finder=finder)
    sentence = Sentence(start, end, role, period_in(text, start, end, published), text=text, finder=finder)
    mentions = sentence.mentions
    spans = clauses(text, start, end)
    consumed: set[int] = set()  # mentions attached to one figure by "from"
    clause_index = 0
    tolls: dict[tuple[int, int], bool] = {}
    found = _figures_of(text, start, end)
    for position, figure in enumerate(found):
        figure.role = role
        while clause_index + 1 < len(spans) and spans[clause_index + 1][0] <= figure.number_start:
            clause_index += 1
        figure.clause = spans[clause_index]
        c_start, c_end = figure.clause
        noun_from = figure.end
        if figure.vague:
            noun_from = figure.end + 3 if text[figure.end:figure.end + 3].casefold() == " of" else figure.end
        noun, noun_end = _noun(text, noun_from, min(end, noun_from + 60))
        group, group_end = group_after(text, noun_from, PEOPLE_NOUNS)
        figure.group = group or _group_before(text, c_start, figure.start) or group_before_bracket(text, figure.start, figure.end)
        figure.end = max(figure.end, noun_end, group_end if group else figure.end)
        if DEAD_OR_MISSING.match(text, figure.end, min(end, figure.end + 48)) or figure.number_end != figure.end and \
                DEAD_OR_MISSING.match(text, figure.number_end, min(end, figure.number_end + 48)):  # "120 dead and missing"
            figure.measure, figure.measure_is_own = "dead_or_missing", True
        elif figure.unit and not figure.percent:
            figure.measure, figure.measure_is_own = "money", True
        elif figure.percent:
            figure.measure, figure.measure_is_own = "ratio", True
        elif noun and noun_measure(noun):
            figure.measure, figure.measure_is_own = noun_measure(noun), True
        elif noun and noun not in PEOPLE_NOUNS and noun not in POPULATION_NOUNS:  # "347 injured protesters": people
            figure.measure, figure.measure_is_own = "other", True  # "hundreds of mobile phones" were seized, not detained
        else:
            figure.people = bool(noun or group)
            others = tuple((f.number_start, f.end) for f in found[position + 1:position + 6])
            if figure.clause not in tolls:
                tolls[figure.clause] = has_death_toll(text, c_start, c_end)
            verb = clause_measure(text, c_start, c_end, figure.number_start, figure.end, others, tolls[figure.clause])
            if verb:
                figure.measure, figure.measure_is_own, figure.measure_from_verb = verb, True, True
            elif noun in POPULATION_NOUNS:  # "4,833 residents" with no verb: a population, not a toll
                figure.measure, figure.measure_is_own = "participants", True
            if noun and _CREW.search(text, figure.number_end, noun_end):  # "16,400 rescue workers": a crew, not the rescued
                figure.measure, figure.measure_is_own, figure.measure_from_verb = "participants", True, False
        if figure.measure == "houses_damaged" and not figure.measure_from_verb and DESTROYED.search(
                text, max(c_start, figure.start - 24), min(c_end, figure.end + 40)):
            figure.measure = "houses_destroyed"
        figure.additional = bool(_MORE.match(text[figure.number_end:figure.number_end + 12]))
        figure.total = _says_total(text, figure, found, max(c_start, figure.start - 160), min(c_end, figure.end + 160))
        figure.cumulative = bool(_RUNNING.search(text, max(c_start, figure.start - 16), min(c_end, figure.end + 40)))
        each = _EACH_FROM.match(text, figure.end, min(end, figure.end + 20))
        origin = each or _FROM.match(text, figure.end, min(end, figure.end + 24))
        if origin:
            listed, _ = _places_from(text, origin.end(), [m for m in mentions if m.place.level != "country"])
            if listed:
                figure.place = [m.place.code for m in listed]
                figure.place_is_own = True
                figure.each = bool(each) and len(listed) > 1
                consumed.update(m.start for m in listed)
                if each:
                    figure.end = listed[-1].end
        sentence.figures.append(figure)
    for figure in sentence.figures:
        figure.period = sentence.period
        if figure.place or figure.measure in ("provinces", "cities"):
            continue
        own = _own_place(text, figure, mentions, sentence.figures)
        if own is not None:  # "1,243 in Kahramanmaras", "Cao Bang with 19 deaths", "21,000 in Turkey and Syria"
            listed = _listed_with(text, own, mentions) if own.place.level == "country" else [own.place.code]
            figure.place, figure.place_is_own = listed, True
            if case_country and _AND_OTHERS.match(text, own.end, min(end, own.end + 60)):
                figure.place, figure.place_is_wide = [case_country], True  # "16 died in Kathmandu and other cities"
            continue
        local = [m for m in mentions if m.place.level != "country" and m.start not in consumed and not m.after_from
                 and not m.dateline and not m.seat and not m.site_end]
        in_clause = [m for m in local if figure.clause[0] <= m.start < figure.clause[1]]
        chosen = _nearest_list(text, in_clause or local, figure, sentence.figures)
        countries = _countries_in(text, start, mentions)
        wider = bool(chosen) and _AND_OTHERS.match(text, chosen[-1].end, min(end, chosen[-1].end + 60))
        if (figure.total or wider) and case_country and not (len(countries) > 1 and case_country in countries):
            figure.place = [case_country]  # a total, or "in Kathmandu and other cities": more than the places named
            figure.place_is_wide = bool(wider)
        elif chosen:
            figure.place = list(dict.fromkeys(m.place.code for m in chosen))
            figure.place_is_own = True
        elif countries:  # "in Turkey and Syria": the combined toll is both countries'
            figure.place = countries
            figure.place_is_own = True
    return sentence
