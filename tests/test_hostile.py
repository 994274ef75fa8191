"""Hostile and broken input, one YAML file per attack under tests/hostile/ (collected here).

Each file names the files to lay out, the command to run and what must come of it::

    attack: what the attacker or careless user tries
    files:                       # path (relative to a scratch folder) -> text, or a generator:
      case/case.yaml: |          #   {repeat: "text {i}. ", times: 400}   the text repeated, {i} numbered
        title: t                 #   {text: ..., encoding: utf-16}        encoded otherwise than UTF-8
      case/articles/a.txt: ...   #   {parquet: [rows]}                     a Parquet archive of claims
    links: {case/articles/leak.txt: ../../secret.txt}   # symbolic links: path -> target
    fifos: [case/articles/pipe.txt]                     # named pipes
    folders: [reports/x]                                # empty folders
    env: {GITHUB_STEP_SUMMARY: summary}                 # relative values are made absolute
    cwd: case/articles                                  # where the command runs (default: the scratch folder)
    run: [check, ..]                                    # arguments of `audit`
    exit: 2
    stdout: [substring, ...]     # each must occur; stderr likewise
    absent: [substring, ...]     # must occur in neither stream
    writes: [reports/]           # path prefixes the run may create or change (default: reports/)
    xfail: reason                # a known gap (not strict)
    time_limit: 5                # seconds before the run counts as a hang (default 60)
    isolate: true                # run in a child process with a 3 GiB memory ceiling (attacks on memory)
    modes_after: {path: 0640}    # file modes after the run
    contains: {path: [text]}     # fragments a file must hold after the run

Every case also checks what holds for any input: no traceback, exit code 1 only for findings,
and no file created or changed outside ``writes``. A case runs in-process under an alarm, so a
hang fails the test instead of stopping the suite.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
import yaml

from audit.cli import main

CASES = sorted((Path(__file__).parent / "hostile").glob("*.yaml"))
TIME_LIMIT = 60  # seconds; a run this long is a hang (the slowest case takes about two)


def _content(spec) -> bytes | None:
    if isinstance(spec, str):
        return spec.encode("utf-8")
    if "repeat" in spec:
        return "".join(spec["repeat"].replace("{i}", str(i + 1)) for i in range(spec["times"])).encode("utf-8")
    if "join" in spec:
        return b"".join(_content(part) for part in spec["join"])
    if "encoding" in spec:
        return spec["text"].encode(spec["encoding"])
    raise ValueError(f"unknown file spec {spec!r}")


def _rows(rows: list[dict]) -> list[dict]:
    return [{k: (_content(v).decode("utf-8") if isinstance(v, dict) else v) for k, v in row.items()} for row in rows]


def _lay_out(root: Path, spec: dict) -> None:
    for folder in spec.get("folders", []):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for name, content in (spec.get("files") or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict) and "parquet" in content:
            import polars as pl

            from audit.frame import CLAIM_COLUMNS

            rows = _rows(content["parquet"])
            frame = pl.DataFrame(rows, schema=CLAIM_COLUMNS, orient="row") if rows else pl.DataFrame(schema=CLAIM_COLUMNS)
            frame.write_parquet(path)
        else:
            path.write_bytes(_content(content))
    for name, target in (spec.get("links") or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, root / name)
    for name in spec.get("fifos", []):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(root / name)
    for name, mode in (spec.get("modes") or {}).items():
        os.chmod(root / name, mode)


def _snapshot(root: Path) -> dict[str, tuple]:
    state = {}
    for folder, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            state[os.path.relpath(path, root)] = (info.st_mode, info.st_size, info.st_mtime_ns, os.path.islink(path) and os.readlink(path))
    return state


class _Hang(BaseException):  # not an Exception: no ``except Exception`` in the code under test may swallow it
    pass


def _alarm(signum, frame):
    raise _Hang("no answer within the time limit")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_hostile_input(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    spec = yaml.safe_load(path.read_text("utf-8"))
    root = tmp_path / "scratch"
    root.mkdir()
    _lay_out(root, spec)
    for name, value in (spec.get("env") or {}).items():
        monkeypatch.setenv(name, str(root / value) if not str(value).startswith("/") else str(value))
    if "GITHUB_STEP_SUMMARY" not in (spec.get("env") or {}):
        monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(root / spec.get("cwd", "."))
    monkeypatch.setattr(sys, "argv", ["audit", *map(str, spec["run"])])
    before = _snapshot(root)
    if spec.get("isolate"):
        code, out, err = _run_isolated(spec)
    else:
        code, out, err = _run_in_process(spec, capsys)
    after = _snapshot(root)
    # the reports folder; the loading cache lives in it (reports/.audit_cache) even when --output names a file
    allowed = (*spec.get("writes", ["reports/"]), "reports/.audit_cache/")
    changed = sorted(p for p in set(after) | set(before) if after.get(p) != before.get(p) and not p.startswith(allowed))
    problems = []
    if "Traceback" in out + err:
        problems.append("a traceback was printed")
    if code != spec["exit"]:
        problems.append(f"exit code {code}, expected {spec['exit']}")
    problems += [f"stdout lacks {s!r}" for s in spec.get("stdout", []) if s not in out]
    problems += [f"stderr lacks {s!r}" for s in spec.get("stderr", []) if s not in err]
    problems += [f"output holds {s!r}" for s in spec.get("absent", []) if s in out + err]
    for name, mode in (spec.get("modes_after") or {}).items():
        actual = os.lstat(root / name).st_mode & 0o7777 if os.path.lexists(root / name) else None
        if actual != mode:
            problems.append(f"{name}: mode {actual and oct(actual)}, expected {oct(mode)}")
    for name, fragments in (spec.get("contains") or {}).items():
        text = (root / name).read_text("utf-8", errors="replace")
        problems += [f"{name} lacks {fragment!r}" for fragment in fragments if fragment not in text]
    if changed:
        problems.append(f"changed outside {list(allowed)}: {changed[:5]}")
    if problems:
        _fail(spec, "; ".join(problems) + f"\n--- stdout\n{out[-3000:]}\n--- stderr\n{err[-3000:]}")


def _run_in_process(spec: dict, capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(spec.get("time_limit", TIME_LIMIT))
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
    except _Hang as hang:
        _fail(spec, str(hang))
    except Exception as error:  # main() must catch everything: an escaping exception is a traceback
        _fail(spec, f"{type(error).__name__} escaped the CLI: {error}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    out, err = capsys.readouterr()
    return code, out, err


#: address space of an isolated run: an attack that makes memory explode fails there, not in the test process
ISOLATED_MEMORY = 3 * 2**30


def _run_isolated(spec: dict) -> tuple[int, str, str]:
    """Run the command in a child process with a memory ceiling and a timeout (for attacks such as
    billion laughs, whose failure mode is eating all memory: an alarm cannot stop that in time)."""
    import resource
    import subprocess

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ISOLATED_MEMORY, ISOLATED_MEMORY))

    code = "import sys; from audit.cli import main; sys.argv[0] = 'audit'; main()"
    try:
        done = subprocess.run([sys.executable, "-c", code, *map(str, spec["run"])], capture_output=True, text=True,
                              timeout=spec.get("time_limit", TIME_LIMIT), preexec_fn=limit)
    except subprocess.TimeoutExpired:
        _fail(spec, f"no answer within {spec.get('time_limit', TIME_LIMIT)} s")
    return done.returncode, done.stdout, done.stderr


def _fail(spec: dict, message: str) -> None:
    if spec.get("xfail"):
        pytest.xfail(f"{spec['xfail']}: {message.splitlines()[0]}")
    pytest.fail(f"{spec['attack']}: {message}")
