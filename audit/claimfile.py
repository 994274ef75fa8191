"""The claim file: ``claims/<source>.yaml``, one per article, the figures a person reviewed.

Its contract is ``CLAIM_FILE_SCHEMA`` (JSON Schema, published as
``schemas/claim-file.schema.json`` so editors validate as you type). Example::

    source: thaivisa-2025-07-17      # the article's file name without suffix
    reviewed: true                   # false while a person has not checked extracted claims
    claims:
      - id: tv-total                 # unique in the case; other claims point at it
        text: over 1,000 people      # the phrase as printed, containing the number
        start: 412                   # offsets of the phrase in the article text
        end: 429
        value: 1000                  # the number as printed
        qualifier: more_than         # a row of the hedge table -> the interval [1001, open)
        measure: detained
        place: [KH]
        period: [2025-07-14, 2025-07-16]
      - id: tv-headline
        role: headline               # a headline is checked against its own body
        ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from audit.hedges import QUALIFIERS
from audit.vocabulary import FIGURE_KINDS, READINGS

__all__ = ["CLAIM_FILE_SCHEMA", "CLAIM_FIELDS", "claim_entry"]

_number = {"type": ["number", "string"], "description": "a number; a string keeps exact decimals (\"0.01\")"}
_open_number = {"type": ["number", "string", "null"], "description": "a bound; null is an open side"}
_codes = {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": False}
_id = {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"}

CLAIM_FIELDS: dict[str, dict] = {
    "id": {**_id, "description": "unique in the case; part_of, ratio_of and describes point at it"},
    "text": {"type": "string", "minLength": 1, "description": "the phrase as printed, containing the number"},
    "start": {"type": "integer", "minimum": 0, "description": "offset of the phrase in the article text"},
    "end": {"type": "integer", "minimum": 1, "description": "offset just after the phrase"},
    "value": {**_number, "description": "the number as printed (a percentage as a fraction: 60 per cent is 0.6)"},
    "qualifier": {"enum": list(QUALIFIERS), "description": "the hedge: a row of the hedge table"},
    "vague": {"type": "string", "description": "for qualifier vague: the word as printed (hundreds, dozens)"},
    "low": {**_open_number, "description": "lower bound; computed from value and qualifier when absent"},
    "high": {**_open_number, "description": "upper bound; computed from value and qualifier when absent"},
    "measure": {"type": "string", "description": "what is counted: a name from the measure vocabulary"},
    "unit": {"type": "string", "description": "for amounts: the currency (USD, PHP)"},
    "place": {**_codes, "description": "ISO 3166-1/3166-2 codes or place names; several for 'A and B'"},
    "group": {**_codes, "description": "who: nationality (alpha-2 or demonym) and/or sex (female, male)"},
    "period": {
        "type": "array", "minItems": 2, "maxItems": 2,
        "items": {"type": ["string", "null"], "format": "date"},
        "description": "[first day, last day] the figure covers; defaults to the case's period",
    },
    "role": {"enum": ["body", "headline"], "description": "a headline is checked against its own body"},
    "part_of": {**_id, "description": "the id of the whole this figure is a part of"},
    "breakdown": {
        "enum": ["exhaustive", "partial", "unknown"],
        "description": "how the parts of its whole relate: exhaustive (they add up), partial ('including'), unknown",
    },
    "axis": {"type": "string", "description": "names one breakdown when a whole is broken down more than one way; "
                                              "the extractor names three: status (discharged, referred, still in care, "
                                              "died), list (named units after a count), change (where a count stood and "
                                              "by how much it rose)"},
    "each": {"type": "boolean", "description": "the figure holds for each place named ('one each from A and B')"},
    "named": {**_codes, "description": "for counts of places: the places named, as printed"},
    "ratio_of": {**_id, "description": "for a ratio: the id of the figure it is a share of"},
    "describes": {**_id, "description": "for a ratio: the id of the figure that is the share"},
    "cumulative": {"type": "boolean", "description": "a running total that must not shrink on later dates"},
    "kind": {"enum": list(FIGURE_KINDS),
             "description": "what kind of figure: a total, a part of one, an increment ('29 more'), a subset (one "
                            "hospital), a prior figure (last year's), a rate, an estimate ('could reach'); only totals "
                            "and parts are compared for agreement"},
    "as_of": {"type": ["string", "null"], "format": "date",
              "description": "the day the count stands at (default: the article's publication date); null: unknown"},
    "authority": {"type": ["string", "null"],
                  "description": "who gives the figure ('health ministry', 'police'); null: the outlet itself"},
    "read": {
        "type": "object", "additionalProperties": False,
        "properties": {name: {"enum": list(READINGS)}
                       for name in ("measure", "kind", "as_of", "authority", "place", "group", "period")},
        "description": "how extraction read each attribute: own (its phrase), clause, carried (another sentence), "
                       "default; absent in a reviewed file: a person stated them",
    },
    "note": {"type": "string", "description": "a reviewer's note"},
}

CLAIM_FILE_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://github.com/source-discrepancy-auditor/schemas/claim-file.schema.json",
    "title": "Claim file of the source-discrepancy auditor",
    "type": "object",
    "required": ["source", "claims"],
    "additionalProperties": False,
    "properties": {
        "source": {"type": "string", "description": "the article's file name without its suffix"},
        "reviewed": {"type": "boolean", "description": "false until a person has checked every claim"},
        "rejected": {
            "type": "array",
            "description": "figures a person rejected: re-extraction never adds a claim overlapping one",
            "items": {
                "type": "object",
                "required": ["start", "end"],
                "properties": {"text": {"type": "string"}, "start": {"type": "integer", "minimum": 0},
                               "end": {"type": "integer", "minimum": 0}, "reason": {"type": "string"}},
            },
        },
        "claims": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "text", "start", "end", "measure"],
                "additionalProperties": False,
                "properties": CLAIM_FIELDS,
                "anyOf": [{"required": ["value"]}, {"required": ["low"]}, {"required": ["high"]}, {"required": ["vague"]}],
            },
        },
    },
}


def claim_entry(
    *, id: str, text: str, start: int, end: int, qualifier: str, measure: str,
    value: object = None, low: object = None, high: object = None, vague: str | None = None,
    unit: str | None = None, place: Sequence[str] = (), group: Sequence[str] = (),
    period: tuple[dt.date | None, dt.date | None] | None = None, role: str = "body",
    part_of: str | None = None, breakdown: str | None = None, axis: str = "", each: bool = False,
    named: Sequence[str] = (), ratio_of: str | None = None, describes: str | None = None,
    cumulative: bool = False, kind: str | None = None, as_of: dt.date | None = None,
    authority: str | None = None, read: dict[str, str] | None = None,
) -> dict:
    """A claim as a claim file stores it, keys in the file's order and defaults left out; for the
    writers of claim files (extraction, the synthetic cases). Numbers are passed as they are to be
    written. ``period`` None leaves the case's period; (None, None) says the figure has no period."""
    entry: dict = {"id": id, "text": text, "start": start, "end": end}
    if qualifier == "range":
        entry.update(qualifier="range", low=low, high=high)
    elif qualifier == "vague":
        entry.update(qualifier="vague", vague=vague)
    else:
        entry.update(value=value, qualifier=qualifier)
    entry["measure"] = measure
    optional = {
        "unit": unit, "place": list(place), "group": list(group),
        "period": None if period is None else [d.isoformat() if d else None for d in period],
        "role": role if role != "body" else None, "part_of": part_of, "breakdown": breakdown,
        "ratio_of": ratio_of, "describes": describes, "axis": axis, "each": each or None,
        "named": list(named), "cumulative": cumulative or None,
        "kind": kind, "as_of": as_of.isoformat() if as_of else None, "authority": authority, "read": read,
    }
    entry.update({key: item for key, item in optional.items() if item})
    return entry
