"""``report.md``: GitHub Markdown for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

Every string from an article, a claim file or case.yaml is escaped: no raw HTML, Markdown, or
``@mention`` from an article reaches the page. Long lists are collapsed in ``<details>`` (sources
past ``SOURCES_OPEN``, findings past ``FINDINGS_OPEN``, quotes of one finding past
``QUOTES_OPEN``). The output stays within ``limit`` bytes of UTF-8 (GitHub's 1 MiB for a step
summary by default; pass ``limit=65_536`` for a comment) by leaving out the last findings with a
note that points to findings.json.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from audit.findings import Finding, Report
from audit.report.quotes import Quote, quotes

__all__ = ["render", "escape", "code", "LIMIT"]

LIMIT = 1024 * 1024  # bytes: GitHub's limit for $GITHUB_STEP_SUMMARY
SOURCES_OPEN = 10
FINDINGS_OPEN = 20
QUOTES_OPEN = 6
_ICON = {"error": "🔴", "warning": "🟠", "info": "🔵"}
_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;"}


def escape(text: object) -> str:
    """Markdown- and HTML-inert text on one line: markup characters escaped, ``@`` never a mention."""
    value = re.sub(r"\s*[\r\n]+\s*", " ", str(text))
    value = _SPECIAL.sub(r"\\\1", value)  # first: the entities below bring a '#' that must stay unescaped
    value = re.sub(r"^([+\-=])", r"\\\1", value)  # at a line's start these would open a list or a heading
    value = re.sub(r"^(\d+)([.)])", r"\1\\\2", value)  # "1." would open a numbered list
    return re.sub(r"[&<>@]", lambda m: _ENTITY[m.group(0)], value)


def code(text: object) -> str:
    """An inline code span: literal inside, so only backticks and line breaks need to go."""
    value = re.sub(r"\s*[\r\n]+\s*", " ", str(text)).replace("`", "'")
    return f"`{value}`"


def _link(label: str, url: str | None) -> str:
    if url and re.match(r"^https?://", url, re.IGNORECASE):
        return f"[{label}]({quote(url, safe=':/?#[]@!$&*+,;=%~-._')})"
    return label


def _bold(piece: str) -> str:
    """``**phrase**`` with surrounding spaces kept outside, where GitHub still reads the emphasis."""
    stripped = piece.strip()
    if not stripped:
        return escape(piece)
    head, tail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
    return f"{escape(head)}**{escape(stripped)}**{escape(tail)}"


def _checked(item: Quote) -> str:
    """"reviewed" when a person checked every claim of the quote, "machine-read" when none was, else both."""
    states = {c.reviewed for c in item.claims if c.reviewed is not None}
    if not states:
        return ""
    return ", reviewed" if states == {True} else ", machine-read" if states == {False} else ", partly reviewed"


def _quote(item: Quote) -> str:
    claim = item.first
    outlet = _link(escape(claim.outlet or claim.source), claim.url)
    roles = ", ".join(dict.fromkeys(escape(c.role) for c in item.claims)) + _checked(item)
    where = f", {code(f'{claim.file}:{claim.line}' if claim.line else claim.file)}" if claim.file else ""
    text = "".join(_bold(piece) if marked else escape(piece) for piece, marked in item.segments)
    return f"- {outlet} ({roles}{where}): “{text}”"


def _finding(finding: Finding) -> str:
    head = f"#### {_ICON.get(finding.severity, '')} {finding.severity} {finding.rule} {code(finding.name)}"
    lines = [head, "", escape(finding.message), ""]
    if finding.severity_reason:
        lines += [f"*Why {escape(finding.severity)}*: {escape(finding.reason_text)}", ""]
    if finding.waived:
        lines += [f"*Waived*: {escape(finding.waived)}", ""]
    if finding.baselined:
        lines += ["*In the baseline*", ""]
    if finding.arithmetic:
        lines += [f"Arithmetic: {code(finding.arithmetic)}", ""]
    items = [_quote(q) for q in quotes(finding.claims)]
    if items:
        lines += items[:QUOTES_OPEN]
        if len(items) > QUOTES_OPEN:
            lines += ["", f"<details><summary>{len(items) - QUOTES_OPEN} more quote(s)</summary>", "",
                      *items[QUOTES_OPEN:], "", "</details>"]
        lines.append("")
    elif finding.file:
        lines += [f"At {code(f'{finding.file}:{finding.line}' if finding.line else finding.file)}", ""]
    return "\n".join(lines)


def _sources(report: Report) -> list[str]:
    if not report.source_table:
        return []
    several = len(report.cases) > 1
    rows = ["| source | outlet | published |" + (" case |" if several else ""),
            "|---|---|---|" + ("---|" if several else "")]
    for s in report.source_table:
        outlet = _link(escape(s.get("outlet") or ""), s.get("url"))
        rows.append(f"| {escape(s['source'])} | {outlet} | {escape(s.get('published') or '—')} |"
                    + (f" {escape(s['case'])} |" if several else ""))
    if len(report.source_table) > SOURCES_OPEN:
        return [f"<details><summary>{len(report.source_table)} sources</summary>", "", *rows, "", "</details>", ""]
    return [*rows, ""]


def render(report: Report, limit: int = LIMIT, **options: object) -> str:
    counts = report.counts()
    waived = report.summary()["waived"]
    out = ["# Discrepancy report", ""]
    out += [
        f"{len(report.cases)} case(s), {report.sources} source(s), {report.claims} claim(s), "
        f"{len(report.rules_run)} rules: **{counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info**" + (f", {waived} waived" if waived else ""),
        "",
    ]
    if report.coverage:
        c = report.coverage
        out += [f"{c.get('read', 0)} figures read, {c.get('reviewed', 0)} reviewed by a person, "
                f"{c.get('compared', 0)} compared with another figure", ""]
    out += _sources(report)
    if not report.findings:
        out += ["No findings: the figures hold together.", ""]
    by_rule: dict[str, int] = {}
    for f in report.findings:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    if by_rule:
        out += ["| rule | findings |", "|---|---|"] + [f"| {r} | {n} |" for r, n in sorted(by_rule.items())] + [""]
    return _with_findings(out, report, limit)


def _with_findings(out: list[str], report: Report, limit: int) -> str:
    """Append the findings while the whole stays within ``limit`` bytes; collapse those past FINDINGS_OPEN."""
    reserve = 600  # room for the closing note and the closing </details>
    size = sum(len(line.encode()) + 1 for line in out)
    collapsed = False
    several = len(report.cases) > 1
    case = None
    for index, finding in enumerate(report.findings):
        block = _finding(finding)
        if several and finding.case != case:
            block = f"### {escape(finding.case)}\n\n{block}"
            case = finding.case
        if index == FINDINGS_OPEN:
            opening = f"<details><summary>{len(report.findings) - index} more finding(s)</summary>\n"
            block = opening + "\n" + block
        cost = len(block.encode()) + 1
        if size + cost > limit - reserve:
            if collapsed:
                out += ["</details>", ""]
                collapsed = False
            out += [f"*{len(report.findings) - index} further finding(s) left out to stay within "
                    f"{limit:,} bytes; see findings.json.*", ""]
            break
        collapsed = collapsed or index == FINDINGS_OPEN
        out.append(block)
        size += cost
    if collapsed:
        out += ["</details>", ""]
    return "\n".join(out)
