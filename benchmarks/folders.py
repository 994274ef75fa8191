"""Benchmark of a repository of case folders: ``audit check`` cold (no cache) and warm (every case
in ``.audit_cache``), and of one large archive with its findings written as JSON.

    python benchmarks/folders.py [--cases 1000 10000] [--archive PATH.parquet ...] [--data DIR] [--repeat N]

Folders are generated once into benchmarks/data/, or ``--data DIR`` (``audit synth --format cases
--seed 12``, about 100 claims a case; ``DIR/cases-N`` is reused when it is there). Each measurement is the command itself in a fresh process, run in a scratch folder so the
cache starts empty; peak memory is the largest of the command and its worker processes
(``ru_maxrss`` of children). The cold and warm runs must print the same findings. ``--repeat N`` runs
each measurement N times and prints the fastest (and the median): wall times on a shared machine swing
with its load, and the speed reference printed at the start and the end (a fixed Python loop, timed) says
how fast the machine ran. Before its runs each input is read once into the operating system's page cache, so that no run
waits on the disk ("cold" is about ``.audit_cache``). CPU seconds are those of every process of the run where a cpuacct cgroup can be made (root
on Linux), else of the command and the processes it waits for (not the reader processes). Not part of the test suite.
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
    done = subprocess.run([sys.executable, "-c", _PROBE, sys.executable, "-m", "audit", "check", *args, "--no-write",
                           "-f", "json", "-o", str(out)], cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak, cpu, code = done.stdout.strip().splitlines()[-1].split()
    if int(code) not in (0, 1):  # 1: findings; anything else is no measurement of an audit
        raise SystemExit(f"audit check {' '.join(args)} exited {code}:\n{done.stderr[-2000:]}")
    digest = hashlib.sha256(out.read_bytes()).hexdigest()[:16] if out.exists() else "none"
    return seconds, float(cpu), int(peak) * 1024, digest


#: runs the command; prints its peak memory and CPU seconds: of every process it starts where a cpuacct cgroup
#: can be made (the reader processes are the forkserver's children, not the command's), else of those it waits for
_PROBE = """
import os, resource, subprocess, sys
group = f"/sys/fs/cgroup/cpuacct/audit-bench-{os.getpid()}"
try:
    os.mkdir(group)
except OSError:
    group = None
def enter():
    if group:
        with open(f"{group}/cgroup.procs", "w") as procs:
            procs.write(str(os.getpid()))
code = subprocess.run(sys.argv[1:], preexec_fn=enter).returncode
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = usage.ru_utime + usage.ru_stime
if group:
    import time
    for _ in range(100):  # the forkserver ends just after the command: the group is removed once it is empty
        try:
            cpu = int(open(f"{group}/cpuacct.usage").read()) / 1e9
            os.rmdir(group)
            break
        except OSError:
            time.sleep(0.02)
print(usage.ru_maxrss, cpu, code)
"""


def _in_page_cache(path: Path) -> float:
    """Read every file under ``path`` (or ``path`` itself) once, so that the runs find them in the operating system's
    page cache: "cold" means nothing in ``.audit_cache``, not files read from disk (this machine's kernel gives back
    pages unused for a while, and a first run then waited on the disk for seconds). The seconds it took."""
    started = time.perf_counter()
    files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
    for file in files:
        with open(file, "rb") as handle:
            while handle.read(1 << 20):
                pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--archive", type=Path, nargs="*", default=[])
    parser.add_argument("--data", type=Path, default=DATA, help="where the generated folders are kept")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement: the fastest is printed")
    args = parser.parse_args()
    missing = [str(archive) for archive in args.archive if not archive.is_file()]
    if missing:
        parser.error(f"no such archive: {', '.join(missing)}")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the start; {_speed()}")
    print(f"{'input':<34}{'run':<8}{'seconds':>9}{'median':>8}{'CPU s':>8}{'peak MiB':>10}  findings.json hash")
    for cases in args.cases:
        folder = _folders(cases, args.data.resolve())
        digests: set[str] = set()
        runs: dict[str, list[tuple[float, float, int, str]]] = {"cold": [], "warm": []}
        print(f"{cases:,} case folders read into the page cache in {_in_page_cache(folder):.1f} s")
        for _ in range(args.repeat):
            scratch = Path(tempfile.mkdtemp(prefix="audit-bench-"))
            try:
                for run in ("cold", "warm"):  # each cold run in a fresh scratch folder: an empty cache
                    runs[run].append(_measure([str(folder)], scratch))
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
        for run, measured in runs.items():
            digests |= {m[3] for m in measured}
            _print(f"{cases:,} case folders", run, measured)
        print("same findings in every run, cold and warm" if len(digests) == 1 else "RUNS DIFFER",
              f"(load average {os.getloadavg()[0]:.1f})")
    for archive in args.archive:
        print(f"{archive.name} read into the page cache in {_in_page_cache(archive.resolve()):.1f} s")
        measured = []
        for _ in range(args.repeat):
            scratch = Path(tempfile.mkdtemp(prefix="audit-bench-"))
            try:
                measured.append(_measure([str(archive.resolve())], scratch))
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
        _print(archive.name, "json", measured)
    print(f"at the end: {_speed()}")


def _speed() -> str:
    """How fast this machine runs now: the same Python loop, timed in a fresh process (the fastest of three). On a
    shared machine the same audit takes 30 % longer in a slow hour; runs compared across hours need this beside them."""
    loop = "import time; t = time.perf_counter(); sum(range(10**8)); print(time.perf_counter() - t)"
    took = min(float(subprocess.run([sys.executable, "-c", loop], capture_output=True, text=True, check=True).stdout)
               for _ in range(3))
    return f'speed reference: python -c "sum(range(10**8))" {took:.2f} s'


def _print(name: str, run: str, measured: list[tuple[float, float, int, str]]) -> None:
    """The fastest run (its CPU time and hash), the median of the wall times, the largest peak, and whether all runs agree."""
    import statistics

    seconds, cpu, _, digest = min(measured)
    median = statistics.median(m[0] for m in measured)
    same = "" if len({m[3] for m in measured}) == 1 else "  RUNS DIFFER"
    print(f"{name:<34}{run:<8}{seconds:>9.1f}{median:>8.1f}{cpu:>8.1f}{max(m[2] for m in measured) / 2**20:>10,.0f}  "
          f"{digest}{same}", flush=True)


if __name__ == "__main__":
    main()
