"""Reading articles: raw page text (.txt), Markdown with YAML front matter (.md), saved HTML (.html).

Every reader returns an ``Article``: the text exactly as the auditor reads it (claim offsets point
into it) and whatever metadata the file carries. Metadata a file lacks comes from ``case.yaml``.
For Markdown the text as read is the front matter's title, a blank line, then the body: a
headline is a figure like any other ("Over 2,100 nabbed in 3 weeks"). ``Article.file_line`` maps
an offset back to the line of the file.
A file that cannot be read raises ``ArticleProblem``, which the case loader turns into a finding;
so does a file outside the case, one that is not a regular file, or one over ``ARTICLE_LIMIT``
(``audit.boundary``). UTF-16 and UTF-32 with a byte-order mark are read as text; a lone ``\r``
ends a line as ``\n`` does (old Mac files), without moving any offset.
"""

from __future__ import annotations

import bisect
import codecs
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from audit.boundary import OutsideFile, read_bytes

__all__ = ["Article", "ArticleProblem", "read_article", "ARTICLE_SUFFIXES", "line_of", "sentence_around", "claim_id_prefix"]

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
    #: (line, message) for what the file lacks but the audit can go on without (no front matter, a date it cannot read)
    warnings: tuple[tuple[int | None, str], ...] = ()

    def file_line(self, offset: int) -> int:
        """The 1-based line of the file that holds ``text[offset]``."""
        if offset < self.body_start and self.title_line is not None:
            return self.title_line
        return self.body_line + line_of(self.text, offset) - line_of(self.text, self.body_start)

    def with_metadata(self, **values: object) -> Article:
        """Fill metadata the file lacks (the file's own values win)."""
        missing = {k: v for k, v in values.items() if v is not None and getattr(self, k) is None}
        return replace(self, **missing) if missing else self


def claim_id_prefix(source: str) -> str:
    """A source id as the start of its claims' ids, which are ASCII letters, digits and ``._:-``
    (an article named "Khmer Times é.md" has claims "Khmer-Times-e-001", ...)."""
    folded = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._:-]+", "-", folded).strip("-._:") or "claim"


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 text; anything else is reported with the first byte that fails and the encoding it looks like.

    Legacy encodings are guessed, not trusted: Windows-1250 and 1252 differ only in letters, so a
    silent guess could change a place name. The message says what to convert the file from.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise ArticleProblem(path, None, f"is not valid {encoding.upper()}: {error.reason} at byte {error.start + len(bom)}") from None
            if not text.strip():
                raise ArticleProblem(path, None, "is empty: no article text")
            return text
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


#: byte-order marks of the encodings read besides UTF-8 (UTF-32 first: its little-endian mark starts like UTF-16's)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


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


#: front matter keys read, and the type each must have
_META_TYPES = {"title": (str, int, float), "outlet": (str,), "url": (str,), "published": (str, dt.date), "date": (str, dt.date)}


def _read_markdown(path: Path, text: str) -> Article:
    match = _FRONT_MATTER.match(text)
    meta: dict = {}
    body, body_line, title_line = text, 1, None
    warnings: list[tuple[int | None, str]] = []
    if not match:
        warnings.append((1, "has no front matter: start the file with a '---' block giving title, outlet, url and "
                            "published (see 'Articles' in the README); without it the story has no headline, "
                            "outlet or date"))
    if match:
        meta = _front_matter(path, match.group(1))
        body = text[match.end():]
        body_line = text[: match.end()].count("\n") + 1
        found = re.search(r"^title\s*:", match.group(1), re.MULTILINE)
        title_line = match.group(1)[: found.start()].count("\n") + 2 if found else None
    title = str(meta["title"]).strip() if meta.get("title") else None
    head = f"{title}\n\n" if title else ""
    raw_date = meta.get("published") or meta.get("date")
    published = _as_date(raw_date)
    if raw_date is not None and published is None:
        key = "published" if meta.get("published") else "date"
        found = re.search(rf"^{key}\s*:", match.group(1), re.MULTILINE) if match else None
        line = match.group(1)[: found.start()].count("\n") + 2 if found else 1
        warnings.append((line, f"{key}: {raw_date!r} is not a date: write it as YYYY-MM-DD"))
    return Article(
        source=path.stem, path=path, text=head + body, kind="md",
        title=title, outlet=meta.get("outlet"), url=meta.get("url"),
        published=published,
        body_start=len(head), title_line=title_line, body_line=body_line, warnings=tuple(warnings),
    )


def _front_matter(path: Path, block: str) -> dict:
    """The front matter's mapping, its values checked: a wrong type or an impossible date is an
    ``ArticleProblem`` at its line, never an exception from deep in the reader."""
    from audit.yamlscalars import load_checked

    meta, line, message = load_checked(block)
    if message is not None:
        raise ArticleProblem(path, None if line is None else line + 2, f"front matter: {message}")
    meta = meta or {}
    if not isinstance(meta, dict):
        raise ArticleProblem(path, 2, "front matter must be a mapping of title, outlet, url, published")
    for key, types in _META_TYPES.items():
        value = meta.get(key)
        if value is not None and not isinstance(value, types):  # its line looked for only then
            found = re.search(rf"^{key}\s*:", block, re.MULTILINE)
            line = block[: found.start()].count("\n") + 2 if found else 2
            raise ArticleProblem(path, line, f"front matter: {key} must be {'a date' if key in ('published', 'date') else 'text'}, "
                                             f"got {value!r}")
        # a date that cannot be read is an INPUT012 warning (the story is still read, without a date): see _read_markdown
    return meta


