"""Claims out of date (issue 13): a claim file remembers the hash of the article it was read from;
an article edited later is an INPUT013 warning until `audit extract --case` refreshes the claims."""

from __future__ import annotations

from pathlib import Path

import yaml

from audit.check import check
from audit.review import extract_case

STORY = "---\ntitle: Floods in Sindh\noutlet: Test Wire\npublished: 2025-08-18\n---\nThe floods killed 41 people in Sindh, officials said.\n"


def _case(root: Path) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "case.yaml").write_text("title: floods\ncountry: PK\n", encoding="utf-8")
    (root / "articles" / "wire.md").write_text(STORY, encoding="utf-8")
    return root


def test_an_edited_article_makes_its_claims_out_of_date_until_they_are_extracted_again(tmp_path: Path) -> None:
    case = _case(tmp_path / "case")
    extract_case(case)
    assert "# article: " in (case / "claims" / "wire.yaml").read_text("utf-8")
    assert not [f for f in check([case]).findings if f.rule == "INPUT013"]

    edited = STORY.replace("41 people in Sindh, officials said.", "41 people in Sindh, officials said. Another 12 are missing.")
    (case / "articles" / "wire.md").write_text(edited, encoding="utf-8")
    stale = [f for f in check([case]).findings if f.rule == "INPUT013"]
    assert len(stale) == 1 and stale[0].severity == "warning" and "wire.md changed" in stale[0].message
    assert stale[0].file.endswith("wire.yaml") and stale[0].line is not None

    changes = extract_case(case)  # unreviewed: refreshed with the new figure
    assert [c.action for c in changes] == ["replaced"]
    texts = [c["text"] for c in yaml.safe_load((case / "claims" / "wire.yaml").read_text("utf-8"))["claims"]]
    assert any("12" in t for t in texts)
    assert not [f for f in check([case]).findings if f.rule == "INPUT013"]


def test_a_reviewed_file_keeps_its_claims_and_takes_the_new_hash_when_merged(tmp_path: Path) -> None:
    case = _case(tmp_path / "case")
    extract_case(case)
    file = case / "claims" / "wire.yaml"
    file.write_text(file.read_text("utf-8").replace("reviewed: false", "reviewed: true  # checked by a person"), encoding="utf-8")
    (case / "articles" / "wire.md").write_text(STORY + "Rescuers said 300 people were evacuated.\n", encoding="utf-8")
    assert [f.rule for f in check([case]).findings if f.rule == "INPUT013"] == ["INPUT013"]
    assert [c.action for c in extract_case(case)] == ["merged"]
    text = file.read_text("utf-8")
    assert "# checked by a person" in text and "300" in text  # the person's comment kept, the new figure merged
    assert not [f for f in check([case]).findings if f.rule == "INPUT013"]
