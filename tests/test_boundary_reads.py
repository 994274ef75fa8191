"""Reading a file's bytes (``audit.boundary``): everything to its end, or one byte past the limit, whatever size its
``fstat`` gave (a file that grew or shrank since), and the bytes read kept for the cache key where reads are recorded."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.boundary import OutsideFile, _read_at_most, read_bytes, read_whole, recorded_reads


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200_000) | st.sampled_from([b"", b"x", b"a" * 65_537]),
       st.integers(0, 300_000), st.none() | st.integers(0, 250_000))
def test_the_bytes_read_are_the_file_to_its_end_or_one_past_the_limit(content: bytes, said_size: int, limit) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f"
        path.write_bytes(content)
        handle = os.open(path, os.O_RDONLY)
        try:
            data = _read_at_most(handle, said_size, limit)
        finally:
            os.close(handle)
    assert data == (content if limit is None else content[:limit + 1])


def test_an_article_over_the_limit_is_refused_and_one_at_it_read(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"x" * 11)
    assert read_bytes(tmp_path / "a.md", tmp_path, limit=11) == b"x" * 11
    with pytest.raises(OutsideFile, match="too large"):
        read_bytes(tmp_path / "a.md", tmp_path, limit=10)


def test_reads_are_recorded_only_where_asked(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"twelve")
    (tmp_path / "b.md").write_bytes(b"too long")
    (tmp_path / "c.yaml").write_bytes(b"title: t\n")
    assert read_whole(tmp_path / "c.yaml") == b"title: t\n"
    with recorded_reads() as reads:
        read_bytes(tmp_path / "a.md", tmp_path)
        read_whole(tmp_path / "c.yaml")
        with pytest.raises(OutsideFile):
            read_bytes(tmp_path / "b.md", tmp_path, limit=2)  # refused: nothing of it kept
    assert reads == {str(tmp_path / "a.md"): b"twelve", str(tmp_path / "c.yaml"): b"title: t\n"}
    read_whole(tmp_path / "c.yaml")
    assert len(reads) == 2  # the recording ended with the block


def test_a_file_swapped_for_a_pipe_after_its_check_reads_as_empty_not_forever(tmp_path: Path) -> None:
    """``read_whole`` trusts ``check_regular``'s verdict, but a file swapped for a named pipe since then does not
    block the run (no writer: the pipe reads as empty)."""
    import threading

    pipe = tmp_path / "claims.yaml"
    os.mkfifo(pipe)
    read: list[bytes] = []
    reading = threading.Thread(target=lambda: read.append(read_whole(pipe)), daemon=True)
    reading.start()
    reading.join(timeout=10)  # a blocking open would wait for a writer for ever: the test fails instead
    assert read == [b""]


@settings(max_examples=50, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(["a", "\n", "é", "≥", "😀", "\r"]), max_size=40),
       at_once=st.integers(min_value=1, max_value=7))
def test_a_text_written_a_slice_at_a_time_is_the_text(text: str, at_once: int) -> None:
    """``write_text`` encodes a slice at a time (a report of 385 MB was encoded whole): the file holds the text's
    UTF-8 bytes, whatever the slice size and wherever it cuts, newlines as written."""
    from unittest import mock

    from audit import boundary

    with tempfile.TemporaryDirectory() as root, mock.patch.object(boundary, "_WRITTEN_AT_ONCE", at_once):
        boundary.write_text(Path(root), "report.json", text)
        assert (Path(root) / "report.json").read_bytes() == text.encode("utf-8")
