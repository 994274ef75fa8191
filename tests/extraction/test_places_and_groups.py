"""Places and groups of issue 10, each in a sentence written for this project: subdivisions of every
country (resolved within the case's country first, another country's keeping its own code), a
story's own subdivision, places attached to their own number in lists, nationalities of every country."""

from __future__ import annotations

from functools import cache

import pytest

from audit.extract import extract_text
from audit.groups import resolve_group
from audit.places import Gazetteer, name_key


@cache
def _gazetteer() -> Gazetteer:
    return Gazetteer()


def _claims(text: str, country: str) -> list[dict]:
    return extract_text(text, source="t", kind="md", case_country=country)


def _claim(claims: list[dict], phrase: str) -> dict:
    found = [c for c in claims if phrase in c["text"]]
    assert found, f"no claim holds {phrase!r}: {[c['text'] for c in claims]}"
    return found[0]


def _subdivisions(claim: dict) -> list[str]:
    return [code.split("/")[0] for code in claim["place"]]


@pytest.mark.parametrize(("name", "country", "code"), [
    ("Seoul", "KR", "KR-11"), ("Kerala", "IN", "IN-KL"), ("Bangkok", "MM", "TH-10"), ("Nay Pyi Taw", "MM", "MM-18"),
    ("Naypyidaw", "MM", "MM-18"), ("Punjab", "PK", "PK-PB"), ("Punjab", "IN", "IN-PB"), ("Derna", "LY", "LY-DR"),
    ("Adiyaman", "TR", "TR-02"), ("Turkey", "SY", "TR"), ("Wayanad", "IN", "IN-KL"),
])
def test_names_resolve_within_the_case_country_first(name: str, country: str, code: str) -> None:
    place = _gazetteer().names_in(country).get(name_key(name))
    assert place is not None and place.code.split("/")[0] == code


def test_a_name_two_countries_share_is_no_foreign_place() -> None:
    assert name_key("Punjab") not in _gazetteer().names_in("MM")


def test_a_place_in_another_country_keeps_its_code() -> None:
    claims = _claims("The quake also toppled a tower in Bangkok, where 9 workers died. In Mandalay, "
                     "officials counted 40 dead and in Sagaing 25.", "MM")
    assert _subdivisions(_claim(claims, "9 workers")) == ["TH-10"]


def test_the_story_subdivision_is_the_default_place() -> None:
    text = ("Heavy rain set off landslides in Kerala on Tuesday. Rescuers in Kerala said 40 people had died "
            "and 70 were missing. The state government opened 30 relief camps.")
    assert _subdivisions(_claim(_claims(text, "IN"), "40 people")) == ["IN-KL"]


def test_a_story_on_the_case_country_that_mentions_a_city_abroad_keeps_the_country() -> None:
    text = ("Myanmar's quake toll rose to 700 on Saturday. The shaking was felt in Bangkok, where a tower fell, "
            "and in Bangkok offices were evacuated. Myanmar's junta asked for aid; Myanmar's hospitals were full.")
    assert _claim(_claims(text, "MM"), "700")["place"] == ["MM"]


def test_a_story_abroad_takes_its_place() -> None:
    text = ("In Bangkok, rescuers searched the ruins of a tower on Sunday. Bangkok officials said 18 people had died "
            "after the quake in Myanmar.")
    assert _subdivisions(_claim(_claims(text, "MM"), "18 people")) == ["TH-10"]


def test_the_country_named_in_a_story_on_one_subdivision_is_that_subdivision() -> None:
    text = ("A crowd crush in Seoul killed many on Saturday. A total of 90 victims were students, and 150 died "
            "in South Korea's worst disaster in years. Nationwide, 30 memorial sites opened.")
    claims = _claims(text, "KR")
    assert _subdivisions(_claim(claims, "90 victims")) == ["KR-11"]
    assert _subdivisions(_claim(claims, "150")) == ["KR-11"]
    assert _claim(claims, "30 memorial sites")["place"] == ["KR"]


def test_an_institution_named_after_a_place_is_no_mention_of_it_unless_it_is_a_site_there() -> None:
    from audit.extract.placenames import PlaceFinder

    text = ("The Pokhara Times said patients went to Gandaki Medical College and to hospitals in Kathmandu Valley "
            "and Bagmati Province.")
    found = [(m.text, bool(m.site_end)) for m in PlaceFinder(_gazetteer(), "NP").mentions(text, 0, len(text))]
    assert found == [("Gandaki", True), ("Kathmandu", False), ("Bagmati", False)]


def test_a_story_over_several_provinces_keeps_the_country() -> None:
    text = ("Floods hit Hatay and Adana. In Hatay 12 people died; in Adana 8 died. "
            "In all, 300 homes were damaged, officials in Malatya said.")
    assert _claim(_claims(text, "TR"), "300 homes")["place"] == ["TR"]


@pytest.mark.parametrize(("text", "country", "expected"), [
    ("Officials counted 1,647 deaths in Hatay, 1,243 in Kahramanmaras and 896 in Adiyaman.", "TR",
     {"1,647": "TR-31", "1,243": "TR-46", "896": "TR-02"}),
    ("The toll stood at 3,549 in Turkey, while 1,602 in Syria.", "TR", {"3,549": "TR", "1,602": "SY"}),
    ("Cao Bang was worst hit with 19 deaths, followed by Lao Cai with 38.", "VN", {"19": "VN-04", "38": "VN-02"}),
    ("In Cao Bang and Lao Cai, floods left 55 deaths and 2 missing, and 53 deaths and one missing, respectively.", "VN",
     {"55": "VN-04", "2": "VN-04", "53": "VN-02", "one": "VN-02"}),
    ("Hatay and Adana counted 120 and 45 deaths, respectively.", "TR", {"120": "TR-31", "45": "TR-01"}),
    ("Officials counted 900 deaths in Kahramanmarash and 127 in Shanliurfa.", "TR", {"900": "TR-46", "127": "TR-63"}),
])
def test_places_attach_to_their_own_number_in_lists(text: str, country: str, expected: dict) -> None:
    claims = _claims(text, country)
    for phrase, code in expected.items():
        assert _subdivisions(_claim(claims, phrase)) == [code], phrase


@pytest.mark.parametrize(("word", "code"), [
    ("Tunisians", "TN"), ("Senegalese", "SN"), ("Norwegians", "NO"), ("Uzbeks", "UZ"), ("Sri Lankans", "LK"),
    ("Egypt", "EG"), ("Britons", "GB"), ("French", "FR"), ("Khmer", "KH"),
])
def test_demonyms_of_every_country(word: str, code: str) -> None:
    assert resolve_group(word) == code


def test_groups_by_nationality_and_sex() -> None:
    text = ("Police held 35 Tunisians, 3 Senegalese and 58 from Egypt. Among the 26 foreign dead were "
            "five from Iran, four each from China and Russia and one each from France, Norway and Sri Lanka. "
            "Of the 156 dead, 101 were female and 55 were male.")
    claims = _claims(text, "KR")
    assert _claim(claims, "35 Tunisians")["group"] == ["TN"]
    assert _claim(claims, "3 Senegalese")["group"] == ["SN"]
    assert _claim(claims, "58 from Egypt")["group"] == ["EG"]
    assert _claim(claims, "five from Iran")["group"] == ["IR"]
    assert _claim(claims, "four each from China and Russia")["group"] == ["CN", "RU"]
    assert _claim(claims, "one each from France")["group"] == ["FR", "NO", "LK"]
    assert _claim(claims, "101 were female")["group"] == ["female"]
    assert _claim(claims, "55 were male")["group"] == ["male"]
