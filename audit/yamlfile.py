"""Safe YAML reading that remembers the line of every value, so a problem points at file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["YamlProblem", "read_yaml"]

Lines = dict[tuple, int]


class YamlProblem(Exception):
    """A YAML file that cannot be read: the message names the line and what is wrong."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


def _walk(node: yaml.Node, path: tuple, lines: Lines) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _walk(value, (*path, key.value), lines)
            lines[(*path, key.value)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines)


def read_yaml(path: Path) -> tuple[Any, Lines]:
    """The data of a YAML file (loaded safely) and the line of each value by its path of keys and indexes."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise YamlProblem(path, None, f"cannot read: {error.strerror}") from None
    if b"\x00" in raw:
        raise YamlProblem(path, None, "is a binary file, not YAML")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(path, line, f"is not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start}") from None
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise YamlProblem(path, line, f"is not valid YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise YamlProblem(path, None, f"is not valid YAML: {error}") from None
    lines: Lines = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def line_for(lines: Lines, path: tuple) -> int | None:
    """The line of the value at ``path``, or of its nearest enclosing value."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())
