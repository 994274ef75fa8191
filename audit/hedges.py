"""The hedge table: how a printed figure and its hedge become an interval.

One table, documented here and printed by ``audit hedges``; a case overrides any row in its
``case.yaml`` under ``hedges:`` (same formula language). In a formula:

- ``n`` is the number as printed (a percentage is already a fraction: "60 per cent" is 0.6);
- ``step`` is 1 for counts (people, houses) and 0 for amounts (money, ratios), so "more than
  1,000 people" is [1001, open) while "more than $1bn" is [1bn, open);
- ``half`` is half a unit of the last significant digit of ``n`` (150,000 -> 5,000; 43 -> 0.5;
  1.05 billion -> 5 million): the rounding interval of XBRL Calculations 1.1;
- ``null`` is an open side; ``ceil``/``floor``/``min``/``max`` are available.

For counts the resulting bounds are then rounded inwards to whole numbers ("about 43" is [43, 43]).

=========== ============================================== =========================================
qualifier   printed as (all wordings: ``WORDINGS``)        interval
=========== ============================================== =========================================
exact       1,000; equal to / as many as / has gone up to n [n, n]
more_than   more than / over / greater than / exceeded /   [n + step, open)
            tops / passes / surpassed / > n
at_least    at least / no fewer than / n or more / >= n    [n, open)
fewer_than  fewer than / less than / under / below / < n   [0, n - step]
up_to       up to / at most / n or less / <= n             [0, n]
nearly      nearly / almost / close to / nears n           [0.9 n, n - step]
about       about / some / around / n or so                [n - half, n + half]
range       n to m / between n and m / from n to m /       [n, m] (both printed; a sided pair takes
            more than n and less than m                    each side's bound from its own row)
vague       hundreds / dozens of                           the row of ``VAGUE`` for the word
=========== ============================================== =========================================

Readings chosen for news, not by the letter of the words:

- "as many as 50 people died" stresses that the number is large; the writer reports 50, so it is
  exact. In an estimate or a fear ("as many as 2,000 are feared dead", "might have", "could") it
  is the top of the estimate: up_to. "as much as" likewise.
- "could reach 20,000" is a projection's top: up_to; "could reach over 20,000" is more_than.
- "the toll has gone up to 50" / "rose to" report where a tally stands: exact. Only a bare "up
  to 50" is an upper bound.
- "exceeded / tops / passes / surpassed 1,000" are "more than 1,000"; "nears 1,000" is "nearly".
- "between 20 and 30" is [20, 30] (both ends included, as news means it), not Recognizers-Text's
  half-open [20, 30).
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from audit.errors import AuditError, did_you_mean

__all__ = ["DEFAULT_TABLE", "VAGUE", "WORDINGS", "WORDINGS_AFTER", "HedgeTable", "half_unit", "QUALIFIERS"]

#: qualifier -> (low formula, high formula)
DEFAULT_TABLE: dict[str, tuple[str, str]] = {
    "exact": ("n", "n"),
    "more_than": ("n + step", "null"),
    "at_least": ("n", "null"),
    "fewer_than": ("0", "n - step"),
    "up_to": ("0", "n"),
    "nearly": ("0.9 * n", "n - step"),
    "about": ("n - half", "n + half"),
}

#: qualifier -> the wordings printed before a number that select it (longest wins: "no more than" is up_to).
WORDINGS: dict[str, tuple[str, ...]] = {
    "exact": ("equal to", "exactly", "as many as", "as much as", "has gone up to", "have gone up to", "had gone up to",
              "went up to", "gone up to", "goes up to", "going up to", "risen up to", "rose up to"),
    "more_than": ("more than", "over", "well over", "upwards of", "in excess of", "above", "exceeding", "exceeded",
                  "exceeds", "exceed", "surpassed", "surpassing", "surpasses", "surpass", "passed", "passes",
                  "passing", "topped", "tops", "topping", "crossed", "greater than", "larger than", "bigger than",
                  "higher than", "past", "rises past", "rose past", ">"),
    "at_least": ("at least", "no fewer than", "no less than", "not less than", "a minimum of", "minimum of",
                 "greater than or equal to", "more than or equal to", "larger than or equal to",
                 "bigger than or equal to", "greater or equal than", "bigger or equal than", "larger or equal than",
                 "higher or equal than", "more or equal than", "equal to or more than", "equal to or greater than",
                 "equal or greater than", "equal or more than", "at least or equal to", ">=", "> =", "≥"),
    "fewer_than": ("fewer than", "less than", "under", "below", "smaller than", "lower than", "<"),
    "up_to": ("up to", "at most", "could reach", "may reach", "might reach", "could rise to", "may rise to", "no more than", "not more than", "a maximum of", "maximum of",
              "less than or equal to", "fewer than or equal to", "smaller than or equal to", "less or equal than",
              "smaller or equal than", "lower or equal than", "equal to or less than", "equal to or fewer than",
              "equal or less than", "equal to or lower than", "<=", "< =", "≤"),
    "nearly": ("nearly", "almost", "close to", "just under", "just shy of", "nears", "neared", "nearing",
               "approaching", "approached", "approaches"),
    "about": ("about", "around", "some", "approximately", "roughly", "an estimated", "estimated", "circa", "approx.",
              "~", "an approximate", "approx"),
}
#: qualifier -> the wordings printed after a number ("200 or more", "50 or so").
WORDINGS_AFTER: dict[str, tuple[str, ...]] = {
    "at_least": ("or more", "and more", "or above", "and above", "or greater", "or greater than", "or higher",
                 "or over", "plus", "+"),
    "up_to": ("or less", "or fewer", "and less", "and fewer", "or below", "or under", "or lower", "and below"),
    "about": ("or so",),
}

#: Vague quantities: the word as printed (lower case) -> [low, high]. "hundreds of" is at least two hundred.
VAGUE: dict[str, tuple[int, int | None]] = {
    "dozens": (24, 143),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2_000, 999_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 999_999_999),
}

QUALIFIERS = (*DEFAULT_TABLE, "range", "vague")

_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_FUNCTIONS = {
    "ceil": lambda x: x.to_integral_value(ROUND_CEILING),
    "floor": lambda x: x.to_integral_value(ROUND_FLOOR),
    "min": min,
    "max": max,
}


def half_unit(n: Decimal) -> Decimal:
    """Half a unit of the last significant digit of ``n``: 150000 -> 5000, 43 -> 0.5, 0.6 -> 0.05."""
    if n == 0:
        return Decimal("0.5")
    exponent = n.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(5).scaleb(exponent - 1)


def _evaluate(node: ast.AST, names: Mapping[str, Decimal]) -> Decimal | None:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, names)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        if node.id == "null":
            return None
        if node.id in names:
            return names[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = _evaluate(node.left, names), _evaluate(node.right, names)
        return None if left is None or right is None else _OPERATORS[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = _evaluate(node.operand, names)
        return None if value is None else -value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS:
        args = [_evaluate(arg, names) for arg in node.args]
        return None if any(a is None for a in args) else _FUNCTIONS[node.func.id](*args)
    raise ValueError(f"not allowed in a hedge formula: {ast.unparse(node)!r}")


#: the longest hedge formula read: the default rows are a dozen characters; a longer one is a mistake or an attack
LONGEST_FORMULA = 200


def _compile(formula: str, where: str) -> ast.Expression:
    shown = repr(formula) if len(str(formula)) <= 60 else f"{str(formula)[:60]!r}..."
    if len(str(formula)) > LONGEST_FORMULA:
        raise AuditError(f"{where}: cannot read hedge formula {shown}: longer than {LONGEST_FORMULA} characters")
    try:
        tree = ast.parse(str(formula).strip(), mode="eval")
        _evaluate(tree, {"n": Decimal(100), "step": Decimal(1), "half": Decimal(5)})
    except (SyntaxError, ValueError, TypeError, ArithmeticError, RecursionError, MemoryError) as error:
        raise AuditError(f"{where}: cannot read hedge formula {shown}: {_reason(error)}") from None
    return tree


#: formulas read before (most cases keep the default table): the same text makes the same tree
_TREES: dict[str, ast.Expression] = {}
#: a number for each distinct table of rows, and the intervals found, by table, qualifier, integral and value
_TABLES: dict[tuple, int] = {}
_INTERVALS: dict[tuple, tuple[Decimal | None, Decimal | None]] = {}


def _compiled(formula: str, where: str) -> ast.Expression:
    """``_compile``, once per formula (a formula it refuses is refused again, naming ``where``)."""
    tree = _TREES.get(formula)
    if tree is None:
        tree = _compile(formula, where)
        if len(_TREES) < 10_000:
            _TREES[formula] = tree
    return tree


def _reason(error: BaseException) -> str:
    if isinstance(error, ZeroDivisionError):
        return "it divides by zero"
    if isinstance(error, RecursionError | MemoryError):
        return "nested too deeply"
    return " ".join(str(error).split())[:200] or type(error).__name__


class HedgeTable:
    """The default table with a case's overrides applied; turns (value, qualifier) into an interval."""

    def __init__(self, overrides: Mapping[str, object] | None = None, where: str = "hedges") -> None:
        rows: dict[str, tuple[str, str]] = dict(DEFAULT_TABLE)
        for name, row in (overrides or {}).items():
            if name not in DEFAULT_TABLE:
                raise AuditError(f"{where}: unknown hedge {name!r}{did_you_mean(str(name), DEFAULT_TABLE)}")
            if not isinstance(row, Mapping) or set(row) - {"low", "high"}:
                raise AuditError(f"{where}: hedge {name!r} needs a mapping with 'low' and/or 'high', got {row!r}")
            low, high = rows[name]
            rows[name] = (str(row.get("low", low)), str(row.get("high", high)))
        self.rows = rows
        self.where = where
        self._compiled = {name: (_compiled(lo, where), _compiled(hi, where)) for name, (lo, hi) in rows.items()}
        self._table = _TABLES.setdefault(tuple(rows.items()), len(_TABLES))  # tables of the same rows share intervals

    def interval(self, value: Decimal, qualifier: str, integral: bool) -> tuple[Decimal | None, Decimal | None]:
        """The interval a hedged figure allows; counts are rounded inwards to whole numbers."""
        if qualifier not in self._compiled:
            raise KeyError(qualifier)
        key = (self._table, qualifier, integral, str(value))  # str tells apart 100 and 100.0, which == does not
        found = _INTERVALS.get(key)
        if found is None:
            found = self._interval(value, qualifier, integral)
            if len(_INTERVALS) >= 200_000:
                _INTERVALS.clear()
            _INTERVALS[key] = found
        return found

    def _interval(self, value: Decimal, qualifier: str, integral: bool) -> tuple[Decimal | None, Decimal | None]:
        names = {"n": value, "step": Decimal(1 if integral else 0), "half": half_unit(value)}
        low_tree, high_tree = self._compiled[qualifier]
        try:
            low, high = _evaluate(low_tree, names), _evaluate(high_tree, names)
        except ArithmeticError as error:  # "n / (n - 100)" for n = 100: the formula, not the figure, is wrong
            low_formula, high_formula = self.rows[qualifier]
            raise AuditError(f"{self.where}: hedge formula for {qualifier!r} (low: {low_formula}, high: {high_formula}) "
                             f"fails for n={value}: {_reason(error)}") from None
        if integral:
            low = None if low is None else low.to_integral_value(ROUND_CEILING)
            high = None if high is None else high.to_integral_value(ROUND_FLOOR)
        return low, high


def vague_interval(word: str) -> tuple[Decimal, Decimal | None]:
    """The interval of a vague quantity such as "hundreds"; raises KeyError for an unknown word."""
    low, high = VAGUE[word.lower()]
    return Decimal(low), None if high is None else Decimal(high)
