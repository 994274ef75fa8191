"""The terminal report: one line per finding, like a linter, then one summary line.

``path:line  severity RULE      message [why this severity]`` -- paths relative to the current
folder, so an editor or a terminal can jump to them; a line is never wrapped (``grep`` and
``less -S`` keep working). ``verbose`` adds, under each finding, its arithmetic and each quoted
sentence with the figure marked, shortened around the figure to the terminal's width (``COLUMNS``
when set). Colour only when asked for (the CLI asks on a terminal unless ``NO_COLOR`` is set).
Findings recorded in a baseline are counted in the summary, not printed.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from rich.console import Console
from rich.text import Text

from audit.findings import Finding, Report
from audit.report.quotes import quotes

__all__ = ["render", "statistics", "location", "summary_line"]

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _one_line(text: object) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def shown_path(file: str) -> str:
    """A path as the user typed it: relative to the current folder when it lies below it."""
    path = Path(file)
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def location(file: str | None, line: int | None, fallback: str = "") -> str:
    """``file:line``, ``file`` when the line is unknown, else ``fallback`` (never ``file:None``)."""
    if not file:
        return fallback
    return f"{shown_path(file)}:{line}" if line else shown_path(file)


def _status(finding: Finding) -> str:
    if finding.waived:
        return f" (waived: {_one_line(finding.waived)})"
    if finding.new is True:
        return " (new)"
    if finding.new is False:
        return " (unchanged)"
    return ""


def _fit(segments: list[tuple[str, bool]], width: int) -> list[tuple[str, bool]]:
    """A quoted sentence shortened to ``width`` characters: the marked figures whole, the text between them cut.

    The room left by the figures is shared among the unmarked pieces (a short piece keeps all of
    it, the rest share what it leaves); the opening piece keeps its end, the closing piece its
    start, a piece between two figures both ends, each cut marked with "…"."""
    room = max(0, width - sum(len(t) for t, marked in segments if marked))
    plain = sorted((len(t), i) for i, (t, marked) in enumerate(segments) if not marked)
    if sum(n for n, _ in plain) <= room:
        return segments
    keep, left = {}, room
    for rank, (n, i) in enumerate(plain):  # water-filling: the shortest first
        share = left // (len(plain) - rank)
        keep[i] = min(n, share)
        left -= keep[i]
    out = []
    for i, (text, marked) in enumerate(segments):
        if marked or keep[i] >= len(text):
            out.append((text, marked))
            continue
        k = max(0, keep[i] - 1)
        if i == 0:
            text = "…" + text[len(text) - k:] if k else ""
        elif i == len(segments) - 1:
            text = text[:k] + "…" if k else ""
        else:
            text = text[: k - k // 2] + "…" + text[len(text) - k // 2:] if k else " … "
        out.append((text, False))
    return out


def summary_line(report: Report) -> str:
    counts, summary = report.counts(), report.summary()
    text = (f"{len(report.cases)} case(s), {report.sources} source(s), {report.claims} claim(s), "
            f"{len(report.rules_run)} rules: {counts['error']} error(s), {counts['warning']} warning(s), "
            f"{counts['info']} info")
    if summary["waived"]:
        text += f", {summary['waived']} waived"
    if summary.get("baselined"):
        text += f", {summary['baselined']} in the baseline (not shown)"
    coverage = report.coverage or {}
    if coverage:
        text += (f"\n{coverage.get('read', 0)} figures read, {coverage.get('reviewed', 0)} reviewed, "
                 f"{coverage.get('compared', 0)} compared")
    return text


def render(report: Report, color: bool = False, width: int | None = None, verbose: bool = False,
           quiet: bool = False, **options: object) -> str:
    buffer = io.StringIO()
    width = width or shutil.get_terminal_size((100, 24)).columns  # COLUMNS when set; the terminal's own width
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=max(width, 40), highlight=False,
                      soft_wrap=True, emoji=False, markup=False)
    shown = [f for f in report.findings if not f.baselined]
    places = [location(f.file, f.line, f.case) for f in shown]
    column = max((len(p) for p in places), default=0)
    lines: list[Text] = []  # printed at once: rich's cost is per print call, and an archive has thousands of findings
    for finding, where in zip(shown, places, strict=True):
        line = Text.assemble((where.ljust(column), "bold"), "  ", (finding.severity.ljust(7), _STYLE[finding.severity]),
                             " ", (finding.rule.ljust(8), "bold"), "  ", _one_line(finding.message))
        if finding.severity_reason:
            line.append(f" [{_one_line(finding.severity_reason)}]", style="dim")
        line.append(_status(finding), style="dim")
        lines.append(line)
        if verbose:
            lines += _details(finding, width)
    if lines:
        console.print(Text("\n").join(lines))
    if not quiet:
        console.print(summary_line(report))
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def _details(finding: Finding, width: int) -> list[Text]:
    """The arithmetic, then for each quoted sentence: outlet, file:line, reviewed or not, and the sentence below."""
    out = []
    if finding.arithmetic:
        out.append(Text("    = " + _one_line(finding.arithmetic)))
    for quote in quotes(finding.claims):
        claim = quote.first
        head = f"    {_one_line(claim.outlet or claim.source)}  {location(claim.file, claim.line)}"
        states = {c.reviewed for c in quote.claims if c.reviewed is not None}
        if states:
            head += "  reviewed" if states == {True} else "  machine-read" if states == {False} else "  partly reviewed"
        out.append(Text(head, style="dim"))
        segments = [(re.sub(r"\s+", " ", text), marked) for text, marked in quote.segments]
        if segments:
            segments[0] = (segments[0][0].lstrip(), segments[0][1])
            segments[-1] = (segments[-1][0].rstrip(), segments[-1][1])
        segments = _fit(segments, max(20, width - 8))
        line = Text("      “")
        for text, is_marked in segments:
            line.append(text, style="bold underline" if is_marked else None)
        line.append("”")
        out.append(line)
    return out


def statistics(report: Report, quiet: bool = False) -> str:
    """``--statistics``: findings per rule, most first, like ruff's."""
    from collections import Counter

    from audit.rules import REGISTRY

    counts = Counter(f.rule for f in report.findings if not f.baselined)
    lines = []
    for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = REGISTRY.get(code)
        lines.append(f"{n:>5}  {code:<8}  {rule.name if rule else ''}".rstrip())
    return "\n".join(lines) + ("\n" if lines else "") + ("" if quiet else summary_line(report) + "\n")
