"""``find_cases`` walks folders by ``scandir`` and finds the case folders ``rglob("case.yaml")`` finds, in the same
order: nested and hidden folders, links to folders (not followed), to files, to nothing, a folder named case.yaml."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.case import CASE_FILE, find_cases

_NAMES = st.sampled_from(["a", "b", ".hidden", "a-b", "A", "claims", "x y"])
#: (kind, folder path as names, name): kinds are a folder, a case.yaml, a folder named case.yaml, another file, and
#: links to a folder, to a case.yaml, to nothing
_ITEMS = st.lists(st.tuples(st.sampled_from(["folder", "case", "case-folder", "file", "link-folder", "link-case",
                                             "link-nothing", "link-up"]),
                            st.lists(_NAMES, max_size=3), _NAMES), max_size=14)


def _build(root: Path, items) -> None:
    for kind, parts, name in items:
        folder = root.joinpath(*parts)
        if any(p.is_symlink() or p.exists() and not p.is_dir() for p in [folder, *folder.parents]):
            continue
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / (CASE_FILE if kind in ("case", "case-folder", "link-case") else name)
        if target.exists() or target.is_symlink():
            continue
        if kind == "folder":
            target.mkdir()
        elif kind == "case-folder":
            target.mkdir()
        elif kind in ("case", "file"):
            target.write_text("title: x\n")
        elif kind == "link-folder":
            os.symlink(root, target)
        elif kind == "link-up":
            os.symlink("..", target)
        elif kind == "link-case":
            outside = root / "outside"
            outside.mkdir(exist_ok=True)
            (outside / CASE_FILE).write_text("title: y\n")
            os.symlink(outside / CASE_FILE, target)
        else:
            os.symlink(root / "nowhere", target)


@settings(max_examples=150, deadline=None)
@given(_ITEMS, st.lists(_NAMES, max_size=2))
def test_the_walk_finds_what_rglob_finds(items, start):
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        _build(root, items)
        path = root.joinpath(*start)
        if not path.is_dir():
            return
        expected = [path] if (path / CASE_FILE).is_file() else sorted(p.parent for p in path.rglob(CASE_FILE))
        assert find_cases(path) == expected


def test_cases_are_in_path_order_not_text_order(tmp_path):
    for name in ("a-b", "a/b", "a/c", "b"):
        (tmp_path / name).mkdir(parents=True, exist_ok=True)
        (tmp_path / name / CASE_FILE).write_text("title: x\n")
    assert [p.relative_to(tmp_path).as_posix() for p in find_cases(tmp_path)] == ["a/b", "a/c", "a-b", "b"]
