"""Loading a case folder: ``case.yaml``, ``articles/``, ``claims/<source>.yaml``.

The loader turns files into plain records -- one per claim, one per article -- and turns every
problem with a file into a ``Problem`` (file, line, message) instead of raising: bad data is a
finding, the rest of the case is still audited. Only a path that is not a case at all, or a
``case.yaml`` that cannot be read, raises ``AuditError`` (unusable input, exit code 2).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cache, lru_cache
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Callable, Mapping, Sequence

import fastjsonschema
import jsonschema_rs

from audit.boundary import CLAIM_FILE_LIMIT, OutsideFile, check_regular, folders_resolved_once, read_whole
from audit.case_folders import CASE_FILE, case_folders
from audit.casefile import case_file_problem
from audit.claimfile import CLAIM_FILE_SCHEMA
from audit.errors import AuditError, did_you_mean
from audit.groups import group_suggestion, resolve_group
from audit.hedges import HedgeTable, vague_interval
from audit.places import Gazetteer
from audit.sources import ARTICLE_SUFFIXES, Article, ArticleProblem, read_article
from audit.vocabulary import MEASURES, Measure
from audit.yamlfile import (Lines, ScannedLines, YamlProblem, decode_yaml, line_for, parse_plain_mapping,
                            parse_plain_yaml, parse_yaml)
from audit.yamlscalars import unbuildable_scalar

if TYPE_CHECKING:
    import jsonschema

    from audit.claim_columns import ClaimColumns

__all__ = ["Case", "Problem", "load_case", "find_cases", "read_case_file", "extract_case_claims"]

_CASE_KEYS = {"title", "country", "period", "sources", "settings", "hedges", "places", "waivers", "description"}


@dataclass(frozen=True)
class Problem:
    """A problem with an input file, reported as a finding of an INPUT rule."""

    rule: str
    file: Path
    line: int | None
    message: str
    claim_id: str | None = None
    case: str | None = None  # set where the file alone does not tell the case (a row of an archive)


@dataclass
class Case:
    path: Path
    name: str
    config: dict[str, Any]
    articles: dict[str, Article] = field(default_factory=dict)
    claims: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    claim_files: dict[str, Path] = field(default_factory=dict)
    frame: Any = None  # the claims as a polars frame instead of ``claims`` records (audit.loading sets it)
    #: (cache key, signature, whether the signature may be trusted next time) of the folder, worked out by the
    #: process that read it just before reading it, where the cache held nothing to look up
    #: (``audit.loading.FolderReader``); never stored
    read_key: tuple[str, str, bool] | None = None

    @property
    def settings(self) -> dict[str, Any]:
        return self.config.get("settings") or {}


def find_cases(path: Path) -> list[Path]:
    """The case folders at or below ``path`` (a folder holding case.yaml), in path order (``case_folders``: the
    ones ``path.rglob("case.yaml")`` finds, tested; 10,000 in 0.47 s where ``rglob`` took 0.9 s)."""
    return sorted(case_folders(path))


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return _iso_date(str(value))


@lru_cache(maxsize=4096)
def _iso_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)  # a case's claims name a few days, each many times


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise InvalidOperation
    return Decimal(str(value).replace(",", "").replace("_", ""))


#: the largest offset into an article (far beyond ``ARTICLE_LIMIT``; an Int64 holds it)
LARGEST_OFFSET = 2**40
#: figures at or beyond this size are refused: the claims frame keeps 38 digits, 9 after the point,
#: and rules add figures up (no news figure comes near: a world's population is 10 digits)
LARGEST_FIGURE = Decimal(10) ** 24
_SMALLEST_STEP = Decimal("1e-9")


#: the most figures audited per article: a news story has dozens; thousands are a table or an attack, and
#: comparing every figure of one thing with every other grows with their square
MOST_FIGURES = 5_000


def _too_many(count: int) -> str:
    return f"holds {count:,} figures; the first {MOST_FIGURES:,} are audited (split the article, or review it into a claim file)"


def number_problem(number: Decimal) -> str | None:
    """Why a figure cannot be audited (not finite, too large, or too small for 9 decimal places), or None."""
    if not number.is_finite():
        return "not a finite number"
    if abs(number) >= LARGEST_FIGURE:
        return f"too large: figures must stay below 10^{LARGEST_FIGURE.adjusted()}"
    if number != 0 and abs(number) < _SMALLEST_STEP:
        return "too small: the audit keeps 9 decimal places"
    return None


def _read_case_file(path: Path) -> dict[str, Any]:
    case_file = path / CASE_FILE
    if not case_file.is_file():
        hint = ""
        if path.is_dir() and (path / "claims").is_dir():
            hint = " (it has claims/ but no case.yaml)"
        if os.path.lexists(case_file):
            hint = " (it is not a regular file)"
        raise AuditError(f"{path}: not a case folder: no {CASE_FILE}{hint}")
    try:
        check_regular(case_file, path)  # a case.yaml linking out of the case would quote another file in errors
        config, lines, _ = _read_yaml(case_file, mapping=True)
    except OutsideFile as problem:
        raise AuditError(f"{case_file}: {problem.message}") from None
    except YamlProblem as problem:
        where = f"{case_file}:{problem.line}" if problem.line else f"{case_file}"
        raise AuditError(f"{where}: {problem.message}") from None
    config = config or {}
    if not isinstance(config, dict):
        raise AuditError(f"{case_file}:1: case.yaml must be a mapping (title, country, period, ...)")
    for key in config:
        if key not in _CASE_KEYS:
            raise AuditError(
                f"{case_file}:{line_for(lines, (key,))}: unknown key {key!r}{did_you_mean(str(key), _CASE_KEYS)}"
            )
    wrong = case_file_problem(config)
    if wrong is not None:
        raise AuditError(f"{case_file}:{line_for(lines, wrong[0])}: {wrong[1]}")
    period = config.get("period") or [None, None]
    config["period"] = [_date(period[0]), _date(period[1])]
    return config


def _read_yaml(file: Path, limit: int = CLAIM_FILE_LIMIT, fast: bool = False,
               mapping: bool = False) -> tuple[Any, Lines, str]:
    """The data, lines and text of a YAML file already checked by ``audit.boundary`` (read once),
    refusing one over ``limit`` bytes; a value PyYAML cannot build (``2025-02-30``, ``!!int 'abc'``)
    is a ``YamlProblem`` at its line. ``fast``: a claim file, by ``parse_plain_yaml`` where it can
    (its dates come back as text, as ``_as_json`` makes them). ``mapping``: a case.yaml, by
    ``parse_plain_mapping`` where it can (the same data), its lines found only when a message asks."""
    size = file.stat().st_size
    if size > limit:
        raise YamlProblem(file, None, f"is too large ({size:,} bytes; at most {limit:,} are read)")
    try:
        raw = read_whole(file)
    except OSError as error:
        raise YamlProblem(file, None, f"cannot read: {error.strerror}") from None
    text = decode_yaml(raw, file)
    plain = parse_plain_mapping(text) if mapping else None
    if plain is not None:
        return plain, ScannedLines(text, file, []), text
    try:
        data, lines = (parse_plain_yaml if fast else parse_yaml)(text, file)
    except YamlProblem as problem:  # libyaml names no line for a value it cannot build: find it
        found = unbuildable_scalar(text) if problem.line is None else None
        if found is None:
            raise
        raise YamlProblem(file, None if found[0] is None else found[0] + 1, found[1]) from None
    except RecursionError:
        raise YamlProblem(file, None, "is nested too deeply to read") from None
    except (ValueError, TypeError, OverflowError) as error:
        found = unbuildable_scalar(text)
        if found is None:
            raise YamlProblem(file, None, f"cannot be read: {error}") from None
        raise YamlProblem(file, None if found[0] is None else found[0] + 1, found[1]) from None
    return data, lines, text


def read_case_file(path: Path) -> dict[str, Any]:
    """The checked contents of a case folder's case.yaml (``AuditError`` when unusable), without loading the case."""
    return _read_case_file(Path(path))


