"""Synthetic cases on disk: article texts the claims point into, case folders, a Parquet archive,
and ``expected.json``, the findings the planted discrepancies must raise."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

import polars as pl
import pycountry
import yaml

from audit.claimfile import claim_entry
from audit.frame import CLAIM_COLUMNS
from audit.places import level_of
from audit.synth.model import Claim, SynthCase

__all__ = ["article_texts", "claim_records", "write_folders", "write_parquet", "write_article_archive", "write_expected"]

_VERBS = {"detained": "were detained", "deaths": "died", "sites": "were raided", "displaced": "were displaced",
          "other": "work in the industry"}
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _when(period: tuple[dt.date, dt.date]) -> str:
    if period[0] == period[1]:
        return f"on {_day(period[0])}"
    return f"between {_day(period[0])} and {_day(period[1])}"


def _place_name(code: str, names: dict[str, str]) -> str:
    if "/" in code:
        return code.split("/", 1)[1]
    if code in names:
        return names[code]
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", country.name) if country else code


def _group_words(group: list[str]) -> str:
    countries = [pycountry.countries.get(alpha_2=g) for g in group if len(g) == 2]
    names = [getattr(c, "common_name", c.name) for c in countries if c]
    return f" from {' and '.join(names)}" if names else ""


def _sentence(claim: Claim, names: dict[str, str]) -> tuple[str, str]:
    """The words before and after the phrase in the sentence that prints it."""
    where = " and ".join(_place_name(p, names) for p in claim.place)
    if claim.role == "headline":
        return "Report: ", f" {_VERBS.get(claim.measure, 'counted')} in {where}"
    if claim.kind == "ratio":
        return f"People{_group_words(claim.group)} made up ", f" of all those counted in {where} {_when(claim.period)}."
    if claim.measure == "provinces":
        listed = f", including {', '.join(claim.named)}" if claim.named else ""
        return "The operations reached ", f"{listed}, {_when(claim.period)}."
    cumulative = "By the latest count, " if claim.cumulative else "Officials said "
    return cumulative, f"{_group_words(claim.group)} {_VERBS.get(claim.measure, 'were counted')} in {where} {_when(claim.period)}."


def article_texts(case: SynthCase) -> dict[str, str]:
    """Each source's article text as the auditor reads it -- the headline, a blank line, the body --
    and every claim's offsets (``start``/``end``) into it."""
    names = {code: name for name, code in case.places.items()}
    texts: dict[str, list[str]] = {s: [] for s in case.sources}
    lengths = {s: 0 for s in case.sources}
    ordered = sorted(case.claims, key=lambda c: (c.source, c.role != "headline"))
    for claim in ordered:
        before, after = _sentence(claim, names)
        parts = texts[claim.source]
        joiner = "" if not parts else "\n\n"
        claim.start = lengths[claim.source] + len(joiner) + len(before) + claim.shift
        claim.end = claim.start + len(claim.text)
        piece = f"{joiner}{before}{claim.text}{after}"
        parts.append(piece)
        lengths[claim.source] += len(piece)
    return {s: "".join(parts) + "\n" for s, parts in texts.items()}


def _number(value: Decimal | None) -> int | str | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else str(value)


def _claim_entry(claim: Claim) -> dict:
    return claim_entry(
        id=claim.id, text=claim.text, start=claim.start, end=claim.end, qualifier=claim.qualifier,
        value=_number(claim.value), low=_number(claim.low), high=_number(claim.high), vague=claim.vague,
        measure=claim.measure, unit=claim.unit, place=claim.place, group=claim.group, period=claim.period,
        role=claim.role, part_of=claim.part_of, breakdown=claim.breakdown, axis=claim.axis,
        named=claim.named, ratio_of=claim.ratio_of, describes=claim.describes, cumulative=claim.cumulative,
    )


