"""The one boundary for files: what an audit may read, and where it may write.

An audit reads a case's articles and claims only from regular files inside the case folder
(a symbolic link is followed only when it stays inside), so a link to ``/etc/passwd`` or to a
runner's secrets is never quoted in a report, and a named pipe or a link to ``/dev/zero``
never blocks the run: each is an ``OutsideFile`` the case loader turns into an INPUT finding.

It writes reports only inside the reports folder, under a folder name made safe from the
case's name (``..``, ``/``, two cases named ``x`` in different folders), never through a
symbolic link, and atomically (a temporary file renamed over the old one), keeping the mode a
person gave an existing file.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from audit.errors import AuditError

__all__ = [
    "OutsideFile", "ARTICLE_LIMIT", "CLAIM_FILE_LIMIT", "check_regular", "read_bytes",
    "safe_folder_names", "write_text", "append_text", "case_holding", "case_holding_under", "folders_resolved_once",
    "read_whole", "recorded_reads",
]

#: the largest article read (bytes): a news story is tens of kilobytes; a bigger file is a mistake or an attack
ARTICLE_LIMIT = 4 * 1024 * 1024
#: the largest claim file read (bytes): thousands of claims fit in a few megabytes
CLAIM_FILE_LIMIT = 32 * 1024 * 1024


class OutsideFile(Exception):
    """A file an audit must not read: outside the case, not a regular file, or too large."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path, self.message = path, message


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def check_regular(path: Path, root: Path | None = None) -> Path:
    """The resolved path of ``path`` when it is a regular file (inside ``root`` when given); else ``OutsideFile``."""
    folders = _FOLDERS.get()
    if folders is not None and root is not None:
        resolved = _regular_in_known_folder(os.fspath(path), root, folders)
        if resolved is not None:
            return resolved
    try:
        resolved = Path(path).resolve(strict=True)
    except FileNotFoundError:
        raise OutsideFile(path, "is a symbolic link to nothing" if os.path.islink(path) else "does not exist") from None
    except (OSError, RuntimeError) as error:  # a loop of links, a name too long
        raise OutsideFile(path, f"cannot be resolved: {getattr(error, 'strerror', None) or error}") from None
    if root is not None and not _inside(resolved, Path(root).resolve()):
        raise OutsideFile(path, f"links outside the case (to {resolved}): not read")
    try:
        mode = os.stat(resolved).st_mode
    except OSError as error:
        raise OutsideFile(path, f"cannot read: {error.strerror}") from None
    if not stat.S_ISREG(mode):
        raise OutsideFile(path, f"is not a regular file ({_kind(mode)}): not read")
    return resolved


#: while a case is read (``folders_resolved_once``): each folder's resolved path (by its path) and, by (folder, case),
#: that path and whether it lies inside the case; None: every file is resolved on its own
_FOLDERS: contextvars.ContextVar[dict | None] = contextvars.ContextVar("audit_resolved_folders", default=None)

_Reader = TypeVar("_Reader", bound=Callable)


def folders_resolved_once(read: _Reader) -> _Reader:
    """``read`` (the reading of one case) resolves each folder of the case once, not once per file: a file
    that is no symbolic link, in a folder whose resolved path is known, resolves to that folder and its name,
    which one ``lstat`` tells. What ``check_regular`` refuses is refused as before (the same messages), and a
    folder is trusted only while ``read`` runs (a case is read in milliseconds: the next read looks again)."""

    @functools.wraps(read)
    def reading(*args, **kwargs):
        if _FOLDERS.get() is not None:
            return read(*args, **kwargs)
        token = _FOLDERS.set({})
        try:
            return read(*args, **kwargs)
        finally:
            _FOLDERS.reset(token)

    return reading  # type: ignore[return-value]


def _regular_in_known_folder(path: str, root: Path | str, folders: dict) -> Path | None:
    """The resolved path of ``path`` when it is a regular file, no symbolic link, in a folder inside ``root``;
    None for anything else (a link, a pipe, a file outside, a name that is not there), which ``check_regular``
    then resolves and judges as it always did."""
    folder, name = os.path.split(path)
    if name in ("", ".", ".."):
        return None
    try:
        mode = os.lstat(path).st_mode
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(mode):  # a symbolic link too: lstat does not follow it
        return None
    key = (folder, os.fspath(root))
    known = folders.get(key)
    if known is None:
        case = _resolved_folder(os.fspath(root), folders)  # first: the case's folders are found from it
        resolved = _resolved_folder(folder, folders)
        known = folders[key] = (resolved, resolved is not None and case is not None and _inside(resolved, case))
    resolved, inside = known
    return resolved / name if inside else None


