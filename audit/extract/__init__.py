"""Extraction: an article's text -> claims (claim-file dicts) with the characters they came from.

For the case loader, ``audit extract`` and the scorer. The pipeline, one module per concern:

- ``extent``      which lines of a captured page are the story (not chrome, not other stories)
- ``sentences``   sentences and clauses
- ``numbers``     digits, number words, scales, currencies, percentages; dates, years, ages,
                  durations, ordinals and identifiers are dropped here
- ``qualifiers``  hedges ("more than", "about", "hundreds of") -> rows of ``audit.hedges``
- ``measures``    the counted noun or the verb -> the measure vocabulary
- ``placenames``  places named, through the gazetteer; ``nationalities``: who is counted
- ``periods``     dates and weekdays resolved against the publication date
- ``figures``     one sentence -> figures; ``structure``: wholes and parts across sentences

``extract_article(article)`` returns the claims as the claim file holds them (ids
``<source>-001``...); ``extract_text`` does the same for a bare string.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from collections import Counter
from functools import cache, lru_cache
from decimal import Decimal

import pycountry

from audit.claimfile import claim_entry
from audit.cycles import paused_cycle_collection
from audit.extract.areas import held_areas
from audit.extract.changes import link_changes
from audit.extract.extent import story_lines
from audit.extract.figures import Figure, Sentence, read_sentence
from audit.extract.guard import guarded
from audit.extract.numbers import normalise
from audit.extract.placenames import PlaceFinder
from audit.extract.scope import Reading, Scope, read_scope
from audit.extract.scope.kinds import site_of
from audit.extract.sentences import sentences as split_sentences
from audit.extract.speakers import read_speakers
from audit.extract.lists import link_lists
from audit.extract.statuses import link_statuses
from audit.extract.structure import link
from audit.groups import resolve_group
from audit.hedges import HedgeTable
from audit.vocabulary import MEASURES
from audit.places import Gazetteer, country_names
from audit.sources import Article, claim_id_prefix

__all__ = ["extract_article", "extract_text", "extract_files", "guess_country", "story_place", "claim_interval",
           "claim_rows"]

_PLACE_MEASURES = ("provinces", "cities")
#: Measures of states rather than events: without a period of their own they hold for no particular days.
_TIMELESS = ("sites", "money", "ratio", "other")
_CAPITALISED = re.compile(r"[A-Z][\w.'-]*(?: [A-Z][\w'-]*){0,2}")


def guess_country(text: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The country a story is about: the one named most often in its first lines.

    A country's name or demonym weighs 3, a subdivision 2, a town 1 (town names recur across
    the world); a name in the first 400 characters (headline, dateline) counts twice.
    """
    gazetteer = gazetteer or _default_gazetteer()
    votes: Counter[str] = Counter()
    head = text[:6000]
    for run in _CAPITALISED.finditer(head):
        place = gazetteer.resolve_name(run.group().rstrip(".,")) if len(run.group()) > 3 else None
        if place is not None:
            weight = {"country": 3, "subdivision": 2}.get(place.level, 1)
            votes[place.code.split("-")[0].split("/")[0]] += weight * (2 if run.start() < 400 else 1)
    for word in set(w.strip(".,;:\"'()") for w in head.split() if w[:1].isupper()):
        code = resolve_group(word) if len(word) > 3 else None
        if code and len(code) == 2 and code.isupper():
            votes[code] += 3 * head.count(word)
    return votes.most_common(1)[0][0] if votes else None


