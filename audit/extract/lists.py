"""A whole, then its count for each named unit in a list: "Hospitals are treating at least 340 of the
injured. City Hospital is treating 100, the Trauma Centre 60, Valley Clinic 90 and Lake Hospital 88."

For the extractor's pipeline (``audit.extract``), after figures are linked. A sentence that is
nothing but a list of at least three items, each a capitalised name and its number ("City
Hospital is treating 100", "Trauma Centre 60"), right after a sentence that ends on a count of
people, breaks that count down by the units it names (hospitals, districts, camps): each number
becomes a part of that whole with the whole's measure (``axis: list``, ``breakdown: unknown``:
the story does not say whether every unit is named). The SUM rules then check the list as far
as a breakdown read by machine allows: a warning when the units add up to more than the whole,
or to nearly all of it but not all.

Nothing else may stand between the items: a list whose numbers carry nouns of their own ("21
protesters, nine inmates and 18 others") is read by the linking of parts (``structure``), and a
sentence of two items is an example, not a list.
"""

from __future__ import annotations

import re

from audit.extract.figures import Figure, Sentence

__all__ = ["link_lists"]

#: an item: a capitalised name (up to six words, "the" allowed), up to four lower-case words (a verb:
#: "is treating", "has"), then the number; items are joined by a comma, "and" or ", and"
_ITEM_HEAD = re.compile(r"(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w.&'’-]*){0,5}"
                        r"(?:\s+[a-z]+){0,4}\s+$")
_JOIN = re.compile(r"\s*(?:,\s*and|,|and)\s+")
_MIN_ITEMS = 3
_PEOPLE = ("injured", "hospitalized", "deaths", "missing", "displaced", "detained", "rescued", "evacuated",
           "affected_people", "dead_or_missing")


def link_lists(sentences: list[Sentence], text: str) -> None:
    """Make the items of a list sentence parts of the count the sentence before it ends on."""
    for index in range(1, len(sentences)):
        sentence = sentences[index]
        items = [f for f in sentence.figures if f.role == "body"]
        if len(items) < _MIN_ITEMS or any(f.part_of or f.measure_is_own for f in items) or not _is_list(items, sentence, text):
            continue
        before = [f for f in sentences[index - 1].figures if f.role == "body"]
        whole = before[-1] if before else None
        if whole is None or whole.measure not in _PEOPLE or whole.part_of or whole.value is None:
            continue
        for item in items:
            item.part_of, item.breakdown, item.axis, item.measure = whole.id, "unknown", "list", whole.measure


def _is_list(items: list[Figure], sentence: Sentence, text: str) -> bool:
    """Every item is a name and its number, and nothing but joins stand between them; the sentence
    ends with the last number."""
    cursor = sentence.start
    for position, item in enumerate(items):
        gap = text[cursor:item.number_start]
        if position:
            join = _JOIN.match(gap)
            if join is None:
                return False
            gap = gap[join.end():]
        if not _ITEM_HEAD.fullmatch(gap) or item.number_end != item.end:
            return False  # "100 patients": the number carries a noun of its own
        cursor = item.end
    return re.fullmatch(r"\s*[.;]?\s*", text[cursor:sentence.end]) is not None