def _resolved_folder(folder: str, folders: dict) -> Path | None:
    """``folder`` resolved (None where it cannot be): from its parent's resolved path when it is no symbolic link."""
    if folder in folders:
        return folders[folder]
    parent, name = os.path.split(folder)
    resolved = None
    if parent in folders and folders[parent] is not None and name not in ("", ".", ".."):
        try:
            if not stat.S_ISLNK(os.lstat(folder).st_mode):
                resolved = folders[parent] / name
        except (OSError, ValueError):
            return None
    if resolved is None:
        try:
            resolved = Path(folder or ".").resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            resolved = None
    folders[folder] = resolved
    return resolved


#: while a case is read for its cache key (``recorded_reads``): the bytes of each file read whole, by its path as
#: given (``os.fspath``); None: nothing is kept
_READS: contextvars.ContextVar[dict[str, bytes] | None] = contextvars.ContextVar("audit_recorded_reads", default=None)


@contextlib.contextmanager
def recorded_reads() -> Iterator[dict[str, bytes]]:
    """Within it, each file ``read_bytes`` or ``read_whole`` reads whole is kept by its path, so that a cache key
    (``audit.cache.case_key``) hashes the bytes the audit read, without reading them a second time."""
    reads: dict[str, bytes] = {}
    token = _READS.set(reads)
    try:
        yield reads
    finally:
        _READS.reset(token)


def _recorded(path: Path | str, data: bytes) -> bytes:
    reads = _READS.get()
    if reads is not None:
        reads[os.fspath(path)] = data
    return data


