"""``--format github``: GitHub Actions workflow commands, plus a Markdown step summary.

``render`` prints one ``::error`` / ``::warning`` / ``::notice`` line per finding that can fail
the run (not waived, not baselined, not from an unchanged article), at its article file and line.
GitHub shows at most 10 annotations of each level per step, so the rest are counted on one plain
line. ``summary`` is the Markdown the CLI appends to ``$GITHUB_STEP_SUMMARY``.

Values are escaped as the runner expects: ``%``, ``\\r``, ``\\n`` in the message, and also ``:``
and ``,`` in properties (file, title), so an article cannot inject a command or a property.
"""

from __future__ import annotations

from pathlib import Path

from audit.findings import Finding, Report, severity_rank
from audit.report import markdown
from audit.report.quotes import split_sentence

CAP = 10  # annotations GitHub shows per level and step
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: object) -> str:
    return str(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: object) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _path(file: str) -> str:
    """A path relative to the working directory (the workspace in a workflow), as annotations need."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            pass
    return path.as_posix()


def annotation(finding: Finding) -> str:
    properties = []
    if finding.file:
        properties.append(f"file={escape_property(_path(finding.file))}")
        if finding.line:
            properties.append(f"line={finding.line}")
    properties.append(f"title={escape_property(f'{finding.rule} {finding.name}')}")
    lines = [finding.message]
    if finding.severity_reason:
        lines.append(f"why {finding.severity}: {finding.reason_text}")
    if finding.arithmetic:
        lines.append(f"= {finding.arithmetic}")
    for claim in finding.claims:
        before, phrase, after = split_sentence(claim)
        where = (f"{_path(claim.file)}:{claim.line}" if claim.line else _path(claim.file)) if claim.file else claim.source
        checked = {True: ", reviewed", False: ", machine-read"}.get(claim.reviewed, "")
        quote = f"{claim.outlet or claim.source} ({where}{checked}): “{before}{phrase}{after}”"
        if quote not in lines:  # several figures of one sentence: quote it once
            lines.append(quote)
    return f"::{COMMAND[finding.severity]} {','.join(properties)}::{escape_data(chr(10).join(lines))}"


def render(report: Report, **options: object) -> str:
    gating = sorted((f for f in report.findings if f.gating), key=lambda f: -severity_rank(f.severity))
    out, left = [], {"error": 0, "warning": 0, "info": 0}
    shown = dict(left)
    for finding in gating:
        if shown[finding.severity] < CAP:
            out.append(annotation(finding))
            shown[finding.severity] += 1
        else:
            left[finding.severity] += 1
    if any(left.values()):
        more = ", ".join(f"{n} {level}(s)" for level, n in left.items() if n)
        out.append(f"audit: {more} more not shown as annotations (GitHub shows {CAP} per level); see the step summary")
    quiet = len(report.findings) - len(gating)
    if quiet:
        out.append(f"audit: {quiet} finding(s) not annotated: waived, in the baseline or from unchanged articles")
    counts = report.counts()
    out.append(f"audit: {len(report.cases)} case(s): {counts['error']} error(s), {counts['warning']} warning(s), "
               f"{counts['info']} info; {len(gating)} new (not waived, not baselined, not from unchanged articles)")
    return "\n".join(out) + "\n"


def _status(finding: Finding) -> str:
    if finding.waived:
        return "waived"
    if finding.baselined:
        return "baselined"
    return {True: "new", False: "unchanged", None: ""}[finding.new]


def summary(report: Report) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: the new findings first, then the full report."""
    esc = markdown.escape
    gating = [f for f in report.findings if f.gating]
    out = ["## Source-discrepancy audit", ""]
    if gating:
        out += [f"**{len(gating)} new finding(s)** (not waived, not in the baseline, not from unchanged articles):", "",
                "| severity | rule | where | status | finding |", "|---|---|---|---|---|"]
        for f in gating:
            place = esc(_path(f.file)).replace("`", "") + (f":{f.line}" if f.line else "") if f.file else ""
            where = f"`{place}`" if f.file else esc(f.case)
            out.append(f"| {f.severity} | {f.rule} | {where} | {_status(f)} | {esc(f.message)} |")
        out.append("")
    elif report.findings:
        out += ["No new finding: each one is waived, in the baseline or from an unchanged article.", ""]
    else:
        out += ["No findings: the figures hold together.", ""]
    others = [f for f in report.findings if not f.gating]
    if others:
        out += [f"{len(others)} other finding(s): " + ", ".join(
            f"{f.rule} ({_status(f)})" for f in others), ""]
    if report.baseline_gone:
        out += [f"**{len(report.baseline_gone)} baseline entr(y/ies) no longer occur** -- "
                "run `audit baseline` to ratchet the baseline down:", ""]
        out += [f"- {esc(e['rule'])} in {esc(e['case'])}: {esc(e.get('message', ''))} "
                f"(`{e['fingerprint']}`)" for e in report.baseline_gone] + [""]
    out += ["<details><summary>Full report</summary>", "", markdown.render(report), "", "</details>", ""]
    return "\n".join(out)
