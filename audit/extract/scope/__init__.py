"""A figure's scope: what it counts, what kind of figure it is, as of when, and who gives it.

Every attribute is a ``Reading``: a value and *how it was read*, so the rules can compare only
what is sure enough and say why a finding is a warning (as Duckling marks a parse ``latent``):

- ``own``       the figure's own phrase says it ("36 deaths", "as of Tuesday")
- ``clause``    the clause around the figure says it ("the health ministry said ... 36")
- ``carried``   taken from another sentence of the story (a measure named earlier)
- ``default``   nothing in the text says it: the publication date, the case's country, the outlet
- ``stated``    a person wrote it in a reviewed claim file

One reader per attribute, each in its own module, so a newcomer finds where "as of when" is
decided: ``kinds`` (total, part, increment, subset, prior, rate, estimate), ``as_of`` (the day
the count stands at), ``authority`` (who gives the figure). The measure, place and group are
read by ``audit.extract.measures`` and ``audit.extract.placenames``/``nationalities``; this
package records how sure those readings are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from audit.vocabulary import FIGURE_KINDS as KINDS
from audit.vocabulary import READINGS as HOW
from audit.vocabulary import SURE_READINGS

__all__ = ["Reading", "Scope", "HOW", "KINDS", "SURE", "read_scope"]

#: Readings a rule may treat as certain: the text (or a person) says it of this figure.
SURE = SURE_READINGS


@dataclass(frozen=True)
class Reading:
    """One attribute of a figure's scope and how it was read (one of ``HOW``)."""

    value: object
    how: str

    @property
    def sure(self) -> bool:
        return self.how in SURE


@dataclass(frozen=True)
class Scope:
    """What a figure counts, where, who, as of when, what kind of figure, and who says so."""

    measure: Reading
    kind: Reading
    as_of: Reading  # value: a date or None (unknown)
    authority: Reading  # value: a canonical name ("health ministry") or None (the outlet itself)
    place: Reading
    group: Reading
    period: Reading  # value: the period's (first, last) day as read, or None

    def read(self) -> dict[str, str]:
        """How each attribute was read, for the claim file's ``read:`` map."""
        return {name: getattr(self, name).how
                for name in ("measure", "kind", "as_of", "authority", "place", "group", "period")}


def read_scope(figure, sentence, previous, text: str, published: dt.date | None, own_period: bool = True,
               own_group: tuple[str, ...] | None = None) -> Scope:
    """The scope of one figure after the story is linked (``audit.extract.structure``).

    ``previous`` is the sentence before (for an authority carried from "The ministry said:");
    ``own_period``: the figure's sentence stated its period (else it was carried from another);
    ``own_group``: the groups its own words named, before a part took its whole's.
    """
    measure_how = ("clause" if figure.measure_from_verb else "own") if figure.measure_is_own else (
        "carried" if figure.measure not in (None, "other") else "default")
    if figure.part_of and not figure.measure_is_own:
        measure_how = "carried"
    place_how = "own" if figure.place_is_own else ("carried" if figure.place else "default")
    own_group = tuple(figure.group) if own_group is None else own_group
    group_how = ("own" if set(figure.group) == set(own_group) else "carried") if figure.group else "default"
    return Scope(
        measure=Reading(figure.measure or "other", measure_how),
        kind=read_kind(figure, text, published),
        as_of=read_as_of(figure, text, published),
        authority=read_authority(figure, sentence, previous, text),
        place=Reading(tuple(figure.place), place_how),
        group=Reading(tuple(figure.group), group_how),
        period=Reading(figure.period, ("clause" if own_period else "carried") if figure.period else "default"),
    )


# The readers import ``Reading`` from this module: imported once it is defined (not on every call).
from audit.extract.scope.as_of import read_as_of  # noqa: E402
from audit.extract.scope.authority import read_authority  # noqa: E402
from audit.extract.scope.kinds import read_kind  # noqa: E402
