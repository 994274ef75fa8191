"""The CI job end to end: a pull request adds an article with a planted discrepancy.

A throw-away git repository holds the example case; a branch adds an article (and its claim
file) whose breakdown exceeds its total. The test then runs exactly the scripts of the
composite action's steps (action.yml, which .github/workflows/audit.yml uses) and checks the
exit code, the annotations, the step summary, the SARIF and a clean run after baselining.
The workflow and the action are also checked with real linters (actionlint, check-jsonschema).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.ci_support import (
    PLANTED_LINES,
    PLANTED_SOURCE,
    ROOT,
    SARIF_SCHEMA,
    audit_shim,
    copy_example,
    git,
    init_repo,
    plant_article,
    run_audit,
)

ACTION = ROOT / "action.yml"
WORKFLOW = ROOT / ".github" / "workflows" / "audit.yml"
AUDIT_STEPS = ("extract", "sarif", "audit")  # the steps that run the auditor (install and uploads need GitHub)


def _action() -> dict:
    return yaml.safe_load(ACTION.read_text("utf-8"))


def _expand(value: str, inputs: dict[str, str]) -> str:
    """The step's ``env`` value with ``${{ inputs.X }}`` filled in, as the runner would."""
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], str(value))


Steps = dict[str, subprocess.CompletedProcess[str]]


