"""Settings in case.yaml and [tool.audit]: hedge-table overrides, select/ignore, severities, waivers."""

from __future__ import annotations

import shutil

import pytest
import yaml

from audit.check import check
from audit.config import Config
from audit.errors import AuditError
from tests.conftest import EXAMPLE_CASE


@pytest.fixture
def example(tmp_path):
    target = tmp_path / "cambodia"
    shutil.copytree(EXAMPLE_CASE, target)
    return target


def _configure(case, **settings):
    data = yaml.safe_load((case / "case.yaml").read_text("utf-8"))
    data.update(settings)
    (case / "case.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")


def test_a_case_can_override_the_hedge_table(example):
    # reading "over 1,000" as "1,000 or more" reconciles the headlines with their bodies
    _configure(example, hedges={"more_than": {"low": "n"}})
    rules = {f.rule for f in check([example], Config()).findings}
    assert "AGREE002" not in rules and "PLACE001" in rules


def test_select_ignore_and_severity_per_case(example):
    _configure(example, settings={"ignore": ["PLACE"], "severity": {"SUM003": "info"}})
    findings = check([example], Config()).findings
    assert not [f for f in findings if f.rule == "PLACE001"]
    assert {f.severity for f in findings if f.rule == "SUM003"} == {"info"}


def test_waiver_accepts_one_finding_with_its_reason(example):
    _configure(example, waivers=[{"rule": "AGREE002", "claims": ["tv-headline", "tv-total"],
                                  "reason": "headlines round; the body is exact"}])
    report = check([example], Config())
    waived = [f for f in report.findings if f.waived]
    assert [(f.rule, f.claims[0].id, f.waived) for f in waived] == [
        ("AGREE002", "tv-headline", "headlines round; the body is exact")]
    assert report.counts()["warning"] == 4 and report.summary()["waived"] == 1


def test_pyproject_settings_and_unknown_codes(tmp_path, example):
    (tmp_path / "pyproject.toml").write_text('[tool.audit]\nselect = ["SUM"]\nfail-on = "warning"\n', encoding="utf-8")
    config = Config.from_pyproject(example)
    assert config.fail_on == "warning" and config.selects("SUM003") and not config.selects("AGREE002")
    assert {f.rule for f in check([example], config).findings} == {"SUM003"}
    (tmp_path / "pyproject.toml").write_text('[tool.audit]\nselect = ["SUM009"]\n', encoding="utf-8")
    with pytest.raises(AuditError, match="unknown rule code 'SUM009'; did you mean"):
        Config.from_pyproject(example)