def read_whole(path: Path | str) -> bytes:
    """The bytes of a file ``check_regular`` passed (``OSError`` when it cannot be read), kept where reads are
    recorded. Opened without blocking: a file swapped for a named pipe since the check reads as empty, not forever."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        return _recorded(path, _read_at_most(handle, os.fstat(handle).st_size))
    finally:
        os.close(handle)


def _read_at_most(handle: int, size: int, limit: int | None = None) -> bytes:
    """The bytes of an open file of ``size`` bytes (its ``fstat``) to its end, or ``limit + 1`` of them where it is
    longer: ``os.read`` until it gives nothing, first asking for one byte more than ``size`` (a third of the time
    of a buffered file object's ``read``, which allocates the ``limit + 1`` bytes it is asked for)."""
    most = None if limit is None else limit + 1
    ask = size + 1 if most is None else min(size + 1, most)
    chunks, got = [], 0
    while most is None or got < most:
        chunk = os.read(handle, ask if most is None else min(ask, most - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        ask = max(ask, 65_536)  # a file that grew since its fstat: read on in blocks
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a file"


def read_bytes(path: Path, root: Path | None = None, limit: int = ARTICLE_LIMIT) -> bytes:
    """The bytes of a regular file inside ``root`` (see ``check_regular``), at most ``limit`` of them.

    The file is opened without blocking and checked again once open, so a file swapped for a
    pipe between the check and the read is still refused.
    """
    resolved = check_regular(path, root)
    try:
        handle = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        raise OutsideFile(path, f"cannot read: {error.strerror}") from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise OutsideFile(path, f"is not a regular file ({_kind(info.st_mode)}): not read")
        if info.st_size > limit:
            raise OutsideFile(path, f"is too large ({info.st_size:,} bytes; at most {limit:,} are read)")
        data = _read_at_most(handle, info.st_size, limit)
    finally:
        os.close(handle)
    if len(data) > limit:
        raise OutsideFile(path, f"is too large (over {limit:,} bytes; at most {limit:,} are read)")
    return _recorded(path, data)


_UNSAFE = re.compile(r"[^\w.\- ]+")
_LONGEST = 100


def _safe_name(name: str) -> str:
    parts = [p for p in re.split(r"[/\\]+", name) if p not in ("", ".", "..")]
    safe = "-".join(_UNSAFE.sub("_", p).strip(" ") for p in parts).lstrip(".-_ ") or "case"
    if len(safe) > _LONGEST:
        safe = f"{safe[:_LONGEST - 9]}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
    return safe


def safe_folder_names(cases: Iterable[str]) -> dict[str, str]:
    """A report folder name for each case name: no path separators, no ``..``, no hidden names, and
    no two cases sharing one (``a/x`` and ``b/x`` become ``a-x`` and ``b-x``; a clash gets ``-2``)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for case in cases:
        base = _safe_name(case)
        name, number = base, 2
        while name.lower() in taken:  # case-insensitive file systems would share the folder
            name, number = f"{base}-{number}", number + 1
        taken.add(name.lower())
        names[case] = name
    return names


def _make_folder(root: Path, relative: Path) -> Path:
    """``root/relative`` created folder by folder, none of them a symbolic link (the parents of ``root``
    are the user's to choose)."""
    folders = [root, *(root.joinpath(*relative.parts[:n]) for n in range(1, len(relative.parts) + 1))]
    for folder in folders:
        if os.path.islink(folder):
            raise AuditError(f"{folder}: is a symbolic link; the auditor does not write through links")
        try:
            folder.mkdir(parents=folder is root, exist_ok=True)
        except FileExistsError:
            raise AuditError(f"{folder}: cannot write there: it is a file, not a folder") from None
        except OSError as error:
            raise AuditError(f"{folder}: cannot write there: {error.strerror}") from None
        if not folder.is_dir():
            raise AuditError(f"{folder}: cannot write there: it is a file, not a folder")
    return folders[-1]


#: characters encoded and written at a time: the whole text encoded at once was one more copy of it in memory
_WRITTEN_AT_ONCE = 1 << 22


def write_text(root: Path, relative: Path | str, text: str) -> Path:
    """Write ``text`` to ``root/relative`` atomically, never through a symbolic link, keeping the mode of
    a file already there (a new file gets the usual mode, 0666 less the umask). ``AuditError`` when it cannot."""
    relative = Path(relative)
    if relative.is_absolute() or ".." in relative.parts:
        raise AuditError(f"{relative}: a file name must stay inside {root}")
    folder = _make_folder(Path(root), relative.parent)
    target = folder / relative.name
    mode = _mode_for(target)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{relative.name}.", suffix=".tmp")
    except OSError as error:
        raise AuditError(f"{target}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            for start in range(0, len(text), _WRITTEN_AT_ONCE):  # encoded a slice at a time, not all at once
                stream.write(text[start:start + _WRITTEN_AT_ONCE])
        os.chmod(temporary, mode)
        os.replace(temporary, target)  # a link at ``target`` is replaced, its target left alone
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise AuditError(f"{target}: cannot write: {error.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _mode_for(target: Path) -> int:
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise AuditError(f"{target}: cannot write: it is a folder")
    if info is not None and stat.S_ISREG(info.st_mode):
        return stat.S_IMODE(info.st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def case_holding(folder: Path, cases: Iterable[Path]) -> Path | None:
    """The case folder among ``cases`` that holds ``folder`` (a reports folder must not lie inside a case:
    its files would be read as articles, or change the case under review), or None."""
    target = Path(folder).resolve()
    for case in cases:
        if _inside(target, Path(case).resolve()):
            return Path(case)
    return None


def case_holding_under(folder: Path, paths: Iterable[Path], case_file: str = "case.yaml") -> Path | None:
    """The case folder at or below one of ``paths`` that holds ``folder`` (as ``case_holding`` over every case
    found below them), found from ``folder``'s own ancestors instead of walking every folder below ``paths``."""
    target = Path(folder).resolve()
    for path in map(Path, paths):
        if not path.is_dir():
            continue
        root = path.resolve()
        if (path / case_file).is_file():  # a case folder: its own case, nothing below it
            if _inside(target, root):
                return path
            continue
        if not _inside(target, root):
            continue
        # the outermost folder between ``root`` and ``folder`` holding a case file, as a walk below ``path`` finds it
        for ancestor in [root, *reversed([a for a in target.parents if root in a.parents]), target]:
            if (ancestor / case_file).exists():
                return path / ancestor.relative_to(root)
    return None


def append_text(path: Path, text: str, what: str) -> None:
    """Append ``text`` to a file the environment names (``what``: its variable); ``AuditError`` when it cannot."""
    try:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        raise AuditError(f"{what}={path}: cannot write: {error.strerror}") from None
