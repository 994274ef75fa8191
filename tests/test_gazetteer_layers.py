"""A case's own places lie over the tables every case shares: they answer as a merged copy would, and
never leak into the next case's gazetteer."""

from __future__ import annotations

import pytest

from audit.errors import AuditError
from audit.places import Gazetteer, _base_tables, name_key

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
