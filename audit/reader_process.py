"""What a process reading case folders needs, made once in the forkserver that starts the reader
processes (``audit.loading``): importing this module imports the readers' modules and builds the
tables every case uses (the claim-file schema's Rust validator, the gazetteer's codes, the group
names), so each reader forked from it starts ready, instead of each spending half a second on them.

Nothing here starts a thread (polars' thread pool does not survive a fork; it starts on first use).
"""

from __future__ import annotations

from audit.case import _rust_validator
from audit.groups import _table
from audit.loading import _read_chunk_to_send  # noqa: F401 - the function the readers run
from audit.places import _defaults

_rust_validator()
_defaults()
_table()
