"""Pictures for the HTML report, drawn by matplotlib and returned as inline SVG text.

Three pictures:

- ``interval_chart``: one row per claim, each outlet's interval for the same figure, the outlet
  and the phrase written above its row. An exact figure is a dot; a closed range is a bar with
  end caps; an open end ("more than 1,000") is an arrow pointing off the axis, so disagreement
  shows as rows that do not overlap.
- ``breakdown_chart``: the parts of a whole stacked end to end (at their stated minimums; hedged
  parts hatched, they may be larger) against the whole's interval, the legend naming each part's
  place or group in words, in colours no outlet has. When the gap between the parts' sum and
  the whole is too small to see at full scale, a second panel zooms on it.
- ``timeline_chart``: one measure's figures by the date they stand at (``as_of``, else the
  publication date), one colour per outlet, hedged figures as ranges, each outlet's figures
  joined in date order, so a count that shrinks or outlets that drift apart show at a glance.

Sizes: charts are drawn 4.8 inches wide with 12-unit text, so a phone that shows them 340 CSS
pixels wide still draws every label at 11 px or more.

Matplotlib draws through its object API (no pyplot state), renders offline, and escapes every
text it writes into the SVG. Output is deterministic: fixed hash salt, no date in the metadata.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from audit.findings import ClaimRef

__all__ = ["interval_chart", "breakdown_chart", "timeline_chart", "timeline_claims", "claim_date", "outlet_colors", "chartable", "PALETTE", "PART_PALETTE"]

#: Colour-blind-safe palette (Okabe-Ito), one colour per source.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: The parts of a breakdown (places, groups), never an outlet's colour: Paul Tol's "muted" scheme.
PART_PALETTE = ("#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
WIDTH = 4.8  # inches; see "Sizes" above
FONT = 12.0  # SVG units (points); the smallest text drawn
LABEL_CHARS = 48  # characters of FONT-sized DejaVu Sans that fit in WIDTH
_SHORTFALL = "#B2182B"  # the gap between parts and whole: no outlet or part has this red
_WHOLE = "#444444"


def outlet_colors(sources: Sequence[str], outlets: dict[str, str] | None = None) -> dict[str, str]:
    """A stable colour per source, in the order given; sources of one outlet (``outlets``: source -> outlet) share it."""
    outlets = outlets or {}
    order = list(dict.fromkeys(outlets.get(s, s) for s in sources))
    return {source: PALETTE[order.index(outlets.get(source, source)) % len(PALETTE)] for source in dict.fromkeys(sources)}


def chartable(claim: ClaimRef) -> bool:
    return claim.low is not None or claim.high is not None


def _figure(width: float, height: float, rows: int = 1, ratios: Sequence[float] | None = None):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.subplots(rows, 1, gridspec_kw={"height_ratios": list(ratios)} if ratios else None, squeeze=False)
    return figure, [row[0] for row in axes]


#: matplotlib settings for every chart: text stays text (no "$...$" mathtext from an article), SVG text is real text.
_RC = {"text.parse_math": False, "svg.fonttype": "none", "font.family": ["DejaVu Sans", "sans-serif"],
       "font.size": FONT, "xtick.labelsize": FONT, "ytick.labelsize": FONT, "legend.fontsize": FONT,
       "axes.titlesize": FONT}


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


def _style(axis, integral: bool = True) -> None:
    for side in ("top", "right", "left"):
        axis.spines[side].set_visible(False)
    axis.tick_params(axis="y", length=0)
    axis.grid(axis="x", color="#dddddd", linewidth=0.6)
    axis.set_axisbelow(True)
    _numbers(axis.xaxis, integral)


def _numbers(scale, integral: bool = True) -> None:
    """At most five ticks, each label distinct: whole numbers for counts, as many decimals as the step needs."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    locator = MaxNLocator(nbins=4, integer=integral, min_n_ticks=2)
    scale.set_major_locator(locator)

    def label(x: float, _pos: int | None) -> str:
        ticks = locator()
        step = min((abs(b - a) for a, b in zip(ticks, ticks[1:], strict=False) if b != a), default=1.0)
        decimals = 0 if step >= 1 or integral else min(6, max(1, -int(f"{step:e}".split("e")[1])))
        return f"{x:,.{decimals}f}"

    scale.set_major_formatter(FuncFormatter(label))


def _integral(claims: Sequence[ClaimRef]) -> bool:
    return all(v is None or v == v.to_integral_value() for c in claims for v in (c.low, c.high))


