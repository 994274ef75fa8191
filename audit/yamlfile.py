"""Safe YAML reading that remembers the line of every value, so a problem points at file:line.

A file is parsed once, by libyaml (``yaml.CSafeLoader`` when PyYAML was built with it): libyaml
composes the node tree in C, with the start mark of every node, and one walk over it builds the
data. Lines are not copied out for every value: ``Lines`` keeps the tree and finds the line of a
path (``("claims", 3, "place")``) when a message needs it.

The walk refuses what only an attacker writes: more than ``MAX_ALIASES`` aliases (or aliases
expanding to more than ``MAX_EXPANDED`` values: the "billion laughs" file) and nesting deeper than
``MAX_DEPTH``, each as a ``YamlProblem`` naming the line -- never a hang or a crash.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

__all__ = ["YamlProblem", "Lines", "read_yaml", "parse_yaml", "parse_plain_yaml", "parse_plain_mapping", "line_for",
           "MAX_ALIASES", "MAX_DEPTH"]

MAX_ALIASES = 100  # alias references (``*name``) in one file
MAX_EXPANDED = 10_000  # values reached through aliases, nested ones included
MAX_DEPTH = 100  # collections inside collections

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"



class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader, resolving implicit tags without PyYAML's per-node bookkeeping for path
    resolvers (none are registered): that bookkeeping was a third of the time of a claim file."""

    def descend_resolver(self, current_node, current_index):  # noqa: D102
        pass

    def ascend_resolver(self):  # noqa: D102
        pass

    def resolve(self, kind, value, implicit):  # noqa: D102
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1] if value else "", ()):
                    if regexp.match(value):
                        return tag
                return _STR
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP
_MERGE = "tag:yaml.org,2002:merge"
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")  # the common decimal integer, without the constructor's detour


