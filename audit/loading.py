"""Reading many case folders: from the cache where their files have not changed, the rest in
parallel processes where there are enough of them to pay for starting the processes.

Every case comes back with its claims as a frame (``Case.frame``), so a repository of ten
thousand cases never turns a million claims into Python dicts twice.
"""

from __future__ import annotations

import io
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import polars as pl

from audit.boundary import recorded_reads
from audit.case import Case, load_case
from audit.claim_columns import ClaimColumns
from audit.cycles import paused_cycle_collection
from audit.frame import CLAIM_COLUMNS, claims_frame
from audit.readers import PARALLEL_FROM, reader_context, usable_cores

__all__ = ["load_folders", "case_keys", "case_names", "claims_of", "PARALLEL_FROM"]

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

    ``cache_dir``: the ``.audit_cache`` to read and extend (None: no cache). ``workers``: processes that
    read the folders not in the cache, this one among them (default: every core, once there are
    ``PARALLEL_FROM`` folders; 1: this process alone).
    ``names`` and ``keys``: the cases' names and cache keys when the caller knows them already (some
    folders of a larger run: ``case_names`` and ``case_keys`` of the whole run).
    """
    with FolderReader(hedges, on_case, cache_dir, workers) as reader:
        return reader.start(folders, names, keys)()


class FolderReader:
    """Reads case folders, a batch at a time: ``start(folders)`` sets a batch going and returns the function that
    waits for its cases, so that the reader processes read the next batch while this process audits the last.

    Folders unchanged since an earlier run come from the cache; the rest are read in chunks by reader processes
    (``workers``, default every core this process may use, ``audit.readers.usable_cores``, once a batch has
    ``PARALLEL_FROM`` folders to read), and while this process waits for them it reads chunks no reader has taken
    yet itself (from the end of the batch): it reads while the readers start, and the last chunks are shared out
    as the readers finish. Use it as a context manager (the processes end with it)."""

    def __init__(self, hedges: Mapping[str, Any] | None = None, on_case: Callable[[Path], None] | None = None,
                 cache_dir: Path | None = None, workers: int | None = None, keyed: bool = False) -> None:
        self.hedges, self.on_case, self.workers = hedges, on_case, workers
        self.store = None
        if cache_dir is not None:
            from audit.cache import CaseCache

            self.store = CaseCache(cache_dir)
        self._pool: ProcessPoolExecutor | None = None
        self._no_processes = False  # none could be started here (a sandbox without semaphores)
        self._feeders: list[tuple[_Batch, threading.Thread]] = []
        self._storing: list[threading.Thread] = []  # cases being put in the cache
        self._failed: list[BaseException] = []
        #: ``keyed``: the readers work each folder's cache key out as they read it (``Case.read_key``), and nothing is
        #: looked up: for a cache that holds nothing a key could find (a first run), so that no process hashes
        #: every file up front
        self._keyed = keyed and self.store is not None
        self._signatures: dict[str, str] = {}  # signature -> key of the folders read so, for the next run

    def __enter__(self) -> FolderReader:
        return self

    def __exit__(self, *exc_info) -> None:
        for batch, feeder in self._feeders:  # (left early: an unreadable case) no more chunks for the readers
            batch.stop()
            feeder.join()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        for storing in self._storing:
            storing.join()
        if self._signatures:
            self.store.put_signatures(self.store.keys_by_signature(), self._signatures)
        if self._failed and exc_info[0] is None:
            raise self._failed[0]

    def _store(self, entries: list[tuple[str, Case, pl.DataFrame]]) -> None:
        """Put read cases in the cache in a thread of their own (the cases' frames taken now: auditing lets them go);
        an error in it is raised when the reader closes."""
        def put() -> None:
            try:
                self.store.put(entries)
            except BaseException as error:  # noqa: BLE001 -- raised again by __exit__
                self._failed.append(error)

        self._storing.append(threading.Thread(target=put, name="audit-cache-put"))
        self._storing[-1].start()

    def start(self, folders: Sequence[Path], names: Sequence[str] | None = None,
              keys: Sequence[str] | None = None) -> Callable[[], list[Case]]:
        """Start reading ``folders`` (names and keys as ``load_folders`` takes them); the function returned
        waits for their cases, in order."""
        names = list(names) if names is not None else case_names(folders)
        cases: list[Case | None] = [None] * len(folders)
        if self.store is not None and not self._keyed:
            keys = list(keys) if keys is not None else _keys(self.store, folders, names, self.hedges)
            for index, (case, frame) in _cached(self.store, keys).items():
                case.frame = frame
                cases[index] = case
                if self.on_case is not None:
                    self.on_case(folders[index])
        todo = [i for i, case in enumerate(cases) if case is None]
        read = self._read([(folders[i], names[i]) for i in todo])

        def wait() -> list[Case]:
            for index, case in zip(todo, read()):
                cases[index] = case
            if self.store is not None and todo:  # stored while the caller audits them (polars writes without the GIL)
                if self._keyed:  # every folder of the batch was read, its key worked out just before
                    self._signatures.update((cases[i].read_key[1], cases[i].read_key[0]) for i in todo
                                            if cases[i].read_key[2])
                known = [case.read_key[0] for case in cases] if self._keyed else keys
                self._store([(known[i], cases[i], cases[i].frame) for i in todo])
            return cases  # type: ignore[return-value]

        return wait

    def _read(self, jobs: list[tuple[Path, str]]) -> Callable[[], list[Case]]:
        cores = usable_cores()
        # the processes that read, this one among them: it reads whatever no reader has taken once it waits
        workers = self.workers if self.workers is not None else (cores if len(jobs) >= PARALLEL_FROM else 1)
        workers = max(1, min(workers, len(jobs)))
        if (workers == 1 and self._pool is None) or self._no_processes:
            return lambda: self._read_here(jobs)
        size = max(1, min(-(-len(jobs) // (workers * _CHUNKS_PER_WORKER)), _LARGEST_CHUNK))
        batch = _Batch(_chunks(jobs, size))
        feeder = threading.Thread(target=self._feed, args=(batch, max(workers - 1, 1)), daemon=True)
        self._feeders.append((batch, feeder))
        feeder.start()
        return lambda: self._wait(batch)

    def _feed(self, batch: _Batch, readers: int) -> None:
        """Hand the batch's chunks to the reader processes from its start, one to each at a time (a chunk handed
        over can no longer be read here), until none is left. Runs in a thread: starting the first reader waits
        for the forkserver to import the reading modules, and this process reads meanwhile."""
        try:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(readers, mp_context=reader_context())
            busy: set = set()
            while True:
                while len(busy) < readers and (index := batch.next()) is not None:
                    try:
                        future = self._pool.submit(_read_chunk_to_send, batch.chunks[index], self.hedges, self._keyed)
                    except BaseException:
                        batch.give_back(index)
                        raise
                    batch.handed(index, future)
                    busy.add(future)
                if not busy:
                    return
                _, busy = wait(busy, return_when=FIRST_COMPLETED)
        except (BrokenProcessPool, PermissionError, NotImplementedError, OSError, RuntimeError):
            # no processes here (a sandbox without semaphores, a reader killed, shut down): this one reads the rest
            self._no_processes = True
            batch.stop()

    def _wait(self, batch: _Batch) -> list[Case]:
        """The batch's cases, in order: each chunk from its reader, or read here, taking the last chunk no reader
        has yet, for as long as there is one and the chunk waited for is not done."""
        cases: list[Case] = []
        for index, chunk in enumerate(batch.chunks):
            while True:
                mine = batch.read_here.pop(index, None)
                if mine is not None:
                    break
                future = batch.future(index)
                if future is not None and (future.done() or not batch.left):
                    mine = self._result(chunk, future)
                    break
                spare = batch.last()
                if spare is not None:
                    batch.read_here[spare] = _read_chunk_whole(batch.chunks[spare], self.hedges, self._keyed)
                elif future is None:
                    batch.wait_for(index)  # a reader is being handed it
            cases += _share(*mine)
            self._told(chunk)
        return cases

    def _result(self, chunk: list[tuple[Path, str]], future) -> tuple[list[Case], pl.DataFrame, list[int]]:
        try:
            cases, sent, counts = future.result()
            return cases, pl.read_ipc_stream(sent), counts
        except BrokenProcessPool:  # a reader was killed: read its chunk here
            return _read_chunk_whole(chunk, self.hedges, self._keyed)

    def _read_here(self, jobs: list[tuple[Path, str]]) -> list[Case]:
        cases = []
        for chunk in _chunks(jobs, 50):  # frames a chunk at a time: one frame per case costs more than its claims
            cases += _read_chunk(chunk, self.hedges, self._keyed)
            self._told(chunk)
        return cases

    def _told(self, chunk: list[tuple[Path, str]]) -> None:
        """Tell ``on_case`` (the progress bar) of each folder of a chunk read."""
        if self.on_case is not None:
            for folder, _ in chunk:
                self.on_case(folder)


class _Batch:
    """The chunks of a batch, shared by the thread handing them to readers (from the start) and this process
    reading them itself (from the end): which are left, the readers' futures, what was read here."""

    def __init__(self, chunks: list[list[tuple[Path, str]]]) -> None:
        self.chunks = chunks
        self.left = deque(range(len(chunks)))  # popped at either end by one thread each: deque's ends are atomic
        self.futures: list = [None] * len(chunks)
        self.read_here: dict[int, tuple[list[Case], pl.DataFrame, list[int]]] = {}
        self._handed = threading.Condition()
        self._stopped = False

    def next(self) -> int | None:
        if self._stopped:
            return None
        try:
            return self.left.popleft()
        except IndexError:
            return None

    def last(self) -> int | None:
        try:
            return self.left.pop()
        except IndexError:
            return None

    def handed(self, index: int, future) -> None:
        with self._handed:
            self.futures[index] = future
            self._handed.notify_all()

    def give_back(self, index: int) -> None:
        with self._handed:
            self.left.appendleft(index)
            self._handed.notify_all()

    def stop(self) -> None:
        """No more chunks go to readers: those left are read here."""
        with self._handed:
            self._stopped = True
            self._handed.notify_all()

    def future(self, index: int):
        return self.futures[index]

    def wait_for(self, index: int) -> None:
        """Until chunk ``index`` is handed to a reader, given back, or handing stops."""
        with self._handed:
            self._handed.wait_for(lambda: self.futures[index] is not None or bool(self.left) or self._stopped)


