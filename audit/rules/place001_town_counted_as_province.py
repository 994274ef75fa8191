"""PLACE001: a town is named among provinces."""

from __future__ import annotations

import polars as pl

from audit.frame import ENGINE
from audit.places import Gazetteer
from audit.rules.registry import rule
from audit.rules.rows import finding_rows


@rule("PLACE001", "places.town-counted-as-province", "warning")
def town_counted_as_province(claims: pl.LazyFrame, sources: pl.LazyFrame) -> pl.LazyFrame:
    """A town is named as one of the provinces a figure counts.

    "At least five provinces, including Phnom Penh, Sihanoukville and Poipet": Poipet is a town
    in Banteay Meanchey. The count itself is checked with the town read as its province
    (COUNT001); this warns that the list mixes levels, so a reader may count wrong.

    *Anti-pattern*: "five provinces, including ... Poipet".

    *Best practice*: name the province ("Banteay Meanchey, where Poipet lies") or say
    "five provinces and towns".
    """
    towns = (
        claims.filter((pl.col("measure") == "provinces") & pl.col("named_levels").list.contains("town"))
        .select("case", "id", "text", "named", "named_codes", "named_levels")
        .explode("named", "named_codes", "named_levels")
        .filter(pl.col("named_levels") == "town")
        .with_columns(province=pl.col("named_codes").str.split("/").list.first())
    )
    provinces = towns.select("province").unique().collect(engine=ENGINE)["province"].to_list()
    gazetteer = Gazetteer()
    names = pl.LazyFrame(
        {"province": provinces, "province_name": [_name(gazetteer, code) for code in provinces]},
        schema={"province": pl.String, "province_name": pl.String},
    )
    rows = towns.join(names, on="province", how="left")
    return finding_rows(
        rows,
        severity=pl.lit("warning"),
        reason=pl.lit("warning: an outlet may use the town's name for its province"),
        message=pl.format("\"{}\" names {} as a province, but it is a town in {} ({})",
                          pl.col("text"), pl.col("named"), pl.col("province_name"), pl.col("province")),
        claim_ids=pl.concat_list(pl.col("id")),
    )


def _name(gazetteer: Gazetteer, code: str) -> str:
    place = gazetteer.resolve(code)
    return gazetteer.press_name(code) or (place.name if place else code)
