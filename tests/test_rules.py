"""Every rule against its pass/fail cases in tests/rules/<CODE>.yaml (tests as data).

A case lists claims by source (start/end default to the whole phrase at offset 0 when the case
has no articles) and the findings the rule must give: severity, the claim ids involved in order,
and optionally a fragment of the message or the exact arithmetic. No other finding of the rule
may appear.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.check import check
from audit.config import Config
from audit.rules import REGISTRY
from tests.conftest import write_case

CASES_DIR = Path(__file__).parent / "rules"


def _rule_cases():
    for file in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(file.read_text("utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name'].replace(' ', '-')}")


def pytest_generate_tests(metafunc):
    if "rule_case" in metafunc.fixturenames:
        params = list(_rule_cases())
        metafunc.parametrize("code, rule_case", [p.values for p in params], ids=[p.id for p in params])


def test_rule_case(tmp_path, code, rule_case):
    claims = {}
    for source, items in rule_case["claims"].items():
        claims[source] = [{"start": 0, "end": len(item["text"]), **item} for item in items]
    case = write_case(tmp_path / "case", claims, articles=rule_case.get("articles"))
    report = check([case], Config(select=(code,)))
    problems = [f for f in report.findings if f.rule.startswith("INPUT")]
    assert not problems, [f.message for f in problems]
    found = [f for f in report.findings if f.rule == code]
    expected = rule_case["expect"]
    assert len(found) == len(expected), [(f.severity, f.message) for f in found]
    for want, got in zip(sorted(expected, key=lambda e: e["claims"]), sorted(found, key=lambda f: [c.id for c in f.claims])):
        assert got.severity == want["severity"], got.message
        assert [c.id for c in got.claims] == want["claims"]
        if "message" in want:
            assert want["message"] in got.message
        if "arithmetic" in want:
            assert got.arithmetic == want["arithmetic"]


def test_every_frame_rule_has_cases():
    covered = {yaml.safe_load(f.read_text("utf-8"))["rule"] for f in CASES_DIR.glob("*.yaml")}
    frame_rules = {code for code, rule in REGISTRY.items() if rule.check is not None}
    assert frame_rules <= covered, f"rules without test cases: {sorted(frame_rules - covered)}"
