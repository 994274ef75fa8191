"""The story's extent in raw page text: which lines are the story, which are site chrome.

For the extractor: pages captured as text carry navigation ("Jump to content"), image file
names, comment boxes, "Related Articles" with other stories and counters ("0 members"). Figures
there are not figures of the story. The story starts at its headline (the first line of at least
four words) and ends at the first line that opens the page's furniture (``END_MARKERS``).
Inside it, lines that are file names or short labels are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["Line", "story_lines", "printed_date", "END_MARKERS"]

#: A line that starts with one of these (case-insensitive) ends the story.
END_MARKERS = (
    "related articles", "related stories", "related posts", "related:", "more from", "more stories",
    "read more", "read next", "you may also like", "recommended for you", "comments", "no comments yet",
    "leave a comment", "create an account or sign in", "you need to be a member", "recently browsing",
    "try our ai features", "download the app", "share this article", "sign up for our newsletter",
    "subscribe to our newsletter", "most popular", "trending now", "popular posts", "most read", "latest news",
    "more on this story", "top stories", "editor's picks", "you might also like", "related coverage", "see also",
    "follow us", "about the author", "tags:",
)
#: A line that starts with one of these is site furniture, never the headline.
START_CHROME = ("skip to", "jump to", "menu", "sign in", "log in", "subscribe", "search", "home ", "advertisement",
                "cookie", "accept", "share", "posted", "recommended")
_FILE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg|avif|bmp)(?:\.\S*)?$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\W{0,3}(\d{4})-(\d{2})-(\d{2})\W{0,3}$")
_STAMP = re.compile(r"^(?:published|updated|posted|first published)(?: on)?:?\s+(.{6,40})$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
_MENU = re.compile(r"\S(?: {2,}|\t| \| | · )\S.*\S(?: {2,}|\t| \| | · )\S")  # "Home  News  Sport": navigation


@dataclass(frozen=True)
class Line:
    """A line of the story: offsets into the article text and whether it is the headline."""

    start: int
    end: int
    role: str  # headline | body


def _lines(text: str):
    start = 0
    for match in re.finditer(r"\n", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _is_paragraph(line: str) -> bool:
    return len(_WORD.findall(line)) >= 12 and line.rstrip().endswith((".", "!", "?", '"', "”", "’"))


def _is_headline(line: str) -> bool:
    folded = line.casefold()
    return (len(_WORD.findall(line)) >= 4 and not _MENU.search(line) and not _FILE_NAME.match(line)
            and not folded.startswith(START_CHROME) and not line.rstrip().endswith((".", "!", "?")))


def story_lines(text: str, kind: str = "txt", body_start: int = 0) -> list[Line]:
    """The lines of ``text`` that belong to the story, in order.

    ``kind`` is the reader's kind: in raw page text (``txt``) the story starts at its headline,
    the nearest title-like line before the first paragraph; Markdown and HTML bodies are already
    the story, so only the end markers and file names apply; text before ``body_start`` (the
    title a reader put in front of the body) is the headline.
    """
    raw = [(start + len(text[start:end]) - len(text[start:end].lstrip()), start + len(text[start:end].rstrip()))
           for start, end in _lines(text) if text[start:end].strip()]
    first = 0
    if kind == "txt":
        body = next((i for i, (s, e) in enumerate(raw) if _is_paragraph(text[s:e])), None)
        if body is None:
            body = next((i for i, (s, e) in enumerate(raw) if _is_headline(text[s:e])), len(raw))
            first = body
        else:
            first = next((i for i in range(body - 1, max(-1, body - 12), -1) if _is_headline(text[raw[i][0]:raw[i][1]])), body)
    lines: list[Line] = []
    previous = ""
    for index in range(first, len(raw)):
        start, end = raw[index]
        stripped = text[start:end]
        folded = " ".join(stripped.casefold().split())
        if folded.startswith(END_MARKERS):
            if any(line.role == "body" for line in lines):
                break
            continue  # "Comments (3)" between headline and story: a label, not the end
        if _FILE_NAME.match(stripped) or folded == previous:
            continue
        previous = folded
        if kind != "txt" and start < body_start:
            lines.append(Line(start, end, "headline"))
            continue
        if kind == "txt" and index == first:
            lines.append(Line(start, end, "headline" if not _is_paragraph(stripped) else "body"))
            continue
        if not stripped.endswith((".", "!", "?", '"', "”")) and len(_WORD.findall(stripped)) <= 3:
            continue  # a label: "Posted", "ABC/AFP", "logo"
        lines.append(Line(start, end, "body"))
    return lines


def printed_date(text: str) -> dt.date | None:
    """A publication date printed on a line of its own ("-2025-07-17", "Published 14 March 2024"), if any."""
    for start, end in _lines(text):
        line = text[start:end].strip()
        match = _ISO_DATE.match(line)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
        stamp = _STAMP.match(line)
        if stamp:
            from audit.extract.periods import period_in  # full dates only: no publication date to resolve against

            found = period_in(stamp.group(1), 0, len(stamp.group(1)), None)
            if found and re.search(r"\d{4}", stamp.group(1)):
                return found[0]
    return None