def story_place(sentences: list[Sentence], case_country: str) -> str:
    """Where a story's figures are when they name no place of their own: the case's country when the story
    counts people over the country or a region of it ("1,033 injured nationwide", "seven dead in eastern
    Libya"); else the one subdivision the story names, when it names no other (a crush in Seoul, a
    landslide in Wayanad, Kerala; a tower collapse in Bangkok within a case on Myanmar, when Bangkok is
    named more often than Myanmar), else the case's country (a story over several provinces, or on a
    city and the country around it)."""
    spread = _spread_over(case_country)
    if any(spread.search(s.text, s.start, s.end) for s in sentences if _counts_people(s)):
        return case_country  # "1,033 injured nationwide", "seven dead in eastern Libya": not one subdivision's story
    votes: Counter[str] = Counter()
    country_named = 0
    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.site_end:
                continue  # "Gandaki Medical College": a site for its own figures, not the story's place
            if mention.place.level != "country":
                votes[mention.place.subdivision or case_country] += 1
            elif mention.place.code == case_country:
                country_named += 1
        if len(votes) > 1:
            return case_country  # two subdivisions named: the rest of the story cannot change that
    if len(votes) != 1:
        return case_country
    place, count = votes.most_common(1)[0]
    if not place.startswith(case_country + "-") and count <= country_named:
        return case_country  # a story on Myanmar that mentions Bangkok is not about Bangkok
    return place


#: What a story may count nationwide without its event being nationwide: memorial sites, money, shares, places, houses.
_NOT_THE_EVENT = {"sites", "money", "ratio", "provinces", "cities", "houses_damaged", "houses_destroyed", "livestock"}


def _counts_people(sentence: Sentence) -> bool:
    """Whether a sentence counts people or things the event touched (not memorial sites, money or shares)."""
    return any(f.measure and f.measure not in _NOT_THE_EVENT for f in sentence.figures)


_POINTS = r"north|south|east|west|north-?east|north-?west|south-?east|south-?west"
_SPREAD = (r"nationwide|countrywide|(?:across|around|throughout|all over) the (?:country|nation)|"
           rf"the (?:country|nation)['’]s (?:{_POINTS})(?:ern)?\b|"
           r"all \d+ (?:districts|provinces|regions|states|counties)")


@cache
def _spread_over(country: str) -> re.Pattern:
    """Words saying a story's event spreads over its country or a region of it, wider than one subdivision:
    "nationwide", "across the country", "the country's east", "all 77 districts", "across Nepal",
    "northeastern Libya" (a compass word before the country's name: "South Korea" is a name, not a region)."""
    names = {name for code, name in country_names() if code == country}
    record = pycountry.countries.get(alpha_2=country)
    names.update(getattr(record, key) for key in ("name", "common_name") if record is not None and hasattr(record, key))
    named = "|".join(sorted((re.escape(n) for n in names if n), key=len, reverse=True)) or r"(?!)"
    region = rf"(?:(?:{_POINTS})ern|central) (?:{named})\b"  # "northeastern Libya"
    return guarded(re.compile(rf"\b(?:{_SPREAD}|(?:across|throughout) (?:{named})\b|{region})", re.IGNORECASE))


_NATIONWIDE = re.compile(r"\b(?:nationwide|countrywide|national|across the (?:country|nation)|around the country)\b",
                         re.IGNORECASE)
_RESPECTIVELY = re.compile(r",?\s*respectively\b", re.IGNORECASE)


def _respective_places(sentence: Sentence, text: str) -> None:
    """"In A and B, 55 deaths and 2 missing, and 53 deaths and one missing, respectively": the figures
    before "respectively" that all hold the same list of k places fall into k runs split at commas, and
    run i takes place i."""
    match = _RESPECTIVELY.search(text, sentence.start, sentence.end)
    if not match:
        return
    listed = [f for f in sentence.figures if f.end <= match.end() and len(f.place) > 1]
    if not listed or any(f.place != listed[0].place for f in listed):
        return
    places, count = listed[0].place, len(listed)
    if count % len(places):
        return
    size = count // len(places)
    runs = [listed[i:i + size] for i in range(0, count, size)]
    inside = all("," not in text[a.end:b.start] for run in runs for a, b in zip(run, run[1:]))
    between = size == 1 or all("," in text[a[-1].end:b[0].start] for a, b in zip(runs, runs[1:]))
    if inside and between:
        for place, run in zip(places, runs):
            for figure in run:
                figure.place, figure.place_is_own = [place], True


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _admits_a_value(figure: Figure) -> bool:
    if figure.qualifier in ("range", "vague") or figure.value is None:
        return True
    measure = MEASURES.get(figure.measure or "other", MEASURES["other"])
    return _admits(str(figure.value), figure.qualifier, measure.integral)


