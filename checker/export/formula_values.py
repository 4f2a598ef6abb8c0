"""The values of the workbook's own formulas, computed the way a spreadsheet will compute them.

openpyxl writes formulas without cached results: a spreadsheet shows a result only after it has
recalculated it, and a column sized for the labels then shows '#####' where the result is
wider than the column (population totals in the hundreds of millions on the Berekening sheet).
To size columns for what a reader will see (:mod:`checker.export.column_widths`) we need those
results at export time.  The exports write a small formula language only — numbers, text,
cell and range references (also on other sheets), defined names, ``+ - * /``, parentheses,
``SUM`` and ``SUMIFS`` — so this module evaluates exactly that.  A formula outside it gives
``None`` (its column keeps the width its writer chose); it never raises.

The tests check these values against LibreOffice's own recalculation of the same file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import column_index_from_string
from openpyxl.workbook.workbook import Workbook

Value = float | str | None

_TOKEN = re.compile(
    r"""\s*(?:
    (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<string>"(?:[^"]|"")*")
  | (?P<ref>(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)
  | (?P<func>[A-Za-z][A-Za-z0-9.]*)\s*\(
  | (?P<name>[A-Za-z_\\][\w.]*)
  | (?P<op>[-+*/(),&<>=])
    )""",
    re.VERBOSE,
)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


class _Unsupported(Exception):
    """A formula (or part) outside the small language the exports write."""


@dataclass(frozen=True)
class _Range:
    sheet: str
    first: tuple[int, int]  # (row, col)
    last: tuple[int, int]

    def cells(self) -> Iterator[tuple[int, int]]:
        for row in range(self.first[0], self.last[0] + 1):
            for col in range(self.first[1], self.last[1] + 1):
                yield row, col

    @property
    def shape(self) -> tuple[int, int]:
        return self.last[0] - self.first[0] + 1, self.last[1] - self.first[1] + 1


def _tokens(formula: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = formula.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise _Unsupported(text[pos:])
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


def _parse_cell(text: str) -> tuple[int, int]:
    match = _CELL.fullmatch(text)
    if match is None:
        raise _Unsupported(text)
    return int(match.group(2)), column_index_from_string(match.group(1).upper())


def _criterion(criterion: Value) -> Callable[[Value], bool]:
    """A SUMIFS criterion as a test: '=text' (the default), '<>text', '>5', wildcards * and ?."""
    if criterion is None:
        criterion = ""
    if isinstance(criterion, float):
        number = criterion
        return lambda v: isinstance(v, float) and v == number
    text = str(criterion)
    op = next((o for o in ("<>", ">=", "<=", "=", ">", "<") if text.startswith(o)), "=")
    operand = text[len(op) :] if text.startswith(op) else text
    try:
        number_operand: float | None = float(operand)
    except ValueError:
        number_operand = None
    if number_operand is not None and op in (">", "<", ">=", "<="):
        limit = number_operand
        compare = {
            ">": lambda v: v > limit,
            "<": lambda v: v < limit,
            ">=": lambda v: v >= limit,
            "<=": lambda v: v <= limit,
        }[op]
        return lambda v: isinstance(v, float) and compare(v)
    pattern = re.compile(_wildcards(operand), re.IGNORECASE | re.DOTALL)

    def equal(v: Value) -> bool:
        if number_operand is not None and isinstance(v, float):
            return v == number_operand
        return pattern.fullmatch("" if v is None else _text(v)) is not None

    return equal if op == "=" else (lambda v: not equal(v))


def _wildcards(text: str) -> str:
    """A criterion's text as a regular expression: '*' any run, '?' one character, '~'
    escapes the next one (as spreadsheets read it)."""
    out, escaped = [], False
    for ch in text:
        if escaped:
            out.append(re.escape(ch))
            escaped = False
        elif ch == "~":
            escaped = True
        else:
            out.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
    return "".join(out)


def _text(value: Value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def _number(value: Any) -> float:
    if value is None or value == "":
        return 0.0
    if isinstance(value, float):
        return value
    raise _Unsupported(f"not a number: {value!r}")


class FormulaValues:
    """Lazily computed values of every cell of ``wb`` (formulas evaluated, memoised)."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self._memo: dict[tuple[str, int, int], Value] = {}
        self._busy: set[tuple[str, int, int]] = set()

    def value(self, sheet: str, row: int, col: int) -> Value:
        """The cell's value as the spreadsheet shows it; ``None`` for empty or unknown."""
        key = (sheet, row, col)
        if key in self._memo:
            return self._memo[key]
        if key in self._busy:  # a cycle: the spreadsheet would show an error
            return None
        raw = self.wb[sheet].cell(row, col).value
        self._busy.add(key)
        try:
            result = self._evaluate(sheet, raw)
        finally:
            self._busy.discard(key)
        self._memo[key] = result
        return result

    def _evaluate(self, sheet: str, raw: Any) -> Value:
        if raw is None:
            return None
        if isinstance(raw, bool):
            return float(raw)
        if isinstance(raw, int | float):
            return float(raw)
        if isinstance(raw, str) and raw.startswith("=") and len(raw) > 1:
            try:
                parser = _Parser(self, sheet, _tokens(raw[1:]))
                return parser.scalar(parser.formula())
            except (_Unsupported, ZeroDivisionError, KeyError, ValueError, IndexError):
                return None
        if isinstance(raw, str):
            return raw
        return None  # dates and other objects are not used in formulas

    def resolve_name(self, name: str) -> _Range:
        defined = self.wb.defined_names.get(name)
        if defined is None:
            raise _Unsupported(name)
        destinations = list(defined.destinations)
        if len(destinations) != 1:
            raise _Unsupported(name)
        sheet, coord = destinations[0]
        first, _, last = coord.replace("$", "").partition(":")
        return _Range(sheet, _parse_cell(first), _parse_cell(last or first))

    def range_of(self, sheet: str, ref: str) -> _Range:
        target, bang, cells = ref.rpartition("!")
        if bang:
            sheet = target[1:-1].replace("''", "'") if target.startswith("'") else target
        first, _, last = cells.partition(":")
        return _Range(sheet, _parse_cell(first), _parse_cell(last or first))


class _Parser:
    """Recursive descent over the tokens of one formula."""

    def __init__(self, values: FormulaValues, sheet: str, tokens: list[tuple[str, str]]) -> None:
        self.values = values
        self.sheet = sheet
        self.tokens = tokens
        self.pos = 0

    def formula(self) -> Value | _Range:
        result = self.expr()
        if self.pos != len(self.tokens):
            raise _Unsupported("trailing tokens")
        return result

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, op: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (op is not None and token != ("op", op)):
            raise _Unsupported(f"expected {op}")
        self.pos += 1
        return token

    def scalar(self, value: Value | _Range) -> Value:
        if isinstance(value, _Range):
            if value.shape != (1, 1):
                raise _Unsupported("a range where a value is needed")
            return self.values.value(value.sheet, *value.first)
        return value

    def expr(self) -> Value | _Range:
        left = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            a, b = _number(self.scalar(left)), _number(self.scalar(self.term()))
            left = a + b if op == "+" else a - b
        return left

    def term(self) -> Value | _Range:
        left = self.factor()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            a, b = _number(self.scalar(left)), _number(self.scalar(self.factor()))
            left = a * b if op == "*" else a / b
        return left

    def factor(self) -> Value | _Range:
        if self.peek() in (("op", "-"), ("op", "+")):
            op = self.take()[1]
            value = _number(self.scalar(self.factor()))
            return -value if op == "-" else value
        return self.primary()

    def primary(self) -> Value | _Range:
        kind, text = self.take()
        if kind == "number":
            return float(text)
        if kind == "string":
            return text[1:-1].replace('""', '"')
        if kind == "ref":
            return self.values.range_of(self.sheet, text)
        if kind == "name":
            return self.values.resolve_name(text)
        if kind == "func":
            return self.call(text.upper())
        if (kind, text) == ("op", "("):
            value = self.expr()
            self.take(")")
            return value
        raise _Unsupported(text)

    def arguments(self) -> list[Value | _Range]:
        args: list[Value | _Range] = []
        if self.peek() == ("op", ")"):
            self.take(")")
            return args
        while True:
            args.append(self.expr())
            if self.take()[1] == ")":
                return args

    def cells(self, rng: Value | _Range) -> list[Value]:
        if not isinstance(rng, _Range):
            return [rng]
        return [self.values.value(rng.sheet, r, c) for r, c in rng.cells()]

    def call(self, name: str) -> Value:
        args = self.arguments()
        if name == "SUM":
            return float(sum(v for a in args for v in self.cells(a) if isinstance(v, float)))
        if name == "SUMIFS" and len(args) >= 3 and len(args) % 2 == 1:
            values = self.cells(args[0])
            keep = [True] * len(values)
            for rng, crit in zip(args[1::2], args[2::2], strict=True):
                test = _criterion(self.scalar(crit))
                column = self.cells(rng)
                if len(column) != len(values):
                    raise _Unsupported("SUMIFS ranges of different sizes")
                keep = [k and test(v) for k, v in zip(keep, column, strict=True)]
            kept = (v for v, k in zip(values, keep, strict=True) if k and isinstance(v, float))
            return float(sum(kept))
        raise _Unsupported(name)


__all__ = ["FormulaValues"]
