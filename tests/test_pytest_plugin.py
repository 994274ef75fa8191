"""The pytest plugin: `pytest cases/` is an audit checklist, one item per rule and case."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from audit.check import check
from tests.ci_support import EXAMPLE, ROOT, copy_example

FRAME_AND_INPUT_RULES = len(__import__("audit.rules", fromlist=["REGISTRY"]).REGISTRY)  # every rule runs on the example case


def _plugin_args() -> list[str]:
    """Load the plugin explicitly unless this checkout is installed with its pytest11 entry point."""
    installed = any(ep.value == "audit.pytest_plugin" for ep in entry_points(group="pytest11"))
    return [] if installed else ["-p", "audit.pytest_plugin"]


def run_pytest(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}".rstrip(os.pathsep)}
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run([sys.executable, "-m", "pytest", *_plugin_args(), "-p", "no:cacheprovider", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case repository: the example case under cases/, a fixture case hidden in tests/."""
    root = tmp_path_factory.mktemp("project")
    copy_example(root)
    (root / "pyproject.toml").write_text('[tool.pytest.ini_options]\ntestpaths = ["tests"]\n')
    fixture = root / "tests" / "data" / "broken-case"
    fixture.mkdir(parents=True)
    (fixture / "case.yaml").write_text("title: a fixture the project's own tests read\n")
    (root / "tests" / "test_own.py").write_text(
        "import pytest\n"
        "from audit.testing import assert_agree, assert_no_errors\n\n"
        "def test_no_case_has_an_error(audit_report):\n"
        "    assert_no_errors(audit_report('cases'))\n\n"
        "def test_outlets_agree_on_the_detained(audit_report):\n"
        "    assert_agree(audit_report('cases/cambodia-2025-07'), measure='detained', place='KH', level='error')\n\n"
        "def test_the_thaivisa_headline_contradicts_its_body(audit_report):\n"
        "    with pytest.raises(AssertionError, match='(?s)AGREE002.*Cambodia detains 1,000'):\n"
        "        assert_agree(audit_report('cases/cambodia-2025-07'), claims=['tv-headline'])\n"
    )
    return root


def test_pytest_cases_lists_one_item_per_rule_and_case(project: Path):
    done = run_pytest(project, "cases/", "-v")
    items = [line.split()[0] for line in done.stdout.splitlines() if line.startswith("cases/cambodia-2025-07::")]
    assert len(items) == FRAME_AND_INPUT_RULES, done.stdout
    assert "cases/cambodia-2025-07::SUM001" in items and "cases/cambodia-2025-07::AGREE002" in items
    assert done.returncode == 0, done.stdout  # 4 warnings, no error: passes at the default level


def test_at_fail_on_warning_the_rules_with_warnings_fail_and_point_at_the_articles(project: Path):
    done = run_pytest(project, "cases/", "-v", "--audit-fail-on", "warning")
    assert done.returncode == 1, done.stdout
    failed = {line.split()[0].split("::")[1] for line in done.stdout.splitlines()
              if line.startswith("cases/") and " FAILED" in line}
    assert failed == {"SUM003", "AGREE002", "PLACE001"}
    # the failure shows the findings as a table: file:line, source and quote
    sums = [f for f in check([EXAMPLE]).findings if f.rule == "SUM003"]
    for finding in sums:
        where = Path(finding.file).relative_to(EXAMPLE.parent.parent).as_posix()
        assert f"{where}:{finding.line}: warning SUM003" in done.stdout
    assert "ThaiVisa News" in done.stdout and "**Cambodia detains 1,000**" in done.stdout


def test_the_projects_own_pytest_run_does_not_collect_fixture_cases(project: Path):
    for args in ([], ["tests/"]):
        done = run_pytest(project, "-v", *args)
        assert "broken-case" not in done.stdout, done.stdout
        assert "::SUM001" not in done.stdout
        assert "3 passed" in done.stdout, done.stdout  # the team's own audits, through the fixture


def test_a_case_named_on_the_command_line_is_collected_even_outside_audit_cases(project: Path):
    done = run_pytest(project, "tests/data/broken-case", "-q")
    # its one finding is a warning: that rule passes with it shown, the others pass
    assert f"{FRAME_AND_INPUT_RULES - 1} passed, 1 passed with warnings" in done.stdout, done.stdout
    done = run_pytest(project, "tests/data/broken-case", "-q", "--audit-fail-on", "warning")
    assert "FAILED tests/data/broken-case::INPUT010" in done.stdout, done.stdout


