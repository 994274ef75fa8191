"""Writing ``reports/<case>/`` for each audited case: ``report.md``, ``findings.json`` and ``index.html``.

Files are written through ``audit.boundary``: only inside the reports folder, under a folder name
made safe from the case's name, never through a symbolic link, atomically, keeping a file's mode.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from audit.boundary import safe_folder_names, write_text
from audit.findings import Report
from audit.report import render

__all__ = ["FILES", "UNASKED_UP_TO", "case_report", "write_case_report", "write_case_reports", "written_unasked"]

#: file name -> format, in the order they are written
FILES: dict[str, str] = {"report.md": "markdown", "findings.json": "json", "index.html": "html"}

#: the most case folders ``audit check`` writes report folders for when neither ``--write`` nor ``--no-write``
#: is given. A case's ``index.html`` draws its pictures (matplotlib, about 50 ms each: a timeline per measure and
#: a picture of each figure several outlets report; a synthetic case of 100 claims has 27, 1.3 s a case, and the
#: six real events of the development corpus 0.7 s a case, against a millisecond for report.md and findings.json),
#: so a repository of 10,000 cases would spend hours drawing pages nobody asked for, after an audit of half a
#: minute. A run of more cases writes them with ``--write``, or one case's with ``audit report CASE``.
UNASKED_UP_TO = 20


def written_unasked(cases: int) -> bool:
    """Whether a run of case folders that audited ``cases`` cases writes their report folders unasked."""
    return cases <= UNASKED_UP_TO


def case_report(report: Report, case: str) -> Report:
    """The part of a report that concerns one case."""
    return replace(
        report,
        findings=[f for f in report.findings if f.case == case],
        cases=[case],
        source_table=[s for s in report.source_table if s["case"] == case],
        sources=sum(1 for s in report.source_table if s["case"] == case),
        figures=[f for f in report.figures if f.case == case],
    )


def _case_reports(report: Report) -> dict[str, Report]:
    """Every case's part of the report, split in one pass (not one pass per case: an archive has thousands)."""
    findings: dict[str, list] = {case: [] for case in report.cases}
    sources: dict[str, list] = {case: [] for case in report.cases}
    figures: dict[str, list] = {case: [] for case in report.cases}
    for finding in report.findings:
        findings.setdefault(finding.case, []).append(finding)
    for source in report.source_table:
        sources.setdefault(source["case"], []).append(source)
    for figure in report.figures:
        figures.setdefault(figure.case, []).append(figure)
    return {
        case: replace(report, findings=findings[case], cases=[case], source_table=sources[case],
                      sources=len(sources[case]), figures=figures[case])
        for case in report.cases
    }


def write_case_report(report: Report, case: str, target: Path, files: Sequence[str] = tuple(FILES)) -> list[Path]:
    """Write one case's report files into ``target`` (created if missing)."""
    return _write(case_report(report, case), target, files)


def _write(one: Report, target: Path, files: Sequence[str], folder: str = ".") -> list[Path]:
    """Write ``files`` into ``target/folder`` (``folder``: a safe name, from ``safe_folder_names``)."""
    written = []
    for name in files:
        options = {"base": target / folder} if FILES[name] == "html" else {}
        written.append(write_text(target, Path(folder, name), render(one, FILES[name], **options)))
    return written


def write_case_reports(
    report: Report,
    folder: Path,
    files: Sequence[str] = tuple(FILES),
    on_case: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write ``folder/<case>/`` for every case of the report; ``on_case`` is told after each (for progress)."""
    written = []
    names = safe_folder_names(report.cases)
    for case, one in _case_reports(report).items():
        written += _write(one, folder, files, names[case])
        if on_case is not None:
            on_case(case)
    return written
