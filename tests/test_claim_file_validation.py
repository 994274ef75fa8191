"""The claim file's first pass (jsonschema-rs, fastjsonschema for what it refuses) accepts exactly the
files fastjsonschema alone accepted: generated claim files, good ones and broken in many ways (wrong
types, unknown keys, missing keys, impossible dates, digits of other scripts, NaN, huge integers,
values JSON has no type for)."""

from __future__ import annotations

import datetime as dt

import fastjsonschema
from hypothesis import event, given, settings
from hypothesis import strategies as st

from audit.case import _compiled, _rust_validator, _valid
from audit.claimfile import CLAIM_FIELDS, CLAIM_FILE_SCHEMA
from audit.hedges import QUALIFIERS


def _accepted_before(data) -> bool:
    """The verdict of the check as it was: fastjsonschema alone."""
    try:
        _compiled()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _same_verdict(data) -> None:
    before = _accepted_before(data)
    try:
        rust = _rust_validator()(data)
    except ValueError:
        rust = "cannot convert"
    event(f"fastjsonschema {before}, jsonschema-rs {rust}")
    assert _valid(data) is before


_ids = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._:-]{0,8}\Z")
_dates = st.dates().map(dt.date.isoformat)
#: strings near the ``format: date`` and ``pattern`` edges: other scripts' digits, a newline at the end,
#: days past the month's end, years 0000, 1900 and 2000 on 29 February
_near_dates = st.one_of(
    st.text(alphabet="0123456789\u0660\u0661\u0662\u09e8-\n T:+", min_size=8, max_size=12),
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)),
    st.sampled_from(["0000-02-29", "1900-02-29", "2000-02-29", "2023-02-29", "2024-02-29", "2024-04-31",
                     "2024-01-01\n", "2024-1-01", "+2024-01-01", "2024-01-01T00:00:00", "\u0662\u0660\u0662\u0664-01-01"]),
)
_near_ids = st.one_of(_ids, _ids.map(lambda s: s + "\n"), st.text(max_size=6),
                      st.sampled_from(["", "-a", "a b", "\u00e9t\u00e9", "a\nb", "A1", "\u0661"]))
_numbers = st.one_of(st.integers(-3, 3), st.integers(-(2**70), 2**70), st.just(10**400), st.just(-(10**400)),
                     st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -0.0, 1.0, 2.5, 1e300]))
_scalars = st.one_of(st.none(), st.booleans(), _numbers, st.text(max_size=8), _near_dates, _near_ids,
                     st.dates(), st.datetimes(), st.binary(max_size=3))
#: any value a YAML loader may hand over (a tuple and a set from ``!!omap`` and ``!!set``), nested a little
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.tuples(inner, inner), st.frozensets(st.integers(), max_size=2),
                            st.dictionaries(st.one_of(st.text(max_size=6), st.sampled_from(sorted(CLAIM_FIELDS)),
                                                      st.integers(), st.none()), inner, max_size=3)),
    max_leaves=6,
)


@st.composite
def _claim(draw) -> dict:
    """A claim the schema accepts: the required keys, one of value/low/high/vague, some optional keys."""
    claim = {"id": draw(_ids), "text": draw(st.text(min_size=1, max_size=10)), "start": draw(st.integers(0, 10**6)),
             "end": draw(st.integers(1, 10**6)), "measure": draw(st.text(max_size=8))}
    side = draw(st.sampled_from(["value", "low", "high", "vague"]))
    claim[side] = draw(st.text(max_size=4)) if side == "vague" else draw(st.one_of(st.integers(), st.floats(), st.text(max_size=5)))
    optional = {
        "qualifier": st.sampled_from(list(QUALIFIERS)), "unit": st.text(max_size=3),
        "place": st.lists(st.text(min_size=1, max_size=4), max_size=3), "group": st.lists(st.text(min_size=1, max_size=4), max_size=2),
        "period": st.lists(st.one_of(st.none(), _dates), min_size=2, max_size=2), "role": st.sampled_from(["body", "headline"]),
        "part_of": _ids, "breakdown": st.sampled_from(["exhaustive", "partial", "unknown"]), "axis": st.text(max_size=5),
        "each": st.booleans(), "cumulative": st.booleans(), "as_of": st.one_of(st.none(), _dates),
        "authority": st.one_of(st.none(), st.text(max_size=5)), "note": st.text(max_size=5),
        "read": st.dictionaries(st.sampled_from(["measure", "kind", "as_of", "place"]),
                                st.sampled_from(["stated", "own", "clause", "carried", "default", "unknown"]), max_size=2),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), max_size=6, unique=True)):
        claim[key] = draw(optional[key])
    return claim


