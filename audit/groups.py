"""Who a figure counts: nationality (ISO 3166-1 alpha-2) and sex, as a set of group tokens.

A group is a set: ``[ID, female]`` is Indonesian women, which lies inside ``[ID]`` (Indonesians)
which lies inside ``[]`` (everyone). Tokens are alpha-2 codes or one of ``SEXES``/``AGES``/``ORIGINS`` (``foreign``: not of the
case's country).
Demonyms as the press prints them ("Indonesians", "Bangladeshi", "one Vietnamese") resolve
through ``audit/data/demonyms.yaml`` and pycountry.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pycountry
import yaml

from audit.errors import did_you_mean

__all__ = ["SEXES", "AGES", "ORIGINS", "resolve_group", "group_suggestion", "demonym_table"]

SEXES = {"female": ("women", "woman", "female", "females", "girls"), "male": ("men", "man", "male", "males", "boys")}
AGES = {"child": ("children", "child", "minors", "minor"), "adult": ("adults", "adult")}
ORIGINS = {"foreign": ("foreign nationals", "foreign national", "foreigners", "foreigner", "foreign")}


@cache
def library_demonyms() -> dict[str, str]:
    """Folded demonym -> alpha-2 code, from countryinfo; a shared demonym goes to the most populous country."""
    from countryinfo import all_countries

    best: dict[str, tuple[int, str]] = {}
    for country in all_countries():
        info = country.info()
        code, demonym = (info.get("ISO") or {}).get("alpha2"), info.get("demonym")
        if code and demonym and demonym.isascii():
            population = info.get("population") or 0
            key = demonym.casefold()
            if key not in best or population > best[key][0]:
                best[key] = (population, code)
    return {key: code for key, (_, code) in best.items()}


@cache
def _table() -> dict[str, str]:
    from audit.places import country_names

    table: dict[str, str] = {}
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            table[name.casefold()] = country.alpha_2
        table[country.alpha_2.casefold()] = country.alpha_2
    for code, name in country_names():
        table.setdefault(name.casefold(), code)
    for demonym, code in library_demonyms().items():
        table.setdefault(demonym, code)
    demonyms = yaml.safe_load(resources.files("audit").joinpath("data/demonyms.yaml").read_text("utf-8"))
    table.update({name.casefold(): code for name, code in demonyms.items()})
    for token, words in {**SEXES, **AGES, **ORIGINS}.items():
        table.update({word: token for word in words})
    return table


@cache
def demonym_table() -> dict[str, str]:
    """Demonym as written ("Indonesian") -> alpha-2 code: the hand table's forms, then countryinfo's, for naming groups."""
    from countryinfo import all_countries

    table = dict(yaml.safe_load(resources.files("audit").joinpath("data/demonyms.yaml").read_text("utf-8")))
    for country in all_countries():
        info = country.info()
        code, demonym = (info.get("ISO") or {}).get("alpha2"), info.get("demonym")
        if code and demonym and demonym.isascii():
            table.setdefault(demonym, code)
    return table


def resolve_group(text: str) -> str | None:
    """``"Indonesians"`` -> ``ID``, ``"women"`` -> ``female``, ``"TW"`` -> ``TW``; None if unknown."""
    table = _table()
    key = str(text).strip().casefold()
    for candidate in (key, key[:-1] if key.endswith("s") else key, key[:-2] if key.endswith("es") else key):
        if candidate in table:
            return table[candidate]
    return None


def group_suggestion(text: str) -> str:
    return did_you_mean(str(text).casefold(), _table())
