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
    claim = ClaimRef(id="a", source="s", text='<script>x</script> $\\frac{1}{2}$',
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
