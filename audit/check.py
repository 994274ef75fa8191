"""``check(paths) -> Report``: the whole audit in one call (the CLI and the pytest plugin call it).

load cases -> claims frame -> validate (Pandera) -> derive -> every selected rule -> findings
with their claims attached -> severity overrides, select/ignore and waivers per case. A case folder
unchanged since a run with the cache gives that run's results instead (``audit.cache.ResultCache``);
many folders go through in batches of ``FOLDERS_AT_ONCE``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import polars as pl
from polars.exceptions import PanicException

from audit.archive import is_archive, load_archive
from audit.case import Case, Problem, find_cases
from audit.config import Config
from audit.cycles import paused_cycle_collection
from audit.errors import AuditError
from audit.findings import ClaimRef, Figure, Finding, Report, finding_order
from audit.frame import CATCH_ALL_MEASURES, ENGINE, derive, sources_frame
from audit.loading import FolderReader, case_keys, case_names, claims_of, load_folders
from audit.rules import REGISTRY, rules_in_order
from audit.rules.rows import FIGURE_KEY
from audit.sources import sentence_around

__all__ = ["check", "load_cases", "run_rules"]


def load_cases(paths: Iterable[Path | str], on_case: Callable[[Path], None] | None = None,
               hedges: Mapping[str, Any] | None = None, cache_dir: Path | None = None) -> list[Case]:
    """Every case at or below ``paths``; ``on_case`` is told after each case folder is read (for progress);
    ``hedges``: hedge-table rows for all of them ([tool.audit.hedges]); ``cache_dir``: see ``audit.loading``."""
    folders = _case_folders(map(Path, paths))
    return load_folders(folders, hedges, on_case, cache_dir)


def run_rules(claims: pl.DataFrame, sources: pl.DataFrame, config: Config) -> pl.DataFrame:
    """Every selected frame rule over all cases at once: one frame of finding rows."""
    # what messages call a source: its outlet, else its id (a column beside the frame, not a join copying it)
    outlets = claims.select("case", "source").join(sources.select("case", "source", "outlet"), on=["case", "source"],
                                                    how="left", maintain_order="left")["outlet"]
    named = claims.lazy().with_columns(outlet=pl.coalesce(outlets, pl.col("source")))
    lazy_claims = derive(named)  # derived columns computed once for every rule
    lazy_sources = sources.lazy()
    # the streaming engine streams the pairs a rule's joins form through the filters that follow (``audit.frame.ENGINE``).
    # One rule at a time, each plan built then collected and let go: collected together (``pl.collect_all``) their
    # joins and the frames their plans hold (``audit.rules.agreement``'s candidates) were in memory at once, the sum
    # of their peaks (a partition of 250,000 claims: 1,297 MiB, against 758 for the largest alone), no faster
    rules = [rule for rule in rules_in_order() if rule.check is not None and config.selects(rule.code)]
    done = [_collect(rule.check(lazy_claims, lazy_sources).with_columns(rule=pl.lit(rule.code)), engine)
            for engine in ("streaming", "in-memory") for rule in rules if _ENGINE.get(rule.code, "streaming") == engine]
    return pl.concat(done, how="vertical") if done else pl.DataFrame()


def _collect(frame: pl.LazyFrame, engine: str) -> pl.DataFrame:
    """Collect with ``engine``; should the streaming engine panic on a plan, the in-memory one
    computes the same frame (slower and with more memory, but an audit never dies of it)."""
    try:
        return frame.collect(engine=engine)
    except PanicException:
        if engine == "in-memory":
            raise
        return frame.collect(engine="in-memory")


#: Rules collected by polars' in-memory engine: the streaming engine of polars 2.1 panics
#: ("i < self.len()") on GROUND002's plan over some chunk layouts (mixed folder and Parquet input).
_ENGINE = {"GROUND002": "in-memory"}


def check(
    paths: Sequence[Path | str], config: Config | None = None, on_case: Callable[[Path], None] | None = None
) -> Report:
    """Audit the cases at or below ``paths`` -- case folders, folders of cases, Parquet archives of
    claims -- and return the report (``on_case``: see ``load_cases``).

    With a cache (``config.cache_dir``), a case folder whose files, settings and code are unchanged since an
    earlier run gives that run's results for it (``audit.cache.ResultCache``): no rule crosses a case, so
    only the folders that changed are read and audited again."""
    with paused_cycle_collection():  # stored results decode into many small objects, and findings are many
        return _check(paths, config, on_case)


def _check(paths: Sequence[Path | str], config: Config | None, on_case: Callable[[Path], None] | None) -> Report:
    config = config or Config.from_pyproject(Path(paths[0]) if paths else Path.cwd())
    archives = [p for p in paths if is_archive(p)]  # files, or parts of archives (audit.distributed)
    folders = _case_folders(Path(p) for p in paths if not is_archive(p) and not isinstance(p, Case))
    given = [p for p in paths if isinstance(p, Case)]  # read already (an archive of articles)
    names = case_names(folders)
    stored: dict[int, dict[str, Any]] = {}
    keys = results = None
    keyed = False  # whether the readers work the keys out as they read (a cache holding nothing to look up)
    if config.cache_dir is not None and folders:
        from audit.cache import CaseCache, ResultCache

        results = ResultCache(config.cache_dir)
        keyed = CaseCache(config.cache_dir).holds_nothing()
    if results is not None and not keyed:
        keys = case_keys(config.cache_dir, folders, names, config.hedges)
        result_keys = results.keys(keys, _settings(config))
        found = results.get(result_keys)
        stored = {i: found[key] for i, key in enumerate(result_keys) if key in found}
        for index in stored:
            if on_case is not None:
                on_case(folders[index])
    todo = [i for i in range(len(folders)) if i not in stored]
    # no rule crosses a case: what was given read already, and the archives, are audited on their own, and the
    # folders to read a batch at a time, each batch forgotten but for its results
    rest = _audit(given, archives, config, taken=set(names)) if given or archives else _NOTHING
    batched = len(todo) > FOLDERS_AT_ONCE
    done: dict[str, dict[str, Any]] = {}
    figures = [rest.figures]
    batches = [todo[start:start + FOLDERS_AT_ONCE] for start in range(0, len(todo), FOLDERS_AT_ONCE)]
    read_keys: dict[int, str] = {}
    with FolderReader(config.hedges, on_case, config.cache_dir, keyed=keyed) as reader:
        # the readers read the next batch while this process audits the one before
        waiting = _start(reader, folders, names, keys, batches[0]) if batches else None
        for number, batch in enumerate(batches):
            read = waiting()
            waiting = _start(reader, folders, names, keys, batches[number + 1]) if number + 1 < len(batches) else None
            if keyed:  # the cache held nothing: each reader worked out the keys of the folders it read
                read_keys.update((i, case.read_key[0]) for i, case in zip(batch, read))
            if number + 1 == len(batches):  # the last: nothing left to read, the readers idle while it is audited
                audited = _audit_halves(read, config, taken=set(names))
            else:
                audited = _audit(read, [], config, taken=set(names))
            del read
            done.update(audited.cases)
            if results is not None:
                batch_keys = [read_keys[i] for i in batch] if keyed else [keys[i] for i in batch]
                results.put(dict(zip(results.keys(batch_keys, _settings(config)), (audited.cases[names[i]] for i in batch))))
            if not batched:  # one batch: its claims are at hand for pictures of figures
                figures.append(audited.figures)
            del audited  # (its figures hold the batch's claims)
    fresh = replace(rest, cases={**rest.cases, **done}, figures=lambda: [f for part in figures for f in part()])
    # the folders whose figures are read again when a picture needs them: from the cache, or audited in batches
    reread = list(range(len(folders))) if batched else sorted(stored)
    if keyed:
        keys = [read_keys[i] for i in range(len(folders))]
    return _report(fresh, given, [(names[i], stored.get(i)) for i in range(len(folders))], config,
                   lambda: _stored_figures(folders, names, keys, reread, config))


def _audit_halves(cases: list[Case], config: Config, taken: set[str]) -> _Audited:
    """``_audit`` of folders read, as two halves audited at once, one per thread, where two cores may be used and
    there are ``HALVES_FROM`` cases: no rule crosses a case, so the findings are the same. The rules' queries run in
    polars, which lets go of the GIL, while the rest of an audit (the schema check, the findings, the coverage) is
    Python: one half's queries fill the cores while the other is in Python. For the last batch of a run (the
    readers have nothing left to read); a batch audited while the next is read has the other core busy already."""
    from audit.readers import usable_cores

    if len(cases) < HALVES_FROM or usable_cores() < 2:
        return _audit(cases, [], config, taken)
    from concurrent.futures import ThreadPoolExecutor

    half = len(cases) // 2
    with ThreadPoolExecutor(2, thread_name_prefix="audit-half") as pool:
        first, second = pool.map(lambda part: _audit(part, [], config, taken), (cases[:half], cases[half:]))
    archive = {"findings": first.archive["findings"] + second.archive["findings"], "claims": 0,  # of no case
               "coverage": _sum_coverage(())}
    return _Audited(cases={**first.cases, **second.cases}, archive_cases=[], archive=archive, archives=False,
                    figures=lambda: [*first.figures(), *second.figures()])


#: a batch of fewer folders is audited whole (``_audit_halves``)
HALVES_FROM = 200


#: case folders read and audited together at most (about 150,000 claims of about 100 a case): more are
#: audited a batch at a time (no rule crosses a case), so that memory holds the batch being audited, the
#: next one being read and the last one being stored
FOLDERS_AT_ONCE = 1_500


def _start(reader: FolderReader, folders: list[Path], names: list[str], keys: list[str] | None,
           indexes: list[int]) -> Callable[[], list[Case]]:
    """Start reading the folders at ``indexes``; the function returned waits for their cases."""
    return reader.start([folders[i] for i in indexes], [names[i] for i in indexes],
                        [keys[i] for i in indexes] if keys else None)


def _case_folders(paths: Iterable[Path]) -> list[Path]:
    folders: list[Path] = []
    for path in paths:
        if not path.exists():
            raise AuditError(f"{path}: no such file or folder")
        found = find_cases(path)
        if not found:
            raise AuditError(f"{path}: no case.yaml in it or below it: not a case folder")
        folders += found
    return folders


def _settings(config: Config) -> dict[str, Any]:
    """What of the run's settings a case's results depend on (besides its files and the code)."""
    return {"select": config.select, "ignore": config.ignore, "severity": dict(config.severity),
            "fail_on": config.fail_on, "hedges": config.hedges}


@dataclass
class _Audited:
    """What ``_audit`` found: per case read (by name) its findings and what the report says of it; the archives' part."""

    cases: dict[str, dict[str, Any]]
    archive_cases: list[str]
    archive: dict[str, Any]  # findings, claims, coverage of the archives' cases (no sources, no case settings)
    archives: bool  # whether there were any (their cases follow the run's settings)
    figures: Callable[[], list[Figure]]


