"""A month beside a number is a date only when the number can be a day of it."""

from __future__ import annotations

import datetime as dt

from audit.extract import extract_text
from audit.extract.numbers import find_numbers


def test_a_month_before_a_comma_leaves_the_count() -> None:
    """"In June, 300 people died": no day is 300, and the comma parts month and number."""
    claims = extract_text("In June, 300 people died in the floods.", kind="md", published=dt.date(2024, 7, 22),
                          case_country="SD")
    assert [c["value"] for c in claims] == [300]


def test_a_day_of_a_month_is_still_a_date() -> None:
    assert [n.value for n in find_numbers("On July 16 the storm hit; 300 died.")] == [300]
    assert [n.value for n in find_numbers("On 16 July the storm hit; 300 died.")] == [300]
