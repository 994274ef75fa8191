"""The last batch of case folders is audited as two halves at once, one per thread (``audit.check._audit_halves``):
the report is the one of the batch audited whole -- findings, coverage, counts, sources and pictures of figures."""

from __future__ import annotations

from pathlib import Path

import pytest

import audit.check as check_module
from audit.check import check
from audit.config import Config
from audit.synth import PLANT_KINDS, write

_AUDIT = check_module._audit


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("folders")
    write(len(PLANT_KINDS) + 3, 3, seed=21, out=out, format="cases", claims_per_case=30)
    return out


def _report(folders: Path, monkeypatch, cores: int, calls: list[int]):
    monkeypatch.setattr("audit.readers.usable_cores", lambda: cores)
    monkeypatch.setattr(check_module, "HALVES_FROM", 4)  # a handful of folders stands for a large last batch
    def counted(cases, archives, config, taken):
        calls.append(len(cases))
        return _AUDIT(cases, archives, config, taken)

    monkeypatch.setattr(check_module, "_audit", counted)
    return check([folders], Config(cache_dir=None))


def _document(report) -> tuple:
    return (report.findings, report.coverage, report.cases, report.sources, report.claims, report.case_fail_on,
            report.source_table, report.rules_run, list(report.figures))  # dataclasses: equal field by field


def test_two_halves_give_the_report_of_the_whole(folders: Path, monkeypatch):
    whole_calls: list[int] = []
    whole = _document(_report(folders, monkeypatch, 1, whole_calls))
    halves_calls: list[int] = []
    halves = _document(_report(folders, monkeypatch, 2, halves_calls))
    cases = len(PLANT_KINDS) + 3
    assert whole_calls == [cases] and sorted(halves_calls) == [cases // 2, cases - cases // 2]
    assert halves == whole
    assert whole[0] and whole[-1]  # findings and figures to compare
