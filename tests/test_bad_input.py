"""Bad input: each problem is a finding (or one clear line and exit code 2) naming the file, the
line and the value, with a close match where there is one; nothing a person wrote is overwritten."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from audit.check import check
from audit.cli import app
from audit.config import Config
from audit.errors import AuditError

GOOD = {"id": "c1", "text": "312 people", "start": 0, "end": 10, "value": 312, "measure": "detained", "place": ["Kratie"]}


def findings(case, rule):
    return [f for f in check([case], Config()).findings if f.rule == rule]


def test_malformed_claim_file_is_a_finding_with_its_line(make_case):
    case = make_case({"a": [GOOD]})
    (case / "claims" / "b.yaml").write_text("source: b\nclaims:\n  - id: x\n   text: broken\n", encoding="utf-8")
    [problem] = findings(case, "INPUT001")
    assert problem.file.endswith("b.yaml") and problem.line == 4
    assert "not valid YAML" in problem.message
    assert check([case], Config()).claims == 1  # the good file is still audited


@pytest.mark.parametrize("field, value, rule, fragment", [
    ("place", ["Kratiee"], "INPUT003", "unknown place 'Kratiee'; did you mean 'Kratie'?"),
    ("group", ["Indonesain"], "INPUT004", "did you mean 'indonesian'?"),
    ("measure", "arrested", "INPUT005", "unknown measure 'arrested'"),
    ("value", -5, "INPUT006", "a count or ratio cannot be negative"),
    ("part_of", "missing-whole", "INPUT007", "points at 'missing-whole'"),
    ("stat", 3, "INPUT002", "unknown key 'stat'"),
])
def test_bad_claim_values_name_file_line_and_value(make_case, field, value, rule, fragment):
    case = make_case({"a": [GOOD, {**GOOD, "id": "c2", field: value}]})
    [problem] = findings(case, rule)
    assert fragment in problem.message
    assert problem.file.endswith("a.yaml") and problem.line is not None


def test_low_above_high(make_case):
    case = make_case({"a": [{**GOOD, "qualifier": "range", "low": 500, "high": 200}]})
    [problem] = findings(case, "INPUT006")
    assert "low must not exceed high" in problem.message and "low=500" in problem.message


def test_quote_not_in_article(make_case):
    case = make_case({"a": [{**GOOD, "text": "321 people", "value": 321}]},
                     articles={"a": "Police held 312 people in Kratie.\n"})
    [finding] = findings(case, "GROUND001")
    assert finding.severity == "error" and "321 people" in finding.message


def test_duplicate_ids(make_case):
    case = make_case({"a": [GOOD], "b": [GOOD]})
    [problem] = findings(case, "INPUT008")
    assert "used twice" in problem.message


def test_empty_case_is_reported(make_case):
    case = make_case({})
    assert [f.rule for f in check([case], Config()).findings] == ["INPUT010"]


def test_binary_and_non_utf8_articles(make_case):
    case = make_case({"a": [GOOD]})
    (case / "articles").mkdir()
    (case / "articles" / "bin.txt").write_bytes(b"\x00\x01\x02PNG")
    (case / "articles" / "latin.txt").write_bytes("line one\nCaf\xe9 raid\n".encode("latin-1"))
    messages = sorted(f.message for f in findings(case, "INPUT001"))
    assert messages[0] == "is a binary file, not an article"
    assert "byte 0xe9 at offset 12" in messages[1]
    latin = next(f for f in findings(case, "INPUT001") if "latin" in f.file)
    assert latin.line == 2


def test_yaml_is_loaded_safely(make_case):
    case = make_case({"a": [GOOD]})
    (case / "claims" / "evil.yaml").write_text("!!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    [problem] = findings(case, "INPUT001")
    assert "not valid YAML" in problem.message


def test_not_a_case_and_bad_case_yaml_are_usage_errors(tmp_path, make_case):
    with pytest.raises(AuditError, match="no case.yaml"):
        check([tmp_path], Config())
    case = make_case({"a": [GOOD]})
    (case / "case.yaml").write_text("title: x\nperiod: [2025-07-14\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(case), "--no-write"])
    assert result.exit_code == 2
    assert "case.yaml:" in result.output and "not valid YAML" in result.output


def test_unknown_case_setting_suggests(make_case):
    case = make_case({"a": [GOOD]}, config={"settings": {"selct": ["SUM"]}})
    with pytest.raises(AuditError, match="did you mean 'select'"):
        check([case], Config())


def test_check_never_writes_into_the_case(make_case, tmp_path):
    case = make_case({"a": [GOOD]}, articles={"a": "Police held 312 people in Kratie.\n"})
    before = {p: p.read_bytes() for p in case.rglob("*") if p.is_file()}
    result = CliRunner().invoke(app, ["check", str(case), "--reports-dir", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert {p: p.read_bytes() for p in case.rglob("*") if p.is_file()} == before
    assert (tmp_path / "out" / case.name / "report.md").is_file()
