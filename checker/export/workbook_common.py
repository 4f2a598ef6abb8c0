"""Building blocks of the Excel exports: number formats, styles, safe cells, names, sheets.

Both workbooks (one firm; a population, sweep or member list) are written with these pieces,
so a reader who learned one can check the other.  Every text goes through
:func:`checker.export.safe_text.neutralise`, so no cell can become a formula unless the code
asks for one explicitly with :class:`Formula`.  The sheets themselves live in the
``sheet_*`` modules beside this one.

Number formats use the invariant codes ('#,##0', '"€" #,##0'); Excel and LibreOffice render
them with the reader's locale, i.e. as € 1.234 on a Dutch machine.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from checker import __version__
from checker.bilingual import Lang
from checker.export.column_widths import fit_number_columns
from checker.export.safe_text import neutralise, safe_url
from checker.i18n import has_message, t, yes_no

# -- number formats (invariant codes; shown in the reader's locale) ---------------------------
EUR = '"€" #,##0.00'
EUR0 = '"€" #,##0'
INT = "#,##0"
DEC = "#,##0.00"
HOURS = "#,##0.0"
QTY = "#,##0.0##"
DATE = "d-m-yyyy"
PCT = "0.0%"

# Print layout: points per text line at the default 11 pt font, and the most rows a landscape
# A4 page holds at that height (used to keep a chart on one page).
LINE_PT = 15.0
ROWS_PER_PAGE = 34
MAX_ROW_PT = 409.0  # Excel's maximum row height

TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
SECTION_FILL = PatternFill("solid", fgColor="DDEBF7")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # a cell the reader may change
CHANGED_FILL = PatternFill("solid", fgColor="FCE4D6")  # a value the user changed
LINK_FONT = Font(color="0563C1", underline="single")
NOTE_FONT = Font(italic=True, color="595959")
WRAP = Alignment(wrap_text=True, vertical="top")
LEFT_WRAP = Alignment(wrap_text=True, vertical="top", horizontal="left")
LEFT = Alignment(horizontal="left")

# The standard sheets, by key; their titles are the catalogue's ``sheet.<key>``.
STANDARD_SHEETS = (
    "summary",
    "obligations",
    "calculation",
    "assumptions",
    "sources",
    "charts",
    "metadata",
)


def sheet_title(key: str, lang: Lang) -> str:
    """The title of a standard sheet or a result table (``sheet.<key>``); others as given."""
    return t(f"sheet.{key}", lang) if has_message(f"sheet.{key}") else key


# Defined names of the totals, stable in both languages: what a reader types in the name box,
# what the summary shows, and what other sheets and the tests look up.  Regeldruk and financial
# costs are totals of their own; the combined total is named as such.
TOTAL_NAMES: dict[tuple[str, str], str] = {
    ("regulatory", "now"): "regeldruk_nu",
    ("regulatory", "scen"): "regeldruk_voorstel",
    ("regulatory", "saved"): "besparing_regeldruk",
    ("financial", "now"): "financiele_lasten_nu",
    ("financial", "scen"): "financiele_lasten_voorstel",
    ("financial", "saved"): "besparing_financiele_lasten",
    ("cost", "now"): "totaal_lasten_nu",
    ("cost", "scen"): "totaal_lasten_voorstel",
    ("cost", "saved"): "besparing_totaal",
}
NAME_TOTAL_NOW = TOTAL_NAMES["cost", "now"]
NAME_TOTAL_SCEN = TOTAL_NAMES["cost", "scen"]
NAME_SAVED = TOTAL_NAMES["cost", "saved"]
NAME_REGULATORY_SAVED = TOTAL_NAMES["regulatory", "saved"]

# The app's chart colours (checker.ui.charts): current law red, the proposal blue.
NOW_RGB = "C0392B"
SCEN_RGB = "2E86C1"


class Formula(str):
    """An Excel formula written by this package (never user text); without the leading '='."""


def cell_value(value: Any, lang: Lang) -> Any:
    """A Python value safe for openpyxl: numbers as numbers, text neutralised, NaN blank."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return yes_no(bool(value), lang)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, int):
        return value
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return neutralise(value)
    return neutralise(str(value))


