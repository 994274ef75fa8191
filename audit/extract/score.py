"""Scoring extraction against a hand-annotated corpus (``GOLD.yaml``): precision, recall, place and group
accuracy, and for version-2 annotations (``FORMAT.md``) the measure, kind and ``as_of`` of found figures.

For maintainers measuring the extractor (``audit score-extraction`` or
``python -m audit.extract.score [GOLD.yaml]``). A gold figure is *found* when a claim's text
overlaps the gold text in the article and the claim's interval equals the gold low/high; a gold
``approx`` figure also accepts a claim hedged "about" whose value is the gold value; a gold
``vague`` figure accepts a claim with qualifier vague; a gold figure with no interval (a note
only) accepts any overlapping claim. Precision counts claims that find some gold figure, so
figures read from site chrome or other stories count against it. Place and group accuracy are
over found figures that have a gold place / group; a town code ``KH-1/Poipet`` counts as ``KH-1``,
and a part's group may add its whole's ("45 women" among "270 Indonesians" is [ID, female]: groups
are sets, the gold records only the part's own word).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from audit.extract import claim_interval, extract_article
from audit.extract.extent import printed_date
from audit.sources import read_article

__all__ = ["ArticleScore", "score_corpus", "render_scores", "DEV_CORPUS_DATES"]

#: Publication dates the dev corpus's README gives for pages that print none (the ABC page).
DEV_CORPUS_DATES = {"abc-daily8-2025-07-cambodian-elites-complicit": dt.date(2025, 7, 17)}


@dataclass
class ArticleScore:
    name: str
    claims: int = 0
    correct_claims: int = 0
    gold: int = 0
    found: int = 0
    place_total: int = 0
    place_right: int = 0
    group_total: int = 0
    group_right: int = 0
    measure_total: int = 0
    measure_right: int = 0
    kind_total: int = 0
    kind_right: int = 0
    as_of_total: int = 0
    as_of_right: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_places: list[str] = field(default_factory=list)
    wrong_groups: list[str] = field(default_factory=list)
    wrong_scope: list[str] = field(default_factory=list)

    @staticmethod
    def ratio(right: int, total: int) -> float:
        return right / total if total else 1.0

    @property
    def precision(self) -> float:
        return self.ratio(self.correct_claims, self.claims)

    @property
    def recall(self) -> float:
        return self.ratio(self.found, self.gold)

    @property
    def place_accuracy(self) -> float:
        return self.ratio(self.place_right, self.place_total)

    @property
    def group_accuracy(self) -> float:
        return self.ratio(self.group_right, self.group_total)

    @property
    def measure_accuracy(self) -> float:
        return self.ratio(self.measure_right, self.measure_total)

    @property
    def kind_accuracy(self) -> float:
        return self.ratio(self.kind_right, self.kind_total)

    @property
    def as_of_accuracy(self) -> float:
        return self.ratio(self.as_of_right, self.as_of_total)


#: Our measure names where FORMAT.md's vocabulary (version 2) has another
_GOLD_MEASURE = {"affected_people": "affected", "affected_families": "affected", "provinces": "places", "cities": "places",
                 "sites": "places", "deported": "other", "prosecutions": "other"}
#: Our kinds where FORMAT.md has another: a projection is an "other" figure there
_GOLD_KIND = {"estimate": "other"}


def _day(value) -> dt.date | None:
    """A gold ``as_of`` (a date, or a period whose last day counts) as a date."""
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _score_scope(result: "ArticleScore", gold: dict, claim: dict) -> None:
    """Measure, kind and as_of of a found figure against the gold (version 2 annotations only)."""
    if gold.get("measure"):
        result.measure_total += 1
        ours = _GOLD_MEASURE.get(claim.get("measure"), claim.get("measure"))
        if ours == gold["measure"]:
            result.measure_right += 1
        else:
            result.wrong_scope.append(f"{gold['text']}: measure {claim.get('measure')} (gold {gold['measure']})")
    if gold.get("kind"):
        result.kind_total += 1
        ours = _GOLD_KIND.get(claim.get("kind") or "total", claim.get("kind") or "total")
        if ours == gold["kind"]:
            result.kind_right += 1
        else:
            result.wrong_scope.append(f"{gold['text']}: kind {claim.get('kind')} (gold {gold['kind']})")
    if gold.get("as_of") is not None:
        result.as_of_total += 1
        if _day(claim.get("as_of")) == _day(gold["as_of"]):
            result.as_of_right += 1
        else:
            result.wrong_scope.append(f"{gold['text']}: as_of {claim.get('as_of')} (gold {gold['as_of']})")


def _bound(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _matches(gold: dict, claim: dict) -> bool:
    if gold.get("vague"):
        return claim.get("qualifier") == "vague"
    low, high = claim_interval(claim)
    if gold.get("approx") and claim.get("qualifier") == "about" and claim.get("value") is not None:
        if Decimal(str(claim["value"])) == _bound(gold.get("low")):
            return True
    if "low" not in gold and "high" not in gold:
        return True
    return low == _bound(gold.get("low")) and high == _bound(gold.get("high"))


def _spans(text: str, phrase: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(phrase)
    while start >= 0:
        spans.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return spans


def _codes(values) -> set[str]:
    if values is None:
        return set()
    values = [values] if isinstance(values, str) else values
    return {str(v).split("/")[0] for v in values}


def score_article(path: Path, annotation: dict, country: str | None = None) -> ArticleScore:
    article = read_article(path)
    published = annotation.get("published") or printed_date(article.text) or DEV_CORPUS_DATES.get(article.source)
    article = article.with_metadata(published=published)
    claims = extract_article(article, case_country=country)
    result = ArticleScore(path.name, claims=len(claims))
    figures = annotation.get("figures") or []
    result.gold = len(figures)
    good_claims: set[str] = set()
    for gold in figures:
        spans = _spans(article.text, gold["text"])
        hits = [c for c in claims if any(c["start"] < e and s < c["end"] for s, e in spans) and _matches(gold, c)]
        if not hits:
            result.missed.append(gold["text"])
            continue
        result.found += 1
        good_claims.update(c["id"] for c in hits)
        claim = hits[0]
        _score_scope(result, gold, claim)
        if gold.get("place") is not None:
            result.place_total += 1
            if _codes(claim.get("place")) == _codes(gold["place"]):
                result.place_right += 1
            else:
                result.wrong_places.append(f"{gold['text']}: {claim.get('place')} (gold {gold['place']})")
        if gold.get("group") is not None:
            result.group_total += 1
            whole = next((c for c in claims if c["id"] == claim.get("part_of")), {})
            own = set(claim.get("group") or []) - set(whole.get("group") or [])
            if _codes(gold["group"]) in (set(claim.get("group") or []), own):
                result.group_right += 1
            else:
                result.wrong_groups.append(f"{gold['text']}: {claim.get('group')} (gold {gold['group']})")
    result.correct_claims = len(good_claims)
    result.spurious = [c["text"] for c in claims if c["id"] not in good_claims]
    return result


def score_corpus(gold_path: Path) -> list[ArticleScore]:
    """One score per annotated article of the corpus beside ``gold_path``, in the file's order.

    Version 1 (``dev/GOLD.yaml``) keeps its articles beside it; version 2 (``FORMAT.md``) in
    ``articles/`` beside it, with the event's country, which extraction then takes as the case's.
    """
    gold = yaml.safe_load(Path(gold_path).read_text("utf-8"))
    if not isinstance(gold, dict):
        raise ValueError(f"{gold_path}: not an annotation file (a mapping with 'articles')")
    folder = Path(gold_path).parent
    countries = {}
    for event in (gold.get("events") or {}).values():
        country = (event or {}).get("country")
        country = country[0] if isinstance(country, list) and country else country
        for name in (event or {}).get("articles") or []:
            countries[name] = country
    default = next(iter(countries.values()), None)
    scores = []
    for name, annotation in (gold.get("articles") or {}).items():
        path = folder / name if (folder / name).is_file() else folder / "articles" / name
        scores.append(score_article(path, annotation or {}, countries.get(name, default)))
    return scores


def total(scores: list[ArticleScore]) -> ArticleScore:
    overall = ArticleScore("overall")
    for score in scores:
        for key in ("claims", "correct_claims", "gold", "found", "place_total", "place_right", "group_total", "group_right",
                    "measure_total", "measure_right", "kind_total", "kind_right", "as_of_total", "as_of_right"):
            setattr(overall, key, getattr(overall, key) + getattr(score, key))
    return overall


def render_scores(scores: list[ArticleScore], details: bool = True) -> str:
    """A plain-text table of the scores, with what was missed or read in excess."""
    scoped = any(score.measure_total or score.kind_total or score.as_of_total for score in scores)
    extra = f" {'measure':>7} {'kind':>5} {'as_of':>5}" if scoped else ""
    lines = [f"{'article':52} {'precision':>9} {'recall':>7} {'place':>6} {'group':>6}{extra}"]
    for score in [*scores, total(scores)]:
        scope = (f" {score.measure_accuracy:7.2f} {score.kind_accuracy:5.2f} {score.as_of_accuracy:5.2f}" if scoped else "")
        counts = (f", measure {score.measure_right}/{score.measure_total}, kind {score.kind_right}/{score.kind_total}, "
                  f"as_of {score.as_of_right}/{score.as_of_total}" if scoped else "")
        lines.append(
            f"{score.name[:52]:52} {score.precision:9.2f} {score.recall:7.2f} {score.place_accuracy:6.2f} {score.group_accuracy:6.2f}"
            f"{scope}   ({score.correct_claims}/{score.claims} claims, {score.found}/{score.gold} gold, "
            f"place {score.place_right}/{score.place_total}, group {score.group_right}/{score.group_total}{counts})"
        )
    if details:
        for score in scores:
            for label, items in (("missed", score.missed), ("not in gold", score.spurious),
                                 ("wrong place", score.wrong_places), ("wrong group", score.wrong_groups),
                                 ("wrong scope", score.wrong_scope)):
                for item in items:
                    lines.append(f"  {score.name[:40]}: {label}: {item}")
    return "\n".join(lines)


def default_gold() -> Path:
    """The dev corpus beside the checkout: ``../shared/corpus/dev/GOLD.yaml``."""
    return Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev" / "GOLD.yaml"


if __name__ == "__main__":
    print(render_scores(score_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else default_gold())))
