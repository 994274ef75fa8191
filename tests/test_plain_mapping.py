"""An article's front matter or a case.yaml read by yaml-rs where it is a plain mapping (``parse_plain_mapping``)
gives what PyYAML's safe loader gives -- the same values of the same types (a date unquoted, text quoted), the
same message for a broken one, the same line in a case.yaml's message -- whatever is inserted, deleted or
re-indented."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.case import read_case_file
from audit.errors import AuditError
from audit.yamlfile import parse_plain_mapping, parse_yaml
from audit.yamlscalars import load_checked
from tests.text_edits import edited, edits

FRONT_MATTER = """\
title: 'Storm: 1,200 homes flooded in the delta'
outlet: The Delta Courier
url: https://example.org/2024/08/storm-delta
published: 2024-08-06
updated: '2024-08-07'
tags:
- storm
- 2024-08-05
- '2024-08-04'
"""

PIECES = ["yes", "no", "On", "012", "0o17", "1e3", "1_000", "3:30", "2023-02-29", "2024-08-06", "'2024-08-06'",
          '"2024-08-06"', "2024-8-6", "2024-08-06 10:00", "2024-08-06T10:00:00Z", "~", "null", "true", "'true'",
          ".NaN", "0x1A", "[x, y]", "{k: v}", "&a", "*a", "!!str ", "<<: *a", "\t", "\n", "\n  ", "\n- ", "- ", ": ",
          ":", " #", "#", "'", '"', "|", ">-", "? ", "---", "...", "\\", "\\x41", ",", "  ", "\r", "\x07", "\x85",
          "\u2028", "\ufeff", "-", "x2024-08-06", "2024-08-06x", "[", "]", ", ,", "[a: b]", ": x", "[: x]", "?"]


def _pyyaml(text: str):
    """What the front matter gave before: libyaml, then PyYAML's own scanner for its message."""
    try:
        return repr(yaml.load(text, Loader=yaml.CSafeLoader))
    except Exception:  # noqa: BLE001
        pass
    try:
        return repr(yaml.safe_load(text))
    except Exception as error:  # noqa: BLE001
        return f"refused: {type(error).__name__}"


def _fast(text: str):
    data, line, message = load_checked(text)
    return repr(data) if message is None else f"refused (line {line}): {message}"


def _same(text: str) -> None:
    expected = _pyyaml(text)
    fast = parse_plain_mapping(text)
    if fast is not None:
        assert repr(fast) == expected, text
    if not expected.startswith("refused"):
        assert _fast(text) == expected, text
    else:
        assert _fast(text).startswith("refused"), text


def test_the_template_reads_the_same_and_by_the_fast_path():
    data = parse_plain_mapping(FRONT_MATTER)
    assert data is not None
    assert data["published"] == dt.date(2024, 8, 6) and data["updated"] == "2024-08-07"
    assert data["tags"] == ["storm", dt.date(2024, 8, 5), "2024-08-04"]
    _same(FRONT_MATTER)
    assert parse_plain_mapping("tags: [storm, 2024-08-05]\n") is None  # flow lists: left to PyYAML


def test_a_date_written_both_ways_or_inside_a_longer_value_is_left_to_pyyaml():
    assert parse_plain_mapping("published: 2024-08-06\nupdated: '2024-08-06'\n") is None
    assert parse_plain_mapping("published: '2024-08-06'\ntitle: on 2024-08-06 at noon\n") is None
    assert parse_plain_mapping("published: '2024-08-06'\nurl: https://x.org/2024-08-06/a\n") == {
        "published": "2024-08-06", "url": "https://x.org/2024-08-06/a"}  # inside a word: tells nothing
    assert parse_plain_mapping("published: 2024-02-30\n") is None  # PyYAML refuses it, with its message
    assert parse_plain_mapping('published: "2024\\x2d08-06"\n') is None  # an escape spells the date


@settings(max_examples=400, deadline=None)
@given(edits(FRONT_MATTER, PIECES))
def test_any_edit_reads_the_same_by_both_paths(changes):
    text = edited(FRONT_MATTER, changes)
    _same(text)


_VALUES = st.one_of(st.sampled_from(["2024-08-06", "'2024-08-06'", '"2024-08-06"', "2024-13-01", "'x 2024-08-06'",
                                     "x 2024-08-06 y", "[2024-08-06]", "1", "1.5", "yes", "'yes'", "~", "The Post",
                                     "2024-08-06 # c", "?x", "|x", "? x", "x: y", "x:y", "'a''b'", "x# y", "!x",
                                     "\n  - 2024-08-06\n  - '2024-08-06'", "\n- a\n- ? b", "\n  a: 2024-08-06",
                                     "x/2024-08-06/y", "'2024-08-06'x", "\"x\n  '2024-08-06'\"", "2024-08-06:x"]),
                    st.text(alphabet="0123456789-: '\"x", max_size=12))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["title", "outlet", "url", "published", "date", "2024-08-06", "'2024-08-06'",
                                           "- x", "  x"]), _VALUES),
                min_size=1, max_size=5))
def test_any_mapping_of_dates_and_text_reads_the_same(rows):
    _same("".join(f"{key}: {value}\n" for key, value in rows))


CASE_FILE = """\
# a case of our own
title: Delta storm
country: BD
period:
- 2024-08-04
- '2024-08-07'
sources:
  delta-courier:
    outlet: The Delta Courier
    published: 2024-08-06
places:
  BD:
    towns:
      Char Kukri: BD-06
settings:
  select: [SUM]
"""


def test_a_plain_case_file_reads_as_libyaml_reads_it(tmp_path):
    plain = CASE_FILE.replace("  select: [SUM]\n", "  fail_on: error\n")
    assert parse_plain_mapping(plain) is not None
    assert repr(parse_plain_mapping(plain)) == repr(parse_yaml(plain, tmp_path)[0])
    (tmp_path / "case.yaml").write_text(plain)
    config = read_case_file(tmp_path)
    assert config["period"] == [dt.date(2024, 8, 4), dt.date(2024, 8, 7)]
    assert config["sources"]["delta-courier"]["published"] == dt.date(2024, 8, 6)


@pytest.mark.parametrize("edit, message", [
    (("  fail_on: error\n", "  fail_on: error\nsetings: 1\n"), "case.yaml:17: unknown key 'setings'; did you mean 'settings'?"),
    (("    outlet: The Delta Courier\n", "    outlet: 12\n"), "case.yaml:9: sources.delta-courier.outlet: must be text, got 12"),
    (("- '2024-08-07'\n", "- '2024-08-07'\n- '2024-08-08'\n"), "case.yaml:4: period: must be [YYYY-MM-DD, YYYY-MM-DD]"),
])
def test_a_plain_case_file_with_a_problem_names_its_line(tmp_path, monkeypatch, edit, message):
    text = CASE_FILE.replace("  select: [SUM]\n", "  fail_on: error\n").replace(*edit)
    assert parse_plain_mapping(text) is not None  # read by the fast path; the line found when the message asks
    (tmp_path / "case.yaml").write_text(text)
    with pytest.raises(AuditError) as raised:
        read_case_file(tmp_path)
    assert message in str(raised.value)
    monkeypatch.setattr("audit.case.parse_plain_mapping", lambda text: None)  # libyaml alone, as before
    with pytest.raises(AuditError) as before:
        read_case_file(tmp_path)
    assert str(raised.value) == str(before.value)
