"""``report.md``: GitHub Markdown for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

Every string from an article or a claim file is escaped (no raw HTML or Markdown from an article
reaches the page). Long lists are collapsed in ``<details>``; the output stays under GitHub's
1 MiB limit by truncating the list of findings with a note.
"""

from __future__ import annotations

import re

from audit.findings import Finding, Report
from audit.report.quotes import Quote, quotes

LIMIT = 1_000_000
_ICON = {"error": "🔴", "warning": "🟠", "info": "🔵"}
_SPECIAL = re.compile(r"([\\`*_\[\]#|<>~])")


def escape(text: object) -> str:
    """Markdown- and HTML-inert text: every character that could start markup is escaped."""
    value = str(text).replace("&", "&amp;").replace("\n", " ")
    return _SPECIAL.sub(lambda m: "&lt;" if m.group(1) == "<" else "&gt;" if m.group(1) == ">" else "\\" + m.group(1), value)


def _quote_line(quote: Quote) -> str:
    claim = quote.first
    outlet = escape(claim.outlet or claim.source)
    if claim.url and claim.url.startswith(("http://", "https://")):
        outlet = f"[{outlet}]({claim.url.replace(')', '%29').replace(' ', '%20')})"
    where = f"`{escape(claim.file).replace('`', '')}:{claim.line}`" if claim.file else ""
    text = "".join(f"**{escape(segment)}**" if marked else escape(segment) for segment, marked in quote.segments)
    return f"- {outlet} ({escape(claim.role)}, {where}): “{text}”"


def _finding(finding: Finding) -> str:
    head = f"#### {_ICON.get(finding.severity, '')} {finding.severity} {finding.rule} `{finding.name}`"
    lines = [head, "", escape(finding.message), ""]
    if finding.waived:
        lines += [f"*Waived*: {escape(finding.waived)}", ""]
    if finding.baselined:
        lines += ["*In the baseline*", ""]
    if finding.arithmetic:
        lines += [f"Arithmetic: `{finding.arithmetic.replace('`', '')}`", ""]
    if finding.claims:
        lines += [_quote_line(q) for q in quotes(finding.claims)] + [""]
    elif finding.file:
        lines += [f"At `{escape(finding.file).replace('`', '')}:{finding.line or ''}`", ""]
    return "\n".join(lines)


def render(report: Report, **options: object) -> str:
    counts = report.counts()
    out = ["# Discrepancy report", ""]
    out += [
        f"{len(report.cases)} case(s), {report.sources} source(s), {report.claims} claim(s), "
        f"{len(report.rules_run)} rules: **{counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info**" + (f", {report.summary()['waived']} waived" if report.summary()["waived"] else ""),
        "",
    ]
    if report.source_table:
        out += ["| source | outlet | published |", "|---|---|---|"]
        for s in report.source_table:
            outlet = escape(s["outlet"] or "")
            if s.get("url") and str(s["url"]).startswith(("http://", "https://")):
                outlet = f"[{outlet}]({str(s['url']).replace(')', '%29').replace(' ', '%20')})"
            out.append(f"| {escape(s['source'])} | {outlet} | {s['published'] or '—'} |")
        out.append("")
    if not report.findings:
        out += ["No findings: the figures hold together.", ""]
    by_rule: dict[str, int] = {}
    for f in report.findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    if by_rule:
        out += ["| rule | findings |", "|---|---|"] + [f"| {r} | {n} |" for r, n in sorted(by_rule.items())] + [""]
    size = sum(len(line) + 1 for line in out)
    shown = 0
    for index, finding in enumerate(report.findings):
        block = _finding(finding)
        if index >= 20 and shown == index:
            out += [f"<details><summary>{len(report.findings) - index} more finding(s)</summary>", ""]
        if size + len(block) > LIMIT - 2_000:
            out += [f"*{len(report.findings) - index} further finding(s) left out to stay within GitHub's 1 MiB limit; see findings.json.*", ""]
            break
        out.append(block)
        size += len(block) + 1
        shown += 1
    if shown > 20:
        out += ["</details>", ""]
    return "\n".join(out)
