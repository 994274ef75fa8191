"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; the driver lists every rule that ran, with its docstring as help. Each finding is a
result at its first claim's article and line, the other claims as related locations,
``partialFingerprints`` from ``Finding.fingerprint`` (stable when lines move), a waiver as an
in-source suppression, a baselined finding as an external suppression, and ``baselineState``
when the run compared against a baseline or a git ref.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from audit.findings import ClaimRef, Finding, Report
from audit.report.quotes import split_sentence

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/source-discrepancy-auditor/source-discrepancy-auditor"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "auditFinding/v1"


def _uri(file: str) -> dict[str, str]:
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix()), "uriBaseId": "%SRCROOT%"}


@lru_cache(maxsize=256)
def _lines(file: str) -> tuple[str, ...]:
    try:
        return tuple(Path(file).read_text("utf-8-sig").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def _columns(file: str, line: int, phrase: str) -> dict[str, int]:
    """startColumn/endColumn (1-based code points, ``columnKind`` unicodeCodePoints) of the phrase on its line.

    Claim offsets count in the article as read (a Markdown title moves out of its front-matter
    line), so the phrase is located on the file line the offsets map to; none when it spans lines."""
    lines = _lines(file)
    at = lines[line - 1].find(phrase) if 0 < line <= len(lines) and phrase else -1
    return {"startColumn": at + 1, "endColumn": at + 1 + len(phrase)} if at >= 0 else {}


def _location(file: str, line: int | None, snippet: str | None = None, message: str | None = None,
              phrase: str | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _uri(file)}
    if line:
        columns = _columns(file, line, phrase) if phrase else {}
        physical["region"] = {"startLine": line, **columns, **({"snippet": {"text": snippet}} if snippet else {})}
    location: dict[str, Any] = {"physicalLocation": physical}
    if message:
        location["message"] = {"text": message}
    return location


def _claim_location(claim: ClaimRef, index: int) -> dict[str, Any] | None:
    if not claim.file:
        return None
    before, phrase, after = split_sentence(claim)
    location = _location(claim.file, claim.line, f"{before}{phrase}{after}",
                         f"{claim.outlet or claim.source}: “{claim.text}” ({claim.display})", phrase=claim.text)
    location["id"] = index
    return location


def _rule(code: str) -> dict[str, Any]:
    from audit.rules import REGISTRY

    rule = REGISTRY[code]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [rule.group]},
    }


def _result(finding: Finding, rule_index: dict[str, int], compared: bool) -> dict[str, Any]:
    text = finding.message + (f"\n{finding.arithmetic}" if finding.arithmetic else "")
    if finding.severity_reason:
        text += f"\nwhy {finding.severity}: {finding.reason_text}"
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": LEVEL[finding.severity],
        "message": {"text": text},
        "partialFingerprints": {FINGERPRINT: finding.fingerprint},
        "properties": {"case": finding.case, "name": finding.name},
    }
    located = [(c, loc) for i, c in enumerate(finding.claims) if (loc := _claim_location(c, i)) is not None]
    if located:
        # the primary location is where the finding points (for a new finding: the new article)
        first = next((i for i, (c, _) in enumerate(located) if (c.file, c.line) == (finding.file, finding.line)), 0)
        primary = dict(located[first][1])
        primary.pop("id")
        result["locations"] = [primary]
        related = [loc for i, (_, loc) in enumerate(located) if i != first]
        if related:
            result["relatedLocations"] = related
    elif finding.file:
        result["locations"] = [_location(finding.file, finding.line)]
    suppressions = []
    if finding.waived:
        suppressions.append({"kind": "inSource", "justification": finding.waived})
    if finding.baselined:
        suppressions.append({"kind": "external", "justification": "recorded in the baseline"})
    if suppressions:
        result["suppressions"] = suppressions
    if compared:
        result["baselineState"] = "unchanged" if finding.baselined or finding.new is False else "new"
    return result


def document(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict (``render`` serialises it)."""
    from audit import __version__

    codes = list(dict.fromkeys([*report.rules_run, *(f.rule for f in report.findings)]))
    rule_index = {code: i for i, code in enumerate(codes)}
    compared = report.baseline_gone is not None or any(f.new is not None for f in report.findings)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "source-discrepancy-auditor",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(code) for code in codes],
            }},
            "columnKind": "unicodeCodePoints",
            "results": [_result(f, rule_index, compared) for f in report.findings],
        }],
    }


def render(report: Report, **options: object) -> str:
    from audit.report.json_format import to_json  # orjson: the same text as json.dumps(indent=2), in one pass

    return to_json(document(report))
