"""``index.html``: one self-contained page a reader trusts at a glance (``--format html``).

No network: styles, the filter script and the pictures (matplotlib SVG, see ``charts``) are
inline, and a Content-Security-Policy forbids every fetch. Every string from an article, a claim
file or case.yaml passes through Jinja2's autoescape; only our own CSS and script and the SVG
that matplotlib wrote (which escapes its own text) are marked safe. The page is rendered from
``templates/report.html.j2``; a finding's explanation is its rule's docstring (first line and
first paragraph).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

from audit.findings import SEVERITIES, Figure, Finding, Report
from audit.report import charts, words
from audit.report.quotes import Quote, quotes

__all__ = ["render"]

_TEMPLATES = Path(__file__).with_name("templates")
#: Rules whose claims are a whole followed by its parts: drawn as a stacked breakdown.
BREAKDOWN_RULES = ("SUM001", "SUM002", "SUM003")


@dataclass(frozen=True)
class Card:
    """What the template needs for one finding."""

    finding: Finding
    index: int
    summary: str
    explanation: str
    quotes: list[Quote]
    chart: Markup | None
    sources: list[str]


@cache
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["first_upper"] = lambda text: str(text)[:1].upper() + str(text)[1:]  # "Punjab" stays capital
    from audit.report.text import shown_path

    environment.filters["shown"] = shown_path  # paths as the user typed them: relative to the current folder
    return environment


def render(report: Report, base: Path | str | None = None, title: str | None = None, **options: object) -> str:
    """The report as one HTML page. ``base``: the folder the page will be written to (article links become relative)."""
    from audit.rules import REGISTRY

    sources = [s["source"] for s in report.source_table]
    outlet_of = {c.source: c.outlet for f in [*report.findings, *report.figures] for c in f.claims if c.outlet}
    outlet_of.update({s["source"]: s["outlet"] for s in report.source_table if s.get("outlet")})
    colors = charts.outlet_colors(sources + [c.source for f in report.findings for c in f.claims], outlet_of)
    outlets = {(s["case"], s["source"]): s.get("outlet") or s["source"] for s in report.source_table}
    cards = [_card(f, i, REGISTRY, colors) for i, f in enumerate(report.findings)]
    figures = [f for f in report.figures if _differs(f)]
    agreed = [f for f in report.figures if not _differs(f)]
    timelines = list(_timelines(report).items())
    drawn_timelines = min(len(timelines), PICTURES)
    drawn_figures = min(len(figures), PICTURES - drawn_timelines)
    by_rule = Counter(f.rule for f in report.findings if not f.waived)
    script = (_TEMPLATES / "report.js").read_text("utf-8")
    page = _environment().get_template("report.html.j2").render(
        title=title or ("Discrepancy report: " + ", ".join(Path(c).name for c in report.cases)),
        report=report,
        summary=report.summary(),
        counts=report.counts(),
        severities=SEVERITIES,
        rules=[(REGISTRY[code], n) for code, n in sorted(by_rule.items()) if code in REGISTRY],
        rule_codes=sorted({f.rule for f in report.findings}),
        source_rows=[{**s, "href": _href(s.get("url"), s.get("file"), base)} for s in report.source_table],
        filter_sources=sorted({(c.source, outlets.get((card.finding.case, c.source), c.source))
                               for card in cards for c in card.finding.claims}, key=lambda s: (s[1], s[0])),  # by outlet, then id
        cards=cards,
        cases=list(dict.fromkeys(report.cases)),
        figures=[(f, Markup(charts.interval_chart(f.claims, colors, key=f"figure-{i}")) if i < drawn_figures else None)
                 for i, f in enumerate(figures)],
        undrawn=len(timelines) - drawn_timelines + len(figures) - drawn_figures,
        agreed=agreed,
        timelines=[(case, words.scope(*scope), claims,
                    Markup(charts.timeline_chart(claims, colors, key=f"timeline-{i}")) if i < drawn_timelines else None)
                   for i, ((case, *scope), claims) in enumerate(timelines)],
        pictures=PICTURES,
        scope=lambda claim: words.scope(claim.measure, claim.place, claim.group),
        coverage=report.coverage,
        href=lambda claim: _href(claim.url, claim.file, base),
        colors=colors,
        style=Markup((_TEMPLATES / "report.css").read_text("utf-8")),  # our own file, in a raw-text element
        script=Markup(script),
        script_hash=base64.b64encode(hashlib.sha256(script.encode()).digest()).decode(),
    )
    return re.sub(r"[ \t]+\n", "\n", page)


def _timelines(report: Report) -> dict[tuple, list]:
    """Every claim the report holds (figures and findings), by case, measure, place and group, where the
    claims stand at two or more dates: what a timeline per measure draws."""
    seen: dict[tuple, object] = {}
    for case, claims in [(f.case, f.claims) for f in report.figures] + [(f.case, f.claims) for f in report.findings]:
        for claim in claims:
            seen.setdefault((case, claim.source, claim.id), (case, claim))
    groups: dict[tuple, list] = {}
    for case, claim in seen.values():
        if claim.measure and claim.measure != "ratio":
            groups.setdefault((case, claim.measure, claim.place, claim.group), []).append(claim)
    return {key: claims for key, claims in groups.items()
            if len({charts.claim_date(c) for c in charts.timeline_claims(claims)}) > 1}


def _card(finding: Finding, index: int, registry: dict, colors: dict[str, str]) -> Card:
    rule = registry.get(finding.rule)
    paragraphs = rule.doc.split("\n\n") if rule else [""]
    explanation = " ".join(paragraphs[1].split()).replace("**", "") if len(paragraphs) > 1 else ""
    return Card(
        finding=finding,
        index=index,
        summary=rule.summary if rule else "",
        explanation=explanation,
        quotes=quotes(finding.claims),
        chart=_chart(finding, index, colors),
        sources=list(dict.fromkeys(c.source for c in finding.claims)),
    )


#: findings drawn, the first shown (the most severe): a drawing takes a tenth of a second, and a page of
#: thousands of findings must not take minutes
CHARTS = 20

#: timelines and figures several outlets report drawn on a page, timelines first, each in its order (a figure
#: not drawn is still listed, its outlets' figures in words): a real event's page has up to 18 (the development
#: corpus), but a page of many cases had one per figure of each (30 synthetic cases: 721 pictures, 29 s; 10,000
#: cases would take hours)
PICTURES = 60


def _chart(finding: Finding, index: int, colors: dict[str, str]) -> Markup | None:
    """A breakdown for the SUM rules; intervals on one axis when two or more claims count the same thing
    (for the first ``CHARTS`` findings)."""
    if index >= CHARTS:
        return None
    claims = [c for c in finding.claims if charts.chartable(c)]
    key = f"finding-{index}-{finding.fingerprint}"
    if finding.rule in BREAKDOWN_RULES and len(claims) >= 2 and claims[0] is finding.claims[0]:
        return Markup(charts.breakdown_chart(claims[0], claims[1:], finding.observed, key=key))
    if len(claims) >= 2 and len({c.measure for c in claims}) == 1 and claims[0].measure not in ("ratio",):
        return Markup(charts.interval_chart(claims, colors, key=key))
    return None


def _differs(figure: Figure) -> bool:
    """A figure worth a picture: its sources do not all print the same interval."""
    return len({(c.low, c.high) for c in figure.claims if charts.chartable(c)}) > 1


def _href(url: str | None, file: str | None, base: Path | str | None) -> str | None:
    """A link to the article: its web address when it has one, else the file relative to the page."""
    if url and re.match(r"^https?://", url, re.IGNORECASE):
        return url
    if file and base is not None:
        relative = os.path.relpath(Path(file).resolve(), Path(base).resolve())
        relative = quote(relative.replace(os.sep, "/"))
        return relative if relative.startswith(".") else "./" + relative
    return None
