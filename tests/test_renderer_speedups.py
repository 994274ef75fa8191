"""The fast renderers write what the plain ones wrote: JSON and SARIF (orjson, in one pass) as
``json.dumps(indent=2)`` of the same document. (The text report prints one unwrapped line per
finding: tests/test_workflow.py and the README's example check it.)"""

from __future__ import annotations

import json

import pytest

from audit.check import check
from audit.config import Config
from audit.report import render
from audit.report.sarif import document
from audit.synth import write


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cases")
    write(6, 3, seed=5, out=folder, format="cases", claims_per_case=40)
    return check([folder], Config())


def test_json_is_json_dumps_of_the_report(report):
    assert report.findings
    plain = {"schema_version": 1, "summary": report.summary(), "coverage": report.coverage, **{
        k: v for k, v in report.to_dict().items() if k != "summary"}}
    assert render(report, "json") == json.dumps(plain, indent=2, ensure_ascii=False) + "\n"


def test_sarif_is_json_dumps_of_its_document(report):
    assert render(report, "sarif") == json.dumps(document(report), indent=2, ensure_ascii=False) + "\n"
