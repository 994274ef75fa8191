"""The pytest plugin: ``pytest cases/`` reads as an audit checklist, one item per rule and case.

Registered through the ``pytest11`` entry point as ``audit`` (disable with ``-p no:audit``) and
loaded lazily: this module imports only pytest; polars and the rules load in the hooks.

Which folders are collected: a folder holding ``case.yaml`` that lies at or below one of the
folders in the ``audit_cases`` ini option (default ``cases``, relative to the rootdir), or that
is named on the command line itself (the folder or its case.yaml). So ``pytest cases/`` and
``pytest some/case`` audit (one rule: ``pytest cases/x -k SUM003``), while
case folders that a project's own tests keep as fixtures (``tests/data/x/case.yaml``) are never
collected by ``pytest`` or ``pytest tests/``. In a case repository with cases elsewhere::

    [tool.pytest.ini_options]
    audit_cases = ["stories"]

Each case is audited once per session (every rule in one run); item ``cases/x::SUM003`` then
fails when that rule has findings at or above ``--audit-fail-on`` (default: the case's
``fail-on`` setting, else error), and prints them as a table with sources and quotes.
Waived and baselined findings never fail. An item whose findings are all below the failing
level still passes, but is reported ``WARNED`` (``W``) and its findings are listed at the end,
so a case that "cannot all be true" is never silently green. Fixtures: ``audit_report`` (a function
``path -> Report``, cached) for a team's own audits; see also ``audit.testing``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from audit.findings import Finding, Report

_REPORTS = pytest.StashKey[dict]()
BELOW = "audit_findings_below_fail_on"  # user property: how many findings a passed item has below --audit-fail-on
BELOW_TABLE = "audit_findings_below_fail_on_table"
WARNED = "passed with warnings"  # the outcome category such an item is counted under


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("audit", "source-discrepancy audit")
    group.addoption("--audit-fail-on", choices=("error", "warning", "info", "never"), default=None,
                    help="fail a rule's item on findings at or above this level (default: the case's fail-on, else error)")
    group.addoption("--audit-report", metavar="DIR", default=None,
                    help="also write DIR/<case>/report.md and findings.json for every audited case")
    group.addoption("--audit-baseline", metavar="FILE", default=None,
                    help="findings recorded in this baseline file (audit baseline) do not fail")
    parser.addini("audit_cases", type="linelist", default=["cases"],
                  help="folders (relative to the rootdir) whose case folders pytest collects as audits")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_REPORTS] = {}
    config.addinivalue_line("markers", "audit: an audit of one rule over one case (collected from case.yaml)")


def _wanted(path: Path, config: pytest.Config) -> bool:
    roots = [(config.rootpath / p).resolve() for p in config.getini("audit_cases")]
    here = path.resolve()
    if any(here == r or r in here.parents for r in roots):
        return True
    named = {(config.invocation_params.dir / a.split("::")[0]).resolve() for a in config.args}
    return here in named or (here / "case.yaml") in named


def pytest_collect_directory(path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if (path / "case.yaml").is_file() and _wanted(path, parent.config):
        return CaseFolder.from_parent(parent, path=path)
    return None


def audit_case(config: pytest.Config, path: Path) -> Report:
    """The report of the case at ``path``, computed once per session."""
    reports = config.stash[_REPORTS]
    key = path.resolve()
    if key not in reports:
        from audit.check import check
        from audit.config import Config

        here = config.invocation_params.dir
        shown = key.relative_to(here) if key.is_relative_to(here) else key  # findings point at files as the user sees them
        report = check([shown], Config.from_pyproject(key))
        baseline = config.getoption("audit_baseline", None)
        if baseline:
            from audit.baseline import apply_baseline, read_baseline

            report = apply_baseline(report, read_baseline(Path(baseline)))
        reports[key] = report
    return reports[key]


class CaseFolder(pytest.Directory):
    """A case folder: yields one item per selected rule."""

    def collect(self):
        from audit.case import CASE_FILE, read_case_file
        from audit.config import Config
        from audit.errors import AuditError
        from audit.rules import rules_in_order

        try:
            settings = read_case_file(self.path).get("settings")
            config = Config.from_pyproject(self.path).merged(settings, str(self.path / CASE_FILE))
        except AuditError as error:
            raise self.CollectError(f"audit: {error}") from None
        fail_on = self.config.getoption("audit_fail_on") or config.fail_on
        for rule in rules_in_order():
            if config.selects(rule.code):
                # the item's path is case.yaml, so `pytest cases/x/case.yaml` selects the case's items
                yield RuleItem.from_parent(self, name=rule.code, path=self.path / CASE_FILE, rule=rule, fail_on=fail_on)


class CaseFindings(Exception):
    """A rule's findings at or above the failing level."""

    def __init__(self, findings: list[Finding], fail_on: str) -> None:
        super().__init__(f"{len(findings)} finding(s) at or above {fail_on}")
        self.findings, self.fail_on = findings, fail_on


