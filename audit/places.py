"""The gazetteer: place names and codes -> ISO 3166 places with their hierarchy.

Countries (ISO 3166-1 alpha-2) and subdivisions (ISO 3166-2) come from pycountry, with the
English names the ``iso3166-2`` package records beside the local ones ("Seoul" for
Seoul-teukbyeolsi, "Bangkok" for Krung Thep Maha Nakhon, "Derna" for Darnah); the spellings the
press uses come from the alias table ``audit/data/places.yaml`` (extended per case under
``places:`` in case.yaml). A town is coded as its subdivision plus its name, ``KH-1/Poipet``, so
that containment is a prefix: ``KH-1/Poipet`` lies in ``KH-1`` which lies in ``KH``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from collections.abc import Callable, Iterable, Iterator, Mapping

import pycountry
import yaml

from audit.errors import AuditError, did_you_mean

__all__ = ["Place", "Gazetteer", "HELD_AREA", "ancestors", "level_of", "name_key"]


@dataclass(frozen=True)
class Place:
    code: str  # KH, KH-1, KH-1/Poipet
    name: str
    level: str  # country | subdivision | town | area (the part of a country one side holds)

    @property
    def subdivision(self) -> str | None:
        """The ISO 3166-2 code a town or subdivision lies in (None for a country)."""
        return None if self.level == "country" else self.code.split("/")[0]


#: a held area's code: its country's (or subdivision's) code, "/", who holds it ("SY/government-held areas")
HELD_AREA = re.compile(r"^([^/]+)/([a-z]+-held areas)$")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """How names are compared: accents, case, hyphens and full stops folded away ("Adıyaman" is "adiyaman")."""
    folded = unicodedata.normalize("NFKD", name.replace("ı", "i")).encode("ascii", "ignore").decode()
    return " ".join(folded.casefold().replace("-", " ").replace(".", "").split())


def level_of(code: str) -> str:
    if "/" in code:
        return "town"
    return "subdivision" if "-" in code else "country"


@cache
def _subdivision_parents() -> dict[str, str]:
    return {s.code: (s.parent_code or s.country_code) for s in pycountry.subdivisions}


def ancestors(code: str) -> list[str]:
    """The code itself and every place that contains it, innermost first: KH-1/Poipet, KH-1, KH."""
    chain = [code]
    if "/" in code:
        code = code.split("/")[0]
        chain.append(code)
    parents = _subdivision_parents()
    while code in parents:
        code = parents[code]
        chain.append(code)
    return chain


@cache
def _towns() -> dict[str, dict[str, list[str]]]:
    """GeoNames towns of 15,000+ people by country and ISO subdivision (built by ``audit.places_geonames``)."""
    path = resources.files("audit").joinpath("data/towns.json")
    return json.loads(path.read_text("utf-8")) if path.is_file() else {}


#: English names iso3166-2 records that are nicknames or ordinary words, not names a story prints for the place.
_NOT_NAMES = {"settlement", "missions", "belle", "blighty", "central", "capital", "northern", "southern", "eastern",
              "western", "north", "south", "east", "west", "centre", "center", "coast", "islands", "highlands",
              "lakes", "upper", "lower", "greater", "middle", "interior", "southeastern", "northeastern", "southeast",
              "northeast", "southwest", "northwest", "centrale", "nord", "sud", "est", "ouest", "norte", "sur",
              "southwestern", "northwestern", "littoral", "plateau", "valley", "mountain", "delta", "coastal"}


@cache
def _english_names() -> tuple[tuple[str, str], ...]:
    """(ISO 3166-2 code, English name) pairs from the ``iso3166-2`` package's ``localOtherName`` ("... (eng)"),
    without nicknames ("The Garden State") or ordinary words ("Settlement")."""
    from iso3166_2 import Subdivisions

    subdivisions = Subdivisions()
    towns = {name_key(t) for divisions in _towns().values() for names in divisions.values() for t in names}
    pairs = []
    for country in subdivisions.all:
        for code, record in subdivisions[country].items():
            for name in re.findall(r"([^,(]+?) \(eng\)", record.get("localOtherName") or ""):
                name = name.strip()
                words = name.split()
                if len(name) < 4 or words[0] == "The" or name_key(name).replace(" ", "") in _NOT_NAMES or \
                        any(not w[:1].isupper() and w not in ("and", "of", "de", "del", "al", "el") for w in words):
                    continue
                if len(words) == 1 and name_key(name)[:1] != name_key(record["name"])[:1] and name_key(name) not in towns:
                    continue  # "White" for Alba: a translation, not a name; "Bangkok" is a town's name too
                pairs.append((code, name))
    return tuple(pairs)


@cache
def country_names() -> tuple[tuple[str, str], ...]:
    """(alpha-2 code, English name) from the ``countryinfo`` package: the names the press prints ("Turkey",
    "Russia", "Ivory Coast", "Burma") beside pycountry's official ones; Latin-script spellings only."""
    from countryinfo import all_countries

    pairs = []
    for country in all_countries():
        info = country.info()
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        for name in [info.get("name"), *(info.get("altSpellings") or [])]:
            if name and len(name) > 3 and name.isascii() and not name.isupper():
                pairs.append((code, name))
    return tuple(pairs)


