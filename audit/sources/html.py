"""Saved HTML pages: the main text and metadata through trafilatura."""

from __future__ import annotations

from pathlib import Path

from audit.sources import Article, ArticleProblem, _as_date


def read_html(path: Path, html: str) -> Article:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise ArticleProblem(path, None, "no article text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    return Article(
        source=path.stem, path=path, text=text, kind="html",
        title=meta.title if meta else None,
        outlet=(meta.sitename if meta else None),
        url=(meta.url if meta else None),
        published=_as_date(meta.date) if meta and meta.date else None,
    )