@folders_resolved_once  # a case's folders are resolved once, not once per file
def load_case(path: Path, name: str | None = None, hedges: dict[str, Any] | None = None, extract: bool = True,
              columns: ClaimColumns | None = None) -> Case:
    """Read one case folder. Raises AuditError only when ``path`` is not a readable case.

    ``hedges``: hedge-table rows from ``[tool.audit.hedges]``; the case's own ``hedges:`` win.
    Articles without a claim file get their claims extracted on the fly (``extract=False``
    leaves them without claims, for callers that only need the articles).
    ``columns``: the claims go there (``audit.claim_columns``, which checks their ids when it builds
    its frame) instead of into ``case.claims`` as records.
    """
    path = Path(path)
    config = _read_case_file(path)
    case = Case(path=path, name=name or Path(os.path.abspath(path)).name, config=config)  # ``..`` names its folder
    hedges = HedgeTable({**(hedges or {}), **(config.get("hedges") or {})}, where=str(path / CASE_FILE))
    gazetteer = Gazetteer(config.get("places"))
    source_meta = config.get("sources") or {}

    articles_dir = path / "articles"
    for file in sorted(articles_dir.iterdir()) if articles_dir.is_dir() else []:
        if file.suffix.lower() not in ARTICLE_SUFFIXES:
            continue
        if file.stem in case.articles:  # a.md and a.txt: one source id, two files
            case.problems.append(Problem(
                "INPUT001", file, None,
                f"has the same source id {file.stem!r} as {case.articles[file.stem].path.name}: not read (rename one)",
            ))
            continue
        try:
            article = read_article(file, root=path)
        except ArticleProblem as problem:
            case.problems.append(Problem("INPUT001", problem.path, problem.line, problem.message))
            continue
        meta = source_meta.get(article.source) or {}
        article = article.with_metadata(
            title=meta.get("title"), outlet=meta.get("outlet"), url=meta.get("url"),
            published=_date(meta.get("published")),
        )
        for line, message in article.warnings:
            case.problems.append(Problem("INPUT012", file, line, message))
        if article.published is None:
            case.problems.append(Problem(
                "INPUT009", file, None,
                f"source {article.source!r} has no publication date: add 'published' to its front matter "
                f"or under sources.{article.source} in case.yaml",
            ))
        case.articles[article.source] = article

    claims_dir = path / "claims"
    for file in sorted(claims_dir.glob("*.y*ml")) if claims_dir.is_dir() else []:
        _load_claim_file(case, file, hedges, gazetteer, columns)
    for source, article in case.articles.items() if extract else ():
        if source not in case.claim_files:
            _extract_claims(case, article, hedges, gazetteer)
    if columns is None:
        _check_ids(case)
        claimed = bool(case.claims)
    else:
        claimed = columns.end_case(case)
    if not case.articles and not claimed and not case.problems:
        case.problems.append(Problem("INPUT010", path / CASE_FILE, None, "the case has no articles and no claims"))
    return case


