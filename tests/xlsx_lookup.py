"""Reading a workbook the way a reader does: by defined name, by header text, by label.

The export tests never assert on fixed spreadsheet coordinates or on openpyxl's private
attributes: a cell is found by the defined name the workbook gives it, a column by its header
text, a row by the label in its first column, and a chart by following the file's own
relationships (the .xlsx parts a spreadsheet program reads).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet


def named(wb: Workbook, name: str) -> Any:
    """The cell a workbook-level defined name points to."""
    sheet, coord = next(iter(wb.defined_names[name].destinations))
    return wb[sheet][coord.replace("$", "")]


def find_row(ws: Worksheet, text: str, column: int = 1) -> int:
    """The first row whose cell in ``column`` reads ``text``; else the first that starts
    with it."""
    cells = [c for (c,) in ws.iter_rows(min_col=column, max_col=column)]
    texts = [(c, c.value.strip()) for c in cells if isinstance(c.value, str)]
    for match in (lambda v: v == text, lambda v: v.startswith(text)):
        for cell, value in texts:
            if match(value):
                return int(cell.row)
    raise LookupError(f"{ws.title}: no row starting with {text!r} in column {column}")


def header_row(ws: Worksheet, *headers: str) -> tuple[int, dict[str, int]]:
    """The first row that holds all ``headers``, and every header text of it → column."""
    for row in ws.iter_rows():
        texts = {c.value: int(c.column) for c in row if isinstance(c.value, str)}
        if all(h in texts for h in headers):
            return int(row[0].row), texts
    raise LookupError(f"{ws.title}: no header row with {headers}")


def records(ws: Worksheet, *headers: str) -> Iterator[dict[str, Any]]:
    """The rows below the header row that holds ``headers``, as {header: cell}, until the
    first row whose first header column is empty."""
    top, columns = header_row(ws, *headers)
    first = columns[headers[0]]
    for row in range(top + 1, ws.max_row + 1):
        if ws.cell(row, first).value in (None, ""):
            return
        yield {h: ws.cell(row, c) for h, c in columns.items()}


def label_value(ws: Worksheet, label: str, offset: int = 1) -> Any:
    """The value beside a label in the first column (a profile row, a total)."""
    row = find_row(ws, label)
    return ws.cell(row, 1 + offset).value


def text_cells(wb: Workbook) -> Iterator[Any]:
    """Every cell with text a reader sees (no formulas)."""
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.data_type != "f":
                    yield cell


def chart_parts(data: bytes, sheet: str) -> list[str]:
    """The chart XML of one sheet, found through the workbook's relationships."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:

        def rels(part: str) -> dict[str, str]:
            folder, name = posixpath.split(part)
            path = posixpath.join(folder, "_rels", name + ".rels")
            if path not in z.namelist():
                return {}
            xml = z.read(path).decode()
            found = re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', xml)
            found += [(i, t) for t, i in re.findall(r'Target="([^"]+)"[^>]*Id="([^"]+)"', xml)]
            return {
                i: t.lstrip("/")
                if t.startswith("/")
                else posixpath.normpath(posixpath.join(folder, t))
                for i, t in found
            }

        workbook = z.read("xl/workbook.xml").decode()
        rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="([^"]+)"', workbook)
        assert rid is not None, f"no sheet {sheet!r}"
        sheet_part = rels("xl/workbook.xml")[rid.group(1)]
        charts: list[str] = []
        for target in rels(sheet_part).values():
            if "/drawings/" in target:
                for chart in rels(target).values():
                    if "/charts/" in chart:
                        charts.append(z.read(chart).decode())
        return charts