_NOTHING = _Audited(cases={}, archive_cases=[], archive={"findings": [], "claims": 0, "coverage": {}}, archives=False,
                   figures=list)


def _audit(cases: list[Case], archives: list, config: Config, taken: set[str]) -> _Audited:
    """Audit ``cases`` (read already) and ``archives`` together: one claims frame, one run of the rules."""
    case_configs = {c.name: config.merged(c.settings, str(c.path / "case.yaml")) for c in cases}
    records = [claim for case in cases for claim in case.claims]
    problems = [(case.name, p) for case in cases for p in case.problems]
    frames = [claims_of(cases)]
    taken = taken | {c.name for c in cases}
    for archive in archives:
        frame, archive_problems = load_archive(archive, taken)
        frames.append(frame)
        problems += archive_problems
        taken |= set(frame["case"].unique())
    from audit.validate import validate_claims  # pandera: imported once there are claims to check (not when warm)

    claims, schema_problems = validate_claims(pl.concat(frames) if len(frames) > 1 else frames[0])
    problems += [(p.case if p.case is not None else _case_of(records, p), p) for p in schema_problems]
    folder_cases = {c.name for c in cases}
    archive_cases = sorted(set(pl.concat([f.select("case") for f in frames[1:]])["case"].unique()) - folder_cases) if archives else []
    sources = sources_frame(
        {"case": case.name, "source": a.source, "path": str(a.path), "title": a.title, "outlet": a.outlet,
         "url": a.url, "published": a.published, "kind": a.kind, "text": a.text}
        for case in cases for a in case.articles.values()
    )
    # a case's settings win for its own findings: run every rule some case selects, then filter per case
    # (an archive's cases have no case.yaml: the run's settings hold for them)
    configs = [*case_configs.values(), *([config] if archives else [])]
    selected = tuple(r.code for r in rules_in_order() if any(c.selects(r.code) for c in configs))
    rows = run_rules(claims, sources, Config(select=selected)) if selected else pl.DataFrame()
    findings = _attach(rows, claims, cases)
    case_configs.update({name: config for name in archive_cases})  # select/ignore of the run, per archive case
    findings += [_problem_finding(case, p) for case, p in problems]
    findings = _apply_case_settings(findings, cases, case_configs)
    coverage = _coverage(claims)
    counts = dict(claims.group_by("case").len().iter_rows()) if claims.height else {}
    by_case: dict[str, list[Finding]] = {}
    for finding in findings:
        by_case.setdefault(finding.case, []).append(finding)
    empty = _sum_coverage(())
    codes = [r.code for r in rules_in_order()]
    selected: dict[int, tuple[str, ...]] = {}  # by configuration: most cases share the run's

    def _selected(case_config: Config) -> tuple[str, ...]:
        found = selected.get(id(case_config))
        if found is None:
            found = selected[id(case_config)] = tuple(code for code in codes if case_config.selects(code))
        return found

    documents = {
        c.name: {
            "findings": sorted(by_case.get(c.name, []), key=finding_order), "claims": counts.get(c.name, 0),
            "sources": len(c.articles), "coverage": coverage.get(c.name, empty),
            "source_table": [
                {"case": c.name, "source": a.source, "outlet": a.outlet, "url": a.url,
                 "published": a.published.isoformat() if a.published else None, "title": a.title, "file": str(a.path)}
                for a in c.articles.values()],
            "fail_on": case_configs[c.name].fail_on,
            "selects": list(_selected(case_configs[c.name])),
        }
        for c in cases
    }
    archive = {
        "findings": [f for name, found in by_case.items() if name not in documents for f in found],  # and of no case
        "claims": sum(counts.get(name, 0) for name in archive_cases),
        "coverage": _sum_coverage([coverage.get(name, empty) for name in archive_cases]),
    }
    return _Audited(cases=documents, archive_cases=archive_cases, archive=archive, archives=bool(archives),
                    figures=lambda: _figures(derive(claims.lazy()).collect(engine=ENGINE), cases))