def extract_case_claims(case: Case, hedges: dict[str, Any] | None = None) -> None:
    """Claims for the articles of a case read elsewhere (an archive of articles), as ``load_case``
    extracts them for articles without a claim file."""
    table = HedgeTable({**(hedges or {}), **(case.config.get("hedges") or {})}, where=case.name)
    gazetteer = Gazetteer(case.config.get("places"))
    for article in case.articles.values():
        if article.source not in case.claim_files:
            _extract_claims(case, article, table, gazetteer)
    _check_ids(case)


def _load_claim_file(case: Case, file: Path, hedges: HedgeTable, gazetteer: Gazetteer,
                     columns: ClaimColumns | None = None) -> None:
    """Check a claim file and read its claims: as records into ``case.claims``, or into ``columns``."""
    try:
        check_regular(file, case.path)
        data, lines, text = _read_yaml(file, fast=True)
    except OutsideFile as problem:
        case.problems.append(Problem("INPUT001", file, None, problem.message))
        return
    except YamlProblem as problem:
        case.problems.append(Problem("INPUT001", file, problem.line, problem.message))
        return
    if not isinstance(lines, ScannedLines):  # the fast path leaves dates as text
        data = _as_json(data)  # YAML reads 2025-07-14 as a date; the schema speaks JSON
    valid = _valid(data)
    if not valid and isinstance(lines, ScannedLines):  # a file with errors is read as it always was, by libyaml
        data, lines = parse_yaml(text, file)
        data = _as_json(data)
    errors = [] if valid else sorted(_validator().iter_errors(data), key=lambda e: list(e.path))
    bad_claims = {e.path[1] for e in errors if len(e.path) >= 2 and e.path[0] == "claims"}
    for error in errors:
        case.problems.append(Problem("INPUT002", file, line_for(lines, tuple(error.path)), _schema_message(error)))
    if any(len(e.path) < 2 for e in errors):  # the file itself is malformed, not one claim
        return
    source = data["source"]
    case.claim_files[source] = file
    _check_article_hash(case, file, source, text)
    if source not in case.articles and (case.path / "articles").is_dir():
        case.problems.append(Problem(
            "INPUT002", file, line_for(lines, ("source",)),
            f"source {source!r} has no article in articles/{did_you_mean(source, case.articles)}",
        ))
    if len(data["claims"]) > MOST_FIGURES:
        case.problems.append(Problem("INPUT002", file, line_for(lines, ("claims",)), _too_many(len(data["claims"]))))
    # the claims reported above are left out; the file's other claims are still audited
    rows = [(index, raw) for index, raw in enumerate(data["claims"][:MOST_FIGURES]) if index not in bad_claims]
    claims = ClaimFile(case, file, source, lines, bool(data.get("reviewed", False)), hedges, gazetteer)
    if columns is not None:
        columns.add_file(claims, rows)
        return
    for index, raw in rows:
        record = claims.record(index, raw)
        if record is not None:
            case.claims.append(record)


