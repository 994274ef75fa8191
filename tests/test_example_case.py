"""The bundled case: the findings the README promises, and no error on the figures that agree."""

from __future__ import annotations

from audit.check import check
from audit.config import Config
from tests.conftest import EXAMPLE_CASE


def test_example_case_findings():
    report = check([EXAMPLE_CASE], Config())
    summary = {(f.rule, f.severity, tuple(c.id for c in f.claims)) for f in report.findings}
    assert summary == {
        ("AGREE002", "warning", ("tv-headline", "tv-total")),
        ("AGREE002", "warning", ("ap-headline", "ap-lead", "ap-total")),
        ("PLACE001", "warning", ("tv-provinces",)),
        ("SUM003", "warning", ("abc-total", "abc-cambodians", "abc-vietnamese", "abc-chinese", "abc-taiwanese",
                               "abc-indonesians", "abc-kratie", "abc-pursat")),
        ("SUM003", "warning", ("ap-total", "ap-vietnamese", "ap-chinese", "ap-taiwanese", "ap-cambodians",
                               "ap-indonesians", "ap-kratie", "ap-pursat")),
    }
    assert report.counts() == {"error": 0, "warning": 5, "info": 0}


def test_breakdown_arithmetic_is_written_out():
    report = check([EXAMPLE_CASE], Config(select=("SUM003",)))
    abc = next(f for f in report.findings if f.claims[0].id == "abc-total")
    assert abc.arithmetic == (
        "85 + >200 + 27 + 75 + ≥270 + 312 + 27 = ≥997 (printed: 996), against >1,000 (≥1,001): at least 4 unaccounted"
    )
    assert abc.claims[0].outlet.startswith("ABC News")
    assert "more than 1,000 people" in abc.claims[0].sentence
    assert abc.file.endswith("abc-2025-07-17.md") and abc.line == 9


def test_every_claim_of_the_example_is_grounded():
    report = check([EXAMPLE_CASE], Config(select=("GROUND", "INPUT")))
    assert report.findings == []
    assert report.claims == 35 and report.sources == 3
