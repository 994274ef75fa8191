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

from audit.extract.guard import caseless, guarded
from audit.places import Gazetteer, Place, name_key

__all__ = ["Mention", "PlaceFinder"]

#: Capital letters a name may start with: ASCII and the accented Latin capitals ("Şanlıurfa", "Łódź", "Île").
_CAPITALS = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isupper())
_RUN = re.compile(rf"[{_CAPITALS}][\w’'.-]*(?: (?:[{_CAPITALS}][\w’'.-]*|\d{{1,2}}\b))*")
_TAG_BEFORE = caseless(guarded(re.compile(r"(?:province|region|city|town|municipality|district|state|capital) of (?:the )?$", re.I)))
_TAG_AFTER = re.compile(r"^ (?:province|region|city|town|municipality|district|state)\b", re.I)
_MAX_WORDS = 4
_TOKEN = re.compile(r"\S+")
_TRAILING = re.compile(r"(?:['’]s|[.,'’])$")  # "Hatay's", "Hatay.": the name without what follows it


def _without_trailing(name: str) -> str:
    """``_TRAILING.sub("", name)`` without the pattern: a name run holds no line break, so ``$`` is its end."""
    if "\n" in name:
        return _TRAILING.sub("", name)
    if name.endswith(("'s", "’s")):
        return name[:-2]
    return name[:-1] if name.endswith((".", ",", "'", "’")) else name

#: Capitalised words that may open a run before a place name ("In Kratie", "Elsewhere Kampot").
_LEADING = {"in", "the", "on", "at", "from", "to", "of", "and", "elsewhere", "across", "near", "around", "outside",
            "inside", "throughout", "northern", "southern", "eastern", "western", "central", "both", "while", "but",
            "by", "for", "with", "as", "after", "before", "since", "when", "meanwhile", "also"}


#: Words after a place name that still name the place ("Mandalay Region"), not an institution named after it.
_PLACE_WORDS = {"province", "region", "city", "town", "municipality", "district", "state", "governorate", "county",
                "division", "valley", "prefecture", "oblast", "island", "islands", "peninsula", "zone", "area",
                "metropolitan", "special", "capital", "territory", "village", "villages"}


#: Words after a place name that make an institution standing in that place: "Damak Hospital" is in Damak,
#: while "Kathmandu Post" or "Derna University Press" need not be.
_SITE_WORDS = {"hospital", "hospitals", "medical", "clinic", "college", "university", "airport", "prison", "jail",
               "stadium", "teaching"}


def _part_of_a_name(word: str) -> bool:
    """Whether a capitalised word after a place name makes the run an institution's name ("Kathmandu Post",
    "Damak Hospital"), not the place's ("Mandalay Region")."""
    folded = word.strip(".,;:'’").casefold()
    return bool(folded) and word[:1].isupper() and folded not in _PLACE_WORDS and folded not in _LEADING


#: After a place that opens a paragraph, what makes it a dateline: "Bangkok —", "Naypyidaw [Myanmar]:",
#: "Kathmandu, Nepal (AP) --", "Hatay, Feb 7 (Reuters) -".
_DATELINE_AFTER = re.compile(r"(?:,? ?\[[^\]\n]{2,30}\](?:, [A-Z][\w .]{1,30}?)? ?[,:]? ?(?:—|–|--|- |:)(?= ?[A-Z\"“‘])"  # Naypyidaw [Myanmar]:
                             r"|(?:, [A-Z][\w .]{1,30}?)?(?: ?\([A-Za-z]{2,12}\))? ?,? ?(?:—|–|--|- )(?= ?[A-Z\"“‘]))")  # Bangkok —


def _dateline(text: str, start: int, end: int) -> bool:
    """Whether the place at ``text[start:end]`` opens a paragraph as its dateline (where it was filed)."""
    return (start == 0 or text[start - 1] == "\n") and bool(_DATELINE_AFTER.match(text, end, end + 48))


#: Before a place where an institution sits or a statement was made, not where the figures are:
#: "headquarters in X", "told journalists in Ankara", "a news conference in Tripoli".
_SEAT = ("main office in ", "head office in ", "headquarters in ", "based in ", "journalists in ", "reporters in ",
         "conference in ", "briefing in ")


@dataclass(frozen=True)
class Mention:
    """A place named in the text: its offsets, the place, and how the text introduces it."""

    start: int
    end: int
    place: Place
    tagged: bool  # "province of Kratie", "Kandal province"
    after_from: bool  # "from Taiwan", "nine from Zamboanga Peninsula"
    seat: bool = False  # "the main office in Manila", "told reporters in Ankara": where an institution sits or a
    # statement was made ("regional office in X" reports on X)
    text: str = ""  # the name as printed
    site_end: int = 0  # "Damak Hospital": where the name of a site in the place ends (0: the place itself is named)
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
            words = [(m.start(), m.end()) for m in _TOKEN.finditer(run.group())]
            index = 0
            while index < len(words):
                for size in range(min(_MAX_WORDS, len(words) - index), 0, -1):
                    s = run.start() + words[index][0]
                    e = run.start() + words[index + size - 1][1]
                    name = _without_trailing(text[s:e])
                    if size == 1 and name.casefold() in _LEADING:
                        continue  # "Of the dead": a word, though a Turkish town is called Of
                    key = name_key(name)
                    place = self._names.get(key)
                    if place is None and "sh" in key:  # "Kahramanmarash", "Shanliurfa": ş written sh
                        place = self._names.get(key.replace("sh", "s"))
                    site = False
                    if place is not None and index + size < len(words) and _part_of_a_name(
                            run.group()[words[index + size][0]:words[index + size][1]]):
                        following = run.group()[words[index + size][0]:words[index + size][1]]
                        if following.strip(".,;:'’").casefold() not in _SITE_WORDS:
                            index += size  # "Kathmandu Post", "Derna Red Crescent": an institution, not the place
                            break
                        site = True  # "Damak Hospital", "Gandaki Medical College": a site in that place
                        last = index + size
                        while last + 1 < len(words) and run.group()[words[last + 1][0]:words[last + 1][0] + 1].isupper():
                            last += 1
                        site_end = run.start() + words[last][1]
                    if place is not None:
                        e = s + len(name)
                        before = text[max(0, s - 30):s]
                        found.append(Mention(
                            s, e, place,
                            tagged=bool(_TAG_BEFORE.search(before) or _TAG_AFTER.match(text[e:e + 16])),
                            after_from=before.casefold().endswith(("from ", "from the ")),
                            seat=before.casefold().endswith(_SEAT),
                            text=name, site_end=site_end if site else 0, dateline=(name.isupper() and len(name) > 3) or _dateline(text, s, e),
                        ))
                        index += size
                        break
                else:
                    if run.group()[words[index][0]:words[index][1]].casefold() not in _LEADING:
                        break  # "Benito Ramos", "Prime Minister Hun Manet": a name that is no place
                    index += 1  # "In Central Luzon", "The Philippines"
        return found
