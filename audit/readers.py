"""The reader processes' forkserver, started as early as a run knows it will read many case folders.

Reader processes (``audit.loading``) are forked from a forkserver that first imports the reading modules
(``audit.reader_process``): about a third of a CPU-second. Started when the first folder is read, the readers
begin that much later; ``start_early`` starts it at the top of ``audit check``, so that it imports while this
process imports the rest of the audit. This module imports nothing heavy: it runs before the audit's imports.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from multiprocessing import get_context
from multiprocessing.context import BaseContext
from pathlib import Path

from audit.case_folders import case_folders

__all__ = ["PARALLEL_FROM", "reader_context", "start_early", "usable_cores"]

#: below this many folders to read, one process reads them (starting the readers costs about half a CPU-second)
PARALLEL_FROM = 200

#: what the forkserver imports before it forks a reader (``__main__`` first, as multiprocessing expects)
PRELOAD = ["__main__", "audit.reader_process"]


def _cores_allowed() -> int:
    """The CPUs this process may be scheduled on (its affinity mask: ``taskset``, a container's cpuset), else every
    CPU of the machine."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # no affinity masks on this system
        return os.cpu_count() or 1


def usable_cores() -> int:
    """The processes worth reading with: the CPUs this process may use, no more than its cgroup's CPU quota
    allows (``docker --cpus 2``, a Kubernetes CPU limit: ``os.cpu_count()`` there counts the whole host, and
    a reader per host CPU would only share the quota and hold its memory) nor than ``POLARS_MAX_THREADS``.

    The quota is read by polars, which sizes its thread pool by Rust's ``available_parallelism`` (cgroup v1
    and v2 quotas and the affinity mask) unless ``POLARS_MAX_THREADS`` sets it."""
    import polars as pl  # imported already wherever readers are started

    return max(1, min(_cores_allowed(), pl.thread_pool_size()))


def reader_context() -> BaseContext:
    """Reader processes forked from a forkserver (polars' thread pool does not survive a fork of a process
    that used it), which imports ``audit.reader_process`` first, so that each reader starts ready."""
    context = get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def start_early(paths: Iterable[Path], enough: int = PARALLEL_FROM) -> bool:
    """Start the forkserver now when ``paths`` hold at least ``enough`` case folders (counted only that far);
    whether it was started. A hint, nothing more: readers start it anyway when they are needed."""
    if _cores_allowed() < 2:  # no reader processes: this one reads (a hint: the quota is not looked at before polars is)
        return False
    count = 0
    for path in paths:
        for _ in case_folders(Path(path)):
            count += 1
            if count >= enough:
                from multiprocessing import forkserver

                reader_context()
                try:
                    forkserver.ensure_running()
                except OSError:  # no processes here: the folders are read in this one
                    return False
                return True
    return False
