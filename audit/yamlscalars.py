"""Finding the YAML value that cannot be built, so a bad value is reported at its line.

PyYAML's safe loader raises a bare ``ValueError`` for ``2025-02-30`` (it looks like a date) or
``!!int 'abc'``, without saying where. ``unbuildable_scalar`` composes the document (which
never builds values) and builds each scalar on its own to name the first that fails, its line
and its text. ``load_checked`` loads text (front matter) and turns every failure into a message.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["unbuildable_scalar", "load_checked"]

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def unbuildable_scalar(text: str) -> tuple[int | None, str] | None:
    """(0-based line, message naming the value) of the first scalar of ``text`` that cannot be built, or None."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    builder = yaml.SafeLoader("")
    stack = [root] if root is not None else []
    while stack:  # depth-first without recursion: a deep document must not overflow the stack here
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.ScalarNode):
            try:
                builder.construct_object(node, deep=True)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError) as error:
                tag = node.tag.rsplit(":", 1)[-1]
                return node.start_mark.line, f"cannot read {node.value!r} as {_TAG_NAMES.get(tag, tag)}: {_reason(error)}"
    return None


_TAG_NAMES = {"timestamp": "a date", "int": "a whole number", "float": "a number", "bool": "true or false"}


def _reason(error: Exception) -> str:
    return " ".join(str(error).split())[:120] or type(error).__name__


def load_checked(text: str) -> tuple[Any, int | None, str | None]:
    """(data, None, None) for readable YAML; else (None, 0-based line or None, message).

    yaml-rs reads a plain mapping (``audit.yamlfile.parse_plain_mapping``: a tenth of libyaml's time with
    PyYAML's constructor); libyaml reads the rest (a tenth of the time of PyYAML's Python scanner); whatever
    libyaml refuses is read again by the Python scanner, whose messages these are."""
    from audit.yamlfile import parse_plain_mapping

    fast = parse_plain_mapping(text)
    if fast is not None:
        return fast, None, None
    try:
        return yaml.load(text, Loader=_FAST), None, None
    except Exception:  # noqa: BLE001 - the slow path below says what is wrong
        pass
    try:
        return yaml.safe_load(text), None, None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return None, mark.line if mark else None, f"is not valid YAML: {error.problem or error.context}"
    except yaml.YAMLError as error:
        return None, None, f"is not valid YAML: {_reason(error)}"
    except RecursionError:
        return None, None, "is nested too deeply to read"
    except (ValueError, TypeError, OverflowError) as error:
        found = unbuildable_scalar(text)
        if found is None:
            return None, None, f"cannot be read: {_reason(error)}"
        return None, found[0], found[1]
