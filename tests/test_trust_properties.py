"""Invariants of comparing only what is comparable (Hypothesis, on stories in this project's own words)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.check import check

_OUTLETS = "abcd"


def _case(folder: Path, stories: list[tuple[dt.date, str]]) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "case.yaml").write_text("title: a typhoon\ncountry: PH\n", encoding="utf-8")
    for index, (published, text) in enumerate(stories):
        (folder / "articles" / f"{_OUTLETS[index % 4]}{index}.md").write_text(
            f"---\ntitle: Typhoon update {index}\noutlet: Outlet {index}\npublished: {published.isoformat()}\n---\n{text}\n",
            encoding="utf-8")
    return folder


@settings(max_examples=8, deadline=None)
@given(start=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2030, 1, 1)),
       shift=st.integers(min_value=0, max_value=400),
       tolls=st.lists(st.integers(min_value=1, max_value=5000), min_size=2, max_size=4, unique=True))
def test_a_rising_toll_over_later_days_never_disagrees(start: dt.date, shift: int, tolls: list[int]) -> None:
    """Every story a day later than the one before, each with a higher toll, however far the whole
    case is shifted in time: no agreement or trend finding."""
    stories = [(start + dt.timedelta(days=shift + day), f"The disaster agency said {toll:,} people were killed by the typhoon.")
               for day, toll in enumerate(sorted(tolls))]
    with TemporaryDirectory() as folder:
        report = check([_case(Path(folder) / "case", stories)])
    assert not [f for f in report.findings if f.rule.startswith(("AGREE", "TREND", "HIER", "SUM"))], \
        [f.message for f in report.findings]


@settings(max_examples=8, deadline=None)
@given(total=st.integers(min_value=10, max_value=900), subset=st.integers(min_value=1, max_value=2000),
       place=st.sampled_from(["At the district hospital", "In one village", "At the city morgue"]))
def test_a_subset_is_never_a_whole(total: int, subset: int, place: str) -> None:
    """A hospital's, a village's or a morgue's count, whatever its size, is never a whole: it is set
    against no other outlet's figure and no later day's; the one check it takes part in is as a slice
    of its own story's total (HIER002), and only when it is larger than that total."""
    day = dt.date(2024, 8, 2)
    stories = [(day, f"Officials said {total} people were killed. {place}, {subset} bodies were brought in."),
               (day, f"Officials said {total} people were killed in the landslides.")]
    with TemporaryDirectory() as folder:
        report = check([_case(Path(folder) / "case", stories)])
    named = [f for f in report.findings if any(c.text.startswith(f"{subset} bodies") for c in f.claims)]
    as_a_whole = [f for f in named if f.rule != "HIER002"]
    assert not as_a_whole, [f.message for f in as_a_whole]
    if subset <= total:
        assert not named, [f.message for f in named]
    for finding in named:  # as a slice: against its own story's total, never the other outlet's
        assert {c.text for c in finding.claims} == {f"{subset} bodies", f"{total} people"}
        assert len({c.source for c in finding.claims}) == 1
