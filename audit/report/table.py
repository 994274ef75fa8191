"""A compact plain-text table of findings with their sources and quotes, for test failures.

The pytest plugin's failing items and ``audit.testing``'s assertions print this: each finding
at its article file:line (so an editor or CI log can jump there), the arithmetic, then one row
per quoted sentence: outlet, file:line, and the sentence with the figure marked ``**like this**``.
"""

from __future__ import annotations

from collections.abc import Iterable

from audit.findings import Finding, Report
from audit.report.quotes import split_sentence

QUOTE_WIDTH = 110


def _quote(before: str, phrase: str, after: str, width: int = QUOTE_WIDTH) -> str:
    room = max(0, width - len(phrase)) // 2
    if len(before) > room:
        before = "…" + before[len(before) - room:]
    if len(after) > room:
        after = after[:room] + "…"
    return f"“{before}**{phrase}**{after}”"


def findings_table(findings: Iterable[Finding]) -> str:
    blocks = []
    for finding in findings:
        where = f"{finding.file}:{finding.line}" if finding.file and finding.line else finding.file or finding.case
        lines = [f"{where}: {finding.severity} {finding.rule} {finding.name}"
                 + (f" [{finding.severity_reason}]" if finding.severity_reason else "")
                 + (f" (waived: {finding.waived})" if finding.waived else "")
                 + (" (baselined)" if finding.baselined else ""),
                 f"    {finding.message}"]
        if finding.arithmetic:
            lines.append(f"    = {finding.arithmetic}")
        rows = []
        for claim in finding.claims:
            where = (f"{claim.file}:{claim.line}" if claim.line else claim.file) if claim.file else ""
            row = (claim.outlet or claim.source, where, _quote(*split_sentence(claim)))
            if row not in rows:
                rows.append(row)
        if rows:
            widths = [max(len(r[i]) for r in [("source", "where", ""), *rows]) for i in range(2)]
            lines.append(f"    {'source':<{widths[0]}}  {'where':<{widths[1]}}  quote")
            lines += [f"    {a:<{widths[0]}}  {b:<{widths[1]}}  {c}" for a, b, c in rows]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render(report: Report, **options: object) -> str:
    return findings_table(report.findings) + "\n"
