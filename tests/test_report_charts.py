"""The pictures: any intervals (open ends, exact values, ranges, decimals) draw, deterministically, as inline SVG."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.findings import ClaimRef
from audit.report.charts import breakdown_chart, interval_chart, outlet_colors

bounds = st.one_of(st.none(), st.integers(0, 2_000_000).map(Decimal), st.decimals(0, 100, places=2))


@st.composite
def claims(draw, n=st.integers(1, 6)):
    out = []
    for i in range(draw(n)):
        low, high = draw(bounds), draw(bounds)
        if low is None and high is None:
            low = Decimal(draw(st.integers(0, 1000)))
        if low is not None and high is not None and low > high:
            low, high = high, low
        text = draw(st.text(min_size=1, max_size=80))
        out.append(ClaimRef(id=f"c{i}", source=f"s{i % 3}", text=text, low=low, high=high, display=text[:10],
                            outlet=draw(st.text(max_size=60)) or None, role=draw(st.sampled_from(["body", "headline"]))))
    return out


def well_formed(svg: str, key: str) -> None:
    assert svg.startswith("<svg ") and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<script" not in svg.lower()
    ids = re.findall(r'<[^<>]*\sid="([^"]+)"', svg)
    assert ids and all(i.startswith(f"{key}-") for i in ids) and len(ids) == len(set(ids))


@settings(max_examples=12, deadline=None)
@given(claims())
def test_interval_chart_draws_any_intervals(items):
    svg = interval_chart(items, outlet_colors([c.source for c in items]), key="k1")
    well_formed(svg, "k1")
    assert svg == interval_chart(items, outlet_colors([c.source for c in items]), key="k1")


@settings(max_examples=12, deadline=None)
@given(claims(n=st.integers(2, 8)))
def test_breakdown_chart_draws_any_parts(items):
    whole, parts = items[0], items[1:]
    total = sum((p.low or Decimal(0)) for p in parts)
    svg = breakdown_chart(whole, parts, (total, None), key="k2")
    well_formed(svg, "k2")


def test_text_from_articles_is_escaped_in_the_svg():
    claim = ClaimRef(id="a", source="s", text='<script> $\\frac{1}{2}$',  # short enough to be drawn whole
                     low=Decimal(5), high=None, display=">4", outlet="<b>Outlet</b> & Co")
    other = ClaimRef(id="b", source="t", text="5", low=Decimal(5), high=Decimal(5), display="5", outlet="Other")
    svg = interval_chart([claim, other], {}, key="k3")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "&lt;b&gt;Outlet&lt;/b&gt; &amp; Co" in svg
    assert "$\\frac{1}{2" in svg  # printed as written, not typeset as mathematics


def test_money_with_dollar_signs_stays_text():
    claim = ClaimRef(id="m", source="s", text="$19 to $29 billion", low=Decimal(19), high=Decimal(29), display="19–29")
    other = ClaimRef(id="n", source="t", text="$30 billion", low=Decimal(30), high=Decimal(30), display="30")
    assert "$19 to $29 billion" in interval_chart([claim, other], {}, key="k4")


def _tick_labels(svg: str) -> list[str]:
    """The axis tick labels matplotlib wrote (text elements inside its tick groups)."""
    import re as _re

    groups = _re.findall(r'<g id="[^"]*text_\d+">\s*(?:<!--[^>]*-->\s*)?<g[^>]*>\s*<text[^>]*>([^<]*)</text>', svg)
    return groups or _re.findall(r'<g id="[^"]*xtick_\d+">.*?<text[^>]*>([^<]*)</text>', svg, flags=_re.DOTALL)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 5000), st.integers(1, 9))
def test_tick_labels_over_small_ranges_are_distinct(start, span):
    """ "17 18 18 18 19" never again: over any small range of counts every tick label differs."""
    import re as _re

    items = [ClaimRef(id=f"c{i}", source=f"s{i}", text="x", low=Decimal(start + i * span // 2), high=Decimal(start + i * span // 2),
                      display="x") for i in range(3)]
    svg = interval_chart(items, {}, key="t")
    ticks = _re.findall(r'<g id="t-xtick_\d+">.*?<text[^>]*>([^<]*)</text>', svg, flags=_re.DOTALL)
    assert len(ticks) >= 2 and len(ticks) == len(set(ticks))


def test_breakdown_legend_names_places_and_groups_in_colours_no_outlet_has():
    from audit.report.charts import PALETTE, PART_PALETTE

    whole = ClaimRef(id="w", source="s", text="more than 100 people", low=Decimal(101), high=None, display=">100",
                     place=("KH",), measure="detained")
    parts = [ClaimRef(id="p1", source="s", text="40 Indonesians", low=Decimal(40), high=Decimal(40), display="40",
                      place=("KH",), group=("ID",), measure="detained"),
             ClaimRef(id="p2", source="s", text="55 in Kratie", low=Decimal(55), high=Decimal(55), display="55",
                      place=("KH-10",), measure="detained")]
    svg = breakdown_chart(whole, parts, (Decimal(95), None), key="b")
    assert "Indonesians: 40" in svg and "Kratie: 55" in svg and "KH-10" not in svg
    assert not set(PART_PALETTE) & set(PALETTE)
    assert not any(color.lower() in svg.lower() for color in PALETTE if color != "#000000")


def test_timeline_draws_each_outlets_figures_by_date():
    from audit.report.charts import timeline_chart

    def claim(i, source, day, low, high):
        return ClaimRef(id=f"t{i}", source=source, text="x", low=None if low is None else Decimal(low),
                        high=None if high is None else Decimal(high), display=str(low), outlet=source.title(),
                        published=f"2025-08-{day}", measure="deaths", place=("PK-PB",))

    items = [claim(1, "ledger", 18, 41, None), claim(2, "ledger", 20, 38, 38), claim(3, "wire", 19, 44, 44),
             claim(4, "courier", 18, 30, 40)]
    svg = timeline_chart(items, outlet_colors(["ledger", "wire", "courier"]), key="tl")
    well_formed(svg, "tl")
    assert svg.startswith('<svg role="img" aria-label="Timeline: ')
    for day in ("18 Aug", "19 Aug", "20 Aug"):
        assert day in svg
    assert "Ledger" in svg and "Wire" in svg and "Courier" in svg
    assert "ledger" not in svg.split("aria-label", 1)[0]


def test_plain_words_for_codes():
    from audit.report.words import group_name, place_name, scope

    assert place_name("KH-1") == "Banteay Meanchey" and place_name("KH-1/Poipet") == "Poipet"
    assert place_name("PK-PB") == "Punjab"
    assert group_name("ID") == "Indonesians" and group_name("female") == "women" and group_name("VN") == "Vietnamese"
    assert scope("houses_damaged", ("PK-SD",)) == "houses or buildings damaged in Sindh"


@settings(max_examples=12, deadline=None)
@given(claims(n=st.integers(1, 6)), st.lists(st.integers(1, 28), min_size=6, max_size=6))
def test_timeline_chart_draws_any_dated_intervals(items, days):
    from dataclasses import replace

    from audit.report.charts import timeline_chart

    dated = [replace(c, published=f"2025-02-{day:02d}") for c, day in zip(items, days, strict=False)]
    svg = timeline_chart(dated, outlet_colors([c.source for c in dated]), key="k5")
    well_formed(svg, "k5")
    assert svg == timeline_chart(dated, outlet_colors([c.source for c in dated]), key="k5")