def write_folders(cases: Iterable[SynthCase], out: Path) -> int:
    """One case folder per case (case.yaml, articles/*.md, claims/*.yaml); returns the number of claims."""
    total = 0
    for case in cases:
        folder = out / case.name
        (folder / "articles").mkdir(parents=True, exist_ok=True)
        (folder / "claims").mkdir(exist_ok=True)
        texts = article_texts(case)
        config = {
            "title": f"Synthetic event {case.name}", "country": case.country,
            "period": [case.period[0].isoformat(), case.period[1].isoformat()],
            "places": {case.country: {"subdivisions": case.places, "towns": case.towns}},
        }
        (folder / "case.yaml").write_text(
            "# Generated by `audit synth`: a synthetic case; expected.json beside the cases lists its planted findings.\n"
            + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True), "utf-8")
        for source, meta in case.sources.items():
            # the reader puts the front matter's title, a blank line, then the body: the headline is the title
            title, body = texts[source].split("\n\n", 1)
            front = {"title": title, "outlet": meta["outlet"],
                     "url": f"https://example.org/{case.name}/{source}", "published": meta["published"].isoformat()}
            (folder / "articles" / f"{source}.md").write_text(
                "---\n" + yaml.dump(front, Dumper=_Dumper, sort_keys=False, allow_unicode=True) + "---\n" + body, "utf-8")
            claims = [_claim_entry(c) for c in case.claims if c.source == source]
            total += len(claims)
            (folder / "claims" / f"{source}.yaml").write_text(
                yaml.dump({"source": source, "reviewed": True, "claims": claims}, Dumper=_Dumper, sort_keys=False,
                          allow_unicode=True), "utf-8")
    return total


def claim_records(case: SynthCase) -> Iterator[dict]:
    """The case's claims as rows of the claims frame (``CLAIM_COLUMNS``), as the loader would make them."""
    article_texts(case)
    for claim in case.claims:
        codes = claim.named_codes
        yield {
            "case": case.name, "id": claim.id, "source": claim.source, "text": claim.text,
            "start": claim.start, "end": claim.end, "value": claim.value, "qualifier": claim.qualifier,
            "low": claim.low, "high": claim.high, "measure": claim.measure, "kind": claim.kind, "unit": claim.unit,
            "place": sorted(set(claim.place)), "group": sorted(set(claim.group)),
            "period_start": claim.period[0], "period_end": claim.period[1], "role": claim.role,
            "part_of": claim.part_of, "breakdown": claim.breakdown, "axis": claim.axis, "each": False,
            "named": list(claim.named), "named_codes": list(codes), "named_levels": [level_of(c) for c in codes],
            "ratio_of": claim.ratio_of, "describes": claim.describes, "cumulative": claim.cumulative,
            "published": case.sources[claim.source]["published"], "reviewed": True,
            "file": f"{case.name}/claims/{claim.source}.yaml", "line": None,
        }


def write_parquet(cases: Iterable[SynthCase], path: Path, batch: int = 200_000) -> int:
    """All claims of all cases as one Parquet file with exactly CLAIM_COLUMNS; returns the number of claims."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames, rows = [], []
    for case in cases:
        rows.extend(claim_records(case))
        if len(rows) >= batch:  # rows of Python values become columns a batch at a time
            frames.append(pl.DataFrame(rows, schema=CLAIM_COLUMNS, orient="row"))
            rows.clear()
    frames.append(pl.DataFrame(rows, schema=CLAIM_COLUMNS, orient="row"))
    frame = pl.concat(frames)
    frame.write_parquet(path)
    return frame.height


ARTICLE_ARCHIVE_COLUMNS = {"case": pl.String, "source": pl.String, "outlet": pl.String, "url": pl.String,
                           "published": pl.Date, "title": pl.String, "text": pl.String}


def write_article_archive(cases: Iterable[SynthCase], path: Path) -> int:
    """One row per article (``ARTICLE_ARCHIVE_COLUMNS``; ``text`` as the auditor reads it: the headline,
    a blank line, the body); returns the number of claims the articles print."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows, claims = [], 0
    for case in cases:
        for source, text in article_texts(case).items():
            meta = case.sources[source]
            rows.append({"case": case.name, "source": source, "outlet": meta["outlet"],
                         "url": f"https://example.org/{case.name}/{source}", "published": meta["published"],
                         "title": text.split("\n\n", 1)[0], "text": text})
        claims += len(case.claims)
    pl.DataFrame(rows, schema=ARTICLE_ARCHIVE_COLUMNS, orient="row").write_parquet(path)
    return claims


def write_expected(planted: Iterable, path: Path) -> None:
    """expected.json: one entry per planted discrepancy (rule, case, claim ids, severity, what was planted)."""
    entries = [{"rule": p.rule, "case": p.case, "claims": p.claims, "severity": p.severity, "note": p.note} for p in planted]
    path.write_text(json.dumps(entries, indent=1) + "\n", "utf-8")
