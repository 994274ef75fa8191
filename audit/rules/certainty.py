"""What may be compared, and how sure a comparison is: the scope readings as rule expressions.

Shared by the agreement, trend and hierarchy rules. A figure takes part in comparisons only as a
``total`` or a ``part`` (never a subset, an increment, a prior figure, a rate or an estimate),
only when its measure was read from its own phrase or clause or stated by a person (not carried
from another sentence, not defaulted), when it counts people or things rather than places, when
it is a count rather than a vague size ("dozens", "hundreds of"), and when the day it stands at is
known. A finding is an **error** only when nothing in it rests on a guess:
every measure, place and day read from the text itself and no two rival authorities; otherwise
it is at most a warning, and ``reason`` says why in words.
"""

from __future__ import annotations

import polars as pl

from audit.places import HELD_AREA
from audit.vocabulary import GENERIC_AUTHORITIES, SURE_READINGS

__all__ = ["main_figure", "COMPARED_KINDS", "comparable_scope", "sure", "certain_pair", "reason", "rival_authorities"]

COMPARED_KINDS = ("total", "part")
#: counts of places ("two provinces") are checked against the places named (COUNT rules), not compared
_PLACE_COUNTS = ("provinces", "cities", "sites")
#: readings that a rule treats as certain: a person stated it, or the figure's phrase or clause says it
_SURE = list(SURE_READINGS)


def comparable_scope() -> pl.Expr:
    """Claims that may be compared with others at all."""
    return (
        pl.col("figure_kind").is_in(COMPARED_KINDS)
        & pl.col("measure_read").is_in(_SURE)  # a measure carried from another sentence is a guess
        & ~pl.col("measure").is_in(list(_PLACE_COUNTS))
        & (pl.col("as_of_read") != "unknown")
        & (pl.col("qualifier") != "vague")  # "dozens", "hundreds of": a word for a size, not a count to set against one
        & pl.col("as_of").is_not_null()
    )


def sure(column: str, suffix: str = "") -> pl.Expr:
    """The reading of ``column`` (measure, place, as_of, authority, kind) is certain."""
    return pl.col(f"{column}_read{suffix}").is_in(_SURE)


def rival_authorities(suffix: str = "_b") -> pl.Expr:
    """Both figures name who gives them, each a body in particular (not "officials"), and not the same one."""
    named = [~pl.col(c).is_in(list(GENERIC_AUTHORITIES)) & pl.col(c).is_not_null() for c in ("authority", f"authority{suffix}")]
    return named[0] & named[1] & (pl.col("authority") != pl.col(f"authority{suffix}"))


def certain_pair(suffix: str = "_b", attributes: tuple[str, ...] = ("measure", "place", "as_of")) -> pl.Expr:
    """Every listed attribute of both figures was read for certain, and no two authorities differ."""
    checks = [sure(a) & sure(a, suffix) for a in attributes]
    return pl.all_horizontal(checks) & ~rival_authorities(suffix)


def reason(lenient_violation: pl.Expr, suffix: str = "_b", attributes: tuple[str, ...] = ("measure", "place", "as_of"),
           error_reason: str = "error: impossible under every reading of the hedges and of what the figures count") -> pl.Expr:
    """Why a finding has its severity, in words (the first reason that applies)."""
    expr = pl.when(rival_authorities(suffix)).then(
        pl.format("warning: two authorities ({} and {}) may count differently", pl.col("authority"), pl.col(f"authority{suffix}")))
    words = {"measure": "what is counted", "place": "the place", "as_of": "the day the count stands at"}
    for attribute in attributes:
        unsure = ~(sure(attribute) & sure(attribute, suffix))
        guessed = pl.when(sure(attribute)).then(pl.col(f"text{suffix}")).otherwise(pl.col("text"))
        how = pl.when(sure(attribute)).then(pl.col(f"{attribute}_read{suffix}")).otherwise(pl.col(f"{attribute}_read"))
        if attribute == "as_of":
            expr = expr.when(unsure).then(pl.format(
                "warning: \"{}\" gives no day of its own (read as of its publication date); a count may change within a day",
                guessed))
        else:
            expr = expr.when(unsure).then(pl.format(
                f"warning: {words[attribute]} of \"{{}}\" was not read from its own words ({{}})", guessed, how))
    expr = expr.when(~lenient_violation).then(pl.lit("warning: a round figure may itself be rounded; read so, they agree"))
    return expr.otherwise(pl.lit(error_reason))


def main_figure(by_authority: bool = False) -> pl.Expr:
    """A story's main figure of a measure on a day, for a group its own words name ("the dead", "83
    women"), in one country or one area a side holds: the largest it gives in its headline, or in its body. Smaller figures of the same
    measure in one story are most often slices the extractor could not tell apart (a province, a
    nationality, "18 others"), so only main figures are set against other stories and against the
    story's own headline. ``by_authority``: the largest each authority the story names gives
    ("the police said 51 ... the ministry said 36"), for setting rival authorities side by side."""
    # a group the figure's own words name ("83 women") is a slice of its own; one taken from a whole is not
    group = pl.col("_sure_group")  # ``audit.frame.derive``
    # two countries' tolls, or the tolls of areas two sides hold, are no slices of one another: each has its main
    countries = pl.col("_countries")  # ``audit.frame.derive``
    held = pl.col("place").list.first().str.extract(HELD_AREA.pattern, 2).fill_null("")
    country = pl.concat_str([countries.fill_null(""), held])
    key = ["case", "source", "role", "measure", "unit", "as_of", group, country.alias("_country")]
    if by_authority:
        return (pl.col("authority").is_not_null() & (pl.col("low") == pl.col("low").max().over(*key, "authority"))).fill_null(False)
    largest = pl.col("low") == pl.col("low").max().over(*key)
    return largest.fill_null(False)
