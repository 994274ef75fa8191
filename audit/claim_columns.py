"""A chunk of case folders' claims read into one frame a column at a time, without a dict per claim.

``audit.loading`` reads case folders a chunk at a time. ``load_case(..., columns=ClaimColumns())`` checks
each claim file against its schema as always, then hands its claims here instead of turning each into a
record of forty keys. Each attribute of a claim is read once per distinct value, by the record path's own
readers (``audit.case._claim_measure`` and the others): a measure with its figure and hedge, a case's list
of places, a list of groups, a period, a day, the readings. A claim that one of them refuses, and only
such a claim, goes through the record path (``ClaimFile.record``), which adds exactly the problem it
always did, at the same place among the case's problems. The other claims never become dicts: ``build``
gathers their columns from the tables of distinct values, and checks the ids of every claim (an id used
twice, a part_of, ratio_of or describes naming no claim) on the chunk's frame, writing messages only for
the cases where a check fails (``audit.case.id_problems``, as the record path does).

The record path stays the oracle. Where a value is not of its column's type (an offset written ``5.0``),
``claims_frame`` reads a whole chunk's records row by row; ``build`` then makes that chunk's records and
does the same.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable
from typing import Any

import polars as pl

from audit.case import (
    _READING_KEYS, _STATED, ID_REFERENCES, LARGEST_OFFSET, Case, ClaimFile, _claim_as_of, _claim_figure, _claim_groups,
    _claim_hedged, _claim_measure, _claim_named, _claim_offsets, _claim_period, _claim_places, _claim_readings, _Refused,
    id_problems,
)
from audit.frame import CLAIM_COLUMNS, claim_column, claims_frame, frame_by_columns
from audit.yamlfile import line_for

__all__ = ["ClaimColumns"]

_REFUSED = -1
#: a key the claim leaves out: ``"low" in raw`` tells an open bound (``low: null``) from none
_ABSENT = object()
#: the figure key of a claim refused before its figure is read (its offsets): its hedge is never computed
_SKIPPED = object()
#: the readings key of a claim of a reviewed file: all "stated"
_REVIEWED = object()
_STATED_READINGS = tuple(_STATED.values())


#: the figures read in this process (a reader process reads chunk after chunk), by hedge table and figure key: a
#: figure recurs across cases (the count every outlet repeats, round numbers), and reading one (its measure, hedge
#: and interval) costs the most of a claim's attributes. Only figures read without a refusal are kept
_FIGURES: dict[tuple, tuple] = {}
_FIGURES_KEPT = 100_000
#: a number for each hedge table (its rows) seen in this process, for the keys of figures; a number is never
#: given twice (a table seen again after the tables were forgotten gets a new one), so no key of a chunk's table of
#: figures can come to mean another hedge table
_HEDGE_TABLES: dict[tuple, int] = {}
_HEDGE_TABLES_KEPT = 10_000
_TABLE_NUMBERS = itertools.count()


def _hedge_table_number(rows: tuple) -> int:
    number = _HEDGE_TABLES.get(rows)
    if number is None:
        if len(_HEDGE_TABLES) >= _HEDGE_TABLES_KEPT:  # forgotten, and their figures with them (memory, not meaning)
            _HEDGE_TABLES.clear()
            _FIGURES.clear()
        number = _HEDGE_TABLES[rows] = next(_TABLE_NUMBERS)
    return number


class _Distinct:
    """One attribute's distinct values, each read once: ``positions`` maps a key to the value's place in
    ``values``, or to ``_REFUSED`` where the reader refused it."""

    def __init__(self) -> None:
        self.values: list = []
        self.forget()

    def forget(self) -> None:
        """Forget the keys, not the values: a new case reads them with its own gazetteer or hedge table."""
        self.positions: dict[Hashable, int] = {_SKIPPED: _REFUSED}

    def positions_of(self, keys: list, read: Callable[[int], Any]) -> list[int]:
        """The position of each row's key; ``read(row)`` reads a key first seen at ``row``, in row order
        (a hedge formula that fails raises its ``AuditError`` at the same claim as the record path)."""
        positions = self.positions
        found = [positions.get(key) for key in keys]
        if None in found:
            for row, position in enumerate(found):
                if position is None:
                    position = positions.get(keys[row])  # seen at an earlier row of this batch
                    found[row] = self._read(keys[row], read, row) if position is None else position
        return found

    def _read(self, key: Hashable, read: Callable[[int], Any], row: int) -> int:
        try:
            value = read(row)
        except _Refused:
            position = _REFUSED
        else:
            position = len(self.values)
            self.values.append(value)
        self.positions[key] = position
        return position


#: the keys of a claim taken as they are (the claim file's schema fixes their types: a string is a str, a boolean a
#: bool, an integer an int unless written 7.0, which ``add_file`` looks for), read by polars in one pass; the
#: defaults of the record path (role "body", axis "", each and cumulative false) are filled in after
_TAKEN = {"id": pl.String, "text": pl.String, "start": pl.Int64, "end": pl.Int64, "unit": pl.String, "role": pl.String,
          "part_of": pl.String, "breakdown": pl.String, "axis": pl.String, "each": pl.Boolean, "ratio_of": pl.String,
          "describes": pl.String, "cumulative": pl.Boolean, "kind": pl.String, "authority": pl.String}


def _number_key(value: Any) -> Any:
    """A number as a key: a float by its text, as ``_decimal`` reads it (1.0 == 1 and -0.0 == 0.0, yet they differ)."""
    return ("float", repr(value)) if type(value) is float else value


def _figure_key(raw: dict) -> tuple:
    """What a claim's figure is read from (besides its case's hedge table): measure, qualifier, vague word, numbers."""
    get = raw.get
    return (raw["measure"], get("qualifier"), get("vague", _ABSENT), _number_key(get("value", _ABSENT)),
            _number_key(get("low", _ABSENT)), _number_key(get("high", _ABSENT)))


class ClaimColumns:
    """The claims of a chunk of cases, gathered column-wise as ``load_case`` reads them; ``build`` makes the frame.

    Rows are kept in the record path's order (cases, their claim files, their claims, then the claims
    extracted from articles without a claim file): a row is either a claim read here (its raw claim, its
    file, and its position in each table of distinct values) or a record (a claim extracted, or one the
    readers here refused and the record path still took)."""

    def __init__(self) -> None:
        self._cases: list[Case] = []
        self._counts: list[int] = []  # the rows of each case
        self._files: list[ClaimFile] = []
        # the claims read here, one entry per row in each list
        self._raws: list[dict] = []
        self._file_of: list[int] = []
        self._index: list[int] = []  # the claim's place in its file
        self._lines: list[int | None] = []
        # the tables of distinct values, and each claim's position in them
        self._tables = {name: _Distinct() for name in ("figure", "place", "group", "named", "period", "as_of", "readings")}
        self._positions: dict[str, list[int]] = {name: [] for name in self._tables}
        self._records: list[dict] = []
        self._order: list[int] = []  # each row: i >= 0 is claim i read here, -1 - k is record k
        self._odd = False  # whether a value taken as it is is not of its column's type (an offset written 7.0)

    def _start_case(self, case: Case) -> None:
        self._cases.append(case)
        self._counts.append(0)
        for name in ("place", "named"):  # read with the case's gazetteer
            self._tables[name].forget()

    def add_file(self, claims: ClaimFile, rows: list[tuple[int, dict]]) -> None:
        """The claims of a checked claim file: ``rows`` are (place in the file, raw claim) of those its schema
        accepted. A claim a reader refuses goes through ``claims.record`` at once, which reports it."""
        if not self._cases or self._cases[-1] is not claims.case:
            self._start_case(claims.case)
        if not rows:
            return
        raws = [raw for _, raw in rows]
        try:
            positions = self._read(claims, raws)
        except TypeError:  # a value that cannot be a key (none passes the schema): the record path reads the file
            positions = {}
            refused = set(range(len(rows)))
        else:
            refused = {row for found in positions.values() if _REFUSED in found
                       for row, position in enumerate(found) if position == _REFUSED}
        before = len(self._order)
        if refused:  # in file order, so that the problems come in the record path's order
            kept = []
            for row, (index, raw) in enumerate(rows):
                if row not in refused:
                    self._order.append(len(self._raws) + len(kept))
                    kept.append(row)
                elif (record := claims.record(index, raw)) is not None:  # a reader here is stricter than the record
                    self._add_record(record)
            rows, raws = [rows[row] for row in kept], [raws[row] for row in kept]
            positions = {name: [found[row] for row in kept] for name, found in positions.items()}
        else:
            self._order.extend(range(len(self._raws), len(self._raws) + len(rows)))
        self._files.append(claims)
        self._raws += raws
        self._file_of += [len(self._files) - 1] * len(rows)
        self._index += [index for index, _ in rows]
        self._lines += [line_for(claims.lines, ("claims", index)) for index, _ in rows]
        for name, found in positions.items():
            self._positions[name] += found
        self._counts[-1] += len(self._order) - before

    def _add_record(self, record: dict) -> None:
        self._order.append(-1 - len(self._records))
        self._records.append(record)

    def _read(self, claims: ClaimFile, raws: list[dict]) -> dict[str, list[int]]:
        """Each claim's position in each table of distinct values (``_REFUSED`` where a reader refuses it)."""
        hedges, gazetteer, default_period = claims.hedges, claims.gazetteer, claims.case.config["period"]
        table = _hedge_table_number(tuple(hedges.rows.items()))
        figure_keys = [(table, *_figure_key(raw)) for raw in raws]
        offsets = [raw["start"] for raw in raws] + [raw["end"] for raw in raws]
        if set(map(type, offsets)) != {int}:  # 7.0: the record path's frame of the chunk is read row by row
            self._odd = True
        if max(offsets) > LARGEST_OFFSET:  # refused before the figure is read
            for row, raw in enumerate(raws):
                try:
                    _claim_offsets(raw)
                except _Refused:
                    figure_keys[row] = _SKIPPED
        if claims.reviewed:
            readings_keys = [_REVIEWED] * len(raws)
        else:
            readings_keys = [(tuple((raw.get("read") or {}).items()), "as_of" in raw and raw["as_of"] is None)
                             for raw in raws]
        keys = {
            "figure": figure_keys,
            "place": [tuple(raw.get("place") or ()) for raw in raws],
            "group": [tuple(raw.get("group") or ()) for raw in raws],
            "named": [tuple(raw.get("named") or ()) for raw in raws],
            "period": [tuple(raw.get("period") or default_period) for raw in raws],
            "as_of": [raw.get("as_of") for raw in raws],
            "readings": readings_keys,
        }

        def figure(row: int) -> tuple:
            found = _FIGURES.get(figure_keys[row])
            if found is None:
                raw = raws[row]
                measure = _claim_measure(raw)
                value, qualifier, low, high = _claim_figure(raw, measure, hedges)
                _claim_hedged(raw, qualifier, low, high)
                found = measure.name, measure.kind, value, qualifier, low, high
                if len(_FIGURES) >= _FIGURES_KEPT:
                    _FIGURES.clear()
                _FIGURES[figure_keys[row]] = found
            return found

        def readings(row: int) -> tuple:
            return _STATED_READINGS if claims.reviewed else tuple(_claim_readings(raws[row]).values())

        readers = {
            "figure": figure,
            "place": lambda row: _claim_places(raws[row], gazetteer),
            "group": lambda row: _claim_groups(raws[row]),
            "named": lambda row: _claim_named(raws[row], gazetteer),
            "period": lambda row: _claim_period(raws[row], default_period),
            "as_of": lambda row: _claim_as_of(raws[row]),
            "readings": readings,
        }
        return {name: self._tables[name].positions_of(keys[name], readers[name]) for name in keys}

    def end_case(self, case: Case) -> bool:
        """The case is read: its extracted claims (``case.claims``, records) follow the ones of its claim files.
        Whether the case has any claim."""
        if not self._cases or self._cases[-1] is not case:
            self._start_case(case)
        for record in case.claims:
            self._add_record(record)
        self._counts[-1] += len(case.claims)
        case.claims = []
        return self._counts[-1] > 0

    def build(self) -> tuple[pl.DataFrame, list[int]]:
        """The chunk's claims as one frame with exactly ``CLAIM_COLUMNS``, and how many rows each case has;
        each case gets the problems of its claims' ids."""
        frame = None if self._odd else self._frame()
        if frame is None:  # the record path's frame of the same records, row by row where it reads them so
            frame = claims_frame(self._all_records())
        self._check_ids(frame)
        return frame, self._counts

    def _frame(self) -> pl.DataFrame | None:
        """The frame built from the columns and the records, rows in order (None: a value not of its column's type)."""
        parts = []
        if self._raws:
            read = self._read_frame()
            if read is None:
                return None
            parts.append(read)
        if self._records:
            records = frame_by_columns(self._records)
            if records is None:
                return None
            parts.append(records)
        if not parts:
            return pl.DataFrame(schema=CLAIM_COLUMNS)
        if not self._records:
            return parts[0]
        read_rows = len(self._raws)
        order = [row if row >= 0 else read_rows - 1 - row for row in self._order]
        return pl.concat(parts).gather(pl.Series(order, dtype=pl.UInt32))

    def _read_frame(self) -> pl.DataFrame | None:
        """The claims read here: a column taken from the raw claims, or gathered from a table of distinct values
        by each claim's position in it (a table built as ``claims_frame`` builds a column, so values convert alike)."""
        taken = pl.from_dicts(self._raws, schema=_TAKEN).with_columns(
            pl.col("role").fill_null("body"), pl.col("axis").fill_null(""), pl.col("each").fill_null(False),
            pl.col("cumulative").fill_null(False), line=pl.Series(self._lines, dtype=pl.Int64),
        ).rename({"kind": "figure_kind"})
        files = self._files
        articles = [file.case.articles.get(file.source) for file in files]
        tables: dict[str, tuple[str, list]] = {  # column -> (table, its values of the column)
            "case": ("file", [file.case.name for file in files]),
            "source": ("file", [file.source for file in files]),
            "file": ("file", [str(file.path) for file in files]),
            "published": ("file", [article.published if article else None for article in articles]),
            "reviewed": ("file", [file.reviewed for file in files]),
        }
        for table, names in (("figure", ("measure", "kind", "value", "qualifier", "low", "high")),
                             ("named", ("named", "named_codes", "named_levels")),
                             ("period", ("period_start", "period_end")),
                             ("readings", tuple(key for _, key in _READING_KEYS))):
            values = self._tables[table].values
            for name, column in zip(names, zip(*values) if values else [()] * len(names)):
                tables[name] = (table, list(column))
        for name in ("place", "group", "as_of"):
            tables[name] = (name, self._tables[name].values)
        positions = {name: pl.Series(found, dtype=pl.UInt32) for name, found in self._positions.items()}
        positions["file"] = pl.Series(self._file_of, dtype=pl.UInt32)
        columns = []
        for name in CLAIM_COLUMNS:
            if name in taken.columns:
                column = taken[name]
            else:
                table, values = tables[name]
                column = claim_column(name, values)
                column = None if column is None else column.gather(positions[table])
            if column is None:
                return None
            columns.append(column)
        return pl.DataFrame(columns)

    def _all_records(self) -> list[dict]:
        """Every row as a record, as the record path makes it (a claim read here was taken by every reader: its
        record adds no problem)."""
        records = []
        for row in self._order:
            if row < 0:
                records.append(self._records[-1 - row])
            else:
                record = self._files[self._file_of[row]].record(self._index[row], self._raws[row])
                assert record is not None, "a claim every reader took was refused by the record path"
                records.append(record)
        return records

    def _check_ids(self, frame: pl.DataFrame) -> None:
        """The record path's checks of ids (``id_problems``), run only for the cases where a column-wise test
        finds an id used twice or a reference to no claim of the case."""
        if not frame.height:
            return
        case_of = []
        for number, count in enumerate(self._counts):
            case_of += [number] * count
        keys = frame.select("id", *ID_REFERENCES).with_columns(_case=pl.Series(case_of, dtype=pl.UInt32))
        ids = keys.select("_case", "id")
        references = pl.concat([keys.select("_case", target=pl.col(key)) for key in ID_REFERENCES]).drop_nulls()
        dangling = references.join(ids, left_on=["_case", "target"], right_on=["_case", "id"], how="anti")
        failing = set(ids.filter(ids.is_duplicated())["_case"]) | set(dangling["_case"])
        offsets = [0]
        for count in self._counts:
            offsets.append(offsets[-1] + count)
        for number in sorted(failing):
            rows = frame.slice(offsets[number], self._counts[number]).select("id", "file", "line", *ID_REFERENCES)
            self._cases[number].problems += id_problems(rows.to_dicts())
