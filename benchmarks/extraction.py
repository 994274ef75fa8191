"""Extraction speed and recall beside quantulum3: ``python benchmarks/extraction.py [--quick]``.

Not part of the test suite (timings depend on the machine). It measures, on one core:

1. articles per second on typical 3-5 KB stories generated from this project's own templates
   (the extractor, best and median of five passes of CPU time, then quantulum3 on the same texts);
2. the time for texts of 1, 2.5, 5 and 10 MB (one long article), to show time grows linearly;
   times are CPU seconds of this process, so other work on a shared machine does not count;
3. on the dev corpus (``../shared/corpus/dev``, when present): recall of both tools on the
   annotated figures. "number found": some quantity whose span overlaps the gold phrase (what
   quantulum3 can do); "interval exact": our recall as ``audit score-extraction`` computes it
   (quantulum3 has no hedges, so it has no such figure).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from audit.extract import extract_text  # noqa: E402

PROVINCES = ["Kampot", "Takeo", "Kratie", "Pursat", "Kandal", "Siem Reap", "Battambang", "Koh Kong", "Stung Treng"]
GROUPS = ["Vietnamese", "Chinese", "Indonesians", "Thais", "Malaysians", "Koreans", "Filipinos", "Nepalis"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
HEDGES = ["", "more than ", "at least ", "about ", "nearly ", "over ", "up to "]
TEMPLATES = [
    "Police in {province} {verb} {hedge}{n} people on {weekday}, a spokesman said.",
    "Those held included {n} {group}, {m} {group2} and {k} women.",
    "Officers searched {hedge}{small} compounds across {few} provinces, including {province} and {province2}.",
    "Of the {n} suspects, {m} were released and {rest} remain in custody.",
    "The total detained since June {day} rose to {big}, the ministry said in a statement on {weekday}.",
    "Damage to offices and vehicles was estimated at ${money} million, and {pct} per cent of it was insured.",
    "Hundreds of workers gathered outside the station, while dozens of relatives waited for news.",
    "A {years}-year-old inquiry by rights groups found abuses in {hedge}{small} sites in 2023 and 2024.",
    "Another {m} people were taken to {province} for questioning -- {k} from {province2} and {rest2} from {province}.",
    "The minister said the operation would continue until every scam centre in the country was closed.",
]
FEW = ["two", "three", "four", "five", "six"]
#: Sentences without figures: quotes, background, reactions -- most of a real story.
PROSE = [
    "The minister said the crackdown showed the government was serious about the problem.",
    "Rights groups have long accused officials of turning a blind eye to abuses inside the compounds.",
    "\"We will not allow criminals to use our country as a base,\" the prime minister said in a speech.",
    "Many of those rescued said they had been lured by offers of well-paid office work abroad.",
    "Neighbouring governments welcomed the raids but asked for their citizens to be sent home quickly.",
    "Critics said previous operations had ended with few prosecutions and little lasting change.",
    "Police declined to say how long the suspects would be held before charges were filed.",
    "The compounds, often guarded by armed men, are surrounded by high walls and barbed wire.",
    "Analysts said the timing of the raids reflected growing pressure from foreign governments.",
    "Families gathered outside the police station in the afternoon, hoping for news of relatives.",
    "The embassy said it was working with local authorities to identify its nationals among those held.",
    "Officials did not respond to requests for comment on the allegations made by the rights group.",
]
#: Share of sentences that carry figures; the dev corpus's stories print about 4-6 figures per KB.
FIGURE_SHARE = 0.35


def story(rng: random.Random) -> str:
    """A 3-5 KB story in the project's own words, with a headline."""
    n = rng.randint(40, 900)
    lines = [f"Police detain {n} in raids across {rng.choice(PROVINCES)}", ""]
    size = rng.randint(3000, 5000)
    while sum(len(x) + 1 for x in lines) < size:
        paragraph = []
        for _ in range(rng.randint(2, 4)):
            m, k = rng.randint(2, 60), rng.randint(1, 20)
            if rng.random() > FIGURE_SHARE:
                paragraph.append(rng.choice(PROSE))
                continue
            paragraph.append(rng.choice(TEMPLATES).format(
                province=rng.choice(PROVINCES), province2=rng.choice(PROVINCES), verb=rng.choice(["arrested", "detained", "held"]),
                hedge=rng.choice(HEDGES), n=f"{rng.randint(20, 2500):,}", m=m, k=k, rest=rng.randint(1, 50), rest2=rng.randint(1, 9),
                group=rng.choice(GROUPS), group2=rng.choice(GROUPS), weekday=rng.choice(WEEKDAYS), small=rng.randint(5, 90),
                few=rng.choice(FEW), day=rng.randint(1, 28), big=f"{rng.randint(1000, 9000):,}", money=rng.randint(2, 90),
                pct=rng.randint(5, 95), years=rng.randint(2, 30)))
        lines.append(" ".join(paragraph))
        lines.append("")
    return "\n".join(lines)


def rate(function, texts: list[str]) -> tuple[float, float]:
    """Articles per second of CPU time and of wall time (on a shared machine wall time counts others' work too)."""
    start, wall = time.process_time(), time.perf_counter()
    for text in texts:
        function(text)
    return len(texts) / (time.process_time() - start), len(texts) / (time.perf_counter() - wall)