class RuleItem(pytest.Item):
    def __init__(self, *, rule: Any, fail_on: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rule, self.fail_on = rule, fail_on
        self.add_marker("audit")

    def runtest(self) -> None:
        from audit.findings import severity_rank

        report = audit_case(self.config, self.path.parent)
        threshold = severity_rank(self.fail_on) if self.fail_on != "never" else 99
        mine = [f for f in report.findings if f.rule == self.rule.code and f.gating]
        failing = [f for f in mine if severity_rank(f.severity) >= threshold]
        if failing:
            raise CaseFindings(failing, self.fail_on)
        below = [f for f in mine if f.severity != "info"]  # a passed item still shows its warnings
        if below:
            from audit.report.table import findings_table

            self.user_properties.append((BELOW, len(below)))
            self.user_properties.append((BELOW_TABLE, findings_table(below)))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        from audit.errors import AuditError

        if isinstance(excinfo.value, CaseFindings):
            from audit.report.table import findings_table

            head = f"{self.rule.code} {self.rule.name}: {excinfo.value} -- {self.rule.summary}"
            return f"{head}\n\n{findings_table(excinfo.value.findings)}"
        if isinstance(excinfo.value, AuditError):
            return f"audit: {excinfo.value}"
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.path.parent.name}::{self.rule.code} {self.rule.name}"


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    """A rule whose findings are all below the failing level passes, but not silently: "WARNED", not "PASSED"."""
    if report.when == "call" and report.passed:
        found = dict(report.user_properties).get(BELOW)
        if found:
            return WARNED, "W", (f"WARNED ({found} below --audit-fail-on)", {"yellow": True})
    return None


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """The findings of the passed-with-warnings items, with sources and quotes, like a failure's."""
    warned = terminalreporter.stats.get(WARNED, [])
    if not warned:
        return
    terminalreporter.section("audit findings below the failing level (--audit-fail-on warning makes them fail)",
                             sep="=", yellow=True)
    for report in warned:
        terminalreporter.write_sep("_", report.nodeid)
        terminalreporter.write_line(dict(report.user_properties)[BELOW_TABLE])


def pytest_sessionfinish(session: pytest.Session) -> None:
    folder = session.config.getoption("audit_report", None)
    reports = session.config.stash.get(_REPORTS, {})
    if not folder or not reports:
        return
    from audit.report.files import write_case_reports

    for report in reports.values():
        write_case_reports(report, Path(folder))


@pytest.fixture(scope="session")
def audit_report(pytestconfig: pytest.Config):
    """A function ``audit_report(path) -> Report`` that audits a case folder once per session.

    ``def test_no_errors(audit_report): assert_no_errors(audit_report("cases/x"))``
    """

    def run(path: str | Path) -> Report:
        return audit_case(pytestconfig, Path(path))

    return run
