"""Reading articles: raw page text (.txt), Markdown with YAML front matter (.md), saved HTML (.html).

Every reader returns an ``Article``: the text exactly as the auditor reads it (offsets point into
it) and whatever metadata the file carries. Metadata a file lacks comes from ``case.yaml``.
A file that cannot be read raises ``ArticleProblem``, which the case loader turns into a finding.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

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
    _line_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def with_metadata(self, **values: object) -> Article:
        """Fill metadata the file lacks (the file's own values win)."""
        missing = {k: v for k, v in values.items() if v is not None and getattr(self, k) is None}
        return replace(self, **missing) if missing else self


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8, else the encoding charset-normalizer detects with confidence (cp1252, latin-1 ...)."""
    if not raw.strip():
        raise ArticleProblem(path, None, "is empty: no article text")
    if b"\x00" in raw[:4096]:
        raise ArticleProblem(path, None, "is a binary file, not an article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        detected = _detect(raw)
        if detected is not None:
            return detected
        raise ArticleProblem(
            path, line, f"is not UTF-8 and no other encoding fits: byte 0x{raw[error.start]:02x} at offset {error.start} cannot be decoded"
        ) from None


def _detect(raw: bytes) -> str | None:
    try:  # Windows-1252 first: the usual legacy encoding of English-language news pages
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: without it non-UTF-8 files are reported instead
        return None
    best = from_bytes(raw).best()
    if best is None or best.chaos > 0.2:
        return None
    text = str(best)
    control = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\r\n\t")
    return None if control else text


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
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as error:
            raise ArticleProblem(path, 1, f"front matter is not valid YAML: {error}") from None
        if not isinstance(meta, dict):
            raise ArticleProblem(path, 1, "front matter must be a mapping of title, outlet, url, published")
        text = text[match.end():]
    return Article(
        source=path.stem, path=path, text=text, kind="md",
        title=meta.get("title"), outlet=meta.get("outlet"), url=meta.get("url"),
        published=_as_date(meta.get("published") or meta.get("date")),
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
