"""The extraction commands: audit extract (files, --case), audit score-extraction, audit add."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from audit.cli import app

runner = CliRunner()
ARTICLES = Path(__file__).parent / "articles"
STORY = """---
title: Storm leaves 9 dead in coastal province
published: 2024-10-03
---
At least nine people died when a storm struck Albay on Wednesday, and 1,200 families fled to shelters.
"""


def test_extract_prints_json_rows_with_intervals(tmp_path: Path) -> None:
    article = tmp_path / "storm.md"
    article.write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    keys = {"source", "text", "start", "end", "low", "high", "qualifier", "measure", "place", "group",
            "period_start", "period_end", "part_of"}
    assert all(keys <= set(row) for row in rows)
    by_text = {row["text"]: row for row in rows}
    assert by_text["At least nine people"]["low"] == 9 and by_text["At least nine people"]["high"] is None
    assert by_text["At least nine people"]["place"] == ["PH-ALB"]
    assert by_text["At least nine people"]["period_start"] == "2024-10-02"
    assert by_text["1,200 families"]["measure"] == "affected_families"


def test_extract_yaml_and_bad_files(tmp_path: Path) -> None:
    good = tmp_path / "storm.md"
    good.write_text(STORY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(good), str(empty)])
    assert result.exit_code == 2
    assert "empty.txt: is empty" in result.output
    document = yaml.safe_load(result.stdout.split("audit:")[0] if result.stdout.startswith("audit:") else result.stdout)
    assert document["source"] == "storm" and document["reviewed"] is False


def test_extract_case_writes_claim_files(tmp_path: Path) -> None:
    case = tmp_path / "storm"
    (case / "articles").mkdir(parents=True)
    (case / "case.yaml").write_text("title: Storm\ncountry: PH\n", encoding="utf-8")
    (case / "articles" / "storm.md").write_text(STORY, encoding="utf-8")
    result = runner.invoke(app, ["extract", "--case", str(case)])
    assert result.exit_code == 0 and "created" in result.output
    assert (case / "claims" / "storm.yaml").is_file()
    again = runner.invoke(app, ["extract", "--case", str(case)])
    assert "unchanged" in again.output


def test_add_stores_a_fetched_page(tmp_path: Path, monkeypatch) -> None:
    import audit.sources.fetch as fetch

    (tmp_path / "case.yaml").write_text("title: Ferry\ncountry: PH\n", encoding="utf-8")
    html = (ARTICLES / "fetched-page.html").read_text("utf-8")
    monkeypatch.setattr(fetch, "_fetch", lambda url: html)
    monkeypatch.setattr(fetch.add_url, "__defaults__", (fetch._fetch,))
    result = runner.invoke(app, ["add", str(tmp_path), "https://example.org/ferry"])
    assert result.exit_code == 0, result.output
    assert list((tmp_path / "articles").glob("*.md"))


def test_score_extraction_reports_a_missing_gold_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score-extraction", str(tmp_path / "GOLD.yaml")])
    assert result.exit_code == 2 and "no such annotation file" in result.output