def _span(values: Sequence[float], open_ends: bool) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = max((high - low) * 0.08, abs(high) * 0.04, 1.0)
    left = 0.0 if low >= 0 and low <= (high - low) * 0.6 else low - pad
    right = high + pad * (3 if open_ends else 1)
    return left, right


def _label(claim: ClaimRef) -> str:
    """One line above the row: the outlet (and the role when it is not body text), then the phrase as printed."""
    outlet = re.split(r",\s+via\s", claim.outlet or claim.source)[0]  # "AP, via Manila Bulletin": the outlet is AP
    outlet = outlet if len(outlet) <= 20 else outlet[:19].rstrip() + "…"
    if claim.role != "body":
        outlet += f", {claim.role}"
    room = max(14, LABEL_CHARS - len(outlet) - 4)  # the whole label fits the chart's width at FONT
    phrase = claim.text if len(claim.text) <= room else claim.text[: room - 1].rstrip() + "…"
    return f"{outlet}: “{phrase}”"


@_drawn
def interval_chart(claims: Sequence[ClaimRef], colors: dict[str, str], key: str, title: str | None = None) -> str:
    """Each claim's interval on one axis: dots for exact figures, bars for ranges, arrows for open ends."""
    claims = [c for c in claims if chartable(c)]
    finite = [float(v) for c in claims for v in (c.low, c.high) if v is not None]
    opened = any(c.low is None or c.high is None for c in claims)
    left, right = _span(finite, opened)
    figure, (axis,) = _figure(WIDTH, 0.7 + 0.62 * len(claims))
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
    for row, claim in enumerate(reversed(claims)):  # the label above its row, over the whole width
        text = axis.text(0.0, row + 0.28, _label(claim), transform=axis.get_yaxis_transform(), ha="left",
                         va="bottom", fontsize=FONT, color="#1d1d1f")
        text.set_in_layout(False)  # over the plot, not beside it: the axis keeps the full width
    axis.set_yticks([])
    axis.set_ylim(-0.45, len(claims) - 0.05)
    axis.set_xlim(left, right)
    _style(axis, _integral(claims))
    if title:
        axis.set_title(title, loc="left", fontsize=FONT)
    label = "; ".join(f"{c.outlet or c.source}: {c.display}" for c in claims)
    return _svg(figure, key, f"Intervals: {label}")


@_drawn
def breakdown_chart(whole: ClaimRef, parts: Sequence[ClaimRef], observed: tuple | None,
                    colors: Sequence[str] = PART_PALETTE, key: str = "breakdown") -> str:
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
    labels = [f"{_part_name(p, whole)}: {p.display}" for p in parts] + [f"the whole: {whole.display}"]
    columns = 2 if max(len(label) for label in labels) <= LABEL_CHARS // 2 - 4 else 1
    rows_of_legend = -(-len(labels) // columns)
    figure, axes = _figure(WIDTH, (3.6 if zoom else 2.2) + 0.3 * rows_of_legend, rows=2 if zoom else 1,
                           ratios=(1.4, 1) if zoom else None)
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
        _style(axis, _integral([whole, *parts]))
        if index == 1:
            what = "short of" if total < (target or 0) else "over"
            axis.set_title(f"zoom: parts ≥{total:,.0f}, {gap:,.0f} {what} {target:,.0f}",
                           loc="left", fontsize=FONT, color=_SHORTFALL)
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=colors[i % len(colors)], hatch="///" if _hedged(p) else None, edgecolor="white",
                     label=labels[i]) for i, p in enumerate(parts)]
    handles.append(Patch(facecolor=_WHOLE, label=labels[-1]))
    figure.legend(handles=handles, loc="outside lower center", ncols=columns, fontsize=FONT, frameon=False,
                  handlelength=1.2, columnspacing=1.0)
    label = f"Breakdown: parts {' + '.join(p.display for p in parts)} against the whole {whole.display}"
    return _svg(figure, key, label)


def _part_name(part: ClaimRef, whole: ClaimRef) -> str:
    """What tells a part from its whole, in words: its place, else its group, else its phrase."""
    from audit.report.words import groups, places

    group = [g for g in part.group if g not in whole.group]
    place = [p for p in part.place if p not in whole.place] or ([] if part.place == whole.place else list(part.place))
    name = groups(group) if group else places(place) if place else part.text
    return name if len(name) <= 26 else name[:25].rstrip() + "…"


