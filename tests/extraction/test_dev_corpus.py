"""Extraction scored against the annotated dev corpus in ../shared (read at test time, never copied)."""

from __future__ import annotations


import pytest

from audit.extract.score import render_scores, score_corpus, total
from tests.conftest import SHARED

GOLD = SHARED / "corpus" / "dev" / "GOLD.yaml"


@pytest.mark.skipif(not GOLD.is_file(), reason=f"the dev corpus is not beside the checkout ({GOLD} is absent)")
def test_dev_corpus_meets_the_targets() -> None:
    scores = score_corpus(GOLD)
    overall = total(scores)
    report = render_scores(scores)
    assert overall.recall >= 0.90, report
    assert overall.precision >= 0.90, report
    assert overall.place_accuracy >= 0.85, report
    assert overall.group_accuracy >= 0.85, report
