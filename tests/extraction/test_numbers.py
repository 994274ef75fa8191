"""Number reading (issue 10): compounds, scales, digits from other scripts, hedges and comparatives,
and what is no figure -- each construction in a sentence written for this project."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audit.extract import claim_interval, extract_text
from audit.extract.numbers import normalise, word_value
from audit.hedges import WORDINGS, WORDINGS_AFTER

#: (sentence, the claim's text, low, high); None is an open side.
READ = [
    ("Rescuers pulled one hundred and six people from the rubble.", "one hundred and six people", 106, 106),
    ("Seven hundred and twelve million dollars was pledged for rebuilding.", "Seven hundred and twelve million dollars",
     712_000_000, 712_000_000),
    ("Two dozen houses collapsed in the night.", "Two dozen houses", 24, 24),
    ("The ministry counted 2 thousand 323 deaths in the province.", "2 thousand 323 deaths", 2323, 2323),
    ("Fourteen people died in the first town.", "Fourteen people", 14, 14),
    ("Sixteen people were hurt when the wall fell.", "Sixteen people", 16, 16),
    ("Seventeen families lost their homes.", "Seventeen families", 17, 17),
    ("Eighteen people are still missing.", "Eighteen people", 18, 18),
    ("Nineteen bodies were recovered from the river.", "Nineteen bodies", 19, 19),
    ("More than 10k people fled the coast.", "More than 10k people", 10_001, None),
    ("About 3M people lost power.", "About 3M people", 2_500_000, 3_500_000),
    ("The bank lent 2 bln for repairs.", "2 bln", 2_000_000_000, 2_000_000_000),
    ("Some 12 lakhs people were moved to camps.", "12 lakhs people", 1_150_000, 1_250_000),
    ("Between 1000-5000 people gathered in the square.", "1000-5000 people", 1000, 5000),
    ("The toll reached 40 000 on Monday.", "40 000", 40_000, 40_000),
    ("The toll reached 40\u00a0000 on Monday.", "40\u00a0000", 40_000, 40_000),
    ("The toll reached 40\u202f000 on Monday.", "40\u202f000", 40_000, 40_000),
    ("The toll reached 40\u200b000 on Monday.", "40\u200b000", 40_000, 40_000),
    ("The toll reached \uff14\uff10\uff0c\uff10\uff10\uff10 on Monday.", "\uff14\uff10\uff0c\uff10\uff10\uff10", 40_000, 40_000),
    ("The toll reached \u0664\u0660\u0660 on Monday.", "\u0664\u0660\u0660", 400, 400),
    ("Turnout ranged from 50 to 80% in the district.", "from 50 to 80%", Decimal("0.5"), Decimal("0.8")),
    # a count that changed is two figures, not a range: where it stood and where it stands
    ("The toll rose from 81 to 110 on Friday.", "110", 110, 110),
    ("The toll rose by 13 to 110 on Friday.", "110", 110, 110),
    ("Between 20 and 30 people were rescued.", "Between 20 and 30 people", 20, 30),
    ("More than 10 and fewer than 40 people were hurt.", "More than 10 and fewer than 40 people", 11, 39),
    # comparatives: their rows in the hedge table (audit hedges)
    ("The death toll exceeded 5,000 on Tuesday.", "exceeded 5,000", 5001, None),
    ("The toll now tops 20,000, officials said.", "tops 20,000", 20_001, None),
    ("The count of the dead passes 1,000.", "passes 1,000", 1001, None),
    ("Greater than 40 people were hurt.", "Greater than 40 people", 41, None),
    ("The toll nears 3,000 deaths.", "nears 3,000 deaths", 2700, 2999),
    ("The toll has gone up to 180 deaths, officials said.", "has gone up to 180 deaths", 180, 180),
    ("Up to 30 people may be trapped.", "Up to 30 people", 0, 30),
    ("As many as 200 people died in the blaze.", "As many as 200 people", 200, 200),
    ("As many as 2,000 people are feared dead.", "As many as 2,000 people", 0, 2000),
    ("The mayor said the toll could reach 9,000.", "could reach 9,000", 0, 9000),
    ("By Friday the toll had approached 3,000.", "approached 3,000", 2700, 2999),
    ("Quake toll rises past 1,700", "rises past 1,700", 1701, None),
    ("Police set up a 475-member task force.", "475", 475, 475),
    ("Officials opened nine relief camps.", "nine relief camps", 9, 9),
    ("The injured were taken to hospitals: four at the Central Clinic.", "four", 4, 4),
    ("(Agency, 30 Oct) :Nineteen foreigners were among the dead.", "Nineteen foreigners", 19, 19),
    ("The wounded went to City Hospital six, Mercy Clinic four and Lakeside three.", "four", 4, 4),
    ("A crowd of 500 people or more gathered.", "500 people or more", 500, None),
    ("Officials counted 300 or fewer deaths.", "300 or fewer", 0, 300),
    ("A third of the houses were damaged.", "A third", Decimal(1) / 3, Decimal(1) / 3),
]

#: (sentence, a phrase no claim may overlap): times, calendars, ages, lengths, speeds, dates.
NOT_FIGURES = [
    ("The quake struck at 9 a.m. on Monday.", "9 a.m."),
    ("A second shock came at about 10 p.m. local time.", "about 10 p.m."),
    ("The shock came at 1300 GMT.", "1300 GMT"),
    ("Pilgrims gathered for Haj 1445 in June.", "1445"),
    ("Most victims were between 20 and 30 years old.", "between 20 and 30 years"),
    ("Many of the dead were in their 20s.", "20s"),
    ("Waves three metres (10 feet) high hit the coast.", "(10 feet)"),
    ("Winds of up to 149 kph lashed the island.", "up to 149 kph"),
    ("The quake struck on 2023-02-06 before dawn.", "2023-02-06"),
    ("Aftershocks followed on 6 February 2023.", "6 February 2023"),
    ("The storm was 3m high at the pier.", "3m"),
    ("World War Two, the historian said, was different.", "Two"),
    ("Of the dead, most were aged 20-30.", "20-30"),
    ("One victim was between the age of 10 and 19.", "10 and 19"),
    ("Aftershocks ranged between magnitudes 3 and 5.", "3 and 5"),
    ("The site covers at least 10,000 square metres.", "10,000"),
]


def _claims(text: str) -> list[dict]:
    claims = extract_text(text, source="t", kind="md", case_country="TR")
    for claim in claims:  # offsets point at the original characters
        assert text[claim["start"]:claim["end"]] == claim["text"]
    return claims


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


@pytest.mark.parametrize(("text", "phrase", "low", "high"), READ, ids=[r[1] for r in READ])
def test_reads(text: str, phrase: str, low, high) -> None:
    claims = _claims(text)
    found = [c for c in claims if phrase in c["text"]]
    assert found, f"no claim holds {phrase!r}: {[c['text'] for c in claims]}"
    interval = claim_interval(found[0])
    assert tuple(None if b is None else round(b, 9) for b in interval) == (
        _decimal(low) if low is None else round(_decimal(low), 9), None if high is None else round(_decimal(high), 9))


@pytest.mark.parametrize(("text", "phrase"), NOT_FIGURES, ids=[n[1] for n in NOT_FIGURES])
def test_not_figures(text: str, phrase: str) -> None:
    start = text.index(phrase)
    end = start + len(phrase)
    overlapping = [c["text"] for c in _claims(text) if c["start"] < end and start < c["end"]]
    assert not overlapping, f"{phrase!r} is no figure, but read as {overlapping}"


def test_every_wording_is_read_as_its_qualifier() -> None:
    for qualifier, wordings in WORDINGS.items():
        for wording in wordings:
            text = f"Officials said {wording} 400 people were affected."
            claims = _claims(text)
            assert [c["qualifier"] for c in claims] == [qualifier], (wording, claims)
    for qualifier, wordings in WORDINGS_AFTER.items():
        for wording in wordings:
            text = f"Officials said 400 people {wording} were affected."
            if wording in ("+", "plus"):  # "400+ people", "400 plus people"
                text = f"Officials said 400{'' if wording == '+' else ' '}{wording} people were affected."
            claims = _claims(text)
            assert [c["qualifier"] for c in claims] == [qualifier], (wording, claims)


@pytest.mark.parametrize(("text", "phrase"), [
    ("Dozens killed as floods sweep the east", "Dozens"), ("Thousands more are missing.", "Thousands"),
    ("The storm displaced thousands.", "thousands"), ("Hundreds moved to nearby towns.", "Hundreds"),
])
def test_vague_quantities_without_of(text: str, phrase: str) -> None:
    claims = _claims(text)
    assert [c["qualifier"] for c in claims if phrase in c["text"]] == ["vague"], claims


def test_in_the_thousands_is_vague() -> None:
    assert [c["qualifier"] for c in _claims("All the numbers were in the thousands.")] == ["vague"]


@pytest.mark.parametrize(("words", "value"), [
    ("one hundred and sixty-one", 161), ("twenty-one thousand eleven", 21_011), ("three lakh crore", 3 * 10**12),
    ("three crore twelve lakh fifty-six thousand seven hundred twenty-one", 31_256_721), ("a dozen", 12),
    ("three hundred and two dozens", 324), ("two hundred dozens", 2400), ("three thousand millions", 3 * 10**9),
])
def test_word_values(words: str, value: int) -> None:
    assert word_value(words) == value


_SPACES = st.sampled_from(["\u00a0", "\u202f", "\u2009", "\u200b", "\u3000"])
_DIGITS = st.text(alphabet=st.sampled_from("0123456789\uff10\uff11\u0660\u0669\u0966\u096f"), min_size=1, max_size=6)


@given(st.lists(st.one_of(_SPACES, _DIGITS, st.text(max_size=5)), max_size=8))
def test_normalise_keeps_every_offset(parts: list[str]) -> None:
    text = "".join(parts)
    folded = normalise(text)
    assert len(folded) == len(text)
    assert all(a == b for a, b in zip(folded, text) if a.isascii() and b.isascii())


@given(st.integers(min_value=1000, max_value=999_999), _SPACES)
def test_a_grouped_number_reads_the_same_with_any_space(value: int, space: str) -> None:
    grouped = f"{value:,}".replace(",", space)
    claims = _claims(f"The toll reached {grouped} on Monday.")
    assert [claim_interval(c) for c in claims] == [(Decimal(value), Decimal(value))]


@pytest.mark.parametrize(("text", "phrase"), [
    ("Of the dead, 40 were in their 20s, seven in their 50s and three in their teens.", "seven"),
    ("Of the dead, 40 were in their 20s, seven in their 50s and three in their teens.", "three"),
    ("Most victims were young; five in their early twenties were students.", "five"),
    ("Two aged over 70 were taken to hospital.", "Two"),
])
def test_a_number_word_before_an_age_group_counts_people(text: str, phrase: str) -> None:
    assert phrase in [c["text"] for c in _claims(text)]


def test_an_age_group_is_no_figure_of_its_own() -> None:
    texts = [c["text"] for c in _claims("Of the dead, seven were in their 50s and three in their teens.")]
    assert "50s" not in " ".join(texts) and "teens" not in " ".join(texts)
