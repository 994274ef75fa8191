"""``audit add CASE URL``: fetch a page and store its story text and metadata in the case.

For users adding a new article to a case. The page is fetched with trafilatura's fetcher, its
main text and metadata (title, site name, date) extracted by trafilatura, and written as
``articles/<published>-<slug>.md`` with YAML front matter, which ``audit.sources`` reads like
any other article. An existing file is never overwritten. ``fetch`` may be replaced (tests pass
a function returning saved HTML, so they never touch the network).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import yaml

from audit.boundary import write_text
from audit.errors import AuditError
from audit.sources import _as_date

__all__ = ["add_url", "add_file", "article_markdown"]


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60].rstrip("-") or "article"


def _fetch(url: str) -> str | None:
    import trafilatura

    return trafilatura.fetch_url(url)


def article_markdown(html: str, url: str | None, where: str | None = None) -> tuple[str, dict]:
    """(Markdown with front matter, metadata) for a page's HTML; raises AuditError when it holds no story.

    ``url``: the page's address (for a saved page: None, then the page's own canonical link if it has one)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise AuditError(f"{where or url}: no article text found on the page")
    meta = trafilatura.extract_metadata(html)
    front = {
        "title": meta.title if meta and meta.title else None,
        "outlet": meta.sitename if meta and meta.sitename else None,
        "url": url or (meta.url if meta and meta.url and re.match(r"^https?://", meta.url) else None),
        "published": _as_date(meta.date) if meta and meta.date else None,
    }
    front = {k: v for k, v in front.items() if v is not None}
    header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True).strip()
    return f"---\n{header}\n---\n{text.strip()}\n", front


def add_url(case_path: Path, url: str, fetch: Callable[[str], str | None] = _fetch) -> Path:
    """Fetch ``url`` and store it in ``case_path/articles``; returns the new file's path."""
    case_path = Path(case_path)
    if not (case_path / "case.yaml").is_file():
        raise AuditError(f"{case_path}: not a case folder: no case.yaml")
    if not re.match(r"^https?://", url):
        raise AuditError(f"{url!r} is not an http(s) URL")
    html = fetch(url)
    if not html:
        raise AuditError(f"{url}: the page could not be fetched")
    content, front = article_markdown(html, url)
    stem = "-".join(p for p in (str(front.get("published") or ""), _slug(front.get("title") or url.rsplit("/", 1)[-1])) if p)
    return _store(case_path, stem, ".md", content)


def _store(case_path: Path, stem: str, suffix: str, content: str) -> Path:
    articles = case_path / "articles"
    articles.mkdir(exist_ok=True)
    target, number = articles / f"{stem}{suffix}", 2
    while os.path.lexists(target):  # a dangling link counts as taken: writing through it would leave the case
        target, number = articles / f"{stem}-{number}{suffix}", number + 1
    return write_text(articles, target.name, content)


def add_file(case_path: Path, file: Path) -> Path:
    """Store a saved page (.html: its story as Markdown with front matter) or an article file (.md, .txt: copied)."""
    from audit.sources import ARTICLE_SUFFIXES, ArticleProblem, _decode

    case_path, file = Path(case_path), Path(file)
    if not (case_path / "case.yaml").is_file():
        raise AuditError(f"{case_path}: not a case folder: no case.yaml")
    if not file.is_file():
        raise AuditError(f"{file}: no such file")
    suffix = file.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise AuditError(f"{file}: not an article: expected one of {', '.join(ARTICLE_SUFFIXES)}")
    try:
        text = _decode(file, file.read_bytes())
    except ArticleProblem as problem:
        raise AuditError(f"{file}: {problem.message}") from None
    if suffix in (".html", ".htm"):
        content, front = article_markdown(text, None, where=str(file))
        stem = "-".join(p for p in (str(front.get("published") or ""), _slug(front.get("title") or file.stem)) if p)
        return _store(case_path, stem, ".md", content)
    return _store(case_path, _slug(file.stem), suffix, text)
