"""Case folders read column-wise (``audit.claim_columns``, what ``audit.loading`` does) give exactly what the
record path gives: the same claims frame (types, values, row order), the same problems in the same order,
and the same ``AuditError`` where a case's hedge formula fails. Claim files are generated with valid and
invalid claims of every kind; the record path (``load_case`` without columns, then ``claims_frame``) is
the oracle."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import polars as pl
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings, strategies as st
from polars.testing import assert_frame_equal

from audit.case import load_case
from audit.errors import AuditError
from audit.frame import claims_frame
from audit.hedges import QUALIFIERS
from audit.loading import _read_chunk_to_send, _read_chunk_whole

IDS = ["a", "b", "c", "d-1", "e.2"]
#: a few unknown names among the known ones (each unknown one costs a search for a close match)
PLACES = ["TH", "TH-10", "Bangkok", "Chiang Mai", "KH", "TH/army-held areas", "Nong Khiaw", "TH", "TH-10", "Bangkok",
          "Chiang Mai", "KH", "TH/army-held areas", "Nong Khiaw", "Qwertzia"]
GROUPS = ["women", "male", "Thais", "MM", "women", "male", "Thais", "MM", "Martians"]
NUMBERS = st.one_of(
    st.integers(-3, 2_000), st.sampled_from([12, 40, 100, 150_000]), st.sampled_from([0.6, 2.5, -0.0, 0.0, 1.0, 123.4567891234]),
    st.sampled_from(["1,000", "1_500", "0.01", "7", " 8 ", "40.0"]),
)
BAD_NUMBERS = st.sampled_from([10**24, 10**30, 2**70, 1e30, 1e-12, "12abc", "NaN", "Infinity", "0.0000000001"])
DAYS = st.sampled_from(["2024-03-01", "2024-03-05", "20240302", None])
BAD_DAYS = st.sampled_from(["2024-02-30", "2024-13-01", "yesterday"])


def _maybe(draw, key: str, strategy: st.SearchStrategy, claim: dict, chance: float = 0.3) -> None:
    if draw(st.floats(0, 1)) < chance:
        claim[key] = draw(strategy)


def _rarely(draw, usual: st.SearchStrategy, odd: st.SearchStrategy) -> st.SearchStrategy:
    """``usual``, or one time in ten ``odd``: most claims are taken, so that what is read of them is compared."""
    return odd if draw(st.integers(0, 9)) == 0 else usual


@st.composite
def claims(draw) -> dict:
    def rarely(usual: st.SearchStrategy, odd: st.SearchStrategy):
        return draw(_rarely(draw, usual, odd))

    number = _rarely(draw, NUMBERS, BAD_NUMBERS)
    claim: dict = {"id": draw(st.sampled_from(IDS)),
                   "text": rarely(st.sampled_from(["12 people", "about 40 people"]), st.just("")),
                   "start": rarely(st.integers(0, 400), st.sampled_from([2**41, 7.0])),
                   "end": rarely(st.integers(1, 500), st.just(2**41))}
    shape = draw(st.sampled_from(["value", "value", "value", "range", "vague", "low", "high", "nothing"]))
    if shape == "value":
        claim["value"] = draw(number)
    elif shape in ("range", "low"):
        claim["low"] = draw(st.one_of(st.none(), number))
    if shape in ("range", "high"):
        claim["high"] = draw(st.one_of(st.none(), number))
    if shape == "vague":
        claim["vague"] = draw(st.sampled_from(["hundreds", "dozens", "Thousands", "gazillions"]))
    _maybe(draw, "qualifier", st.sampled_from(QUALIFIERS), claim, 0.8)
    claim["measure"] = rarely(st.sampled_from(["deaths", "deaths", "injured", "money", "ratio"]), st.just("deathz"))
    _maybe(draw, "place", st.lists(st.sampled_from(PLACES), max_size=3), claim, 0.6)
    _maybe(draw, "group", st.lists(st.sampled_from(GROUPS), max_size=2), claim)
    _maybe(draw, "named", st.lists(st.sampled_from(PLACES), max_size=3), claim, 0.15)
    _maybe(draw, "period", st.lists(_rarely(draw, DAYS, BAD_DAYS), min_size=2, max_size=2), claim)
    _maybe(draw, "as_of", _rarely(draw, DAYS, BAD_DAYS), claim)
    for key in ("part_of", "ratio_of", "describes"):
        _maybe(draw, key, st.sampled_from([*IDS, "zz", "a2"]), claim, 0.15)
    _maybe(draw, "role", st.sampled_from(["body", "headline"]), claim, 0.2)
    _maybe(draw, "breakdown", st.sampled_from(["exhaustive", "partial", "unknown"]), claim, 0.1)
    _maybe(draw, "axis", st.sampled_from(["status", "list", ""]), claim, 0.1)
    _maybe(draw, "each", st.booleans(), claim, 0.1)
    _maybe(draw, "cumulative", st.booleans(), claim, 0.1)
    _maybe(draw, "kind", st.sampled_from(["total", "part", "estimate", "subset"]), claim, 0.1)
    _maybe(draw, "authority", st.sampled_from(["police", None]), claim, 0.1)
    _maybe(draw, "unit", st.sampled_from(["USD", "THB"]), claim, 0.1)
    _maybe(draw, "read", st.dictionaries(st.sampled_from(["measure", "place", "as_of", "group"]),
                                         st.sampled_from(["own", "clause", "carried", "default"]), max_size=2), claim, 0.2)
    return claim


@st.composite
def cases(draw) -> dict:
    """A case: its case.yaml, its articles (source -> text) and its claim files (source -> data)."""
    config: dict = {"title": "A flood", "country": "TH", "period": ["2024-03-01", "2024-03-04"],
                    "places": {"TH": {"towns": {"Nong Khiaw": "TH-57"}}}}
    if draw(st.integers(0, 9)) == 0:
        # fails for n <= 40: an AuditError, at the first claim that reaches it
        config["hedges"] = {"exact": {"low": "n / (max(n, 40) - 40)"}}
    elif draw(st.booleans()):
        config["hedges"] = draw(st.sampled_from([
            {"about": {"low": "n - 2 * half", "high": "n + 2 * half"}},
            {"nearly": {"low": "0.8 * n"}},
        ]))
    sources = draw(st.lists(st.sampled_from(["post", "herald", "wire"]), min_size=1, max_size=3, unique=True))
    files = {}
    for source in sources:
        data: dict = {"source": source, "claims": draw(st.lists(claims(), max_size=8))}
        if draw(st.booleans()):
            data["reviewed"] = draw(st.booleans())
        files[source] = data
    articles = {source: "About 40 people died in Bangkok on Monday, and 12 were hurt in Chiang Mai."
                for source in draw(st.lists(st.sampled_from(["post", "herald", "wire", "daily"]), unique=True))}
    return {"config": config, "articles": articles, "files": files}


def _write(root: Path, number: int, case: dict) -> Path:
    folder = root / f"case-{number}"
    (folder / "claims").mkdir(parents=True)
    (folder / "case.yaml").write_text(yaml.safe_dump(case["config"], sort_keys=False))
    if case["articles"]:
        (folder / "articles").mkdir()
    for source, text in case["articles"].items():
        (folder / "articles" / f"{source}.md").write_text(f"---\npublished: '2024-03-05'\n---\n{text}\n")
    for source, data in case["files"].items():
        (folder / "claims" / f"{source}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return folder


def _by_records(jobs, hedges):
    """The oracle: each case read by the record path, the chunk's records as one frame."""
    read = [load_case(folder, name=name, hedges=hedges) for folder, name in jobs]
    return [case.problems for case in read], claims_frame([c for case in read for c in case.claims]), [len(c.claims) for c in read]


