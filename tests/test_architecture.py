"""The core (extract, rules, findings, frames) never imports the CLI or the renderers: the
import-linter contract in pyproject.toml, checked as sqlfluff does."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter is not installed (pip install -e '.[dev]')")
def test_import_contracts_are_kept():
    result = subprocess.run(["lint-imports"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
