"""Writing ``reports/<case>/report.md`` and ``findings.json`` for each audited case."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from audit.findings import Report
from audit.report import render

__all__ = ["write_case_reports", "case_report"]


def case_report(report: Report, case: str) -> Report:
    """The part of a report that concerns one case."""
    return replace(
        report,
        findings=[f for f in report.findings if f.case == case],
        cases=[case],
        source_table=[s for s in report.source_table if s["case"] == case],
        sources=sum(1 for s in report.source_table if s["case"] == case),
    )


def write_case_reports(report: Report, folder: Path) -> list[Path]:
    written = []
    for case in report.cases:
        one = case_report(report, case)
        target = folder / Path(case).name
        target.mkdir(parents=True, exist_ok=True)
        for name, format in (("report.md", "markdown"), ("findings.json", "json")):
            (target / name).write_text(render(one, format), encoding="utf-8")
            written.append(target / name)
    return written