def test_the_audit_cases_ini_option_moves_collection(tmp_path: Path):
    copy_example(tmp_path)
    (tmp_path / "cases").rename(tmp_path / "stories")
    (tmp_path / "pyproject.toml").write_text('[tool.pytest.ini_options]\naudit_cases = ["stories"]\n')
    done = run_pytest(tmp_path, "-q", "--co")
    assert done.stdout.count("stories/cambodia-2025-07::") == FRAME_AND_INPUT_RULES, done.stdout


def test_audit_report_writes_the_reports_and_junit_comes_from_pytest(project: Path, tmp_path: Path):
    done = run_pytest(project, "cases/", "-q", "--audit-report", str(tmp_path / "out"),
                      "--junitxml", str(tmp_path / "junit.xml"))
    assert done.returncode == 0, done.stdout
    assert (tmp_path / "out" / "cambodia-2025-07" / "report.md").is_file()
    assert (tmp_path / "junit.xml").read_text().count("<testcase") == FRAME_AND_INPUT_RULES


def test_the_case_is_audited_once_per_session(tmp_path: Path):
    copy_example(tmp_path)
    (tmp_path / "conftest.py").write_text(
        "import audit.check\n"
        "calls = []\n"
        "real = audit.check.check\n"
        "def counting(*args, **kwargs):\n"
        "    calls.append(args)\n"
        "    return real(*args, **kwargs)\n"
        "audit.check.check = counting\n"
        "def pytest_terminal_summary(terminalreporter):\n"
        "    terminalreporter.write_line(f'audits run: {len(calls)}')\n"
    )
    done = run_pytest(tmp_path, "cases/", "-q")
    assert f"{FRAME_AND_INPUT_RULES - 3} passed, 3 passed with warnings" in done.stdout, done.stdout
    assert "audits run: 1" in done.stdout, done.stdout


def test_a_bad_case_yaml_is_one_collection_error(tmp_path: Path):
    case = copy_example(tmp_path)
    (case / "case.yaml").write_text("titel: typo\n")
    done = run_pytest(tmp_path, "cases/", "-q")
    assert done.returncode == 2
    assert "unknown key 'titel'; did you mean 'title'?" in done.stdout


def test_the_plugin_module_imports_no_polars():
    code = "import sys, audit.pytest_plugin; print('polars' in sys.modules, 'audit.check' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


def test_this_projects_own_run_leaves_its_fixture_cases_alone():
    """tests/ holds case folders (tests/gold/*/case.yaml): `python -m pytest` must not audit them."""
    if not any((ROOT / "tests").rglob("case.yaml")):
        pytest.skip("no fixture case under tests/ to leave alone")
    done = run_pytest(ROOT, "--collect-only", "-q")
    assert done.returncode == 0, done.stdout[-2000:]
    assert "test_pytest_plugin.py::" in done.stdout  # the project's own tests are collected...
    assert not [line for line in done.stdout.splitlines() if "::INPUT001" in line or line.endswith("::SUM001")]


def test_a_baseline_keeps_accepted_findings_from_failing_items(project: Path, tmp_path: Path):
    from audit.baseline import write_baseline

    write_baseline(check([project / "cases"]), tmp_path / "b.json")
    done = run_pytest(project, "cases/", "-q", "--audit-fail-on", "warning", "--audit-baseline", str(tmp_path / "b.json"))
    assert done.returncode == 0, done.stdout
    assert f"{FRAME_AND_INPUT_RULES} passed" in done.stdout


def test_a_rule_with_warnings_is_not_silently_passed(project: Path):
    done = run_pytest(project, "cases/", "-v")
    assert done.returncode == 0, done.stdout  # below the failing level: the run still passes
    assert "cases/cambodia-2025-07::SUM003 WARNED (2 below --audit-fail-on)" in done.stdout
    assert "cases/cambodia-2025-07::SUM001 PASSED" in done.stdout
    tail = done.stdout[done.stdout.index("audit findings below the failing level"):]
    assert "cases/cambodia-2025-07::SUM003" in tail and "**more than 1,000 suspects**" in tail
    assert "3 passed with warnings" in done.stdout.splitlines()[-1]
    strict = run_pytest(project, "cases/", "--audit-fail-on", "warning", "-q")
    assert strict.returncode == 1 and "3 failed" in strict.stdout.splitlines()[-1]  # the user's choice
