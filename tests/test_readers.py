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
    """A system without affinity masks: the machine's CPUs count."""
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert not start_early([_cases(tmp_path, 3)], enough=1)


def test_one_allowed_core_starts_nothing(tmp_path: Path, monkeypatch):
    """``taskset -c 0 audit check``: the affinity mask, not the machine's CPUs, says how many cores there are."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert not start_early([_cases(tmp_path, 3)], enough=1)


@pytest.mark.parametrize(("allowed", "pool", "expected"), [(64, 2, 2), (2, 64, 2), (8, 8, 8), (1, 4, 1), (4, 1, 1)])
def test_usable_cores_is_the_fewest_of_the_mask_and_the_quota(monkeypatch, allowed: int, pool: int, expected: int):
    """A container limited to 2 CPUs on a 64-CPU host (polars' pool counts the quota) gets 2 readers' worth, not 64."""
    import polars as pl

    from audit.readers import usable_cores

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(allowed)), raising=False)
    monkeypatch.setattr(pl, "thread_pool_size", lambda: pool)
    assert usable_cores() == expected


def test_usable_cores_follows_polars_max_threads():
    """In a fresh process (polars reads ``POLARS_MAX_THREADS`` once, at import): one thread allowed, one core used."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "from audit.readers import usable_cores; print(usable_cores())"],
                          env={**os.environ, "POLARS_MAX_THREADS": "1"}, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "1"


def test_a_cpu_quota_leaves_one_process_reading(tmp_path: Path, monkeypatch):
    """Where the cores usable are one, ``FolderReader`` reads every folder in this process: no pool is started."""
    from audit import loading

    monkeypatch.setattr(loading, "usable_cores", lambda: 1)
    root = _cases(tmp_path, loading.PARALLEL_FROM)
    for folder in sorted(root.iterdir()):
        (folder / "articles").mkdir()
        (folder / "articles" / "a.md").write_text("---\npublished: 2024-01-02\n---\nTwelve people died.\n",
                                                   encoding="utf-8")
    with loading.FolderReader() as reader:
        cases = reader.start(sorted(root.iterdir()))()
        assert reader._pool is None
    assert len(cases) == loading.PARALLEL_FROM
