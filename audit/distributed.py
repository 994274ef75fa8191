"""Beyond one machine: a run partitioned by case, each partition audited by the in-process pipeline.

No rule crosses a case, so an audit of many cases is the union of audits of groups of cases.
``plan`` groups the cases of the inputs into partitions of about ``claims_per_partition`` claims
(reading only the ``case`` column); ``audit_partition`` runs ``audit.check`` on one partition
and returns its report; ``merge`` joins the reports. Who runs the partitions:

- nobody else (``workers`` and ``scheduler`` None): in this process, two at a time in two threads
  (``AT_ONCE``; one where one core is allowed, or where articles are extracted), so a run whose input
  is bigger than memory holds two partitions at a time (streamed). The rules' queries run in polars,
  which lets go of the GIL: while one partition's run is in Python (reading it, checking its schema,
  making its findings), the other's queries fill the cores polars leaves idle;
- Dask: ``workers=N`` starts a ``dask.distributed.LocalCluster`` of N processes, ``scheduler=ADDRESS``
  uses a running cluster (dask-kubernetes, dask-jobqueue, a cloud cluster...). Dask schedules,
  ships and retries the partitions; this module only says what a partition is.

Inputs: Parquet archives of claims (``audit.archive``: a file, a folder of files, or URLs that
fsspec opens, ``s3://bucket/claims/*.parquet``), archives of articles (columns ``case, source,
outlet, url, published, title, text``: each partition extracts its articles' claims, so
extraction is distributed too) and case folders (a partition is a list of folders).
``findings_dataset``: each partition also writes its findings as ``part-NNNNN.parquet`` there.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import polars as pl

from audit.archive import ArchivePart
from audit.config import Config
from audit.errors import AuditError
from audit.findings import Finding, Report, finding_order

__all__ = ["ARTICLE_COLUMNS", "needs_partitions", "ArticlePart", "Partition", "plan", "audit_partition", "merge", "check_partitioned",
           "findings_frame"]

#: the columns of an archive of articles
ARTICLE_COLUMNS: dict[str, pl.DataType] = {
    "case": pl.String, "source": pl.String, "outlet": pl.String, "url": pl.String, "published": pl.Date,
    "title": pl.String, "text": pl.String,
}
#: claims a partition holds at most: two partitions audited at once (``AT_ONCE``) stay under about 1.5 GB
CLAIMS_PER_PARTITION = 200_000
#: an archive of more claims than this is audited partition by partition even on one machine (its
#: findings are the same; ``PICTURES_STREAM_FROM`` when pictures of figures are drawn, which need every claim)
STREAM_FROM = 200_000
PICTURES_STREAM_FROM = 2_000_000
#: partitions a run in this process audits at once, one per thread (the 1M-claim archive with its JSON, 4 runs each
#: in turns: 9.52 s one at a time, 8.30 s two at a time, fastest; peak 876-880 -> 1,241-1,291 MiB; same findings)
AT_ONCE = 2


@dataclass(frozen=True)
class ArticlePart:
    """Some cases of an archive of articles."""

    path: str
    files: tuple[str, ...]
    cases: tuple[str, ...]


@dataclass(frozen=True)
class Partition:
    """What one task audits: parts of archives and case folders, all of distinct cases."""

    index: int
    inputs: tuple[ArchivePart | ArticlePart | str, ...]
    claims: int  # about how many claims (articles: how many articles), for planning and benchmarks


def needs_partitions(paths: Sequence[str | Path], pictures: bool = False) -> bool:
    """Whether the archives among ``paths`` hold more than ``STREAM_FROM`` rows (``PICTURES_STREAM_FROM`` when
    the report draws pictures of figures: a partitioned run has none) (read from their footers), or are
    remote or datasets (folders of Parquet files), which only the partitioned run reads."""
    rows = 0
    for raw in map(str, paths):
        if "://" in raw:
            return True
        path = Path(raw)
        if path.is_dir() and any(path.glob("*.parquet")):
            return True
        if path.is_file() and path.suffix.lower() in (".parquet", ".pq"):
            try:
                columns = pl.read_parquet_schema(path)
                if _is_articles(set(columns)):
                    return True
                rows += pl.scan_parquet(path).select(pl.len()).collect().item()
            except (OSError, pl.exceptions.PolarsError):
                continue  # the plain run reports an unreadable archive as a finding
    return rows > (PICTURES_STREAM_FROM if pictures else STREAM_FROM)


def _files(path: str) -> tuple[str, ...]:
    """The Parquet files of an archive: a file, a folder of files (a dataset), or a URL or glob fsspec expands."""
    if "://" in path and not path.startswith("file://"):
        import fsspec

        fs, _, paths = fsspec.get_fs_token_paths(path)
        if len(paths) == 1 and fs.isdir(paths[0]):
            paths = fs.glob(paths[0].rstrip("/") + "/**/*.parquet")
        return tuple(fs.unstrip_protocol(p) for p in sorted(paths))
    local = Path(path.removeprefix("file://"))
    if local.is_dir():
        found = tuple(str(p) for p in sorted(local.rglob("*.parquet")))
        if not found:
            raise AuditError(f"{path}: a folder with no .parquet files")
        return found
    if not local.is_file():
        raise AuditError(f"{path}: no such file or folder")
    return (str(local),)


def _case_sizes(files: tuple[str, ...]) -> tuple[pl.DataFrame, set[str]]:
    """Claims (or articles) per case, in case order, and the columns of the archive."""
    from audit.archive import _scan_file

    try:
        scans = [_scan_file(f) for f in files]
        columns = set(scans[0].collect_schema().names())
        sizes = (pl.concat([s.select("case") for s in scans]).group_by("case").len()
                 .sort("case").collect())
    except (OSError, pl.exceptions.PolarsError) as error:
        raise AuditError(f"{files[0]}: cannot read as a Parquet archive: {str(error).splitlines()[0][:160]}") from None
    return sizes, columns


def _is_articles(columns: set[str]) -> bool:
    return "text" in columns and "id" not in columns


def plan(paths: Sequence[str | Path], claims_per_partition: int = CLAIMS_PER_PARTITION,
         partitions: int | None = None) -> list[Partition]:
    """The partitions of a run over ``paths``: whole cases, at most about ``claims_per_partition``
    claims each, and at least ``partitions`` of them when there are cases enough."""
    from audit.case import find_cases

    units: list[tuple[str, Any, int]] = []  # (archive or "", case or folder, size)
    kinds: dict[str, tuple[type, tuple[str, ...]]] = {}
    for raw in map(str, paths):
        local = Path(raw)
        if "://" not in raw and local.is_dir() and not any(local.rglob("*.parquet")):
            folders = find_cases(local)
            if not folders:
                raise AuditError(f"{raw}: no case.yaml in it or below it: not a case folder")
            units += [("", str(folder), 100) for folder in folders]  # a folder holds about 100 claims
            continue
        files = _files(raw)
        sizes, columns = _case_sizes(files)
        if "case" not in columns:
            raise AuditError(f"{raw}: the archive has no 'case' column")
        kinds[raw] = (ArticlePart if _is_articles(columns) else ArchivePart, files)
        # an article is about 30 claims' worth of work (extraction), for balancing
        weight = 30 if _is_articles(columns) else 1
        units += [(raw, case, n * weight) for case, n in sizes.iter_rows()]
    if not units:
        return []
    total = sum(size for _, _, size in units)
    target = min(claims_per_partition, max(1, -(-total // partitions))) if partitions else claims_per_partition
    groups: list[list[tuple[str, Any, int]]] = [[]]
    filled = 0
    for unit in units:
        if groups[-1] and filled + unit[2] > target:
            groups.append([])
            filled = 0
        groups[-1].append(unit)
        filled += unit[2]
    result = []
    for index, group in enumerate(groups):
        inputs: list[Any] = []
        for archive in dict.fromkeys(a for a, _, _ in group):
            members = tuple(c for a, c, _ in group if a == archive)
            if archive == "":
                inputs += members
            else:
                kind, files = kinds[archive]
                inputs.append(kind(path=archive, files=files, cases=members))
        result.append(Partition(index, tuple(inputs), sum(size for _, _, size in group)))
    return result


def _article_cases(part: ArticlePart, hedges: Any) -> list:
    """The cases of an archive of articles, read into memory, their claims extracted."""
    from audit.archive import _scan_file
    from audit.case import Case, extract_case_claims
    from audit.sources import Article

    scan = pl.concat([_scan_file(f) for f in part.files], how="diagonal_relaxed") if len(part.files) > 1 else _scan_file(part.files[0])
    rows = (scan.filter(pl.col("case").is_in(list(part.cases)))
            .select(pl.col(name).cast(dtype) if name in ("case", "source", "text") else pl.col(name).cast(dtype, strict=False)
                    for name, dtype in ARTICLE_COLUMNS.items())
            .collect())
    cases: dict[str, Case] = {}
    for row in rows.sort("case", "source", maintain_order=True).iter_rows(named=True):
        case = cases.get(row["case"])
        if case is None:
            case = cases[row["case"]] = Case(path=Path(part.path) / row["case"], name=row["case"],
                                             config={"period": [None, None]})
        article = Article(source=row["source"], path=Path(part.path) / row["case"] / row["source"], text=row["text"] or "",
                          title=row["title"], outlet=row["outlet"], url=row["url"], published=row["published"],
                          kind="txt")
        case.articles[article.source] = article
    for case in cases.values():
        extract_case_claims(case, hedges)
    return list(cases.values())


def audit_partition(partition: Partition, config: Config, findings_dataset: str | None = None) -> Report:
    """The report of one partition, by the in-process pipeline (``audit.check``)."""
    from audit.check import check

    inputs: list[Any] = []
    for item in partition.inputs:
        inputs += _article_cases(item, config.hedges) if isinstance(item, ArticlePart) else [item]
    report = check(inputs, config)
    report = replace(report, figures=[])  # pictures of figures are drawn per case, not shipped between processes
    if findings_dataset is not None:
        write_findings(report.findings, f"{findings_dataset.rstrip('/')}/part-{partition.index:05d}.parquet")
    return report


def merge(reports: Iterable[Report]) -> Report:
    """One report of the reports of disjoint partitions."""
    merged = Report()
    rules: dict[str, None] = {}
    for report in reports:
        merged.findings += report.findings
        merged.cases += report.cases
        merged.sources += report.sources
        merged.claims += report.claims
        merged.source_table += report.source_table
        merged.case_fail_on.update(report.case_fail_on)
        rules.update(dict.fromkeys(report.rules_run))
        for key, value in (report.coverage or {}).items():
            merged.coverage[key] = merged.coverage.get(key, 0) + value
    merged.rules_run = list(rules)
    merged.findings.sort(key=finding_order)
    return merged


def check_partitioned(paths: Sequence[str | Path], config: Config | None = None, *, workers: int | None = None,
                      scheduler: str | None = None, claims_per_partition: int = CLAIMS_PER_PARTITION,
                      partitions: int | None = None, findings_dataset: str | Path | None = None) -> Report:
    """Audit ``paths`` partition by partition: in this process (streamed), on a local Dask cluster of
    ``workers`` processes, or on the Dask cluster at ``scheduler``."""
    config = config or Config()
    if partitions is None and workers is not None:
        partitions = 2 * workers  # two per worker: a slow partition does not leave a worker idle
    parts = plan(paths, claims_per_partition, partitions)
    dataset = None if findings_dataset is None else str(findings_dataset)
    if dataset is not None and "://" not in dataset:
        Path(dataset).mkdir(parents=True, exist_ok=True)
    if workers is None and scheduler is None:
        return merge(_in_this_process(parts, config, dataset))
    return merge(_on_dask(parts, config, dataset, workers, scheduler))


def _in_this_process(parts: list[Partition], config: Config, dataset: str | None) -> Iterator[Report]:
    """The partitions' reports in order, ``AT_ONCE`` partitions audited at a time, each in a thread of its own; no
    more are submitted than run, so memory holds about ``AT_ONCE`` partitions whatever their number, and on an error,
    or once the reports are no longer asked for, no other partition starts (those running finish first)."""
    from audit.readers import usable_cores

    # articles' extraction is Python, which holds the GIL: two partitions of them at once would hold twice the
    # memory for no time (2,500 synthetic articles in 4 partitions: 31.2 and 30.0 s, 299 -> 360 MiB)
    extracting = any(isinstance(item, ArticlePart) for part in parts for item in part.inputs)
    at_once = 1 if extracting else min(AT_ONCE, usable_cores(), len(parts))
    if at_once < 2:
        yield from (audit_partition(p, config, dataset) for p in parts)
        return
    with ThreadPoolExecutor(at_once, thread_name_prefix="audit-partition") as pool:
        running: deque[Future[Report]] = deque()  # never more than the pool's threads: none waits to start
        for part in parts:
            if len(running) == at_once:
                yield running.popleft().result()
            running.append(pool.submit(audit_partition, part, config, dataset))
        while running:
            yield running.popleft().result()


def _on_dask(parts: list[Partition], config: Config, dataset: str | None, workers: int | None,
             scheduler: str | None) -> Iterator[Report]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise AuditError("--workers and --scheduler need Dask: pip install 'dask[distributed]'") from None
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as error:
            raise AuditError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        cluster = None
    else:
        # one thread per worker process: polars already uses the cores it is given
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        client = Client(cluster)
    try:
        futures = client.map(audit_partition, parts, config=config, findings_dataset=dataset, pure=False)
        for future in as_completed(futures):  # merged as they finish: a finished partition's memory is freed
            yield future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def findings_frame(findings: Sequence[Finding]) -> pl.DataFrame:
    """Findings as rows (one per finding; the claims as lists of ids, sources and lines)."""
    def number(value: Any) -> str | None:
        return None if value is None else str(value)

    return pl.DataFrame({
        "case": [f.case for f in findings], "rule": [f.rule for f in findings], "name": [f.name for f in findings],
        "severity": [f.severity for f in findings], "message": [f.message for f in findings],
        "arithmetic": [f.arithmetic for f in findings],
        "observed_low": [number(f.observed[0]) if f.observed else None for f in findings],
        "observed_high": [number(f.observed[1]) if f.observed else None for f in findings],
        "expected_low": [number(f.expected[0]) if f.expected else None for f in findings],
        "expected_high": [number(f.expected[1]) if f.expected else None for f in findings],
        "file": [f.file for f in findings], "line": [f.line for f in findings],
        "claim_ids": [[c.id for c in f.claims] for f in findings],
        "claim_sources": [[c.source for c in f.claims] for f in findings],
        "waived": [f.waived for f in findings], "severity_reason": [f.severity_reason for f in findings],
        "fingerprint": [f.fingerprint for f in findings],
    }, schema_overrides={"line": pl.Int64, "arithmetic": pl.String, "file": pl.String, "waived": pl.String,
                         "severity_reason": pl.String, "observed_low": pl.String, "observed_high": pl.String,
                         "expected_low": pl.String, "expected_high": pl.String,
                         "claim_ids": pl.List(pl.String), "claim_sources": pl.List(pl.String)})


def write_findings(findings: Sequence[Finding], target: str) -> None:
    """One part of the findings dataset, locally or through fsspec."""
    frame = findings_frame(findings)
    if "://" in target and not target.startswith("file://"):
        import fsspec

        with fsspec.open(target, "wb") as handle:
            frame.write_parquet(handle)
        return
    frame.write_parquet(target.removeprefix("file://"))

