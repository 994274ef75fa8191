"""Claim files written by extraction, merged on re-extraction; a case with articles only is audited."""

from __future__ import annotations

from pathlib import Path

import yaml

from audit.case import load_case
from audit.review import extract_case, write_claim_file

STORY = """---
title: Landslide buries mountain road
outlet: Example Wire
url: https://example.org/landslide
published: 2024-10-03
---
The death toll from a landslide in Benguet has risen to 14, officials said on Thursday.
Of the 14 deaths, nine were road workers and five were drivers.
"""


def _case(tmp_path: Path) -> Path:
    case = tmp_path / "landslide"
    (case / "articles").mkdir(parents=True)
    (case / "case.yaml").write_text("title: Landslide\ncountry: PH\nperiod: [2024-10-01, 2024-10-05]\n", encoding="utf-8")
    (case / "articles" / "wire-2024-10-03.md").write_text(STORY, encoding="utf-8")
    return case


def test_a_case_with_articles_only_is_extracted_on_the_fly(tmp_path: Path) -> None:
    case = load_case(_case(tmp_path))
    assert not [p for p in case.problems if p.rule != "INPUT009"], case.problems
    texts = {c["text"]: c for c in case.claims}
    assert {"14", "14 deaths", "nine", "five"} <= set(texts)
    assert texts["nine"]["part_of"] == texts["14 deaths"]["id"]
    assert texts["14 deaths"]["measure"] == "deaths" and texts["14"]["reviewed"] is False
    assert texts["14"]["place"] == ["PH-BEN"]  # a province: the gazetteer knows its region


def test_extract_case_writes_unreviewed_files_and_never_overwrites_a_reviewed_one(tmp_path: Path) -> None:
    path = _case(tmp_path)
    [change] = extract_case(path)
    assert change.action == "created"
    claim_file = path / "claims" / "wire-2024-10-03.yaml"
    data = yaml.safe_load(claim_file.read_text("utf-8"))
    assert data["reviewed"] is False and len(data["claims"]) == 4
    assert load_case(path).problems == [] or all(p.rule == "INPUT009" for p in load_case(path).problems)

    [again] = extract_case(path)
    assert again.action == "unchanged"

    # a person reviews: drops one claim, corrects another, marks the file reviewed
    data["reviewed"] = True
    data["claims"] = [c for c in data["claims"] if c["text"] != "five"]
    data["claims"][0]["note"] = "checked against the agency bulletin"
    claim_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    [merged] = extract_case(path)
    assert merged.action == "merged" and merged.added == ["five"] and merged.kept == 3
    after = yaml.safe_load(claim_file.read_text("utf-8"))
    assert after["claims"][0]["note"] == "checked against the agency bulletin"
    assert len({c["id"] for c in after["claims"]}) == 4
    assert not load_case(path).problems or all(p.rule == "INPUT009" for p in load_case(path).problems)


def test_an_untouched_file_is_replaced_and_changes_are_listed(tmp_path: Path) -> None:
    target = tmp_path / "claims" / "s.yaml"
    first = [{"id": "s-001", "text": "12 people", "start": 0, "end": 9, "value": 12, "measure": "other"}]
    assert write_claim_file(target, "s", first).action == "created"
    second = [{"id": "s-001", "text": "14 people", "start": 0, "end": 9, "value": 14, "measure": "other"}]
    change = write_claim_file(target, "s", second)
    assert change.action == "replaced" and change.added == ["14 people"] and change.removed == ["12 people"]


def test_an_unreadable_claim_file_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "s.yaml"
    target.write_text("claims: [unclosed\n", encoding="utf-8")
    change = write_claim_file(target, "s", [{"id": "s-001", "text": "1", "start": 0, "end": 1, "value": 1, "measure": "other"}])
    assert change.action == "skipped" and target.read_text("utf-8") == "claims: [unclosed\n"


def test_extract_case_names_an_unreadable_article(tmp_path: Path) -> None:
    path = _case(tmp_path)
    (path / "articles" / "broken.txt").write_bytes(b"Title of a story\n\xff\xfe caf\xe9")
    changes = {change.path.name: change for change in extract_case(path)}
    assert changes["broken.txt"].action == "skipped" and "byte 0xff at offset 17" in changes["broken.txt"].summary()
    assert changes["wire-2024-10-03.yaml"].action == "created"
