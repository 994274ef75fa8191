"""The fast renderers write what the plain ones wrote: JSON and SARIF as ``json.dumps(indent=2)``
of the same document, the text report as rich's console prints it, at every width."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import audit.report.text as text_renderer
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
    assert render(report, "json") == json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def test_sarif_is_json_dumps_of_its_document(report):
    assert render(report, "sarif") == json.dumps(document(report), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("width", [24, 60, 100, 140])
def test_text_is_what_rich_prints(report, width, monkeypatch):
    fast = render(report, "text", width=width)
    monkeypatch.setattr(text_renderer, "_PLAIN", __import__("re").compile(r"(?!)"))  # every line through rich
    assert fast == render(report, "text", width=width)


def test_text_with_wide_letters_and_tabs_is_what_rich_prints(report, monkeypatch):
    from dataclasses import replace

    odd = [replace(f, message=f.message + " 東京で\t二千人  " + "x" * 130) for f in report.findings[:5]]
    changed = replace(report, findings=odd)
    fast = render(changed, "text", width=50)
    monkeypatch.setattr(text_renderer, "_PLAIN", __import__("re").compile(r"(?!)"))
    assert fast == render(changed, "text", width=50)
