"""Linking figures across a story: wholes and parts, carried period, ratios.

For the extractor's pipeline: ``link(sentences, text, case_country)`` works on the figures of a
whole story in reading order and fills ``part_of``/``breakdown`` and ``ratio_of``/``describes``,
and the measure and period a figure takes from its context. The story keeps a running total per
measure (the first total stated, replaced by later country-wide or "total" figures):

- "Of the 60 fatalities, 11 ..., 39 ..." / "Of the dead, 84 ..."  -> parts, exhaustive
- "20 confirmed deaths -- nine from A; seven from B"           -> parts of 20, exhaustive
- "At least 270 Indonesians, including 45 women" / "45 of them" -> part, partial (groups add up:
  the women are [ID, female])
- "the figure includes 20 ..." / sentence-initial "Another 23 ..." -> parts of the running total;
  "3,000 destroyed and another 11,500 damaged" -> a sibling, not a part
- "Those detained included 85 ..., 27 ..." (the whole in another sentence) -> parts of the
  running total, unknown -- partial for a single subset ("among those held were hundreds of
  foreigners") or when the story adds "Other suspects were from ..."
- a later figure of the same measure tied to a place inside the total's ("in Kratie ... 312
  people") -> part of the running total, unknown; "5 more dead" is on top of a tally, no part
- "Of them, 119 were handed over" (a sentence opening "of them", "among those") -> parts of the
  previous sentence's first figure, partial
- "the remaining five" -> part, exhaustive; "11 and eight, respectively" -> the measures listed
"""

from __future__ import annotations

import re

from audit.extract.guard import caseless, guarded
from audit.extract.figures import Figure, Sentence
from audit.extract.measures import clause_measure, noun_measure, verbs_between
from audit.places import ancestors

__all__ = ["link"]

#: What may stand between a whole and its "including": "1,450 people were held, including 120 women".
_LEAD_IN = re.compile(r"^[^\d.;]{0,40}$")
_OF_THE_NOUN = re.compile(r"\W*of the ([a-z]+),", re.IGNORECASE)
_OF_THE = re.compile(r"^\W*of the\s*$", re.IGNORECASE)
_INCLUDE = caseless(guarded(re.compile(r"\b(?:include|includes|included|including|among)\b", re.IGNORECASE)))
_OF_THEM_START = re.compile(r"\W*(?:of|among) (?:them|these|those|whom|the dead|the victims)\b", re.IGNORECASE)
_OF_THEM = re.compile(r"\s+(?:of them|of whom)\b", re.IGNORECASE)
_LIST_BREAK = re.compile(r"\s[-–—]{1,2}\s|:\s")
_REMAINING = re.compile(r"\b(?:the )?remaining\s*$", re.IGNORECASE)
_ANOTHER = re.compile(r"\b(?:another|a further)\s*$", re.IGNORECASE)
_OTHERS = re.compile(r"^\W*(?:other|others|the rest)\b", re.IGNORECASE)
_OTHERS_REACH = 3  # sentences after a list in which "Other suspects were from ..." marks it partial
_RESPECTIVELY = re.compile(r",?\s*respectively", re.IGNORECASE)
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)", re.IGNORECASE)
_THE_FIGURE = re.compile(r"\bthe (?:figure|number|tally|toll)\b", re.IGNORECASE)
#: What happened to people, each its own count: "a further 10,000 were missing" after a death toll stays missing.
_OUTCOMES = {"missing", "injured", "hospitalized", "dead_or_missing", "displaced", "rescued"}
_PEOPLE_MEASURES = {"detained", "deaths", "missing", "injured", "affected_people", "displaced", "deported", "rescued"}


def _within(part: Figure, whole: Figure) -> bool:
    if part.period and whole.period:
        return whole.period[0] <= part.period[0] and part.period[1] <= whole.period[1]
    return True


def _inside(part: Figure, whole: Figure) -> bool:
    """The part's places lie in the whole's (Kratie in Cambodia) and it counts no wider group."""
    wide = set(whole.place) or {code.split("-")[0] for code in part.place}
    places_inside = all(wide & set(ancestors(code)) for code in part.place) and set(part.place) != wide
    return places_inside and set(whole.group) <= set(part.group)


