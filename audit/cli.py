"""The ``audit`` command: parses options, calls the library, picks a renderer, sets the exit code.

Exit codes, like linters: 0 clean, 1 findings at or above ``--fail-on``, 2 unusable input or usage.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from audit.config import CACHE_DIR
from audit.errors import AuditError

app = typer.Typer(
    help="Audit the figures news outlets report about one event: where do they not hold together?",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

BASELINE_HELP = "fail only on findings not recorded in this baseline file (audit baseline)"
CHANGED_SINCE_HELP = "audit only the cases touched since this git ref; fail only on findings from added or changed articles"
FORMAT_HELP = "text, json, markdown, html, sarif (SARIF 2.1.0) or github (workflow commands + step summary)"


def _version(value: bool) -> None:
    if value:
        from audit import __version__

        typer.echo(f"audit {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="print the auditor's version and exit")] = False,
) -> None:
    """Audit the figures news outlets report about one event: where do they not hold together?"""


def _codes(values: list[str] | None) -> tuple[str, ...]:
    """``--select SUM --select AGREE001`` or ``--select SUM,AGREE001``: rule codes or prefixes, upper-cased."""
    return tuple(code.strip().upper() for value in values or [] for code in value.split(",") if code.strip())


def _fail(message: str) -> None:
    typer.echo(f"audit: {message}", err=True)
    raise typer.Exit(2)


@app.command()
def init(
    name: Annotated[Path, typer.Argument(help="the new case folder (default: the current folder)")] = Path("."),
    country: Annotated[str | None, typer.Option("--country", help="the event's country (ISO 3166-1 alpha-2, e.g. PK)")] = None,
) -> None:
    """Start a case: a commented case.yaml, one example article and a claims/ folder."""
    from audit.scaffold import init_case

    try:
        written = init_case(name, country)
    except AuditError as error:
        _fail(str(error))
    for path in written:
        typer.echo(f"wrote {path}")
    typer.echo(f"next: put the stories in {name / 'articles'}/ (audit add {name} URL-OR-FILE), delete the example, "
               f"then run: audit check {name}")


@app.command()
def check(
    paths: Annotated[list[Path] | None, typer.Argument(help="case folders, folders holding cases, or Parquet archives of claims")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write the report here instead of stdout")] = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on", help="error (default), warning, info or never")] = None,
    write: Annotated[bool | None, typer.Option("--write/--no-write", help="also write reports/<case>/report.md, findings.json and index.html (default: for up to 20 case folders, not for a Parquet archive)")] = None,
    reports_dir: Annotated[Path, typer.Option("--reports-dir", help="where --write puts reports")] = Path("reports"),
    baseline: Annotated[Path | None, typer.Option("--baseline", help=BASELINE_HELP)] = None,
    changed_since: Annotated[str | None, typer.Option("--changed-since", help=CHANGED_SINCE_HELP)] = None,
    select: Annotated[list[str] | None, typer.Option("--select", help="only these rules: codes or prefixes (SUM,AGREE001); repeatable")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="leave out these rules: codes or prefixes; repeatable")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="print the number of findings per rule instead of the findings")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="text format: under each finding, its arithmetic and quotes")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="print the findings only: no summary line, no progress, no 'wrote' lines")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="read every case folder again, without reports/.audit_cache")] = False,
    workers: Annotated[int | None, typer.Option("--workers", min=1, help="audit on a local Dask cluster of N worker processes, partitioned by case")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="audit on the running Dask cluster at this address (tcp://host:8786)")] = None,
    partitions: Annotated[int | None, typer.Option("--partitions", min=1, help="audit in at least N partitions of whole cases, one at a time unless --workers/--scheduler")] = None,
    findings_dataset: Annotated[str | None, typer.Option("--findings-dataset", help="also write the findings as a Parquet dataset, one part per partition (a folder or fsspec URL)")] = None,
) -> None:
    """Audit cases and report every discrepancy beside its source and quote."""
    if paths and changed_since is None and not (workers or scheduler or partitions or findings_dataset) and (
            no_cache or not (reports_dir / CACHE_DIR).exists()):  # many folders to read, none from a cache
        from audit.readers import start_early

        start_early(paths)  # the readers' forkserver imports while this process imports the audit
    from audit.check import check as run_check
    from audit.config import Config
    from audit.findings import Report
    from audit.report import FORMATS, render

    if format not in FORMATS:
        _fail(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if not paths and changed_since is None:
        _fail("give a case folder, or a folder holding cases (or --changed-since REF to audit the cases a change touched)")
    paths = paths or [Path(".")]
    try:
        known_baseline = None
        if baseline is not None:
            from audit.baseline import read_baseline

            known_baseline = read_baseline(baseline)  # a bad baseline stops the run before any work
        config = Config.from_pyproject(paths[0])
        if not no_cache:
            from dataclasses import replace

            # inside the reports folder, the only folder an audit writes into
            if _cache_outside_cases(reports_dir / CACHE_DIR, paths):
                config = replace(config, cache_dir=reports_dir / CACHE_DIR)
        if fail_on is not None:
            config = config.merged({"fail-on": fail_on}, "--fail-on")
        chosen = Config(select=_codes(select), ignore=_codes(ignore))  # the command line's choice, over every case's
        chosen.check("--select/--ignore")
        changes = None
        if changed_since is not None:
            from audit.changes import changed_files, touched_cases

            for path in paths:
                if not path.exists():
                    raise AuditError(f"{path}: no such file or folder")
            changes = changed_files(changed_since)
            paths = touched_cases(changes, paths)
            if not quiet:
                typer.echo(f"audit: {len(paths)} case(s) touched since {changed_since}", err=True)
        from audit.distributed import needs_partitions

        partitioned = bool(paths) and bool(workers or scheduler or partitions or findings_dataset or needs_partitions(paths, pictures=format == "html" or bool(write)))
        if partitioned:
            from audit.distributed import check_partitioned

            report = check_partitioned(paths, config, workers=workers, scheduler=scheduler, partitions=partitions,
                                       findings_dataset=findings_dataset)
        elif paths:
            report = _run_with_progress(run_check, paths, config, quiet)
        else:
            from audit.rules import rules_in_order

            report = Report(rules_run=[r.code for r in rules_in_order() if config.selects(r.code)])
        if changes is not None:
            from audit.changes import mark_new

            report = mark_new(report, changes)
        if known_baseline is not None:
            from audit.baseline import apply_baseline

            report = apply_baseline(report, known_baseline)
        if chosen.select or chosen.ignore:  # after the baseline: every rule ran, so its "no longer occurs" stays true
            report = _selected(report, chosen)
    except AuditError as error:
        _fail(str(error))
    options: dict = {"base": output.parent} if format == "html" and output is not None else {}
    if format == "text":
        options.update(verbose=verbose, quiet=quiet)
    if statistics:
        from audit.report.text import statistics as rule_counts

        text = rule_counts(report, quiet)
    else:
        text = render(report, format, color=output is None and _color(), **options)
    try:
        if output is not None:
            from audit.boundary import write_text

            write_text(output.parent, output.name, text)
        else:
            typer.echo(text, nl=False)
        if write is None:  # an archive holds thousands of cases: their report folders only when asked for
            from audit.archive import is_archive
            from audit.report.files import UNASKED_UP_TO, written_unasked

            write = not partitioned and not any(is_archive(p) for p in paths or [])
            if write and not written_unasked(len(report.cases)):
                write = False
                if not quiet:
                    typer.echo(f"audit: {len(report.cases):,} cases: their report folders are written unasked for up to "
                               f"{UNASKED_UP_TO} (each index.html draws its pictures: about a second a case); --write "
                               "writes them, 'audit report CASE' one case's", err=True)
        if format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
            from audit.boundary import append_text
            from audit.report.github import summary

            append_text(Path(os.environ["GITHUB_STEP_SUMMARY"]), summary(report), "GITHUB_STEP_SUMMARY")
        for entry in report.baseline_gone or []:
            typer.echo(f"audit: baseline entry {entry['fingerprint']} ({entry['rule']} in {entry['case']}) no longer occurs; "
                       "run 'audit baseline' to drop it", err=True)
        if write and report.cases and _reports_outside_cases(reports_dir, paths):
            for path in _write_reports(report, reports_dir, quiet):
                if not quiet:
                    typer.echo(f"wrote {path}", err=True)
    except AuditError as error:
        _fail(str(error))
    raise typer.Exit(1 if report.fails(fail_on, default=config.fail_on) else 0)


def _color() -> bool:
    """Colour on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _selected(report, chosen):
    """The report with only the findings of the rules ``--select``/``--ignore`` choose."""
    from dataclasses import replace

    return replace(report, findings=[f for f in report.findings if chosen.selects(f.rule)],
                   rules_run=[code for code in report.rules_run if chosen.selects(code)])


