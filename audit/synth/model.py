"""The truth of a synthetic event and the claims outlets make about it.

Every case starts from true counts (per place, day and group); each outlet reports some of them
with a hedge whose interval contains the true value, so the consistent part of a case can fire
no rule. Discrepancies are then planted, each in a period of its own (days before the event),
so a planted one can interact with nothing else, and each writes down the finding it must raise.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

import pycountry

from audit.hedges import VAGUE, HedgeTable

__all__ = ["Claim", "Planted", "SynthCase", "make_case", "PLANT_KINDS"]

_TABLE = HedgeTable()

#: the rules a planted discrepancy can target, in the order cases cycle through them
PLANT_KINDS = (
    "SUM001", "SUM002", "SUM003", "HIER001", "AGREE001", "AGREE002", "COUNT001",
    "COUNT002", "PLACE001", "TREND001", "RATIO001", "GROUND001", "GROUND002",
)

_EVENTS = {
    "crackdown": ("detained", "sites", ["VN", "CN", "ID", "TW", "MM", "TH", "LA"]),
    "disaster": ("deaths", "displaced", ["PH", "VN", "ID", "MY", "TH", "IN", "BD"]),
}
_OUTLETS = ["Herald", "Courier", "Tribune", "Gazette", "Post", "Observer", "Chronicle", "Times", "Dispatch", "Ledger"]
_SYLLABLES = ["po", "i", "pet", "ba", "vet", "san", "tor", "kam", "lu", "ra", "mek", "don", "sa", "ri", "ang", "tel"]


@dataclass
class Claim:
    """One figure as one outlet prints it (the fields of a claim file, plus its interval)."""

    id: str
    source: str
    text: str
    measure: str
    qualifier: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    place: list[str]
    period: tuple[dt.date, dt.date]
    group: list[str] = field(default_factory=list)
    vague: str | None = None
    role: str = "body"
    part_of: str | None = None
    breakdown: str | None = None
    axis: str = ""
    named: list[str] = field(default_factory=list)  # names as printed
    named_codes: list[str] = field(default_factory=list)
    cumulative: bool = False
    ratio_of: str | None = None
    describes: str | None = None
    unit: str | None = None
    kind: str = "count"
    shift: int = 0  # a planted GROUND001: the offsets point this many characters past the phrase


@dataclass
class Planted:
    """A discrepancy put into a case on purpose, with the finding it must raise."""

    rule: str
    case: str
    claims: list[str]
    severity: str
    note: str


@dataclass
class SynthCase:
    name: str
    country: str
    period: tuple[dt.date, dt.date]
    sources: dict[str, dict]  # source id -> outlet, published
    claims: list[Claim]
    planted: list[Planted]
    places: dict[str, str]  # name as printed -> code (the case's alias table)
    towns: dict[str, str]  # town name -> the subdivision it lies in


@cache
def _countries() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Countries whose subdivisions lie directly in them: (code, name, [(subdivision code, name)])."""
    subs: dict[str, list] = {}
    nested: set[str] = set()
    for s in pycountry.subdivisions:
        subs.setdefault(s.country_code, []).append((s.code, s.name.split(" (")[0]))
        if s.parent_code:
            nested.add(s.country_code)
    chosen = []
    for code, items in sorted(subs.items()):
        country = pycountry.countries.get(alpha_2=code)
        names = [n for _, n in items]
        if code in nested or not 8 <= len(items) <= 40 or country is None or len(set(names)) != len(names):
            continue
        chosen.append((code, getattr(country, "common_name", country.name), sorted(items)))
    return chosen


def _interval(value: Decimal, qualifier: str, integral: bool = True) -> tuple[Decimal | None, Decimal | None]:
    return _TABLE.interval(value, qualifier, integral)


