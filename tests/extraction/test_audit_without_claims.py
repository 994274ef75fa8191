"""A case made only of articles is audited through extraction: the findings are those of the
hand-reviewed claims (issue 3, "Done when")."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from audit.check import check
from tests.conftest import SHARED

REPO = Path(__file__).resolve().parents[2]
DEV = SHARED / "corpus" / "dev"
CAMBODIA = ["thaivisa-2025-07-17-cambodia-arrests-1000.txt", "abc-daily8-2025-07-cambodian-elites-complicit.txt",
            "ap-2025-07-17-cambodia-makes-1000-arrests.md", "ap-2025-07-19-over-2100-nabbed.md"]


def _rules(report) -> Counter:
    return Counter((f.rule, f.severity) for f in report.findings if f.rule != "INPUT009")


def test_example_case_without_its_claim_files_gives_the_reviewed_findings(tmp_path: Path) -> None:
    reviewed = check([REPO / "cases" / "cambodia-2025-07"])
    case = tmp_path / "cambodia-2025-07"
    shutil.copytree(REPO / "cases" / "cambodia-2025-07", case)
    shutil.rmtree(case / "claims")
    extracted = check([case])
    assert _rules(extracted) == _rules(reviewed)


@pytest.mark.skipif(not DEV.is_dir(), reason=f"the dev corpus is not beside the checkout ({DEV} is absent)")
def test_the_four_cambodia_pages_audited_from_extraction_alone(tmp_path: Path) -> None:
    case = tmp_path / "cambodia-dev"
    (case / "articles").mkdir(parents=True)
    for name in CAMBODIA:  # copied at test time: the outlets' text never enters the project
        shutil.copy(DEV / name, case / "articles" / name)
    (case / "case.yaml").write_text(
        "title: Cambodia raids from the dev corpus\ncountry: KH\nperiod: [2025-07-14, 2025-07-16]\n"
        "sources:\n  abc-daily8-2025-07-cambodian-elites-complicit:\n    published: 2025-07-17\n",
        encoding="utf-8",
    )
    report = check([case])
    assert _rules(report) == Counter({("AGREE002", "warning"): 2, ("SUM003", "warning"): 2, ("PLACE001", "warning"): 1})
