"""Where a figure is, when the story does not say it in the figure's own words: a story that counts people
over the whole country or a region of it is no one subdivision's story; a toll "in Turkey and Syria" is
both countries'; names with accented capitals and Arabic town names without their article. Every
sentence is written for this project."""

from __future__ import annotations

from audit.extract import extract_text
from audit.places import Gazetteer, name_key, without_article


def _claims(text: str, country: str) -> list[dict]:
    return extract_text(text, source="t", kind="md", case_country=country)


def _place(claims: list[dict], phrase: str) -> list[str]:
    found = [c for c in claims if phrase in c["text"]]
    assert found, f"no claim holds {phrase!r}: {[c['text'] for c in claims]}"
    return [code.split("/")[0] for code in found[0]["place"]]


def test_a_story_counting_people_nationwide_defaults_to_the_country() -> None:
    text = ("Students marched in Kathmandu on Monday and police fired on the crowd. The health ministry said on "
            "Tuesday that 420 people had been hurt nationwide. The toll has risen to 22.")
    claims = _claims(text, "NP")
    assert _place(claims, "420 people") == ["NP"]
    assert _place(claims, "22") == ["NP"]


def test_across_the_country_and_all_its_districts() -> None:
    for spread in ("in hospitals across the country", "in all 12 districts", "throughout the nation"):
        text = f"Riots broke out in Kathmandu last week. Officials said 80 protesters were treated {spread}. Fourteen of them died."
        assert _place(_claims(text, "NP"), "Fourteen") == ["NP"], spread


def test_a_region_of_the_country_is_wider_than_the_subdivision_named() -> None:
    text = ("Floods tore through Derna on Sunday, the mayor said. Five more bodies were found in northeastern "
            "Libya, rescuers said. The toll stood at 61 by Monday.")
    claims = _claims(text, "LY")
    assert _place(claims, "61") == ["LY"]


def test_a_story_on_one_subdivision_keeps_it_without_words_of_spread() -> None:
    text = ("A crowd crush in Seoul killed many on Saturday. Police said 120 people died and 80 were hurt. "
            "The toll is the worst in South Korea in years.")
    assert _place(_claims(text, "KR"), "120 people") == ["KR-11"]


def test_memorial_sites_opened_nationwide_leave_the_story_where_it_is() -> None:
    text = ("A fire in a Busan market killed 31 people on Friday. Nationwide, 40 memorial sites opened on Sunday.")
    assert _place(_claims(text, "KR"), "31 people") == ["KR-26"]


def test_the_south_in_a_country_name_is_no_region() -> None:
    text = ("A crush in Seoul killed 120 people on Saturday, the worst toll across South Korea in years.")
    assert _place(_claims(text, "KR"), "120 people") == ["KR-11"]


def test_a_toll_in_two_countries_is_both_countries() -> None:
    text = ("The quake killed 9,400 people in Turkey and Syria, officials said. Later the combined toll in Turkey "
            "and Syria rose to 12,050. Turkey had 7,000 deaths, while in Syria 2,400 died.")
    claims = _claims(text, "TR")
    assert _place(claims, "9,400") == ["TR", "SY"]
    assert _place(claims, "12,050") == ["TR", "SY"]
    assert _place(claims, "7,000") == ["TR"]
    assert _place(claims, "2,400") == ["SY"]


def test_a_list_of_three_countries_after_the_figure() -> None:
    text = "Storm Zeta left 210 dead in Greece, Turkey and Bulgaria by Friday."
    assert _place(_claims(text, "GR"), "210 dead") == ["GR", "TR", "BG"]


def test_a_name_beginning_with_an_accented_capital_is_a_place() -> None:
    text = "Rescuers counted 31 dead in Şanlıurfa and 12 in Hatay on Tuesday."
    claims = _claims(text, "TR")
    assert _place(claims, "31 dead") == ["TR-63"]
    assert _place(claims, "12") == ["TR-31"]


def test_arabic_town_names_without_their_article() -> None:
    assert without_article("Al Bayḑā’") == "Bayḑā’"
    assert without_article("Az Zāwīyah") == "Zāwīyah"
    assert without_article("El Marj") == "Marj"
    assert without_article("At Tāj") is None  # too short a rest to be a name
    assert without_article("Alexandria") is None
    gazetteer = Gazetteer()
    assert gazetteer.names_in("LY")[name_key("Bayda")].code.startswith("LY-JA/")
    assert gazetteer.names_in("LY")[name_key("Marj")].code.startswith("LY-MJ/")
    assert name_key("Ejido") not in gazetteer.names_in("ES")  # the article is dropped where Arabic is spoken only
    text = "Eleven people drowned in the hill town of Bayda, the local hospital said."
    assert _place(_claims(text, "LY"), "Eleven people") == ["LY-JA"]