def _report(fresh: _Audited, given: list[Case], folders: list[tuple[str, dict[str, Any] | None]], config: Config,
            stored_figures: Callable[[], list[Figure]]) -> Report:
    """The report of a run: the cases in their order (those given, then the folders), each from this run or
    from the cache, then the archives' cases."""
    from audit.cache import finding_from_document

    documents = [fresh.cases[c.name] for c in given]
    for name, stored in folders:
        if stored is None:
            documents.append(fresh.cases[name])
        else:
            documents.append({**stored, "findings": [finding_from_document(f) for f in stored["findings"]]})
    names = [c.name for c in given] + [name for name, _ in folders]
    chosen = {code for d in documents for code in d["selects"]}
    findings = [f for d in documents for f in d["findings"]] + fresh.archive["findings"]
    findings.sort(key=finding_order)
    return Report(
        coverage=_sum_coverage([*(d["coverage"] for d in documents), fresh.archive["coverage"]]),
        findings=findings,
        cases=names + fresh.archive_cases,
        sources=sum(d["sources"] for d in documents),
        claims=sum(d["claims"] for d in documents) + fresh.archive["claims"],
        rules_run=[r.code for r in rules_in_order() if r.code in chosen or (fresh.archives and config.selects(r.code))]
        if documents else [r.code for r in rules_in_order() if config.selects(r.code)],
        case_fail_on={**{name: d["fail_on"] for name, d in zip(names, documents)},
                      **{name: config.fail_on for name in fresh.archive_cases}},
        source_table=[row for d in documents for row in d["source_table"]],
        figures=_LazyFigures(lambda: sorted([*fresh.figures(), *stored_figures()], key=_figure_order)),
    )


