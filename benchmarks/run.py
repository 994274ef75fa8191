"""Benchmark of the audit at 10k, 100k and 1M claims, with a DuckDB reference for the rules both implement.

    python benchmarks/run.py [--sizes 10000 100000 1000000] [--sources 4] [--seed 1]

For each size it writes (once, cached in benchmarks/data/) a Parquet archive of synthetic cases
of about 100 claims each (``audit synth --format parquet``), then, in a fresh subprocess per
measurement so peak memory is the process's own (``ru_maxrss``, which counts polars' Rust
allocations; tracemalloc would not):

- the full audit, ``audit.check([archive])``: every rule, validation, findings with their claims;
- the sum and agreement rules (SUM001-003, AGREE001-002) alone: read the Parquet, derive, rules;
- the same five rules as DuckDB SQL over the same file (``reference.sql``), checking both find
  the same number of findings per rule.

It prints wall time, claims per second, peak memory, growth between sizes and ours / DuckDB.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from multiprocessing import Pool
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
sys.path.insert(0, str(ROOT))  # this checkout's audit package, not an installed one


def _shard(args: tuple[int, int, int, int, str]) -> str:
    start, stop, sources, seed, path = args
    from audit.synth.model import make_case
    from audit.synth.output import write_parquet

    write_parquet((make_case(i, sources, seed, grounding=False) for i in range(start, stop)), Path(path))
    return path


def archive(claims: int, sources: int, seed: int) -> Path:
    """The cached archive of about ``claims`` claims (claims / 100 cases), generated on two processes."""
    path = DATA / f"claims-{claims}-s{sources}-seed{seed}.parquet"
    if path.exists():
        return path
    import polars as pl

    DATA.mkdir(parents=True, exist_ok=True)
    cases = max(1, claims // 100)
    step = max(1, cases // 8)
    shards = [(a, min(a + step, cases), sources, seed, str(path) + f".part{a}") for a in range(0, cases, step)]
    with Pool(2) as pool:
        parts = pool.map(_shard, shards)
    pl.concat([pl.read_parquet(p) for p in parts]).write_parquet(path)
    for p in parts:
        Path(p).unlink()
    return path


_FULL = """
import json, resource, sys, time
t0 = time.perf_counter()
from audit.check import check
from audit.config import Config
t1 = time.perf_counter()
report = check([sys.argv[1]], Config())
t2 = time.perf_counter()
print(json.dumps({"seconds": t2 - t1, "import": t1 - t0, "claims": report.claims, "cases": len(report.cases),
                  "findings": len(report.findings), "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""

_OURS = """
import json, resource, sys, time
from collections import Counter
from audit.archive import load_archive
from audit.check import run_rules
from audit.config import Config
from audit.frame import sources_frame
from pathlib import Path
t1 = time.perf_counter()
claims, _ = load_archive(Path(sys.argv[1]))
rows = run_rules(claims, sources_frame([]), Config(select=("SUM", "AGREE")))
t2 = time.perf_counter()
print(json.dumps({"seconds": t2 - t1, "counts": dict(Counter(rows["rule"].to_list())),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""

_DUCKDB = """
import json, resource, sys, time
from collections import Counter
import duckdb
sql = open(sys.argv[2]).read().replace("$archive", "'" + sys.argv[1] + "'")
t1 = time.perf_counter()
con = duckdb.connect()
con.execute("SET threads TO 2")
con.execute("SET enable_progress_bar = false")
rows = con.execute(sql).fetchall()
t2 = time.perf_counter()
print(json.dumps({"seconds": t2 - t1, "counts": dict(Counter(r[0] for r in rows)),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def _run(script: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())})
    if done.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--sources", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    import os
    import platform

    print(f"machine: {os.cpu_count()} cores, python {platform.python_version()}, {platform.platform()}")
    rows = []
    for size in args.sizes:
        started = time.perf_counter()
        path = archive(size, args.sources, args.seed)
        made = time.perf_counter() - started
        full = _run(_FULL, str(path))
        ours = _run(_OURS, str(path))
        duck = _run(_DUCKDB, str(path), str(HERE / "reference.sql"))
        same = ours["counts"] == duck["counts"]
        rows.append((size, full, ours, duck, same, made))
    print()
    print(f"{'claims':>9} {'cases':>6} {'full audit s':>12} {'claims/s':>10} {'peak MiB':>9} {'growth':>7}"
          f" | {'SUM+AGREE ours s':>16} {'DuckDB s':>8} {'ours/DuckDB':>11} {'same findings':>13}")
    previous = None
    for size, full, ours, duck, same, made in rows:
        growth = f"{full['seconds'] / previous[1]['seconds']:.1f}x" if previous else "-"
        print(f"{full['claims']:>9} {full['cases']:>6} {full['seconds']:>12.2f} {full['claims'] / full['seconds']:>10,.0f}"
              f" {full['rss'] / 2**20:>9.0f} {growth:>7} | {ours['seconds']:>16.2f} {duck['seconds']:>8.2f}"
              f" {ours['seconds'] / duck['seconds']:>11.2f} {str(same):>13}")
        previous = (size, full)
    for size, full, ours, duck, same, made in rows:
        if not same:
            print(f"{size}: findings differ: ours {ours['counts']} DuckDB {duck['counts']}")
    print("\nfull audit: audit.check() on the archive (load, validate, derive, 13 rules, findings with claims),"
          " measured in its own process after imports; peak = ru_maxrss of that process."
          " growth = time / time of the previous size.")


if __name__ == "__main__":
    main()