@dataclass(frozen=True)
class ClaimFile:
    """A checked claim file: what each of its claims takes from it and from its case."""

    case: Case
    path: Path
    source: str
    lines: Lines
    reviewed: bool  # a person checked the file: what extraction noted of its readings no longer holds
    hedges: HedgeTable
    gazetteer: Gazetteer

    def record(self, index: int, raw: dict) -> dict | None:
        """The record of the file's claim ``index`` (``raw``), or None after adding the problem that keeps it out."""
        record = _claim_record(self.case, self.path, self.source, raw, self.lines, ("claims", index), self.hedges,
                               self.gazetteer, self.case.config["period"])
        if record is not None:
            record["reviewed"] = self.reviewed
            if self.reviewed:
                record.update(_STATED)
        return record


def _check_article_hash(case: Case, file: Path, source: str, text: str) -> None:
    """INPUT013 when the article changed after ``audit extract --case`` wrote the claim file (``text``:
    its ``# article:`` hash among the header comments)."""
    from audit.review import ARTICLE_LINE, article_hash

    article = case.articles.get(source)
    stored = ARTICLE_LINE.search(text, 0, 2000) if article is not None else None  # the header comments come first
    if stored is not None and stored.group(1) != article_hash(article.text):
        case.problems.append(Problem(
            "INPUT013", file, text.count("\n", 0, stored.start()) + 1,
            f"the article {article.path.name} changed after these claims were written: they may be out of date "
            "(run 'audit extract --case' to refresh them)"))


def _extract_claims(case: Case, article: Article, hedges: HedgeTable, gazetteer: Gazetteer) -> None:
    """An article without a claim file is read by the extractor, so a new article is audited at once."""
    from audit.extract import extract_article  # the extractor is only needed for unreviewed articles

    try:
        raws = extract_article(article, case_country=case.config.get("country"), gazetteer=gazetteer)
    except Exception as error:  # a bug in extraction must not stop the audit of the rest of the case
        case.problems.append(Problem("INPUT011", article.path, None, f"cannot extract claims: {type(error).__name__}: {error}"))
        return
    if len(raws) > MOST_FIGURES:
        case.problems.append(Problem("INPUT011", article.path, None, _too_many(len(raws))))
        raws = raws[:MOST_FIGURES]
    lines = {("claims", index): article.file_line(raw["start"]) for index, raw in enumerate(raws)}
    for index, raw in enumerate(raws):
        record = _claim_record(case, article.path, article.source, raw, lines, ("claims", index), hedges, gazetteer,
                               case.config["period"])
        if record is not None:
            record["reviewed"] = False
            case.claims.append(record)