def _stored_figures(folders: list[Path], names: list[str], keys: list[str] | None, indexes: list[int],
                    config: Config) -> list[Figure]:
    """The figures of the case folders at ``indexes`` (their results came from the cache, or were audited a
    batch at a time): their claims read again (from the loading cache where it has them)."""
    if not indexes:
        return []
    with FolderReader(config.hedges, None, config.cache_dir) as reader:
        cases = _start(reader, folders, names, keys, indexes)()
    from audit.validate import validate_claims

    claims, _ = validate_claims(claims_of(cases))
    return _figures(derive(claims.lazy()).collect(engine=ENGINE), cases)


def _coverage(claims: pl.DataFrame) -> dict[str, dict[str, int]]:
    """How much was checked per case, as statcheck reports its share: figures read, reviewed by a person, and
    compared (their scope allows a comparison: see ``audit.rules.certainty``) or left uncompared."""
    from audit.frame import with_scope_defaults
    from audit.rules.certainty import comparable_scope

    if claims.is_empty():
        return {}
    counts = with_scope_defaults(claims.lazy()).group_by("case").agg(
        read=pl.len(), reviewed=pl.col("reviewed").fill_null(False).sum(),
        compared=(comparable_scope() & ~pl.col("measure").is_in(list(CATCH_ALL_MEASURES))).sum(),
    ).collect(engine=ENGINE)
    return {row["case"]: {"read": int(row["read"]), "reviewed": int(row["reviewed"]), "compared": int(row["compared"]),
                          "uncompared": int(row["read"] - row["compared"])} for row in counts.iter_rows(named=True)}


