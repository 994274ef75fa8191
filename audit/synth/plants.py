"""Planted discrepancies: one per rule kind, each in a period of its own so it touches nothing else,
each returning the finding it must raise (rule, claims, severity)."""

from __future__ import annotations

from decimal import Decimal

from audit.synth.model import Planted, _Builder, _interval, _town_name

__all__ = ["plant"]


def plant(kind, rng, b: _Builder, case, sources, country, place, period, measure, spare, aliases, towns) -> Planted:
    """Put one discrepancy of ``kind`` into the case, in a period of its own; return the finding it must raise."""
    s = rng.choice(sources)
    other = rng.choice([x for x in sources if x != s] or [s])
    add = lambda src, truth, **kw: b.add(rng, src, truth, kw.pop("measure", measure), kw.pop("place", [place]), period,  # noqa: E731
                                         exact=True, **kw)

    def found(rule, claims, severity, note):
        return Planted(rule, case, sorted(c.id for c in claims), severity, note)

    if kind in ("SUM001", "SUM002", "SUM003"):
        breakdown = {"SUM001": "partial", "SUM002": "exhaustive", "SUM003": "unknown"}[kind]
        top = (add(s, 97) if kind != "SUM003"
               else add(s, 0, hedge=("more_than", Decimal(100), *_interval(Decimal(100), "more_than"), None)))
        values = {"SUM001": [41, 37, 33], "SUM002": [41, 37], "SUM003": [41, 37, 19]}[kind]
        parts = [add(s, v, group=[g], part_of=top.id, breakdown=breakdown, axis="group") for v, g in zip(values, ["VN", "CN", "ID"])]
        severity = "warning" if kind == "SUM003" else "error"
        return found(kind, [top, *parts], severity, f"{breakdown} breakdown of {top.text}: {' + '.join(map(str, values))}")
    if kind == "HIER001":
        part, whole = add(s, 131), add(other, 97, place=[country])
        return found(kind, [part, whole], "error", "a province reports more than its country")
    if kind == "AGREE001":
        one, two = add(s, 97), add(other, 0, hedge=("at_least", Decimal(131), Decimal(131), None, None))
        if s == other:
            raise ValueError("AGREE001 needs two sources")
        return found(kind, [one, two], "error", "two outlets, disjoint figures")
    if kind == "AGREE002":
        head = add(s, 0, role="headline", hedge=("exact", Decimal(1000), Decimal(1000), Decimal(1000), None))
        body = add(s, 0, hedge=("more_than", Decimal(1000), Decimal(1001), None, None))
        return found(kind, [head, body], "warning", "the headline drops the body's hedge")
    if kind in ("COUNT001", "COUNT002", "PLACE001"):
        (c1, n1), (c2, n2), (c3, n3) = spare[:3]
        if kind == "COUNT001":
            named, codes, hedge = [n1, n2, n3], [c1, c2, c3], ("exact", Decimal(2), Decimal(2), Decimal(2), None)
        elif kind == "COUNT002":
            alias = f"Greater {n2}"
            aliases[alias] = c2
            named, codes, hedge = [n1, n2, alias], [c1, c2, c2], ("at_least", Decimal(3), Decimal(3), None, None)
        else:
            town = _town_name(rng) + "ville"
            towns[town] = c2
            named, codes, hedge = [n1, town], [c1, f"{c2}/{town}"], ("at_least", Decimal(2), Decimal(2), None, None)
        claim = add(s, 0, measure="provinces", place=[], hedge=hedge, named=named, named_codes=codes)
        severity = {"COUNT001": "error", "COUNT002": "warning", "PLACE001": "warning"}[kind]
        return found(kind, [claim], severity, f"{claim.text}: {', '.join(named)}")
    if kind == "TREND001":
        early = b.add(rng, s, 43, measure, [place], (period[0], period[0]), exact=True, cumulative=True)
        late = b.add(rng, other, 37, measure, [place], period, exact=True, cumulative=True)
        return found(kind, [early, late], "error", "a running total shrinks from 43 to 37")
    if kind == "RATIO001":
        base = add(s, 0, measure="other", place=[country],
                   hedge=("about", Decimal(150000), *_interval(Decimal(150000), "about"), None))
        figure = add(s, 0, place=[country], hedge=("more_than", Decimal(5000), Decimal(5001), None, None))
        ratio = add(s, 0, measure="ratio", place=[country], kind="ratio", ratio_of=base.id, describes=figure.id,
                    hedge=("fewer_than", Decimal("0.01"), Decimal(0), Decimal("0.01"), None))
        return found(kind, [ratio, base, figure], "error", "less than 1 per cent of about 150,000 is not more than 5,000")
    if kind == "GROUND001":
        claim = add(s, 97, shift=rng.randint(1, 3))
        return found(kind, [claim], "warning", "the offsets point past the phrase")
    if kind == "GROUND002":
        claim = add(s, 312)
        claim.value = claim.low = claim.high = Decimal(321)  # a typo: the phrase prints 312
        return found(kind, [claim], "error", "value 321 for a phrase printing 312")
    raise ValueError(f"no plant for {kind}")
