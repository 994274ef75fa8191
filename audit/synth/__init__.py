"""Synthetic cases for testing and benchmarking: ``audit synth --cases N --sources S --seed K --out DIR``.

Each case is an event (a crackdown or a disaster) with true counts per place, day and
nationality; outlets report them with hedges whose intervals hold the truth ("more than 1,000",
"about 150", "hundreds of"), in exhaustive, partial and unknown breakdowns, repeated across
outlets, with running totals over the days. Then discrepancies of every rule's kind are planted,
and ``expected.json`` lists the finding each must raise -- the generator is an oracle.

Formats: ``cases`` (case folders with generated articles, so claims ground in them and
extraction can be measured), ``parquet`` (one file of claims, the columns of ``audit.frame``),
``articles`` (the article texts alone) or ``article-archive`` (``articles.parquet``: one row per
article with ``case, source, outlet, url, published, title, text``, the input of a distributed
extraction, see ``audit.distributed``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from audit.synth.model import PLANT_KINDS, Planted, SynthCase, make_case
from audit.synth.output import (article_texts, claim_records, write_article_archive, write_expected, write_folders,
                                write_parquet)

__all__ = ["generate", "write", "PLANT_KINDS", "SynthCase", "Planted", "claim_records", "FORMATS"]

FORMATS = ("cases", "parquet", "articles", "article-archive")


def generate(cases: int, sources: int = 4, seed: int = 0, claims_per_case: int = 100,
             grounding: bool = True) -> Iterator[SynthCase]:
    """``cases`` synthetic cases, one at a time (the same seed gives the same cases)."""
    for index in range(cases):
        yield make_case(index, sources, seed, claims_per_case, grounding=grounding)


def write(cases: int, sources: int, seed: int, out: Path, format: str = "cases", claims_per_case: int = 100) -> dict:
    """Generate and write; returns a summary (cases, claims, planted, files written)."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    planted: list[Planted] = []

    def collect() -> Iterator[SynthCase]:
        for case in generate(cases, sources, seed, claims_per_case, grounding=format != "parquet"):
            planted.extend(case.planted)
            yield case

    if format == "cases":
        claims = write_folders(collect(), out)
    elif format == "parquet":
        claims = write_parquet(collect(), out / "claims.parquet")
    elif format == "article-archive":
        claims = write_article_archive(collect(), out / "articles.parquet")
    else:
        claims = 0
        for case in collect():
            for source, text in article_texts(case).items():
                (out / case.name).mkdir(exist_ok=True)
                (out / case.name / f"{source}.txt").write_text(text, "utf-8")
            claims += len(case.claims)
    write_expected(planted, out / "expected.json")
    return {"cases": cases, "claims": claims, "planted": len(planted), "out": str(out)}
