"""Benchmark: one article of N near-identical sentences, the input that made an audit cubic.

    python benchmarks/one_long_article.py [--sizes 400 800 1600 4000] [--format json]

"Police detained {i} people in Phnom Penh. " repeated N times (with i = 1..N) is one outlet
giving N different figures for one thing: every figure contradicts every other. Each size is
measured in a fresh subprocess (peak memory is the process's own): reading and extracting the
case, the rules (``audit.check``), and rendering the report, with the findings and claims listed.
It prints the seconds of each step, seconds per 1,000 sentences and the growth from the size
before (linear growth doubles the time when the size doubles). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "Police detained {i} people in Phnom Penh. "

_MEASURE = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from audit.check import check
from audit.report import render
t0 = time.perf_counter()
report = check([Path({case!r})])
t1 = time.perf_counter()
text = render(report, {format!r})
t2 = time.perf_counter()
print(json.dumps({{"check": t1 - t0, "render": t2 - t1, "findings": len(report.findings),
                  "listed": sum(len(f.claims) for f in report.findings), "output": len(text),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def write_case(folder: Path, sentences: int) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "case.yaml").write_text("title: One long article\ncountry: KH\nperiod: [2025-07-14, 2025-07-16]\n", "utf-8")
    body = "".join(SENTENCE.format(i=i) for i in range(1, sentences + 1))
    (folder / "articles" / "long.md").write_text(f"---\npublished: 2025-07-17\n---\n{body}\n", "utf-8")
    return folder


def measure(sentences: int, format: str) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        case = write_case(Path(scratch) / f"long-{sentences}", sentences)
        code = _MEASURE.format(root=str(ROOT), case=str(case), format=format)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 800, 1600, 4000])
    parser.add_argument("--format", default="json", help="the renderer measured (text, json, markdown, html, ...)")
    options = parser.parse_args()
    print(f"{'sentences':>9} {'check s':>8} {'render s':>9} {'total s':>8} {'s/1k':>6} {'growth':>7} "
          f"{'findings':>8} {'listed':>7} {'peak MB':>8}")
    before = None
    for size in options.sizes:
        row = measure(size, options.format)
        total = row["check"] + row["render"]
        growth = f"x{total / before[1]:.2f}/x{size / before[0]:.1f}" if before else ""
        print(f"{size:>9} {row['check']:>8.2f} {row['render']:>9.2f} {total:>8.2f} {1000 * total / size:>6.2f} "
              f"{growth:>7} {row['findings']:>8} {row['listed']:>7} {row['peak_mb']:>8.0f}", flush=True)
        before = (size, total)


if __name__ == "__main__":
    main()