@cache
def _default_aliases() -> dict:
    return yaml.safe_load(resources.files("audit").joinpath("data/places.yaml").read_text("utf-8"))


@cache
def _base_codes() -> dict[str, Place]:
    """Code -> place for every country, ISO subdivision and GeoNames town: quick to build, and all a claim
    file needs (it names places by code); the names (``_base_tables``) are built only when asked for."""
    codes: dict[str, Place] = {}
    for country in pycountry.countries:
        codes[country.alpha_2] = Place(country.alpha_2, getattr(country, "common_name", country.name), "country")
    for sub in pycountry.subdivisions:
        codes[sub.code] = Place(sub.code, sub.name, "subdivision")
    for divisions in _towns().values():
        for code, towns in divisions.items():
            if code not in codes:
                continue
            for name in towns:
                codes.setdefault(f"{code}/{name}", Place(f"{code}/{name}", name, "town"))
    return codes


@cache
def _base_tables() -> tuple[dict[str, Place], dict[str, Place], list[tuple[str, Place]], list[tuple[str, Place]]]:
    """Folded name -> place, code -> place, and the subdivision and town names, for every country (pycountry,
    countryinfo's English names), ISO subdivision (with iso3166-2's English names) and GeoNames town:
    built once per process, on first use (tens of thousands of names, a second with iso3166-2's)."""
    names: dict[str, Place] = {}
    codes = _base_codes()
    for country in pycountry.countries:
        place = codes[country.alpha_2]
        for name in {country.name, place.name, getattr(country, "official_name", country.name)}:
            names.setdefault(name_key(name), place)
    for code, name in country_names():
        if code in codes:
            names.setdefault(name_key(name), codes[code])
    for sub in pycountry.subdivisions:
        place = codes[sub.code]
        names.setdefault(name_key(sub.name), place)
        names.setdefault(name_key(sub.name.split(" (")[0]), place)
    for code, name in _english_names():
        if code in codes:
            names.setdefault(name_key(name), codes[code])
    subdivision_names = [
        *((name_key(s.name), codes[s.code]) for s in pycountry.subdivisions),
        *((name_key(s.name.split(" (")[0]), codes[s.code]) for s in pycountry.subdivisions if " (" in s.name),
        *((name_key(name), codes[code]) for code, name in _english_names() if code in codes),
    ]
    town_names: list[tuple[str, Place]] = []
    for country, divisions in _towns().items():  # GeoNames towns; names already known keep their place
        for code, towns in divisions.items():
            if code not in codes:
                continue
            for name in towns:
                town = codes[f"{code}/{name}"]
                names.setdefault(name_key(name), town)
                town_names.append((name_key(name), town))
    arabic = _arabic_speaking()
    for country, divisions in _towns().items():  # then "Bayda" for Al Bayḑā’, where no other place has the name
        for code, towns in divisions.items() if country in arabic else ():
            for name in towns:
                short = without_article(name)
                if short and f"{code}/{name}" in codes:
                    names.setdefault(name_key(short), codes[f"{code}/{name}"])
                    town_names.append((name_key(short), codes[f"{code}/{name}"]))
    return names, codes, subdivision_names, town_names


