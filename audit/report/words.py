"""Plain words for codes, so a reader of a report needs no key: places, groups and measures.

``KH-1`` -> "Banteay Meanchey" (the press's name from the alias table, else ISO 3166's),
``KH-1/Poipet`` -> "Poipet", ``ID`` as a group -> "Indonesians", ``female`` -> "women",
``houses_damaged`` -> "houses or buildings damaged" (the measure vocabulary's own description).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from audit.places import HELD_AREA

__all__ = ["place_name", "places", "group_name", "groups", "measure_words", "scope"]

_GROUP_WORDS = {"female": "women", "male": "men", "child": "children", "adult": "adults", "foreign": "foreign nationals"}


@cache
def _gazetteer():
    from audit.places import Gazetteer

    return Gazetteer()


def place_name(code: str) -> str:
    held = HELD_AREA.match(code)
    if held:  # an area one side holds: "SY/government-held areas"
        return f"{held.group(2)} of {place_name(held.group(1))}"
    if "/" in code:  # a town filed under its subdivision: "KH-1/Poipet"
        return code.split("/", 1)[1]
    gazetteer = _gazetteer()
    named = gazetteer.press_name(code)
    if named:
        return named
    place = gazetteer.resolve(code)
    return place.name.split(" (")[0] if place else code


def places(codes: Iterable[str]) -> str:
    return ", ".join(place_name(c) for c in codes)


@cache
def _demonyms() -> dict[str, str]:
    """Code -> the first demonym the group tables give it (the hand table first, then every country's)."""
    from audit.groups import demonym_table

    first: dict[str, str] = {}
    for name, code in demonym_table().items():
        first.setdefault(code, name)
    return first


def group_name(token: str) -> str:
    if token in _GROUP_WORDS:
        return _GROUP_WORDS[token]
    demonym = _demonyms().get(token)
    if demonym:
        return demonym if demonym.endswith(("ese", "ss", "sh", "ch")) else demonym + "s"
    return f"people of {place_name(token)}" if len(token) == 2 else token


def groups(tokens: Iterable[str]) -> str:
    """``[ID, female]`` -> "Indonesians, women"."""
    return ", ".join(group_name(t) for t in tokens)


def measure_words(measure: str | None) -> str:
    from audit.vocabulary import MEASURES

    if measure is None:
        return "figures"
    known = MEASURES.get(measure)
    return known.description if known else measure.replace("_", " ")


def scope(measure: str | None, place: Iterable[str] = (), group: Iterable[str] = ()) -> str:
    """"people killed or dead in Punjab, women" -- what a figure counts, in words."""
    text = measure_words(measure)
    place, group = tuple(place), tuple(group)
    if place:
        text += f" in {places(place)}"
    if group:
        text += f" ({groups(group)})"
    return text
