"""The shape of ``case.yaml``: each key's type, checked before any of it is used.

A case.yaml the auditor cannot use (``sources: [a]``, ``hedges: bad``, ``waivers: hello``,
``outlet: [a, b]``, a date that does not exist) is refused with one line naming the file, the
line, the key and the value (``AuditError``, exit code 2), not a traceback from deep inside.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING, Any

import jsonschema_rs

if TYPE_CHECKING:
    import jsonschema

__all__ = ["CASE_FILE_SCHEMA", "case_file_problem"]

_text = {"type": "string"}
_date = {"type": ["string", "null"], "description": "YYYY-MM-DD"}

CASE_FILE_SCHEMA: dict = {
    "type": "object",
    "properties": {
        "title": {"type": ["string", "number"]},
        "description": _text,
        "country": {**_text, "description": "ISO 3166-1 alpha-2"},
        "period": {"type": ["array", "null"], "minItems": 2, "maxItems": 2, "items": _date},
        "sources": {
            "type": ["object", "null"],
            "additionalProperties": {
                "type": ["object", "null"],
                "properties": {"title": {"type": ["string", "number"]}, "outlet": _text, "url": _text, "published": _date},
            },
        },
        "settings": {"type": ["object", "null"]},
        "hedges": {"type": ["object", "null"]},
        "places": {"type": ["object", "null"], "additionalProperties": {"type": ["object", "null"]}},
        "waivers": {
            "type": ["array", "null"],
            "items": {
                "type": "object",
                "required": ["rule"],
                "properties": {"rule": _text, "claims": {"type": "array", "items": _text}, "reason": _text},
            },
        },
    },
}


@cache
def _rust_valid() -> Any:
    return jsonschema_rs.Draft202012Validator(CASE_FILE_SCHEMA).is_valid


@cache
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # imported only to say what is wrong with a case.yaml: most runs never need it

    return jsonschema.Draft202012Validator(CASE_FILE_SCHEMA)


def _valid(data: Any) -> bool:
    """jsonschema-rs (in Rust) accepts a good case.yaml; one it refuses, or cannot take, goes to jsonschema, which
    judges it and says what is wrong (the two agree on this schema of types and lengths: tested)."""
    try:
        return bool(_rust_valid()(data))
    except Exception:  # noqa: BLE001 - a value it cannot convert: jsonschema decides
        return False


def _as_json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def case_file_problem(config: dict) -> tuple[tuple, str] | None:
    """(path of keys, message) of the first thing wrong with a case.yaml mapping, or None."""
    data = _as_json(config)
    errors = [] if _valid(data) else sorted(_validator().iter_errors(data), key=lambda e: (len(e.path), list(map(str, e.path))))
    if errors:
        error = errors[0]
        path = tuple(error.path)
        name = ".".join(str(p) for p in path) or "case.yaml"
        return path, f"{name}: {_expected(error)}, got {error.instance!r}"[:300]
    dates = [(("period", i), v) for i, v in enumerate(data.get("period") or [])]
    dates += [(("sources", s, "published"), (m or {}).get("published")) for s, m in (data.get("sources") or {}).items()]
    for path, value in dates:
        if value is not None:
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                return path, f"{'.'.join(map(str, path))}: not a date YYYY-MM-DD: {value!r}"
    return None


def _expected(error: jsonschema.ValidationError) -> str:
    if error.validator == "type":
        kinds = [error.validator_value] if isinstance(error.validator_value, str) else error.validator_value
        names = {"object": "a mapping", "array": "a list", "string": "text", "number": "a number", "null": "empty"}
        return "must be " + " or ".join(names.get(k, k) for k in kinds if k != "null")
    if error.validator == "required":
        return error.message
    if error.validator in ("minItems", "maxItems"):
        return "must be [YYYY-MM-DD, YYYY-MM-DD]"
    return error.message
