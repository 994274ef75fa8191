"""Whether the reports folder (or the cache) lies inside an audited case is found from its own ancestors:
the same answer as looking through every case below the audited paths, without walking them."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.boundary import case_holding, case_holding_under
from audit.case import find_cases

_DIRS = ["a", "a/b", "a/b/c", "a/d", "e", "e/f", "a/b/c/g"]


@settings(max_examples=80, deadline=None)
@given(cases=st.sets(st.sampled_from(["", *_DIRS])), audited=st.lists(st.sampled_from(["", "a", "a/b", "e"]), min_size=1, max_size=3),
       target=st.sampled_from(["", *_DIRS, "a/b/reports/.audit_cache", "reports", "e/f/x"]))
def test_the_case_holding_a_folder_is_found_from_its_ancestors(cases: set[str], audited: list[str], target: str) -> None:
    root = Path(tempfile.mkdtemp())
    try:
        for folder in _DIRS:
            (root / folder).mkdir(parents=True, exist_ok=True)
        for case in cases:
            (root / case / "case.yaml").write_text("title: t\n")
        paths = [root / p for p in audited]
        by_walking = case_holding(root / target, [c for p in paths if p.is_dir() for c in find_cases(p)])
        found = case_holding_under(root / target, paths)
        assert (found is None) == (by_walking is None)
        if found is not None:
            assert found.resolve() == by_walking.resolve()
    finally:
        shutil.rmtree(root)
