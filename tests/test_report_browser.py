"""index.html as a person sees it: the example case's report opened in headless Chromium.

Checks through the DOM that every finding card and every picture is rendered, the filters work,
nothing logs an error, nothing is requested from any network address, a phone-sized window needs
no sideways scrolling, and a hostile article runs no script. Screenshots go to the test's tmp
folder, or to $AUDIT_SCREENSHOT_DIR when set.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) and selenium
(the ``dev`` extra); skipped with the reason otherwise.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from audit.check import check
from audit.report.files import write_case_report
from tests.hostile_case import IMAGE, SCRIPT, write_hostile_case

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "cases" / "cambodia-2025-07"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install chromium chromium-driver)"),
    pytest.mark.skipif(DRIVER is None, reason="no chromedriver on PATH (Debian: apt-get install chromium-driver)"),
]

FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    from selenium.common.exceptions import WebDriverException

    try:
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    except WebDriverException as error:  # installed but cannot start here (e.g. driver and browser versions differ)
        pytest.skip(f"chromium would not start under chromedriver: {str(error).splitlines()[0]}")
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def example_page(tmp_path_factory):
    report = check([EXAMPLE])
    folder = tmp_path_factory.mktemp("reports") / "cambodia-2025-07"
    write_case_report(report, report.cases[0], folder)
    return folder / "index.html", report


def charts_in_file(path: Path) -> list[str]:
    """The charts in the file as written: what the browser must render, counted without one."""
    return re.findall(r'<figure class="chart[^"]*">\s*<svg', path.read_text("utf-8"))


def screenshots() -> Path | None:
    folder = os.environ.get("AUDIT_SCREENSHOT_DIR")
    return Path(folder) if folder else None


def open_page(driver, path: Path, width: int = 1024, height: int = 900) -> None:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get_log("performance")
    driver.set_window_size(width, height)
    driver.get(path.as_uri())
    driver.execute_script("return document.readyState")


def requests_made(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def full_page_screenshot(driver, target: Path) -> Path:
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.execute_script("return window.innerWidth")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
    })
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(base64.b64decode(shot["data"]))
    return target


def test_example_report_renders_every_finding_and_picture(browser, example_page, tmp_path):
    path, report = example_page
    open_page(browser, path)
    cards = browser.find_elements("css selector", "article.card")
    assert len(cards) == len(report.findings) >= 4
    assert "Arial" in browser.execute_script("return getComputedStyle(document.body).fontFamily")  # the CSS parsed
    assert all(card.is_displayed() for card in cards)
    charts = browser.find_elements("css selector", "figure.chart svg")
    expected = len(charts_in_file(path))
    assert len(charts) == expected >= 4  # breakdowns (SUM003), headlines against their bodies, differing figures
    for chart in charts:
        assert chart.size["width"] > 200 and chart.size["height"] > 60
    rules = [card.get_attribute("data-rule") for card in cards]
    assert rules.count("SUM003") == 2 and "AGREE002" in rules
    sum_card = cards[rules.index("SUM003")]
    assert sum_card.find_elements("css selector", "svg[aria-label^='Breakdown:']")
    assert "= ≥997 (printed: 996), against >1,000 (≥1,001)" in sum_card.text
    thaivisa = [c for c, f in zip(cards, report.findings, strict=True)
                if f.rule == "AGREE002" and f.claims[0].source == "thaivisa-2025-07-17"]
    assert len(thaivisa) == 1  # ThaiVisa's headline against its own body, with its picture
    assert [m.text for m in thaivisa[0].find_elements("css selector", "mark")] == ["Cambodia detains 1,000", "over 1,000 people"]
    assert thaivisa[0].find_elements("css selector", "svg[aria-label^='Intervals:']")
    for card, finding in zip(cards, report.findings, strict=True):
        outlets = {c.outlet for c in finding.claims}
        assert all(outlet in card.text for outlet in outlets)
        assert card.find_elements("css selector", "blockquote mark")
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    requested = requests_made(browser)
    assert path.as_uri() in requested  # the log sees requests: the page itself is one
    away = [u for u in requested if not u.startswith(("file:", "data:", "about:"))]
    assert away == []
    full_page_screenshot(browser, (screenshots() or tmp_path) / "report-desktop.png")


def test_filters_hide_and_show_cards(browser, example_page):
    from selenium.webdriver.support.ui import Select

    path, report = example_page
    total = len(report.findings)
    open_page(browser, path)

    def shown() -> int:
        return len([c for c in browser.find_elements("css selector", "article.card") if c.is_displayed()])

    form = browser.find_element("id", "filters")
    assert form.is_displayed()
    Select(form.find_element("name", "rule")).select_by_value("SUM003")
    assert shown() == 2 and f"2 of {total} findings shown" in form.text
    Select(form.find_element("name", "rule")).select_by_value("")
    Select(form.find_element("name", "source")).select_by_value("thaivisa-2025-07-17")
    assert shown() == sum(any(c.source == "thaivisa-2025-07-17" for c in f.claims) for f in report.findings) == 2
    Select(form.find_element("name", "source")).select_by_value("")
    form.find_element("css selector", "input[value=warning]").click()
    assert shown() == 0 and f"0 of {total}" in form.text


def test_readable_on_a_phone_and_printable(browser, example_page, tmp_path):
    path, _ = example_page
    open_page(browser, path, width=390, height=844)
    overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    for chart in browser.find_elements("css selector", "figure.chart svg"):
        assert chart.size["width"] <= 390
    full_page_screenshot(browser, (screenshots() or tmp_path) / "report-phone.png")
    pdf = base64.b64decode(browser.print_page())
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_hostile_article_runs_no_script(browser, tmp_path):
    case = write_hostile_case(tmp_path)
    report = check([case])
    write_case_report(report, report.cases[0], tmp_path / "out")
    open_page(browser, tmp_path / "out" / "index.html")
    assert browser.execute_script("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert browser.execute_script("return document.scripts.length") == 1
    text = browser.find_element("tag name", "body").text
    assert SCRIPT in text and IMAGE in text
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018  (no alert() ran)
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


SMALLEST_LABEL = """
var smallest = 1e9;
document.querySelectorAll('figure.chart svg text').forEach(function (t) {
  var px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
  if (px < smallest) { smallest = px; }
});
return smallest;
"""


def test_on_a_phone_the_first_finding_is_on_the_first_screen_and_labels_are_readable(browser, example_page, tmp_path):
    path, _ = example_page
    open_page(browser, path, width=390, height=844)
    top = browser.execute_script("return document.querySelector('article.card').getBoundingClientRect().top")
    assert 0 < top < browser.execute_script("return window.innerHeight") - 150  # its head and message show
    assert browser.execute_script(SMALLEST_LABEL) >= 11
    open_page(browser, path, width=1280, height=900)
    assert browser.execute_script(SMALLEST_LABEL) >= 11


@pytest.fixture(scope="module")
def dated_page(tmp_path_factory):
    """A case of our own whose outlets report the dead on three days: the count rises, then one outlet's shrinks."""
    from tests.conftest import write_case

    root = tmp_path_factory.mktemp("dated")
    articles, claims = {}, {}
    stories = [("ledger-18", "2025-08-18", "Lahore Ledger", "At least 41 people have died in Punjab.", "At least 41 people", "at_least", 41),
               ("wire-19", "2025-08-19", "Example Wire", "Officials in Punjab said 44 people had died.", "44 people", "exact", 44),
               ("ledger-20", "2025-08-20", "Lahore Ledger", "The toll in Punjab now stands at 38 people.", "38 people", "exact", 38)]
    for source, day, outlet, body, phrase, qualifier, value in stories:
        articles[source] = f"---\ntitle: Flood report\noutlet: {outlet}\npublished: {day}\n---\n{body}\n"
        start = len("Flood report\n\n") + body.index(phrase)
        claims[source] = [{"id": f"{source}-dead", "text": phrase, "start": start, "end": start + len(phrase),
                           "value": value, "qualifier": qualifier, "measure": "deaths", "place": ["PK-PB"],
                           "cumulative": True}]
    case = write_case(root / "punjab-floods", claims, articles=articles, config={"country": "PK", "period": None})
    report = check([case])
    folder = root / "reports"
    write_case_report(report, report.cases[0], folder)
    return folder / "index.html", report


