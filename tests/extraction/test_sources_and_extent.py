"""Reading pages: the story's extent in raw page text, saved HTML with scripts, bad files, fetching."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from audit.errors import AuditError
from audit.extract import extract_article
from audit.sources import ArticleProblem, read_article
from audit.sources.fetch import add_url

ARTICLES = Path(__file__).parent / "articles"


def test_raw_page_keeps_the_story_and_drops_the_chrome() -> None:
    article = read_article(ARTICLES / "raw-page-with-chrome.txt")
    assert article.published == dt.date(2024, 11, 7)  # printed alone on a line near the end
    claims = extract_article(article, case_country="PH")
    texts = [c["text"] for c in claims]
    assert texts == ["3,400", "about 3,400 residents", "at least 17 people", "220 houses", "two bridges"]
    assert claims[0].get("role") == "headline"
    assert claims[1]["place"] == ["PH-01/Laoag"]


def test_saved_html_ignores_scripts_and_navigation() -> None:
    article = read_article(ARTICLES / "fetched-page.html")
    claims = extract_article(article, case_country="PH")
    values = [c.get("value") for c in claims]
    assert 99999 not in values and 123456 not in values and 777777 not in values
    assert {"12 people", "48 passengers", "more than 30", "at most 80 passengers"} <= {c["text"] for c in claims}
    assert [(c["text"], c["measure"]) for c in claims if c.get("role") == "headline"] == [("12", "missing")]
    assert article.published == dt.date(2024, 9, 12)


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"   \n\n", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_unreadable_files_are_reported(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleProblem, match=message):
        read_article(path)


def test_legacy_encoding_is_reported_with_the_byte_and_a_guess(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    text = "Caf\u00e9 owners in the old quarter said 14 premises were flooded and 3 were closed \u2013 the mayor\u2019s office agreed. " * 4
    path.write_bytes(("Flood hits the old quarter of the town\n" + text).encode("cp1252"))
    with pytest.raises(ArticleProblem, match=r"byte 0xe9 at offset 42 .*looks like"):
        read_article(path)


def test_add_url_stores_text_and_metadata_without_the_network(tmp_path: Path) -> None:
    case = tmp_path / "ferry"
    case.mkdir()
    (case / "case.yaml").write_text("title: Ferry\ncountry: PH\n", encoding="utf-8")
    html = (ARTICLES / "fetched-page.html").read_text("utf-8")
    path = add_url(case, "https://example.org/ferry", fetch=lambda url: html)
    assert path.parent == case / "articles" and path.suffix == ".md"
    article = read_article(path)
    assert article.url == "https://example.org/ferry"
    assert article.published == dt.date(2024, 9, 12)
    assert article.title.startswith("Ferry capsizes")
    assert "12 people were still missing" in article.text
    second = add_url(case, "https://example.org/ferry", fetch=lambda url: html)
    assert second != path and path.exists()  # never overwrites


def test_add_url_reports_a_failed_fetch(tmp_path: Path) -> None:
    (tmp_path / "case.yaml").write_text("title: x\n", encoding="utf-8")
    with pytest.raises(AuditError, match="could not be fetched"):
        add_url(tmp_path, "https://example.org/gone", fetch=lambda url: None)


def test_a_case_alias_to_no_subdivision_is_a_clear_error(tmp_path: Path) -> None:
    from audit.case import load_case

    (tmp_path / "case.yaml").write_text("title: x\nplaces: {KH: {towns: {Poipett: KH-99}}}\n", encoding="utf-8")
    with pytest.raises(AuditError, match=r"Poipett: 'KH-99' is not an ISO 3166-2 subdivision; did you mean 'KH-9'"):
        load_case(tmp_path)


def test_chrome_between_paragraphs_and_a_most_read_box() -> None:
    article = read_article(ARTICLES / "raw-page-floods.txt").with_metadata(published=dt.date(2025, 11, 2))
    claims = {c["text"]: c for c in extract_article(article, case_country="VN")}
    assert list(claims) == ["40,000", "more than 40,000 people", "at least 17", "12 people", "26,500", "nine deaths",
                            "17 dead", "11", "6"]  # no "3 hours", "1.2K", "500 mm", "two days", "3 states", "2%"
    assert claims["40,000"]["role"] == "headline" and claims["40,000"]["measure"] == "displaced"
    assert claims["12 people"]["measure"] == "deaths" and claims["12 people"]["place"] == ["VN-29"]
    assert claims["12 people"]["part_of"] == claims["at least 17"]["id"]
    assert claims["26,500"]["part_of"] == claims["more than 40,000 people"]["id"]
    assert claims["11"]["part_of"] == claims["17 dead"]["id"] and claims["11"]["breakdown"] == "exhaustive"


def test_an_end_marker_before_the_story_is_a_label(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(
        "Menu\nStorm kills 14 in northern province\nComments (3)\nShare this article\n"
        "A storm killed 14 people in Cagayan on Monday, officials said on Tuesday in a statement to reporters.\n"
        "Related articles\nFlood kills 200 elsewhere\n", encoding="utf-8")
    claims = extract_article(read_article(path), case_country="PH")
    assert [c["text"] for c in claims] == ["14", "14 people"]
