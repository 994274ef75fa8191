"""A partitioned run in this process audits two partitions at a time, one per thread (``audit.distributed``):
the reports come back in partition order, no more than two run at once, an error stops the partitions not
started, and the findings are those of one partition at a time."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from audit import distributed
from audit.check import check
from audit.config import Config
from audit.distributed import ArticlePart, Partition, check_partitioned
from audit.findings import Report
from audit.synth import PLANT_KINDS, write


class _Recorder:
    """A stand-in for ``audit_partition``: records how many run at once and which started."""

    def __init__(self, fail_on: int | None = None) -> None:
        self.lock = threading.Lock()
        self.running = self.most = 0
        self.started: list[int] = []
        self.threads: set[str] = set()
        self.fail_on = fail_on

    def __call__(self, partition: Partition, config: Config, dataset: str | None) -> Report:
        part = partition.index
        with self.lock:
            self.started.append(part)
            self.threads.add(threading.current_thread().name)
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(0.02 * (part % 3))  # some finish before those started earlier
            if part == self.fail_on:
                raise ValueError(f"partition {part} broke")
            return Report(claims=part, cases=[f"case-{part}"])
        finally:
            with self.lock:
                self.running -= 1


def _parts(count: int) -> list[Partition]:
    return [Partition(index=i, inputs=(), claims=0) for i in range(count)]


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setattr("audit.readers.usable_cores", lambda: 2)


def test_reports_come_back_in_order_two_at_a_time(monkeypatch, two_cores):
    recorder = _Recorder()
    monkeypatch.setattr(distributed, "audit_partition", recorder)
    reports = list(distributed._in_this_process(_parts(7), Config(), None))
    assert [r.claims for r in reports] == list(range(7))
    assert recorder.most == 2 and sorted(recorder.started) == list(range(7))
    assert all(name.startswith("audit-partition") for name in recorder.threads)


def test_one_core_runs_one_partition_at_a_time(monkeypatch):
    monkeypatch.setattr("audit.readers.usable_cores", lambda: 1)
    recorder = _Recorder()
    monkeypatch.setattr(distributed, "audit_partition", recorder)
    assert [r.claims for r in distributed._in_this_process(_parts(4), Config(), None)] == [0, 1, 2, 3]
    assert recorder.most == 1 and recorder.threads == {threading.current_thread().name}


def test_an_error_stops_the_partitions_not_started(monkeypatch, two_cores):
    recorder = _Recorder(fail_on=1)
    monkeypatch.setattr(distributed, "audit_partition", recorder)
    with pytest.raises(ValueError, match="partition 1 broke"):
        list(distributed._in_this_process(_parts(20), Config(), None))
    assert len(recorder.started) <= 4  # the two running, and at most the next two started as the first finished


def test_reports_no_longer_asked_for_start_no_more_partitions(monkeypatch, two_cores):
    recorder = _Recorder()
    monkeypatch.setattr(distributed, "audit_partition", recorder)
    reports = distributed._in_this_process(_parts(20), Config(), None)
    assert next(reports).claims == 0
    reports.close()
    assert len(recorder.started) <= 3


def test_partitions_of_articles_run_one_at_a_time(monkeypatch, two_cores):
    # extraction is Python, which holds the GIL: two at once would only hold twice the memory
    recorder = _Recorder()
    monkeypatch.setattr(distributed, "audit_partition", recorder)
    parts = [Partition(index=i, inputs=(ArticlePart(path="a.parquet", files=("a.parquet",), cases=(f"c{i}",)),), claims=1)
             for i in range(4)]
    assert [r.claims for r in distributed._in_this_process(parts, Config(), None)] == [0, 1, 2, 3]
    assert recorder.most == 1


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    write(len(PLANT_KINDS), 2, seed=11, out=folder, format="parquet", claims_per_case=40)
    return folder / "claims.parquet"


@pytest.mark.parametrize("cores", [1, 2])
def test_the_same_findings_one_or_two_at_a_time(archive: Path, monkeypatch, cores: int):
    monkeypatch.setattr("audit.readers.usable_cores", lambda: cores)
    single = check([archive], Config())
    streamed = check_partitioned([archive], Config(), claims_per_partition=150)
    identities = [sorted((f.rule, f.case, f.severity, f.message, tuple(c.id for c in f.claims)) for f in r.findings)
                  for r in (single, streamed)]
    assert identities[0] == identities[1] and identities[0]
    assert (single.claims, sorted(single.cases)) == (streamed.claims, sorted(streamed.cases))
