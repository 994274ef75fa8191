"""The readers' forkserver started early (``audit.readers``): only for enough case folders, and harmless."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from audit.case_folders import case_folders
from audit.readers import start_early


def _cases(root: Path, count: int) -> Path:
    for index in range(count):
        folder = root / "cases" / f"c{index}"
        folder.mkdir(parents=True)
        (folder / "case.yaml").write_text("title: t\ncountry: KH\n", encoding="utf-8")
    return root / "cases"


def test_the_folders_counted_are_those_find_cases_finds(tmp_path: Path):
    from audit.case import find_cases

    root = _cases(tmp_path, 3)
    assert sorted(case_folders(root)) == find_cases(root)
    assert list(case_folders(root / "c0" / "case.yaml")) == []  # a file holds no case folders


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no reader processes to start")
def test_the_forkserver_starts_only_for_enough_folders(tmp_path: Path):
    root = _cases(tmp_path, 3)
    assert not start_early([root], enough=4)
    assert start_early([root], enough=3)


def test_one_core_starts_nothing(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert not start_early([_cases(tmp_path, 3)], enough=1)
