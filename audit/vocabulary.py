"""The measure vocabulary: what a figure counts.

Each measure has a kind -- ``count`` (whole things: people, houses), ``amount`` (money, any
unit that divides) or ``ratio`` (a fraction: "60 per cent" is 0.6) -- and the words an article
uses for it, which extraction maps onto it. ``places`` measures count places themselves
("at least five provinces") and carry the administrative level they count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Measure", "MEASURES", "FIGURE_KINDS", "READINGS", "SURE_READINGS", "CUMULATIVE_MEASURES", "GENERIC_AUTHORITIES"]

#: What kind of figure a claim is (FORMAT.md's kinds, with ``estimate`` for projections and fears).
FIGURE_KINDS = ("total", "part", "increment", "subset", "prior", "rate", "estimate", "other")
#: How an attribute of a claim was read, from surest to least sure (see ``audit.extract.scope``).
READINGS = ("stated", "own", "clause", "carried", "default", "unknown")
#: The readings taken from a figure's own words or its clause (a person's, or the text's): sure enough to
#: tell figures apart by.
SURE_READINGS = READINGS[:3]
#: Authorities that say no one in particular ("officials", "authorities"): two such, or one and a named body, are
#: not rivals. "The government" (a minister, the cabinet) is a body of its own: against the police, a rival.
GENERIC_AUTHORITIES = ("officials",)
#: Counts that only grow as days pass (a toll, arrests): a later, smaller figure is a correction or an error.
#: Stocks -- missing, hospitalized, displaced -- may go down as well as up.
CUMULATIVE_MEASURES = ("deaths", "injured", "detained", "deported", "prosecutions", "houses_damaged",
                       "houses_destroyed", "rescued")


@dataclass(frozen=True)
class Measure:
    name: str
    kind: str  # count | amount | ratio
    description: str
    words: tuple[str, ...] = field(default=())
    place_level: str | None = None  # for measures that count places: subdivision | town | any

    @property
    def integral(self) -> bool:
        return self.kind == "count"


MEASURES: dict[str, Measure] = {
    m.name: m
    for m in [
        Measure("detained", "count", "people arrested, detained or held",
                ("arrested", "arrests", "detained", "netted", "nabbed", "held", "apprehended", "rounded up", "suspects", "caught")),
        Measure("deaths", "count", "people killed or dead",
                ("died", "dead", "deaths", "killed", "fatalities", "death toll", "drowned", "electrocuted", "lives")),
        Measure("missing", "count", "people reported missing", ("missing", "unaccounted for")),
        Measure("injured", "count", "people injured", ("injured", "wounded", "hurt")),
        Measure("affected_people", "count", "people affected", ("affected", "persons affected")),
        Measure("affected_families", "count", "families affected", ("families",)),
        Measure("displaced", "count", "people displaced or evacuated", ("displaced", "evacuated", "evacuees")),
        Measure("deported", "count", "people deported", ("deported", "repatriated")),
        Measure("rescued", "count", "people rescued or freed", ("rescued", "freed")),
        Measure("prosecutions", "count", "prosecutions or charges", ("prosecutions", "charged", "prosecuted")),
        Measure("houses_damaged", "count", "houses or buildings damaged", ("houses", "homes")),
        Measure("houses_destroyed", "count", "houses or buildings destroyed or collapsed", ()),
        Measure("dead_or_missing", "count", "a combined toll: dead or missing (\"146 dead and missing\")", ()),
        Measure("hospitalized", "count", "people in hospital or treated there",
                ("hospitalised", "hospitalized", "admitted")),
        Measure("survivors", "count", "survivors found or counted", ("survivors",)),
        Measure("participants", "count", "a population, not a toll: pilgrims, protesters, rescue workers, residents", ()),
        Measure("livestock", "count", "animals: livestock, cattle, poultry", ("livestock", "cattle", "poultry")),
        Measure("sites", "count", "compounds, operations or raided locations",
                ("compounds", "locations", "operations", "centres", "centers", "sites")),
        Measure("provinces", "count", "provinces or regions named as places", ("provinces", "regions"), "subdivision"),
        Measure("cities", "count", "cities or towns named as places", ("cities", "towns", "municipalities"), "town"),
        Measure("money", "amount", "an amount of money (the unit is the currency)",
                ("damage", "worth", "billion", "million")),
        Measure("ratio", "ratio", "a share of another figure", ("per cent", "percent", "%")),
        Measure("other", "count", "a count of something not in this vocabulary"),
    ]
}

