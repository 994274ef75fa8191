"""Who a figure counts: the nationality or sex printed with the number.

For the extractor: ``group_after(text, end, finder)`` reads the words after a number --
"85 Cambodians", "45 women", "more than 200 Vietnamese", "hundreds of foreign nationals" -- and
"75 suspects from Taiwan", "five from Iran", "four each from China and Iran", "two from the United
States and Japan", "40 workers from Laos, Nepal and India" (a list gives every country of it: the group
is where the people counted come from, all of them from one of these), "97 were female", "106 are women"
(a sex after the verb), "an 82-member Chinese team" (the size of a team before who it is), and "women
(102)" (a count in brackets after who is counted: ``group_before_bracket``).
"""

from __future__ import annotations

import re

from audit.extract.guard import caseless
from audit.groups import resolve_group

__all__ = ["group_after", "group_before_bracket"]

_WORDS = re.compile(r"\s*([A-Za-z][\w’'-]*)")
_FROM = re.compile(r"[ ]*(?:each[ ]+)?from[ ]+")
_COUNTRY = re.compile(r"(?:the[ ]+)?([A-Z][\w’'-]*(?:[ ](?:of[ ]|the[ ])?[A-Z][\w’'-]*)*)")
_LIST_GLUE = re.compile(r"[ ]*,?[ ]*(?:and[ ]+)?")
_SEX_AFTER_VERB = re.compile(r"[ ]+(?:were|are|was|is)[ ]+(women|men|female|male|females|males|girls|boys|children|minors)\b",
                             re.IGNORECASE)
_PEOPLE_AFTER_VERB = re.compile(r"[ ]+(?:were|are)[ ]+([A-Z][a-z]+(?:s|ese))\b")  # "323 were Egyptians", "... Chinese"
_OF_THEM = caseless(re.compile(r"[ ]+(?:of them|of whom|among them)(?:[ ]+(?:were|are))?(?=[ ])", re.IGNORECASE))
_LOWER_GROUPS = {"women", "woman", "men", "man", "children", "child", "girls", "boys", "minors", "foreign", "foreigners",
                 "female", "male", "females", "males", "adults"}


def _token(word: str) -> str | None:
    if word.casefold() in _LOWER_GROUPS:
        return resolve_group(word)
    if word[:1].isupper() and len(word) > 2:
        return resolve_group(word)
    return None


def _countries_from(text: str, position: int) -> tuple[list[str], int]:
    """The countries listed after "from" ("from China and Iran", "from the United States, France and Japan")."""
    opener = _FROM.match(text, position, min(len(text), position + 12))
    if not opener:
        return [], position
    codes: list[str] = []
    cursor = opener.end()
    while True:
        match = _COUNTRY.match(text, cursor, min(len(text), cursor + 60))
        code = _country_code(match.group(1)) if match else None
        if code is None:
            break
        codes.append(code)
        cursor = match.end()
        glue = _LIST_GLUE.match(text, cursor, min(len(text), cursor + 8))
        if not glue or glue.end() == cursor or not text[glue.end():glue.end() + 1].isupper():
            break
        cursor = glue.end()
    return codes, (cursor if codes else position)


def _country_code(name: str) -> str | None:
    """The alpha-2 code of a country named (longest prefix of the capitalised words that names one)."""
    words = name.strip(".,").split(" ")
    for size in range(len(words), 0, -1):
        code = resolve_group(" ".join(words[:size]).strip(".,"))
        if code and len(code) == 2 and code.isupper():
            return code
    return None


_SIZE_OF = re.compile(r"-(?:member|strong|person|people|man)\b")  # "an 82-member Chinese rescue team"
_IN_BRACKETS = re.compile(r"([A-Za-z][\w’'-]*) \($")


def group_before_bracket(text: str, start: int, end: int) -> list[str]:
    """"women (102)", "Iranians (5)": the group a count in brackets stands for, named right before the bracket."""
    if not text.startswith(")", end) or text[max(0, start - 2):start] != " (":
        return []  # the quick test first: most figures stand in no brackets
    match = _IN_BRACKETS.search(text, max(0, start - 40), start)
    if not match:
        return []
    token = _token(match.group(1))
    return [token] if token else []


def group_after(text: str, end: int, people_nouns: set[str]) -> tuple[list[str], int]:
    """(group tokens, offset after the words read) for the words following a number."""
    size = _SIZE_OF.match(text, end, min(len(text), end + 8))
    end = size.end() if size else end
    codes, after = _countries_from(text, end)  # "five from Iran", "four each from China and Iran"
    if codes:
        return list(dict.fromkeys(codes)), after
    sex = _SEX_AFTER_VERB.match(text, end, min(len(text), end + 24))  # "97 were female"
    if sex:
        return [resolve_group(sex.group(1))], sex.end()
    people = _PEOPLE_AFTER_VERB.match(text, end, min(len(text), end + 40))  # "323 were Egyptians"
    if people and (code := resolve_group(people.group(1))) and len(code) == 2 and code.isupper():
        return [code], people.end()
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
    codes, after = _countries_from(text, position)  # "75 suspects from Taiwan"
    if codes:
        tokens.extend(c for c in codes if c not in tokens)
        position = after
    return tokens, position
