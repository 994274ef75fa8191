"""Sentences and clauses of a story line, as offsets, for the extractor's context windows.

A figure's place, period and measure are read from its clause first, then its sentence. The
split is a single left-to-right pass with a short list of abbreviations ("Mr.", "Jan.") that do
not end a sentence.
"""

from __future__ import annotations

import re

__all__ = ["sentences", "clauses"]

_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                  "sept", "oct", "nov", "dec", "gen", "lt", "col", "sen", "rep", "gov", "u.s", "u.n", "vs", "inc",
                  "corp", "co", "jr", "sr", "prof", "capt", "sgt", "maj"}
_CLAUSE = re.compile(r";|\s[-–—]{1,2}\s|,\s(?=while\b|whereas\b|but\b)|:\s")


#: A run-on "sentence" longer than this is cut at a space, so that work per sentence stays bounded.
MAX_SENTENCE = 2000


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as (start, end) offsets (none longer than ``MAX_SENTENCE``)."""
    spans, begin = [], start
    for match in _END.finditer(text, start, end):
        word = text[max(begin, match.start() - 6):match.start()].split()[-1:] or [""]
        if word[0].casefold().lstrip("(\"") in _ABBREVIATIONS:
            continue
        spans.extend(_bounded(text, begin, match.start() + 1))
        begin = match.end()
    if begin < end:
        spans.extend(_bounded(text, begin, end))
    return spans


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of a sentence: split at semicolons, dashes, colons and ", while"."""
    spans, begin = [], start
    for match in _CLAUSE.finditer(text, start, end):
        spans.append((begin, match.start()))
        begin = match.end()
    spans.append((begin, end))
    return spans
