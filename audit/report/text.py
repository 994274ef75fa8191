"""The terminal report: one block per finding with its claims, coloured by rich where supported."""

from __future__ import annotations

import io
import shutil

from rich.console import Console
from rich.text import Text

from audit.findings import Report
from audit.report.quotes import quotes

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
        console.print(Text("\n").join(lines))
    counts = report.counts()
    console.print(
        f"{len(report.cases)} case(s), {report.sources} source(s), {report.claims} claim(s), "
        f"{len(report.rules_run)} rules: {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info" + (f", {report.summary()['waived']} waived" if report.summary()["waived"] else "")
        + (f", {report.summary()['baselined']} in the baseline" if report.summary().get("baselined") else "")
    )
    return buffer.getvalue()