def _nice(x: int, up: bool, rng: random.Random) -> int:
    """A round number near x (one or two significant digits), at or above it when ``up``, else at or below."""
    if x < 10:
        return x
    step = 10 ** (len(str(x)) - rng.choice((1, 2)))
    step = max(step, 1)
    n = (-(-x // step) if up else x // step) * step
    return n if n > 0 else x


def hedged(rng: random.Random, truth: int, exact_only: bool = False) -> tuple[str, Decimal | None, Decimal | None, Decimal | None, str | None]:
    """(qualifier, value, low, high, vague word) for a figure whose true value is ``truth``; the interval holds it."""
    exact = ("exact", Decimal(truth), Decimal(truth), Decimal(truth), None)
    if exact_only:
        return exact
    pick = rng.choices(
        ["exact", "more_than", "at_least", "fewer_than", "up_to", "nearly", "about", "range", "vague"],
        [40, 10, 10, 4, 4, 4, 16, 6, 6],
    )[0]
    if pick == "exact" or truth < 2:
        return exact
    if pick == "range":
        low, high = _nice(truth, False, rng), _nice(truth, True, rng)
        if low >= high:
            return exact
        return "range", None, Decimal(low), Decimal(high), None
    if pick == "vague":
        words = [w for w, (lo, hi) in VAGUE.items() if lo <= truth and (hi is None or truth <= hi)]
        if not words:
            return exact
        word = rng.choice(words)
        lo, hi = VAGUE[word]
        return "vague", None, Decimal(lo), None if hi is None else Decimal(hi), word
    n = {
        "more_than": _nice(truth - 1, False, rng),
        "at_least": _nice(truth, False, rng),
        "fewer_than": _nice(truth + 1, True, rng),
        "up_to": _nice(truth, True, rng),
        "nearly": _nice(truth + 1, True, rng),
        "about": round(truth, 2 - len(str(truth))) or truth,
    }[pick]
    low, high = _interval(Decimal(n), pick)
    if (low is not None and low > truth) or (high is not None and high < truth) or n <= 0:
        return exact
    return pick, Decimal(n), low, high, None


class _Builder:
    """Collects the claims of one case, numbering ids per source."""

    def __init__(self, case: str, sources: list[str]) -> None:
        self.case, self.sources, self.claims = case, sources, []
        self.counter = {s: 0 for s in sources}
        self.short = {s: f"s{i + 1}" for i, s in enumerate(sources)}

    def add(self, rng: random.Random, source: str, truth: int, measure: str, place: list[str], period, *,
            exact: bool = False, hedge=None, **extra) -> Claim:
        self.counter[source] += 1
        qualifier, value, low, high, vague = hedge or hedged(rng, truth, exact)
        claim = Claim(id=f"{self.short[source]}-{self.counter[source]}", source=source, text="", measure=measure,
                      qualifier=qualifier, value=value, low=low, high=high, vague=vague, place=place, period=period,
                      **extra)
        claim.text = phrase(claim)
        self.claims.append(claim)
        return claim


_NOUNS = {"detained": "people", "deaths": "people", "sites": "sites", "displaced": "people", "other": "workers",
          "provinces": "provinces", "rescued": "people", "missing": "people"}


def _number(value: Decimal) -> str:
    return f"{int(value):,}" if value == value.to_integral_value() else f"{value:f}"


def phrase(claim: Claim) -> str:
    """The phrase as printed: hedge, number and noun ("more than 1,000 people", "about 3 per cent")."""
    noun = "women" if "female" in claim.group else "men" if "male" in claim.group else _NOUNS.get(claim.measure, "people")
    if claim.kind == "ratio":
        pct = claim.value * 100
        words = {"about": "about ", "fewer_than": "less than ", "exact": ""}[claim.qualifier]
        return f"{words}{_number(pct)} per cent"
    if claim.qualifier == "vague":
        return f"{claim.vague} of {noun}"
    if claim.qualifier == "range":
        return f"{_number(claim.low)} to {_number(claim.high)} {noun}"
    words = {"exact": "", "more_than": "more than ", "at_least": "at least ", "fewer_than": "fewer than ",
             "up_to": "up to ", "nearly": "nearly ", "about": "about "}[claim.qualifier]
    return f"{words}{_number(claim.value)} {noun}"


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` positive whole numbers (total >= parts)."""
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, total]
    return [bounds[i + 1] - bounds[i] for i in range(parts)]


def _town_name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_case(index: int, n_sources: int, seed: int, target_claims: int = 100, plants: tuple[str, ...] | None = None,
              grounding: bool = True) -> SynthCase:
    """One synthetic case: about ``target_claims`` claims from ``n_sources`` outlets, with planted discrepancies.

    Case ``index`` always gets the plant ``PLANT_KINDS[index % len]`` (so N >= 13 cases cover every
    rule) plus a few at random; ``plants`` overrides the choice. ``grounding=False`` leaves out
    GROUND001, which needs article texts (a Parquet archive has none).
    """
    rng = random.Random(f"{seed}:{index}")
    country, _, subdivisions = rng.choice(_countries())
    event = rng.choice(sorted(_EVENTS))
    measure, measure2, nationalities = _EVENTS[event]
    start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 5 * 365))
    n_days = rng.randint(3, 5)
    days = [start + dt.timedelta(days=d) for d in range(n_days)]
    main = (days[0], days[-1])
    name = f"case-{index:05d}"
    outlets = rng.sample(_OUTLETS, min(n_sources, len(_OUTLETS)))
    sources = {f"{o.lower()}-{main[1] + dt.timedelta(days=1)}" + (f"-{i}" if i >= len(_OUTLETS) else ""):
               {"outlet": f"The {o}", "published": main[1] + dt.timedelta(days=1 + i % 3)}
               for i, o in enumerate(outlets)}
    source_ids = list(sources)
    b = _Builder(name, source_ids)

    # the truth: counts per place and day, split by nationality; a town in the first place
    k = rng.randint(3, min(6, len(subdivisions) - 4))
    places = rng.sample(subdivisions, k + 4)  # four more for plants
    used, spare = places[:k], places[k:]
    per_day = {code: [rng.randint(3, 120) for _ in days] for code, _ in used}
    per_place = {code: sum(v) for code, v in per_day.items()}
    per_day_total = [sum(per_day[c][d] for c, _ in used) for d in range(n_days)]
    total = sum(per_place.values())
    groups = dict(zip(rng.sample(nationalities, 4), _split(rng, total, 4)))
    women = {g: rng.randint(0, t) for g, t in groups.items()}
    town = _town_name(rng)
    town_code = f"{used[0][0]}/{town}"
    town_total = rng.randint(1, per_place[used[0][0]])
    second = {code: rng.randint(1, 12) for code, _ in used}
    share = Decimal(groups[next(iter(groups))]) / Decimal(total)

    whole = lambda s, **kw: b.add(rng, s, total, measure, [country], main, **kw)  # noqa: E731
    breakdowns = [
        ("place", lambda s, kw: [b.add(rng, s, per_place[c], measure, [c], main, **kw) for c, _ in used], whole),
        ("group", lambda s, kw: [b.add(rng, s, t, measure, [country], main, group=[g], **kw) for g, t in groups.items()], whole),
        ("day", lambda s, kw: [b.add(rng, s, t, measure, [country], (d, d), **kw) for d, t in zip(days, per_day_total)], whole),
        ("place", lambda s, kw: [b.add(rng, s, v, measure2, [c], main, **kw) for c, v in second.items()],
         lambda s, **kw: b.add(rng, s, sum(second.values()), measure2, [country], main, **kw)),
    ]
    standalone = [
        *[(lambda s, c=c, d=d: b.add(rng, s, per_day[c][d], measure, [c], (days[d], days[d]))) for c, _ in used for d in range(n_days)],
        *[(lambda s, r=r: b.add(rng, s, sum(per_day_total[: r + 1]), measure, [country], (days[0], days[r]), cumulative=True))
          for r in range(n_days - 1)],
        *[(lambda s, g=g: b.add(rng, s, women[g], measure, [country], main, group=[g, "female"])) for g in groups if women[g]],
        lambda s: b.add(rng, s, town_total, measure, [town_code], main),
        lambda s: b.add(rng, s, k, "provinces", [], main, exact=True, named=[n for _, n in used], named_codes=[c for c, _ in used]),
        lambda s: b.add(rng, s, k, "provinces", [], main, hedge=("at_least", Decimal(rng.randint(2, k)), None, None, None)),
    ]
    per_source = max(8, target_claims // max(1, n_sources))
    for s in source_ids:
        first = len(b.claims)
        whole(s, role="headline")
        body_total = None
        for axis, parts_of, whole_of in rng.sample(breakdowns, 2):
            kind = rng.choice(["exhaustive", "partial", "unknown"])
            top = whole_of(s)
            body_total = body_total or (top if top.measure == measure else None)
            parts = parts_of(s, {"exact": kind == "unknown", "part_of": top.id, "breakdown": kind, "axis": axis})
            if kind == "partial":  # "including": drop one part or more
                for part in rng.sample(parts, rng.randint(1, len(parts) - 1)):
                    b.claims.remove(part)
        if rng.random() < 0.5:  # the share one nationality has of the whole
            base = body_total or whole(s)
            group_claim = b.add(rng, s, groups[next(iter(groups))], measure, [country], main, group=[next(iter(groups))])
            value = share.quantize(Decimal("0.01"))
            if value > 0:
                low, high = _interval(value, "about", False)
                if low <= share <= high:
                    b.add(rng, s, 0, "ratio", [country], main, kind="ratio", ratio_of=base.id, describes=group_claim.id,
                          hedge=("about", value, low, high, None))
        while len(b.claims) - first < per_source:
            rng.choice(standalone)(s)

    from audit.synth.plants import plant  # plants build on this module's claims

    planted: list[Planted] = []
    kinds = plants if plants is not None else tuple({PLANT_KINDS[index % len(PLANT_KINDS)], *rng.sample(PLANT_KINDS, rng.randint(0, 2))})
    aliases = {n: c for c, n in used + spare}
    towns = {town: used[0][0]}
    for j, kind in enumerate(sorted(kinds)):
        if (kind == "GROUND001" and not grounding) or (kind == "AGREE001" and len(source_ids) < 2):
            continue
        period = (start - dt.timedelta(days=10 * (j + 1)), start - dt.timedelta(days=10 * (j + 1) - 1))
        place = spare[j % len(spare)][0]
        planted.append(plant(kind, rng, b, name, source_ids, country, place, period, measure, spare, aliases, towns))
    return SynthCase(name=name, country=country, period=main, sources=sources, claims=b.claims, planted=planted,
                     places=aliases, towns=towns)