def _sum_coverage(parts: Iterable[Mapping[str, int]]) -> dict[str, int]:
    total = {"read": 0, "reviewed": 0, "compared": 0, "uncompared": 0}
    for part in parts:
        for key in total:
            total[key] += part.get(key, 0)
    return total


class _LazyFigures(Sequence):
    """``Report.figures``, built on first use: a ClaimRef for every claim several sources repeat
    costs seconds in an archive of a million claims, and only pictures of figures need them."""

    def __init__(self, compute: Callable[[], list[Figure]]) -> None:
        self._compute: Callable[[], list[Figure]] | None = compute
        self._items: list[Figure] = []

    def _get(self) -> list[Figure]:
        if self._compute is not None:
            self._items, self._compute = self._compute(), None
        return self._items

    def __getitem__(self, index):  # type: ignore[override]
        return self._get()[index]

    def __len__(self) -> int:
        return len(self._get())

    def __eq__(self, other: object) -> bool:
        return list(self._get()) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __repr__(self) -> str:
        return repr(self._get())


def _case_of(records: list[dict], problem: Problem) -> str:
    return next((r["case"] for r in records if r["id"] == problem.claim_id and r["file"] == str(problem.file)), "")


def _problem_finding(case: str, problem: Problem) -> Finding:
    rule = REGISTRY[problem.rule]
    return Finding(rule=rule.code, name=rule.name, severity=rule.severity, case=case,
                   message=problem.message, file=str(problem.file), line=problem.line,
                   severity_reason=f"{rule.severity}: a problem with an input file, not with the figures")


def _attach(rows: pl.DataFrame, claims: pl.DataFrame, cases: list[Case]) -> list[Finding]:
    if rows.is_empty():
        return []
    articles = {(c.name, s): a for c in cases for s, a in c.articles.items()}
    # only the claims findings name become Python values (an archive has a million others)
    named = rows.select("case", id=pl.col("claim_ids")).explode("id").unique()
    involved = derive(claims.join(named, on=["case", "id"], how="semi").lazy()).select(_REF_COLUMNS).collect(engine=ENGINE)
    by_id = {(r["case"], r["id"]): r for r in involved.iter_rows(named=True)}
    findings = []
    for row in rows.iter_rows(named=True):
        ids = row["claim_ids"]
        refs = tuple(_claim_ref(by_id[(row["case"], cid)], articles) for cid in ids[:LISTED_CLAIMS] if (row["case"], cid) in by_id)
        rule = REGISTRY[row["rule"]]
        first = refs[0] if refs else None
        findings.append(Finding(
            rule=rule.code, name=rule.name, severity=row["severity"] or rule.severity, case=row["case"],
            message=_listed(row["message"], len(ids)), claims=refs, arithmetic=_listed(row["arithmetic"], len(ids), note=False),
            observed=_pair(row, "observed"), expected=_pair(row, "expected"),
            file=first.file if first else None, line=first.line if first else None,
            severity_reason=row.get("severity_reason"),
        ))
    return findings