@cache
def _arabic_speaking() -> frozenset[str]:
    """Countries with Arabic among their languages (``countryinfo``): where a town's name may carry the article."""
    from countryinfo import all_countries

    return frozenset((info.get("ISO") or {}).get("alpha2") for info in (c.info() for c in all_countries())
                     if "ar" in (info.get("languages") or []))


#: The Arabic article as GeoNames transliterates it, assimilated or not ("Al Bayḑā’", "Az Zāwīyah", "El Marj").
_ARTICLE = re.compile(r"^(?:[AaEe][ln]|A[dnrstz]|Ash|Adh|Ath)[ -](?=\w)")


def without_article(name: str) -> str | None:
    """A town's name as the English-language press often prints it, without the Arabic article: "Bayda" for
    "Al Bayḑā’", "Marj" for "Al Marj"; None when the name has no article or what is left is too short to be a name."""
    match = _ARTICLE.match(name)
    if not match:
        return None
    rest = name[match.end():]
    return rest if len(name_key(rest)) >= 4 and rest[:1].isupper() else None


class _Layers:
    """Mappings read as one, each over those after it (``{**last, ..., **first}``), without copying them: a
    case's own places over the shared tables of tens of thousands. ``base`` builds the bottom layer on
    first need, so a lookup the layers above answer never builds it."""

    __slots__ = ("_layers", "_base")

    def __init__(self, *layers: dict[str, Place], base: Callable[[], dict[str, Place]] | None = None) -> None:
        self._layers, self._base = layers, base

    def get(self, key: str, default: Place | None = None) -> Place | None:
        for layer in self._layers:
            place = layer.get(key)
            if place is not None:
                return place
        return self._base().get(key, default) if self._base is not None else default

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def merged(self) -> dict[str, Place]:
        """One dict, as if each layer had been written over a copy of those below it (order included)."""
        merged = dict(self._base()) if self._base is not None else {}
        for layer in reversed(self._layers):
            merged.update(layer)
        return merged

    def __iter__(self) -> Iterator[str]:
        return iter(self.merged())


def _add_places(where: str, table: object, codes: _Layers, own_codes: dict[str, Place], names: dict[str, Place],
                spellings: set[str], press_names: dict[str, str], shared_press: Mapping[str, str]) -> None:
    """The spellings of an alias table (``audit/data/places.yaml``, a case's ``places:``) added to the layers
    ``own_codes`` (of ``codes``) and ``names``, with the press's names of subdivisions the shared table lacks."""
    if not isinstance(table, Mapping):
        raise AuditError(f"{where}: must map a country to its 'subdivisions' and 'towns', got {table!r}")
    for country, sections in table.items():
        if not isinstance(sections, Mapping):
            raise AuditError(f"{where}: {country}: needs 'subdivisions:' and/or 'towns:' mappings")
        for section in ("subdivisions", "towns"):
            for name, code in (sections.get(section) or {}).items():
                if str(code) not in codes or level_of(str(code)) != "subdivision":
                    raise AuditError(
                        f"{where}: {country}.{section}.{name}: {code!r} is not an ISO 3166-2 subdivision"
                        f"{did_you_mean(str(code), [c for c in codes if c.startswith(str(country))])}"
                    )
        for name, code in (sections.get("subdivisions") or {}).items():
            names[name_key(name)] = codes.get(code)
            spellings.add(name)
            if code not in shared_press:
                press_names.setdefault(code, name)
        for name, code in (sections.get("towns") or {}).items():
            town = Place(f"{code}/{name}", name, "town")
            own_codes[town.code] = town
            names[name_key(name)] = town
            spellings.add(name)