def _hedged(claim: ClaimRef) -> bool:
    return claim.high is None or (claim.low is not None and claim.high > claim.low)


def _stack(axis, parts: Sequence[ClaimRef], lows: Sequence[float], colors: Sequence[str], left: float, right: float) -> None:
    start = 0.0
    for i, (part, low) in enumerate(zip(parts, lows, strict=True)):
        axis.barh(1, low, left=start, height=0.6, color=colors[i % len(colors)], edgecolor="white", linewidth=0.8,
                  hatch="///" if _hedged(part) else None, zorder=2)
        middle = start + low / 2
        if low > (right - left) * 0.14 and left <= middle <= right:
            axis.text(middle, 1, part.display, ha="center", va="center", fontsize=FONT, color="black", zorder=3,
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


def claim_date(claim: ClaimRef):
    import datetime as dt

    for value in (claim.as_of, claim.published):
        if value:
            try:
                return dt.date.fromisoformat(str(value)[:10])
            except ValueError:
                continue
    return None


def timeline_claims(claims: Sequence[ClaimRef]) -> list[ClaimRef]:
    """The claims a timeline can place: a number and a date."""
    return [c for c in claims if chartable(c) and claim_date(c) is not None]


@_drawn
def timeline_chart(claims: Sequence[ClaimRef], colors: dict[str, str], key: str) -> str:
    """One measure's figures by date: a dot per exact figure, a bar per range, an arrow up for "more than"."""
    from matplotlib.dates import DateFormatter, date2num

    claims = sorted(timeline_claims(claims), key=lambda c: (claim_date(c), c.source))
    dates = sorted({claim_date(c) for c in claims})
    finite = [float(v) for c in claims for v in (c.low, c.high) if v is not None]
    low_edge, high_edge = _span(finite, any(c.high is None for c in claims))
    figure, (axis,) = _figure(WIDTH, 3.2)
    # one series per outlet (an outlet's later story is a new source, the same outlet): its colour is its first story's
    outlets = list(dict.fromkeys(c.outlet or c.source for c in claims))
    nudge = {o: (i - (len(outlets) - 1) / 2) * 0.12 for i, o in enumerate(outlets)}  # side by side on one day
    for outlet in outlets:
        own = [c for c in claims if (c.outlet or c.source) == outlet]
        color = colors.get(own[0].source, PALETTE[0])
        xs, ys = [], []
        for claim in own:
            x = date2num(claim_date(claim)) + nudge[outlet]
            low = float(claim.low) if claim.low is not None else low_edge
            high = float(claim.high) if claim.high is not None else None
            if high is not None and high == low:
                axis.plot([x], [low], "o", color=color, markersize=8, zorder=3)
            else:
                top = high if high is not None else high_edge
                axis.plot([x, x], [low, top], color=color, linewidth=4, solid_capstyle="butt", zorder=2)
                axis.plot([x], [low], "_", color=color, markersize=14, markeredgewidth=2.5, zorder=3)
                if high is None:
                    axis.annotate("", xy=(x, high_edge), xytext=(x, high_edge - (high_edge - low_edge) * 0.08),
                                  arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 2, "mutation_scale": 16})
                else:
                    axis.plot([x], [high], "_", color=color, markersize=14, markeredgewidth=2.5, zorder=3)
            xs.append(x)
            ys.append(low)
        if len(xs) > 1:
            axis.plot(xs, ys, color=color, linewidth=1.5, alpha=0.8, zorder=1)
        axis.plot([], [], "o", color=color, label=outlet[:28])
    axis.set_xticks([date2num(d) for d in dates])
    axis.xaxis.set_major_formatter(DateFormatter("%d %b"))
    pad = 0.5 if len(dates) > 1 else 1.0
    axis.set_xlim(date2num(dates[0]) - pad, date2num(dates[-1]) + pad)
    axis.set_ylim(low_edge, high_edge)
    for side in ("top", "right"):
        axis.spines[side].set_visible(False)
    axis.grid(axis="y", color="#dddddd", linewidth=0.6)
    axis.set_axisbelow(True)
    _numbers(axis.yaxis, _integral(claims))
    figure.legend(loc="outside lower center", ncols=2, frameon=False, handlelength=1.0, columnspacing=1.0)
    label = "; ".join(f"{c.outlet or c.source} {c.display} on {claim_date(c).isoformat()}" for c in claims)
    return _svg(figure, key, f"Timeline: {label}")
