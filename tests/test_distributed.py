"""A run partitioned by case gives the findings of one process: on a 2-worker local Dask cluster,
partition by partition in this process, and for the planted discrepancies of the oracle."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from audit.check import check
from audit.cli import app
from audit.config import Config
from audit.distributed import check_partitioned, plan
from audit.synth import PLANT_KINDS, write

pytest.importorskip("dask.distributed", reason="the distributed run needs dask[distributed]")


def _found(report) -> dict[tuple, str]:
    return {(f.rule, f.case, tuple(sorted(c.id for c in f.claims))): f.severity for f in report.findings}


def _identities(report) -> list[tuple]:
    return sorted((f.rule, f.case, f.severity, f.message, tuple(c.id for c in f.claims)) for f in report.findings)


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    write(len(PLANT_KINDS), 2, seed=11, out=folder, format="parquet", claims_per_case=40)
    return folder


def test_planted_discrepancies_are_found_on_two_workers_as_in_one_process(archive: Path, cluster: str):
    single = check([archive / "claims.parquet"], Config())
    spread = check_partitioned([archive / "claims.parquet"], Config(), scheduler=cluster, partitions=4)
    assert _identities(single) == _identities(spread)
    assert (single.claims, sorted(single.cases)) == (spread.claims, sorted(spread.cases))
    expected = {(e["rule"], e["case"], tuple(e["claims"])): e["severity"]
                for e in json.loads((archive / "expected.json").read_text())}
    assert _found(spread) == expected  # the oracle: every planted finding, nothing else


def test_partitions_hold_whole_cases(archive: Path):
    parts = plan([archive / "claims.parquet"], partitions=4)
    cases = [case for part in parts for item in part.inputs for case in item.cases]
    assert len(parts) >= 4 and len(cases) == len(set(cases)) == len(PLANT_KINDS)


def test_streaming_partition_by_partition_gives_the_same_findings(archive: Path, tmp_path: Path):
    single = check([archive / "claims.parquet"], Config())
    streamed = check_partitioned([archive / "claims.parquet"], Config(), claims_per_partition=150,
                                 findings_dataset=tmp_path / "findings")
    assert _identities(single) == _identities(streamed)
    dataset = pl.read_parquet(tmp_path / "findings" / "*.parquet")
    assert len(list((tmp_path / "findings").glob("part-*.parquet"))) > 2
    assert dataset.height == len(single.findings)
    assert sorted(dataset["fingerprint"]) == sorted(f.fingerprint for f in single.findings)


def test_an_archive_of_articles_is_extracted_on_the_workers(tmp_path: Path, cluster: str):
    write(3, 2, seed=4, out=tmp_path, format="article-archive", claims_per_case=30)
    articles = tmp_path / "articles.parquet"
    assert pl.read_parquet(articles).columns == ["case", "source", "outlet", "url", "published", "title", "text"]
    here = check_partitioned([articles], Config(), partitions=1)
    there = check_partitioned([articles], Config(), scheduler=cluster, partitions=3)
    assert here.claims > 0 and here.sources == 6
    assert _identities(here) == _identities(there)


def test_the_command_runs_on_a_local_cluster(archive: Path, tmp_path: Path):
    result = CliRunner().invoke(app, ["check", str(archive / "claims.parquet"), "--workers", "2", "-f", "json",
                                      "--findings-dataset", str(tmp_path / "ds")])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert data["summary"]["claims"] == pl.read_parquet(archive / "claims.parquet").height
    assert len(data["findings"]) == pl.read_parquet(tmp_path / "ds" / "*.parquet").height > 0


def test_an_unreachable_scheduler_is_one_line(archive: Path, monkeypatch):
    import audit.distributed

    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("dask.distributed.Client", refuse)
    result = CliRunner().invoke(app, ["check", str(archive / "claims.parquet"), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "cannot reach the Dask scheduler" in result.output
    assert audit.distributed  # the module the CLI called


def test_archives_and_findings_on_an_fsspec_file_system(archive: Path):
    import fsspec

    memory = fsspec.filesystem("memory")
    memory.pipe("/bucket/claims/part-0.parquet", (archive / "claims.parquet").read_bytes())
    report = check_partitioned(["memory://bucket/claims"], Config(), partitions=2, findings_dataset="memory://bucket/out")
    assert _identities(report) == _identities(check([archive / "claims.parquet"], Config()))
    parts = sorted(memory.glob("/bucket/out/*.parquet"))
    assert len(parts) >= 2
    assert sum(pl.read_parquet(memory.cat(p)).height for p in parts) == len(report.findings)