def _by_columns(jobs, hedges):
    read, frame, counts = _read_chunk_whole(jobs, hedges)
    return [case.problems for case in read], frame, counts


def _outcome(read, jobs, hedges):
    try:
        return read(jobs, hedges)
    except AuditError as error:
        return str(error)


@settings(max_examples=50, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(cases(), min_size=1, max_size=3), st.sampled_from([None, {"about": {"low": "n - half * 4"}}]))
def test_columns_read_what_records_read(chunk, hedges):
    root = Path(tempfile.mkdtemp(prefix="claim-columns-"))
    try:
        jobs = [(_write(root, number, case), f"case-{number}") for number, case in enumerate(chunk)]
        expected, got = _outcome(_by_records, jobs, hedges), _outcome(_by_columns, jobs, hedges)
        if isinstance(expected, str) or isinstance(got, str):
            event("AuditError")
            assert got == expected
            return
        event(f"claims: {'some' if expected[1].height else 'none'}")
        for rule in sorted({p.rule for problems in expected[0] for p in problems}):
            event(rule)
        assert got[0] == expected[0]  # every problem, in order, per case
        assert got[2] == expected[2]
        assert_frame_equal(got[1], expected[1], check_exact=True)
        sent = _read_chunk_to_send(jobs, hedges)  # as a reader process sends it back: the frame as an IPC stream
        assert [case.problems for case in sent[0]] == expected[0] and sent[2] == expected[2]
        assert_frame_equal(pl.read_ipc_stream(sent[1]), expected[1], check_exact=True)
    finally:
        shutil.rmtree(root)


