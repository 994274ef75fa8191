"""A quicker search for word-list patterns: the same matches, positions that cannot start one skipped.

Python's ``re`` tries a pattern such as ``\\b(?:hospital|morgue|camp|...)\\b`` at every position of
the text, running the whole alternation each time. ``guarded(pattern)`` works out the characters a
match can begin with (the first letter of every alternative, read from the parsed pattern) and puts
a look-ahead for them in front, with the same flags: positions that cannot begin a match fail on
one character test. The matches are the same by construction (the look-ahead consumes nothing and
admits every first character a match can have); a pattern whose first characters cannot be read
(an optional first part, a character class, a look-behind) is returned as it is.
"""

from __future__ import annotations

import re
from re import _constants as sre_constants  # the parsed form of a pattern: read, never changed
from re import _parser as sre_parser

__all__ = ["guarded"]


def guarded(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` with a look-ahead for the characters its matches can begin with (or ``pattern`` itself)."""
    firsts = _first_characters(list(sre_parser.parse(pattern.pattern, pattern.flags)))
    if not firsts:
        return pattern
    letters = "".join(re.escape(c) for c in sorted(firsts))
    return re.compile(f"(?=[{letters}])(?:{pattern.pattern})", pattern.flags)


#: The characters a lower-case ASCII letter matches under ``re.IGNORECASE`` (``re``'s own folding: "k" also
#: matches the Kelvin sign, "s" the long s, "i" the dotted capital and the dotless small i); the other ASCII
#: letters match their two cases. ``tests/extraction/test_guard.py`` checks this against every code point.
_FOLDS = {c: c + c.upper() for c in "abcdefghijklmnopqrstuvwxyz"}
_FOLDS.update({"i": "iI\u0130\u0131", "k": "kK\u212a", "s": "sS\u017f"})
_ORIGINAL: dict[re.Pattern, re.Pattern] = {}
_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: r"\d", sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_SPACE: r"\s", sre_constants.CATEGORY_NOT_SPACE: r"\S",
    sre_constants.CATEGORY_WORD: r"\w", sre_constants.CATEGORY_NOT_WORD: r"\W",
}
_AT = {sre_constants.AT_BEGINNING: "^", sre_constants.AT_BEGINNING_STRING: r"\A", sre_constants.AT_BOUNDARY: r"\b",
       sre_constants.AT_NON_BOUNDARY: r"\B", sre_constants.AT_END: "$", sre_constants.AT_END_STRING: r"\Z"}


class _Unknown(Exception):
    """A part of a pattern ``caseless`` does not rewrite: the pattern is kept as it is."""


def caseless(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` (case-blind) written case-sensitively, with the same matches: every letter compared case-blind
    becomes the class of the characters ``re`` would match it with ("a" -> "[aA]", "k" -> "[kKK]"). ``re`` then
    compares characters without lower-casing each one, and tries only the alternatives whose first character
    fits. A pattern with anything else cased (a non-ASCII letter, a back-reference, a negated class with letters)
    is returned as it is, as is a case-sensitive one."""
    if not pattern.flags & re.IGNORECASE:
        return pattern
    names = {number: name for name, number in pattern.groupindex.items()}
    try:
        source = _written(sre_parser.parse(pattern.pattern, pattern.flags), True, names)
    except _Unknown:
        return pattern
    rewritten = re.compile(source, pattern.flags & ~re.IGNORECASE)
    if rewritten.groups != pattern.groups or rewritten.groupindex != pattern.groupindex:
        return pattern
    _ORIGINAL[rewritten] = pattern
    return rewritten


def original(pattern: re.Pattern) -> re.Pattern:
    """The pattern ``caseless`` rewrote into ``pattern`` (``pattern`` itself if it rewrote none)."""
    return _ORIGINAL.get(pattern, pattern)


def _char(c: str) -> str:
    return c if c.isascii() and (c.isalnum() or c == "_") else "\\" + c


def _cased(c: str) -> bool:
    return c.lower() != c or c.upper() != c or c.casefold() != c


def _members(items: list, blind: bool) -> str:
    """The inside of a class (without its brackets and negation)."""
    written = []
    for op, value in items:
        if op is sre_constants.LITERAL:
            c = chr(value)
            if blind and c.isascii() and c.isalpha():
                written.extend(_char(f) for f in _FOLDS[c.lower()])
            elif blind and _cased(c):
                raise _Unknown(c)
            else:
                written.append(_char(c))
        elif op is sre_constants.RANGE:
            low, high = value
            letters = [chr(c) for c in range(low, high + 1) if _cased(chr(c))]
            if blind and any(not (c.isascii() and c.isalpha()) for c in letters):
                raise _Unknown("range")
            written.append(f"{_char(chr(low))}-{_char(chr(high))}")
            if blind:
                written.extend(_char(f) for c in letters for f in _FOLDS[c.lower()])
        elif op is sre_constants.CATEGORY:
            written.append(_CATEGORIES[value])
        else:
            raise _Unknown(op)
    return "".join(written)


def _written(items, blind: bool, names: dict[int, str]) -> str:
    """The parsed ``items`` as pattern text, case-blind parts written out case by case when ``blind``."""
    out = []
    for op, value in items:
        if op is sre_constants.LITERAL:
            c = chr(value)
            if blind and c.isascii() and c.isalpha():
                out.append("[" + _members([(op, value)], True) + "]")
            elif blind and _cased(c):
                raise _Unknown(c)
            else:
                out.append(_char(c))
        elif op is sre_constants.NOT_LITERAL:
            c = chr(value)
            if blind and _cased(c) and not (c.isascii() and c.isalpha()):
                raise _Unknown(c)
            out.append("[^" + _members([(sre_constants.LITERAL, value)], blind) + "]")
        elif op is sre_constants.ANY:
            out.append(".")
        elif op is sre_constants.IN:
            negated = bool(value) and value[0][0] is sre_constants.NEGATE
            members = value[1:] if negated else value
            if negated and blind and any(o is not sre_constants.CATEGORY and any(_cased(chr(c)) for c in (
                    [v] if o is sre_constants.LITERAL else range(v[0], v[1] + 1))) for o, v in members):
                raise _Unknown("negated class with letters")
            out.append("[" + ("^" if negated else "") + _members(list(members), blind) + "]")
        elif op is sre_constants.BRANCH:
            out.append("(?:" + "|".join(_written(branch, blind, names) for branch in value[1]) + ")")
        elif op is sre_constants.SUBPATTERN:
            group, add_flags, del_flags, inner = value
            if (add_flags | del_flags) & ~re.IGNORECASE:
                raise _Unknown("flags")
            inner_blind = bool(add_flags & re.IGNORECASE) or (blind and not del_flags & re.IGNORECASE)
            body = _written(inner, inner_blind, names)
            if group is None:
                out.append(f"(?:{body})")
            elif group in names:
                out.append(f"(?P<{names[group]}>{body})")
            else:
                out.append(f"({body})")
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
            low, high, inner = value
            count = "{%d,%s}" % (low, "" if high is sre_constants.MAXREPEAT else high)
            lazy = {sre_constants.MIN_REPEAT: "?", sre_constants.POSSESSIVE_REPEAT: "+"}.get(op, "")
            out.append(f"(?:{_written(inner, blind, names)}){count}{lazy}")
        elif op is sre_constants.AT:
            out.append(_AT[value])
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            direction, inner = value
            kind = ("=" if op is sre_constants.ASSERT else "!") if direction == 1 else (
                "<=" if op is sre_constants.ASSERT else "<!")
            out.append(f"(?{kind}{_written(inner, blind, names)})")
        elif op is sre_constants.ATOMIC_GROUP:
            out.append(f"(?>{_written(value, blind, names)})")
        else:
            raise _Unknown(op)
    return "".join(out)


def _first_characters(items: list) -> set[str] | None:
    """The characters a match of the parsed ``items`` can begin with, or None when unknown."""
    for op, value in items:
        if op is sre_constants.AT:  # \b, ^: zero-width, the next item begins the match
            continue
        if op is sre_constants.LITERAL:
            return {chr(value)}
        if op is sre_constants.SUBPATTERN:
            group, add_flags, del_flags, inner = value
            return None if add_flags or del_flags else _first_characters(list(inner))
        if op is sre_constants.BRANCH:
            found: set[str] = set()
            for branch in value[1]:
                firsts = _first_characters(list(branch))
                if not firsts:
                    return None
                found |= firsts
            return found
        return None
    return None