@app.command("baseline")
def baseline_command(
    paths: Annotated[list[Path], typer.Argument(help="case folders, or folders holding cases")],
    output: Annotated[Path, typer.Option("--output", "-o", help="the baseline file to write")] = Path("audit-baseline.json"),
) -> None:
    """Record the current findings in a baseline, so 'audit check --baseline' fails only on new ones."""
    from audit.baseline import write_baseline
    from audit.check import check as run_check

    try:
        data = write_baseline(run_check(paths), output)
    except AuditError as error:
        _fail(str(error))
    typer.echo(f"wrote {output}: {len(data['findings'])} finding(s) recorded")


def _run_with_progress(run_check, paths: list[Path], config, quiet: bool = False):
    """``check`` with a progress bar over the case folders (a terminal only; quiet in CI and pipes)."""
    from audit.case import find_cases
    from audit.progress import progress, wanted

    # the folders are counted only for a bar someone sees: counting walks every folder below ``paths``
    total = sum(len(find_cases(p)) for p in paths if p.exists()) if not quiet and wanted() else 0
    with progress(total, "reading cases") as advance:
        return run_check(paths, config, on_case=lambda folder: advance(folder.name))


def _case_holding(folder: Path, paths: list[Path]) -> Path | None:
    """The audited case ``folder`` lies inside, if any (``cd case/articles; audit check ..``)."""
    from audit.boundary import case_holding_under

    return case_holding_under(folder, paths)


