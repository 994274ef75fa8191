"""Renderers: a finished ``Report`` -> text for a terminal, Markdown, JSON (and more formats).

Each format is one module with ``render(report) -> str``; ``FORMATS`` maps a format name to it.
Renderers only read findings; they never compute.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from audit.findings import Report

__all__ = ["FORMATS", "render"]

#: format name -> module in this package that has ``render(report) -> str``
FORMATS: dict[str, str] = {
    "text": "audit.report.text",
    "markdown": "audit.report.markdown",
    "json": "audit.report.json_format",
    "sarif": "audit.report.sarif",
    "github": "audit.report.github",
    "html": "audit.report.html",
}


def render(report: Report, format: str, **options: object) -> str:
    from audit.cycles import paused_cycle_collection

    renderer: Callable[..., str] = import_module(FORMATS[format]).render
    with paused_cycle_collection():  # a document of every finding is many small objects and no cycles
        return renderer(report, **options)
