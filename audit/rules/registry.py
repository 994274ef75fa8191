"""The explicit rule registry: ``@rule(code, name, severity)`` registers a check.

A rule is a function ``(claims: LazyFrame, sources: LazyFrame) -> LazyFrame`` of finding rows
(columns of ``FindingsModel`` but ``rule``; a ``severity`` column may refine the default per
row, e.g. error under every reading, warning under the strict reading only). Its docstring is
its documentation: the first line is the message users see, then *Anti-pattern* and *Best
practice*. Codes are unique, ``ABC123``-shaped; names are dotted (``sums.parts-exceed-whole``).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

__all__ = ["Rule", "rule", "input_rule", "REGISTRY"]

RuleCheck = Callable[[pl.LazyFrame, pl.LazyFrame], pl.LazyFrame]
_CODE = re.compile(r"^[A-Z]{2,8}[0-9]{3}$")
_NAME = re.compile(r"^[a-z]+\.[a-z0-9-]+$")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    doc: str
    check: RuleCheck | None  # None: reported by the loader or the validator, not computed on frames

    @property
    def group(self) -> str:
        return self.name.split(".")[0]

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0].strip()


REGISTRY: dict[str, Rule] = {}


def _register(code: str, name: str, severity: str, doc: str | None, check: RuleCheck | None) -> Rule:
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} must look like SUM001")
    if not _NAME.match(name):
        raise ValueError(f"rule name {name!r} must be dotted lower case, like sums.parts-exceed-whole")
    if severity not in ("error", "warning", "info"):
        raise ValueError(f"rule {code}: severity {severity!r} must be error, warning or info")
    if not doc or not doc.strip():
        raise ValueError(f"rule {code} has no docstring: the docstring is its documentation")
    if code in REGISTRY or any(r.name == name for r in REGISTRY.values()):
        raise ValueError(f"rule {code} / {name} is registered twice")
    REGISTRY[code] = Rule(code, name, severity, inspect.cleandoc(doc), check)
    return REGISTRY[code]


def rule(code: str, name: str, severity: str) -> Callable[[RuleCheck], RuleCheck]:
    """Register a frame rule under ``code``; its docstring documents it."""

    def decorate(check: RuleCheck) -> RuleCheck:
        _register(code, name, severity, check.__doc__, check)
        return check

    return decorate


def input_rule(code: str, name: str, severity: str, doc: str) -> Rule:
    """Register a problem the loader or the validator reports (bad files, unknown places)."""
    return _register(code, name, severity, doc, None)
