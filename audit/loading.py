"""Reading many case folders: from the cache where their files have not changed, the rest in
parallel processes where there are enough of them to pay for starting the processes.

Every case comes back with its claims as a frame (``Case.frame``), so a repository of ten
thousand cases never turns a million claims into Python dicts twice.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import polars as pl

from audit.case import Case, load_case
from audit.claim_columns import ClaimColumns
from audit.cycles import paused_cycle_collection
from audit.frame import CLAIM_COLUMNS, claims_frame

__all__ = ["load_folders", "case_keys", "case_names", "claims_of", "PARALLEL_FROM"]

#: below this many folders to read, one process reads them (starting the readers costs about half a CPU-second)
PARALLEL_FROM = 200
_CHUNKS_PER_WORKER = 4
#: the most folders a reader process is sent at once (about half a CPU-second of reading): the readers end
#: within a chunk of each other, however many folders there are and however the machine's load shares them out
_LARGEST_CHUNK = 50


def case_names(folders: Sequence[Path]) -> list[str]:
    """A case is named by its folder; two folders of one name (a/x and b/x) by their paths."""
    from collections import Counter

    counts = Counter(folder.name for folder in folders)
    return [str(folder) if counts[folder.name] > 1 else folder.name for folder in folders]


def load_folders(folders: Sequence[Path], hedges: Mapping[str, Any] | None = None,
                 on_case: Callable[[Path], None] | None = None, cache_dir: Path | None = None,
                 workers: int | None = None, names: Sequence[str] | None = None,
                 keys: Sequence[str] | None = None) -> list[Case]:
    """Read ``folders`` as cases (in their order), each with its claims as ``Case.frame``.

    ``cache_dir``: the ``.audit_cache`` to read and extend (None: no cache). ``workers``: processes
    for the folders not in the cache (default: every core, once there are ``PARALLEL_FROM`` folders).
    ``names`` and ``keys``: the cases' names and cache keys when the caller knows them already (some
    folders of a larger run: ``case_names`` and ``case_keys`` of the whole run).
    """
    names = list(names) if names is not None else case_names(folders)
    cases: list[Case | None] = [None] * len(folders)
    store = None
    if cache_dir is not None:
        from audit.cache import CaseCache

        store = CaseCache(cache_dir)
        keys = list(keys) if keys is not None else _keys(store, folders, names, hedges)
        for index, (case, frame) in _cached(store, keys).items():
            case.frame = frame
            cases[index] = case
            if on_case is not None:
                on_case(folders[index])
    todo = [i for i, case in enumerate(cases) if case is None]
    for index, case in zip(todo, _read([(folders[i], names[i]) for i in todo], hedges, on_case, workers)):
        cases[index] = case
    if store is not None and todo:
        store.put((keys[i], cases[i], cases[i].frame) for i in todo)
    return cases  # type: ignore[return-value]


def case_keys(cache_dir: Path, folders: Sequence[Path], names: Sequence[str], hedges: Mapping[str, Any] | None) -> list[str]:
    """Each folder's case key (``audit.cache.case_key``), by the stat of its files where an earlier run knew them."""
    from audit.cache import CaseCache

    return _keys(CaseCache(cache_dir), folders, list(names), hedges)


def _keys(store, folders: Sequence[Path], names: list[str], hedges) -> list[str]:
    """Each folder's case key: known by the signature of its files where an earlier run hashed them and
    they have not changed since (their stat alone, as ruff's cache does), else hashed from their bytes."""
    from audit.cache import RACY_SECONDS, case_key, case_signature

    known = store.keys_by_signature()
    settled = time.time_ns() - int(RACY_SECONDS * 1e9)  # files changed after this may change again unseen
    keys, new = [], {}
    for folder, name in zip(folders, names):
        signature, newest = case_signature(folder, name, hedges)
        key = known.get(signature)
        if key is None:
            key = case_key(folder, name, hedges)
            if newest < settled:
                new[signature] = key
        keys.append(key)
    store.put_signatures(known, new)
    return keys


