"""Benchmark of a repository of case folders: ``audit check`` cold (no cache) and warm (every case
in ``.audit_cache``), and of one large archive with its findings written as JSON.

    python benchmarks/folders.py [--cases 1000 10000] [--archive PATH.parquet ...] [--data DIR]

Folders are generated once into benchmarks/data/, or ``--data DIR`` (``audit synth --format cases
--seed 12``, about 100 claims a case; ``DIR/cases-N`` is reused when it is there). Each measurement is the command itself in a fresh process, run in a scratch folder so the
cache starts empty; peak memory is the largest of the command and its worker processes
(``ru_maxrss`` of children). The cold and warm runs must print the same findings. Not part of the
test suite.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's audit package, whatever the working folder


def _folders(cases: int, data: Path = DATA) -> Path:
    out = data / f"cases-{cases}"
    if not (out / "expected.json").exists():
        subprocess.run([sys.executable, "-m", "audit", "synth", "--out", str(out), "--cases", str(cases),
                        "--format", "cases", "--seed", "12"], check=True, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL)
    return out


def _measure(args: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Seconds, CPU seconds, peak bytes (this child and its workers) and the hash of the JSON it writes."""
    out = cwd / "findings.json"
    started = time.perf_counter()
    # each run is the only child of its own helper process, so RUSAGE_CHILDREN is that run's peak alone
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:]); "
             "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(u.ru_maxrss, u.ru_utime + u.ru_stime)")
    done = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "audit", "check", *args, "--no-write",
                           "-f", "json", "-o", str(out)], cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak, cpu = done.stdout.strip().splitlines()[-1].split()
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:16] if out.exists() else "none"
    return seconds, float(cpu), int(peak) * 1024, digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--archive", type=Path, nargs="*", default=[])
    parser.add_argument("--data", type=Path, default=DATA, help="where the generated folders are kept")
    args = parser.parse_args()
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the start")
    print(f"{'input':<34}{'run':<8}{'seconds':>9}{'CPU s':>8}{'peak MiB':>10}  findings.json hash")
    for cases in args.cases:
        folder = _folders(cases, args.data.resolve())
        scratch = Path(tempfile.mkdtemp(prefix="audit-bench-"))
        try:
            results = {}
            for run in ("cold", "warm"):
                seconds, cpu, peak, digest = _measure([str(folder)], scratch)
                results[run] = digest
                print(f"{f'{cases:,} case folders':<34}{run:<8}{seconds:>9.1f}{cpu:>8.1f}{peak / 2**20:>10,.0f}  {digest}",
                      flush=True)
            print("same findings cold and warm" if len(set(results.values())) == 1 else "COLD AND WARM DIFFER",
                  f"(load average {os.getloadavg()[0]:.1f})")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    for archive in args.archive:
        scratch = Path(tempfile.mkdtemp(prefix="audit-bench-"))
        try:
            seconds, cpu, peak, digest = _measure([str(archive.resolve())], scratch)
            print(f"{archive.name:<34}{'json':<8}{seconds:>9.1f}{cpu:>8.1f}{peak / 2**20:>10,.0f}  {digest}", flush=True)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
