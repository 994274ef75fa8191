"""Scoring extraction against a hand-annotated corpus (``GOLD.yaml``): precision, recall, place and group accuracy.

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
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_places: list[str] = field(default_factory=list)
    wrong_groups: list[str] = field(default_factory=list)

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


def score_article(path: Path, annotation: dict) -> ArticleScore:
    article = read_article(path)
    published = annotation.get("published") or printed_date(article.text) or DEV_CORPUS_DATES.get(article.source)
    article = article.with_metadata(published=published)
    claims = extract_article(article)
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
    """One score per annotated article of the corpus beside ``gold_path``, in the file's order."""
    gold = yaml.safe_load(Path(gold_path).read_text("utf-8"))
    folder = Path(gold_path).parent
    return [score_article(folder / name, annotation or {}) for name, annotation in (gold.get("articles") or {}).items()]


def total(scores: list[ArticleScore]) -> ArticleScore:
    overall = ArticleScore("overall")
    for score in scores:
        for key in ("claims", "correct_claims", "gold", "found", "place_total", "place_right", "group_total", "group_right"):
            setattr(overall, key, getattr(overall, key) + getattr(score, key))
    return overall


def render_scores(scores: list[ArticleScore], details: bool = True) -> str:
    """A plain-text table of the scores, with what was missed or read in excess."""
    lines = [f"{'article':52} {'precision':>9} {'recall':>7} {'place':>6} {'group':>6}"]
    for score in [*scores, total(scores)]:
        lines.append(
            f"{score.name[:52]:52} {score.precision:9.2f} {score.recall:7.2f} {score.place_accuracy:6.2f} {score.group_accuracy:6.2f}"
            f"   ({score.correct_claims}/{score.claims} claims, {score.found}/{score.gold} gold, "
            f"place {score.place_right}/{score.place_total}, group {score.group_right}/{score.group_total})"
        )
    if details:
        for score in scores:
            for label, items in (("missed", score.missed), ("not in gold", score.spurious),
                                 ("wrong place", score.wrong_places), ("wrong group", score.wrong_groups)):
                for item in items:
                    lines.append(f"  {score.name[:40]}: {label}: {item}")
    return "\n".join(lines)


def default_gold() -> Path:
    """The dev corpus beside the checkout: ``../shared/corpus/dev/GOLD.yaml``."""
    return Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev" / "GOLD.yaml"


if __name__ == "__main__":
    print(render_scores(score_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else default_gold())))
