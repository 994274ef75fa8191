"""A case.yaml is checked by jsonschema-rs first and by jsonschema only when the Rust validator refuses it (or
cannot take a value): the same problem, or none, whatever the mapping holds."""

from __future__ import annotations

import datetime as dt
import math

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from audit import casefile
from audit.casefile import CASE_FILE_SCHEMA, case_file_problem

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10), st.integers(2**63, 2**70), st.floats(allow_nan=True),
    st.text(max_size=5), st.sampled_from(["2024-08-06", "2024-02-30", "x"]), st.dates(dt.date(2000, 1, 1)),
    st.sets(st.integers(0, 3), max_size=2),
)
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.one_of(st.text(max_size=4), st.integers(0, 3)), inner, max_size=3)),
    max_leaves=8)
_keys = st.sampled_from(sorted(CASE_FILE_SCHEMA["properties"]))
_source = st.dictionaries(st.sampled_from(["title", "outlet", "url", "published", "other"]), _values, max_size=4)
_waiver = st.dictionaries(st.sampled_from(["rule", "claims", "reason"]), _values, max_size=3)
_shaped = st.fixed_dictionaries({}, optional={
    "title": _values, "country": _values,
    "period": st.one_of(_values, st.lists(st.one_of(st.none(), st.dates(), st.text(max_size=10)), min_size=1, max_size=3)),
    "sources": st.one_of(_values, st.dictionaries(st.text(max_size=4), st.one_of(st.none(), _source), max_size=3)),
    "waivers": st.one_of(_values, st.lists(_waiver, max_size=3)),
    "places": st.one_of(_values, st.dictionaries(st.text(max_size=3), _values, max_size=3)),
})


def _by_jsonschema_alone(config: dict):
    saved = casefile._valid
    casefile._valid = lambda data: False
    try:
        return case_file_problem(config)
    finally:
        casefile._valid = saved


@settings(max_examples=400, deadline=None)
@given(st.one_of(_shaped, st.dictionaries(_keys, _values, max_size=4)))
def test_the_rust_first_pass_gives_the_problem_jsonschema_gives(config):
    assert repr(case_file_problem(config)) == repr(_by_jsonschema_alone(config))
    if casefile._valid(casefile._as_json(config)):
        assert not list(jsonschema.Draft202012Validator(CASE_FILE_SCHEMA).iter_errors(casefile._as_json(config)))


def test_a_wrong_case_file_is_still_told_what_is_wrong():
    assert case_file_problem({"sources": {"a": {"outlet": 12}}}) == (
        ("sources", "a", "outlet"), "sources.a.outlet: must be text, got 12")
    assert case_file_problem({"period": ["2024-01-01"]})[1] == "period: must be [YYYY-MM-DD, YYYY-MM-DD], got ['2024-01-01']"
    assert case_file_problem({"title": math.nan}) is None  # a number, to both
    assert case_file_problem({"period": ["2024-02-30", None]})[1] == "period.0: not a date YYYY-MM-DD: '2024-02-30'"
