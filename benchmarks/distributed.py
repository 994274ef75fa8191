"""Benchmark of the partitioned run: 1 and 2 local Dask workers on an archive of claims and on an
archive of articles (extraction included), the per-partition cost, and what that predicts for
100M claims on 50 workers.

    python benchmarks/distributed.py [--claims 1000000] [--articles 100000] [--workers 1 2]

Archives are generated once into benchmarks/data/ (``audit synth``). Each measurement runs in a
fresh subprocess; peak memory is the largest of the process and its worker processes
(``ru_maxrss`` of self and children). Every run's findings are reduced to one hash of (rule, case,
severity, claim ids): the runs must agree. Not part of the test suite.

The prediction: partitions run independently, so N claims on W workers take about
``ceil(N / P) / W`` rounds of the measured time of one partition of P claims, plus the time to plan
(read the ``case`` column) and the scheduler's per-task overhead (measured: the 2-worker run's
time less its share of partition work).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's audit package, whatever the working folder
sys.path.insert(0, str(ROOT))

_RUN = """
import hashlib, json, resource, sys, time
from audit.config import Config
from audit.distributed import check_partitioned
path, workers, per_partition = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
t0 = time.perf_counter()
report = check_partitioned([path], Config(), workers=workers or None, claims_per_partition=per_partition)
seconds = time.perf_counter() - t0
identity = sorted((f.rule, f.case, f.severity, tuple(sorted(c.id for c in f.claims))) for f in report.findings)
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "claims": report.claims, "findings": len(report.findings),
                  "sources": report.sources, "hash": hashlib.sha256(repr(identity).encode()).hexdigest()[:16],
                  "rss": rss * 1024}))
"""

_PARTITIONS = """
import json, sys, time
from audit.config import Config
from audit.distributed import audit_partition, plan
path, per_partition, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
t0 = time.perf_counter()
parts = plan([path], claims_per_partition=per_partition)
planned = time.perf_counter() - t0
costs = []
for part in parts[:limit]:
    t = time.perf_counter()
    report = audit_partition(part, Config())
    costs.append({"seconds": time.perf_counter() - t, "claims": report.claims, "sources": report.sources})
print(json.dumps({"plan": planned, "partitions": len(parts), "measured": costs}))
"""


def _synth(kind: str, cases: int) -> Path:
    out = DATA / f"{kind}-{cases}-cases"
    name = "claims.parquet" if kind == "parquet" else "articles.parquet"
    if not (out / name).exists():
        subprocess.run([sys.executable, "-m", "audit", "synth", "--out", str(out), "--cases", str(cases),
                        "--format", kind, "--seed", "12"], check=True, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL)
    return out / name


def _run(script: str, *args: object) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)], capture_output=True, text=True, cwd=ROOT, env=ENV)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--claims-per-partition", type=int, default=250_000)
    parser.add_argument("--target-claims", type=int, default=100_000_000)
    parser.add_argument("--target-workers", type=int, default=50)
    args = parser.parse_args()

    inputs = []
    if args.claims:
        inputs.append(("claims", _synth("parquet", max(1, args.claims // 100)), args.claims_per_partition))
    if args.articles:  # 4 sources a case; an article weighs 30 claims' work in the plan
        inputs.append(("articles", _synth("article-archive", max(1, args.articles // 4)), args.claims_per_partition))
    for label, path, per_partition in inputs:
        print(f"\n{label}: {path.relative_to(ROOT)}")
        print(f"{'run':<22}{'seconds':>9}{'claims':>11}{'findings':>10}{'peak MiB':>10}  findings hash")
        hashes = set()
        for workers in [0, *args.workers]:
            result = _run(_RUN, path, workers, per_partition)
            hashes.add(result["hash"])
            name = "one process, streamed" if workers == 0 else f"Dask, {workers} worker(s)"
            print(f"{name:<22}{result['seconds']:>9.1f}{result['claims']:>11,}{result['findings']:>10,}"
                  f"{result['rss'] / 2**20:>10,.0f}  {result['hash']}")
        print("same findings in every run" if len(hashes) == 1 else f"RUNS DISAGREE: {sorted(hashes)}")
        if label == "claims":
            costs = _run(_PARTITIONS, path, per_partition, 3)
            measured = costs["measured"]
            per_claim = sum(c["seconds"] for c in measured) / sum(c["claims"] for c in measured)
            partitions = math.ceil(args.target_claims / per_partition)
            rounds = math.ceil(partitions / args.target_workers)
            plan_time = costs["plan"] * args.target_claims / max(1, result["claims"])
            predicted = rounds * per_partition * per_claim + plan_time
            print(f"per partition of {per_partition:,} claims: {per_partition * per_claim:.2f} s "
                  f"({len(measured)} measured, one process); planning {costs['plan']:.2f} s for {result['claims']:,} claims")
            print(f"expected for {args.target_claims:,} claims on {args.target_workers} workers: {partitions} partitions, "
                  f"{rounds} rounds x {per_partition * per_claim:.1f} s + planning {plan_time:.0f} s = about {predicted:.0f} s "
                  "(plus the cluster's start and the findings' transfer)")


if __name__ == "__main__":
    main()