def rates(function, batches: list[list[str]]) -> tuple[float, float, float]:
    """(best, median) articles per second of CPU time over several passes, and the best of wall time: on a
    shared machine the other passes measure the neighbours as much as the code (``timeit`` takes the best too).
    Each pass reads stories of its own: the same texts again would find the extractor's caches filled."""
    measured = [rate(function, texts) for texts in batches]
    cpu = sorted(r for r, _ in measured)
    return cpu[-1], cpu[len(cpu) // 2], max(w for _, w in measured)


def ours(text: str) -> list[dict]:
    return extract_text(text, source="bench", kind="txt", published=dt.date(2025, 7, 17), case_country="KH")


def quantulum(text: str):
    from quantulum3 import parser  # pip install -e '.[bench]'

    return parser.parse(text)


def has_quantulum() -> bool:
    try:
        import quantulum3  # noqa: F401
    except ImportError:
        print("quantulum3 is not installed (pip install -e '.[bench]'): the peer is left out")
        return False
    return True


def dev_recall(peer: bool) -> None:
    import yaml

    from audit.extract.score import DEV_CORPUS_DATES, score_corpus, total
    from audit.sources import read_article

    shared = Path(os.environ.get("AUDIT_SHARED") or Path(__file__).resolve().parents[2] / "shared")
    gold_path = shared / "corpus" / "dev" / "GOLD.yaml"
    if not gold_path.is_file():
        print(f"dev corpus: {gold_path} is absent; recall not measured")
        return
    gold = yaml.safe_load(gold_path.read_text("utf-8"))
    found = {"ours": 0, "quantulum3": 0}
    figures = 0
    for name, annotation in gold["articles"].items():
        article = read_article(gold_path.parent / name)
        published = annotation.get("published") or article.published or DEV_CORPUS_DATES.get(article.source)
        spans_ours = [(c["start"], c["end"]) for c in ours_for(article.text, published, article)]
        spans_q = [tuple(q.span) for q in quantulum(article.text)] if peer else []
        for figure in annotation.get("figures") or []:
            figures += 1
            at = article.text.find(figure["text"])
            if at < 0:
                continue
            end = at + len(figure["text"])
            found["ours"] += any(s < end and at < e for s, e in spans_ours)
            found["quantulum3"] += any(s < end and at < e for s, e in spans_q)
    exact = total(score_corpus(gold_path))
    size_kb = sum((gold_path.parent / name).stat().st_size for name in gold["articles"]) / 1024
    print(f"dev corpus, {figures} annotated figures ({figures / size_kb:.1f} per KB of page text)")
    print(f"  recall, number found:    ours {found['ours'] / figures:.2f}   quantulum3 {found['quantulum3'] / figures:.2f}")
    print(f"  recall, interval exact:  ours {exact.recall:.2f}   quantulum3 n/a (no hedges)   "
          f"(ours: precision {exact.precision:.2f}, place {exact.place_accuracy:.2f}, group {exact.group_accuracy:.2f})")


def ours_for(text: str, published, article) -> list[dict]:
    return extract_text(text, source="dev", kind=article.kind, published=published, body_start=article.body_start)


def main() -> None:
    quick = "--quick" in sys.argv
    warnings.simplefilter("ignore")
    rng = random.Random(2025)
    stories = [story(rng) for _ in range(60 if quick else 300)]
    mean_kb = sum(map(len, stories)) / len(stories) / 1024
    peer = has_quantulum()
    warming = random.Random(1)
    warm = [story(warming) for _ in range(20)]  # stories of their own: the measured texts meet cold caches
    ours(warm[0])  # load the gazetteer once, as a long-running process would
    if peer:
        quantulum(warm[0])
    density = sum(len(ours(s)) for s in warm) / (sum(map(len, warm)) / 1024)
    print(f"{len(stories)} stories of {mean_kb:.1f} KB on average, {density:.1f} figures per KB")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    best, median, wall = rates(ours, [stories, *([story(rng) for _ in range(len(stories))] for _ in range(4))])
    print(f"  ours        {best:8.1f} articles/s of CPU time, best of 5 passes (median {median:.1f}; "
          f"best wall time {wall:.1f}/s)")
    if peer:
        q_texts = stories[: max(10, len(stories) // 10)]
        q_rate, q_wall = rate(quantulum, q_texts)
        print(f"  quantulum3  {q_rate:8.1f} articles/s of CPU time  ({q_wall:.1f}/s of wall time; on {len(q_texts)} of them)")
    print("long texts (one article each):")
    sizes = [1, 2.5, 5] if quick else [1, 2.5, 5, 10]
    for megabytes in sizes:
        text = ""
        parts = []
        while sum(map(len, parts)) < megabytes * 1_000_000:
            parts.append(story(rng))
        text = "\n\n".join(parts)
        start, wall = time.process_time(), time.perf_counter()
        claims = ours(text)
        seconds, wall = time.process_time() - start, time.perf_counter() - wall
        print(f"  {len(text) / 1e6:5.1f} MB  {seconds:6.2f} s  {seconds / (len(text) / 1e6):5.2f} s/MB of CPU time "
              f"({wall / (len(text) / 1e6):.2f} s/MB of wall time)  {len(claims)} claims")
    dev_recall(peer)


if __name__ == "__main__":
    main()
