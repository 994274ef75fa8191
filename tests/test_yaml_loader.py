"""The YAML loader: libyaml's safe loader, the same data as PyYAML's, the line of every value, and
hostile files refused with a line instead of a hang or a crash."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.yamlfile import MAX_ALIASES, YamlProblem, line_for, parse_yaml, read_yaml

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.text(max_size=12),
                    st.floats(allow_nan=False), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)))
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)), max_leaves=25)


@settings(max_examples=150, deadline=None)
@given(documents, st.sampled_from([None, True, False]))
def test_the_data_is_what_pyyaml_reads(document, flow):
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    assert parse_yaml(text, Path("x.yaml"))[0] == yaml.safe_load(text)


def test_every_value_keeps_its_line(tmp_path: Path):
    file = tmp_path / "claims.yaml"
    file.write_text("source: post\nclaims:\n  - id: a\n    place:\n      - KH\n  - id: b\n    value: 7\n", "utf-8")
    data, lines = read_yaml(file)
    assert data["claims"][1] == {"id": "b", "value": 7}
    assert line_for(lines, ("source",)) == 1
    assert line_for(lines, ("claims", 0)) == 3
    assert line_for(lines, ("claims", 0, "place", 0)) == 5
    assert line_for(lines, ("claims", 1, "value")) == 7
    assert line_for(lines, ("claims", 1, "no-such-key")) == 6  # the nearest enclosing value


def _refused(tmp_path: Path, text: str) -> YamlProblem:
    file = tmp_path / "hostile.yaml"
    file.write_text(text, "utf-8")
    started = time.perf_counter()
    with pytest.raises(YamlProblem) as caught:
        read_yaml(file)
    assert time.perf_counter() - started < 5, "a hostile file must be refused quickly"
    assert caught.value.path == file and caught.value.line is not None
    return caught.value


def test_billion_laughs_is_refused(tmp_path: Path):
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for index, name in enumerate("bcdefghij"):
        previous = "abcdefghij"[index]
        levels.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    problem = _refused(tmp_path, "\n".join(levels) + "\n")
    assert "alias" in problem.message


def test_many_aliases_are_refused(tmp_path: Path):
    text = "x: &x 1\n" + "".join(f"k{i}: *x\n" for i in range(MAX_ALIASES + 1))
    problem = _refused(tmp_path, text)
    assert f"more than {MAX_ALIASES} aliases" in problem.message


@pytest.mark.parametrize("text", ["[" * 5000 + "]" * 5000, "".join("  " * i + "k:\n" for i in range(5000)),
                                  "[" * 150 + "]" * 150])
def test_deep_nesting_is_refused(tmp_path: Path, text: str):
    problem = _refused(tmp_path, text)
    assert "nest" in problem.message or "depth" in problem.message


@pytest.mark.parametrize(("text", "says"), [
    ("when: 2025-02-30\n", "day is out of range"),
    ("n: !!int abc\n", "invalid literal"),
    ("? [a]\n: 1\n", "key must be a scalar"),
    ("a: [unclosed\n", "expected"),
])
def test_values_that_cannot_be_built_are_one_problem(tmp_path: Path, text: str, says: str):
    file = tmp_path / "bad.yaml"
    file.write_text(text, "utf-8")
    with pytest.raises(YamlProblem, match=says):
        read_yaml(file)


def test_an_alias_or_two_still_reads(tmp_path: Path):
    file = tmp_path / "ok.yaml"
    file.write_text("base: &b {a: 1}\nother: *b\nmerged:\n  <<: *b\n  c: 2\n", "utf-8")
    assert read_yaml(file)[0] == {"base": {"a": 1}, "other": {"a": 1}, "merged": {"a": 1, "c": 2}}