def _cached(store, keys: list[str]) -> dict[int, tuple[Case, pl.DataFrame]]:
    found = store.get(keys)
    return {i: found[key] for i, key in enumerate(keys) if key in found}


def _read(jobs: list[tuple[Path, str]], hedges, on_case, workers: int | None) -> list[Case]:
    cores = os.cpu_count() or 1
    workers = workers if workers is not None else (cores if len(jobs) >= PARALLEL_FROM else 1)
    workers = max(1, min(workers, len(jobs)))
    if workers == 1:
        cases = []
        for chunk in _chunks(jobs, 50):  # frames a chunk at a time: one frame per case costs more than its claims
            cases += _read_chunk(chunk, hedges)
            for folder, _ in chunk:
                if on_case is not None:
                    on_case(folder)
        return cases
    size = max(1, min(-(-len(jobs) // (workers * _CHUNKS_PER_WORKER)), _LARGEST_CHUNK))
    cases = []
    try:
        with ProcessPoolExecutor(workers, mp_context=_reader_context()) as pool:
            chunks = _chunks(jobs, size)
            for chunk, done in zip(chunks, pool.map(_read_chunk_whole, chunks, [hedges] * len(chunks))):
                cases += _share(*done)
                for folder, _ in chunk:
                    if on_case is not None:
                        on_case(folder)
    except (BrokenProcessPool, PermissionError, NotImplementedError):
        # no processes here (a sandbox without semaphores, a worker killed): read them in this one
        return cases + _read(jobs[len(cases):], hedges, on_case, 1)
    return cases


def _reader_context():
    """Reader processes forked from a forkserver (polars' thread pool does not survive a fork of a process
    that used it), which imports ``audit.reader_process`` first, so that each reader starts ready."""
    context = get_context("forkserver")
    context.set_forkserver_preload(["__main__", "audit.reader_process"])
    return context


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _read_chunk(jobs: list[tuple[Path, str]], hedges) -> list[Case]:
    """Read cases; their claims become one frame for the chunk, which each case gets a slice of."""
    return _share(*_read_chunk_whole(jobs, hedges))


def _read_chunk_whole(jobs: list[tuple[Path, str]], hedges) -> tuple[list[Case], pl.DataFrame, list[int]]:
    """Read cases (the cycle collector paused: ``audit.cycles``): the cases without their claims, the claims of
    all as one frame, and how many each case has (a reader process sends one frame back, not one per case).
    The claims of claim files are gathered column-wise (``audit.claim_columns``), not as a dict each."""
    with paused_cycle_collection():
        columns = ClaimColumns()
        cases = [load_case(folder, name=name, hedges=hedges, columns=columns) for folder, name in jobs]
        frame, counts = columns.build()
        del columns  # its raw claims go before the collector is back: it would walk them all
    return cases, frame, counts


def _share(cases: list[Case], frame: pl.DataFrame, counts: list[int]) -> list[Case]:
    """Each case gets its slice of the chunk's frame."""
    offset = 0
    for case, count in zip(cases, counts):
        case.frame = frame.slice(offset, count)
        offset += count
    return cases


def claims_of(cases: Sequence[Case]) -> pl.DataFrame:
    """The claims of ``cases`` as one frame, in case order (frames where loaded as frames, else records).

    The cases give their frames up (``Case.frame`` becomes None): a million claims are held once."""
    parts: list[pl.DataFrame] = []
    records: list[dict] = []
    for case in cases:
        if case.frame is not None and case.frame.height:
            if records:
                parts.append(claims_frame(records))
                records = []
            parts.append(case.frame)
            case.frame = None
        else:
            records += case.claims
    if records or not parts:
        parts.append(claims_frame(records))
    return pl.concat(parts, rechunk=True) if len(parts) > 1 else parts[0].select(list(CLAIM_COLUMNS))