#: claims a finding lists, the rest counted: an article of N figures that all disagree must not print N x N
#: quotes (nor a message naming every figure); the first ones name the finding, the count tells the scale
LISTED_CLAIMS = 10
_LONGEST_MESSAGE = 600


def _listed(text: str | None, claims: int, note: bool = True) -> str | None:
    """A finding's message (or arithmetic, ``note=False``) when it involves more claims than are listed:
    cut to its first part if long, and saying how many claims there are in all."""
    if text is None or claims <= LISTED_CLAIMS:
        return text
    cut = text if len(text) <= _LONGEST_MESSAGE else f"{text[:_LONGEST_MESSAGE].rstrip()}..."
    return f"{cut} ({claims:,} claims in all; the first {LISTED_CLAIMS} listed)" if note else cut


def _figures(claims: pl.DataFrame, cases: list[Case]) -> list[Figure]:
    """Groups of claims for the same figure (``FIGURE_KEY``) that two or more sources of a case report."""
    if claims.is_empty():
        return []
    articles = {(c.name, s): a for c in cases for s, a in c.articles.items()}
    groups = (
        claims.filter(pl.col("low").is_not_null() | pl.col("high").is_not_null())
        .group_by("case", *FIGURE_KEY, maintain_order=True)
        .agg(ids=pl.col("id"), n_sources=pl.col("source").n_unique())
        .filter(pl.col("n_sources") > 1)
    )
    repeated = groups.select("case", id=pl.col("ids")).explode("id")
    by_id = {(r["case"], r["id"]): r for r in claims.join(repeated, on=["case", "id"], how="semi").iter_rows(named=True)}
    figures = [
        Figure(case=g["case"], claims=tuple(_claim_ref(by_id[(g["case"], cid)], articles) for cid in g["ids"]))
        for g in groups.iter_rows(named=True)
    ]
    return sorted(figures, key=_figure_order)


def _figure_order(figure: Figure) -> tuple:
    return (figure.case, -len(figure.sources), -len(figure.claims), figure.claims[0].measure or "")


def _pair(row: dict[str, Any], prefix: str) -> tuple | None:
    low, high = row[f"{prefix}_low"], row[f"{prefix}_high"]
    return None if low is None and high is None else (low, high)


#: the columns ``_claim_ref`` reads
_REF_COLUMNS = ["case", "id", "source", "text", "low", "high", "display", "place", "group", "measure", "start", "end",
                "file", "line", "role", "reviewed", "as_of", "authority"]


def _claim_ref(claim: dict[str, Any], articles: dict) -> ClaimRef:
    article = articles.get((claim["case"], claim["source"]))
    sentence = file = line = None
    if article is not None:
        file = str(article.path)
        if article.text[claim["start"]:claim["end"]] == claim["text"]:
            begin, end = sentence_around(article.text, claim["start"], claim["end"])
            sentence = article.text[begin:end].strip()
            line = article.file_line(claim["start"])
    return ClaimRef(
        id=claim["id"], source=claim["source"], text=claim["text"], low=claim["low"], high=claim["high"],
        display=claim["display"], place=tuple(claim["place"]), group=tuple(claim["group"]), measure=claim["measure"],
        outlet=article.outlet if article else None, url=article.url if article else None,
        published=article.published.isoformat() if article and article.published else None,
        sentence=sentence, file=file or claim["file"], line=line if file else claim["line"],
        start=claim["start"], end=claim["end"], role=claim["role"], reviewed=claim.get("reviewed"),
        as_of=claim["as_of"].isoformat() if claim.get("as_of") else None, authority=claim.get("authority"),
    )


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