def _valid(data: Any) -> bool:
    """A fast first pass: jsonschema-rs (the schema checked in Rust, twenty times fastjsonschema) accepts
    a good file; a file it refuses, or cannot take (a value JSON has no type for: a set, a date, a number
    key), is judged by fastjsonschema, the judge it always was (it reads a NaN as a number, and ``\\d`` in
    its ``format: date`` as any digit). Only a file both reject is walked by jsonschema, which lists every
    error with its path."""
    try:
        if _rust_validator()(data):
            return True
    except Exception:  # noqa: BLE001 - a value it cannot convert: the old judge decides
        pass
    try:
        _compiled()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def _rust_validator() -> Callable[[Any], bool]:
    return jsonschema_rs.Draft202012Validator(CLAIM_FILE_SCHEMA, validate_formats=True).is_valid


@cache
def _compiled() -> Callable[[Any], Any]:
    return fastjsonschema.compile(CLAIM_FILE_SCHEMA)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    import jsonschema  # only a file both fast validators refuse needs its errors listed

    return jsonschema.Draft202012Validator(CLAIM_FILE_SCHEMA)  # built once: building it costs more than a file


def _as_json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def _schema_message(error: jsonschema.ValidationError) -> str:
    path = list(error.path)
    where = f"claim {path[1] + 1}" if len(path) >= 2 and path[0] == "claims" else "the file"
    if len(path) >= 3:
        where += f", {'.'.join(str(p) for p in path[2:])}"
    if error.validator == "anyOf" and len(path) == 2:
        return f"{where}: needs value (with a qualifier), low/high, or vague (hundreds, dozens, ...)"
    if error.validator == "additionalProperties":
        from audit.claimfile import CLAIM_FIELDS

        unknown = sorted(set(error.instance) - set(CLAIM_FIELDS if len(path) == 2 else CLAIM_FILE_SCHEMA["properties"]))
        choices = CLAIM_FIELDS if len(path) == 2 else CLAIM_FILE_SCHEMA["properties"]
        return f"{where}: unknown key {unknown[0]!r}{did_you_mean(unknown[0], choices)}" if unknown else error.message
    return f"{where}: {error.message}"


#: the keys by which a claim names another claim of its case
ID_REFERENCES = ("part_of", "ratio_of", "describes")

#: the readings of a claim (``measure_read`` ...), all "stated" in a reviewed file
_READINGS = ("measure", "kind", "as_of", "authority", "place", "group", "period")
_READING_KEYS = tuple((name, f"{name}_read") for name in _READINGS)
_STATED = dict.fromkeys((key for _, key in _READING_KEYS), "stated")


class _Refused(Exception):
    """A claim that cannot be audited: the rule, the claim key whose line the problem names (None: the claim's),
    and the message, written only when asked (the column path only needs to know that a claim is refused, and a
    close match among the gazetteer's names takes a while to find)."""

    def __init__(self, rule: str, key: str | None, message: Callable[[], str]) -> None:
        super().__init__(rule, key)
        self.rule, self.key, self._message = rule, key, message

    @property
    def message(self) -> str:
        return self._message()