class SheetWriter:
    """Writes one worksheet: values, formulas, headers, links and the print set-up."""

    def __init__(self, ws: Worksheet, lang: Lang) -> None:
        self.ws = ws
        self.lang = lang
        self.header_rows: set[int] = set()  # always get an explicit height (see fit_rows)

    @property
    def title(self) -> str:
        return self.ws.title

    def put(
        self,
        row: int,
        col: int,
        value: Any,
        fmt: str | None = None,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        wrap: bool = False,
    ) -> Cell:
        cell = self.ws.cell(row=row, column=col)
        if isinstance(value, Formula):
            cell.value = "=" + str(value)
        else:
            cell.value = cell_value(value, self.lang)
            if isinstance(cell.value, str):
                cell.data_type = "s"  # belt and braces: text is never parsed as a formula
        if fmt is not None:
            cell.number_format = fmt
        elif isinstance(cell.value, dt.date):
            cell.number_format = DATE
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if wrap:
            cell.alignment = WRAP
        return cell

    def link(self, row: int, col: int, text: str, url: str | None) -> Cell:
        """A hyperlink cell when the URL is a plain web link; plain text otherwise.

        The shown text is the exact URL (no invisible break characters): a reader who copies
        an address out of the cell must get a working link, even if a very long address is
        cut off at the cell edge in print."""
        target = safe_url(url)
        shown = text
        cell = self.put(row, col, shown)
        if target is not None:
            cell.hyperlink = target
            cell.font = LINK_FONT
            cell.alignment = WRAP
        return cell

    def title_row(self, row: int, text: str) -> None:
        self.put(row, 1, text, font=TITLE_FONT)

    def header(self, row: int, headers: Sequence[str], col: int = 1) -> None:
        self.header_rows.add(row)
        for i, text in enumerate(headers):
            c = self.put(row, col + i, text, font=HEADER_FONT, fill=HEADER_FILL)
            c.alignment = Alignment(wrap_text=True, vertical="center")

    def section(self, row: int, text: str, width: int) -> None:
        for col in range(1, width + 1):
            self.ws.cell(row=row, column=col).fill = SECTION_FILL
        self.put(row, 1, text, font=BOLD, fill=SECTION_FILL)

    def widths(self, widths: Sequence[float]) -> None:
        for i, w in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = w

    def note(self, row: int, text: str, last_col: int) -> Cell:
        """An explanatory line merged across the table and wrapped, so it prints in full."""
        cell = self.put(row, 1, text, font=NOTE_FONT, wrap=True)
        if last_col > 1:
            self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
        width = sum(self.col_width(c) for c in range(1, last_col + 1))
        self.ws.row_dimensions[row].height = min(MAX_ROW_PT, LINE_PT * text_lines(text, width))
        return cell

    def col_width(self, col: int) -> float:
        dim = self.ws.column_dimensions.get(get_column_letter(col))
        return float(dim.width) if dim is not None and dim.width else 8.43

    def fit_rows(
        self, first: int, last: int | None = None, *, wrap_from: int | None = None
    ) -> None:
        """Give rows with wrapped text the height they need (neither Excel nor LibreOffice
        reliably grows an openpyxl row on opening, so wrapped lines would print on top of the
        next row).  From row ``wrap_from`` on (the data below the header), text that would be
        cut off by a filled neighbour cell is wrapped first; merged cells keep the height their
        writer chose."""
        ws = self.ws
        last = ws.max_row if last is None else last
        merged = {
            (r, c)
            for rng in ws.merged_cells.ranges
            for r in range(rng.min_row, rng.max_row + 1)
            for c in range(rng.min_col, rng.max_col + 1)
        }
        widths = {c: self.col_width(c) for c in range(1, ws.max_column + 1)}
        for row in ws.iter_rows(min_row=first, max_row=last):
            lines = 1
            for cell in row:
                value = cell.value
                if not isinstance(value, str) or (cell.row, cell.column) in merged:
                    continue
                if cell.data_type == "f" or cell.hyperlink is not None:
                    continue  # LibreOffice shows a link on one line, cut off at the cell edge
                width = widths.get(cell.column, 8.43)
                if not cell.alignment.wrap_text:
                    if wrap_from is None or cell.row < wrap_from or len(value) <= width:
                        continue
                    neighbour = ws.cell(cell.row, cell.column + 1).value
                    if neighbour is None and cell.column < ws.max_column:
                        continue  # overflows into the empty cell next to it, fully visible
                    cell.alignment = Alignment(
                        wrap_text=True, vertical="top", horizontal=cell.alignment.horizontal
                    )
                bold = bool(cell.font is not None and cell.font.b)
                lines = max(lines, text_lines(value, width * (0.92 if bold else 1.0)))
            if lines > 1 or row[0].row in self.header_rows:
                ws.row_dimensions[row[0].row].height = min(MAX_ROW_PT, LINE_PT * lines + 2)
                for cell in row:  # numbers and short text line up with the wrapped text
                    if cell.value is not None and not cell.alignment.wrap_text:
                        cell.alignment = Alignment(
                            vertical="top", horizontal=cell.alignment.horizontal
                        )

    def finish(
        self,
        header_row: int | None,
        *,
        freeze_col: int = 1,
        autofilter: str | None = None,
        print_area: str | None = None,
    ) -> None:
        """Frozen header, print titles, fitted row heights and landscape A4 fit-to-width with
        a page header naming the workbook and the sheet, so every printed page says what it
        is and the table header repeats on each page."""
        ws = self.ws
        if header_row is not None:
            ws.freeze_panes = f"{get_column_letter(freeze_col)}{header_row + 1}"
            ws.print_title_rows = f"{header_row}:{header_row}"
        if autofilter:
            ws.auto_filter.ref = autofilter
        self.fit_rows(1, wrap_from=None if header_row is None else header_row + 1)
        if print_area:
            ws.print_area = print_area
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins = PageMargins(
            left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3, footer=0.3
        )
        ws.print_options.gridLines = False
        title = ws.parent.properties.title or "Drempelcheck"
        ws.oddHeader.left.text = header_text(title)
        ws.oddHeader.left.size = 8
        ws.oddHeader.right.text = "&A"
        ws.oddHeader.right.size = 8
        ws.oddFooter.center.text = "&A — &P / &N"
        ws.oddFooter.center.size = 8

    def page_break_before(self, row: int) -> None:
        """Start a new printed page at ``row`` (used so a chart is never cut in two)."""
        if row > 1:
            self.ws.row_breaks.append(Break(id=row - 1))