@lru_cache(maxsize=4096)
def _admits(value: str, qualifier: str, integral: bool) -> bool:
    """Cached by the printed value: "1.0" and "1" are equal Decimals with different half units."""
    low, high = _HEDGES.interval(Decimal(value), qualifier, integral)
    return low is None or high is None or low <= high


def _named_places(figure: Figure, index: int, sentences: list[Sentence], case_country: str | None) -> None:
    """For "at least five provinces, including A, B and C": the places named for the count."""
    def local(mentions):
        return [m for m in mentions if m.place.level != "country" and not m.dateline and (case_country is None or m.place.code.startswith(case_country))]

    same = [m for m in local(sentences[index].mentions) if m.start >= figure.end]
    chosen = same
    if not chosen and index + 1 < len(sentences):
        following = local(sentences[index + 1].mentions)
        chosen = [m for m in following if m.tagged] or following
    figure.named_codes = list(dict.fromkeys(m.place.code for m in chosen))
    figure.named = list(dict.fromkeys(m.text for m in chosen))


def extract_text(text: str, *, source: str = "text", kind: str = "txt", published: dt.date | None = None,
                 case_country: str | None = None, gazetteer: Gazetteer | None = None, body_start: int = 0) -> list[dict]:
    """The claims of one article's text, as claim-file dicts in reading order (text before
    ``body_start`` is a title put in front of the body: its figures are headline claims).
    The text is read with its digits and spaces folded (``numbers.normalise``: same length), and
    each claim quotes the original characters at the same offsets."""
    with paused_cycle_collection():  # audit.cycles: a long article makes tens of thousands of objects
        return _extract_text(text, source=source, kind=kind, published=published, case_country=case_country,
                             gazetteer=gazetteer, body_start=body_start)


def _extract_text(text: str, *, source: str, kind: str, published: dt.date | None, case_country: str | None,
                  gazetteer: Gazetteer | None, body_start: int) -> list[dict]:
    original, text = text, normalise(text)
    gazetteer = gazetteer or _default_gazetteer()
    case_country = case_country or guess_country(text, gazetteer)
    finder = PlaceFinder(gazetteer, case_country)
    sentences: list[Sentence] = []
    for line in story_lines(text, kind, body_start):
        for start, end in split_sentences(text, line.start, line.end):
            sentences.append(read_sentence(text, start, end, line.role, finder, published, case_country))
    respectively = "respectively" in text.casefold()  # the word, sought once per story rather than per sentence
    for sentence in sentences:  # "nearly 0", "fewer than 0": a hedge no count satisfies is no figure
        if sentence.figures:
            sentence.figures = [f for f in sentence.figures if _admits_a_value(f)]
            if respectively:
                _respective_places(sentence, text)
    figures = [f for s in sentences for f in s.figures]
    own_period = {id(f) for f in figures if f.period is not None}  # before linking carries periods between sentences
    own_group = {id(f): tuple(f.group) for f in figures}  # before a part takes its whole's groups
    prefix = claim_id_prefix(source)  # "Phnom Penh Post" -> "Phnom-Penh-Post": ids are ASCII without spaces
    for number, figure in enumerate(figures, start=1):
        figure.id = f"{prefix}-{number:03d}"
    for index, sentence in enumerate(sentences):
        for figure in sentence.figures:
            if figure.measure in _PLACE_MEASURES:
                _named_places(figure, index, sentences, case_country)
                for other in sentence.figures:  # "500 suspects in two provinces": the provinces are theirs
                    broad = not other.place_is_own or all("-" not in code for code in other.place)
                    between = text[other.end:figure.start].strip().casefold()
                    attached = other is not figure and between in ("in", "across", "from")
                    if attached and broad and figure.named_codes:
                        other.place, other.place_is_own = list(figure.named_codes), True
                    elif attached and not figure.named_codes and case_country and (figure.value or 0) > 1:
                        other.place, other.place_is_own = [case_country], True  # "284 people in 10 provinces": several
                        other.place_is_wide = True
    _same_speaker_places(sentences, text)
    _the_city(sentences, text, case_country)
    held_areas(sentences, text, case_country)
    link(sentences, text, case_country)
    link_statuses(sentences, text)
    link_lists(sentences, text)
    scopes = {}
    for index, sentence in enumerate(sentences):
        previous = sentences[index - 1] if index else None
        for figure in sentence.figures:
            scopes[figure.id] = read_scope(figure, sentence, previous, text, published, id(figure) in own_period,
                                          own_group[id(figure)])
    read_speakers(sentences, text, scopes, case_country)
    _events_at_a_site(figures, scopes, text)
    _story_days(figures, scopes)
    _headline_days(figures, scopes)
    _increments_need_a_tally(figures, scopes)
    _parts_measured_by_their_whole(figures, scopes)
    link_changes(sentences, scopes)
    default = story_place(sentences, case_country) if case_country else None
    finer = default if default and default.startswith(f"{case_country}-") else None
    for figure in figures:
        if not figure.place and default:
            figure.place = [default]
        elif finer and figure.place == [case_country] and not figure.place_is_wide and \
                not _NATIONWIDE.search(text, *figure.clause):
            figure.place = [finer]  # "A total of 95", "158 dead in South Korea" in a story on Seoul
            scopes[figure.id] = replace(scopes[figure.id], place=Reading((finer,), "default"))
    return [_claim(f, original, scopes[f.id]) for f in figures]


