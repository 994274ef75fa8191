"""Shared fixtures: building throw-away cases from plain data, and the development corpus."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
#: The shared corpus sits beside the checkout; ``$AUDIT_SHARED`` points elsewhere (a worktree).
SHARED = Path(os.environ.get("AUDIT_SHARED") or REPO.parent / "shared")
CORPUS = SHARED / "corpus" / "dev"
EXAMPLE_CASE = REPO / "cases" / "cambodia-2025-07"

needs_corpus = pytest.mark.skipif(
    not (CORPUS / "GOLD.yaml").is_file(),
    reason=f"the development corpus is not at {CORPUS} (it sits beside the checkout in CI)",
)


def write_case(root: Path, claims: dict[str, list[dict]], *, articles: dict[str, str] | None = None,
               config: dict | None = None) -> Path:
    """A case folder under ``root``: case.yaml, optional articles (source -> Markdown), claims (source -> claims)."""
    root.mkdir(parents=True, exist_ok=True)
    settings = {"title": "test case", "country": "KH", "period": ["2025-07-14", "2025-07-16"], **(config or {})}
    (root / "case.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    if articles:
        (root / "articles").mkdir(exist_ok=True)
        for source, text in articles.items():
            if not text.startswith("---"):  # a date, no title: the text as read is exactly ``text``
                text = f"---\npublished: 2025-07-17\n---\n{text}"
            (root / "articles" / f"{source}.md").write_text(text, encoding="utf-8")
    (root / "claims").mkdir(exist_ok=True)
    for source, items in claims.items():
        data = {"source": source, "reviewed": True, "claims": items}
        (root / "claims" / f"{source}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return root


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch folder holding a copy of the example case under cases/, made the working directory."""
    shutil.copytree(EXAMPLE_CASE, tmp_path / "cases" / EXAMPLE_CASE.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def make_case(tmp_path: Path):
    counter = iter(range(1000))

    def make(claims: dict[str, list[dict]], **options) -> Path:
        return write_case(tmp_path / f"case{next(counter)}", claims, **options)

    return make