ZWSP = "\u200b"  # zero-width space: a line-break opportunity that prints as nothing


def breakable_url(url: str) -> str:
    """``url`` with a zero-width space after each path/query separator (not in 'https://')."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    return scheme + sep + re.sub(r"([/?&=_-])(?=.)", "\\1" + ZWSP, rest)


def header_text(text: str) -> str:
    """Text for a print header: '&' doubled (it starts a code there), at most 100 chars."""
    return text[:100].replace("&", "&&")


# A column width counts the digit '0' of the default font; ordinary text is narrower, so
# about 20 % more characters fit on a line (measured in LibreOffice's print of the workbooks;
# Excel's Calibri is narrower still, so a row is never too low for its text).
CHARS_PER_WIDTH = 1.2


def text_lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (greedy word
    wrap, as Excel and LibreOffice do; a word longer than the line is broken)."""
    capacity = max(1, int(width * CHARS_PER_WIDTH) - 1)
    total = 0
    for paragraph in str(text).split("\n"):
        lines, used, gap = 1, 0, 0
        for token in re.split(f"( |{ZWSP})", paragraph):
            if token in (" ", ZWSP):
                gap = 1 if token == " " else 0
                continue
            n = len(token)
            if used and used + gap + n <= capacity:
                used += gap + n
                continue
            if used:
                lines += 1
            while n > capacity:  # a word longer than the line is broken inside
                lines += 1
                n -= capacity
            used = n
        total += lines
    return total


def abs_ref(sheet: str, col: int, row: int) -> str:
    return f"{quote_sheetname(sheet)}!${get_column_letter(col)}${row}"


def col_range(sheet: str, col: int, first: int, last: int) -> str:
    letter = get_column_letter(col)
    return f"{quote_sheetname(sheet)}!${letter}${first}:${letter}${last}"


def add_name(wb: Workbook, name: str, ref: str) -> str:
    """A workbook-level defined name (e.g. tarief_intern → Aannames!$C$5)."""
    wb.defined_names[name] = DefinedName(name, attr_text=ref)
    return name


def defined_name_for(prefix: str, ident: str) -> str:
    """A valid defined name: letters, digits and underscores, never looking like a cell."""
    return f"{prefix}_{re.sub(r'[^A-Za-z0-9_]', '_', ident)}"[:200]


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def unique_sheet_title(wb: Workbook, wanted: str) -> str:
    """A legal, unique sheet title (≤ 31 chars, no []:*?/\\ and no quote at either end)."""
    base = _SHEET_BAD.sub("_", neutralise(wanted)).strip("'") or "Blad"
    base = base[:31]
    existing = {ws.title.lower() for ws in wb.worksheets}
    title, n = base, 2
    while title.lower() in existing:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    return title


def new_workbook(title: str) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = f"Drempelcheck {__version__}"
    wb.properties.title = neutralise(title)
    return wb


def add_sheet(wb: Workbook, key_or_title: str, lang: Lang) -> SheetWriter:
    wanted = sheet_title(key_or_title, lang)
    return SheetWriter(wb.create_sheet(unique_sheet_title(wb, wanted)), lang)


def order_sheets(wb: Workbook, lang: Lang, keys: Sequence[str]) -> None:
    """Put the standard sheets in reading order (they are written in dependency order)."""
    titles = [sheet_title(k, lang) for k in keys]
    for target, title in enumerate(title for title in titles if title in wb.sheetnames):
        wb.move_sheet(title, offset=target - wb.sheetnames.index(title))


def workbook_bytes(wb: Workbook) -> bytes:
    """The .xlsx file, with every column wide enough for the numbers it shows (formula
    results included), so a reader never sees '#####'."""
    fit_number_columns(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