def case_keys(cache_dir: Path, folders: Sequence[Path], names: Sequence[str], hedges: Mapping[str, Any] | None) -> list[str]:
    """Each folder's case key (``audit.cache.case_key``), by the stat of its files where an earlier run knew them."""
    from audit.cache import CaseCache

    return _keys(CaseCache(cache_dir), folders, list(names), hedges)


def _keys(store, folders: Sequence[Path], names: list[str], hedges) -> list[str]:
    """Each folder's case key: known by the signature of its files where an earlier run hashed them and
    they have not changed since (their stat alone, as ruff's cache does), else hashed from their bytes."""
    from audit.cache import case_key

    known = store.keys_by_signature()
    settled = _settled()
    keys, new = [], {}
    for folder, name in zip(folders, names):
        scanned, signature, trusted = _scanned(folder, name, hedges, settled)
        key = known.get(signature)
        if key is None:
            key = case_key(folder, name, hedges, scanned)
            if trusted:
                new[signature] = key
        keys.append(key)
    store.put_signatures(known, new)
    return keys


def _settled() -> int:
    """The time (ns) files must have been changed before to be known by their stat next time: one changed later
    may change again within the same tick of its clock, unseen (``audit.cache.RACY_SECONDS``)."""
    from audit.cache import RACY_SECONDS

    return time.time_ns() - int(RACY_SECONDS * 1e9)


