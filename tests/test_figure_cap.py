"""An article (or claim file) of more figures than any story holds is audited up to a limit, with a finding."""

from __future__ import annotations

import audit.case
from audit.check import check
from audit.config import Config


def test_an_article_beyond_the_figure_limit_is_audited_up_to_it(make_case, monkeypatch) -> None:
    monkeypatch.setattr(audit.case, "MOST_FIGURES", 5)
    body = "".join(f"Guards held {n} migrants in Kampot. " for n in range(101, 109))  # 8 figures
    case = make_case({}, articles={"long": body})
    (case / "claims").rmdir()
    report = check([case], Config())
    [limit] = [f for f in report.findings if f.rule == "INPUT011"]
    assert "holds 8 figures; the first 5 are audited" in limit.message and limit.file.endswith("long.md")
    assert report.claims == 5


def test_a_claim_file_beyond_the_figure_limit_is_audited_up_to_it(make_case, monkeypatch) -> None:
    monkeypatch.setattr(audit.case, "MOST_FIGURES", 2)
    claims = [{"id": f"c{n}", "text": f"{n} people", "start": 0, "end": 9, "value": n, "measure": "detained"}
              for n in range(100, 104)]
    report = check([make_case({"a": claims})], Config())
    [limit] = [f for f in report.findings if f.rule == "INPUT002"]
    assert "holds 4 figures; the first 2 are audited" in limit.message and limit.line == 3
    assert report.claims == 2
