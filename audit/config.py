"""Run settings: which rules run, at which severity, and what fails the run.

Read from ``[tool.audit]`` in a pyproject.toml and from ``settings:`` in a case's case.yaml
(the case wins for its own findings), like ruff's and sqlfluff's ``select``/``ignore``::

    [tool.audit]
    select = ["SUM", "AGREE001"]     # codes or prefixes; default: every rule
    ignore = ["SUM003"]
    fail-on = "warning"              # error (default) | warning | info | never
    [tool.audit.severity]
    COUNT002 = "info"
    [tool.audit.hedges]              # hedge-table rows for every case (a case's hedges: win)
    about = { low = "n - 2 * half", high = "n + 2 * half" }
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from audit.errors import AuditError, did_you_mean

#: the cache's folder in the reports folder (``audit.cache``)
CACHE_DIR = ".audit_cache"

__all__ = ["Config", "FAIL_ON"]

FAIL_ON = ("error", "warning", "info", "never")
_KEYS = {"select", "ignore", "severity", "fail-on", "fail_on"}


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    hedges: Mapping[str, Any] = field(default_factory=dict)  # [tool.audit.hedges]: rows of the hedge table
    cache_dir: Path | None = None  # the loading cache (audit.cache); the command line uses reports/.audit_cache

    def selects(self, code: str) -> bool:
        # problems with the input files are reported whatever is selected, unless ignored by name:
        # selecting SUM rules must not silently drop a claim file that could not be read
        if code.startswith("INPUT") and not any(s.startswith("INPUT") for s in self.select):
            return not any(code.startswith(s) for s in self.ignore)
        chosen = not self.select or any(code.startswith(s) for s in self.select)
        return chosen and not any(code.startswith(s) for s in self.ignore)

    def merged(self, settings: Mapping[str, Any] | None, where: str) -> Config:
        """This config with a mapping of settings (case.yaml ``settings:``) applied on top."""
        if not settings:
            return self
        if not isinstance(settings, Mapping):
            raise AuditError(f"{where}: settings must be a mapping of {', '.join(sorted(_KEYS - {'fail_on'}))}, got {settings!r}")
        unknown = set(settings) - _KEYS
        if unknown:
            key = sorted(map(str, unknown))[0]
            raise AuditError(f"{where}: unknown setting {key!r}{did_you_mean(key, _KEYS)}")
        _check_types(settings, where)
        fail_on = settings.get("fail-on", settings.get("fail_on", self.fail_on))
        severity = {**self.severity, **(settings.get("severity") or {})}
        config = replace(
            self,
            select=tuple(settings.get("select", self.select)),
            ignore=tuple(settings.get("ignore", self.ignore)),
            severity=severity,
            fail_on=str(fail_on),
        )
        config.check(where)
        return config

    def check(self, where: str) -> None:
        from audit.rules import REGISTRY  # the registry imports every rule module

        codes = list(REGISTRY)
        for code in (*self.select, *self.ignore, *self.severity):
            if not any(c.startswith(code) for c in codes):
                raise AuditError(f"{where}: unknown rule code {code!r}{did_you_mean(code, codes)}")
        for code, level in self.severity.items():
            if level not in ("error", "warning", "info"):
                raise AuditError(f"{where}: severity of {code} must be error, warning or info, got {level!r}")
        if self.fail_on not in FAIL_ON:
            raise AuditError(f"{where}: fail-on must be one of {', '.join(FAIL_ON)}, got {self.fail_on!r}")

    @classmethod
    def from_pyproject(cls, start: Path) -> Config:
        """``[tool.audit]`` of the nearest pyproject.toml at or above ``start``; defaults when none."""
        for folder in [start.resolve(), *start.resolve().parents]:
            candidate = folder / "pyproject.toml"
            if candidate.is_file():
                try:
                    data = tomllib.loads(candidate.read_text("utf-8"))
                except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
                    raise AuditError(f"{candidate}: cannot read: {error}") from None
                except RecursionError:
                    raise AuditError(f"{candidate}: cannot read: nested too deeply") from None
                tool = data.get("tool", {})
                if not isinstance(tool, dict) or not isinstance(tool.get("audit") or {}, dict):
                    raise AuditError(f"{candidate}: tool.audit must be a table ([tool.audit]), got {tool!r}"[:300])
                table = dict(tool.get("audit") or {})
                hedges = table.pop("hedges", None) or {}
                if not isinstance(hedges, dict):
                    raise AuditError(f"{candidate}: [tool.audit.hedges] must be a table of hedge rows, got {hedges!r}")
                if hedges:
                    from audit.hedges import HedgeTable

                    HedgeTable(hedges, where=f"{candidate} [tool.audit.hedges]")  # raises on an unknown row or formula
                return replace(cls().merged(table, f"{candidate} [tool.audit]"), hedges=hedges)
        return cls()


def _check_types(settings: Mapping[str, Any], where: str) -> None:
    """Each setting has the type it needs: ``select = 5`` is one clear line, not a TypeError."""
    for key in ("select", "ignore"):
        value = settings.get(key)
        if value is not None and (not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value)):
            raise AuditError(f"{where}: {key} must be a list of rule codes or prefixes (such as [\"SUM\", \"AGREE001\"]), got {value!r}")
    severity = settings.get("severity")
    if severity is not None and (not isinstance(severity, Mapping) or not all(isinstance(k, str) for k in severity)):
        raise AuditError(f"{where}: severity must map rule codes to error, warning or info, got {severity!r}")
    for key in ("fail-on", "fail_on"):
        if key in settings and not isinstance(settings[key], str):
            raise AuditError(f"{where}: {key} must be one of {', '.join(FAIL_ON)}, got {settings[key]!r}")