def read_article(path: Path, root: Path | None = None) -> Article:
    """Read one article file; raises ArticleProblem when it cannot be read as text, or when it is not a
    regular file (inside the case folder ``root``, when given)."""
    try:
        raw = read_bytes(path, root)
    except OutsideFile as problem:
        raise ArticleProblem(path, None, problem.message) from None
    text = _lone_cr_as_newline(_decode(path, raw))
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        return _read_markdown(path, text)
    if suffix in (".html", ".htm"):
        from audit.sources.html import read_html  # trafilatura is heavy: import only for HTML

        return read_html(path, text)
    from audit.extract.extent import printed_date  # raw page text may print its date alone on a line

    return Article(source=path.stem, path=path, text=text, kind="txt", published=printed_date(text))


def _lone_cr_as_newline(text: str) -> str:
    """Old Mac files end lines with ``\r`` alone: read it as ``\n`` (same length, so offsets hold)."""
    return re.sub(r"\r(?!\n)", "\n", text) if "\r" in text else text


#: texts whose line starts and sentence breaks are kept: findings are listed rule by rule, each rule going
#: through every case, so an audit of thousands of articles comes back to each once per rule
_TEXTS_KEPT = 4096


@functools.lru_cache(maxsize=_TEXTS_KEPT)
def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


#: an offset up to this far into a text has its line counted (``str.count`` of the newlines before it, in C);
#: one further in is looked up in the text's line starts, found once and kept
_COUNTED_LINES = 16_384


def line_of(text: str, offset: int) -> int:
    """1-based line of a character offset in ``text`` (as read, after front matter): the newlines before it
    counted, or, far into a text, a binary search in its line starts (found once per text)."""
    if 0 <= offset <= _COUNTED_LINES:
        return text.count("\n", 0, offset) + 1
    return bisect.bisect_right(_line_starts(text), offset)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n|\n")
#: the same breaks, each found with the stop before it (``re`` then looks for ``.!?`` or a newline, not for a
#: lookbehind at every character): a match that starts with a stop is a break one character later. A break
#: never ends with a stop, so the stop is never inside the break before it: the breaks are the same
_STOP_AND_BREAK = re.compile(r"[.!?][\"'”’)]*\s+|\n\s*\n|\n")


@functools.lru_cache(maxsize=_TEXTS_KEPT)
def _sentence_breaks(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence break of ``text`` (``_SENTENCE_END``) starts and ends, found once per text (quotes
    look up by index)."""
    starts, ends = [], []
    for start, end in _breaks_from(text, 0):
        starts.append(start)
        ends.append(end)
    return starts, ends


def _breaks_from(text: str, at: int) -> Iterator[tuple[int, int]]:
    """Where each sentence break of ``text`` from offset ``at`` on starts and ends (``at``: 0, or a point no break
    crosses, as ``_breaks_near`` picks it)."""
    for match in _STOP_AND_BREAK.finditer(text, at):
        start = match.start()
        yield (start if text[start] == "\n" else start + 1), match.end()


#: how far before a quote its sentence's start is looked for by a scan of the text near it (``_breaks_near``),
#: going back this many characters at a time; a text with no break in that stretch has all its breaks found
#: once and kept
_NEAR = 2_048
_NEAR_STEP = 256


def _breaks_near(text: str, start: int, end: int) -> tuple[list[int], list[int]] | None:
    """The sentence breaks of ``text`` from shortly before ``start`` to the first one starting at or after
    ``end`` (or to the end of the text), with the last one ending at or before ``start`` among them: the same
    breaks ``_sentence_breaks`` finds there. None where that one lies more than ``_NEAR`` characters back.

    The scan begins just after a letter or a digit (or at offset 0): no break holds one (a break is a stop,
    quotes and whitespace, or newlines and whitespace), so no break a scan from offset 0 finds crosses that
    point, and from there both scans find the same breaks."""
    floor = max(0, start - _NEAR)
    at = start
    while True:
        at = max(floor, at - _NEAR_STEP)
        while at > floor and not text[at - 1].isalnum():
            at -= 1
        if at > 0 and not text[at - 1].isalnum():  # no letter or digit to begin after within reach
            return None
        starts, ends = [], []
        for begin, finish in _breaks_from(text, at):
            starts.append(begin)
            ends.append(finish)
            if begin >= end:
                break
        if at == 0 or (ends and ends[0] <= start):
            return starts, ends
        if at == floor:
            return None


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence that holds ``text[start:end]``: a binary search in the sentence breaks
    near it (``_breaks_near``), or in all the text's, found once per text, where its sentence starts further
    back; never a scan from the text's first character for each quote (an article of N figures costs N log N).
    Where a break straddles ``start`` or ``end`` (whitespace quoted), the few characters of that break
    are scanned as a scan from the start would, so the answer is always the same."""
    near = _breaks_near(text, start, end) if 0 <= start <= end <= len(text) else None
    starts, ends = near if near is not None else _sentence_breaks(text)
    before = bisect.bisect_right(ends, start) - 1  # the last break ending at or before ``start``
    begin = ends[before] if before >= 0 else 0
    if before + 1 < len(starts) and starts[before + 1] < start:  # the next break holds ``start``
        for match in _SENTENCE_END.finditer(text, begin, start):
            begin = match.end()
    after = bisect.bisect_left(starts, end)  # the first break starting at or after ``end``
    if after > 0 and starts[after - 1] < end < ends[after - 1]:  # a break holds ``end``
        match = _SENTENCE_END.search(text, end)
        return begin, match.start() if match else len(text)
    return begin, starts[after] if after < len(starts) else len(text)
