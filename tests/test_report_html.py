"""index.html: self-contained, escaped, with the findings, the pictures and the filters of the example case."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from audit.check import check
from audit.report import render
from audit.report.files import case_report, write_case_reports
from tests.hostile_case import IMAGE, SCRIPT, write_hostile_case

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "cases" / "cambodia-2025-07"


class Page(HTMLParser):
    """Collects what a browser would act on: elements, attributes, scripts, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)

    def all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(v in (a.get(k) or "").split() for k, v in attrs.items())]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> tuple[str, Page]:
    report = check([EXAMPLE])
    html = render(report, "html", base=tmp_path_factory.mktemp("out"))
    return html, parse(html)


def test_one_card_per_finding_with_rule_outlet_and_highlighted_phrase(example):
    html, page = example
    report = check([EXAMPLE])
    cards = page.all("article", **{"class": "card"})
    assert len(cards) == len(report.findings) >= 4
    assert [c["data-rule"] for c in cards] == [f.rule for f in report.findings]
    marks = "".join(html.split("<mark")[1:])
    for finding in report.findings:
        for claim in finding.claims:
            assert claim.text.replace("'", "&#39;") in marks
            assert (claim.outlet or claim.source) in html


def test_breakdown_and_headline_pictures(example):
    html, page = example
    assert "85 + &gt;200 + 27 + 75 + ≥270 + 312 + 27 = ≥997 (printed: 996), against &gt;1,000 (≥1,001)" in html
    svgs = page.all("svg")
    labels = [s.get("aria-label") or "" for s in svgs]
    report = check([EXAMPLE])
    breakdowns = [f for f in report.findings if f.rule.startswith("SUM")]
    agreements = [f for f in report.findings if f.rule.startswith("AGREE")]
    assert sum(label.startswith("Breakdown:") for label in labels) == len(breakdowns) == 2  # ABC's and AP's
    assert any("ThaiVisa News: 1,000; ThaiVisa News: >1,000" in label for label in labels)  # headline against body
    differing = [f for f in report.figures if len({(c.low, c.high) for c in f.claims}) > 1]
    assert len(differing) >= 1  # the detained total: 1,000 in ThaiVisa's headline, more than 1,000 elsewhere
    assert len(page.all("figure", **{"class": "chart"})) == len(svgs) == len(breakdowns) + len(agreements) + len(differing)


def test_summary_counts_rules_and_sources(example):
    html, page = example
    counts = check([EXAMPLE]).counts()
    assert f"{counts['warning']} warnings" in html and f"{counts['error']} errors" in html
    for code in ("AGREE002", "PLACE001", "SUM003"):
        assert f"<code>{code}</code>" in html
    for outlet in ("ThaiVisa News", "ABC News (Australia), via Daily8", "Associated Press, via Manila Bulletin"):
        assert outlet in html
    links = [a["href"] for a in page.all("a")]
    assert "https://mb.com.ph/2025/07/17/cambodia-makes-1000-arrests-in-latest-crackdown-on-cybercrime" in links
    assert any(h.endswith("cases/cambodia-2025-07/articles/thaivisa-2025-07-17.md") for h in links)


def test_self_contained_nothing_to_fetch(example):
    html, page = example
    for tag, attrs in page.tags:
        for name in ("src", "srcset", "data", "poster", "action", "xlink:href"):
            value = attrs.get(name)
            assert value is None or value.startswith(("data:", "#")), (tag, name, value)
        if tag == "link":
            pytest.fail(f"external resource {attrs}")
        if tag != "a" and attrs.get("href"):
            assert attrs["href"].startswith("#"), (tag, attrs)
    assert "@import" not in html and "url(" not in html.replace("url(#", "")


def test_ids_are_unique_across_the_inline_charts(example):
    html, page = example
    ids = [a["id"] for _, a in page.tags if a.get("id")]
    assert len(ids) == len(set(ids))
    for target in re.findall(r'(?:xlink:href|href)="#([^"]+)"|url\(#([^)]+)\)', html):
        assert (target[0] or target[1]) in ids


def test_style_and_script_are_inlined_verbatim(example):
    html, _ = example
    folder = ROOT / "audit" / "report" / "templates"
    assert (folder / "report.css").read_text("utf-8") in html  # not entity-escaped inside <style>
    assert (folder / "report.js").read_text("utf-8") in html


