"""Column widths that fit the numbers a reader will see, so no cell shows '#####'.

A spreadsheet shows '#####' for a number that is wider than its column (text spills over into
the next cell, numbers and dates never do).  The writers size columns for their labels; the
numbers in them depend on the run: a firm's € 2.714 fits where a sector's € 246.332.841
does not, and formula results are only known after the spreadsheet recalculated them.  Before
a workbook is saved, every number and date — formula results included, computed by
:mod:`checker.export.formula_values` — is written out in its cell's number format, and a
column too narrow for the widest of them is widened.  Columns are never made narrower.

Widths are in the spreadsheet's unit: the width of the digit '0' in the default font.
"""

from __future__ import annotations

import datetime as dt
import re

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from checker.export.formula_values import FormulaValues

DEFAULT_WIDTH = 8.43  # a column nobody sized
PADDING = 2.0  # the cell's inner margins and the gridline, in digit widths
BOLD_FACTOR = 1.1  # bold digits are wider
_QUOTED = re.compile(r'"([^"]*)"')
_DATE_CODES = re.compile(r"[dmyhs]", re.IGNORECASE)
_NUMBER_CODE = re.compile(r"[#0,]*[#0](?:\.[#0]*)?%?")


def shown_text(value: float | dt.date, number_format: str) -> str:
    """``value`` as the spreadsheet writes it in ``number_format`` (the formats the exports
    use: '"€" #,##0', '#,##0.0##', '0.0%', 'd-m-yyyy', General); the decimal and grouping
    marks are the invariant ones — each takes one character either way."""
    fmt = (number_format or "General").split(";")[0]
    if isinstance(value, dt.date):
        return _date_text(value, fmt)
    plain = _QUOTED.sub(lambda m: m.group(1), fmt).replace("\\", "")
    code = _NUMBER_CODE.search(plain)
    if plain.strip().lower() in ("general", "@", "") or code is None:
        return _general(value)
    number = float(value)
    percent = code.group(0).endswith("%")
    if percent:
        number *= 100
    integer, _, fraction = code.group(0).rstrip("%").partition(".")
    least = fraction.count("0")
    most = least + fraction.count("#")
    text = f"{abs(number):,.{most}f}" if "," in integer else f"{abs(number):.{most}f}"
    if most > least and "." in text:  # optional decimals ('#') are dropped when zero
        head, tail = text.split(".")
        tail = tail[:least] + tail[least:].rstrip("0")
        text = f"{head}.{tail}" if tail else head
    sign = "-" if number < 0 and float(text.replace(",", "")) != 0 else ""
    shown = sign + text + ("%" if percent else "")
    return plain[: code.start()] + shown + plain[code.end() :]


def _general(value: float | dt.date) -> str:
    number = float(value)  # type: ignore[arg-type]
    if number.is_integer() and abs(number) < 1e11:
        return str(int(number))
    return f"{number:.10g}"


def _date_text(value: dt.date, fmt: str) -> str:
    if not _DATE_CODES.search(fmt) or fmt.lower() == "general":
        return value.strftime("%d-%m-%Y")

    # Every date code at its widest: 'd' and 'm' two digits, 'mmm' a short month name,
    # 'mmmm' the longest month name, 'yyyy' four digits.
    def widest(match: re.Match[str]) -> str:
        code = match.group(0).lower()
        if code[0] == "y":
            return "0000" if len(code) > 2 else "00"
        if code[0] == "m" and len(code) >= 3:
            return "000" if len(code) == 3 else "000000000"
        return "00"

    return re.sub(r"d+|m+|y+|h+|s+", widest, fmt, flags=re.IGNORECASE).replace('"', "")


def text_width(text: str, *, bold: bool = False) -> float:
    """The width ``text`` needs, in digit widths, padding included."""
    return len(text) * (BOLD_FACTOR if bold else 1.0) + PADDING


def fit_number_columns(wb: Workbook) -> None:
    """Widen every column of ``wb`` whose numbers or dates would not fit (see the module)."""
    values = FormulaValues(wb)
    for ws in wb.worksheets:
        _fit_sheet(ws, values)


def _fit_sheet(ws: Worksheet, values: FormulaValues) -> None:
    merged = {
        (r, c)
        for rng in ws.merged_cells.ranges
        for r in range(rng.min_row, rng.max_row + 1)
        for c in range(rng.min_col, rng.max_col + 1)
    }
    needed: dict[int, float] = {}
    for row in ws.iter_rows():
        for cell in row:
            raw = cell.value
            if raw is None or (cell.row, cell.column) in merged:
                continue
            value: object = raw
            if isinstance(raw, str) and raw.startswith("="):
                value = values.value(ws.title, cell.row, cell.column)
            elif isinstance(raw, bool):
                continue
            if not isinstance(value, int | float | dt.date):
                continue  # text (from a formula or not) spills into empty neighbours
            text = shown_text(value, cell.number_format)
            bold = bool(cell.font is not None and cell.font.b)
            width = text_width(text, bold=bold)
            needed[cell.column] = max(needed.get(cell.column, 0.0), width)
    for col, width in needed.items():
        dim = ws.column_dimensions[get_column_letter(col)]
        current = float(dim.width) if dim.width else DEFAULT_WIDTH
        if width > current:
            dim.width = round(width, 1)


__all__ = ["fit_number_columns", "shown_text", "text_width"]
