"""Progress bars for the command line: a rich bar in a terminal, silence in CI logs and pipes.

Only the CLI uses this (the core reports progress through plain callbacks such as
``check(..., on_case=...)``). A bar shows when standard error is a terminal and ``CI`` is not
set to a true value, and only for work of at least ``minimum`` steps, so one small case prints
nothing extra.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

__all__ = ["progress", "wanted"]

Advance = Callable[[str], None]


def wanted(stream: IO[str] | None = None, environ: dict[str, str] | None = None) -> bool:
    """A bar is wanted on an interactive terminal outside CI."""
    environ = os.environ if environ is None else environ
    if environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
        return False
    stream = sys.stderr if stream is None else stream
    return bool(getattr(stream, "isatty", lambda: False)())


@contextmanager
def progress(total: int, description: str, *, enabled: bool | None = None, minimum: int = 2,
             console: object | None = None) -> Iterator[Advance]:
    """Yield ``advance(label)``, called once per finished step; a no-op when no bar is wanted."""
    if enabled is None:
        enabled = wanted()
    if not enabled or total < minimum:
        yield lambda label="": None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("[dim]{task.fields[label]}"),
        console=console or Console(stderr=True), transient=True,
    )
    with bar:
        task = bar.add_task(description, total=total, label="")
        yield lambda label="": bar.update(task, advance=1, label=str(label)[-60:])