@cache
def _defaults() -> tuple[dict[str, Place], dict[str, Place], frozenset[str], dict[str, str]]:
    """The codes, names, spellings and press names ``audit/data/places.yaml`` adds to the shared tables:
    once per process (adding them for every case cost more than reading its claims)."""
    codes: dict[str, Place] = {}
    names: dict[str, Place] = {}
    spellings: set[str] = set()
    press_names: dict[str, str] = {}
    _add_places("audit/data/places.yaml", _default_aliases(), _Layers(codes, _base_codes()), codes, names,
                spellings, press_names, {})
    return codes, names, frozenset(spellings), press_names


def _base_names() -> dict[str, Place]:
    return _base_tables()[0]


@cache
def _foreign_names() -> dict[str, Place]:
    """Subdivisions a story in another country may name ("Bangkok" in a Myanmar story is TH-10): those whose
    name is long enough not to be a word and belongs to one country only ("Punjab" is India's and Pakistan's)."""
    subdivision_names = _base_tables()[2]
    countries: dict[str, set[str]] = {}
    for key, place in subdivision_names:
        countries.setdefault(key, set()).add(place.code.split("-")[0])
    return {key: place for key, place in subdivision_names
            if len(countries[key]) == 1 and len(key) >= 5 and key.replace(" ", "") not in _NOT_NAMES}


def _names_in(countries: Mapping[str, Place], own: Mapping[str, Place], first: Mapping[str, Place],
              country: str | None) -> dict[str, Place]:
    """Folded name -> place: every country, and the foreign subdivisions a story may name (``_foreign_names``),
    then, over them, the subdivisions and towns of ``country``: ``own`` (every layer's), then ``first`` (the first
    place of each name in the shared tables: "Punjab" is India's in the world, Pakistan's in Pakistan; "Lalitpur"
    India's first in the world table, Nepal's in Nepal)."""
    names = dict(countries)
    prefix = (country or "").upper() + "-"
    names.update({key: p for key, p in _foreign_names().items() if key not in names and not p.code.startswith(prefix)})
    if country:
        own = dict(own)
        for key, place in first.items():
            own.setdefault(key, place)
        names.update(own)
    return names


def _name_in(key: str, place: Place | None, country: str | None, first: Mapping[str, Place]) -> Place | None:
    """What ``_names_in`` maps ``key`` to where the layers map it to ``place``, a case's own subdivision or town
    (never a country: ``_add_places``); ``first``: ``_country_first(country)``."""
    prefix = (country or "").upper() + "-"
    if country:
        if place is not None and place.code.startswith(prefix):
            return place
        shared = first.get(key)
        if shared is not None:
            return shared
    foreign = _foreign_names().get(key)
    return foreign if foreign is not None and not foreign.code.startswith(prefix) else None


@lru_cache(maxsize=64)
def _shared_names_in(country: str | None) -> dict[str, Place]:
    """``_names_in`` of the shared tables (``audit/data/places.yaml`` over the base tables), once per process and
    country, from tables indexed by country once: each case's gazetteer scanned a hundred thousand names and
    towns again (a third of the extraction of a short article). Read only: a gazetteer with places of its own
    copies it."""
    countries, in_country, _ = _shared_index()
    if not country:
        return _names_in(countries, {}, {}, None)
    return _names_in(countries, _of_country(country, in_country), _country_first(country), country)


def _country_first(country: str) -> dict[str, Place]:
    """The first place of each subdivision name, then town name, of the shared tables in ``country``."""
    return _of_country(country, _shared_index()[2])


@cache
def _shared_index() -> tuple[dict[str, Place], dict[str, dict[str, Place]], dict[str, dict[str, Place]]]:
    """The countries of the shared tables' names merged, then, by country (``_by_country``), those names and the
    subdivision names and town names of the shared tables."""
    all_names = _Layers(_defaults()[1], base=_base_names).merged()
    countries = {key: place for key, place in all_names.items() if place.level == "country"}
    tables = _base_tables()
    return countries, _by_country(all_names.items()), _by_country((*tables[2], *tables[3]))


