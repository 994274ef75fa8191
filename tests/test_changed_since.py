"""`audit check --changed-since REF`: audit the touched cases, fail only on findings from changed files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from audit.changes import changed_files, touched_cases
from audit.check import check
from audit.errors import AuditError
from tests.ci_support import EXAMPLE, PLANTED_SOURCE, git, init_repo, plant_article, run_audit


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two cases committed on main: the example and a copy of it."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE, root / "cases" / EXAMPLE.name)
    shutil.copytree(EXAMPLE, root / "cases" / "other-case")
    init_repo(root)
    git(root, "checkout", "-q", "-b", "topic")
    return root


def test_nothing_changed_audits_nothing_and_passes(repo: Path):
    done = run_audit(repo, "check", "cases", "--changed-since", "main", "--fail-on", "warning", "--no-write")
    assert done.returncode == 0, done.stderr
    assert "0 case(s) touched since main" in done.stderr


def test_only_the_touched_case_is_audited_and_old_findings_do_not_fail(repo: Path):
    case = repo / "cases" / EXAMPLE.name
    text = (case / "case.yaml").read_text()
    (case / "case.yaml").write_text(text.replace("title:", "# edited\ntitle:"))  # touches the case, no article
    done = run_audit(repo, "check", "--changed-since", "main", "--fail-on", "warning", "--no-write", "--format", "json")
    assert done.returncode == 0, done.stdout + done.stderr  # the example's warnings, none new
    report = json.loads(done.stdout)
    assert {s["case"] for s in report["sources"]} == {EXAMPLE.name}
    assert report["summary"]["findings"] == check([EXAMPLE]).counts() and report["summary"]["new"] == 0
    assert all(f["new"] is False for f in report["findings"])


def test_a_committed_article_makes_its_findings_new(repo: Path):
    plant_article(repo / "cases" / EXAMPLE.name)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "article")
    done = run_audit(repo, "check", "cases", "--changed-since", "main", "--no-write", "--format", "json")
    assert done.returncode == 1
    findings = json.loads(done.stdout)["findings"]
    new = [f for f in findings if f["new"]]
    assert new and all(f["file"].endswith(f"{PLANTED_SOURCE}.md") for f in new)
    assert {f["rule"] for f in findings if not f["new"]} == {f.rule for f in check([EXAMPLE]).findings}


def test_an_untracked_article_counts_as_added(repo: Path):
    plant_article(repo / "cases" / "other-case")
    changes = changed_files("main", repo)
    assert repo / "cases" / "other-case" / "articles" / f"{PLANTED_SOURCE}.md" in changes.changed
    assert touched_cases(changes, [repo / "cases"]) == [repo / "cases" / "other-case"]


def test_a_changed_claim_file_makes_its_sources_findings_new(repo: Path):
    claims = repo / "cases" / EXAMPLE.name / "claims" / "thaivisa-2025-07-17.yaml"
    claims.write_text(claims.read_text() + "# reviewed again\n")
    done = run_audit(repo, "check", "cases", "--changed-since", "main", "--no-write", "--format", "json")
    new = {f["rule"] for f in json.loads(done.stdout)["findings"] if f["new"]}
    assert new == {"AGREE002", "PLACE001"}  # the ThaiVisa findings; the SUM003 ones come from other sources


def test_the_branch_is_compared_from_where_it_left_main(repo: Path):
    git(repo, "checkout", "-q", "main")
    plant_article(repo / "cases" / "other-case")  # main moves on after the branch left it
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "on main")
    git(repo, "checkout", "-q", "topic")
    assert touched_cases(changed_files("main", repo), [repo]) == []


def test_a_deleted_article_touches_its_case(repo: Path):
    git(repo, "rm", "-q", "cases/other-case/articles/ap-2025-07-17.md")
    assert touched_cases(changed_files("main", repo), [repo]) == [repo / "cases" / "other-case"]


def test_an_unknown_ref_is_one_line_and_exit_2(repo: Path):
    done = run_audit(repo, "check", "cases", "--changed-since", "no-such-ref", "--no-write")
    assert done.returncode == 2
    assert done.stderr.strip() == ("audit: --changed-since no-such-ref: git knows no commit 'no-such-ref' "
                                   "(fetch it, e.g. 'git fetch origin no-such-ref')")


def test_outside_a_git_work_tree_is_one_line(tmp_path: Path):
    with pytest.raises(AuditError, match="not inside a git work tree"):
        changed_files("main", tmp_path)


def test_check_without_paths_needs_changed_since(repo: Path):
    done = run_audit(repo, "check", "--no-write")
    assert done.returncode == 2 and "give a case folder" in done.stderr


def test_changed_since_prints_paths_relative_to_the_current_folder(repo: Path):
    plant_article(repo / "cases" / EXAMPLE.name)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "article")
    done = run_audit(repo, "check", "cases", "--changed-since", "main", "--no-write")
    assert done.stdout.strip(), done.stderr
    assert str(repo) not in done.stdout and ":None" not in done.stdout
    assert f"cases/{EXAMPLE.name}/articles/{PLANTED_SOURCE}.md:" in done.stdout
    assert "(new)" in done.stdout and "(unchanged)" in done.stdout
