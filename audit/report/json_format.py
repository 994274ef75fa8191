"""``--format json``: an object with ``summary``, ``sources`` and a ``findings`` array.

Written in one pass by orjson (a finding's claims are dataclasses orjson reads as they are), not
by turning every finding into a tree of dicts first: the text is the same as
``json.dumps(report.to_dict(), indent=2, ensure_ascii=False)``, a hundred thousand findings faster.
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


def document(report: Report) -> dict[str, Any]:
    """What ``render`` writes, as values orjson serialises (dataclasses, tuples and Decimals left as they are)."""
    data: dict[str, Any] = {"summary": report.summary(), "sources": report.source_table,
                            "findings": [_finding(f) for f in report.findings]}
    if report.baseline_gone is not None:
        data["baseline_gone"] = report.baseline_gone
    return data


def render(report: Report, **options: object) -> str:
    return to_json(document(report))


def to_json(data: Any) -> str:
    """``data`` as indented JSON (UTF-8 text, not escaped), Decimals as numbers."""
    return orjson.dumps(data, default=_number, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode() + "\n"