def _scanned(folder: Path, name: str, hedges, settled: int) -> tuple[list, str, bool]:
    """The folder's files listed and stat'ed once (``audit.cache._scan``), its signature, and whether its
    signature may be trusted next time (no file changed since ``settled``)."""
    from audit.cache import _scan, case_signature

    scanned = _scan(folder)
    signature, newest = case_signature(folder, name, hedges, scanned)
    return scanned, signature, newest < settled


def _read_keyed(folder: Path, name: str, hedges, columns: ClaimColumns) -> Case:
    """``load_case`` with the case's ``Case.read_key``: its cache key, its signature, and whether the signature may be
    trusted next time. The files are scanned first (the signature, and the trust judged then, not when the batch is
    done), then read, and the key hashes the bytes the reading read (``audit.boundary.recorded_reads``), reading only
    the files it did not read whole: what is stored under the key is what was audited, even for a file changed
    between the scan and the read (whose signature, older than its change, is never seen again)."""
    from audit.cache import case_key

    scanned, signature, trusted = _scanned(folder, name, hedges, _settled())
    with recorded_reads() as read:
        case = load_case(folder, name=name, hedges=hedges, columns=columns)
    case.read_key = (case_key(folder, name, hedges, scanned, read), signature, trusted)
    return case


def _cached(store, keys: list[str]) -> dict[int, tuple[Case, pl.DataFrame]]:
    found = store.get(keys)
    return {i: found[key] for i, key in enumerate(keys) if key in found}


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _read_chunk(jobs: list[tuple[Path, str]], hedges, keyed: bool = False) -> list[Case]:
    """Read cases; their claims become one frame for the chunk, which each case gets a slice of."""
    return _share(*_read_chunk_whole(jobs, hedges, keyed))