def _cache_outside_cases(cache_dir: Path, paths: list[Path]) -> bool:
    """Whether the loading cache may be used: not when it would lie inside an audited case or behind a
    link: nothing is written into a case or through a link (issue 11)."""
    if any(folder.is_symlink() for folder in (cache_dir, *cache_dir.parents)):
        return False  # never written through a link (a pull request could add one pointing anywhere)
    return _case_holding(cache_dir, paths) is None


def _reports_outside_cases(reports_dir: Path, paths: list[Path]) -> bool:
    """False, with a notice, when the reports folder lies inside an audited case: its files would
    change the case and be read as its articles next time."""
    case = _case_holding(reports_dir, paths)
    if case is not None:
        typer.echo(f"audit: reports not written: {reports_dir} lies inside the case {case} (use --reports-dir)", err=True)
    return case is None


def _write_reports(report, folder: Path, quiet: bool = False) -> list[Path]:
    from audit.progress import progress
    from audit.report.files import write_case_reports

    with progress(0 if quiet else len(report.cases), "writing reports") as advance:
        return write_case_reports(report, folder, on_case=lambda case: advance(Path(case).name))


@app.command("report")
def report_command(
    case: Annotated[Path, typer.Argument(help="a case folder (or a folder holding cases)")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="folder for the files; default reports/<case>/")] = None,
    reports_dir: Annotated[Path, typer.Option("--reports-dir", help="where reports/<case>/ goes without --output")] = Path("reports"),
) -> None:
    """Write a case's index.html (self-contained, with pictures), report.md and findings.json."""
    from audit.check import check as run_check
    from audit.config import Config
    from audit.report.files import write_case_report

    try:
        report = _run_with_progress(run_check, [case], Config.from_pyproject(case))
    except AuditError as error:
        _fail(str(error))
    if output is not None and len(report.cases) > 1:
        _fail(f"{case} holds {len(report.cases)} cases; --output names one folder: use --reports-dir instead")
    if output is not None:
        written = write_case_report(report, report.cases[0], output)
    else:
        written = _write_reports(report, reports_dir)
    for path in written:
        typer.echo(f"wrote {path}")


@app.command()
def rules() -> None:
    """List every rule: code, name, default severity and what it checks."""
    from audit.rules import rules_in_order

    for rule in rules_in_order():
        typer.echo(f"{rule.code:<10} {rule.severity:<8} {rule.name:<40} {rule.summary}")


@app.command()
def explain(code: Annotated[str, typer.Argument(help="a rule code such as SUM001, or its name such as sums.parts-exceed-whole")]) -> None:
    """Print a rule's documentation."""
    from audit.errors import did_you_mean
    from audit.rules import REGISTRY

    by_name = {rule.name: rule for rule in REGISTRY.values()}
    rule = REGISTRY.get(code.upper()) or by_name.get(code.lower())
    if rule is None:
        choices = by_name if "." in code else REGISTRY
        _fail(f"unknown rule {code!r}{did_you_mean(code.lower() if '.' in code else code.upper(), choices)}")
    typer.echo(f"{rule.code} {rule.name} (default severity: {rule.severity})\n\n{rule.doc}")


