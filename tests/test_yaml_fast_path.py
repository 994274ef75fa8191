"""The fast path for claim files (yaml-rs where it reads what PyYAML reads, libyaml elsewhere): the
same data, the same line for every claim, and the same problem for a broken file, whatever is
inserted, deleted or re-indented."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.case import _as_json as _json  # dates as the claim-file schema reads them
from audit.yamlfile import ScannedLines, YamlProblem, parse_plain_yaml, parse_yaml
from tests.text_edits import edited, edits

CLAIM_FILE = """\
# article: a1b2c3d4
source: riverside-gazette
reviewed: true
claims:
- id: rg-1
  text: at least 312 households
  start: 40
  end: 63
  value: 312
  qualifier: at_least
  measure: displaced
  place:
  - PK-SD
  period:
  - '2024-08-02'
  - 2024-08-05
- id: rg-2
  text: roughly 1,500 volunteers
  start: 120
  end: 144
  value: '1500.5'
  qualifier: about
  measure: other
  as_of: 2024-08-06
  authority: district office
  read:
    measure: own
- id: rg-3
  text: two dozen boats
  start: 200
  end: 215
  low: 20
  high: 28.5
  qualifier: range
  measure: other
  each: false
"""

#: what the two readers might disagree on, and YAML's own punctuation
PIECES = ["yes", "no", "On", "OFF", "012", "0o17", "0b11", "-.5", "1e3", "2.5e+2", "1_000", "3:30", "2023-02-29",
          "'2023-1-5'", "2023-01-05 08:00", "=", "~", "null", "NULL", "true", "'true'", "'0.25'", ".NaN", "0x1A",
          "[x, y]", "[1, [2]]", "{k: v}", "&anchor", "*anchor", "!!str", "<<: *a", "\t", "\n", "\n  ", "\n- ",
          "- ", ": ", ":", " #", "#", "'", '"', "|", ">-", "? ", "---", "...", "%TAG", "\\", ",", "  ", "1,000",
          "\x07", "\x85", "\u2028", "\ufeff", "\r", "[?x]", "[a, : y]", "[a, |b]", ", ?", "[", "]",
          "\n  as_of: 2024-02-30", "\n  unit: yes"]


def _same(text: str) -> None:
    try:
        fast = parse_plain_yaml(text, Path("c.yaml"))
    except YamlProblem as problem:
        with pytest.raises(YamlProblem) as slow:
            parse_yaml(text, Path("c.yaml"))
        assert (problem.line, problem.message) == (slow.value.line, slow.value.message)
        return
    data, lines = parse_yaml(text, Path("c.yaml"))
    assert _json(fast[0]) == _json(data)
    claims = data.get("claims") if isinstance(data, dict) else None
    for index in range(len(claims) if isinstance(claims, list) else 0):
        assert fast[1].get(("claims", index)) == lines.get(("claims", index))


def test_a_plain_claim_file_takes_the_fast_path_with_the_same_data_and_lines():
    data, lines = parse_plain_yaml(CLAIM_FILE, Path("c.yaml"))
    assert isinstance(lines, ScannedLines)
    assert [lines.get(("claims", i)) for i in range(3)] == [5, 17, 28]
    assert data["claims"][0]["period"] == ["2024-08-02", "2024-08-05"]  # dates stay text, as the schema reads them
    assert data["claims"][1]["value"] == "1500.5"
    _same(CLAIM_FILE)
    assert lines.get(("claims", 1, "read", "measure")) == 27  # any other path: libyaml, with marks


@pytest.mark.parametrize("value", ["yes", "NO", "off", "012", "0o17", "1e3", "3:30", "2023-02-29", "=", "-.5",
                                   "2023-01-05 08:00", ".inf", "-.INF", ".NaN", "+.Inf", "x\x07y", "x\x85y", "x\u2028y",
                                   "[?x]", "[a, : y]", "2024-13-01\n  authority: x"])
def test_what_yaml_1_1_and_1_2_read_differently_goes_to_libyaml(value):
    text = CLAIM_FILE.replace("authority: district office", f"authority: {value}")
    try:
        lines = parse_plain_yaml(text, Path("c.yaml"))[1]
    except YamlProblem:  # 2023-02-29: libyaml's problem, at its line
        lines = None
    assert not isinstance(lines, ScannedLines)
    _same(text)


@settings(max_examples=300, deadline=None)
@given(edits(CLAIM_FILE, PIECES))
def test_any_edit_reads_the_same_by_both_paths(changes):
    text = edited(CLAIM_FILE, changes)
    _same(text)


def _claim_lines_row_by_row(text: str, data) -> list[int] | None:
    """The scan as it was first written, a row at a time: the reference for ``_claim_lines``."""
    import re

    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        return None
    found = re.compile(r"^claims:[ ]*(?:#.*)?$", re.MULTILINE).search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    indent, items = None, []
    for row in text[found.end() + 1:].split("\n"):
        line += 1
        if re.match(r"^[^\s#]", row) and not row.startswith("- "):
            break
        item = re.match(r"^([ ]*)- +[^\s#]", row)
        if item is not None and (indent is None or len(item.group(1)) == indent):
            indent = len(item.group(1))
            items.append(line)
    return items if len(items) == len(data["claims"]) else None


ROWS = ["claims:", "claims: # the figures", "- id: a", "  - id: b", "    - KH", "- x", "-", "-x", "#c", " # c", "",
        "  ", "source: s", "\r", "- #", "-   y", "\t- z", "x: 1", "- - n", "claims:x", "\u2028- w"]


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.sampled_from(ROWS), max_size=14), newline=st.booleans())
def test_the_claims_scan_finds_the_lines_a_row_by_row_scan_finds(rows, newline):
    from audit.yamlfile import _claim_lines

    text = "\n".join(rows) + ("\n" if newline else "")
    for count in range(len(rows) + 1):
        data = {"claims": [None] * count}
        assert _claim_lines(text, data) == _claim_lines_row_by_row(text, data)


def _same_in_pyyaml_value_by_value(data) -> bool:
    """The check as it was first written, one value at a time off a stack: the reference for ``_same_in_pyyaml``."""
    from audit.yamlfile import _string_safe

    stack = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is str:
            if not _string_safe(value):
                return False
        elif kind is dict:
            stack.extend(value)
            stack.extend(value.values())
        elif kind is list:
            stack.extend(value)
        elif value is not None and kind not in (int, float, bool):
            return False
    return True


_SCALARS = st.one_of(st.sampled_from(["yes", "No", "1:20", "2025-07-14", "2025-02-30", "2025-7-4", "2025-07-14 10:00",
                                      "~", "null", "", "0x1F", "1.5", ".5", "text", "KH", "=", "<<"]),
                     st.text(max_size=6), st.integers(), st.floats(), st.booleans(), st.none(), st.tuples(st.integers()),
                     st.dates())
_DATA = st.recursive(_SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(["id", "text", "yes", "1:20", "2025-07-14"]), st.text(max_size=4),
                              st.integers(), st.none(), st.tuples(st.integers())), inner, max_size=4)), max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(_DATA)
def test_the_pyyaml_check_agrees_with_a_value_by_value_walk(data):
    from audit.yamlfile import _same_in_pyyaml

    assert _same_in_pyyaml(data) == _same_in_pyyaml_value_by_value(data)
    assert _same_in_pyyaml(data) == _same_in_pyyaml_value_by_value(data)  # again, with what the first call learnt
