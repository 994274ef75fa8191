"""The loading cache and parallel loading change nothing but the time: the same findings cold,
warm, after an edit, in parallel processes, with the cache unwritable or bypassed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from audit.check import check
from audit.cli import app
from audit.config import Config
from audit.loading import load_folders
from audit.synth import write


def _findings(report) -> list[tuple]:
    return [(f.rule, f.case, f.severity, f.message, f.file, f.line, tuple(c.id for c in f.claims), f.arithmetic)
            for f in report.findings]


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cases")
    write(4, 2, seed=21, out=folder, format="cases", claims_per_case=30)
    return folder


def test_a_warm_cache_gives_the_findings_of_a_cold_run(cases: Path, tmp_path: Path):
    plain = check([cases], Config())
    cached = Config(cache_dir=tmp_path / "cache")
    cold, warm = check([cases], cached), check([cases], cached)
    assert _findings(plain) == _findings(cold) == _findings(warm) and plain.findings
    assert (plain.claims, plain.sources, plain.source_table) == (warm.claims, warm.sources, warm.source_table)
    assert list((tmp_path / "cache").rglob("claims-*.parquet")), "the cold run stored what it read"


def test_warm_cases_hold_the_claims_of_cold_ones_in_their_order(cases: Path, tmp_path: Path):
    folders = sorted(p.parent for p in cases.rglob("case.yaml"))
    cold = load_folders(folders, cache_dir=tmp_path / "cache")
    warm = load_folders(folders, cache_dir=tmp_path / "cache")
    for a, b in zip(cold, warm, strict=True):
        assert a.frame.equals(b.frame) and a.articles == b.articles and a.problems == b.problems
        assert (a.name, a.path, a.config, a.claim_files) == (b.name, b.path, b.config, b.claim_files)


def test_an_edited_claim_file_is_read_again(cases: Path, tmp_path: Path):
    import shutil

    copy = tmp_path / "cases"
    shutil.copytree(cases, copy)
    config = Config(cache_dir=tmp_path / "cache")
    check([copy], config)
    claim_file = sorted(copy.glob("case-00000/claims/*.yaml"))[0]
    text = claim_file.read_text("utf-8")
    assert "  measure: " in text
    claim_file.write_text(text.replace("  measure: ", "  measure: no-such-", 1), "utf-8")
    edited = check([copy], config)
    assert any(f.rule == "INPUT005" and "no-such-" in f.message for f in edited.findings)
    assert _findings(edited) == _findings(check([copy], Config()))


def test_a_cache_of_other_code_is_never_read(cases: Path, tmp_path: Path, monkeypatch):
    import audit.cache

    config = Config(cache_dir=tmp_path / "cache")
    check([cases], config)
    monkeypatch.setattr(audit.cache, "code_fingerprint", lambda: "9.9.9-other")
    assert audit.cache.CaseCache(tmp_path / "cache").get(["anything"]) == {}
    check([cases], config)
    assert (tmp_path / "cache" / "9.9.9-other").is_dir()


def test_an_unwritable_cache_is_no_cache(cases: Path, tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache would go")
    report = check([cases], Config(cache_dir=blocker / ".audit_cache"))
    assert _findings(report) == _findings(check([cases], Config()))


def test_a_damaged_cache_is_no_cache(cases: Path, tmp_path: Path):
    config = Config(cache_dir=tmp_path / "cache")
    check([cases], config)
    for segment in (tmp_path / "cache").rglob("*.parquet"):
        segment.write_bytes(b"PAR1 garbage")
    assert _findings(check([cases], config)) == _findings(check([cases], Config()))


def test_parallel_processes_read_what_one_process_reads(cases: Path):
    folders = sorted(p.parent for p in cases.rglob("case.yaml"))
    one, two = load_folders(folders, workers=1), load_folders(folders, workers=2)
    assert [c.name for c in one] == [c.name for c in two]
    for a, b in zip(one, two):
        assert a.frame.equals(b.frame) and a.problems == b.problems and a.articles == b.articles


def test_this_process_reads_what_no_reader_has_taken(cases: Path, monkeypatch):
    """With one reader process and this one, the chunks are shared: the reader takes them from the start, this
    process from the end, and together they give every case once, in order."""
    import audit.loading

    by_reader: list[str] = []
    real = audit.loading.FolderReader._result
    monkeypatch.setattr(audit.loading, "_LARGEST_CHUNK", 1)  # a chunk a folder: four chunks to share
    monkeypatch.setattr(audit.loading.FolderReader, "_result",
                        lambda self, chunk, future: by_reader.extend(name for _, name in chunk) or real(self, chunk, future))
    folders = sorted(p.parent for p in cases.rglob("case.yaml"))
    names = [f.name for f in folders]
    read = load_folders(folders, workers=2)
    assert [c.name for c in read] == names
    one = load_folders(folders, workers=1)
    assert all(a.frame.equals(b.frame) and a.problems == b.problems for a, b in zip(read, one))
    assert by_reader == names[:len(by_reader)] and by_reader  # the reader's chunks: from the start, the rest here


def test_a_killed_reader_loses_no_case(cases: Path, monkeypatch):
    """A reader process that dies (killed, out of memory) breaks the pool: its chunks are read here."""
    from concurrent.futures.process import BrokenProcessPool

    import audit.loading

    class Broken:
        def __init__(self, *args, **kwargs):
            pass

        def submit(self, *args, **kwargs):
            from concurrent.futures import Future

            future: Future = Future()
            future.set_exception(BrokenProcessPool("a reader died"))
            return future

        def shutdown(self, **kwargs):
            pass

    monkeypatch.setattr(audit.loading, "ProcessPoolExecutor", Broken)
    folders = sorted(p.parent for p in cases.rglob("case.yaml"))
    read = load_folders(folders, workers=2)
    assert [c.frame.height for c in read] == [c.frame.height for c in load_folders(folders, workers=1)]


def test_batches_read_by_processes_while_the_last_is_audited_give_the_report_of_one(cases: Path, monkeypatch):
    import audit.check
    import audit.loading

    whole = _whole(check([cases], Config()))
    monkeypatch.setattr(audit.check, "FOLDERS_AT_ONCE", 2)
    monkeypatch.setattr(audit.loading, "PARALLEL_FROM", 1)  # every batch through a reader process
    monkeypatch.setattr(audit.loading, "_LARGEST_CHUNK", 1)
    assert _whole(check([cases], Config())) == whole


def test_without_processes_the_folders_are_read_in_this_one(cases: Path, monkeypatch):
    import audit.loading

    def refused(*args, **kwargs):
        raise PermissionError("no semaphores in this sandbox")

    monkeypatch.setattr(audit.loading, "ProcessPoolExecutor", refused)
    folders = sorted(p.parent for p in cases.rglob("case.yaml"))
    read = load_folders(folders, workers=2)
    assert [c.frame.height for c in read] == [c.frame.height for c in load_folders(folders, workers=1)]


def test_the_command_caches_in_the_reports_folder_unless_told_not_to(cases: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    runner.invoke(app, ["check", str(cases), "--no-cache", "--no-write"])
    assert not (tmp_path / "reports" / ".audit_cache").exists() and not (tmp_path / ".audit_cache").exists()
    first = runner.invoke(app, ["check", str(cases), "--no-write", "-f", "json"])
    second = runner.invoke(app, ["check", str(cases), "--no-write", "-f", "json"])
    assert (tmp_path / "reports" / ".audit_cache" / "CACHEDIR.TAG").is_file()  # inside the only folder an audit writes
    assert not (tmp_path / ".audit_cache").exists()
    assert first.output == second.output and first.exit_code == second.exit_code


def test_many_stored_segments_are_merged(cases: Path, tmp_path: Path, monkeypatch):
    import audit.cache

    monkeypatch.setattr(audit.cache, "MAX_SEGMENTS", 2)
    folders = sorted(p.parent for p in cases.rglob("case.yaml"))
    config = Config(cache_dir=tmp_path / "cache")
    for folder in folders:  # one run per case: one segment each, merged past two
        check([folder], config)
    assert len(list((tmp_path / "cache").rglob("cases-*.parquet"))) <= 2
    assert _findings(check([cases], config)) == _findings(check([cases], replace(config, cache_dir=None)))


def test_unchanged_folders_are_known_by_the_stat_of_their_files(cases: Path, tmp_path: Path, monkeypatch):
    import audit.cache

    folders = sorted(p.parent for p in cases.rglob("case.yaml"))
    monkeypatch.setattr(audit.cache, "RACY_SECONDS", -3600.0)  # every file counts as settled
    cold = load_folders(folders, cache_dir=tmp_path / "cache")

    def no_reading(*args, **kwargs):
        raise AssertionError("a folder whose files did not change was hashed again")

    monkeypatch.setattr(audit.cache, "case_key", no_reading)
    warm = load_folders(folders, cache_dir=tmp_path / "cache")
    assert all(a.frame.equals(b.frame) for a, b in zip(cold, warm, strict=True))


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(cases: Path, tmp_path: Path, monkeypatch):
    import os
    import shutil

    import audit.cache

    copy = tmp_path / "cases"
    shutil.copytree(cases, copy)
    monkeypatch.setattr(audit.cache, "RACY_SECONDS", -3600.0)
    config = Config(cache_dir=tmp_path / "cache")
    before = check([copy], config)
    claim_file = sorted(copy.glob("case-00000/claims/*.yaml"))[0]
    text, times = claim_file.read_text("utf-8"), os.stat(claim_file)
    edited_text = text.replace("  measure: ", "  measure: X", 1).replace("\n", "", 1)  # same length
    assert len(edited_text) == len(text) and edited_text != text
    claim_file.write_text(edited_text, "utf-8")
    os.utime(claim_file, ns=(times.st_atime_ns, times.st_mtime_ns))  # the change time still moves
    after = check([copy], config)
    assert _findings(after) == _findings(check([copy], Config())) != _findings(before)


def test_a_first_run_works_the_keys_out_as_it_reads_and_the_next_run_knows_them_by_stat(cases: Path, tmp_path: Path,
                                                                                          monkeypatch):
    """With nothing in the cache, no key is worked out before reading: each folder's is, by the process that
    reads it, and they are the keys ``case_key`` gives; the next run finds every folder by the stat of its files."""
    import audit.cache
    import audit.loading
    from audit.cache import case_key

    monkeypatch.setattr(audit.cache, "RACY_SECONDS", -3600.0)  # every file counts as settled
    monkeypatch.setattr(audit.loading, "_keys", lambda *a: (_ for _ in ()).throw(AssertionError("keys up front")))
    config = Config(cache_dir=tmp_path / "cache")
    cold = check([cases], config)
    stored = set(audit.cache.CaseCache(tmp_path / "cache").keys_by_signature().values())
    folders = sorted(p.parent for p in cases.rglob("case.yaml"))
    assert stored == {case_key(folder, folder.name, None) for folder in folders}
    monkeypatch.undo()
    monkeypatch.setattr(audit.cache, "case_key", lambda *a: (_ for _ in ()).throw(AssertionError("hashed again")))
    monkeypatch.setattr(audit.loading, "load_case", lambda *a, **k: (_ for _ in ()).throw(AssertionError("read again")))
    assert _whole(check([cases], config)) == _whole(cold) and cold.findings


def test_files_changed_just_now_are_hashed_again_next_time(cases: Path, tmp_path: Path):
    folders = sorted(p.parent for p in cases.rglob("case.yaml"))[:1]
    fresh = tmp_path / "fresh"
    import shutil

    shutil.copytree(folders[0], fresh)  # every file written a moment ago
    load_folders([fresh], cache_dir=tmp_path / "cache")
    assert not list((tmp_path / "cache").rglob("signatures.parquet")), "a racy file was known by its stat"


def test_a_first_run_does_not_trust_the_stat_of_files_changed_just_before_it_read_them(cases: Path, tmp_path: Path,
                                                                                      monkeypatch):
    """The keys a first run works out while reading: a folder whose files changed just before they were scanned is
    not known by its stat next time, however long after the scan the batch ends."""
    import shutil

    import audit.loading

    fresh = tmp_path / "fresh"
    shutil.copytree(sorted(p.parent for p in cases.rglob("case.yaml"))[0], fresh)  # every file written a moment ago
    real = audit.loading._scanned

    def scan_then_wait(*args):
        found = real(*args)
        monkeypatch.setattr(audit.loading.time, "time_ns", lambda: 10**20)  # the batch ends long after the scan
        return found

    monkeypatch.setattr(audit.loading, "_scanned", scan_then_wait)
    check([fresh], Config(cache_dir=tmp_path / "cache"))
    assert list((tmp_path / "cache").rglob("claims-*.parquet")), "the case was stored"
    assert not list((tmp_path / "cache").rglob("signatures.parquet")), "a racy file was known by its stat"


def test_a_first_run_hashes_the_bytes_it_read_without_reading_them_again(cases: Path, tmp_path: Path, monkeypatch):
    """The keys a first run works out while reading hash the files as the audit read them: ``case_key`` opens only a
    file the reading did not read whole (here a note beside the articles), and the keys are those of the files."""
    import os
    import shutil

    import audit.cache
    from audit.boundary import read_whole

    folder = tmp_path / "case"

    shutil.copytree(sorted(p.parent for p in cases.rglob("case.yaml"))[0], folder)
    (folder / "articles" / "notes.rtf").write_text("not an article", encoding="utf-8")
    opened: list[str] = []

    def watched_read(path):
        opened.append(os.fspath(path))
        return read_whole(path)

    monkeypatch.setattr(audit.cache, "RACY_SECONDS", -3600.0)  # every file counts as settled
    monkeypatch.setattr(audit.cache, "read_whole", watched_read)
    check([folder], Config(cache_dir=tmp_path / "cache"))
    assert opened == [str(folder / "articles" / "notes.rtf")]
    monkeypatch.undo()
    stored = set(audit.cache.CaseCache(tmp_path / "cache").keys_by_signature().values())
    assert stored == {audit.cache.case_key(folder, folder.name, None)}


def _whole(report) -> tuple:
    """Everything a report says, its figures included."""
    return (_findings(report), [f.severity_reason for f in report.findings], report.cases, report.claims,
            report.sources, report.coverage, report.rules_run, report.case_fail_on, report.source_table,
            list(report.figures))


def test_a_warm_run_gives_the_whole_report_of_a_cold_one_without_running_a_rule(cases: Path, tmp_path: Path, monkeypatch):
    import audit.check

    plain = check([cases], Config())
    cached = Config(cache_dir=tmp_path / "cache")
    cold = check([cases], cached)

    def no_rules(*args, **kwargs):
        raise AssertionError("an unchanged case was audited again")

    monkeypatch.setattr(audit.check, "run_rules", no_rules)
    monkeypatch.setattr(audit.check, "load_folders", no_rules)  # not read either (until its figures are asked for)
    warm = check([cases], cached)
    assert warm.findings and not [f for f in warm.findings if f.case not in warm.cases]
    monkeypatch.undo()
    assert _whole(plain) == _whole(cold) == _whole(warm)


def test_only_the_changed_case_is_audited_again(cases: Path, tmp_path: Path, monkeypatch):
    import shutil

    import audit.check

    copy = tmp_path / "cases"
    shutil.copytree(cases, copy)
    config = Config(cache_dir=tmp_path / "cache")
    check([copy], config)
    claim_file = sorted(copy.glob("case-00001/claims/*.yaml"))[0]
    claim_file.write_text(claim_file.read_text("utf-8").replace("  measure: ", "  measure: no-such-", 1), "utf-8")
    audited: list[list[str]] = []
    real = audit.check._audit
    monkeypatch.setattr(audit.check, "_audit", lambda cases, *rest, **kw: audited.append([c.name for c in cases]) or real(cases, *rest, **kw))
    edited = check([copy], config)
    assert audited == [["case-00001"]]
    assert _whole(edited) == _whole(check([copy], Config()))


def test_results_of_other_settings_are_not_reused(cases: Path, tmp_path: Path):
    check([cases], Config(cache_dir=tmp_path / "cache"))
    chosen = Config(cache_dir=tmp_path / "cache", select=("SUM",), severity={"SUM001": "info"})
    assert _whole(check([cases], chosen)) == _whole(check([cases], replace(chosen, cache_dir=None)))
    assert {f.rule[:3] for f in check([cases], chosen).findings} <= {"SUM", "INP"}


def test_a_finding_comes_back_from_the_cache_equal_decimals_and_all(cases: Path):
    from decimal import Decimal

    from audit.cache import finding_document, finding_from_document
    from audit.findings import ClaimRef, Finding

    findings = check([cases], Config()).findings
    exact = Finding(rule="SUM001", name="n", severity="error", case="c", message="m", arithmetic="a",
                    observed=(Decimal("0.1000000000000000055511151231257827"), None), expected=None,
                    claims=(ClaimRef(id="x", source="s", text="t", low=Decimal("1.50"), high=None, display="1.50",
                                     place=("KH",), group=()),))
    for finding in [*findings, exact]:
        document = orjson.loads(orjson.dumps(finding_document(finding)))
        assert finding_from_document(document) == finding
        assert finding_from_document(document).observed == finding.observed


@pytest.mark.parametrize("cache", [True, False])
def test_many_folders_audited_a_batch_at_a_time_give_the_report_of_one_batch(cases: Path, tmp_path: Path, monkeypatch, cache: bool):
    import audit.check

    config = Config(cache_dir=tmp_path / "cache" if cache else None)
    whole = _whole(check([cases], Config()))
    monkeypatch.setattr(audit.check, "FOLDERS_AT_ONCE", 3)  # four cases: batches of three and one
    batches: list[int] = []
    real = audit.check._audit
    monkeypatch.setattr(audit.check, "_audit", lambda read, *rest, **kw: batches.append(len(read)) or real(read, *rest, **kw))
    assert _whole(check([cases], config)) == whole
    assert batches == [3, 1]
    if cache:
        assert _whole(check([cases], config)) == whole and batches == [3, 1]  # warm: nothing audited again


def test_cases_are_stored_while_they_are_audited_and_a_failure_to_store_is_not_lost(cases: Path, tmp_path: Path,
                                                                                   monkeypatch):
    """The cache is written in a thread beside the audit: what it stores is what was read, and an error in it (not
    a full disk, which is silent) still stops the run."""
    import audit.cache

    folders = sorted(p.parent for p in cases.rglob("case.yaml"))
    first = load_folders(folders, cache_dir=tmp_path / "cache")
    again = load_folders(folders, cache_dir=tmp_path / "cache")  # every case from the segment the thread wrote
    assert all(a.frame.equals(b.frame) and a.problems == b.problems for a, b in zip(first, again))

    def broken(self, entries):
        raise RuntimeError("a bug in the cache")

    monkeypatch.setattr(audit.cache.CaseCache, "put", broken)
    with pytest.raises(RuntimeError, match="a bug in the cache"):
        load_folders(folders, cache_dir=tmp_path / "other")


def test_a_key_is_worked_out_when_a_file_is_swapped_for_a_pipe_after_its_scan(tmp_path: Path) -> None:
    """``case_key`` reads a file its scan found regular without blocking: swapped for a named pipe since, it hashes
    as empty (and its changed stat tells the next run), where a blocking open would wait for a writer for ever."""
    import os
    import threading

    from audit.cache import _scan, case_key

    folder = tmp_path / "case"
    (folder / "articles").mkdir(parents=True)
    (folder / "case.yaml").write_text("title: t\n", encoding="utf-8")
    (folder / "articles" / "a.md").write_text("Ten died.\n", encoding="utf-8")
    scanned = _scan(folder)
    (folder / "articles" / "a.md").unlink()
    os.mkfifo(folder / "articles" / "a.md")
    keys: list[str] = []
    keying = threading.Thread(target=lambda: keys.append(case_key(folder, "case", None, scanned)), daemon=True)
    keying.start()
    keying.join(timeout=10)
    (folder / "articles" / "a.md").unlink()
    (folder / "articles" / "a.md").touch()  # an empty file hashes as the pipe read
    assert keys == [case_key(folder, "case", None, scanned)]
