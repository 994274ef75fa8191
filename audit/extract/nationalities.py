"""Who a figure counts: the nationality or sex printed with the number.

For the extractor: ``group_after(text, end, finder)`` reads the words after a number --
"85 Cambodians", "45 women", "more than 200 Vietnamese", "hundreds of foreign nationals" -- and
"75 suspects from Taiwan" (one country after "from"; a list such as "from Vietnam, China and
Myanmar" says where some came from, not who all of them are, so it gives no group).
"""

from __future__ import annotations

import re

from audit.groups import resolve_group

__all__ = ["group_after"]

_WORDS = re.compile(r"\s*([A-Za-z][\w’'-]*)")
_FROM_LIST = re.compile(r"[ ]*from[ ]+((?:the[ ]+)?[A-Z][\w’'-]*(?:[ ][A-Z][\w’'-]*)*)((?:[ ]*,[ ]*|[ ]+and[ ]+)[A-Z])?")
_OF_THEM = re.compile(r"[ ]+(?:of them|of whom|among them)(?:[ ]+(?:were|are))?(?=[ ])", re.IGNORECASE)
_LOWER_GROUPS = {"women", "woman", "men", "man", "children", "child", "girls", "boys", "minors", "foreign", "foreigners",
                 "female", "male", "females", "males", "adults"}


def _token(word: str) -> str | None:
    if word.casefold() in _LOWER_GROUPS:
        return resolve_group(word)
    if word[:1].isupper() and len(word) > 2:
        return resolve_group(word)
    return None


def group_after(text: str, end: int, people_nouns: set[str]) -> tuple[list[str], int]:
    """(group tokens, offset after the words read) for the words following a number."""
    tokens: list[str] = []
    position = end
    among = _OF_THEM.match(text, end, min(len(text), end + 24))
    if among:  # "45 of them women"
        position = among.end()
    for _ in range(2):
        match = _WORDS.match(text, position, min(len(text), position + 40))
        if not match:
            break
        word = match.group(1)
        if word.casefold() == "foreign":
            nxt = _WORDS.match(text, match.end(), min(len(text), match.end() + 30))
            if nxt and nxt.group(1).casefold() in ("nationals", "national", "workers", "citizens"):
                tokens.append("foreign")
                position = nxt.end()
                break
        token = _token(word)
        if token is None:
            if word.casefold() in people_nouns:
                position = match.end()
                break
            if tokens:
                break
            return [], end if not among else end
        if token not in tokens:
            tokens.append(token)
        position = match.end()
    if tokens and not all(t in ("female", "male", "child", "adult", "foreign") for t in tokens):
        return tokens, position
    origin = _FROM_LIST.match(text, position, min(len(text), position + 60))
    if origin and not origin.group(2):
        code = resolve_group(origin.group(1).removeprefix("the ").strip(".,"))
        if code and len(code) == 2 and code.isupper():
            tokens.append(code)
            position = origin.end(1)
    return tokens, position