@st.composite
def _claim_file(draw) -> dict:
    data: dict = {"source": draw(st.text(max_size=8)), "claims": draw(st.lists(_claim(), max_size=4))}
    if draw(st.booleans()):
        data["reviewed"] = draw(st.booleans())
    if draw(st.booleans()):
        data["rejected"] = draw(st.lists(st.fixed_dictionaries(
            {"start": st.integers(0, 99), "end": st.integers(0, 99)}, optional={"text": st.text(max_size=3)}), max_size=2))
    return data


_FIELD_VALUES = {"id": _near_ids, "part_of": _near_ids, "ratio_of": _near_ids, "describes": _near_ids,
                 "as_of": _near_dates, "period": st.lists(st.one_of(_near_dates, _values), max_size=3)}


@st.composite
def _broken(draw) -> dict:
    """A good claim file with one to three things broken."""
    data = draw(_claim_file())
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(["claim", "claim", "claim", "drop", "file", "item", "rejected"]))
        claims = data.get("claims")
        if where in ("claim", "drop", "item") and not (isinstance(claims, list) and any(isinstance(c, dict) for c in claims)):
            data["claims"] = [*(claims if isinstance(claims, list) else []), draw(_claim())]
        if where in ("claim", "drop"):
            claim = draw(st.sampled_from([c for c in data["claims"] if isinstance(c, dict)]))
        if where == "claim":
            key = draw(st.sampled_from(sorted(CLAIM_FIELDS) + ["colour", ""]))
            claim[key] = draw(_FIELD_VALUES.get(key, _values) if draw(st.booleans()) else _values)
        elif where == "drop" and claim:
            claim.pop(draw(st.sampled_from(list(claim))), None)
        elif where == "item":
            data["claims"][draw(st.integers(0, len(data["claims"]) - 1))] = draw(_values)
        elif where == "rejected":
            data["rejected"] = [{"start": 0, "end": 1, draw(_values.filter(_hashable)): draw(_values)}]
        else:
            key = draw(st.sampled_from(sorted(CLAIM_FILE_SCHEMA["properties"]) + ["sauce"]))
            if draw(st.booleans()):
                data.pop(key, None)
            else:
                data[key] = draw(_values)
    return data


def _hashable(value) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


@settings(max_examples=150, deadline=None)
@given(_claim_file())
def test_good_claim_files_are_accepted_as_before(data):
    assert _valid(data) is True
    assert _accepted_before(data)


@settings(max_examples=300, deadline=None)
@given(_broken())
def test_broken_claim_files_get_the_verdict_they_got_before(data):
    _same_verdict(data)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_values, st.dictionaries(st.text(max_size=8), _values, max_size=3)))
def test_any_value_gets_the_verdict_it_got_before(data):
    _same_verdict(data)


def test_the_edges_where_the_two_validators_differ_keep_the_old_verdict():
    good = {"id": "a", "text": "b", "start": 0, "end": 1, "measure": "m", "value": 1}
    cases = {
        "\u0662\u0660\u0662\u0664-01-01": True,  # fastjsonschema's \d takes any script's digits; jsonschema-rs does not
        "2024-01-01\n": False, "2023-02-29": False, "1900-02-29": False, "0000-02-29": True,
    }
    for as_of, verdict in cases.items():
        assert _valid({"source": "s", "claims": [{**good, "as_of": as_of}]}) is verdict, as_of
    assert _valid({"source": "s", "claims": [{**good, "value": float("nan")}]})  # a number to fastjsonschema
    assert _valid({"source": "s", "claims": [], "rejected": [{"start": 0, "end": 1, 5: "x"}]})  # a key JSON cannot hold
    assert not _valid({"source": "s", "claims": [{**good, "id": "a\n"}]})
    assert not _valid({"source": "s", "claims": [{**good, "place": {"KH"}}]})
