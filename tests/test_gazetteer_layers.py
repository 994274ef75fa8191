"""A case's own places lie over the tables every case shares: they answer as a merged copy would, and
never leak into the next case's gazetteer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.errors import AuditError
from audit.places import Gazetteer, _base_tables, _foreign_names, name_key

OWN = {
    "KH": {"subdivisions": {"Kratie": "KH-1", "Upper Mekong": "KH-19"}, "towns": {"Riverbend": "KH-10"}},
    "TH": {"towns": {"Lotus Crossing": "TH-10"}},
}


def test_own_places_win_in_their_case_only() -> None:
    case = Gazetteer(OWN)
    assert case.resolve("Kratie").code == "KH-1"  # the case calls KH-1 so; the shared table says KH-10
    assert case.resolve("upper mekong").code == "KH-19"
    assert case.resolve("Riverbend").code == "KH-10/Riverbend"
    assert case.resolve("KH-10/Riverbend").level == "town"
    assert case.resolve_name("Lotus Crossing").code == "TH-10/Lotus Crossing"
    other = Gazetteer()
    assert other.resolve("Kratie").code == "KH-10"
    assert other.resolve("Riverbend") is None and other.resolve("KH-10/Riverbend") is None
    assert other.resolve("Upper Mekong") is None


def test_press_names_keep_the_shared_spelling_first() -> None:
    case = Gazetteer(OWN)
    assert case.press_name("KH-10") == "Kratie"  # audit/data/places.yaml's first spelling
    assert case.press_name("KH-1") == Gazetteer().press_name("KH-1")  # the shared table names KH-1 already
    assert Gazetteer().press_name("KH-19") == "Stung Treng"


def test_names_in_a_country_include_the_case_s_own() -> None:
    names = Gazetteer(OWN).names_in("KH")
    assert names[name_key("Riverbend")].code == "KH-10/Riverbend"
    assert names[name_key("Kratie")].code == "KH-1"
    assert name_key("Riverbend") not in Gazetteer().names_in("KH")


def test_suggestions_know_the_case_s_spellings() -> None:
    assert "Riverbend" in Gazetteer(OWN).suggestion("Riverbnd")
    assert "Riverbend" not in Gazetteer().suggestion("Riverbnd")


def test_a_bad_own_code_names_the_close_ones() -> None:
    with pytest.raises(AuditError, match=r"case.yaml places: KH.towns.Somewhere: 'KH-99' is not an ISO 3166-2 "
                                         r"subdivision; did you mean 'KH-9'"):
        Gazetteer({"KH": {"towns": {"Somewhere": "KH-99"}}})


def test_codes_resolve_without_building_the_names() -> None:
    _base_tables.cache_clear()
    case = Gazetteer(OWN)
    assert case.resolve("KH-1").level == "subdivision"
    assert case.resolve("kh").code == "KH"
    assert case.resolve("Riverbend").code == "KH-10/Riverbend"  # the case's own names answer first
    assert _base_tables.cache_info().currsize == 0
    assert case.resolve("Bangkok").code == "TH-10"  # a shared name builds them
    assert _base_tables.cache_info().currsize == 1


#: names the shared tables give a country, a foreign subdivision, a name two countries share, a subdivision, a town
#: of one country or of several, an Arabic town without its article, or nothing
_NAMES = ["Georgia", "Thailand", "Bangkok", "Punjab", "Kratie", "Poipet", "Lalitpur", "Bayda", "Riverbend", "Tbilisi"]
_CODES = ["KH-10", "KH-1", "TH-10", "US-GA", "IN-PB", "PK-PB", "GE-TB", "NP-P3", "LY-JA"]


@settings(max_examples=60, deadline=None)
@given(own=st.dictionaries(st.sampled_from(["KH", "TH", "US"]), st.fixed_dictionaries({
           "subdivisions": st.dictionaries(st.sampled_from(_NAMES), st.sampled_from(_CODES), max_size=3),
           "towns": st.dictionaries(st.sampled_from(_NAMES), st.sampled_from(_CODES), max_size=3)}), max_size=2),
       country=st.sampled_from([None, "KH", "kh", "TH", "IN", "PK", "US", "GE", "NP", "LY", "KH-10", "ZZ"]))
def test_names_in_a_country_are_the_shared_ones_with_the_case_s_read_over_them(own: dict, country: str | None) -> None:
    """What a gazetteer with places of its own answers is what the names of every layer, merged, give."""
    gazetteer = Gazetteer(own)
    assert gazetteer.names_in(country) == _names_read_from_all(gazetteer, country)
    assert Gazetteer().names_in(country) == _names_read_from_all(Gazetteer(), country)


def _names_read_from_all(gazetteer: Gazetteer, country: str | None) -> dict:
    """``names_in`` as it was first written: every layer merged and every table scanned, for this one country."""
    all_names = gazetteer._names.merged()
    names = {key: place for key, place in all_names.items() if place.level == "country"}
    prefix = (country or "").upper() + "-"
    names.update({key: p for key, p in _foreign_names().items() if key not in names and not p.code.startswith(prefix)})
    if country:
        own = {key: p for key, p in all_names.items() if p.code.startswith(prefix)}
        for key, place in [*_base_tables()[2], *_base_tables()[3]]:
            if place.code.startswith(prefix):
                own.setdefault(key, place)
        names.update(own)
    return names
