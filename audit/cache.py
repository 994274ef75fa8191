"""The loading cache, like ruff's: what reading a case folder produced, stored by the hash of its files.

A case folder's key hashes the bytes (and names) of its case.yaml, articles and claim files, its
path and name as this run calls it, and the run's hedge rows. The value is everything reading
the folder gave: the claims (parsed claim files and the claims extracted from articles without
one), the articles with their metadata, the case's settings and its input problems. Nothing in
the value is trusted that the key does not cover: change one byte of one file and the case is read
again; everything else comes from the cache.

Layout: ``.audit_cache/<version>-<code>/``, where ``<code>`` fingerprints the installed ``audit``
package (its files' names, sizes and times), so a cache is never read by another version of the
code. Each run that read new cases adds one segment: ``claims-<id>.parquet`` (the claim rows
with their case's key) and ``cases-<id>.parquet`` (one row per case). Past ``MAX_SEGMENTS`` the
segments are merged into one. The folder can be deleted at any time; when it cannot be written
(a read-only checkout) the run goes on without it.

Beside it, ``ResultCache`` keeps what auditing each case gave (``results-<id>.parquet``), by its case key and
the run's settings, as ruff keeps each file's diagnostics: a warm run reads no unchanged folder and runs no
rule on it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict, fields
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import orjson
import polars as pl

from audit.boundary import read_whole
from audit.case import CASE_FILE, Case, Problem
from audit.config import CACHE_DIR
from audit.findings import ClaimRef, Finding
from audit.frame import CLAIM_COLUMNS
from audit.sources import Article

__all__ = ["CaseCache", "ResultCache", "case_key", "case_signature", "finding_document", "finding_from_document", "DEFAULT_DIR"]

DEFAULT_DIR = CACHE_DIR
MAX_SEGMENTS = 8
MAX_SIGNATURES = 1_000_000
_SIGNATURES = "signatures.parquet"
_KEY, _SEGMENT = "cache_key", "cache_segment"


@cache
def code_fingerprint() -> str:
    """The package version and a fingerprint of the installed code: a cache is never trusted across either."""
    import audit

    root = Path(audit.__file__).parent
    digest = hashlib.blake2b(audit.__version__.encode(), digest_size=8)
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return f"{audit.__version__}-{digest.hexdigest()}"


#: a file changed less than this many seconds before a run is never known by its stat alone: a second write
#: within the file system's clock tick could leave size and times as they were (git's "racily clean" files)
RACY_SECONDS = 2.0


def _listing(root: str) -> list[str]:
    """The files a case key covers: case.yaml, and every entry of articles/ and claims/, sorted."""
    names = [CASE_FILE]
    for sub in ("articles", "claims"):
        try:
            names += sorted(f"{sub}/{entry}" for entry in os.listdir(os.path.join(root, sub)))
        except OSError:  # no such folder: nothing of it to hash
            continue
    return names


def _digest(folder: Path, name: str, hedges: Mapping[str, Any] | None):
    """A hash begun with what a case key and a signature share: the folder's path, the case's name, the hedges."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(json.dumps([str(folder), name, hedges or {}], sort_keys=True, default=str).encode())
    return digest


def _scan(folder: Path) -> list[tuple[str, os.stat_result | OSError]]:
    """Each file a case key covers (``_listing``) with its ``lstat``, or the error that gave."""
    root = os.fspath(folder)
    scanned: list[tuple[str, os.stat_result | OSError]] = []
    for relative in _listing(root):
        try:
            scanned.append((relative, os.lstat(os.path.join(root, relative))))
        except OSError as error:
            scanned.append((relative, error))
    return scanned


def case_signature(folder: Path, name: str, hedges: Mapping[str, Any] | None,
                   scanned: list[tuple[str, os.stat_result | OSError]] | None = None) -> tuple[str, int]:
    """What the files of ``folder`` look like without reading them, as ruff's cache tells a changed file:
    the hash of the key's other parts and every file's name, type, size, inode, modification and change
    times; and the newest of those times (ns). A file whose bytes change gets a new change time.
    ``scanned``: the folder's ``_scan`` when the caller has it."""
    digest = _digest(folder, name, hedges)
    newest = 0
    for relative, st in scanned if scanned is not None else _scan(folder):
        if isinstance(st, OSError):
            facts = f"unreadable {st.errno}"
        else:
            facts = f"{st.st_mode}\0{st.st_size}\0{st.st_ino}\0{st.st_dev}\0{st.st_mtime_ns}\0{st.st_ctime_ns}"
            newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
        digest.update(f"\0{relative}\0{facts}\0".encode())
    return digest.hexdigest(), newest