_SAME_SPEAKER = re.compile(r"\W*(?:He|She|They)\s+(?:also\s+)?(?:said|says|added|adds|told|noted|estimated)\b")


def _same_speaker_places(sentences: list[Sentence], text: str) -> None:
    """"The toll in Derna passed 2,000, the spokesman said. He said there were 5,000 missing": a sentence that
    goes on with the same speaker ("He said", "She added") keeps the place the one before gave its figures,
    when its own figures name none and the sentence before placed all of its figures in one place."""
    for before, sentence in zip(sentences, sentences[1:]):
        if not sentence.figures or not before.figures or not _SAME_SPEAKER.match(text, sentence.start, sentence.end):
            continue
        places = {tuple(f.place) for f in before.figures if f.place_is_own}
        if len(places) == 1 and all(f.place_is_own for f in before.figures):
            for figure in sentence.figures:
                if not figure.place:
                    figure.place, figure.place_is_own = list(next(iter(places))), False


_THE_CITY = re.compile(r"\b(?:in|of|across) the (?:city|town)\b(?![ ]of\b)|\bthe (?:city|town)['’]s\b", re.IGNORECASE)


def _the_city(sentences: list[Sentence], text: str, case_country: str | None) -> None:
    """"Derna's mayor said ... 18,000 could be dead in the city": a figure that names no place but "the city"
    is in the last town or subdivision named in its sentence or the two before (not a dateline or a seat)."""
    for index, sentence in enumerate(sentences):
        for figure in sentence.figures:
            if figure.place or not _THE_CITY.search(text, *figure.clause):
                continue
            for earlier in (sentence, *sentences[max(0, index - 2):index][::-1]):
                named = [m for m in earlier.mentions if m.place.level != "country" and not m.dateline and not m.seat
                         and not m.site_end and m.end <= figure.start
                         and (case_country is None or m.place.code.startswith(case_country))]
                if named:
                    figure.place = [named[-1].place.code]
                    break