def _fits(part: Figure, whole: Figure) -> bool:
    """A part cannot be larger than the largest its whole can be."""
    top = whole.high if whole.qualifier in ("range", "vague") else (None if whole.qualifier in ("more_than", "at_least") else whole.value)
    own = part.value if part.value is not None else part.low
    return top is None or own is None or own <= top


def link(sentences: list[Sentence], text: str, case_country: str | None) -> None:
    figures = [f for s in sentences for f in s.figures]
    by_id = {f.id: f for f in figures}
    # a count of people with no verb of its own ("about 150,000 people work there") says who, not
    # what happened to them: it takes a measure only as a part of a whole (_attach)
    _respectively(sentences, text)
    mains: dict[str, Figure] = {}  # the story's running total of each measure (arrests, deaths, ...)
    last_whole: Figure | None = None  # the whole the latest part belongs to
    for index, sentence in enumerate(sentences):
        body = [f for f in sentence.figures if f.role == "body"]
        if not body:
            continue  # a sentence without body figures neither gives nor takes a whole (nothing below changes)
        of_the = _OF_THE_NOUN.match(text, sentence.start, sentence.end)
        named = of_the and (noun_measure(of_the.group(1)) or clause_measure(of_the.group(1), 0, len(of_the.group(1)), 0))
        if named in mains and body and body[0].number_start > of_the.end():
            for part in body:  # "Of the dead, 84 were in Mati and the remaining 36 in villages"
                _attach(part, mains[named], "exhaustive")
        if index and _OF_THEM_START.match(text, sentence.start, sentence.end):
            wholes = [f for f in sentences[index - 1].figures if f.role == "body" and f.value is not None]
            if wholes:  # "210 bodies were recovered. Of them, 119 were handed over": a part, not a new total
                for part in body:
                    if part.part_of is None and _fits(part, wholes[0]):
                        _attach(part, wholes[0], "partial")
        for position, figure in enumerate(body):
            before = text[sentence.start:figure.start]
            if position == 0 and _OF_THE.match(before):
                for part in body[1:]:
                    _attach(part, figure, "exhaustive")
                break
            breaker = _LIST_BREAK.search(text, figure.end, sentence.end)
            if breaker and not _LIST_BREAK.search(text, sentence.start, figure.start):
                later = [f for f in body[position + 1:] if f.number_start > breaker.start()]
                if later:
                    for part in later:
                        _attach(part, figure, "exhaustive")
            if figure.part_of:
                continue
            if position > 0 and _OF_THEM.match(text, figure.number_end, figure.number_end + 16):
                _attach(figure, body[position - 1], "partial")  # "at least 270 Indonesians, 45 of them women"
                continue
            including = _INCLUDE.search(text, figure.end, figure.clause[1])
            if including and _LEAD_IN.match(text[figure.end:including.start()]):
                for part in body[position + 1:]:
                    if part.part_of is None and _fits(part, figure) and part.clause == figure.clause:
                        _attach(part, figure, "partial")
        for figure in body:
            if figure.part_of:
                continue
            before = text[figure.clause[0]:figure.start]
            whole = mains.get(figure.measure) if figure.measure else None
            if _ANOTHER.search(before):
                earlier = [f for f in body if f.number_start < figure.number_start]
                if earlier:  # "3,000 houses were destroyed and another 11,500 damaged": a sibling
                    sibling = earlier[-1]
                    if not figure.measure_is_own:
                        figure.measure = sibling.measure
                    if sibling.part_of:
                        _attach(figure, by_id[sibling.part_of], sibling.breakdown)
                    continue
                if last_whole is not None:
                    _attach(figure, last_whole, None)
                    continue
            if _REMAINING.search(before) and last_whole is not None:
                _attach(figure, last_whole, "exhaustive")
                continue
            if whole is None or figure is whole or figure.measure != whole.measure or not _within(figure, whole):
                continue
            if _INCLUDE.search(before) and _fits(figure, whole):
                breakdown = None
                if _THE_FIGURE.search(before) is None:
                    following = sentences[index + 1:index + 1 + _OTHERS_REACH]
                    listed = [f for f in body if f.part_of is None and f.measure == whole.measure]
                    # one subset named ("among those held were hundreds of foreigners") or "Other
                    # suspects were from ..." after the list: partial; a list of several groups
                    # given apart from its whole: a breakdown of unknown extent
                    if len(listed) <= 1 or any(_OTHERS.match(text[f.start:f.end]) for f in following):
                        breakdown = "partial"
                _attach(figure, whole, breakdown or "unknown")
            elif (figure.place_is_own and not figure.additional and not figure.total and _fits(figure, whole)
                  and _inside(figure, whole) and case_country
                  and any(code.startswith(f"{case_country}-") for code in figure.place)):
                _attach(figure, whole, "unknown")
        for figure in body:
            if figure.part_of:
                whole = by_id.get(figure.part_of)
                # "Another 23 ..." after "20 ... -- nine from A, ..." is a sibling of 20, not a part of it
                last_whole = by_id.get(whole.part_of, whole) if whole is not None and whole.part_of else whole
            elif figure.measure in _PEOPLE_MEASURES and figure.value is not None and not figure.additional and (
                    figure.measure not in mains  # the story's first total of this measure, wherever it is
                    # a later figure for no particular place replaces it, unless it counts a group of its own
                    # ("the number of foreigners killed rose to 16" is a slice of the toll, not the toll)
                    or (not figure.place_is_own and not figure.group) or figure.total):
                mains[figure.measure] = figure
                last_whole = figure
    _carry_period(figures)
    for sentence in sentences:  # "raids in 43 locations ... included 429 Vietnamese": one sentence, one period
        stated = next((f.period for f in sentence.figures if f.period is not None and f.role == "body"), None)
        for figure in sentence.figures:
            if figure.period is None and stated is not None:
                figure.period = stated
    _ratios(sentences, text, figures)


