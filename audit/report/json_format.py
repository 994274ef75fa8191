"""``--format json``: an object with ``summary``, ``sources`` and a ``findings`` array."""

from __future__ import annotations

import json

from audit.findings import Report


def render(report: Report, **options: object) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
