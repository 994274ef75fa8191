"""Place names in a story: capitalised word runs looked up in the gazetteer.

For the extractor: ``PlaceFinder(gazetteer, country)`` knows the names of the case country's
subdivisions and towns (pycountry, the alias table, GeoNames towns) and of every country, and
``mentions(text, start, end)`` returns each place named in a stretch of text, longest name first
("Davao Region" before "Davao"). Only capitalised runs are looked up, so the scan is linear and
ordinary words never become places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audit.places import Gazetteer, Place, name_key

__all__ = ["Mention", "PlaceFinder"]

#: Capital letters a name may start with: ASCII and the accented Latin capitals ("Şanlıurfa", "Łódź", "Île").
_CAPITALS = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())
_RUN = re.compile(rf"[{_CAPITALS}][\w’'.-]*(?: (?:[{_CAPITALS}][\w’'.-]*|\d{{1,2}}\b))*")
_TAG_BEFORE = re.compile(r"(?:province|region|city|town|municipality|district|state|capital) of (?:the )?$", re.I)
_TAG_AFTER = re.compile(r"^ (?:province|region|city|town|municipality|district|state)\b", re.I)
_MAX_WORDS = 4
#: Capitalised words that may open a run before a place name ("In Kratie", "Elsewhere Kampot").
_LEADING = {"in", "the", "on", "at", "from", "to", "of", "and", "elsewhere", "across", "near", "around", "outside",
            "inside", "throughout", "northern", "southern", "eastern", "western", "central", "both", "while", "but",
            "by", "for", "with", "as", "after", "before", "since", "when", "meanwhile", "also"}


#: Words after a place name that still name the place ("Mandalay Region"), not an institution named after it.
_PLACE_WORDS = {"province", "region", "city", "town", "municipality", "district", "state", "governorate", "county",
                "division", "valley", "prefecture", "oblast", "island", "islands", "peninsula", "zone", "area",
                "metropolitan", "special", "capital", "territory", "village", "villages"}


def _part_of_a_name(word: str) -> bool:
    """Whether a capitalised word after a place name makes the run an institution's name."""
    folded = word.strip(".,;:'’").casefold()
    return bool(folded) and word[:1].isupper() and folded not in _PLACE_WORDS and folded not in _LEADING


@dataclass(frozen=True)
class Mention:
    """A place named in the text: its offsets, the place, and how the text introduces it."""

    start: int
    end: int
    place: Place
    tagged: bool  # "province of Kratie", "Kandal province"
    after_from: bool  # "from Taiwan", "nine from Zamboanga Peninsula"
    seat: bool = False  # "the main office in Manila": where an institution sits ("regional office in X" reports on X)
    text: str = ""  # the name as printed
    dateline: bool = False  # "PHNOM PENH, Cambodia (AP) --": where the story was filed, not where figures are


class PlaceFinder:
    """Finds the places of one case's country (and any country) named in a story."""

    def __init__(self, gazetteer: Gazetteer | None, country: str | None) -> None:
        self.gazetteer = gazetteer or Gazetteer()
        self.country = country
        self._names = self.gazetteer.names_in(country)

    def mentions(self, text: str, start: int, end: int) -> list[Mention]:
        found: list[Mention] = []
        for run in _RUN.finditer(text, start, end):
            words = [(m.start(), m.end()) for m in re.finditer(r"\S+", run.group())]
            index = 0
            while index < len(words):
                for size in range(min(_MAX_WORDS, len(words) - index), 0, -1):
                    s = run.start() + words[index][0]
                    e = run.start() + words[index + size - 1][1]
                    name = re.sub(r"(?:['’]s|[.,'’])$", "", text[s:e])
                    if size == 1 and name.casefold() in _LEADING:
                        continue  # "Of the dead": a word, though a Turkish town is called Of
                    key = name_key(name)
                    place = self._names.get(key)
                    if place is None and "sh" in key:  # "Kahramanmarash", "Shanliurfa": ş written sh
                        place = self._names.get(key.replace("sh", "s"))
                    if place is not None and index + size < len(words) and _part_of_a_name(
                            run.group()[words[index + size][0]:words[index + size][1]]):
                        index += size  # "Gandaki Medical College", "Patan Hospital": an institution, not the place
                        break
                    if place is not None:
                        e = s + len(name)
                        before = text[max(0, s - 30):s]
                        found.append(Mention(
                            s, e, place,
                            tagged=bool(_TAG_BEFORE.search(before) or _TAG_AFTER.match(text[e:e + 16])),
                            after_from=before.casefold().endswith(("from ", "from the ")),
                            seat=before.casefold().endswith(("main office in ", "head office in ", "headquarters in ", "based in ")),
                            text=name, dateline=name.isupper() and len(name) > 3,
                        ))
                        index += size
                        break
                else:
                    if run.group()[words[index][0]:words[index][1]].casefold() not in _LEADING:
                        break  # "Benito Ramos", "Prime Minister Hun Manet": a name that is no place
                    index += 1  # "In Central Luzon", "The Philippines"
        return found
