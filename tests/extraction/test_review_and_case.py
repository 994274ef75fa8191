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

    # a person reviews in an editor (comments kept): drops one claim, annotates another, marks the file reviewed
    document = _ruamel().load(claim_file.read_text("utf-8"))
    document["reviewed"] = True
    del document["claims"][[c["text"] for c in document["claims"]].index("five")]
    document["claims"][0]["note"] = "checked against the agency bulletin"
    document["claims"][0].yaml_add_eol_comment("the bulletin of 3 October", "text")
    claim_file.write_text(_dumped(document), encoding="utf-8")
    [merged] = extract_case(path)
    assert merged.action == "merged" and merged.added == [] and merged.kept == 3
    assert "1 deleted claim(s) recorded as rejected" in merged.summary()
    text = claim_file.read_text("utf-8")
    assert "# the bulletin of 3 October" in text and text.startswith("# Extracted by `audit extract`")
    after = yaml.safe_load(text)
    assert after["claims"][0]["note"] == "checked against the agency bulletin" and after["reviewed"] is True
    assert [r["text"] for r in after["rejected"]] == ["five"] and len(after["claims"]) == 3
    assert not load_case(path).problems or all(p.rule == "INPUT009" for p in load_case(path).problems)

    [again] = extract_case(path)  # the rejected figure stays rejected
    assert again.action == "unchanged" and claim_file.read_text("utf-8") == text


def _ruamel():
    from ruamel.yaml import YAML

    return YAML(typ="rt")


def _dumped(document) -> str:
    import io

    out = io.StringIO()
    _ruamel().dump(document, out)
    return out.getvalue()


def test_merging_keeps_comments_quoting_and_the_file_mode(tmp_path: Path) -> None:
    path = _case(tmp_path)
    extract_case(path)
    claim_file = path / "claims" / "wire-2024-10-03.yaml"
    data = yaml.safe_load(claim_file.read_text("utf-8"))
    first = data["claims"][0]
    # a person's own file: a comment, quoted strings, one claim only, an offset written as text
    own = (f"# checked by the desk on 4 October\nsource: 'wire-2024-10-03'\nreviewed: true\nclaims:\n"
           f"  - id: {first['id']}  # the headline figure\n    text: \"{first['text']}\"\n"
           f"    start: '{first['start']}'\n    end: {first['end']}\n    value: {first['value']}\n"
           f"    measure: {first['measure']}\n")
    claim_file.write_text(own, encoding="utf-8")
    claim_file.chmod(0o640)
    [merged] = extract_case(path)
    assert merged.action == "merged" and merged.kept == 1 and len(merged.added) == 3
    text = claim_file.read_text("utf-8")
    assert text.startswith(own.replace("reviewed: true", "reviewed: false"))  # the person's lines, untouched
    assert claim_file.stat().st_mode & 0o777 == 0o640
    assert len(yaml.safe_load(text)["claims"]) == 4


def test_a_new_claim_file_gets_the_usual_mode(tmp_path: Path) -> None:
    import os

    path = _case(tmp_path)
    extract_case(path)
    umask = os.umask(0)
    os.umask(umask)
    assert (path / "claims" / "wire-2024-10-03.yaml").stat().st_mode & 0o777 == 0o666 & ~umask


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
