"""The gazetteer: place names and codes -> ISO 3166 places with their hierarchy.

Countries (ISO 3166-1 alpha-2) and subdivisions (ISO 3166-2) come from pycountry; the spellings
the press uses come from the alias table ``audit/data/places.yaml`` (extended per case under
``places:`` in case.yaml). A town is coded as its subdivision plus its name, ``KH-1/Poipet``, so
that containment is a prefix: ``KH-1/Poipet`` lies in ``KH-1`` which lies in ``KH``.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from collections import ChainMap
from collections.abc import Mapping

import pycountry
import yaml

from audit.errors import AuditError, did_you_mean

__all__ = ["Place", "Gazetteer", "ancestors", "level_of", "name_key"]


@dataclass(frozen=True)
class Place:
    code: str  # KH, KH-1, KH-1/Poipet
    name: str
    level: str  # country | subdivision | town

    @property
    def subdivision(self) -> str | None:
        """The ISO 3166-2 code a town or subdivision lies in (None for a country)."""
        return None if self.level == "country" else self.code.split("/")[0]


def name_key(name: str) -> str:
    """How names are compared: accents, case, hyphens and full stops folded away."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
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


@cache
def _default_aliases() -> dict:
    return yaml.safe_load(resources.files("audit").joinpath("data/places.yaml").read_text("utf-8"))


class _Tables:
    """Names and codes of one gazetteer: pycountry, GeoNames towns, the alias table (built once per
    process: it is the same for every case), and a case's own ``places:`` on top of a copy."""

    def __init__(self) -> None:
        self.names: dict[str, Place] = {}
        self.codes: dict[str, Place] = {}
        self.spellings: set[str] = set()
        self.press_names: dict[str, str] = {}


@cache
def _base_tables() -> _Tables:
    tables = _Tables()
    names, codes = tables.names, tables.codes
    for country in pycountry.countries:
        place = Place(country.alpha_2, getattr(country, "common_name", country.name), "country")
        codes[place.code] = place
        for name in {country.name, place.name, getattr(country, "official_name", country.name)}:
            names.setdefault(name_key(name), place)
    for sub in pycountry.subdivisions:
        place = Place(sub.code, sub.name, "subdivision")
        codes[sub.code] = place
        names.setdefault(name_key(sub.name), place)
        names.setdefault(name_key(sub.name.split(" (")[0]), place)
    for country, divisions in _towns().items():  # GeoNames towns; names already known keep their place
        for code, towns in divisions.items():
            if code not in codes:
                continue
            for name in towns:
                town = Place(f"{code}/{name}", name, "town")
                codes.setdefault(town.code, town)
                names.setdefault(name_key(name), town)
    _add_aliases(tables, "audit/data/places.yaml", _default_aliases(), codes)
    return tables


def _add_aliases(tables: _Tables, where: str, table: object, known: Mapping[str, Place]) -> None:
    """Spellings of ``table`` (country -> subdivisions/towns -> name: ISO 3166-2 code) into ``tables``."""
    if not isinstance(table, Mapping):
        raise AuditError(f"{where}: must map a country to its 'subdivisions' and 'towns', got {table!r}")
    for country, sections in table.items():
        if not isinstance(sections, Mapping):
            raise AuditError(f"{where}: {country}: needs 'subdivisions:' and/or 'towns:' mappings")
        for section in ("subdivisions", "towns"):
            for name, code in (sections.get(section) or {}).items():
                if str(code) not in known or level_of(str(code)) != "subdivision":
                    raise AuditError(
                        f"{where}: {country}.{section}.{name}: {code!r} is not an ISO 3166-2 subdivision"
                        f"{did_you_mean(str(code), [c for c in known if c.startswith(str(country))])}"
                    )
        for name, code in (sections.get("subdivisions") or {}).items():
            tables.names[name_key(name)] = known[code]
            tables.spellings.add(name)
            tables.press_names.setdefault(code, name)
        for name, code in (sections.get("towns") or {}).items():
            town = Place(f"{code}/{name}", name, "town")
            tables.codes[town.code] = town
            tables.names[name_key(name)] = town
            tables.spellings.add(name)


class Gazetteer:
    """Resolves a place as printed ("Kratie", "KH-10", "Poipet") to a ``Place``."""

    def __init__(self, extra: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None) -> None:
        base = _base_tables()
        own = _Tables()  # the case's own spellings, looked up before the shared tables
        _add_aliases(own, "case.yaml places", extra or {}, base.codes)
        self._own, self._base = own, base
        self._names = ChainMap(own.names, base.names)
        self._codes = ChainMap(own.codes, base.codes)
        self._spellings = own.spellings | base.spellings
        self._press_names = ChainMap(own.press_names, base.press_names)
        self._names_in: dict[str | None, dict[str, Place]] = {}

    def names_in(self, country: str | None) -> dict[str, Place]:
        """Folded name -> place for every country and for the subdivisions and towns of ``country`` (cached)."""
        cached = self._names_in.get(country)
        if cached is not None:
            return cached
        names = dict(_base_names_in(country))
        prefix = country.upper() + "-" if country else None
        for key, place in self._own.names.items():  # the case's spellings win, as in resolve
            if place.level == "country" or (prefix and place.code.startswith(prefix)):
                names[key] = place
            else:
                names.pop(key, None)
        self._names_in[country] = names
        return names

    def resolve_name(self, text: str) -> Place | None:
        """The place a *name* stands for (codes such as "AT" are not tried: in prose "At" is a word)."""
        return self._names.get(name_key(str(text)))

    def resolve(self, text: str) -> Place | None:
        """The place a name or code stands for, or None."""
        text = str(text).strip()
        return self._codes.get(text) or self._codes.get(text.upper()) or self._names.get(name_key(text))

    def press_name(self, code: str) -> str | None:
        """The name the press uses for a code (the alias table's first spelling): KH-1 -> Banteay Meanchey."""
        return self._press_names.get(code)

    def suggestion(self, text: str) -> str:
        """``"; did you mean 'Kratie'?"`` for an unknown place, or an empty string."""
        # the press's spellings first: "Kratiee" is closer to Kratie than to Kriti
        return did_you_mean(str(text), sorted(self._spellings)) or did_you_mean(
            str(text), [p.name for p in self._codes.values()] + list(self._codes)
        )


@cache
def _base_names_in(country: str | None) -> dict[str, Place]:
    names = _base_tables().names
    found = {key: place for key, place in names.items() if place.level == "country"}
    if country:
        prefix = country.upper() + "-"
        found.update({key: p for key, p in names.items() if p.code.startswith(prefix)})
    return found