def _claim_record(case, file, source, raw, lines, here, hedges, gazetteer, default_period) -> dict | None:
    """The record of one claim (a dict of ``CLAIM_COLUMNS`` less ``reviewed``), or None after adding the
    problem that keeps it out. The readers below are also the column path's (``audit.claim_columns``),
    which calls them once per distinct value and sends only the claims they refuse here."""
    try:
        measure = _claim_measure(raw)
        _claim_offsets(raw)
        value, qualifier, low, high = _claim_figure(raw, measure, hedges)
        places = _claim_places(raw, gazetteer)
        groups = _claim_groups(raw)
        named, named_codes, named_levels = _claim_named(raw, gazetteer)
        _claim_hedged(raw, qualifier, low, high)
        period_start, period_end = _claim_period(raw, default_period)
        as_of = _claim_as_of(raw)
    except _Refused as refused:
        line = line_for(lines, (*here, refused.key) if refused.key else here)
        case.problems.append(Problem(refused.rule, file, line, refused.message, raw.get("id")))
        return None
    article = case.articles.get(source)
    return {
        "case": case.name,
        "id": raw["id"],
        "source": source,
        "text": raw["text"],
        "start": raw["start"],
        "end": raw["end"],
        "value": value,
        "qualifier": qualifier,
        "low": low,
        "high": high,
        "measure": measure.name,
        "kind": measure.kind,
        "unit": raw.get("unit"),
        "place": places,
        "group": groups,
        "period_start": period_start,
        "period_end": period_end,
        "role": raw.get("role", "body"),
        "part_of": raw.get("part_of"),
        "breakdown": raw.get("breakdown"),
        "axis": raw.get("axis", ""),
        "each": bool(raw.get("each", False)),
        "named": named,
        "named_codes": named_codes,
        "named_levels": named_levels,
        "ratio_of": raw.get("ratio_of"),
        "describes": raw.get("describes"),
        "cumulative": bool(raw.get("cumulative", False)),
        "published": article.published if article else None,
        "file": str(file),
        "line": line_for(lines, here),
        "figure_kind": raw.get("kind"),
        "as_of": as_of,
        "authority": raw.get("authority"),
        **_claim_readings(raw),
    }


def _claim_measure(raw: dict) -> Measure:
    measure = MEASURES.get(raw["measure"])
    if measure is None:
        name = raw["measure"]
        raise _Refused("INPUT005", "measure", lambda: f"unknown measure {name!r}{did_you_mean(name, MEASURES)}")
    return measure


def _claim_offsets(raw: dict) -> None:
    for key in ("start", "end"):
        if isinstance(raw.get(key), int) and raw[key] > LARGEST_OFFSET:
            raise _Refused("INPUT002", key,
                           lambda: f"{key}={raw[key]!r} lies beyond any article (offsets end at {LARGEST_OFFSET:,})")


def _claim_figure(raw: dict, measure: Measure, hedges: HedgeTable) -> tuple[Decimal | None, str, Decimal | None,
                                                                            Decimal | None]:
    """The figure's value, qualifier and interval: from low/high where given, else a vague word's row
    or the hedge table's row for the value (``hedges.interval`` raises ``AuditError`` for a formula that fails)."""
    try:
        value = _decimal(raw.get("value"))
        low, high = _decimal(raw.get("low")), _decimal(raw.get("high"))
    except (InvalidOperation, ValueError, TypeError):
        raise _Refused("INPUT002", "value", lambda: f"not a number: value={raw.get('value')!r} low={raw.get('low')!r} "
                                                    f"high={raw.get('high')!r}") from None
    for key, number in (("value", value), ("low", low), ("high", high)):
        if number is not None and (message := number_problem(number)):
            raise _Refused("INPUT002", key, lambda: f"{raw.get('text')!r}: {key}={raw.get(key)!r}: {message}")
    qualifier = raw.get("qualifier") or ("exact" if value is not None and "low" not in raw and "high" not in raw else "range")
    if qualifier == "vague" and "low" not in raw:
        try:
            low, high = vague_interval(raw.get("vague", ""))
        except KeyError:
            raise _Refused("INPUT002", "vague", lambda: f"unknown vague quantity {raw.get('vague')!r}; "
                                                        "known: hundreds, dozens, thousands, ...") from None
    elif "low" not in raw and "high" not in raw:
        if value is None:
            raise _Refused("INPUT002", None, lambda: "a claim needs value (with qualifier) or low/high")
        if qualifier == "range":
            raise _Refused("INPUT002", "qualifier", lambda: "qualifier 'range' needs low and high")
        low, high = hedges.interval(value, qualifier, measure.integral)
    return value, qualifier, low, high


