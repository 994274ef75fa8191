"""The synthetic generator is an oracle: every planted discrepancy is found, with the right rule,
claims and severity, and nothing else is flagged -- in case folders (with articles, so grounding
is checked) and in a Parquet archive. Bad input among many cases is reported and the rest audited."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from audit.check import check
from audit.config import Config
from audit.synth import PLANT_KINDS, write

CASES = len(PLANT_KINDS)  # case i always plants PLANT_KINDS[i]: every rule at least once


def _found(report) -> dict[tuple, str]:
    return {(f.rule, f.case, tuple(sorted(c.id for c in f.claims))): f.severity for f in report.findings}


def _expected(folder: Path) -> dict[tuple, str]:
    return {(e["rule"], e["case"], tuple(e["claims"])): e["severity"] for e in json.loads((folder / "expected.json").read_text())}


@pytest.mark.parametrize("sources", [3])
def test_every_planted_discrepancy_is_found_in_case_folders_and_nothing_else(tmp_path: Path, sources: int) -> None:
    write(CASES, sources, seed=7, out=tmp_path, format="cases")
    expected, found = _expected(tmp_path), _found(check([tmp_path], Config()))
    assert {rule for rule, _, _ in expected} == set(PLANT_KINDS)
    assert sorted(set(expected) - set(found)) == [], "planted but not found"
    assert sorted(set(found) - set(expected)) == [], "found but not planted (a false alarm)"
    assert {k: found[k] for k in expected} == expected, "severities differ"


def test_every_planted_discrepancy_is_found_in_a_parquet_archive(tmp_path: Path) -> None:
    write(CASES, 2, seed=11, out=tmp_path, format="parquet")
    report = check([tmp_path / "claims.parquet"], Config())
    expected, found = _expected(tmp_path), _found(report)
    assert {rule for rule, _, _ in expected} == set(PLANT_KINDS) - {"GROUND001"}  # an archive has no articles
    assert set(found) == set(expected)
    assert len(report.cases) == CASES and report.claims == pl.read_parquet(tmp_path / "claims.parquet").height


def test_the_same_seed_writes_the_same_cases(tmp_path: Path) -> None:
    write(3, 2, seed=5, out=tmp_path / "a", format="parquet")
    write(3, 2, seed=5, out=tmp_path / "b", format="parquet")
    a, b = (pl.read_parquet(tmp_path / x / "claims.parquet") for x in "ab")
    assert a.equals(b) and a.height > 200


def test_bad_input_among_many_cases_is_reported_and_the_rest_audited(tmp_path: Path) -> None:
    write(CASES, 2, seed=3, out=tmp_path / "folders", format="cases")
    write(CASES, 2, seed=4, out=tmp_path / "archive", format="parquet")
    # a malformed claim file in one case of many
    broken = sorted((tmp_path / "folders" / "case-00004" / "claims").glob("*.yaml"))[0]
    broken.write_text("source: x\nclaims:\n  - id: [unclosed\n", "utf-8")
    # a claim pointing at a missing part_of, in the archive
    archive = tmp_path / "archive" / "claims.parquet"
    frame = pl.read_parquet(archive)
    frame = frame.with_columns(part_of=pl.when(pl.int_range(pl.len()) == 5).then(pl.lit("no-such-claim")).otherwise("part_of"))
    frame.write_parquet(archive)
    # the archive's cases share their names with the folders': they are told apart by the archive's path
    dangling_case = f"{archive}:{frame.row(5, named=True)['case']}"
    # a corrupt Parquet file
    corrupt = tmp_path / "corrupt.parquet"
    corrupt.write_bytes(b"PAR1 this is not a parquet file")

    report = check([tmp_path / "folders", archive, corrupt], Config())
    by_rule = {}
    for f in report.findings:
        by_rule.setdefault(f.rule, []).append(f)
    unreadable = sorted((f.case, f.file) for f in by_rule["INPUT001"])
    assert unreadable == sorted([(corrupt.name, str(corrupt)), ("case-00004", str(broken))])
    assert [f.case for f in by_rule["INPUT007"]] == [dangling_case]
    assert "no-such-claim" in by_rule["INPUT007"][0].message
    # everything else is still audited: the other cases' planted findings are all there
    found = _found(report)
    expected = {k: v for k, v in _expected(tmp_path / "folders").items() if k[1] != "case-00004"}
    expected.update({(rule, f"{archive}:{case}", ids): v for (rule, case, ids), v in _expected(tmp_path / "archive").items()})
    assert set(expected) <= set(found)


def test_the_command_line_writes_synthetic_cases_and_audits_an_archive(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from audit.cli import app

    runner = CliRunner()
    made = runner.invoke(app, ["synth", "--cases", "3", "--sources", "2", "--seed", "1", "--format", "parquet",
                               "--out", str(tmp_path / "archive")])
    assert made.exit_code == 0 and "3 cases" in made.output
    monkeypatch.chdir(tmp_path)
    archive = tmp_path / "archive" / "claims.parquet"
    audited = runner.invoke(app, ["check", str(archive), "--format", "json"])
    assert audited.exit_code == 1  # planted errors
    found = {(f["rule"], f["case"], tuple(sorted(c["id"] for c in f["claims"])))
             for f in json.loads(audited.stdout)["findings"]}
    assert found == set(_expected(tmp_path / "archive"))
    assert not (tmp_path / "reports").exists()  # an archive's cases get report folders only when asked
    runner.invoke(app, ["check", str(archive), "--write", "--format", "json"])
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["case-00000", "case-00001", "case-00002"]
    wrong = runner.invoke(app, ["synth", "--out", str(tmp_path / "x"), "--format", "csv"])
    assert wrong.exit_code == 2 and "unknown synth format 'csv'" in wrong.output


def test_articles_alone_hold_every_claim_at_its_offsets(tmp_path: Path) -> None:
    from audit.synth import generate
    from audit.synth.output import article_texts

    write(2, 3, seed=9, out=tmp_path, format="articles")
    for case in generate(2, 3, seed=9):
        texts = article_texts(case)
        for source, text in texts.items():
            assert (tmp_path / case.name / f"{source}.txt").read_text("utf-8") == text
        for claim in case.claims:
            assert texts[claim.source][claim.start:claim.end] == claim.text or claim.shift  # GROUND001 plants point past it
