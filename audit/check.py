"""``check(paths) -> Report``: the whole audit in one call (the CLI and the pytest plugin call it).

load cases -> claims frame -> validate (Pandera) -> derive -> every selected rule -> findings
with their claims attached -> severity overrides, select/ignore and waivers per case.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from audit.archive import is_archive, load_archive
from audit.case import Case, Problem, find_cases, load_case
from audit.config import Config
from audit.errors import AuditError
from audit.findings import ClaimRef, Finding, Report
from audit.frame import claims_frame, derive, sources_frame
from audit.rules import REGISTRY, rules_in_order
from audit.sources import line_of, sentence_around
from audit.validate import validate_claims

__all__ = ["check", "load_cases", "run_rules"]


def load_cases(paths: Iterable[Path | str]) -> list[Case]:
    cases: list[Case] = []
    for path in map(Path, paths):
        if not path.exists():
            raise AuditError(f"{path}: no such file or folder")
        found = find_cases(path)
        if not found:
            raise AuditError(f"{path}: no case.yaml in it or below it: not a case folder")
        cases.extend(load_case(p) for p in found)
    names = [c.name for c in cases]
    for case in cases:  # two cases with one folder name (a/x and b/x): qualify by path
        if names.count(case.name) > 1:
            case.name = str(case.path)
            for claim in case.claims:
                claim["case"] = case.name
    return cases


def run_rules(claims: pl.DataFrame, sources: pl.DataFrame, config: Config) -> pl.DataFrame:
    """Every selected frame rule over all cases at once: one frame of finding rows."""
    lazy_claims = derive(claims.lazy())  # derived columns computed once for every rule
    lazy_sources = sources.lazy()
    frames = []
    for rule in rules_in_order():
        if rule.check is None or not config.selects(rule.code):
            continue
        frames.append(rule.check(lazy_claims, lazy_sources).with_columns(rule=pl.lit(rule.code)))
    if not frames:
        return pl.DataFrame()
    return pl.concat(pl.collect_all(frames), how="vertical")


def check(paths: Sequence[Path | str], config: Config | None = None) -> Report:
    """Audit the cases at or below ``paths`` (case folders, folders of cases, Parquet archives of claims)."""
    config = config or Config.from_pyproject(Path(paths[0]) if paths else Path.cwd())
    archives = [Path(p) for p in paths if is_archive(Path(p))]
    folders = [Path(p) for p in paths if not is_archive(Path(p))]
    cases = load_cases(folders) if folders else []
    case_configs = {c.name: config.merged(c.settings, str(c.path / "case.yaml")) for c in cases}
    records = [claim for case in cases for claim in case.claims]
    problems = [(case.name, p) for case in cases for p in case.problems]
    frames = [claims_frame(records)]
    taken = {c.name for c in cases}
    for archive in archives:
        frame, archive_problems = load_archive(archive, taken)
        frames.append(frame)
        problems += archive_problems
        taken |= set(frame["case"].unique())
    claims, schema_problems = validate_claims(pl.concat(frames) if len(frames) > 1 else frames[0])
    problems += [(p.case if p.case is not None else _case_of(records, p), p) for p in schema_problems]
    folder_cases = {c.name for c in cases}
    archive_cases = sorted(set(pl.concat([f.select("case") for f in frames[1:]])["case"].unique()) - folder_cases) if archives else []
    sources = sources_frame(
        {"case": case.name, "source": a.source, "path": str(a.path), "title": a.title, "outlet": a.outlet,
         "url": a.url, "published": a.published, "kind": a.kind, "text": a.text}
        for case in cases for a in case.articles.values()
    )
    rows = run_rules(claims, sources, config)
    findings = _attach(rows, claims, cases)
    findings += [_problem_finding(case, p) for case, p in problems]
    findings = _apply_case_settings(findings, cases, case_configs)
    findings.sort(key=lambda f: (f.case, -_rank(f.severity), f.rule, f.file or "", f.line or 0))
    return Report(
        findings=findings,
        cases=[c.name for c in cases] + archive_cases,
        sources=sources.height,
        claims=claims.height,
        rules_run=[r.code for r in rules_in_order() if config.selects(r.code)],
        source_table=[
            {"case": c.name, "source": a.source, "outlet": a.outlet, "url": a.url,
             "published": a.published.isoformat() if a.published else None, "title": a.title, "file": str(a.path)}
            for c in cases for a in c.articles.values()
        ],
    )


def _rank(severity: str) -> int:
    return {"error": 3, "warning": 2, "info": 1}[severity]


def _case_of(records: list[dict], problem: Problem) -> str:
    return next((r["case"] for r in records if r["id"] == problem.claim_id and r["file"] == str(problem.file)), "")


def _problem_finding(case: str, problem: Problem) -> Finding:
    rule = REGISTRY[problem.rule]
    return Finding(rule=rule.code, name=rule.name, severity=rule.severity, case=case,
                   message=problem.message, file=str(problem.file), line=problem.line)


def _attach(rows: pl.DataFrame, claims: pl.DataFrame, cases: list[Case]) -> list[Finding]:
    if rows.is_empty():
        return []
    articles = {(c.name, s): a for c in cases for s, a in c.articles.items()}
    # only the claims findings name become Python values (an archive has a million others)
    named = rows.select("case", id=pl.col("claim_ids")).explode("id").unique()
    involved = derive(claims.join(named, on=["case", "id"], how="semi").lazy()).collect()
    by_id = {(r["case"], r["id"]): r for r in involved.iter_rows(named=True)}
    findings = []
    for row in rows.iter_rows(named=True):
        refs = tuple(_claim_ref(by_id[(row["case"], cid)], articles) for cid in row["claim_ids"] if (row["case"], cid) in by_id)
        rule = REGISTRY[row["rule"]]
        first = refs[0] if refs else None
        findings.append(Finding(
            rule=rule.code, name=rule.name, severity=row["severity"] or rule.severity, case=row["case"],
            message=row["message"], claims=refs, arithmetic=row["arithmetic"],
            observed=_pair(row, "observed"), expected=_pair(row, "expected"),
            file=first.file if first else None, line=first.line if first else None,
        ))
    return findings


def _pair(row: dict[str, Any], prefix: str) -> tuple | None:
    low, high = row[f"{prefix}_low"], row[f"{prefix}_high"]
    return None if low is None and high is None else (low, high)


def _claim_ref(claim: dict[str, Any], articles: dict) -> ClaimRef:
    article = articles.get((claim["case"], claim["source"]))
    sentence = file = line = None
    if article is not None:
        file = str(article.path)
        if article.text[claim["start"]:claim["end"]] == claim["text"]:
            begin, end = sentence_around(article.text, claim["start"], claim["end"])
            sentence = article.text[begin:end].strip()
            line = line_of(article.text, claim["start"]) + _front_matter_lines(article)
    return ClaimRef(
        id=claim["id"], source=claim["source"], text=claim["text"], low=claim["low"], high=claim["high"],
        display=claim["display"], place=tuple(claim["place"]), group=tuple(claim["group"]), measure=claim["measure"],
        outlet=article.outlet if article else None, url=article.url if article else None,
        published=article.published.isoformat() if article and article.published else None,
        sentence=sentence, file=file or claim["file"], line=line if file else claim["line"],
        start=claim["start"], end=claim["end"], role=claim["role"],
    )


def _front_matter_lines(article) -> int:
    """Lines the reader stripped from the top of the file (front matter), so lines point into the file."""
    if article.kind != "md":
        return 0
    raw = article.path.read_text("utf-8-sig")
    return raw[: len(raw) - len(article.text)].count("\n") if raw.endswith(article.text) else 0


def _apply_case_settings(findings: list[Finding], cases: list[Case], configs: dict[str, Config]) -> list[Finding]:
    waivers = {c.name: c.config.get("waivers") or [] for c in cases}
    kept = []
    for finding in findings:
        config = configs.get(finding.case)
        if config is not None and not config.selects(finding.rule):
            continue
        if config is not None and finding.rule in config.severity:
            finding = _replace(finding, severity=config.severity[finding.rule])
        for waiver in waivers.get(finding.case, []):
            if _waiver_matches(waiver, finding):
                finding = _replace(finding, waived=str(waiver.get("reason") or "waived"))
        kept.append(finding)
    return kept


def _waiver_matches(waiver: dict, finding: Finding) -> bool:
    if waiver.get("rule") != finding.rule:
        return False
    wanted = set(waiver.get("claims") or [])
    return not wanted or wanted == {c.id for c in finding.claims}


def _replace(finding: Finding, **changes: Any) -> Finding:
    from dataclasses import replace

    return replace(finding, **changes)
