"""Reading articles: raw page text (.txt), Markdown with YAML front matter (.md), saved HTML (.html).

Every reader returns an ``Article``: the text exactly as the auditor reads it (claim offsets point
into it) and whatever metadata the file carries. Metadata a file lacks comes from ``case.yaml``.
For Markdown the text as read is the front matter's title, a blank line, then the body: a
headline is a figure like any other ("Over 2,100 nabbed in 3 weeks"). ``Article.file_line`` maps
an offset back to the line of the file.
A file that cannot be read raises ``ArticleProblem``, which the case loader turns into a finding.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from audit.yamlfile import YamlProblem, parse_yaml

__all__ = ["Article", "ArticleProblem", "read_article", "ARTICLE_SUFFIXES", "line_of", "sentence_around"]

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.DOTALL)


class ArticleProblem(Exception):
    def __init__(self, path: Path, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class Article:
    source: str  # the file's stem: the source id claims refer to
    path: Path
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    kind: str = "txt"
    body_start: int = 0  # offset in ``text`` where the body begins (after a Markdown title)
    title_line: int | None = None  # the file line holding the title (Markdown front matter)
    body_line: int = 1  # the file line where the body begins

    def file_line(self, offset: int) -> int:
        """The 1-based line of the file that holds ``text[offset]``."""
        if offset < self.body_start and self.title_line is not None:
            return self.title_line
        return self.body_line + line_of(self.text, offset) - line_of(self.text, self.body_start)

    def with_metadata(self, **values: object) -> Article:
        """Fill metadata the file lacks (the file's own values win)."""
        missing = {k: v for k, v in values.items() if v is not None and getattr(self, k) is None}
        return replace(self, **missing) if missing else self


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 text; anything else is reported with the first byte that fails and the encoding it looks like.

    Legacy encodings are guessed, not trusted: Windows-1250 and 1252 differ only in letters, so a
    silent guess could change a place name. The message says what to convert the file from.
    """
    if not raw.strip():
        raise ArticleProblem(path, None, "is empty: no article text")
    if b"\x00" in raw[:4096]:
        raise ArticleProblem(path, None, "is a binary file, not an article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        guess = _guess_encoding(raw)
        hint = f" (it looks like {guess}: convert it to UTF-8)" if guess else ""
        raise ArticleProblem(
            path, line, f"is not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start} cannot be decoded{hint}"
        ) from None


def _guess_encoding(raw: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: without it the message names the byte only
        return None
    best = from_bytes(raw).best()
    return None if best is None else best.encoding


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _read_markdown(path: Path, text: str) -> Article:
    match = _FRONT_MATTER.match(text)
    meta: dict = {}
    body, body_line, title_line = text, 1, None
    if match:
        try:
            meta = parse_yaml(match.group(1), path)[0] or {}
        except YamlProblem as problem:  # libyaml, with the alias and depth limits of claim files
            raise ArticleProblem(path, 1 + (problem.line or 0), f"front matter {problem.message}") from None
        if not isinstance(meta, dict):
            raise ArticleProblem(path, 1, "front matter must be a mapping of title, outlet, url, published")
        body = text[match.end():]
        body_line = text[: match.end()].count("\n") + 1
        found = re.search(r"^title\s*:", match.group(1), re.MULTILINE)
        title_line = match.group(1)[: found.start()].count("\n") + 2 if found else None
    title = str(meta["title"]).strip() if meta.get("title") else None
    head = f"{title}\n\n" if title else ""
    return Article(
        source=path.stem, path=path, text=head + body, kind="md",
        title=title, outlet=meta.get("outlet"), url=meta.get("url"),
        published=_as_date(meta.get("published") or meta.get("date")),
        body_start=len(head), title_line=title_line, body_line=body_line,
    )


def read_article(path: Path) -> Article:
    """Read one article file; raises ArticleProblem when it cannot be read as text."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ArticleProblem(path, None, f"cannot read: {error.strerror}") from None
    text = _decode(path, raw)
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        return _read_markdown(path, text)
    if suffix in (".html", ".htm"):
        from audit.sources.html import read_html  # trafilatura is heavy: import only for HTML

        return read_html(path, text)
    from audit.extract.extent import printed_date  # raw page text may print its date alone on a line

    return Article(source=path.stem, path=path, text=text, kind="txt", published=printed_date(text))


def line_of(text: str, offset: int) -> int:
    """1-based line of a character offset in ``text`` (as read, after front matter)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return bisect.bisect_right(starts, offset)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n|\n")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence that holds ``text[start:end]``."""
    begin = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        begin = match.end()
    match = _SENTENCE_END.search(text, end)
    return begin, match.start() if match else len(text)
