"""``--format json`` (and ``findings.json``): ``schema_version``, ``summary``, ``sources``, ``findings``.

The shape is published as a JSON Schema, ``schemas/findings.schema.json`` (``FINDINGS_SCHEMA``,
written by ``audit schemas``). ``SCHEMA_VERSION`` goes up when a field is removed, renamed or
changes meaning; new fields may appear without a new version, so readers should ignore keys
they do not know.

Written in one pass by orjson (a finding's claims are dataclasses orjson reads as they are), not
by turning every finding into a tree of dicts first: a hundred thousand findings faster.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from typing import Any

import orjson

from audit.findings import Finding, Report

_FIELDS = tuple(f.name for f in fields(Finding))


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def _finding(finding: Finding) -> dict[str, Any]:
    data = {name: getattr(finding, name) for name in _FIELDS}
    data["fingerprint"] = finding.fingerprint
    return data


__all__ = ["render", "document", "SCHEMA_VERSION", "FINDINGS_SCHEMA"]

SCHEMA_VERSION = 1

_INTERVAL = {"type": ["array", "null"], "items": {"type": ["number", "null"]}, "minItems": 2, "maxItems": 2,
             "description": "[low, high]; null for an open end"}
_TEXT = {"type": ["string", "null"]}
_CLAIM = {
    "type": "object",
    "required": ["id", "source", "text", "low", "high", "display"],
    "properties": {
        "id": {"type": "string"},
        "source": {"type": "string", "description": "the article's file name without its suffix"},
        "text": {"type": "string", "description": "the phrase as printed"},
        "low": {"type": ["number", "null"], "description": "the interval's lower bound; null: open"},
        "high": {"type": ["number", "null"], "description": "the interval's upper bound; null: open"},
        "display": {"type": "string"},
        "place": {"type": "array", "items": {"type": "string"}, "description": "ISO 3166 codes"},
        "group": {"type": "array", "items": {"type": "string"}},
        "measure": _TEXT,
        "outlet": _TEXT,
        "url": _TEXT,
        "published": _TEXT,
        "sentence": _TEXT,
        "file": _TEXT,
        "line": {"type": ["integer", "null"]},
        "start": {"type": ["integer", "null"], "description": "character offset of the phrase in the article as read"},
        "end": {"type": ["integer", "null"]},
        "role": {"type": "string"},
        "reviewed": {"type": ["boolean", "null"],
                     "description": "true: a person checked it; false: read by the extractor; null: unknown"},
        "as_of": _TEXT,
        "authority": _TEXT,
    },
}
_FINDING = {
    "type": "object",
    "required": ["rule", "name", "severity", "case", "message", "claims", "fingerprint"],
    "properties": {
        "rule": {"type": "string", "pattern": "^[A-Z]+[0-9]{3}$"},
        "name": {"type": "string"},
        "severity": {"enum": ["error", "warning", "info"]},
        "severity_reason": {**_TEXT, "description": "why the finding has this severity"},
        "case": {"type": "string"},
        "message": {"type": "string"},
        "claims": {"type": "array", "items": _CLAIM},
        "arithmetic": _TEXT,
        "observed": _INTERVAL,
        "expected": _INTERVAL,
        "file": _TEXT,
        "line": {"type": ["integer", "null"]},
        "waived": {**_TEXT, "description": "the waiver's reason, when a waiver in case.yaml accepts the finding"},
        "new": {"type": ["boolean", "null"], "description": "--changed-since: from an added or changed file"},
        "baselined": {"type": "boolean"},
        "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
    },
}
_COUNTS = {"type": "object", "properties": {s: {"type": "integer", "minimum": 0} for s in ("error", "warning", "info")}}

#: The JSON Schema of findings.json, published as schemas/findings.schema.json.
FINDINGS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://github.com/source-discrepancy-auditor/schemas/findings.schema.json",
    "title": "findings.json of the source-discrepancy auditor",
    "type": "object",
    "required": ["schema_version", "summary", "sources", "findings"],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "summary": {
            "type": "object",
            "required": ["cases", "sources", "claims", "rules_run", "findings"],
            "properties": {
                "cases": {"type": "integer"}, "sources": {"type": "integer"}, "claims": {"type": "integer"},
                "rules_run": {"type": "integer"}, "findings": _COUNTS, "waived": {"type": "integer"},
                "baselined": {"type": "integer"}, "new": {"type": "integer"},
            },
        },
        "coverage": {
            "type": "object",
            "description": "figures read, reviewed by a person, and compared with another figure",
            "additionalProperties": {"type": "integer", "minimum": 0},
        },
        "sources": {
            "type": "array",
            "items": {"type": "object", "required": ["source"], "properties": {
                "case": {"type": "string"}, "source": {"type": "string"}, "outlet": _TEXT, "url": _TEXT,
                "published": _TEXT, "title": _TEXT, "file": _TEXT}},
        },
        "findings": {"type": "array", "items": _FINDING},
        "baseline_gone": {"type": "array", "items": {"type": "object"}},
    },
}


def document(report: Report) -> dict[str, Any]:
    """What ``render`` writes, as values orjson serialises (dataclasses, tuples and Decimals left as they are)."""
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "summary": report.summary()}
    if report.coverage:
        data["coverage"] = dict(report.coverage)
    data["sources"] = report.source_table
    data["findings"] = [_finding(f) for f in report.findings]
    if report.baseline_gone is not None:
        data["baseline_gone"] = report.baseline_gone
    return data


def render(report: Report, **options: object) -> str:
    return to_json(document(report))


def to_json(data: Any) -> str:
    """``data`` as indented JSON (UTF-8 text, not escaped), Decimals as numbers."""
    # the newline by orjson: ``+ "\n"`` copied the whole text (the findings of 10M claims: 385 MB, twice that as text)
    return orjson.dumps(data, default=_number,
                        option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE).decode()