def _read_chunk_whole(jobs: list[tuple[Path, str]], hedges,
                      keyed: bool = False) -> tuple[list[Case], pl.DataFrame, list[int]]:
    """Read cases (the cycle collector paused: ``audit.cycles``): the cases without their claims, the claims of
    all as one frame, and how many each case has (a reader process sends one frame back, not one per case).
    The claims of claim files are gathered column-wise (``audit.claim_columns``), not as a dict each.
    ``keyed``: each case gets its ``read_key`` as its folder is read (``_read_keyed``)."""
    with paused_cycle_collection():
        columns = ClaimColumns()
        cases = []
        for folder, name in jobs:
            if keyed:
                cases.append(_read_keyed(folder, name, hedges, columns))
            else:
                cases.append(load_case(folder, name=name, hedges=hedges, columns=columns))
        frame, counts = columns.build()
        del columns  # its raw claims go before the collector is back: it would walk them all
    return cases, frame, counts


def _read_chunk_to_send(jobs: list[tuple[Path, str]], hedges, keyed: bool = False) -> tuple[list[Case], bytes, list[int]]:
    """``_read_chunk_whole`` in a reader process: the frame goes back as an Arrow IPC stream, which writes and reads in
    half the time of a pickled polars frame (0.07 + 0.08 ms a folder of about 100 claims, against 0.19 + 0.09),
    compressed by LZ4: a chunk of 50 folders is sent as 0.27 MB, not 2.9 MB, and a reader waits less for this
    process, busy auditing or reading, to take its result from the pipe before it reads on (30 -> 12 ms a chunk)."""
    cases, frame, counts = _read_chunk_whole(jobs, hedges, keyed)
    sent = io.BytesIO()
    frame.write_ipc_stream(sent, compat_level=pl.CompatLevel.newest(), compression="lz4")
    return cases, sent.getvalue(), counts


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
