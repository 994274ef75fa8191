"""Where the case folders are: every folder at or below a path that holds a case.yaml.

One walk serves both who need it: ``audit.case.find_cases`` (every case folder, in path order) and
``audit.readers.start_early`` (are there enough folders to start reader processes? counted lazily, stopping
early). It imports nothing but the standard library: ``audit check`` counts before the audit is imported.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["CASE_FILE", "case_folders"]

CASE_FILE = "case.yaml"


def case_folders(path: Path) -> Iterator[Path]:
    """The case folders at or below ``path``, lazily and in no set order: ``path`` alone where it holds a case.yaml,
    else those ``path.rglob("case.yaml")`` finds, by one ``scandir`` of each folder (``rglob`` also stats a
    case.yaml in each): hidden folders are searched, links to folders are not followed, and a case.yaml counts
    where it exists (a link to nothing does not). An unreadable folder is passed over, as ``rglob`` passes it."""
    if (path / CASE_FILE).is_file():
        yield path
        return
    folders = [os.fspath(path)]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:  # unreadable, or gone since it was listed
            continue
        for entry in entries:
            if entry.name == CASE_FILE and (not entry.is_symlink() or os.path.exists(entry.path)):
                yield Path(folder)
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
            except OSError:
                continue
