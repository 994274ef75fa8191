"""Scoring an audit's findings against a careful reader's annotation (``GOLD.yaml``, version 2).

For maintainers and for anyone with an annotated event: ``audit score-findings GOLD.yaml... [CASE |
findings.json]`` gives the numbers of ``../shared/tools/score_findings.py`` (a test holds the two
together). Each finding of severity error or warning is judged by the figures it points at (its
claims' article and phrase):

- **true**: it points at a real discrepancy under ``discrepancies`` -- at least ``must`` of its
  figures (2 by default, 3 for sums) and every ``required`` one, each matched by a claim of its
  own, and at least half of the finding's claims are figures of that discrepancy (a pile of
  unrelated figures that holds a real pair does not count);
- **acceptable**: it points so at an entry of ``acceptable``;
- **false**: anything else, flagging a ``consistent`` relation included.

INPUT findings (problems with files) are counted apart. precision = true / (true + false); error
precision the same over errors; recall = discrepancies some finding points at / discrepancies.
A claim's phrase and a gold phrase are the same figure when they print a common number and one
contains the other, or they share a content word, or both are short.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["GoldEntry", "load_gold", "score_findings", "render_score", "same_figure"]

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "lakh": 10**5, "crore": 10**7}
_SUFFIX = {"million": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9, "thousand": 1000, "k": 1000,
           "lakh": 10**5, "crore": 10**7}
_NUMBER_WORDS = set(_UNITS) | set(_TENS) | set(_SCALES) | {"dozen", "dozens", "and", "a"}
_STOP = set("the and of in at on to a an from with for by more than least about some over nearly almost around were "
            "was have has been people others other another persons individuals".split())


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower().replace("\u2019", "'")
    return re.sub(r"\s+", " ", re.sub(r"[^\w%$.,' -]", " ", text)).strip()


def _word_numbers(text: str) -> set[str]:
    """Values of runs of number words: 'eighty-two' 82, 'one hundred and six' 106, 'two dozen' 24."""
    found, total, current, seen = set(), 0, 0, False
    for word in [*re.findall(r"[a-z]+", text.lower()), "."]:
        if word in _UNITS or word in _TENS:
            current, seen = current + _UNITS.get(word, _TENS.get(word, 0)), True
        elif word in ("dozen", "dozens"):
            current, seen = (current * 12 if seen else 12), True
        elif word in _SCALES and seen:
            if _SCALES[word] == 100:
                current *= 100
            else:
                total, current = total + current * _SCALES[word], 0
        elif word in ("and", "a") and seen:
            continue
        else:
            if seen:
                found.add(str(total + current))
            total, current, seen = 0, 0, False
    return found


def _numbers(text: str) -> set[str]:
    """The numbers a phrase prints, as plain digits: '1,647' 1647, '1.8 million' 1800000, 'Eighty-two' 82."""
    found = set()
    for match in re.finditer(r"(\d[\d,]*(?:\.\d+)?)(\s*(?:million|billion|thousand|lakh|crore|m\b|bn\b|k\b))?", text.lower()):
        digits = match.group(1).replace(",", "").rstrip(".")
        found.add(digits)
        if match.group(2):
            try:
                found.add(str(int(float(digits) * _SUFFIX[match.group(2).strip()])))
            except ValueError:
                pass
    return found | _word_numbers(text)


def _content_words(text: str) -> set[str]:
    words = {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _STOP and w not in _NUMBER_WORDS}
    return {w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words}


def _stem(name: str) -> str:
    name = Path(str(name)).name
    return name.rsplit(".", 1)[0] if "." in name else name


def same_figure(claim_text: str, gold_text: str) -> bool:
    """Do a claim's phrase and a gold phrase print the same figure? (A gold phrase with no number,
    a place named twice, matches a claim whose phrase contains it.)"""
    a, b = _norm(claim_text), _norm(gold_text)
    if not a or not b:
        return False
    numbers_a, numbers_b = _numbers(a), _numbers(b)
    if not numbers_b:
        return b in a
    if not numbers_a & numbers_b:
        return False
    if a in b or b in a:
        return True
    words_a, words_b = _content_words(a), _content_words(b)
    if words_a and words_b:
        return bool(words_a & words_b)
    return len(a) < 40 and len(b) < 40


@dataclass
class GoldEntry:
    """A discrepancy, an acceptable finding or a consistent relation of one event."""

    section: str
    event: str
    id: str
    figures: list[tuple[str, str]]
    required: list[int]
    must: int
    severity: str | None = None
    kind: str | None = None
    why: str = ""

    def hit_by(self, claims: list[tuple[str, str]]) -> bool:
        used, matched = set(), set()
        for index, (article, text) in enumerate(self.figures):
            for position, (claim_article, claim_text) in enumerate(claims):
                if position not in used and article == claim_article and same_figure(claim_text, text):
                    used.add(position)
                    matched.add(index)
                    break
        relevant = sum(1 for ca, ct in claims if any(a == ca and same_figure(ct, t) for a, t in self.figures))
        return (len(matched) >= self.must and all(i in matched for i in self.required)
                and relevant * 2 >= len(claims))


def load_gold(paths: list[Path]) -> list[GoldEntry]:
    """The entries of version-2 GOLD.yaml files (a ``ValueError`` names a file that is not one)."""
    entries = []
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "events" not in data:
            raise ValueError(f"{path}: not a version 2 GOLD.yaml (no 'events')")
        for event, body in (data.get("events") or {}).items():
            for section in ("discrepancies", "acceptable", "consistent"):
                for index, raw in enumerate((body or {}).get(section) or []):
                    figures = raw.get("figures", [])
                    default = min(3 if raw.get("kind") in ("sum", "sum_partial") else 2, len(figures)) if figures else 1
                    entries.append(GoldEntry(
                        section, event, f"{event}:{raw['id']}" if raw.get("id") else f"{event}:{section}[{index}]",
                        [(_stem(f["article"]), str(f["text"])) for f in figures],
                        [i for i, f in enumerate(figures) if f.get("required")], int(raw.get("must", default)),
                        raw.get("severity"), raw.get("kind"), raw.get("why", "")))
    return entries


@dataclass
class FindingsScore:
    judged: list[dict[str, Any]] = field(default_factory=list)
    input_findings: int = 0
    discrepancies: int = 0
    found: set[str] = field(default_factory=set)
    missed: list[GoldEntry] = field(default_factory=list)

    def count(self, verdict: str, severity: str | None = None) -> int:
        return sum(j["verdict"] == verdict and (severity is None or j["severity"] == severity) for j in self.judged)

    @property
    def precision(self) -> float | None:
        t, f = self.count("true"), self.count("false")
        return t / (t + f) if t + f else None

    @property
    def error_precision(self) -> float | None:
        t, f = self.count("true", "error"), self.count("false", "error")
        return t / (t + f) if t + f else None

    @property
    def recall(self) -> float | None:
        return len(self.found) / self.discrepancies if self.discrepancies else None


def score_findings(entries: list[GoldEntry], report: dict[str, Any]) -> FindingsScore:
    """Judge the findings of a report (``Report.to_dict()`` or a findings.json) against the gold;
    only the events whose articles were audited count toward recall."""
    findings = report.get("findings", []) if isinstance(report, dict) else report
    audited = {_stem(s.get("file") or s.get("source") or "") for s in report.get("sources", [])} if isinstance(report, dict) else set()
    if audited:
        events = {e.event for e in entries if any(article in audited for article, _ in e.figures)}
        entries = [e for e in entries if e.event in events]
    discrepancies = [e for e in entries if e.section == "discrepancies"]
    result = FindingsScore(discrepancies=len(discrepancies))
    for finding in findings:
        severity = str(finding.get("severity", "")).lower()
        if severity not in ("error", "warning"):
            continue
        if str(finding.get("rule", "")).upper().startswith("INPUT"):
            result.input_findings += 1
            continue
        claims = [(_stem(c.get("file") or c.get("path") or c.get("source") or ""), str(c.get("text") or c.get("quote") or ""))
                  for c in finding.get("claims") or []]
        hits = [d for d in discrepancies if d.hit_by(claims)]
        result.found |= {d.id for d in hits}
        verdict = "true" if hits else ("acceptable" if any(
            e.hit_by(claims) for e in entries if e.section == "acceptable") else "false")
        result.judged.append({"rule": finding.get("rule"), "severity": severity, "verdict": verdict,
                              "message": finding.get("message", ""), "discrepancies": [d.id for d in hits],
                              "flags_consistent": [e.id for e in entries if e.section == "consistent" and e.hit_by(claims)]})
    result.missed = [d for d in discrepancies if d.id not in result.found]
    return result


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def render_score(score: FindingsScore, verbose: bool = False) -> str:
    """The score line of ``score_findings.py``, after the false alarms and misses by name when ``verbose``."""
    lines = []
    if verbose:
        for judged in score.judged:
            if judged["verdict"] == "false":
                extra = f" (flags consistent {', '.join(judged['flags_consistent'])})" if judged["flags_consistent"] else ""
                lines.append(f"FALSE  {judged['severity']:7} {judged['rule']}: {judged['message'][:150]}{extra}")
        lines += [f"MISSED {d.id} ({d.kind}): {d.why[:150]}" for d in score.missed]
    lines.append(
        f"findings {len(score.judged)} (true {score.count('true')}, acceptable {score.count('acceptable')}, "
        f"false {score.count('false')}, false errors {score.count('false', 'error')}; input {score.input_findings}) | "
        f"precision {_fmt(score.precision)}, error precision {_fmt(score.error_precision)} | "
        f"recall {_fmt(score.recall)} ({len(score.found)}/{score.discrepancies})")
    return "\n".join(lines)