class YamlProblem(Exception):
    """A YAML file that cannot be read: the message names the line and what is wrong."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


class Lines:
    """The line of each value of a parsed file, by its path of keys and indexes (found on demand)."""

    def __init__(self, root: yaml.Node | None) -> None:
        self._root = root

    def get(self, path: tuple) -> int | None:
        """The line of the value (or, for a last step that is a key, of the key) at ``path``; None if absent."""
        node = self._root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for step in path:
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value if k.value == step or k.value == str(step)), None)
                if found is None:
                    return None
                line, node = found[0].start_mark.line + 1, found[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line + 1
            else:
                return None
        return line

    def __contains__(self, path: tuple) -> bool:
        return self.get(path) is not None

    def __getitem__(self, path: tuple) -> int:
        line = self.get(path)
        if line is None:
            raise KeyError(path)
        return line


class _Builder:
    """One walk over libyaml's node tree: the Python data, with alias and depth limits."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.seen: set[int] = set()
        self.aliases = 0
        self.expanded = 0

    def build(self, node: yaml.Node, depth: int = 0, aliased: bool = False) -> Any:
        key = id(node)
        if key in self.seen:  # libyaml hands an alias back as the anchored node itself
            if not aliased:
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise _Refused(node, f"more than {MAX_ALIASES} aliases: refused (a file of claims needs none)")
            aliased = True
        else:
            self.seen.add(key)
        if aliased:
            self.expanded += 1
            if self.expanded > MAX_EXPANDED:
                raise _Refused(node, f"aliases expand to more than {MAX_EXPANDED:,} values: refused")
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR:
                return node.value
            if node.tag == "tag:yaml.org,2002:int" and _INT.match(node.value):
                return int(node.value)
            return self.loader.construct_object(node, deep=True)
        if depth >= MAX_DEPTH:
            raise _Refused(node, f"nested more than {MAX_DEPTH} levels deep: refused")
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self.build(item, depth + 1, aliased) for item in node.value]
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP and not any(k.tag == _MERGE for k, _ in node.value):
            data = {}
            for key_node, value_node in node.value:
                name = self.build(key_node, depth + 1, aliased)
                try:
                    data[name] = self.build(value_node, depth + 1, aliased)
                except TypeError:  # an unhashable key (a list as a key)
                    raise _Refused(key_node, f"a mapping key must be a scalar, got {name!r}") from None
            return data
        # explicit tags and merge keys (rare in these files): PyYAML's own safe constructor
        self._count(node, depth)
        return self.loader.construct_object(node, deep=True)

    def _count(self, node: yaml.Node, depth: int) -> None:
        """Depth and alias limits over a subtree the safe constructor will build."""
        if depth >= MAX_DEPTH:
            raise _Refused(node, f"nested more than {MAX_DEPTH} levels deep: refused")
        children = node.value if isinstance(node, yaml.SequenceNode) else (
            [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else [])
        for child in children:
            if id(child) in self.seen:
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise _Refused(child, f"more than {MAX_ALIASES} aliases: refused (a file of claims needs none)")
            self.seen.add(id(child))
            self._count(child, depth + 1)


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.line, self.message = node.start_mark.line + 1, message


def parse_yaml(text: str, path: Path) -> tuple[Any, Lines]:
    """The data of YAML ``text`` (read from ``path``, named in problems) and its ``Lines``."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _Builder(loader).build(node)
    except _Refused as refused:
        raise YamlProblem(path, refused.line, f"is not valid YAML: {refused.message}") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem(path, line, f"is not valid YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise YamlProblem(path, None, f"is not valid YAML: {error}") from None
    except (ValueError, TypeError, OverflowError) as error:  # a timestamp such as 2025-02-30, !!int 'abc'
        raise YamlProblem(path, None, f"is not valid YAML: {error}") from None
    finally:
        loader.dispose()
    return data, Lines(node)


class ScannedLines(Lines):
    """``Lines`` of a file read by the fast path: the line of each claim (``("claims", i)``) from a text
    scan; any other path (only a message needs one) parses the file again with libyaml, once."""

    def __init__(self, text: str, path: Path, items: list[int]) -> None:
        super().__init__(None)
        self._text, self._path, self._items = text, path, items
        self._full: Lines | None = None

    def get(self, path: tuple) -> int | None:
        if len(path) == 2 and path[0] == "claims" and isinstance(path[1], int) and 0 <= path[1] < len(self._items):
            return self._items[path[1]]
        if self._full is None:
            self._full = parse_yaml(self._text, self._path)[1]
        return self._full.get(path)


#: what the fast path leaves to libyaml: tabs, anchors, aliases, tags, merge keys, flow mappings, nested flow
#: sequences, directives and document markers, empty and complex keys, block scalars, deep indentation, and
#: the plain numbers YAML 1.1 (PyYAML) and 1.2 (yaml-rs) read differently (012, 0o12, -.5, 1e3, 1_000, .inf)
_NOT_PLAIN_CHARS = ("\t", "&", "*", "!", "{", "<<", "\n%", "\n---", "\n...", "\n" + " " * 48)
_NOT_PLAIN = [  # (a character the pattern needs, the pattern): each starts with a literal, which re finds fast
    ("[", re.compile(r"\[[^\]\n]*\[|0(?:(?<=[\[,]0)|(?<=[\[,][-+]0))[0-9oObB_]|\.(?<=[\[,][-+]\.)")),
    ("[", re.compile(r"[\[,][ ]*(?:[?:|>%@`]|- )")),  # an indicator opening a flow entry: PyYAML reads ``[?x]`` as a key
    (":", re.compile(r"\n[ -]*:")),
    ("?", re.compile(r"\n[ ]*\?(?:[ ]|\n)")),
    ("|", re.compile(r"\|(?<=[ \n]\|)")),
    (">", re.compile(r">(?<=[ \n]>)")),
    ("0", re.compile(r"0(?:(?<=[ \n]0)|(?<=[ \n][-+]0))[0-9oObB_]")),
    (".", re.compile(r"\.(?<=[ \n][-+]\.)")),
    ("_", re.compile(r"_(?:(?=[0-9])|(?<=[0-9]_))")),
    ("e", re.compile(r"e(?<=[0-9]e)[-+]?[0-9]")),
    ("E", re.compile(r"E(?<=[0-9]E)[-+]?[0-9]")),
]


#: ``.inf``, ``.NaN`` in any case: found by one search from each ``.``, where a lowered copy of the text was searched
#: twice (Unicode case folding also takes ``.İnf`` and ``.ınf``: more goes to libyaml, never less)
_INF_OR_NAN = re.compile(r"\.(?:inf|nan)", re.IGNORECASE)


def _plain(text: str) -> bool:
    """Nothing in ``text`` that YAML 1.1 and 1.2 read differently, nor anything but plain block YAML."""
    text = "\n" + text
    if any(mark in text for mark in _NOT_PLAIN_CHARS) or _INF_OR_NAN.search(text):
        return False
    return not any(char in text and pattern.search(text) for char, pattern in _NOT_PLAIN)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_CLAIMS = re.compile(r"^claims:[ ]*(?:#.*)?$", re.MULTILINE)


def parse_plain_yaml(text: str, path: Path) -> tuple[Any, Lines]:
    """``parse_yaml`` for a claim file, by the fast path where it gives the same data.

    yaml-rs builds the data in Rust (ten times libyaml plus PyYAML's per-node Python calls), but
    reads YAML 1.2 and keeps no lines. So it is used only for a file without anything the two read
    differently (``_plain``), and its data only when no plain string in it is one PyYAML would
    read as something else (``yes``, ``1:20``, ``2025-02-30``) and the line of each claim is found
    by a scan of the text; every other file, and every file yaml-rs refuses, goes to ``parse_yaml``.
    Dates stay text (``2025-07-14``), as ``audit.case`` turns libyaml's dates back into for the schema.
    """
    if _plain(text) and _printable(text):
        try:  # a key given twice: libyaml builds (and may refuse) the value it then drops, so it decides
            data = yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
        except Exception:  # yaml-rs refuses it: libyaml says why, at its line
            data = None
        items = _claim_lines(text, data)
        if items is not None and _same_in_pyyaml(data):
            return data, ScannedLines(text, path, items)
    return parse_yaml(text, path)


def _printable(text: str) -> bool:
    """Nothing but newlines and printable characters: no control character (libyaml refuses one where yaml-rs
    may not), no NEL or Unicode line separator (a line break to libyaml), no byte-order mark, no carriage return."""
    if text.isascii():  # the usual case, by a byte table (a tenth of the time of the Unicode check)
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return text.replace("\n", "").isprintable()


_PRINTABLE_ASCII = b"\n" + bytes(range(0x20, 0x7F))


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def parse_plain_mapping(text: str) -> dict | None:
    """The mapping PyYAML's safe loader reads from a plain ``text`` (an article's front matter, a case.yaml), by
    yaml-rs; None where only PyYAML can tell (not plain, not a mapping, a string PyYAML might read otherwise).

    yaml-rs keeps ``2025-07-14`` as text, quoted or not, where PyYAML reads a date unless it is quoted: so a
    date is built as PyYAML builds it when every time the text holds it, it stands alone, unquoted (a plain
    scalar), and kept as text when every time it is quoted; anything between goes to PyYAML."""
    if "\\" in text or "[" in text or not _plain(text) or not _printable(text):
        return None  # an escape may spell a date unseen; YAML 1.1 and 1.2 read indicators in flow lists apart
    try:  # a key given twice: PyYAML builds (and may refuse) the value it then drops, so it decides
        data = yaml_rs.loads(text, parse_datetime=False, duplicate_key_policy=yaml_rs.DuplicateKeyPolicy.Error)
    except Exception:  # yaml-rs refuses it: PyYAML says why
        return None
    if type(data) is not dict:
        return None
    dates: dict[str, Any] = {}
    for value in _strings_of(data):
        if value is None:
            return None
        for tag, regexp in _RESOLVERS.get(value[:1], ()):
            if not regexp.match(value):
                continue
            if tag == _TIMESTAMP and _ISO_DATE.match(value):
                written = _date_as_written(text, value)
                if written is None:
                    return None
                if written:
                    dates[value] = written
            elif _text_in_yaml_rs(value):  # PyYAML reads it unquoted as no string: it is one only if quoted
                return None
            break
    return _with_dates(data, dates) if dates else data


#: the deepest nesting the fast path reads (``parse_yaml`` refuses a hundred levels; a case file needs five)
_PLAIN_DEPTH = 20


def _strings_of(data: dict):
    """Every string of ``data``, keys included; None for a value that is no string, number, boolean, null, list
    or mapping, or that lies deeper than ``_PLAIN_DEPTH``."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        kind = type(value)
        if kind is str:
            yield value
        elif kind is dict or kind is list:
            if depth >= _PLAIN_DEPTH:
                yield None
            stack.extend((item, depth + 1) for item in value)
            if kind is dict:
                stack.extend((item, depth + 1) for item in value.values())
        elif kind not in _SCALARS:
            yield None


_QUOTES = ("'", '"')


def _date_as_written(text: str, value: str) -> Any:
    """``value`` (``2025-07-14``) as PyYAML reads it from ``text`` (block YAML without an escape, so the scalar it
    comes from is in the text as written): the date where each time ``text`` holds it, standing alone, it is
    unquoted; False (text) where each time it is quoted; None where it is both, or the date does not exist.
    Where it is part of a longer word (``/2025-07-14/`` in a URL) it cannot be the scalar, and tells nothing."""
    plain = quoted = False
    at = text.find(value)
    while at >= 0:
        before = text[at - 1] if at else "\n"
        after = text[at + len(value):at + len(value) + 1] or "\n"
        if before in _QUOTES and after == before:
            quoted = True
        elif before in " \n" and after in " \n:":  # a value, or a key
            plain = True
        at = text.find(value, at + 1)
    if plain == quoted:  # both ways (or, which cannot be, neither): PyYAML decides
        return None
    if quoted:
        return False
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:  # PyYAML refuses a date that does not exist: it says so
        return None


def _with_dates(data: Any, dates: dict[str, Any]) -> Any:
    kind = type(data)
    if kind is str:
        return dates.get(data, data)
    if kind is dict:
        return {_with_dates(k, dates): _with_dates(v, dates) for k, v in data.items()}
    if kind is list:
        return [_with_dates(v, dates) for v in data]
    return data


def _claim_lines(text: str, data: Any) -> list[int] | None:
    """The line of each item of the top-level block sequence ``claims:``, when a scan finds them all.

    The section ends at the next row starting with anything but a space, ``#`` or ``- ``; its items are the
    rows ``- <value>`` at the indentation of the first one (found by regular expressions that start with the
    newline before a row, which ``re`` finds by a fast scan, and for the section's first row by a match there)."""
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        return None
    found = _CLAIMS.search(text)
    if found is None:
        return None
    start = found.end() + 1
    line = text.count("\n", 0, found.start()) + 2  # the line of the row after ``claims:``
    if _SECTION_END.match(text, start):
        end = start
    else:
        after = _NEXT_SECTION.search(text, start)
        end = len(text) if after is None else after.start() + 1
    first = _ITEM_ROW.match(text, start, end)
    if first is None:
        first = _NEXT_ITEM.search(text, start, end)
        if first is None:
            return None if data["claims"] else []
    row = first.start(1)  # the first item sets the indentation: the other items are the rows that start as it does
    indent = first.end(1) - row
    lead, items, at = "\n" + " " * indent + "-", [], start
    while row >= 0:
        if _ITEM_ROW.match(text, row, end):
            line += text.count("\n", at, row)
            at = row
            items.append(line)
        row = text.find(lead, row, end)
        if row >= 0:
            row += 1
    return items if len(items) == len(data["claims"]) else None


_SECTION_END = re.compile(r"(?=[^\s#])(?!- )")  # a row starting the next top-level key (matched at a row's start)
_NEXT_SECTION = re.compile(r"\n(?=[^\s#])(?!- )")  # the newline before such a row
_ITEM_ROW = re.compile(r"([ ]*)- +[^\s#]")  # an item's row (matched at a row's start)
_NEXT_ITEM = re.compile(r"\n([ ]*)- +[^\s#]")  # the newline before an item's row


_RESOLVERS = yaml.SafeLoader.yaml_implicit_resolvers
_SAFE: set[str] = set()  # strings found safe (below): a case's files repeat their keys, codes and dates
_SCALARS = (int, float, bool, type(None))


def _same_in_pyyaml(data: Any) -> bool:
    """No string in ``data`` (keys included) is one PyYAML would read otherwise (unquoted, as a number, a
    boolean, a null or a timestamp other than a plain date, while yaml-rs reads it as a string), and no key
    is a collection. A mapping's values are looked at in one loop, collections put aside for later."""
    if type(data) is not dict and type(data) is not list:
        return _same_value(data)
    stack, safe = [data], _SAFE
    while stack:
        value = stack.pop()
        if type(value) is dict:
            if not safe.issuperset(value):  # its keys: all strings known safe (the usual case), else one by one
                for key in value:
                    if not _same_value(key):
                        return False
            items = value.values()
        else:
            items = value
        for item in items:
            kind = type(item)
            if kind is str:
                if item not in safe and not _same_value(item):
                    return False
            elif kind is dict or kind is list:
                stack.append(item)
            elif kind not in _SCALARS:
                return False  # a tuple (a sequence as a key), or anything else yaml-rs may build
    return True


def _same_value(value: Any) -> bool:
    """``_same_in_pyyaml`` for one value (of any kind)."""
    kind = type(value)
    if kind is str:
        if value in _SAFE:
            return True
        if not _string_safe(value):
            return False
        if len(_SAFE) < 100_000:
            _SAFE.add(value)
        return True
    if kind is dict or kind is list:
        return _same_in_pyyaml(value)
    return kind in _SCALARS


def _string_safe(value: str) -> bool:
    for tag, regexp in _RESOLVERS.get(value[:1], ()):
        if regexp.match(value):  # PyYAML reads it, unquoted, as no string: it is one only if quoted
            return (tag == "tag:yaml.org,2002:timestamp" and _ISO_DATE.match(value) is not None
                    and _valid_date(value)) or not _text_in_yaml_rs(value)
    return True


def _text_in_yaml_rs(value: str) -> bool:
    """yaml-rs reads ``value`` unquoted as a string too (``yes``, ``1:20``): so a string is no sign it was quoted."""
    try:
        return isinstance(yaml_rs.loads(f"- {value}\n", parse_datetime=False)[0], str)
    except Exception:
        return True


def _valid_date(text: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def read_yaml(path: Path) -> tuple[Any, Lines]:
    """The data of a YAML file (loaded safely) and the line of each value by its path of keys and indexes."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise YamlProblem(path, None, f"cannot read: {error.strerror}") from None
    return parse_yaml(decode_yaml(raw, path), path)


def decode_yaml(raw: bytes, path: Path) -> str:
    """The text of a YAML file's bytes (UTF-8), or a ``YamlProblem`` saying why not."""
    if b"\x00" in raw:
        raise YamlProblem(path, None, "is a binary file, not YAML")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(path, line, f"is not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start}") from None


def line_for(lines: Lines | dict[tuple, int], path: tuple) -> int | None:
    """The line of the value at ``path``, or of its nearest enclosing value."""
    while path:
        line = lines.get(path)
        if line is not None:
            return line
        path = path[:-1]
    return lines.get(())