def _attach(part: Figure, whole: Figure, breakdown: str | None) -> None:
    part.part_of = whole.id
    part.breakdown = breakdown
    if not part.measure_is_own or part.measure in (None, "other"):
        part.measure = whole.measure
    elif part.people and whole.measure and part.measure not in _OUTCOMES:
        part.measure = whole.measure  # "45 women were detained" among 270 held: the whole's measure
    if part.period is None:
        part.period = whole.period
    if whole.group:  # "45 women" among "270 Indonesians" are Indonesian women: groups are sets
        part.group = list(dict.fromkeys([*whole.group, *part.group]))


def _respectively(sentences: list[Sentence], text: str) -> None:
    """"held, wounded and missing ... 12, 3 and 1, respectively" -> 12 held, 3 wounded, 1 missing:
    the figures listed before "respectively" take, in order, the measures named before them."""
    for sentence in sentences:
        figures = sentence.figures
        for index, figure in enumerate(figures):
            tail = _RESPECTIVELY.match(text, figure.end, min(sentence.end, figure.end + 16))
            if tail is None:
                continue
            listed = [figure]
            for earlier in reversed(figures[:index]):
                if not _LIST_JOIN.fullmatch(text, earlier.end, listed[0].start):
                    break
                listed.insert(0, earlier)
            named = [measure for _, _, measure in verbs_between(text, sentence.start, listed[0].start)]
            if len(listed) < 2 or len(named) != len(listed):
                continue
            for item, measure in zip(listed, named):
                item.measure, item.measure_is_own = measure, True
            figure.end = tail.end()


def _carry_period(figures: list[Figure]) -> None:
    """Counts of the story's measure without a period of their own take the latest one stated (else
    the first); a headline keeps none of its own, so it is read against the case's period."""
    story = next((f.measure for f in figures if f.measure in _PEOPLE_MEASURES), None)
    same = [f for f in figures if f.measure == story and f.role == "body"]
    last = None
    for figure in same:
        if figure.period is not None:
            last = figure.period
        elif last is not None:
            figure.period = last
    first = next((f.period for f in same if f.period is not None), None)
    for figure in same:
        if figure.period is None:
            figure.period = first


def _ratios(sentences: list[Sentence], text: str, figures: list[Figure]) -> None:
    """"less than 1 per cent of ... about 150,000": the share points at the figure it is a share of."""
    main = next((f for f in figures if f.measure in _PEOPLE_MEASURES and f.role == "body" and f.part_of is None), None)
    for sentence in sentences:
        for index, figure in enumerate(sentence.figures):
            if figure.measure != "ratio":
                continue
            base = next((f for f in sentence.figures[index + 1:] if f.measure != "ratio" and f.unit is None), None)
            if base is not None and " of " in text[figure.end:base.start]:
                figure.ratio_of = base.id
                if _THE_FIGURE.search(text, sentence.start, figure.start) and main is not None:
                    figure.describes = main.id
