"""Areas one side holds ("government-held areas of Syria") are places of their own (audit.extract.areas)."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.extract import extract_text
from audit.places import Gazetteer


def places(text: str, country: str = "TR") -> dict[str, list[str]]:
    claims = extract_text(text, kind="md", published=dt.date(2023, 2, 9), case_country=country)
    return {c["text"]: c["place"] for c in claims}


@pytest.mark.parametrize("text, phrase, place", [
    ("In Syria, 1,500 people were killed in government-held areas.", "1,500 people", "SY/government-held areas"),
    ("At least 800 have died in regime-controlled parts of Syria, officials said.", "At least 800", "SY/government-held areas"),
    ("The Syrian rescuers said 2,000 people had died in opposition held areas.", "2,000 people", "SY/opposition-held areas"),
    ("In Syria, the death toll in the rebel-held region stood at 2,190.", "2,190", "SY/opposition-held areas"),
    ("In Yemen, 40 people died in Houthi-controlled territory.", "40 people", "YE/houthi-held areas"),
])
def test_a_held_area_is_the_place_of_its_figure(text: str, phrase: str, place: str) -> None:
    found = places(text)
    assert found[next(k for k in found if phrase in k or k in phrase)] == [place]


def test_the_country_of_a_held_area_may_be_named_a_sentence_before() -> None:
    found = places("Syria was hit hard. Rescuers said 600 people had died in rebel-held areas.")
    assert found["600 people"] == ["SY/opposition-held areas"]


def test_a_held_area_is_no_detention() -> None:
    """"rebel-held" is a compound, not the verb of an arrest: the toll there counts deaths."""
    claims = extract_text("In Syria, the death toll in the rebel-held region stood at 2,190.", kind="md",
                          published=dt.date(2023, 2, 9), case_country="TR")
    assert [c["measure"] for c in claims] == ["deaths"]


def test_a_held_area_code_resolves_inside_its_country() -> None:
    place = Gazetteer().resolve("SY/government-held areas")
    assert place is not None and place.level == "area" and place.name == "government-held areas of Syria"
    assert Gazetteer().resolve("XX/government-held areas") is None


def test_a_held_area_is_named_with_its_country_in_reports() -> None:
    from audit.report.words import place_name

    assert place_name("SY/government-held areas") == "government-held areas of Syria"
    assert place_name("KH-1/Poipet") == "Poipet"

