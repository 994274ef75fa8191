"""Pictures for the HTML report, drawn by matplotlib and returned as inline SVG text.

Two pictures, both on one numeric axis:

- ``interval_chart``: one row per claim, each outlet's interval for the same figure. An exact
  figure is a dot; a closed range is a bar with end caps; an open end ("more than 1,000") is an
  arrow pointing off the axis, so disagreement shows as rows that do not overlap.
- ``breakdown_chart``: the parts of a whole stacked end to end (at their stated minimums; hedged
  parts hatched, they may be larger) against the whole's interval. When the gap between the
  parts' sum and the whole is too small to see at full scale, a second panel zooms on it.

Matplotlib draws through its object API (no pyplot state), renders offline, and escapes every
text it writes into the SVG. Output is deterministic: fixed hash salt, no date in the metadata.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from audit.findings import ClaimRef

__all__ = ["interval_chart", "breakdown_chart", "outlet_colors", "chartable"]

#: Colour-blind-safe palette (Okabe-Ito), one colour per source.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
_SHORTFALL = "#D55E00"
_WHOLE = "#444444"


def outlet_colors(sources: Sequence[str]) -> dict[str, str]:
    """A stable colour per source, in the order given."""
    return {source: PALETTE[i % len(PALETTE)] for i, source in enumerate(dict.fromkeys(sources))}


def chartable(claim: ClaimRef) -> bool:
    return claim.low is not None or claim.high is not None


def _figure(width: float, height: float, rows: int = 1, ratios: Sequence[float] | None = None):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.subplots(rows, 1, gridspec_kw={"height_ratios": list(ratios)} if ratios else None, squeeze=False)
    return figure, [row[0] for row in axes]


#: matplotlib settings for every chart: text stays text (no "$...$" mathtext from an article), SVG text is real text.
_RC = {"text.parse_math": False, "svg.fonttype": "none", "font.family": ["DejaVu Sans", "sans-serif"]}


def _drawn(draw):
    """Run a drawing function under ``_RC``, without warnings for scripts the bundled font lacks (the browser has fonts)."""
    from functools import wraps

    @wraps(draw)
    def run(*args, **kwargs):
        import warnings

        import matplotlib

        with matplotlib.rc_context(_RC), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r"Glyph .* missing from", category=UserWarning)
            return draw(*args, **kwargs)

    return run


def _svg(figure, key: str, label: str) -> str:
    """The figure as an ``<svg>`` element (no XML prolog), ids salted by ``key`` so charts on one page never collide."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": key}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, count=1, flags=re.DOTALL)
    # matplotlib numbers its groups figure_1, axes_1 ... in every file: prefix ids so one page holds many charts
    text = re.sub(r"<[^<>]+>", lambda tag: _prefix_ids(tag.group(0), key), text)  # tags only, never text
    from markupsafe import escape

    return text.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" class="chart-svg" ', 1)


def _prefix_ids(tag: str, key: str) -> str:
    tag = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{key}-{m.group(1)}"', tag)
    return re.sub(r'(href="#|url\(#)([^")]+)', lambda m: f"{m.group(1)}{key}-{m.group(2)}", tag)


def _style(axis) -> None:
    for side in ("top", "right", "left"):
        axis.spines[side].set_visible(False)
    axis.tick_params(axis="y", length=0)
    axis.grid(axis="x", color="#dddddd", linewidth=0.6)
    axis.set_axisbelow(True)
    axis.xaxis.set_major_formatter(_thousands())


def _thousands():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda x, _pos: f"{x:,.0f}" if abs(x) >= 1 or x == 0 else f"{x:g}")


def _span(values: Sequence[float], open_ends: bool) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = max((high - low) * 0.08, abs(high) * 0.04, 1.0)
    left = 0.0 if low >= 0 and low <= (high - low) * 0.6 else low - pad
    right = high + pad * (3 if open_ends else 1)
    return left, right


def _label(claim: ClaimRef) -> str:
    """Two lines: the outlet (and the role when it is not body text), then the phrase as printed."""
    import textwrap

    outlet = claim.outlet or claim.source
    if claim.role != "body":
        outlet += f" ({claim.role})"
    phrase = claim.text if len(claim.text) <= 34 else claim.text[:33].rstrip() + "…"
    return textwrap.shorten(outlet, width=40, placeholder="…") + f"\n“{phrase}”"


@_drawn
def interval_chart(claims: Sequence[ClaimRef], colors: dict[str, str], key: str, title: str | None = None) -> str:
    """Each claim's interval on one axis: dots for exact figures, bars for ranges, arrows for open ends."""
    claims = [c for c in claims if chartable(c)]
    finite = [float(v) for c in claims for v in (c.low, c.high) if v is not None]
    opened = any(c.low is None or c.high is None for c in claims)
    left, right = _span(finite, opened)
    figure, (axis,) = _figure(6.8, 0.8 + 0.55 * len(claims))
    for row, claim in enumerate(reversed(claims)):
        color = colors.get(claim.source, PALETTE[0])
        low = float(claim.low) if claim.low is not None else None
        high = float(claim.high) if claim.high is not None else None
        if low is not None and low == high:
            axis.plot([low], [row], "o", color=color, markersize=8, zorder=3)
            continue
        start = low if low is not None else left + (right - left) * 0.03
        end = high if high is not None else right - (right - left) * 0.03
        axis.plot([start, end], [row, row], color=color, linewidth=5, solid_capstyle="butt", zorder=2)
        for bound, edge, direction in ((low, start, -1), (high, end, 1)):
            if bound is None:  # an open side: an arrow running off the axis
                tip = right if direction == 1 else left
                axis.annotate("", xy=(tip, row), xytext=(edge - direction * (right - left) * 0.03, row),
                              arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 2, "mutation_scale": 16})
            else:
                axis.plot([bound], [row], "|", color=color, markersize=14, markeredgewidth=2, zorder=3)
    axis.set_yticks(range(len(claims)), [_label(c) for c in reversed(claims)])
    axis.set_ylim(-0.6, len(claims) - 0.4)
    axis.set_xlim(left, right)
    _style(axis)
    if title:
        axis.set_title(title, loc="left", fontsize=10)
    label = "; ".join(f"{c.outlet or c.source}: {c.display}" for c in claims)
    return _svg(figure, key, f"Intervals: {label}")