def test_a_timeline_shows_each_outlets_figures_by_date(browser, dated_page, tmp_path):
    path, report = dated_page
    open_page(browser, path, width=1280, height=900)
    timelines = browser.find_elements("css selector", "#timelines figure.timeline")
    assert len(timelines) == 1
    svg = timelines[0].find_element("css selector", "svg")
    label = svg.get_attribute("aria-label")
    assert label.startswith("Timeline:")
    assert "Lahore Ledger ≥41 on 2025-08-18" in label and "Example Wire 44 on 2025-08-19" in label
    assert "Lahore Ledger 38 on 2025-08-20" in label
    texts = [t.text for t in svg.find_elements("css selector", "text")]
    assert {"18 Aug", "19 Aug", "20 Aug"} <= set(texts)
    caption = timelines[0].find_element("css selector", "figcaption").text
    assert caption.startswith("People killed or dead in Punjab")
    assert svg.size["width"] > 300 and svg.size["height"] > 150
    assert browser.execute_script(SMALLEST_LABEL) >= 11
    full_page_screenshot(browser, (screenshots() or tmp_path) / "timeline-desktop.png")
    open_page(browser, path, width=390, height=844)
    assert browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert browser.execute_script(SMALLEST_LABEL) >= 11
    full_page_screenshot(browser, (screenshots() or tmp_path) / "timeline-phone.png")