def _claim_places(raw: dict, gazetteer: Gazetteer) -> list[str]:
    places = []
    for name in raw.get("place") or []:
        place = gazetteer.resolve(name)
        if place is None:
            raise _Refused("INPUT003", "place", lambda: f"unknown place {name!r}{gazetteer.suggestion(name)}")
        places.append(place.code)
    return sorted(set(places))


def _claim_groups(raw: dict) -> list[str]:
    groups = []
    for name in raw.get("group") or []:
        token = resolve_group(name)
        if token is None:
            raise _Refused("INPUT004", "group", lambda: f"unknown group {name!r}{group_suggestion(name)}")
        groups.append(token)
    return sorted(set(groups))


def _claim_named(raw: dict, gazetteer: Gazetteer) -> tuple[list[str], list[str], list[str]]:
    """The places a count of places names: as printed, their codes and their levels."""
    named_codes, named_levels = [], []
    for name in raw.get("named") or []:
        place = gazetteer.resolve(name)
        if place is None:
            raise _Refused("INPUT003", "named", lambda: f"unknown place {name!r}{gazetteer.suggestion(name)}")
        named_codes.append(place.code)
        named_levels.append(place.level)
    return [str(n) for n in raw.get("named") or []], named_codes, named_levels


def _claim_hedged(raw: dict, qualifier: str, low: Decimal | None, high: Decimal | None) -> None:
    for key, number in (("low", low), ("high", high)):  # a hedge formula may carry a fine number out of range
        if number is not None and (message := number_problem(number)):
            raise _Refused("INPUT002", "value",
                           lambda: f"{raw.get('value')!r} hedged {qualifier!r} gives {key}={number:.6g}: {message}")


def _claim_period(raw: dict, default_period: list) -> tuple[dt.date | None, dt.date | None]:
    try:
        period = raw.get("period") or default_period
        return _date(period[0]), _date(period[1])
    except (ValueError, TypeError, IndexError):
        raise _Refused("INPUT002", "period",
                       lambda: f"period must be [YYYY-MM-DD, YYYY-MM-DD], got {raw.get('period')!r}") from None


def _claim_as_of(raw: dict) -> dt.date | None:
    try:
        return _date(raw.get("as_of"))
    except ValueError:
        raise _Refused("INPUT002", "as_of",
                       lambda: f"as_of must be a date YYYY-MM-DD, got {raw.get('as_of')!r}") from None


def _claim_readings(raw: dict) -> dict[str, str | None]:
    """How each attribute was read (``measure_read`` ...), as extraction noted it; an as_of stated as null is unknown."""
    read = raw.get("read") or {}
    if "as_of" in raw and raw["as_of"] is None:
        read = {**read, "as_of": "unknown"}
    return {key: read.get(name) for name, key in _READING_KEYS}


def _check_ids(case: Case) -> None:
    case.problems += id_problems(case.claims)


def id_problems(claims: Sequence[Mapping[str, Any]]) -> list[Problem]:
    """INPUT008 for each claim whose id an earlier claim has, then INPUT007 for each part_of, ratio_of or
    describes naming no claim of the case. ``claims``: one case's, in order, each with its id, file, line,
    part_of, ratio_of and describes (records, or rows of the claims frame)."""
    problems = []
    seen: dict[str, Mapping[str, Any]] = {}
    for claim in claims:
        if claim["id"] in seen:
            first = seen[claim["id"]]
            problems.append(Problem(
                "INPUT008", Path(claim["file"]), claim["line"],
                f"claim id {claim['id']!r} is used twice (first at {first['file']}:{first['line']})", claim["id"],
            ))
        else:
            seen[claim["id"]] = claim
    for claim in claims:
        for key in ID_REFERENCES:
            target = claim.get(key)
            if target is not None and target not in seen:
                problems.append(Problem(
                    "INPUT007", Path(claim["file"]), claim["line"],
                    f"claim {claim['id']!r}: {key} points at {target!r}, which is no claim of the case"
                    f"{did_you_mean(target, seen)}", claim["id"],
                ))
    return problems
