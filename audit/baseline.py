"""The baseline: findings a team has accepted for now, so a run fails only on new ones.

``audit baseline CASE...`` records the current findings by fingerprint -- the rule, the case and
the stable ids of the claims involved, never line numbers, so editing an article above a figure
does not make its finding "new". ``audit check --baseline FILE`` marks the findings it holds as
baselined (they do not fail the run) and lists the entries that no longer occur, so a baseline
only ratchets down. The file is JSON with a ``version``; any other version, or a file edited into
another shape, is refused with one line (``AuditError``) and never overwritten::

    {"version": 1, "tool": "source-discrepancy-auditor",
     "findings": [{"fingerprint": "3f0c...", "rule": "SUM003", "case": "cambodia-2025-07",
                   "claims": ["abc-total", "abc-kratie"], "severity": "warning", "message": "..."}]}
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema

from audit.boundary import OutsideFile, read_bytes, write_text
from audit.errors import AuditError
from audit.findings import Report

__all__ = ["VERSION", "BASELINE_SCHEMA", "baseline_of", "read_baseline", "write_baseline", "apply_baseline"]

VERSION = 1
TOOL = "source-discrepancy-auditor"

BASELINE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Baseline of the source-discrepancy auditor",
    "type": "object",
    "required": ["version", "findings"],
    "properties": {
        "version": {"const": VERSION},
        "tool": {"const": TOOL},
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["fingerprint", "rule", "case"],
                "properties": {
                    "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
                    "rule": {"type": "string"},
                    "case": {"type": "string"},
                    "claims": {"type": "array", "items": {"type": "string"}},
                    "severity": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        },
    },
}


def baseline_of(report: Report) -> dict[str, Any]:
    """The baseline document recording every live finding of ``report`` (waived ones are already accepted)."""
    entries = [
        {"fingerprint": f.fingerprint, "rule": f.rule, "case": f.case, "claims": sorted(c.id for c in f.claims),
         "severity": f.severity, "message": f.message}
        for f in report.findings if not f.waived
    ]
    entries.sort(key=lambda e: (e["case"], e["rule"], e["fingerprint"]))
    return {"version": VERSION, "tool": TOOL, "findings": entries}


#: the largest baseline read (bytes): a finding's entry is about 200 bytes
BASELINE_LIMIT = 256 * 1024 * 1024


def read_baseline(path: Path) -> dict[str, Any]:
    """A baseline file, checked; ``AuditError`` (one line) for a missing, older or malformed file."""
    if not os.path.lexists(path):
        raise AuditError(f"{path}: no such baseline file; create it with 'audit baseline CASE... --output {path}'")
    try:
        text = read_bytes(path, limit=BASELINE_LIMIT).decode("utf-8")  # a regular file: a pipe never blocks the run
    except OutsideFile as problem:
        raise AuditError(f"{path}: cannot read the baseline: it {problem.message}") from None
    except UnicodeDecodeError as error:
        raise AuditError(f"{path}: cannot read the baseline: {error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise AuditError(f"{path}:{error.lineno}: the baseline is not valid JSON: {error.msg}") from None
    except RecursionError:
        raise AuditError(f"{path}: the baseline is nested too deeply to be a baseline") from None
    if not isinstance(data, dict):
        raise AuditError(f"{path}: a baseline is a JSON object with 'version' and 'findings', got {type(data).__name__}")
    if data.get("version") != VERSION:
        raise AuditError(
            f"{path}: baseline version {data.get('version')!r} is not supported (this auditor reads version {VERSION}); "
            f"re-create it with 'audit baseline'"
        )
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(BASELINE_SCHEMA).iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the file"
        raise AuditError(f"{path}: the baseline is malformed at {where}: {error.message}")
    return data


def write_baseline(report: Report, path: Path) -> dict[str, Any]:
    """Write the baseline of ``report`` to ``path``; refuses to replace a file that is not a current baseline."""
    if path.exists():
        read_baseline(path)  # raises for anything a person wrote that is not a baseline of this version
    data = baseline_of(report)
    write_text(path.parent, path.name, json.dumps(data, indent=2, ensure_ascii=False) + "\n")  # atomic: a baseline is never half written
    return data


def apply_baseline(report: Report, baseline: dict[str, Any]) -> Report:
    """``report`` with baselined findings marked and the baseline entries that no longer occur listed.

    Only entries of the cases and rules this run audited can be gone: auditing one case says
    nothing about another.
    """
    known = {e["fingerprint"] for e in baseline["findings"]}
    findings = [replace(f, baselined=True) if f.fingerprint in known and not f.waived else f for f in report.findings]
    current = {f.fingerprint for f in report.findings}
    audited, rules = set(report.cases), set(report.rules_run)
    gone = [e for e in baseline["findings"]
            if e["fingerprint"] not in current and e["case"] in audited and e["rule"] in rules]
    return replace(report, findings=findings, baseline_gone=gone)
