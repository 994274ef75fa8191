"""Loading a Parquet archive of claims: many cases in one file, the columns of ``audit.frame``.

An archive is what a desk keeps after extraction and review (``audit synth --format parquet``
writes one): one row per claim with a ``case`` column. Problems become findings like a case
folder's: a file that is not readable Parquet (INPUT001), missing or mistyped columns
(INPUT002), a ``part_of``/``ratio_of``/``describes`` that names no claim of its case (INPUT007),
an id used twice in a case (INPUT008) -- each with its case and file; the rest is audited.
References and ids are checked with joins over the whole archive, not per claim.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from audit.case import Problem
from audit.frame import CLAIM_COLUMNS, OPTIONAL_CLAIM_COLUMNS

__all__ = ["ARCHIVE_SUFFIXES", "ArchivePart", "is_archive", "load_archive"]

ARCHIVE_SUFFIXES = (".parquet", ".pq")


@dataclass(frozen=True)
class ArchivePart:
    """Some cases of an archive of claims: what one partition of a partitioned run reads
    (``audit.distributed``). ``files``: the Parquet files of the archive (local paths, or URLs
    that fsspec opens); ``path``: how findings and problems name the archive."""

    path: str
    files: tuple[str, ...]
    cases: tuple[str, ...]


def is_archive(path: Any) -> bool:
    if isinstance(path, ArchivePart):
        return True
    if not isinstance(path, str | Path):
        return False
    path = Path(path)
    return path.is_file() and path.suffix.lower() in ARCHIVE_SUFFIXES


def _scan(path: Path | ArchivePart) -> pl.LazyFrame:
    if not isinstance(path, ArchivePart):
        return pl.scan_parquet(path)
    scan = pl.concat([_scan_file(f) for f in path.files], how="diagonal_relaxed") if len(path.files) > 1 else _scan_file(path.files[0])
    return scan.filter(pl.col("case").is_in(list(path.cases)))


def _scan_file(file: str) -> pl.LazyFrame:
    if "://" in file and not file.startswith("file://"):
        import fsspec  # object storage and other file systems: fsspec opens what polars does not

        with fsspec.open(file, "rb") as handle:
            return pl.read_parquet(handle).lazy()
    return pl.scan_parquet(file)


def _schema(path: Path | ArchivePart) -> dict[str, pl.DataType]:
    if not isinstance(path, ArchivePart):
        return dict(pl.read_parquet_schema(path))
    return dict(_scan(path).collect_schema())


def load_archive(path: Path | ArchivePart, taken: Collection[str] = ()) -> tuple[pl.DataFrame, list[tuple[str, Problem]]]:
    """The archive's claims with exactly CLAIM_COLUMNS, and its problems as (case, Problem).

    A case whose name is ``taken`` (by a case folder or another archive of the run) is renamed
    ``<archive path>:<case>``, as two case folders of one name are told apart by their paths.
    An ``ArchivePart`` reads only its cases (problems name the archive's ``path``).
    """
    source, path = path, Path(path.path) if isinstance(path, ArchivePart) else path
    try:
        schema = _schema(source)
    except Exception as error:  # polars and arrow raise several kinds for a damaged file
        reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
        return pl.DataFrame(schema=CLAIM_COLUMNS), [(path.name, Problem("INPUT001", path, None, f"is not a readable Parquet file: {reason}"))]
    missing = [name for name in CLAIM_COLUMNS if name not in schema and name not in OPTIONAL_CLAIM_COLUMNS]
    if missing:
        return pl.DataFrame(schema=CLAIM_COLUMNS), [(path.name, Problem(
            "INPUT002", path, None, f"the archive lacks the claim column(s) {', '.join(missing)} (see audit schemas)"))]
    try:  # read and cast in one pass: only the claim columns, no second copy of the file
        frame = _scan(source).select(
            (pl.col(name) if name in schema else pl.lit(None)).cast(dtype).alias(name) for name, dtype in CLAIM_COLUMNS.items()
        ).collect()
    except pl.exceptions.PolarsError as error:
        wrong = [n for n, t in CLAIM_COLUMNS.items() if n in schema and schema[n] != t]
        return pl.DataFrame(schema=CLAIM_COLUMNS), [(path.name, Problem(
            "INPUT002", path, None,
            f"column(s) {', '.join(f'{n} ({schema[n]}, expected {CLAIM_COLUMNS[n]})' for n in wrong)} "
            f"cannot be read: {str(error).splitlines()[0][:120]}"))]
    frame, problems = _unusable_rows(frame, path)
    if frame.is_empty():
        problems.append((path.name, Problem("INPUT002", path, None, "the archive holds no claims to audit")))
    if taken:
        frame = frame.with_columns(
            case=pl.when(pl.col("case").is_in(list(taken))).then(pl.format("{}:{}", pl.lit(str(path)), pl.col("case")))
            .otherwise(pl.col("case"))
        )
    problems += _dangling(frame, path) + _duplicates(frame, path)
    return frame, problems


#: the longest text a cell of an archive may hold: a claim's phrase is a few words, a path a line
LONGEST_CELL = 1_000
#: unusable rows named one by one, the rest counted (an archive of a million bad rows is one line more)
LISTED = 20


def _unusable_rows(frame: pl.DataFrame, path: Path) -> tuple[pl.DataFrame, list[tuple[str, Problem]]]:
    """Rows without a case or an id, or with a text cell over ``LONGEST_CELL`` characters, are dropped
    with an INPUT002 finding each (the first ``LISTED``, then a count); a row without a file names the archive."""
    texts = [name for name, dtype in CLAIM_COLUMNS.items() if dtype == pl.String]
    too_long = pl.any_horizontal(pl.col(name).str.len_bytes() > LONGEST_CELL for name in texts)
    no_identity = pl.col("case").is_null() | pl.col("id").is_null()
    marked = frame.with_row_index("_row").with_columns(_long=too_long.fill_null(False), _anonymous=no_identity)
    bad = marked.filter(pl.col("_long") | pl.col("_anonymous")).select(
        "_row", "_long", "_anonymous", "case", "id",
        _column=pl.coalesce(pl.when(pl.col(n).str.len_bytes() > LONGEST_CELL).then(pl.lit(n)) for n in texts),
    )
    problems = []
    for row in bad.head(LISTED).iter_rows(named=True):
        case = row["case"] if row["case"] is not None else path.name
        what = ("has no case or no id" if row["_anonymous"] else
                f"claim {row['id']!r}: {row['_column']} is too long (over {LONGEST_CELL:,} bytes)")
        problems.append((case, Problem("INPUT002", path, None, f"row {row['_row'] + 1} {what}: not audited",
                                       row["id"], case)))
    if bad.height > LISTED:
        problems.append((path.name, Problem("INPUT002", path, None,
                                            f"{bad.height - LISTED:,} more unusable rows (no case or id, or a text too long): not audited")))
    kept = frame if bad.is_empty() else marked.filter(~pl.col("_long") & ~pl.col("_anonymous")).select(frame.columns)
    return kept.with_columns(file=pl.col("file").fill_null(str(path))), problems


def _dangling(frame: pl.DataFrame, path: Path) -> list[tuple[str, Problem]]:
    ids = frame.select("case", target=pl.col("id")).unique()
    problems = []
    for key in ("part_of", "ratio_of", "describes"):
        bad = (
            frame.lazy().filter(pl.col(key).is_not_null())
            .select("case", "id", "file", "line", target=pl.col(key))
            .join(ids.lazy(), on=["case", "target"], how="anti")
            .collect()
        )
        problems += [
            (row["case"], Problem("INPUT007", Path(row["file"] or path), row["line"],
                                  f"claim {row['id']!r}: {key} points at {row['target']!r}, which is no claim of the case "
                                  f"(in {path})", row["id"]))
            for row in bad.iter_rows(named=True)
        ]
    return problems


def _duplicates(frame: pl.DataFrame, path: Path) -> list[tuple[str, Problem]]:
    ids = frame.lazy().group_by("case", "id").agg(pl.len()).filter(pl.col("len") > 1)
    twice = frame.lazy().join(ids, on=["case", "id"], how="semi").select("case", "id", "file", "line").collect()
    seen: set[tuple[str, str]] = set()
    problems = []
    for row in twice.iter_rows(named=True):
        key = (row["case"], row["id"])
        if key in seen:
            problems.append((row["case"], Problem("INPUT008", Path(row["file"] or path), row["line"],
                                                  f"claim id {row['id']!r} is used twice in case {row['case']!r} (in {path})",
                                                  row["id"])))
        seen.add(key)
    return problems
