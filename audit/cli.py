"""The ``audit`` command: parses options, calls the library, picks a renderer, sets the exit code.

Exit codes, like linters: 0 clean, 1 findings at or above ``--fail-on``, 2 unusable input or usage.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from audit.errors import AuditError

app = typer.Typer(
    help="Audit the figures news outlets report about one event: where do they not hold together?",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

FORMAT_HELP = "text, json, markdown or html"


def _fail(message: str) -> None:
    typer.echo(f"audit: {message}", err=True)
    raise typer.Exit(2)


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="case folders, folders holding cases, or Parquet archives of claims")],
    format: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write the report here instead of stdout")] = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on", help="error (default), warning, info or never")] = None,
    write: Annotated[bool | None, typer.Option("--write/--no-write", help="also write reports/<case>/report.md, findings.json and index.html (default: for case folders, not for a Parquet archive)")] = None,
    reports_dir: Annotated[Path, typer.Option("--reports-dir", help="where --write puts reports")] = Path("reports"),
) -> None:
    """Audit cases and report every discrepancy beside its source and quote."""
    from audit.check import check as run_check
    from audit.config import Config
    from audit.findings import severity_rank
    from audit.report import FORMATS, render

    if format not in FORMATS:
        _fail(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    try:
        config = Config.from_pyproject(paths[0] if paths else Path.cwd())
        if fail_on is not None:
            config = config.merged({"fail-on": fail_on}, "--fail-on")
        report = _run_with_progress(run_check, paths, config)
    except AuditError as error:
        _fail(str(error))
    options = {"base": output.parent} if format == "html" and output is not None else {}
    text = render(report, format, color=output is None and sys.stdout.isatty(), **options)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)
    if write is None:  # an archive holds thousands of cases: their report folders only when asked for
        from audit.archive import is_archive

        write = not any(is_archive(p) for p in paths)
    if write:
        for path in _write_reports(report, reports_dir):
            typer.echo(f"wrote {path}", err=True)
    threshold = severity_rank(config.fail_on) if config.fail_on != "never" else 99
    raise typer.Exit(1 if report.worst() >= threshold else 0)


def _run_with_progress(run_check, paths: list[Path], config):
    """``check`` with a progress bar over the case folders (a terminal only; quiet in CI and pipes)."""
    from audit.case import find_cases
    from audit.progress import progress

    total = sum(len(find_cases(p)) for p in paths if p.exists())
    with progress(total, "reading cases") as advance:
        return run_check(paths, config, on_case=lambda folder: advance(folder.name))


def _write_reports(report, folder: Path) -> list[Path]:
    from audit.progress import progress
    from audit.report.files import write_case_reports

    with progress(len(report.cases), "writing reports") as advance:
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
def explain(code: Annotated[str, typer.Argument(help="a rule code such as SUM001")]) -> None:
    """Print a rule's documentation."""
    from audit.errors import did_you_mean
    from audit.rules import REGISTRY

    rule = REGISTRY.get(code.upper())
    if rule is None:
        _fail(f"unknown rule {code!r}{did_you_mean(code.upper(), REGISTRY)}")
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
    from audit.hedges import DEFAULT_TABLE, VAGUE

    for name, (low, high) in DEFAULT_TABLE.items():
        typer.echo(f"{name:<12} [{low}, {high}]")
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
def synth(
    out: Annotated[Path, typer.Option("--out", help="folder to write into (created)")],
    cases: Annotated[int, typer.Option("--cases", min=1, help="how many cases")] = 10,
    sources: Annotated[int, typer.Option("--sources", min=1, max=10, help="outlets per case")] = 4,
    seed: Annotated[int, typer.Option("--seed", help="the same seed writes the same cases")] = 0,
    format: Annotated[str, typer.Option("--format", help="cases (folders), parquet (one claims file) or articles")] = "cases",
    claims_per_case: Annotated[int, typer.Option("--claims-per-case", min=10, help="about this many claims per case")] = 100,
) -> None:
    """Write synthetic cases with planted discrepancies and expected.json, the findings they must raise."""
    from audit.synth import FORMATS, write

    if format not in FORMATS:
        _fail(f"unknown synth format {format!r}; choose one of {', '.join(FORMATS)}")
    summary = write(cases, sources, seed, out, format, claims_per_case)
    typer.echo(f"wrote {summary['cases']} cases, {summary['claims']} claims, {summary['planted']} planted "
               f"discrepancies to {out} (expected findings: {out / 'expected.json'})")


def main() -> None:
    try:
        app()
    except AuditError as error:
        typer.echo(f"audit: {error}", err=True)
        sys.exit(2)