@app.command()
def measures() -> None:
    """List the measure vocabulary: what a figure can count."""
    from audit.vocabulary import MEASURES

    for measure in MEASURES.values():
        typer.echo(f"{measure.name:<18} {measure.kind:<7} {measure.description}")


@app.command()
def hedges() -> None:
    """Print the hedge table: how each qualifier becomes an interval."""
    from audit.hedges import DEFAULT_TABLE, VAGUE, WORDINGS, WORDINGS_AFTER

    for name, (low, high) in DEFAULT_TABLE.items():
        printed = [f"{w} n" for w in WORDINGS.get(name, ())] + [f"n {w}" for w in WORDINGS_AFTER.get(name, ())]
        typer.echo(f"{name:<12} [{low}, {high}]" + (f"  printed as: {'; '.join(printed)}" if printed else ""))
    for word, (low, high) in VAGUE.items():
        typer.echo(f"{word:<24} [{low}, {high}]")


@app.command()
def schemas(
    folder: Annotated[Path, typer.Argument(help="where to write the contracts")] = Path("schemas"),
    check_only: Annotated[bool, typer.Option("--check", help="only report contracts that differ from the code")] = False,
) -> None:
    """Write the published data contracts (frame schemas, claim-file JSON Schema)."""
    from audit.contracts import stale_contracts, write_contracts

    if check_only:
        stale = stale_contracts(folder)
        for name in stale:
            typer.echo(f"{folder / name} differs from the code: run 'audit schemas'", err=True)
        raise typer.Exit(1 if stale else 0)
    for path in write_contracts(folder):
        typer.echo(f"wrote {path}")


@app.command()
def extract(
    files: Annotated[list[Path] | None, typer.Argument(help="article files (.txt, .md, .html)")] = None,
    case: Annotated[Path | None, typer.Option("--case", help="write claims/<source>.yaml for every article of this case")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="yaml or json")] = "yaml",
    country: Annotated[str | None, typer.Option("--country", help="the event's country (ISO alpha-2); guessed if absent")] = None,
    published: Annotated[str | None, typer.Option("--published", help="publication date for files that carry none")] = None,
) -> None:
    """Read the figures of articles: print them, or write a case's claim files for review."""
    import datetime as dt
    import json

    import yaml

    if case is not None:
        from audit.review import extract_case

        try:
            changes = extract_case(case)
        except AuditError as error:
            _fail(str(error))
        for change in changes:
            typer.echo(change.summary())
        return
    if not files:
        _fail("give article files, or --case CASE")
    if format not in ("yaml", "json"):
        _fail(f"unknown format {format!r}; choose yaml or json")
    try:
        date = dt.date.fromisoformat(published) if published else None
    except ValueError:
        _fail(f"--published must be YYYY-MM-DD, got {published!r}")
    from audit.extract import claim_rows, extract_files

    by_source, problems = extract_files(files, case_country=country, published=date)
    for problem in problems:
        typer.echo(f"audit: {problem}", err=True)
    if format == "json":
        rows = [row for source, claims in by_source.items() for row in claim_rows(claims, source)]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        documents = [{"source": source, "reviewed": False, "claims": claims} for source, claims in by_source.items()]
        typer.echo(yaml.safe_dump_all(documents, sort_keys=False, allow_unicode=True, default_flow_style=None), nl=False)
    if len(by_source) < len(files):
        raise typer.Exit(2)


@app.command("score-extraction")
def score_extraction(
    gold: Annotated[Path | None, typer.Argument(help="GOLD.yaml of an annotated corpus (default: ../shared/corpus/dev)")] = None,
) -> None:
    """Score extraction against an annotated corpus: precision, recall, place and group accuracy."""
    from audit.extract.score import default_gold, render_scores, score_corpus

    gold = gold or default_gold()
    if not gold.is_file():
        _fail(f"{gold}: no such annotation file")
    typer.echo(render_scores(score_corpus(gold)))