def case_key(folder: Path, name: str, hedges: Mapping[str, Any] | None,
             scanned: list[tuple[str, os.stat_result | OSError]] | None = None,
             read: Mapping[str, bytes] | None = None) -> str:
    """The hash of everything reading ``folder`` depends on (its files' names and bytes, its path and name).
    ``scanned``: the folder's ``_scan`` when the caller has it (the signature's, a moment before). ``read``: the
    bytes of files read already, by path (``audit.boundary.recorded_reads``): a regular file among them is hashed
    as it was read, not read again."""
    digest = _digest(folder, name, hedges)
    root = os.fspath(folder)
    read = read or {}
    for relative, st in scanned if scanned is not None else _scan(folder):
        path = os.path.join(root, relative)
        try:  # only regular files are read: a named pipe would block, a link to /dev/zero never end (issue 11)
            if isinstance(st, OSError):
                raise st
            mode = st.st_mode
            if stat.S_ISLNK(mode):
                data = b"\0a link to " + os.fsencode(os.readlink(path))
            elif not stat.S_ISREG(mode):
                data = f"\0not a regular file {stat.S_IFMT(mode)}".encode()
            elif path in read:
                data = read[path]
            else:  # without blocking: a file swapped for a named pipe since its lstat reads as empty
                data = read_whole(path)
        except OSError as error:
            data = f"\0unreadable {error.errno}".encode()
        digest.update(f"\0{relative}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


class CaseCache:
    """Cases read before, by key, in ``folder`` (``.audit_cache`` of the project)."""

    def __init__(self, folder: Path | str = DEFAULT_DIR) -> None:
        self.root = Path(folder)
        self.folder = self.root / code_fingerprint()

    def _segments(self, kind: str) -> list[Path]:
        try:
            return sorted(self.folder.glob(f"{kind}-*.parquet"))
        except OSError:
            return []

    def holds_nothing(self) -> bool:
        """Whether this code has stored nothing here yet (no cases, results or signatures): no key can find
        anything, so a run may work the keys out as it reads the folders (``audit.loading.FolderReader``)."""
        return not (self._segments("cases") or self._segments("results") or (self.folder / _SIGNATURES).exists())

    def get(self, keys: list[str]) -> dict[str, tuple[Case, pl.DataFrame]]:
        """The cached cases among ``keys``: key -> (case without claims records, its claims frame)."""
        cases_files, claims_files = self._segments("cases"), self._segments("claims")
        if not keys or not cases_files or not claims_files:
            return {}
        wanted = pl.DataFrame({_KEY: keys})
        try:
            # two runs may have stored one case: its row and its claims come from one segment
            rows = (pl.scan_parquet(cases_files).join(wanted.lazy(), on=_KEY, how="semi")
                    .unique(_KEY, keep="first", maintain_order=True).collect())
            if rows.is_empty():
                return {}
            order = rows.select(_KEY, _SEGMENT, _order=pl.int_range(pl.len()))
            # a join does not keep row order: the row index puts each case's claims back in their order
            claims = (pl.scan_parquet(claims_files).with_row_index("_row")
                      .join(order.lazy(), on=[_KEY, _SEGMENT], how="inner")
                      .sort("_order", "_row").collect())
        except (OSError, pl.exceptions.PolarsError):  # a damaged or half-written cache is no cache
            return {}
        counts = dict(claims.group_by(_KEY).len().iter_rows())
        found, offset = {}, 0
        claims = claims.select(list(CLAIM_COLUMNS))
        for row in rows.iter_rows(named=True):
            n = counts.get(row[_KEY], 0)
            found[row[_KEY]] = (_case_from_row(row), claims.slice(offset, n))
            offset += n
        return found

    def keys_by_signature(self) -> dict[str, str]:
        """Case keys known by the signature of their files (``case_signature``), from earlier runs of this code."""
        try:
            frame = pl.read_parquet(self.folder / _SIGNATURES)
            return dict(zip(frame["signature"].to_list(), frame["key"].to_list(), strict=True))
        except (OSError, pl.exceptions.PolarsError, KeyError, ValueError):  # none yet, or damaged: hash the files
            return {}

    def put_signatures(self, known: Mapping[str, str], new: Mapping[str, str]) -> None:
        """Store ``new`` signature -> key pairs beside the ``known`` ones (the newest ``MAX_SIGNATURES`` kept)."""
        if not new:
            return
        merged = {**known, **new}
        pairs = list(merged.items())[-MAX_SIGNATURES:]
        frame = pl.DataFrame({"signature": [p[0] for p in pairs], "key": [p[1] for p in pairs]},
                             schema={"signature": pl.String, "key": pl.String})
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._mark()
            _write_atomic(frame, self.folder / _SIGNATURES)
        except OSError:
            return

    def put(self, entries: Iterable[tuple[str, Case, pl.DataFrame]]) -> None:
        """Store read cases (key, case, its claims frame) as one new segment; silent when it cannot write."""
        entries = list(entries)
        if not entries:
            return
        token = uuid.uuid4().hex[:12]
        cases = pl.DataFrame([_case_row(key, case) for key, case, _ in entries],
                             schema={_KEY: pl.String, "case": pl.String, "path": pl.String, "config": pl.String,
                                     "articles": pl.String, "problems": pl.String, "claim_files": pl.String})
        cases = cases.with_columns(pl.lit(token).alias(_SEGMENT))
        # the cases' frames side by side without copying (rechunk=False), their keys repeated beside them:
        # a frame per case through polars' planner cost more memory than the claims themselves
        columns = list(CLAIM_COLUMNS)
        frames = [frame if frame.columns == columns else frame.select(columns) for _, _, frame in entries]
        keys = (pl.DataFrame({_KEY: [key for key, _, _ in entries], "n": [f.height for f in frames]},
                             schema={_KEY: pl.String, "n": pl.UInt32})
                .select(pl.col(_KEY).repeat_by("n")).explode(_KEY).filter(pl.col(_KEY).is_not_null()))
        claims = pl.concat(frames, rechunk=False).with_columns(keys[_KEY], pl.lit(token).alias(_SEGMENT))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._mark()
            _write_atomic(claims, self.folder / f"claims-{token}.parquet")  # claims first: a case row without
            _write_atomic(cases, self.folder / f"cases-{token}.parquet")  # its claims would read as empty
            if len(self._segments("cases")) > MAX_SEGMENTS:
                self._compact()
        except OSError:  # read-only checkout, full disk: the audit does not depend on its cache
            return

    def _mark(self) -> None:
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# the audit cache: safe to delete\n")
            (self.root / ".gitignore").write_text("# created by audit: the cache is never committed\n*\n")

    def _compact(self) -> None:
        cases_files, claims_files = self._segments("cases"), self._segments("claims")
        token = uuid.uuid4().hex[:12]
        merged = pl.read_parquet(cases_files).unique(_KEY, keep="last", maintain_order=True)
        keep = merged.select(_KEY, _SEGMENT)
        claims = (pl.scan_parquet(claims_files)
                  .join(keep.lazy(), on=[_KEY, _SEGMENT], how="semi", maintain_order="left").collect())
        _write_atomic(claims, self.folder / f"claims-{token}.parquet")
        _write_atomic(merged, self.folder / f"cases-{token}.parquet")
        for path in [*cases_files, *claims_files]:
            path.unlink(missing_ok=True)


def _write_atomic(frame: pl.DataFrame | pl.LazyFrame, path: Path) -> None:
    partial = path.with_name(path.name + ".partial")
    if isinstance(frame, pl.LazyFrame):
        frame.sink_parquet(partial)
    else:
        frame.write_parquet(partial)
    os.replace(partial, path)


def _plain(value: Any) -> Any:
    """JSON with dates tagged, so a case's settings come back as the loader made them."""
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def _unplain(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return dt.date.fromisoformat(value["$date"])
        if set(value) == {"$datetime"}:
            return dt.datetime.fromisoformat(value["$datetime"])
        return {k: _unplain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unplain(v) for v in value]
    return value


def _case_row(key: str, case: Case) -> dict[str, Any]:
    return {
        _KEY: key, "case": case.name, "path": str(case.path), "config": _records(_plain(case.config)),
        "articles": _records(list(case.articles.values())), "problems": _records(case.problems),
        "claim_files": _records({s: str(p) for s, p in case.claim_files.items()}),
    }


def _records(value: Any) -> str:
    """JSON of articles and problems (dataclasses of text, numbers, paths and dates) as ``_plain`` makes their
    fields, written by orjson (a case's four articles took a millisecond through ``asdict`` and ``json``)."""
    try:
        return orjson.dumps(value, default=_tagged, option=orjson.OPT_PASSTHROUGH_DATETIME).decode()
    except orjson.JSONEncodeError:  # what orjson will not write (a lone surrogate): the slow way
        return json.dumps(_plain([asdict(v) for v in value] if isinstance(value, list) else value))


def _tagged(value: Any) -> Any:
    if isinstance(value, dt.date | Path):
        return _plain(value)
    raise TypeError(f"{type(value).__name__} is not stored in the cache")


def _case_from_row(row: Mapping[str, Any]) -> Case:
    articles = {}
    for data in orjson.loads(row["articles"]):
        data = _unplain(data)
        data["path"] = Path(data["path"])
        data["warnings"] = tuple(tuple(w) for w in data.get("warnings") or ())  # JSON keeps no tuples
        articles[data["source"]] = Article(**data)
    problems = []
    for data in orjson.loads(row["problems"]):
        data["file"] = Path(data["file"])
        problems.append(Problem(**data))
    return Case(path=Path(row["path"]), name=row["case"], config=_unplain(orjson.loads(row["config"])),
                articles=articles, problems=problems,
                claim_files={s: Path(p) for s, p in orjson.loads(row["claim_files"]).items()})


class ResultCache:
    """What auditing a case folder gave, by its case key and the run's settings (as ruff keeps each file's
    diagnostics): its findings, with the run's and its own settings applied, and what the report says of it.

    No rule crosses a case, so a case whose files, settings and code are unchanged has the findings it had.
    Stored beside the loading cache (``results-<id>.parquet``: a key and a JSON document per case), so it
    is never read by other code either; a damaged or unreadable segment is no cache.
    """

    def __init__(self, folder: Path | str = DEFAULT_DIR) -> None:
        self._loading = CaseCache(folder)  # its folder, segments and cache tag
        self.folder = self._loading.folder

    @staticmethod
    def keys(case_keys: Iterable[str], settings: Mapping[str, Any]) -> list[str]:
        """The result keys: each case key with the run's settings (selection, severities, fail-on, hedges)."""
        run = json.dumps(_plain(settings), sort_keys=True, default=str).encode()
        return [hashlib.blake2b(key.encode() + b"\0" + run, digest_size=20).hexdigest() for key in case_keys]

    def get(self, keys: list[str]) -> dict[str, dict[str, Any]]:
        """The stored results among ``keys``: key -> its document (see ``check``)."""
        files = self._loading._segments("results")
        if not keys or not files:
            return {}
        try:
            rows = (pl.scan_parquet(files).join(pl.LazyFrame({_KEY: keys}), on=_KEY, how="semi")
                    .unique(_KEY, keep="first").collect())
            return {key: orjson.loads(doc) for key, doc in rows.iter_rows()}
        except (OSError, pl.exceptions.PolarsError, orjson.JSONDecodeError):
            return {}

    def put(self, results: Mapping[str, Mapping[str, Any]]) -> None:
        """Store key -> document (its findings as ``finding_document`` writes them; silent when it cannot
        write); past ``MAX_SEGMENTS`` segments, merge them."""
        if not results:
            return
        documents = [orjson.dumps({**document, "findings": [finding_document(f) for f in document["findings"]]}).decode()
                     for document in results.values()]
        frame = pl.DataFrame({_KEY: list(results), "result": documents}, schema={_KEY: pl.String, "result": pl.String})
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._loading._mark()
            _write_atomic(frame, self.folder / f"results-{uuid.uuid4().hex[:12]}.parquet")
            files = self._loading._segments("results")
            if len(files) > MAX_SEGMENTS:
                merged = pl.read_parquet(files).unique(_KEY, keep="last", maintain_order=True)
                _write_atomic(merged, self.folder / f"results-{uuid.uuid4().hex[:12]}.parquet")
                for path in files:
                    path.unlink(missing_ok=True)
        except (OSError, pl.exceptions.PolarsError):
            return


def finding_document(finding: Finding) -> dict[str, Any]:
    """A finding as JSON data that ``finding_from_document`` gives back equal: its fields by name, each claim as
    the list of its fields, decimals as their exact text (bounds are never text otherwise)."""
    document = {name: getattr(finding, name) for name in _FINDING_FIELDS}
    document["observed"], document["expected"] = _bounds_text(finding.observed), _bounds_text(finding.expected)
    document["claims"] = [[str(v) if isinstance(v, Decimal) else v for v in (getattr(c, n) for n in _CLAIM_FIELDS)]
                          for c in finding.claims]
    return document


def finding_from_document(data: Mapping[str, Any]) -> Finding:
    claims = []
    for values in data["claims"]:
        claim = dict(zip(_CLAIM_FIELDS, values, strict=True))
        claim["low"], claim["high"] = _decimal(claim["low"]), _decimal(claim["high"])
        claim["place"], claim["group"] = tuple(claim["place"]), tuple(claim["group"])
        claims.append(ClaimRef(**claim))
    return Finding(**{**data, "claims": tuple(claims), "observed": _bounds(data["observed"]),
                      "expected": _bounds(data["expected"])})


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_CLAIM_FIELDS = tuple(f.name for f in fields(ClaimRef))


def _bounds_text(pair: tuple | None) -> list | None:
    return None if pair is None else [str(v) if isinstance(v, Decimal) else v for v in pair]


def _bounds(pair: list | None) -> tuple | None:
    return None if pair is None else tuple(_decimal(v) for v in pair)


def _decimal(value: Any) -> Any:
    return Decimal(value) if isinstance(value, str) else value