def _by_country(items: Iterable[tuple[str, Place]]) -> dict[str, dict[str, Place]]:
    """The first place of each name, by the part of its code before the first hyphen (codes without one left out)."""
    by_country: dict[str, dict[str, Place]] = {}
    for key, place in items:
        country, hyphen, _ = place.code.partition("-")
        if hyphen:
            by_country.setdefault(country, {}).setdefault(key, place)
    return by_country


def _of_country(country: str, index: dict[str, dict[str, Place]]) -> dict[str, Place]:
    """The names of ``index`` (``_by_country``) whose code starts with ``country`` and a hyphen. A code holding a
    hyphen (``KH-10``, written where a country belongs) finds none, as a scan would: ISO 3166-2 codes hold one
    hyphen, after the country's code, and a town's code is its subdivision's and ``/`` and its name."""
    return index.get(country.upper(), {})


class Gazetteer:
    """Resolves a place as printed ("Kratie", "KH-10", "Poipet") to a ``Place``.

    A case's own places (``places:`` of case.yaml) lie over tables every case of a process shares (a case's
    places must not leak into the next case); the names of the shared tables are built on first use."""

    def __init__(self, extra: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None) -> None:
        codes, names, spellings, press_names = _defaults()
        own_codes: dict[str, Place] = {}
        own_names: dict[str, Place] = {}
        self._codes = _Layers(own_codes, codes, _base_codes())
        self._names = _Layers(own_names, names, base=_base_names)
        self._own_names = own_names
        self._own_spellings: set[str] = set()
        self._press_names: dict[str, str] = {}
        self._names_in: dict[str | None, dict[str, Place]] = {}
        _add_places("case.yaml places", extra or {}, self._codes, own_codes, own_names, self._own_spellings,
                    self._press_names, press_names)

    def names_in(self, country: str | None) -> dict[str, Place]:
        """Folded name -> place for every country and for the subdivisions and towns of ``country`` (cached):
        the shared tables' (``_shared_names_in``, once per process and country) with the names of the case's
        own places read again over them."""
        cached = self._names_in.get(country)
        if cached is not None:
            return cached
        names = _shared_names_in(country)
        if self._own_names:
            first = _country_first(country) if country else {}
            names = dict(names)
            for key in self._own_names:
                place = _name_in(key, self._names.get(key), country, first)
                if place is None:
                    names.pop(key, None)
                else:
                    names[key] = place
        self._names_in[country] = names
        return names

    def resolve_name(self, text: str) -> Place | None:
        """The place a *name* stands for (codes such as "AT" are not tried: in prose "At" is a word)."""
        return self._names.get(name_key(str(text)))

    def resolve(self, text: str) -> Place | None:
        """The place a name or code stands for, or None."""
        text = str(text).strip()
        found = self._codes.get(text) or self._codes.get(text.upper()) or self._names.get(name_key(text))
        held = None if found else HELD_AREA.match(text)
        if held:  # "SY/government-held areas": the part of a country one side holds (audit.extract.areas)
            parent = self.resolve(held.group(1))
            if parent is not None and parent.level != "area":
                return Place(f"{parent.code}/{held.group(2)}", f"{held.group(2)} of {parent.name}", "area")
        return found

    def press_name(self, code: str) -> str | None:
        """The name the press uses for a code (the alias table's first spelling): KH-1 -> Banteay Meanchey."""
        shared = _defaults()[3]
        return shared[code] if code in shared else self._press_names.get(code)

    def suggestion(self, text: str) -> str:
        """``"; did you mean 'Kratie'?"`` for an unknown place, or an empty string."""
        # the press's spellings first: "Kratiee" is closer to Kratie than to Kriti
        codes = self._codes.merged()
        return did_you_mean(str(text), sorted(_defaults()[2] | self._own_spellings)) or did_you_mean(
            str(text), [p.name for p in codes.values()] + list(codes)
        )
