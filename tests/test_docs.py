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


def _commands():
    import typer.main

    from audit.cli import app

    group = typer.main.get_command(app)
    return group, group.commands


def test_every_option_is_in_the_readme():
    """Each command's long options (and the top-level ones) appear in the README, spelled as typed."""
    group, commands = _commands()
    missing = []
    for name, command in [("", group), *commands.items()]:
        for param in command.params:
            if param.param_type_name != "option" or param.hidden:
                continue
            names = [o for o in [*param.opts, *param.secondary_opts] if o.startswith("--") and o != "--help"]
            for option in names[:1] + [o for o in names[1:] if o.startswith("--no-")]:
                if f"`{option}" not in README and f" {option}" not in README and f"[{option}" not in README:
                    missing.append(f"audit {name} {option}".replace("  ", " "))
    assert not missing, f"README does not document: {', '.join(missing)}"
    assert sum(len(c.params) for c in commands.values()) > 30  # the walk really saw the options


def _readme_block(heading: str, language: str = "") -> str:
    start = README.index(heading)
    fence = f"```{language}\n"
    begin = README.index(fence, start) + len(fence)
    return README[begin:README.index("```", begin)]


def test_the_readme_example_output_is_what_audit_check_prints(monkeypatch):
    """The block under 'What it finds on the example case' is byte for byte what the command prints."""
    from typer.testing import CliRunner

    from audit.cli import app

    monkeypatch.chdir(REPO)
    monkeypatch.delenv("COLUMNS", raising=False)
    result = CliRunner().invoke(app, ["check", "cases/cambodia-2025-07", "--no-write"])
    assert result.exit_code == 0, result.output
    assert _readme_block("## What it finds on the example case") == result.stdout


def test_the_readme_article_and_claim_file_examples_hold_together(tmp_path):
    """The Markdown article and the claim file shown in the README, put in a case, load without a problem."""
    from audit.check import check

    case = tmp_path / "readme-case"
    (case / "articles").mkdir(parents=True)
    (case / "claims").mkdir()
    (case / "case.yaml").write_text("title: README example\ncountry: PK\n", encoding="utf-8")
    (case / "articles" / "floods-gazette.md").write_text(_readme_block("### Articles", "markdown"), encoding="utf-8")
    (case / "claims" / "floods-gazette.yaml").write_text(_readme_block("### Claim files", "yaml"), encoding="utf-8")
    report = check([case])
    assert report.claims == 1
    assert [f.rule for f in report.findings if f.rule.startswith(("INPUT", "GROUND"))] == []