def _group(claims: list[dict], phrase: str) -> list[str] | None:
    found = [c for c in claims if phrase in c["text"]]
    assert found, f"no claim holds {phrase!r}: {[c['text'] for c in claims]}"
    return found[0].get("group")


def test_a_list_of_countries_without_each_is_every_country_of_it() -> None:
    text = "The ministry said the dead included three from Peru and Chile and one from Spain, Italy and Greece."
    claims = _claims(text, "KR")
    assert _group(claims, "three from Peru and Chile") == ["PE", "CL"]
    assert _group(claims, "one from Spain, Italy and Greece") == ["ES", "IT", "GR"]


def test_a_count_in_brackets_after_who_is_counted() -> None:
    claims = _claims("Of the 140 dead, most were men (91); Koreans (130) made up nearly all of them.", "KR")
    assert _group(claims, "91") == ["male"]
    assert _group(claims, "130") == ["KR"]


def test_a_team_size_before_its_nationality() -> None:
    claims = _claims("A 45-strong Japanese search team and a 60-member Indian crew reached Hatay on Wednesday.", "TR")
    assert _group(claims, "45-strong Japanese") == ["JP"]
    assert _group(claims, "60-member Indian") == ["IN"]


def test_a_hospital_named_after_its_town_places_only_its_own_count() -> None:
    text = ("Hospitals treated 90 injured on Tuesday: Bir Hospital is treating 30, Pokhara Hospital 12 and "
            "Norvic 11, while 7 were at Gandaki Medical College.")
    claims = _claims(text, "NP")
    assert _place(claims, "12") == ["NP-P4"]
    assert _place(claims, "7") == ["NP-P4"]
    assert _place(claims, "30") == ["NP"]
    assert _place(claims, "11") == ["NP"]


def test_a_town_other_countries_also_have_is_the_case_countrys() -> None:
    # Patan is also a town in India; in a story on Nepal it is Lalitpur's old name, in Bagmati
    text = "Police fired on protesters in Patan on Monday, killing 4 people."
    assert _place(_claims(text, "NP"), "4 people") == ["NP-P3"]


def test_a_dateline_is_where_the_story_was_filed() -> None:
    text = "Bangkok — The death toll from the quake in Myanmar rose to 1,200 on Sunday."
    assert _place(_claims(text, "MM"), "1,200") == ["MM"]
    text = "Naypyidaw [Myanmar]: Officials in Mandalay said 300 people had died."
    assert _place(_claims(text, "MM"), "300 people") == ["MM-04"]


def test_where_a_statement_was_made_is_not_where_the_figures_are() -> None:
    text = ("Floods hit Hatay and Adana this week. The minister told journalists in Ankara that 140 people "
            "had died.")
    assert _place(_claims(text, "TR"), "140 people") == ["TR"]


def test_a_region_or_areas_of_a_country() -> None:
    text = ("The quake struck Hatay on Monday. At least 800 have died in rebel-held areas of Syria, and 45 "
            "people died in northwestern Syria overnight.")
    claims = _claims(text, "TR")
    assert _place(claims, "800") == ["SY"]
    assert _place(claims, "45 people") == ["SY"]


def test_a_count_over_several_unnamed_provinces_or_other_cities_is_the_countrys() -> None:
    text = "The toll in the Elbistan quake rose to 310 people in 9 provinces, the ministry said."
    assert _place(_claims(text, "TR"), "310 people") == ["TR"]
    text = "At least 16 people died in Kathmandu and other cities on Monday, the police said."
    assert _place(_claims(text, "NP"), "16 people") == ["NP"]


def test_a_total_word_belongs_to_the_nearest_figure() -> None:
    text = "Rain hit Adana again. In Hatay, 6 rescuers died when a wall fell, taking the overall toll to 61."
    claims = _claims(text, "TR")
    assert _place(claims, "6 rescuers") == ["TR-31"]
    assert _place(claims, "61") == ["TR"]


def test_the_same_speaker_goes_on_about_the_same_place() -> None:
    text = ("Storms hit Adana and Hatay. The governor said 40 people had died in Hatay. He added that 120 were "
            "still missing. Officials said 9 people had died.")
    claims = _claims(text, "TR")
    assert _place(claims, "120") == ["TR-31"]
    assert _place(claims, "9 people") == ["TR"]  # another speaker: the story's place


def test_the_city_is_the_one_named_just_before() -> None:
    text = ("Floods reached Benghazi and Derna on Sunday. The mayor of Derna spoke on Monday. "
            "He told reporters that 4,000 homes in the city were gone. Aid groups said 300 families had left.")
    claims = _claims(text, "LY")
    assert _place(claims, "4,000 homes") == ["LY-DR"]
    assert _place(claims, "300 families") == ["LY"]  # no "city": the story's place


def test_the_city_of_a_name_is_no_reference_back() -> None:
    text = ("Rain hit Adana on Monday. In the city of Hatay, 12 people died.")
    assert _place(_claims(text, "TR"), "12 people") == ["TR-31"]