def _increments_need_a_tally(figures: list[Figure], scopes: dict) -> None:
    """"A further 10,000 were missing" after a death toll adds to no tally of the missing: a figure
    read as an increment from "a further", "an additional" with no earlier figure of its measure
    in the story is a total ("29 more deaths" says it of itself and stays an increment)."""
    seen: set[str | None] = set()
    for figure in figures:
        scope = scopes[figure.id]
        if scope.kind.value == "increment" and scope.kind.how == "clause" and figure.measure not in seen:
            scopes[figure.id] = replace(scope, kind=Reading("total", "default"))
        seen.add(figure.measure)


def _parts_measured_by_their_whole(figures: list[Figure], scopes: dict) -> None:
    """"210 bodies, including that of 83 women": a part takes its whole's measure in the same sentence,
    read from its clause rather than carried from afar."""
    by_id = {f.id: f for f in figures}
    for figure in figures:
        whole = by_id.get(figure.part_of) if figure.part_of else None
        scope = scopes[figure.id]
        if whole is not None and whole.sentence == figure.sentence and scope.measure.how == "carried" \
                and scopes[whole.id].measure.sure:
            scopes[figure.id] = replace(scope, measure=Reading(scope.measure.value, "clause"))


def _headline_days(figures: list[Figure], scopes: dict) -> None:
    """A headline sums up its story: its figure stands on the latest day the body gives a figure of
    the same measure ("Quake toll rises to 674" over "said on Saturday ... 694"), carried."""
    for figure in figures:
        if figure.role != "headline":
            continue
        days = [scopes[f.id].as_of.value for f in figures
                if f.role == "body" and f.measure == figure.measure and scopes[f.id].as_of.value is not None]
        if days:
            scopes[figure.id] = replace(scopes[figure.id], as_of=Reading(max(days), "carried"))


def _events_at_a_site(figures: list[Figure], scopes: dict, text: str) -> None:
    """"Bombing at market kills 32": when the headline counts what happened at a site, the story is about
    that site, and its counts there are totals, not slices of a wider event (as 50 dead at a monastery
    are of an earthquake's toll)."""
    sites = {site_of(f, text) for f in figures if f.role == "headline" and scopes[f.id].kind.value == "subset"}
    sites.discard(None)
    if not sites:
        return
    for figure in figures:
        scope = scopes[figure.id]
        if scope.kind.value == "subset" and scope.kind.how == "clause" and site_of(figure, text) in sites:
            scopes[figure.id] = replace(scope, kind=Reading("total", "clause"))


def _story_days(figures: list[Figure], scopes: dict) -> None:
    """A story that says its figures stand on an earlier day ("the toll climbed to 17,674, the vice
    president said on Thursday", in Friday's paper) tells the day of its other figures of the same
    measure too: a body figure with no day of its own (read as of the publication date) takes the
    latest day the story states for a total or part of its measure, carried (and the headline, read
    after, the body's latest day)."""
    stated: dict[str | None, dt.date] = {}
    for figure in figures:
        scope = scopes[figure.id]
        if figure.role == "body" and scope.as_of.how != "default" and scope.as_of.value is not None \
                and scope.kind.value in ("total", "part"):  # a projection's day ("could surpass 10,000, USGS said") is not the toll's
            stated[figure.measure] = max(stated.get(figure.measure, scope.as_of.value), scope.as_of.value)
    for figure in figures:
        scope = scopes[figure.id]
        day = stated.get(figure.measure)
        if figure.role == "body" and scope.as_of.how == "default" and day is not None and scope.as_of.value is not None \
                and day < scope.as_of.value:
            scopes[figure.id] = replace(scope, as_of=Reading(day, "carried"))


def _claim(figure: Figure, text: str, scope: Scope) -> dict:
    period = figure.period
    if not period and figure.measure in _TIMELESS and figure.role == "body":
        period = (None, None)  # a state of affairs ("53 compounds", "$19bn a year"), not the case's days
    return claim_entry(
        id=figure.id, text=text[figure.start:figure.end], start=figure.start, end=figure.end,
        qualifier=figure.qualifier, value=_number(figure.value), low=_number(figure.low), high=_number(figure.high),
        vague=figure.vague, measure=figure.measure or "other", unit=figure.unit, place=figure.place or (),
        group=figure.group or (), period=period or None, role=figure.role, part_of=figure.part_of,
        breakdown=figure.breakdown, axis=figure.axis or "", ratio_of=figure.ratio_of, describes=figure.describes, each=figure.each,
        named=figure.named or (), cumulative=figure.cumulative,
        kind=scope.kind.value, as_of=scope.as_of.value, authority=scope.authority.value, read=scope.read(),
    )


