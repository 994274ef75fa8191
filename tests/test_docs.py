"""Docs that cannot rot: every rule documents itself, every command is in the README, the
published contracts match the code."""

from __future__ import annotations

import pytest

from audit.contracts import stale_contracts
from audit.rules import REGISTRY
from tests.conftest import REPO

README = (REPO / "README.md").read_text("utf-8")


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_rule_docstring_has_message_antipattern_and_best_practice(code):
    rule = REGISTRY[code]
    assert rule.summary.endswith(".") and len(rule.summary) < 100
    assert "*Anti-pattern*" in rule.doc and "*Best practice*" in rule.doc


def test_every_command_is_in_the_readme():
    from audit.cli import app

    for command in app.registered_commands:
        name = command.name or command.callback.__name__.replace("_", "-")
        assert f"`audit {name}" in README, f"README does not document 'audit {name}'"


def test_every_rule_is_in_the_readme_table():
    for code in REGISTRY:
        assert code in README, f"README does not list {code}"


def test_published_contracts_match_the_code():
    assert stale_contracts(REPO / "schemas") == [], "run 'audit schemas' to update schemas/"
