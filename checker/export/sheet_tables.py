"""A result table (per size class, per sector, the sweep, members, errors) as a sheet.

The caller's tables arrive with column keys; the sheet shows each key by its label in the
reader's language, codes as words (a rule by its title, a domain by its name), figures typed
and formatted by what they mean (whole euros, counts, percentages), and the header frozen and
filtered.  A column that adds regeldruk and financial costs together is labelled as such.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from checker.bilingual import Lang
from checker.export.workbook_common import (
    DATE,
    DEC,
    EUR0,
    HOURS,
    INT,
    PCT,
    SheetWriter,
    add_sheet,
    cell_value,
    header_text,
)
from checker.i18n import column_label, has_message, t, value_label

# Whole numbers by meaning (counts, head counts, row numbers), whatever their dtype.
_INT_COLUMNS = ("employees", "threshold", "row", "firms", "obligations", "count", "weight")


def frame_label(column: str, lang: Lang) -> str:
    """A table column's header: the workbook's own wording where the app's would mislead
    (a total of regeldruk and financial costs says so), else the shared column label."""
    if has_message(f"export.column.{column}"):
        return t(f"export.column.{column}", lang)
    return column_label(column, lang)


def column_format(name: str, series: pd.Series) -> str | None:
    """Number format by column meaning: euros, hours, counts; None for text."""
    lower = name.lower()
    if pd.api.types.is_datetime64_any_dtype(series):
        return DATE
    if not (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)):
        return None
    if "share" in lower or "ratio" in lower or lower.endswith("_pct"):
        return PCT
    if (
        "eur" in lower
        or "cost" in lower
        or lower.startswith(("regulatory", "financial", "transferred"))
        or (lower.startswith("saved") and "hours" not in lower)
    ):
        return EUR0
    if "hours" in lower:
        return HOURS
    if pd.api.types.is_integer_dtype(series) or any(word in lower for word in _INT_COLUMNS):
        return INT
    return DEC  # never '#,##0.##', which shows a whole number as "30."


def write_frame_sheet(
    wb: Workbook,
    key: str,
    frame: pd.DataFrame,
    lang: Lang,
    rule_titles: Mapping[str, str] | None = None,
) -> tuple[SheetWriter, int, int]:
    """A result table as a sheet: labelled header, typed cells, frozen header, autofilter.

    A ``rule_id`` column shows the rule's title (``rule_titles``).  Returns the writer, the
    header row and the last data row.  Every text cell is neutralised (member names and error
    messages come from user files).
    """
    w = add_sheet(wb, str(key), lang)
    ws = w.ws
    columns = [str(c) for c in frame.columns]
    headers = [
        column_label("obligation", lang) if c == "rule_id" else frame_label(c, lang)
        for c in columns
    ]
    w.header(1, headers)
    fmts = [column_format(c, frame[col]) for c, col in zip(columns, frame.columns, strict=True)]
    converted = []
    titles = rule_titles or {}
    for name, col in zip(columns, frame.columns, strict=True):
        if name == "rule_id":
            values: list[Any] = [titles.get(str(v), v) for v in frame[col].tolist()]
        else:
            values = [value_label(name, v, lang) for v in frame[col].tolist()]
        converted.append([cell_value(v, lang) for v in values])
    for row_values in zip(*converted, strict=True) if converted else []:
        ws.append(list(row_values))
    last = len(frame) + 1
    for c, fmt in enumerate(fmts, start=1):
        if fmt is None:
            continue  # text: already neutralised, so never taken for a formula
        for (cell,) in ws.iter_rows(min_row=2, max_row=last, min_col=c, max_col=c):
            cell.number_format = fmt
    w.widths(
        [_frame_width(h, vals, fmt) for h, vals, fmt in zip(headers, converted, fmts, strict=True)]
    )
    last_col = get_column_letter(max(1, len(columns)))
    w.finish(1, autofilter=f"A1:{last_col}{max(last, 2)}")
    # The header must stay in row 1 (filters, re-use as data), so the print header says
    # what the sheet is: workbook title and table name on every page.
    w.ws.oddHeader.center.text = header_text(w.title)
    w.ws.oddHeader.center.size = 10
    w.ws.oddHeader.center.font = "-,Bold"
    return w, 1, last


def _frame_width(header: str, values: Sequence[Any], fmt: str | None) -> float:
    """A column width that shows the figures whole: the widest of the first 200 values
    (thousands separators and € sign included), the header's longest word, within 8–40."""
    sample = values[:200]
    if fmt is None:
        longest = max((len(str(v)) for v in sample if v is not None), default=0)
    else:
        digits = max(
            (len(f"{abs(v):,.0f}") for v in sample if isinstance(v, int | float)), default=1
        )
        longest = digits + (2 if "€" in fmt else 0) + (3 if fmt in (DEC, PCT, HOURS) else 0) + 1
    word = max((len(part) for part in header.split()), default=4)
    return float(max(8, min(40, max(longest, word) + 2)))