_HEDGES = HedgeTable()
_GAZETTEER: list[Gazetteer] = []


def _default_gazetteer() -> Gazetteer:
    if not _GAZETTEER:
        _GAZETTEER.append(Gazetteer())
    return _GAZETTEER[0]


def extract_article(article: Article, *, case_country: str | None = None, gazetteer: Gazetteer | None = None) -> list[dict]:
    """The claims of an article (read by ``audit.sources.read_article``), as claim-file dicts."""
    return extract_text(article.text, source=article.source, kind=article.kind, published=article.published,
                        case_country=case_country, gazetteer=gazetteer, body_start=getattr(article, "body_start", 0))


def claim_interval(claim: dict, hedges=None) -> tuple[Decimal | None, Decimal | None]:
    """The interval a claim-file dict allows, through the hedge table (as the case loader computes it)."""
    from audit.hedges import HedgeTable, vague_interval
    from audit.vocabulary import MEASURES

    if "low" in claim or "high" in claim:
        low, high = claim.get("low"), claim.get("high")
        return (None if low is None else Decimal(str(low))), (None if high is None else Decimal(str(high)))
    if claim.get("qualifier") == "vague":
        return vague_interval(claim["vague"])
    measure = MEASURES.get(claim.get("measure", "other"), MEASURES["other"])
    return (hedges or HedgeTable()).interval(Decimal(str(claim["value"])), claim.get("qualifier", "exact"), measure.integral)


def _plain(value: Decimal | None) -> int | float | None:
    return _number(value) if isinstance(value, Decimal) else value


def claim_rows(claims: list[dict], source: str, hedges=None) -> list[dict]:
    """Claims as flat rows for printing (``audit extract --format json``): the interval computed
    through the hedge table and the period split into ``period_start``/``period_end``."""
    rows = []
    for claim in claims:
        low, high = claim_interval(claim, hedges)
        period = claim.get("period") or [None, None]
        row = {"source": source, "id": claim["id"], "text": claim["text"], "start": claim["start"], "end": claim["end"],
               "value": claim.get("value"), "low": _plain(low), "high": _plain(high), "qualifier": claim.get("qualifier"),
               "measure": claim["measure"], "unit": claim.get("unit"), "place": claim.get("place", []),
               "group": claim.get("group", []), "period_start": period[0], "period_end": period[1],
               "part_of": claim.get("part_of"), "breakdown": claim.get("breakdown"), "role": claim.get("role", "body")}
        for key in ("vague", "each", "named", "ratio_of", "describes", "cumulative", "kind", "as_of", "authority", "read"):
            if key in claim:
                row[key] = claim[key]
        rows.append(row)
    return rows


def extract_files(paths, *, case_country: str | None = None, published: dt.date | None = None):
    """For ``audit extract FILE...``: (claims by source, problems as "file:line: message") for article files.

    ``published`` fills in a missing publication date; a file that cannot be read is a problem,
    not an exception, so the other files are still extracted.
    """
    from pathlib import Path

    from audit.sources import ArticleProblem, read_article

    by_source: dict[str, list[dict]] = {}
    problems: list[str] = []
    for path in paths:
        try:
            article = read_article(Path(path)).with_metadata(published=published)
        except ArticleProblem as problem:
            problems.append(f"{problem.path}{f':{problem.line}' if problem.line else ''}: {problem.message}")
            continue
        if article.published is None:
            problems.append(f"{path}: no publication date: weekdays are not resolved (pass --published YYYY-MM-DD)")
        by_source[article.source] = extract_article(article, case_country=case_country)
    return by_source, problems