def test_a_chunk_the_columns_cannot_take_is_read_from_records(tmp_path):
    """An offset written 7.0 makes the record path read the whole chunk row by row: so do the columns."""
    case = {"config": {"title": "t", "country": "TH", "period": ["2024-03-01", "2024-03-04"]}, "articles": {},
            "files": {"post": {"source": "post", "reviewed": True, "claims": [
                {"id": "a", "text": "12 people", "start": 7.0, "end": 16, "value": 12, "measure": "deaths"},
                {"id": "b", "text": "about 40", "start": 20, "end": 28, "value": 40, "qualifier": "about",
                 "measure": "deaths", "part_of": "zz"}]}}}
    jobs = [(_write(tmp_path, 0, case), "case-0")]
    problems, frame, counts = _by_columns(jobs, None)
    expected = _by_records(jobs, None)
    assert frame["start"].to_list() == [7, 20] and counts == [2]
    assert_frame_equal(frame, expected[1], check_exact=True)
    assert problems == expected[0] and [p.rule for p in problems[0]] == ["INPUT007"]


@pytest.mark.parametrize("reviewed", [True, False])
def test_refused_claims_report_what_the_record_path_reports(tmp_path, reviewed):
    case = {"config": {"title": "t", "country": "TH", "period": ["2024-03-01", "2024-03-04"]}, "articles": {},
            "files": {"post": {"source": "post", "reviewed": reviewed, "claims": [
                {"id": "a", "text": "12 people", "start": 0, "end": 9, "value": 12, "measure": "deathz"},
                {"id": "a", "text": "12 people", "start": 0, "end": 9, "value": 12, "measure": "deaths",
                 "place": ["Qwertzia"]},
                {"id": "b", "text": "some", "start": 0, "end": 4, "qualifier": "vague", "vague": "gazillions",
                 "measure": "deaths"},
                {"id": "c", "text": "12 people", "start": 0, "end": 9, "value": 12, "measure": "deaths", "as_of": None},
                {"id": "c", "text": "12 people", "start": 0, "end": 9, "value": 12, "measure": "deaths",
                 "describes": "b"}]}}}
    jobs = [(_write(tmp_path, 0, case), "case-0")]
    problems, frame, counts = _by_columns(jobs, None)
    expected = _by_records(jobs, None)
    assert [p.rule for p in problems[0]] == ["INPUT005", "INPUT003", "INPUT002", "INPUT008", "INPUT007"]
    assert problems == expected[0] and counts == expected[2] == [2]
    assert_frame_equal(frame, expected[1], check_exact=True)


