"""`audit baseline` and `audit check --baseline`: only new findings fail; the baseline only ratchets down."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from audit.baseline import VERSION, baseline_of
from audit.check import check
from audit.cli import app
from tests.ci_support import EXAMPLE, plant_article

runner = CliRunner()



def audit(*args: str):
    return runner.invoke(app, list(args))


def test_a_baseline_records_fingerprints_not_lines(workspace: Path):
    done = audit("baseline", "cases", "--output", "b.json")
    assert done.exit_code == 0, done.output
    data = json.loads((workspace / "b.json").read_text())
    assert data["version"] == VERSION
    live = [f for f in check(["cases"]).findings if not f.waived]
    assert len(data["findings"]) == len(live) > 0
    assert all("line" not in entry and "file" not in entry for entry in data["findings"])
    assert {e["rule"] for e in data["findings"]} == {f.rule for f in live}
    assert {e["fingerprint"] for e in data["findings"]} == {f.fingerprint for f in live}
    assert all(e["claims"] for e in data["findings"])


def test_baselined_findings_do_not_fail_new_ones_do(workspace: Path):
    audit("baseline", "cases", "--output", "b.json")
    recorded = len(json.loads((workspace / "b.json").read_text())["findings"])
    assert audit("check", "cases", "--baseline", "b.json", "--fail-on", "warning", "--no-write").exit_code == 0
    plant_article(workspace / "cases" / EXAMPLE.name)
    done = audit("check", "cases", "--baseline", "b.json", "--fail-on", "warning", "--no-write", "--format", "json")
    assert done.exit_code == 1
    report = json.loads(done.stdout)
    live = [f for f in report["findings"] if not f["baselined"]]
    assert live and all(any(c["source"] == "mekong-wire-2025-07-18" for c in f["claims"]) for f in live)
    assert report["summary"]["baselined"] == recorded


def test_moving_lines_does_not_make_a_finding_new(workspace: Path):
    audit("baseline", "cases", "--output", "b.json")
    before = {f.fingerprint: f.line for f in check(["cases"]).findings if f.file.endswith("abc-2025-07-17.md")}
    article = workspace / "cases" / EXAMPLE.name / "articles" / "abc-2025-07-17.md"
    text = article.read_text("utf-8")
    head, body = text.split("---\n", 2)[1:]
    article.write_text(f"---\n# a note\n# another\n{head}---\n{body}", encoding="utf-8")  # two lines more above
    shifted = check(["cases"])
    after = {f.fingerprint: f.line for f in shifted.findings if f.file.endswith("abc-2025-07-17.md")}
    assert before and after == {fingerprint: line + 2 for fingerprint, line in before.items()}
    assert audit("check", "cases", "--baseline", "b.json", "--fail-on", "warning", "--no-write").exit_code == 0


def test_entries_that_no_longer_occur_are_listed(workspace: Path):
    audit("baseline", "cases", "--output", "b.json")
    case = workspace / "cases" / EXAMPLE.name
    (case / "case.yaml").write_text((case / "case.yaml").read_text() + "settings:\n  ignore: [PLACE001]\n")
    data = json.loads((workspace / "b.json").read_text())
    data["findings"].append({"fingerprint": "0123456789abcdef", "rule": "SUM003", "case": EXAMPLE.name,
                             "claims": ["gone-claim"], "message": "fixed since"})
    (workspace / "b.json").write_text(json.dumps(data))
    done = audit("check", "cases", "--baseline", "b.json", "--no-write", "--format", "json")
    assert done.exit_code == 0
    assert "baseline entry 0123456789abcdef (SUM003 in cambodia-2025-07) no longer occurs" in done.output
    gone = json.loads(done.stdout)["baseline_gone"]
    # PLACE001 is no longer run in this case: its entry is gone too (the case ignores it now)
    assert {e["rule"] for e in gone} >= {"SUM003"}


def test_entries_of_cases_not_audited_are_not_gone(workspace: Path):
    report = check(["cases"])
    data = baseline_of(report)
    for entry in data["findings"]:
        entry["case"] = "another-case"
    (workspace / "b.json").write_text(json.dumps(data))
    done = audit("check", "cases", "--baseline", "b.json", "--no-write", "--format", "json")
    assert json.loads(done.stdout)["baseline_gone"] == []


@pytest.mark.parametrize(("content", "message"), [
    ('{"version": 0, "findings": []}', "baseline version 0 is not supported"),
    ('{"findings": []}', "baseline version None is not supported"),
    ('{"version": 1, "findings": [{"rule": "SUM003"}]}', "malformed at findings/0"),
    ('{"version": 1, "findings": [{"fingerprint": "xyz", "rule": "SUM003", "case": "c"}]}',
     "malformed at findings/0/fingerprint"),
    ('{"version": 1, "findings": [', "b.json:1: the baseline is not valid JSON"),
    ('[1, 2]', "a baseline is a JSON object"),
])
def test_a_bad_baseline_is_one_line_and_exit_2_and_is_not_overwritten(workspace: Path, content: str, message: str):
    (workspace / "b.json").write_text(content)
    for args in (("check", "cases", "--baseline", "b.json", "--no-write"), ("baseline", "cases", "--output", "b.json")):
        done = audit(*args)
        assert done.exit_code == 2, done.output
        assert message in done.output
        assert len(done.output.strip().splitlines()) == 1
        assert (workspace / "b.json").read_text() == content


def test_a_missing_baseline_says_how_to_make_one(workspace: Path):
    done = audit("check", "cases", "--baseline", "nope.json", "--no-write")
    assert done.exit_code == 2
    assert "create it with 'audit baseline" in done.output


def test_a_folder_without_case_yaml_is_exit_2_and_writes_nothing(workspace: Path):
    (workspace / "empty" / "claims").mkdir(parents=True)
    for args in (("baseline", "empty", "--output", "b.json"), ("check", "empty", "--no-write")):
        done = audit(*args)
        assert done.exit_code == 2
        assert "no case.yaml" in done.output and len(done.output.strip().splitlines()) == 1
    assert not (workspace / "b.json").exists()


def test_waived_findings_are_not_recorded_and_never_fail(workspace: Path):
    case = workspace / "cases" / EXAMPLE.name
    (case / "case.yaml").write_text((case / "case.yaml").read_text()
                                    + "waivers:\n  - rule: AGREE002\n    reason: the headline rounds\n")
    audit("baseline", "cases", "--output", "b.json")
    assert "AGREE002" not in {e["rule"] for e in json.loads((workspace / "b.json").read_text())["findings"]}
    done = audit("check", "cases", "--fail-on", "warning", "--no-write", "--format", "json")
    agree = [f for f in json.loads(done.stdout)["findings"] if f["rule"] == "AGREE002"]
    assert agree[0]["waived"] == "the headline rounds"


def test_reports_say_which_findings_are_in_the_baseline(workspace: Path):
    audit("baseline", "cases", "--output", "b.json")
    text = audit("check", "cases", "--baseline", "b.json", "--no-write")
    recorded = len(json.loads((workspace / "b.json").read_text())["findings"])
    assert text.stdout.count("\n") == 2  # baselined findings are counted, not printed (a summary and a coverage line)
    assert text.stdout.splitlines()[0].endswith(f"{recorded} in the baseline (not shown)")
    markdown = audit("check", "cases", "--baseline", "b.json", "--no-write", "--format", "markdown")
    assert markdown.stdout.count("*In the baseline*") == recorded