@app.command("score-findings")
def score_findings_command(
    files: Annotated[list[Path], typer.Argument(help="GOLD.yaml file(s), then optionally a case folder or a findings.json")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="list the false alarms and the misses")] = False,
) -> None:
    """Score findings against annotated events: precision, error precision, recall (as ../shared/tools/score_findings.py).

    Without a case or findings.json, the folders holding the GOLD.yaml files are audited (each is a case).
    """
    import json

    import yaml

    from audit.findings_score import load_gold, render_score, score_findings

    golds = [f for f in files if f.name.endswith((".yaml", ".yml"))]
    rest = [f for f in files if f not in golds]
    for path in files:
        if not path.exists():
            _fail(f"{path}: no such file or folder")
    if not golds:
        _fail("give at least one GOLD.yaml")
    try:
        entries = load_gold(golds)
    except (OSError, ValueError, yaml.YAMLError) as error:
        _fail(str(error))
    if len(rest) == 1 and rest[0].is_file():
        try:
            report = json.loads(rest[0].read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            _fail(f"{rest[0]}: cannot read findings: {error}")
    else:
        from audit.check import check as run_check

        report = run_check(rest or sorted({g.parent for g in golds})).to_dict()
    typer.echo(render_score(score_findings(entries, report), verbose=verbose))


@app.command()
def add(
    case: Annotated[Path, typer.Argument(help="the case folder")],
    url: Annotated[str, typer.Argument(help="the article's address, or a saved page (.html) or article file (.md, .txt)")],
) -> None:
    """Fetch an article (or read a saved page) and store its text and metadata in the case's articles/."""
    from audit.sources.fetch import add_file, add_url

    try:
        path = add_url(case, url) if "://" in url else add_file(case, Path(url))
    except AuditError as error:
        _fail(str(error))
    typer.echo(f"wrote {path}")


@app.command()
def synth(
    out: Annotated[Path, typer.Option("--out", help="folder to write into (created)")],
    cases: Annotated[int, typer.Option("--cases", min=1, help="how many cases")] = 10,
    sources: Annotated[int, typer.Option("--sources", min=1, max=10, help="outlets per case")] = 4,
    seed: Annotated[int, typer.Option("--seed", help="the same seed writes the same cases")] = 0,
    format: Annotated[str, typer.Option("--format", help="cases (folders), parquet (one claims file), articles (texts) or article-archive (one Parquet file of articles)")] = "cases",
    claims_per_case: Annotated[int, typer.Option("--claims-per-case", min=10, help="about this many claims per case")] = 100,
) -> None:
    """Write synthetic cases with planted discrepancies and expected.json, the findings they must raise."""
    from audit.synth import FORMATS, write

    if format not in FORMATS:
        _fail(f"unknown synth format {format!r}; choose one of {', '.join(FORMATS)}")
    if out.exists() and not out.is_dir():
        _fail(f"{out}: --out must name a folder (it is created), and this is a file")
    summary = write(cases, sources, seed, out, format, claims_per_case)
    typer.echo(f"wrote {summary['cases']} cases, {summary['claims']} claims, {summary['planted']} planted "
               f"discrepancies to {out} (expected findings: {out / 'expected.json'})")


#: where an internal error is to be reported
ISSUES = "https://github.com/source-discrepancy-auditor/source-discrepancy-auditor/issues"


def main() -> None:
    """The ``audit`` command. Misuse is one line and exit code 2; so is any other exception, called an
    internal error (exit code 1 means findings, never a crash); ``--debug`` adds its traceback."""
    # pandera imports hypothesis (for its data strategies), whose import runs every installed hypothesis plugin
    # (trio's, from selenium, runs a full garbage collection): a fifth of a CPU-second per run, and an audit
    # generates no data
    os.environ.setdefault("HYPOTHESIS_NO_PLUGINS", "1")
    debug = "--debug" in sys.argv[1:]
    if debug:
        sys.argv = [sys.argv[0], *(a for a in sys.argv[1:] if a != "--debug")]
    try:
        app()
    except AuditError as error:
        typer.echo(f"audit: {error}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("audit: interrupted", err=True)
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 -- the last line of defence: one line, exit 2, never a traceback
        if debug:
            import traceback

            traceback.print_exc()
        reason = " ".join(str(error).split())[:200]
        typer.echo(f"audit: internal error: {type(error).__name__}{': ' + reason if reason else ''} -- please report it "
                   f"with the command you ran at {ISSUES}{'' if debug else ' (run again with --debug for the traceback)'}",
                   err=True)
        sys.exit(2)


def run() -> None:
    """The ``audit`` command as installed (``python -m audit`` too): ``main``, then, its output flushed, an exit
    without tearing the interpreter down -- freeing every module and every object of a large audit costs a
    third of a second and does nothing an audit needs (its files are written and closed by then), so, as
    mypy does, it is skipped. ``main`` itself exits the usual way (tests call it)."""
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if done.code is not None and not isinstance(done.code, int):
            print(done.code, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be written anyway
            pass
    os._exit(code)