def test_a_failing_hedge_formula_fails_at_the_same_claim(tmp_path):
    """A hedge formula that fails for a figure is an ``AuditError`` naming the first figure that reaches it: not one
    refused before its hedge is read (an unknown measure, an offset beyond any article)."""
    def claim(id, value, **more):
        return {"id": id, "text": "some people", "start": 0, "end": 9, "value": value, "measure": "deaths", **more}

    first = {"config": {"title": "t", "country": "TH", "period": ["2024-03-01", "2024-03-04"],
                        "hedges": {"exact": {"low": "n / (n - 40)"}, "about": {"low": "n / (n - 12)"}}},
             "articles": {}, "files": {
                 "a": {"source": "a", "claims": [claim("x", 40, measure="deathz"), claim("y", 40, end=2**41),
                                                 claim("z", 7, place=["Qwertzia"])]},
                 "b": {"source": "b", "claims": [claim("u", 12, qualifier="about"), claim("v", 40)]}}}
    unreadable = tmp_path / "case-1"
    unreadable.mkdir()
    (unreadable / "case.yaml").write_text("title: [unclosed\n")
    jobs = [(_write(tmp_path, 0, first), "case-0"), (unreadable, "case-1")]
    expected = _outcome(_by_records, jobs, None)
    assert isinstance(expected, str) and "n=12" in expected
    assert _outcome(_by_columns, jobs, None) == expected


def test_cases_of_other_hedge_tables_read_their_own_intervals(tmp_path):
    """Figures are read once per chunk and hedge table: a case with its own table gets its own intervals."""
    def case(hedges):
        config = {"title": "t", "country": "TH", "period": ["2024-03-01", "2024-03-04"], **hedges}
        return {"config": config, "articles": {}, "files": {"post": {"source": "post", "claims": [
            {"id": "a", "text": "about 150 people", "start": 0, "end": 16, "value": 150, "qualifier": "about",
             "measure": "deaths", "as_of": None, "read": {"place": "own"}}]}}}

    jobs = [(_write(tmp_path, number, case(hedges)), f"case-{number}")
            for number, hedges in enumerate([{}, {"hedges": {"about": {"low": "n - 4 * half"}}}, {}])]
    problems, frame, counts = _by_columns(jobs, None)
    assert frame["low"].cast(str).to_list() == ["145.000000000", "130.000000000", "145.000000000"]
    assert frame["as_of_read"].to_list() == ["unknown"] * 3 and frame["place_read"].to_list() == ["own"] * 3
    expected = _by_records(jobs, None)
    assert problems == expected[0] and counts == expected[2]
    assert_frame_equal(frame, expected[1], check_exact=True)


def test_figures_kept_across_chunks_stay_with_their_hedge_table(tmp_path, monkeypatch):
    """A reader process keeps the figures it read (``_FIGURES``) for the chunks after: the same figure in a case of
    another hedge table, in a later chunk, gets that table's interval; and once the tables numbered are too many,
    they are forgotten, with their figures, and a table seen again gets a new number."""
    import audit.claim_columns as columns

    def case(hedges):
        config = {"title": "t", "country": "TH", "period": ["2024-03-01", "2024-03-04"], **hedges}
        return {"config": config, "articles": {}, "files": {"post": {"source": "post", "claims": [
            {"id": "a", "text": "about 150 people", "start": 0, "end": 16, "value": 150, "qualifier": "about",
             "measure": "deaths"}]}}}

    tables = [{}, {"hedges": {"about": {"low": "n - 4 * half"}}}, {"hedges": {"about": {"low": "n - 2 * half"}}}, {}]
    jobs = [(_write(tmp_path, number, case(hedges)), f"case-{number}") for number, hedges in enumerate(tables)]
    expected = ["145.000000000", "130.000000000", "140.000000000", "145.000000000"]
    for kept in (1, 10_000, 10_000):  # numbered again for each new table; then kept, and found kept
        monkeypatch.setattr(columns, "_HEDGE_TABLES_KEPT", kept)
        lows = [str(_read_chunk_whole([job], None)[1]["low"][0]) for job in jobs]  # a chunk each
        assert lows == expected
        assert len(columns._HEDGE_TABLES) == (1 if kept == 1 else 3)
    monkeypatch.setattr(columns, "_HEDGE_TABLES_KEPT", 1)  # forgotten in the middle of a chunk
    assert [str(low) for low in _read_chunk_whole(jobs, None)[1]["low"]] == expected
