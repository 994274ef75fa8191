"""The terminal report: one block per finding with its claims, coloured by rich where supported."""

from __future__ import annotations

import io
import re
import shutil

from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text

from audit.findings import Report
from audit.report.quotes import quotes

_TRAILING_SPACE = re.compile(r"\s+$")  # rich's own pattern for rstrip_end
_PLAIN = re.compile(r"[^\x00-\x1f\x7f]*\Z")  # no tab, newline or control code: nothing for rich to do


def _print(console: Console, buffer: io.StringIO, lines: list[Text], color: bool, width: int) -> None:
    """The lines as ``console.print`` writes them. Without colour, a line holding no tab or control
    code is wrapped here by rich's own word-wrapping function and written in one pass; rendering
    each line through the console costs a millisecond (a report of ten thousand findings spent its
    time there). Coloured output, and any line rich must clean first, goes through the console."""
    if color:
        console.print(Text("\n").join(lines))
        return
    for line in lines:
        plain = line.plain
        if not _PLAIN.match(plain):
            console.print(line)
        elif cell_len(plain) <= width:
            buffer.write(plain + "\n")
        else:  # what Text.wrap does with overflow "fold" and the default justification
            offsets = divide_line(plain, width, fold=True)
            for begin, end in zip([0, *offsets], [*offsets, len(plain)]):
                piece = plain[begin:end]
                if len(piece) > width:  # Text.rstrip_end: trailing spaces past the width
                    spaces = len(piece) - len(_TRAILING_SPACE.sub("", piece))
                    piece = piece[:len(piece) - min(spaces, len(piece) - width)]
                if cell_len(piece) > width:
                    piece = set_cell_size(piece, width)
                buffer.write(piece + "\n")


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(report: Report, color: bool = False, width: int | None = None, **options: object) -> str:
    buffer = io.StringIO()
    # a terminal's own width when printing to one; 100 columns in files and logs
    width = width or (shutil.get_terminal_size((100, 24)).columns if color else 100)
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False)
    lines: list[Text] = []  # printed at once: rich's cost is per print call, and an archive has thousands of findings
    for finding in report.findings:
        where = f"{finding.file}:{finding.line}" if finding.file else finding.case
        head = Text.assemble((where, "bold"), " ", (finding.severity, _STYLE[finding.severity]), f" {finding.rule} ",
                             (finding.name, "dim"))
        lines.append(head)
        lines.append(Text("  " + finding.message))
        if finding.waived:
            lines.append(Text(f"  waived: {finding.waived}", style="dim"))
        if finding.baselined or finding.new is not None:
            status = "in the baseline" if finding.baselined else "new" if finding.new else "unchanged"
            lines.append(Text(f"  {status}", style="dim"))
        if finding.arithmetic:
            lines.append(Text("  = " + finding.arithmetic, style="bold"))
        for quote in quotes(finding.claims):
            claim = quote.first
            line = Text.assemble("    ", (claim.outlet or claim.source, "green"), f" [{claim.file}:{claim.line}] ", "“")
            for segment, marked in quote.segments:
                line.append(segment, style="bold underline" if marked else None)
            line.append("”")
            lines.append(line)
        lines.append(Text())
    if lines:
        _print(console, buffer, lines, color, width)
    counts = report.counts()
    console.print(
        f"{len(report.cases)} case(s), {report.sources} source(s), {report.claims} claim(s), "
        f"{len(report.rules_run)} rules: {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info" + (f", {report.summary()['waived']} waived" if report.summary()["waived"] else "")
        + (f", {report.summary()['baselined']} in the baseline" if report.summary().get("baselined") else "")
    )
    return buffer.getvalue()


