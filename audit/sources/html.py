"""Saved HTML pages: the main text and metadata through trafilatura.

The text as read is the page's title, a blank line, then the story trafilatura finds (scripts,
styles, navigation and comments left out), like a Markdown article with front matter.
"""

from __future__ import annotations

from pathlib import Path

from audit.sources import Article, ArticleProblem, _as_date


def read_html(path: Path, html: str) -> Article:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise ArticleProblem(path, None, "no article text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    title = meta.title.strip() if meta and meta.title else None
    # as for Markdown: the title, a blank line, the body, so a headline's figures are claims too
    head = f"{title}\n\n" if title and not text.startswith(title) else ""
    body_start = len(head) if head else (len(title) if title else 0)  # the page's own <h1> may lead the text
    return Article(
        source=path.stem, path=path, text=head + text, kind="html", body_start=body_start,
        title=title,
        outlet=(meta.sitename if meta else None),
        url=(meta.url if meta else None),
        published=_as_date(meta.date) if meta and meta.date else None,
    )
