"""``check_regular`` while a case is read (``folders_resolved_once``: each folder resolved once, a file that
is no link found by one ``lstat``) gives what it gives file by file: the same resolved path for a file it
reads, the same message for one it refuses (a link out of the case, to nothing, in a loop; a pipe, a folder,
a device), whichever way the case is named (through a link, relatively, with ``..``)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.boundary import OutsideFile, check_regular, folders_resolved_once
from audit.case import load_case


def _outcome(path: Path, root: Path) -> str:
    try:
        return f"read {check_regular(path, root)}"
    except OutsideFile as problem:
        return f"refused {problem.path}: {problem.message}"


@folders_resolved_once
def _outcomes_once(paths: list[Path], root: Path) -> list[str]:
    return [_outcome(path, root) for path in paths]


def _same_either_way(paths: list[Path], root: Path) -> list[str]:
    one_by_one = [_outcome(path, root) for path in paths]
    assert _outcomes_once(paths, root) == one_by_one
    assert _outcomes_once(list(reversed(paths)), root) == list(reversed(one_by_one))  # whichever comes first
    return one_by_one


#: what an entry of claims/ or articles/ may be
_ENTRIES = ["file", "file", "fifo", "folder", "link-inside", "link-sibling", "link-outside", "link-nothing",
            "link-loop", "link-dev-null", "link-folder", "link-chain-out"]
#: what claims/ itself may be
_FOLDERS = ["folder", "folder", "link-inside", "link-outside", "link-to-case"]


def _make(base: Path, folder_kind: str, entries: list[str]) -> Path:
    case, outside = base / "real" / "case", base / "outside"
    (case / "elsewhere").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.yaml").write_text("secret\n")
    (case / "elsewhere" / "kept.yaml").write_text("kept\n")
    (case / "case.yaml").write_text("title: t\n")
    claims = case / "claims"
    if folder_kind == "folder":
        claims.mkdir()
    elif folder_kind == "link-inside":
        claims.symlink_to("elsewhere")
    elif folder_kind == "link-outside":
        claims.symlink_to(outside)
    else:
        claims.symlink_to(".")
    for index, kind in enumerate(entries):
        entry = claims / f"e{index}.yaml"
        if kind == "file":
            entry.write_text("x\n")
        elif kind == "fifo":
            os.mkfifo(entry)
        elif kind == "folder":
            entry.mkdir()
        elif kind == "link-inside":
            entry.symlink_to(case / "elsewhere" / "kept.yaml")
        elif kind == "link-sibling":
            entry.symlink_to("../case.yaml")
        elif kind == "link-outside":
            entry.symlink_to(outside / "secret.yaml")
        elif kind == "link-nothing":
            entry.symlink_to("missing.yaml")
        elif kind == "link-loop":
            entry.symlink_to(entry.name)
        elif kind == "link-dev-null":
            entry.symlink_to("/dev/null")
        elif kind == "link-folder":
            entry.symlink_to(case / "elsewhere")
        else:
            (outside / f"hop{index}").symlink_to(outside / "secret.yaml")
            entry.symlink_to(outside / f"hop{index}")
    (base / "named").symlink_to(base / "real")  # the case reached through a link
    return case


def _names_of_case(base: Path, case: Path) -> list[Path]:
    cwd = Path.cwd()
    relative = Path(os.path.relpath(case, cwd))
    return [case, base / "named" / "case", relative, case / "elsewhere" / "..", Path(str(case) + "/")]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_FOLDERS), st.lists(st.sampled_from(_ENTRIES), min_size=1, max_size=6), st.integers(0, 4))
def test_any_tree_of_links_and_files_is_judged_as_file_by_file(folder_kind, entries, naming):
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        case = _make(base, folder_kind, entries)
        root = _names_of_case(base, case)[naming]
        claims = root / "claims"
        paths = [root / "case.yaml", *(claims / name for name in sorted(os.listdir(claims))),
                 claims / "absent.yaml", claims / ".." / "case.yaml", root / "elsewhere" / "kept.yaml"]
        _same_either_way(paths, root)


def test_each_protection_keeps_its_message(tmp_path: Path):
    entries = ["file", "fifo", "folder", "link-inside", "link-outside", "link-nothing", "link-loop", "link-dev-null",
               "link-folder", "link-chain-out"]
    case = _make(tmp_path, "folder", entries)
    paths = [case / "claims" / f"e{index}.yaml" for index in range(len(entries))]
    outcomes = _same_either_way(paths, case)
    secret = (tmp_path / "outside" / "secret.yaml").resolve()
    assert outcomes[0] == f"read {paths[0].resolve()}"
    assert outcomes[1].endswith("is not a regular file (a named pipe): not read")
    assert outcomes[2].endswith("is not a regular file (a folder): not read")
    assert outcomes[3] == f"read {(case / 'elsewhere' / 'kept.yaml').resolve()}"
    assert outcomes[4].endswith(f"links outside the case (to {secret}): not read")
    assert outcomes[5].endswith("is a symbolic link to nothing")
    assert "cannot be resolved: " in outcomes[6]
    assert outcomes[7].endswith("links outside the case (to /dev/null): not read")
    assert outcomes[8].endswith("is not a regular file (a folder): not read")
    assert outcomes[9].endswith(f"links outside the case (to {secret}): not read")


@pytest.mark.parametrize("folder_kind", ["link-outside", "link-inside", "link-to-case"])
def test_a_folder_that_is_a_link_is_judged_by_where_it_leads(tmp_path: Path, folder_kind: str):
    case = _make(tmp_path, folder_kind, ["file"])
    outcome = _same_either_way([case / "claims" / "e0.yaml"], case)[0]
    if folder_kind == "link-outside":
        assert "links outside the case" in outcome
    else:
        assert outcome.startswith("read ")


def test_a_folder_swapped_for_a_link_between_two_case_reads_is_seen(tmp_path: Path):
    """Folders are trusted only while one case is read: the next read resolves them again."""
    case = _make(tmp_path, "folder", ["file"])
    (tmp_path / "outside" / "e0.yaml").write_text("x\n")
    assert _outcomes_once([case / "claims" / "e0.yaml"], case)[0].startswith("read ")
    (case / "claims" / "e0.yaml").unlink()
    (case / "claims").rmdir()
    (case / "claims").symlink_to(tmp_path / "outside")
    assert "links outside the case" in _outcomes_once([case / "claims" / "e0.yaml"], case)[0]


def test_load_case_reads_its_folders_once_and_refuses_what_it_refused(tmp_path: Path):
    case = tmp_path / "case"
    (case / "articles").mkdir(parents=True)
    (case / "claims").mkdir()
    (case / "case.yaml").write_text("title: t\ncountry: KH\nperiod: ['2025-07-14', '2025-07-16']\n")
    (case / "articles" / "a.md").write_text("---\npublished: 2025-07-17\n---\nPolice held 12 people.\n")
    (tmp_path / "secret.md").write_text("---\npublished: 2025-07-17\n---\nA secret 5.\n")
    (case / "articles" / "b.md").symlink_to(tmp_path / "secret.md")
    os.mkfifo(case / "articles" / "c.md")
    loaded = load_case(case)
    assert sorted(loaded.articles) == ["a"]
    messages = sorted(p.message for p in loaded.problems)
    assert messages == [f"is not a regular file (a named pipe): not read",
                        f"links outside the case (to {(tmp_path / 'secret.md').resolve()}): not read"]