def run_action_steps(repo: Path, inputs: dict[str, str], tmp: Path, steps: tuple[str, ...] = AUDIT_STEPS,
                     path: str | None = None) -> tuple[Steps, Path, Path]:
    """Run the action's auditor steps in ``repo`` as GitHub would: bash -eo pipefail, env from the step."""
    action = _action()
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()} | inputs
    tmp.mkdir(parents=True, exist_ok=True)
    summary, output = tmp / "step-summary.md", tmp / "github-output"
    summary.write_text("")
    output.write_text("")
    runner_temp = tmp / "runner-temp"
    runner_temp.mkdir(exist_ok=True)
    results = {}
    for step in action["runs"]["steps"]:
        if step.get("id") not in steps:
            continue
        assert step["shell"] == "bash"
        env = {**os.environ, **audit_shim(tmp / "shim"), "GITHUB_STEP_SUMMARY": str(summary),
               "GITHUB_OUTPUT": str(output), "RUNNER_TEMP": str(runner_temp)}
        env |= {key: _expand(value, values) for key, value in (step.get("env") or {}).items()}
        if path is not None:
            env["PATH"] = f"{path}{os.pathsep}{env['PATH']}"
        script = tmp / f"step-{step['id']}.sh"
        script.write_text(step["run"])
        results[step["id"]] = done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                                                    cwd=repo, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            break  # a failing step ends the job (the uploads run under always())
    return results, summary, output


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A repository whose main branch holds the example case, on a branch that adds a planted article."""
    repo = tmp_path / "repo"
    repo.mkdir()
    case = copy_example(repo)
    init_repo(repo)
    git(repo, "checkout", "-q", "-b", "new-article")
    plant_article(case)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "add an article")
    return repo


def test_a_pull_request_with_a_planted_discrepancy_fails_then_passes_once_baselined(pull_request: Path, tmp_path: Path):
    repo = pull_request
    results, summary, output = run_action_steps(repo, {"base": "main"}, tmp_path)

    assert results["extract"].returncode == 0, results["extract"].stderr  # the article came with its claim file
    assert results["sarif"].returncode == 0, results["sarif"].stderr
    audit = results["audit"]
    assert audit.returncode == 1, audit.stdout + audit.stderr

    article = f"cases/cambodia-2025-07/articles/{PLANTED_SOURCE}.md"
    errors = [line for line in audit.stdout.splitlines() if line.startswith("::error ")]
    assert errors, audit.stdout
    assert all(f"file={article}," in line for line in errors), errors  # only the new article's findings fail
    lines = {int(re.search(r",line=(\d+),", line).group(1)) for line in errors}
    assert lines <= set(PLANTED_LINES)
    assert any("SUM001" in line for line in errors)
    assert not any("::warning" in line and "SUM003" in line for line in audit.stdout.splitlines())  # old: not annotated

    text = summary.read_text("utf-8")
    assert "Source-discrepancy audit" in text and "SUM001" in text and f"{PLANTED_SOURCE}.md" in text

    sarif_path = repo / dict(line.split("=", 1) for line in output.read_text().splitlines())["sarif"]
    sarif = json.loads(sarif_path.read_text("utf-8"))
    results_ = sarif["runs"][0]["results"]
    new = [r for r in results_ if r.get("baselineState") == "new"]
    assert {r["ruleId"] for r in new} >= {"SUM001"}
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == article for r in new)
    assert all(r["partialFingerprints"] for r in results_)
    if SARIF_SCHEMA.is_file():
        import jsonschema

        jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text("utf-8")))
    for name in ("index.html", "report.md", "findings.json"):  # the artifact's contents
        assert (repo / "audit-reports" / "cambodia-2025-07" / name).is_file(), name

    # Accept the findings: record a baseline on the branch, and the same job passes.
    baseline = run_audit(repo, "baseline", "cases", "--output", "audit-baseline.json")
    assert baseline.returncode == 0, baseline.stderr
    shutil.rmtree(repo / "audit-reports")
    results, summary, _ = run_action_steps(repo, {"base": "main"}, tmp_path / "again")
    assert results["audit"].returncode == 0, results["audit"].stdout + results["audit"].stderr
    assert "::error" not in results["audit"].stdout
    assert "No new finding" in summary.read_text("utf-8")


def test_a_pull_request_that_touches_no_case_passes_with_an_empty_sarif(tmp_path: Path):
    repo = tmp_path / "repo"
    repo.mkdir()
    copy_example(repo)
    init_repo(repo)
    (repo / "README.md").write_text("not a case\n")
    results, summary, output = run_action_steps(repo, {"base": "main"}, tmp_path)
    assert results["audit"].returncode == 0, results["audit"].stderr
    sarif = json.loads((repo / "audit-reports" / "audit.sarif").read_text("utf-8"))
    assert sarif["runs"][0]["results"] == []
    assert "No findings" in summary.read_text("utf-8")


def test_an_unknown_base_stops_the_job_with_one_line(pull_request: Path, tmp_path: Path):
    results, _, _ = run_action_steps(pull_request, {"base": "no-such-branch"}, tmp_path)
    failed = next(r for r in results.values() if r.returncode != 0)
    assert "no-such-branch" in failed.stderr


def _linter(name: str) -> str:
    """The linter installed beside this interpreter (the dev extra), else one on PATH."""
    import sysconfig

    beside = Path(sysconfig.get_path("scripts")) / name
    path = str(beside) if beside.is_file() else shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[dev]' installs it)")
    return path


def test_the_workflow_passes_actionlint():
    done = subprocess.run([_linter("actionlint"), "-no-color", str(WORKFLOW)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_actions_steps_pass_actionlint(tmp_path: Path):
    """actionlint reads action.yml for the workflow's `uses: ./`; its steps are linted as a reusable workflow's."""
    action = _action()
    inputs = {name: {"type": "string", "required": bool(spec.get("required"))} for name, spec in action["inputs"].items()}
    for name, spec in action["inputs"].items():
        if "default" in spec:
            inputs[name]["default"] = spec["default"]
    workflow = {"name": "action steps", "on": {"workflow_call": {"inputs": inputs}},
                "jobs": {"steps": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}}}
    (tmp_path / "steps.yml").write_text(yaml.safe_dump(workflow, sort_keys=False))
    done = subprocess.run([_linter("actionlint"), "-no-color", str(tmp_path / "steps.yml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(("schema", "path"), [("vendor.github-actions", ACTION), ("vendor.github-workflows", WORKFLOW)])
def test_the_action_and_workflow_match_githubs_schemas(schema: str, path: Path):
    done = subprocess.run([_linter("check-jsonschema"), "--builtin-schema", schema, str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_uses_the_action_with_its_inputs():
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    step = next(s for s in workflow["jobs"]["audit"]["steps"] if s.get("uses") == "./")
    assert set(step["with"]) <= set(_action()["inputs"])
    checkout = next(s for s in workflow["jobs"]["audit"]["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # --changed-since needs the base commit


def test_the_extract_step_runs_audit_extract_only_for_new_articles_without_claims(pull_request: Path, tmp_path: Path):
    case = pull_request / "cases" / "cambodia-2025-07"
    (case / "articles" / "bare-2025-07-19.md").write_text("---\npublished: 2025-07-19\n---\nNo claims yet.\n")
    git(pull_request, "add", "-A")
    git(pull_request, "commit", "-q", "-m", "an article without a claim file")
    recorder = tmp_path / "recorder"
    recorder.mkdir()
    (recorder / "audit").write_text(f'#!/bin/sh\necho "$@" >> "{tmp_path}/calls"\n')
    (recorder / "audit").chmod(0o755)
    results, _, _ = run_action_steps(pull_request, {"base": "main"}, tmp_path / "run", steps=("extract",),
                                     path=str(recorder))
    assert results["extract"].returncode == 0, results["extract"].stderr
    # the planted article came with its claim file: only the bare one needs extraction, once per case
    assert (tmp_path / "calls").read_text().splitlines() == ["extract --case cases/cambodia-2025-07"]


def test_the_extract_step_refreshes_the_claims_of_an_edited_article(tmp_path: Path):
    """An article edited in the pull request is re-extracted (the merge keeps what a person reviewed);
    a pull request that only edits a claim file extracts nothing."""
    repo = tmp_path / "repo"
    repo.mkdir()
    case = copy_example(repo)
    init_repo(repo)
    git(repo, "checkout", "-q", "-b", "edit")
    recorder = tmp_path / "recorder"
    recorder.mkdir()
    (recorder / "audit").write_text(f'#!/bin/sh\necho "$@" >> "{tmp_path}/calls"\n')
    (recorder / "audit").chmod(0o755)

    claims = case / "claims" / "ap-2025-07-17.yaml"
    claims.write_text(claims.read_text("utf-8") + "# a reviewer's note\n", encoding="utf-8")
    git(repo, "commit", "-qam", "a claim file only")
    results, _, _ = run_action_steps(repo, {"base": "main"}, tmp_path / "run1", steps=("extract",), path=str(recorder))
    assert results["extract"].returncode == 0, results["extract"].stderr
    assert not (tmp_path / "calls").exists()

    article = case / "articles" / "ap-2025-07-17.md"
    article.write_text(article.read_text("utf-8") + "\nPolice said 12 more people were held on Thursday.\n", encoding="utf-8")
    git(repo, "commit", "-qam", "the story was updated")
    results, _, _ = run_action_steps(repo, {"base": "main"}, tmp_path / "run2", steps=("extract",), path=str(recorder))
    assert results["extract"].returncode == 0, results["extract"].stderr
    assert (tmp_path / "calls").read_text().splitlines() == ["extract --case cases/cambodia-2025-07"]


def test_the_base_input_defaults_to_the_pull_requests_base_commit():
    base = _action()["inputs"]["base"]
    assert base.get("required") is False
    assert "github.event.pull_request.base.sha" in base["default"]