def test_script_is_allowed_by_its_hash_only(example):
    html, page = example
    (script,) = page.scripts
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    (meta,) = [m for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert f"script-src 'sha256-{digest}'" in meta["content"]
    assert "default-src 'none'" in meta["content"]


def test_filters_offer_every_severity_rule_and_source(example):
    html, page = example
    assert {a["value"] for a in page.all("input") if a.get("name") == "severity"} == {"error", "warning", "info"}
    options = [a["value"] for a in page.all("option")]
    assert {"AGREE002", "PLACE001", "SUM003"} <= set(options)
    assert {"abc-2025-07-17", "ap-2025-07-17", "thaivisa-2025-07-17"} <= set(options)
    cards = page.all("article", **{"class": "card"})
    assert {c["data-sources"] for c in cards} == {"thaivisa-2025-07-17", "abc-2025-07-17", "ap-2025-07-17"}


def test_source_filter_is_ordered_by_outlet_then_source(tmp_path):
    # sources of one outlet (several days of "The Chronicle") came in the order of a set of strings, which
    # changes from one process to the next (string hashing is salted): the same report gave different pages
    from audit.synth import write

    write(6, 3, seed=5, out=tmp_path / "cases", format="cases", claims_per_case=30)
    html = render(check([tmp_path / "cases"]), "html", base=tmp_path / "out")
    select = html[html.index('<select name="source">'):]
    shown = re.findall(r'<option value="([^"]+)">([^<]+) \(', select[:select.index("</select>")])
    outlets = [outlet for _, outlet in shown]
    assert len(shown) > len(set(outlets))  # some outlet has several sources, whose order is the point
    assert shown == sorted(shown, key=lambda s: (s[1], s[0]))


def test_article_markup_shows_as_text(tmp_path):
    case = write_hostile_case(tmp_path)
    report = check([case])
    assert [f.rule for f in report.findings] == ["AGREE002"]
    html = render(report, "html", base=tmp_path / "out")
    page = parse(html)
    assert [t for t, _ in page.tags if t in ("img", "iframe", "object", "embed")] == []
    assert len(page.scripts) == 1 and "alert" not in page.scripts[0]
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    text = "".join(page.text)
    assert SCRIPT in text and IMAGE in text  # shown, as text
    assert "javascript:" not in "".join(a.get("href") or "" for a in page.all("a"))


def test_render_is_deterministic(tmp_path):
    report = check([EXAMPLE])
    assert render(report, "html", base=tmp_path) == render(report, "html", base=tmp_path)


def test_no_findings_page(tmp_path):
    report = case_report(check([EXAMPLE]), "cambodia-2025-07")
    report.findings = []
    page = parse(render(report, "html"))
    assert page.all("article", **{"class": "card"}) == []
    assert "the figures hold together" in "".join(page.text)


def test_reports_folder_has_all_three_files(tmp_path):
    written = write_case_reports(check([EXAMPLE]), tmp_path)
    assert sorted(p.name for p in written) == ["findings.json", "index.html", "report.md"]
    html = (tmp_path / "cambodia-2025-07" / "index.html").read_text("utf-8")
    hrefs = re.findall(r'href="([^"#][^"]*)"', html)
    local = [h for h in hrefs if not h.startswith("https://")]
    assert local and all((tmp_path / "cambodia-2025-07" / h).resolve().is_file() for h in local)


def test_several_cases_on_one_page(tmp_path):
    import shutil

    for name in ("first", "second"):
        shutil.copytree(EXAMPLE, tmp_path / "cases" / name)
    report = check([tmp_path / "cases"])
    page = parse(render(report, "html"))
    cards = page.all("article", **{"class": "card"})
    assert len(cards) == len(report.findings) == 2 * len(check([EXAMPLE]).findings)
    headings = [a for t, a in page.tags if t == "h3" and "case" in (a.get("class") or "")]
    assert len(headings) == 2


def test_a_page_draws_at_most_its_pictures_and_gives_the_other_figures_in_words(tmp_path, monkeypatch):
    # a page of many cases had one picture per figure and timeline (30 synthetic cases: 721, half a minute):
    # past the page's ``PICTURES`` they are listed in words, their captions whole, and the page says so
    from audit.report import html
    from audit.synth import write

    write(2, 3, seed=4, out=tmp_path, format="cases")
    report = check([tmp_path])
    whole = render(report, "html")
    drawings = re.findall(r'<figure class="chart( timeline)?">\s*(<svg)?', whole)
    sections = whole[whole.index('<section id="timelines"'):whole.index('<section id="findings"')]
    listed = re.findall(r'<figure class="chart( timeline)?">\s*(<svg)?', sections)
    assert len(listed) > 4 and all(svg for _, svg in listed)  # under the limit: every one drawn, as before
    assert "more are given in words" not in whole
    monkeypatch.setattr(html, "PICTURES", 3)
    capped = render(report, "html")
    part = capped[capped.index('<section id="timelines"'):capped.index('<section id="findings"')]
    figures = re.findall(r'<figure class="chart( timeline)?">\s*(<svg)?', part)
    assert len(figures) == len(listed) and sum(bool(svg) for _, svg in figures) == 3
    assert [svg for _, svg in figures] == ["<svg"] * 3 + [""] * (len(listed) - 3)  # timelines first, then figures
    assert f"The first 3 timelines and figures are drawn; {len(listed) - 3} more are given in words." in part
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", part, re.DOTALL)
    assert captions == re.findall(r"<figcaption>(.*?)</figcaption>", sections, re.DOTALL)  # every figure still in words
    assert len(re.findall(r'<figure class="chart( timeline)?">\s*<svg', capped)) == len(drawings) - (len(listed) - 3)
