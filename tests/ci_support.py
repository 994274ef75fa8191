"""Shared by the CI tests: copies of the example case, a planted discrepancy, git and CLI helpers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "cases" / "cambodia-2025-07"
SARIF_SCHEMA = Path(os.environ.get("AUDIT_SHARED") or ROOT.parent / "shared") / "schemas" / "sarif-schema-2.1.0.json"

# A made-up story written for these tests: its breakdown (310 + 150) exceeds its total (398).
PLANTED_SOURCE = "mekong-wire-2025-07-18"
PLANTED_ARTICLE = """\
---
title: Kratie police hold 398 after raids (made up for the tests)
outlet: Mekong Test Wire
published: 2025-07-18
---
Officers in the province of Kratie said on Thursday they were holding 398 people after the raids of Wednesday.

Of those held, 310 came from Vietnam and 150 from China, one officer told reporters.
"""
PLANTED_CLAIMS = [
    {"id": "mw-total", "text": "holding 398 people", "value": 398, "measure": "detained", "place": ["Kratie"]},
    {"id": "mw-vietnamese", "text": "310 came from Vietnam", "value": 310, "measure": "detained", "place": ["Kratie"],
     "group": ["VN"], "part_of": "mw-total", "breakdown": "partial"},
    {"id": "mw-chinese", "text": "150 from China", "value": 150, "measure": "detained", "place": ["Kratie"],
     "group": ["CN"], "part_of": "mw-total", "breakdown": "partial"},
]
PLANTED_LINES = tuple(n for n, line in enumerate(PLANTED_ARTICLE.splitlines(), 1)
                      if any(c["text"] in line for c in PLANTED_CLAIMS))  # lines of the figures in the file


def copy_example(folder: Path) -> Path:
    """A copy of the example case at ``folder/cases/cambodia-2025-07``."""
    target = folder / "cases" / EXAMPLE.name
    shutil.copytree(EXAMPLE, target)
    return target


def claim_file(source: str, text: str, claims: list[dict]) -> str:
    """A claim file whose offsets are computed from the phrases in ``text`` (the article as read)."""
    rows = []
    for claim in claims:
        start = text.index(claim["text"])
        rows.append({"id": claim["id"], "text": claim["text"], "start": start, "end": start + len(claim["text"]),
                     **{k: v for k, v in claim.items() if k not in ("id", "text")}})
    return yaml.safe_dump({"source": source, "reviewed": True, "claims": rows}, sort_keys=False, allow_unicode=True)


def plant_article(case: Path) -> tuple[Path, Path]:
    article = case / "articles" / f"{PLANTED_SOURCE}.md"
    claims = case / "claims" / f"{PLANTED_SOURCE}.yaml"
    article.write_text(PLANTED_ARTICLE, encoding="utf-8")
    from audit.sources import read_article  # offsets point into the text as the auditor reads it

    claims.write_text(claim_file(PLANTED_SOURCE, read_article(article).text, PLANTED_CLAIMS), encoding="utf-8")
    return article, claims


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def init_repo(folder: Path) -> None:
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "the example case")


def audit_shim(folder: Path) -> dict[str, str]:
    """Environment in which ``audit`` runs this checkout's code with this interpreter (not some other install)."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(parents=True, exist_ok=True)
    shim = bin_dir / "audit"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m audit "$@"\n')
    shim.chmod(0o755)
    return {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}".rstrip(os.pathsep),
    }


def run_audit(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m audit ARGS`` in ``cwd`` with this checkout's code."""
    path = f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}".rstrip(os.pathsep)
    return subprocess.run([sys.executable, "-m", "audit", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": path, **(env or {})}, check=False)
