"""The scores in the product: `audit score-findings` gives the numbers of the shared scorer, and
`audit score-extraction` reads version-2 annotations (articles in articles/ beside GOLD.yaml)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.cli import app
from audit.findings_score import load_gold, same_figure, score_findings
from tests.conftest import REPO

DEV2 = REPO.parent / "shared" / "corpus" / "dev2"
SCORER = REPO.parent / "shared" / "tools" / "score_findings.py"
needs_dev2 = pytest.mark.skipif(not (DEV2.is_dir() and SCORER.is_file()),
                                reason=f"the dev2 corpus and its scorer are not beside the checkout ({DEV2})")

GOLD = """
version: 2
events:
  flood:
    title: A flood
    country: PH
    articles: [a.md, b.md]
    discrepancies:
      - id: d1
        kind: agree
        severity: warning
        figures: [{article: a.md, text: "380 people"}, {article: b.md, text: "350 people"}]
        why: two counts for one day
    consistent:
      - {kind: agree, figures: [{article: a.md, text: "380 people"}, {article: b.md, text: "380 dead"}], why: same}
    acceptable: []
"""


def test_a_finding_pointing_at_a_discrepancy_is_true_and_one_at_a_consistent_pair_false(tmp_path: Path) -> None:
    gold = tmp_path / "GOLD.yaml"
    gold.write_text(GOLD, encoding="utf-8")
    findings = {"findings": [
        {"rule": "AGREE001", "severity": "warning", "claims": [{"file": "x/a.md", "text": "380 people"}, {"file": "b.md", "text": "350 people"}]},
        {"rule": "AGREE001", "severity": "error", "claims": [{"file": "a.md", "text": "380 people"}, {"file": "b.md", "text": "380 dead"}]},
        {"rule": "INPUT009", "severity": "warning", "claims": []},
    ]}
    score = score_findings(load_gold([gold]), findings)
    assert (score.count("true"), score.count("false"), score.input_findings) == (1, 1, 1)
    assert score.precision == 0.5 and score.error_precision == 0.0 and score.recall == 1.0


@pytest.mark.parametrize("claim, gold, same", [
    ("1,647 people", "1,647 people died in Hatay", True),
    ("Eighty-two", "82 injured", True),
    ("2 thousand 323", "2,323 injured", False),  # read as 2,000 and 323 by the scorer, as by the shared one
    ("150 people", "82 people were injured", False),
])
def test_same_figure(claim: str, gold: str, same: bool) -> None:
    assert same_figure(claim, gold) is same


@needs_dev2
def test_score_findings_gives_the_shared_scorers_numbers(tmp_path: Path) -> None:
    golds = sorted(str(p) for p in DEV2.glob("*/GOLD.yaml"))
    findings = tmp_path / "f.json"
    audited = CliRunner().invoke(app, ["check", str(DEV2), "--format", "json", "--no-write", "--fail-on", "never"])
    findings.write_text(audited.output, encoding="utf-8")
    ours = CliRunner().invoke(app, ["score-findings", *golds, str(findings)])
    shared = subprocess.run([sys.executable, str(SCORER), *golds, str(findings)], capture_output=True, text=True, check=True)
    assert ours.exit_code == 0, ours.output
    assert ours.output.strip().splitlines()[-1] == shared.stdout.strip().splitlines()[-1]
    assert json.loads(audited.output)["coverage"]["read"] > 0


@needs_dev2
def test_score_extraction_reads_version_2_and_scores_the_scope() -> None:
    result = CliRunner().invoke(app, ["score-extraction", str(DEV2 / "nepal-protests-2025" / "GOLD.yaml")])
    assert result.exit_code == 0, result.output
    header, *rows = result.output.splitlines()
    assert "measure" in header and "kind" in header and "as_of" in header
    overall = next(r for r in rows if r.startswith("overall"))
    assert "as_of" in overall and "measure" in overall