@_drawn
def breakdown_chart(whole: ClaimRef, parts: Sequence[ClaimRef], observed: tuple | None, colors: Sequence[str] = PALETTE,
                    key: str = "breakdown") -> str:
    """The parts stacked at their minimums against the whole's interval; a zoom panel when the gap is small."""
    lows = [float(p.low if p.low is not None else 0) for p in parts]
    total = float(observed[0]) if observed and observed[0] is not None else sum(lows)
    whole_low = float(whole.low) if whole.low is not None else 0.0
    whole_high = float(whole.high) if whole.high is not None else None
    target = whole_low if total < whole_low else (whole_high if whole_high is not None and total > whole_high else None)
    gap = abs(total - target) if target is not None else 0.0
    top = max(total, whole_high or whole_low)
    right = top * 1.12 + 1
    zoom = target is not None and gap < right * 0.03
    figure, axes = _figure(6.8, 3.3 if zoom else 2.3, rows=2 if zoom else 1, ratios=(1.6, 1) if zoom else None)
    for index, axis in enumerate(axes):
        left_edge, right_edge = (0.0, right)
        if index == 1:  # the zoom: a window around the gap, wide enough to show the last parts' ends
            width = max(gap * 4, 8.0)
            left_edge, right_edge = min(total, target) - width, max(total, target) + width
        _stack(axis, parts, lows, colors, left_edge, right_edge)
        _whole_bar(axis, whole, whole_low, whole_high, left_edge, right_edge)
        if target is not None:
            axis.axvspan(min(total, target), max(total, target), ymin=0, ymax=1, color=_SHORTFALL, alpha=0.18, zorder=0)
        axis.set_yticks([1, 0], ["parts", "whole"])
        axis.set_ylim(-0.6, 1.6)
        axis.set_xlim(left_edge, right_edge)
        _style(axis)
        if index == 1:
            what = "short of" if total < (target or 0) else "over"
            axis.set_title(f"zoom: parts at least {total:,.0f}, {gap:,.0f} {what} the whole's {target:,.0f}",
                           loc="left", fontsize=9, color=_SHORTFALL)
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=colors[i % len(colors)], hatch="///" if _hedged(p) else None, edgecolor="white",
                     label=p.display + ("  (may be larger)" if _hedged(p) else "") + f" — {p.text}"[:60])
               for i, p in enumerate(parts)]
    handles.append(Patch(facecolor=_WHOLE, label=f"whole {whole.display} — {whole.text}"[:60]))
    figure.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=7.5, frameon=False)
    label = f"Breakdown: parts {' + '.join(p.display for p in parts)} against the whole {whole.display}"
    return _svg(figure, key, label)


def _hedged(claim: ClaimRef) -> bool:
    return claim.high is None or (claim.low is not None and claim.high > claim.low)


def _stack(axis, parts: Sequence[ClaimRef], lows: Sequence[float], colors: Sequence[str], left: float, right: float) -> None:
    start = 0.0
    for i, (part, low) in enumerate(zip(parts, lows, strict=True)):
        axis.barh(1, low, left=start, height=0.6, color=colors[i % len(colors)], edgecolor="white", linewidth=0.8,
                  hatch="///" if _hedged(part) else None, zorder=2)
        middle = start + low / 2
        if low > (right - left) * 0.06 and left <= middle <= right:
            axis.text(middle, 1, part.display, ha="center", va="center", fontsize=8, color="black", zorder=3,
                      bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
        start += low


def _whole_bar(axis, whole: ClaimRef, low: float, high: float | None, left: float, right: float) -> None:
    end = high if high is not None else right - (right - left) * 0.04
    if high is not None and high == low:
        axis.plot([low], [0], "o", color=_WHOLE, markersize=8, zorder=3)
    else:
        axis.plot([max(low, left), end], [0, 0], color=_WHOLE, linewidth=8, solid_capstyle="butt", zorder=2)
        axis.plot([low], [0], "|", color=_WHOLE, markersize=16, markeredgewidth=2, zorder=3)
        if high is None:
            axis.annotate("", xy=(right, 0), xytext=(right - (right - left) * 0.06, 0),
                          arrowprops={"arrowstyle": "-|>", "color": _WHOLE, "linewidth": 2, "mutation_scale": 16})
    axis.axvline(low, color=_WHOLE, linewidth=0.8, linestyle="--", zorder=1)
