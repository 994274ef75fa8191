"""New articles only: which cases a change touched, and which findings it brought.

``changed_files(ref)`` asks git for the files added, changed or deleted since ``ref`` (from the
point where the current branch left ``ref``, plus uncommitted and untracked files);
``touched_cases`` maps them to case folders; ``mark_new`` marks a finding new when one of its
claims comes from an added or changed article or claim file (an input problem: when its file
changed). Only this module runs git.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from audit.case import CASE_FILE
from audit.errors import AuditError
from audit.findings import Finding, Report

__all__ = ["Changes", "changed_files", "touched_cases", "mark_new"]


@dataclass(frozen=True)
class Changes:
    """Files a change touched, as absolute paths: added or modified (``changed``) and ``deleted``."""

    ref: str
    base: str  # the commit compared against
    changed: frozenset[Path]
    deleted: frozenset[Path]


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise AuditError("--changed-since needs git, and git is not installed") from None


def changed_files(ref: str, cwd: Path | None = None) -> Changes:
    """What changed since ``ref``; ``AuditError`` when ``cwd`` is no git work tree or git does not know ``ref``."""
    cwd = (cwd or Path.cwd()).resolve()
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        said = (top.stderr.strip().splitlines() or [""])[0].removeprefix("fatal: ")
        raise AuditError(f"--changed-since {ref}: {cwd} is not inside a git work tree ({said})")
    root = Path(top.stdout.strip())
    known = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], root)
    if known.returncode != 0:
        raise AuditError(f"--changed-since {ref}: git knows no commit {ref!r} (fetch it, e.g. 'git fetch origin {ref}')")
    base = known.stdout.strip()
    fork = _git(["merge-base", base, "HEAD"], root)  # a PR is compared with where it left its base branch
    if fork.returncode == 0 and fork.stdout.strip():
        base = fork.stdout.strip()
    diff = _git(["diff", "--name-status", "--no-renames", "-z", base, "--"], root)
    if diff.returncode != 0:
        said = (diff.stderr.strip().splitlines() or [""])[-1]
        raise AuditError(f"--changed-since {ref}: git diff failed: {said}")
    fields = diff.stdout.split("\0")
    changed, deleted = set(), set()
    for status, name in zip(fields[0::2], fields[1::2], strict=False):
        (deleted if status.startswith("D") else changed).add(root / name)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    changed.update(root / name for name in untracked.stdout.split("\0") if name)
    return Changes(ref=ref, base=base, changed=frozenset(changed), deleted=frozenset(deleted))


def _case_folder(path: Path) -> Path | None:
    for folder in path.parents:
        if (folder / CASE_FILE).is_file():
            return folder
    return None


def touched_cases(changes: Changes, paths: list[Path]) -> list[Path]:
    """The case folders at or below ``paths`` holding a changed or deleted file, in path order."""
    roots = [p.resolve() for p in paths]
    cases = {_case_folder(p) for p in changes.changed | changes.deleted}
    cases.discard(None)
    return sorted(c for c in cases if any(c == r or r in c.parents for r in roots))  # type: ignore[union-attr]


def _claim_file_sources(changes: Changes) -> set[tuple[Path, str]]:
    """(case folder, source) of each changed claim file; the source is the file's name, as the claim-file format asks."""
    return {(p.parent.parent, p.stem) for p in changes.changed if p.parent.name == "claims" and p.suffix in (".yaml", ".yml")}


def _new_claims(finding: Finding, changes: Changes, sources: set[tuple[Path, str]], folders: dict[str, Path]) -> list:
    folder = folders.get(finding.case)
    return [
        claim for claim in finding.claims
        if (claim.file is not None and Path(claim.file).resolve() in changes.changed)
        or (folder is not None and (folder, claim.source) in sources)
    ]


def _marked(finding: Finding, changes: Changes, sources: set[tuple[Path, str]], folders: dict[str, Path]) -> Finding:
    if not finding.claims:
        return replace(finding, new=finding.file is not None and Path(finding.file).resolve() in changes.changed)
    fresh = _new_claims(finding, changes, sources, folders)
    if not fresh:
        return replace(finding, new=False)
    # a new finding points at the new article: that is the file a reviewer of the change sees
    return replace(finding, new=True, file=fresh[0].file, line=fresh[0].line)


def mark_new(report: Report, changes: Changes) -> Report:
    """``report`` with every finding marked new (or not) by ``changes``."""
    sources = _claim_file_sources(changes)
    # a case's folder is where its articles are: <case>/articles/<source>.md
    folders = {s["case"]: Path(s["file"]).resolve().parent.parent for s in report.source_table if s.get("file")}
    return replace(report, findings=[_marked(f, changes, sources, folders) for f in report.findings])
