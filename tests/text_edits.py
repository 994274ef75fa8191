"""Random edits of a text for property tests of the YAML fast paths: each edit inserts a piece, deletes
as many characters as a piece has, or indents the line by one more space."""

from __future__ import annotations

from hypothesis import strategies as st


def edits(text: str, pieces: list[str]) -> st.SearchStrategy[list[tuple[int, str, int]]]:
    """One to three edits (where, piece, how) of ``text``."""
    return st.lists(st.tuples(st.integers(0, len(text)), st.sampled_from(pieces), st.integers(0, 2)),
                    min_size=1, max_size=3)


def edited(text: str, changes: list[tuple[int, str, int]]) -> str:
    """``text`` with the edits made in turn."""
    for where, piece, how in changes:
        where = min(where, len(text))
        if how == 0:
            text = text[:where] + piece + text[where:]
        elif how == 1:
            text = text[:where] + text[where + len(piece):]
        else:  # re-indent the line there by a space
            start = text.rfind("\n", 0, where) + 1
            text = text[:start] + " " + text[start:]
    return text
