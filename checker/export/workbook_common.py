"""Shared building blocks of the Excel exports: styles, safe cells, and the common sheets.

The firm workbook and the population/sweep/batch workbook have the same backbone so that a
reader who learned one can check the other: Verplichtingen (per rule), Berekening (Standard
Cost Model lines with live formulas), Aannames (tariffs as named cells, rates, dated legal
amounts), Bronnen (every cited source), Grafieken and Metadata.  Everything here writes
text through :func:`checker.export.safe_text.neutralise`, so no cell can become a formula
unless the code asks for one explicitly with :class:`Formula`.

Number formats use the invariant codes ('#,##0.00', '"€" #,##0'); Excel and LibreOffice
render them with the reader's locale, i.e. as € 1.234,56 on a Dutch machine.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from checker import __version__
from checker.bilingual import Lang, pick
from checker.burden import activity_lines
from checker.catalogue import Catalogue
from checker.engine import Evaluation
from checker.export.safe_text import neutralise, safe_url
from checker.i18n import (
    column_label,
    cost_type_label,
    domain_label,
    driver_label,
    fmt_date,
    has_message,
    kind_label,
    t,
    treatment_label,
    value_label,
    yes_no,
)
from checker.measures import MEASURES
from checker.reference_data import Basis
from checker.rule_model import DRIVERS, Rule
from checker.scenario_model import Scenario

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
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
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


# Defined names that tests, readers and other sheets rely on (stable in both languages).
NAME_TOTAL_NOW = "totaal_kosten_nu"
NAME_TOTAL_SCEN = "totaal_kosten_scenario"
NAME_SAVED = "besparing_per_jaar"


def methodology_note(lang: Lang) -> str:
    """The short Standard Cost Model note that both workbooks carry on their summary."""
    return t("workbook.method", lang)


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
                if cell.data_type == "f":
                    continue
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
            if lines > 1:
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


def text_lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (greedy word
    wrap, as Excel and LibreOffice do; a word longer than the line is broken)."""
    capacity = max(1, int(width) - 1)
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
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# -- Aannames -----------------------------------------------------------------------------------


def basis_texts(basis: Basis, catalogue: Catalogue, lang: Lang) -> tuple[str, str, str | None]:
    """(kind, explanation, link) for a source or an assumption."""
    if basis.source is not None:
        src = catalogue.sources.get(basis.source)
        text = src.title if src else basis.source
        if basis.note:
            text += f" — {basis.note}"
        return t("common.source", lang), text, src.url if src else None
    return t("common.assumption", lang), basis.assumption or "", None


@dataclass
class AssumptionRefs:
    tariff_names: dict[str, str] = field(default_factory=dict)  # tariff id → defined name


def write_assumptions_sheet(
    wb: Workbook,
    catalogue: Catalogue,
    date: dt.date,
    tariffs: dict[str, float],
    lang: Lang,
    assumed_fields: Sequence[tuple[str, Any, str]] = (),
) -> AssumptionRefs:
    """Tariffs (editable, named), driver rates and dated legal amounts, each with its basis."""
    w = add_sheet(wb, "assumptions", lang)
    w.widths([20, 34, 12, 10, 12, 36, 40, 30])  # F and G hold explanations (sections differ)
    refs = AssumptionRefs()
    w.title_row(1, t("workbook.assumptions.title", lang))
    w.note(2, t("workbook.assumptions.note", lang), 8)
    row = 4
    w.section(row, t("workbook.assumptions.tariffs", lang), 8)
    row += 1
    w.header(
        row,
        [
            column_label("tariff_id", lang),
            column_label("description", lang),
            t("workbook.assumptions.eur_per_hour", lang),
            column_label("year", lang),
            column_label("basis", lang),
            column_label("explanation", lang),
            "Link",
            t("workbook.assumptions.formula_name", lang),
        ],
    )
    header_row = row
    changed = t("workbook.assumptions.changed", lang)
    for tid, tariff in catalogue.tariffs.items():
        row += 1
        kind, text, url = basis_texts(tariff.basis, catalogue, lang)
        value = float(tariffs.get(tid, tariff.eur_per_hour))
        name = defined_name_for("tarief", tid)
        w.put(row, 1, tid)
        w.put(row, 2, pick(tariff.label, lang), wrap=True)
        w.put(row, 3, value, EUR, fill=INPUT_FILL)
        w.put(row, 4, tariff.year)
        w.put(row, 5, kind if value == tariff.eur_per_hour else changed)
        w.put(row, 6, text, wrap=True)
        w.link(row, 7, url or "", url)
        w.put(row, 8, name)
        refs.tariff_names[tid] = add_name(wb, name, abs_ref(w.title, 3, row))
    for tid in sorted(set(tariffs) - set(catalogue.tariffs)):  # tariffs given only at export
        row += 1
        name = defined_name_for("tarief", tid)
        w.put(row, 1, tid)
        w.put(row, 3, float(tariffs[tid]), EUR, fill=INPUT_FILL)
        w.put(row, 5, changed)
        w.put(row, 8, name)
        refs.tariff_names[tid] = add_name(wb, name, abs_ref(w.title, 3, row))

    row += 2
    w.section(row, t("workbook.assumptions.rates", lang), 8)
    row += 1
    w.header(
        row,
        [
            "Id",
            column_label("description", lang),
            column_label("value", lang),
            column_label("unit", lang),
            column_label("year", lang),
            column_label("basis", lang),
            t("workbook.assumptions.explanation_per_section", lang),
            "Link",
        ],
    )
    for rid, rate in catalogue.rates.items():
        row += 1
        kind, text, url = basis_texts(rate.basis, catalogue, lang)
        if rate.by_section:
            text += " — " + ", ".join(f"{k}: {v:g}" for k, v in sorted(rate.by_section.items()))
        w.put(row, 1, rid)
        w.put(row, 2, pick(rate.label, lang), wrap=True)
        w.put(row, 3, rate.value, "#,##0.#####")
        w.put(row, 4, rate.unit)
        w.put(row, 5, rate.year)
        w.put(row, 6, kind)
        w.put(row, 7, text, wrap=True)
        w.link(row, 8, url or "", url)
        add_name(wb, defined_name_for("kengetal", rid), abs_ref(w.title, 3, row))

    row += 2
    w.section(row, t("workbook.assumptions.legal_amounts", lang, date=fmt_date(date, lang)), 8)
    row += 1
    w.header(
        row,
        [
            "Id",
            column_label("description", lang),
            column_label("value", lang),
            column_label("unit", lang),
            t("workbook.assumptions.valid_from", lang),
            column_label("basis", lang),
            column_label("explanation", lang),
            "Link",
        ],
    )
    for pid, param in catalogue.parameters.items():
        entry = param.entry_on(date)
        row += 1
        w.put(row, 1, pid)
        w.put(row, 2, pick(param.label, lang), wrap=True)
        if entry is None:
            w.put(row, 3, t("workbook.assumptions.not_in_force", lang))
            continue
        kind, text, url = basis_texts(entry.basis, catalogue, lang)
        w.put(row, 3, entry.value, INT if float(entry.value).is_integer() else DEC)
        w.put(row, 4, param.unit)
        w.put(row, 5, entry.valid_from)
        w.put(row, 6, kind)
        w.put(row, 7, text, wrap=True)
        w.link(row, 8, url or "", url)

    if assumed_fields:
        row += 2
        w.section(row, t("workbook.assumptions.profile", lang), 8)
        row += 1
        w.header(
            row,
            [
                column_label("field", lang),
                column_label("explanation", lang),
                column_label("value", lang),
            ],
        )
        for fname, value, explanation in assumed_fields:
            row += 1
            w.put(row, 1, fname)
            w.put(row, 2, explanation, wrap=True)
            w.put(row, 3, value, QTY if isinstance(value, float) else None)
    w.finish(header_row)
    return refs


# -- Berekening ---------------------------------------------------------------------------------

# Column numbers of the calculation sheet (1-based), shared by every formula that sums it.
C_RULE, C_TITLE, C_ACT_ID, C_ACT, C_TYPE, C_DRIVER, C_ONE_OFF = 1, 2, 3, 4, 5, 6, 7
C_FREQ, C_HOURS, C_TARIFF_ID, C_TARIFF, C_EXT = 8, 9, 10, 11, 12
C_Q_NOW, C_Q_FULL, C_Q_LIGHT, C_L_FREQ, C_L_HOURS, C_L_EXT = 13, 14, 15, 16, 17, 18
C_H_NOW, C_E_NOW, C_H_SCEN, C_E_SCEN, C_BASIS = 19, 20, 21, 22, 23
CALC_HEADER_ROW = 4


@dataclass
class CalcRefs:
    """Where the calculation sheet's lines and totals are, for SUMIFS and the summary."""

    sheet: str
    first: int
    last: int
    totals: dict[str, str]  # cost_now, cost_scen, hours_now, hours_scen, one_off_now, one_off_scen
    engine_totals: dict[str, float]

    def rng(self, col: int) -> str:
        return col_range(self.sheet, col, self.first, self.last)

    def sumifs(
        self, value_col: int, rule_id_cell: str, lang: Lang, one_off: bool = False
    ) -> Formula:
        """Σ of a value column over one rule's lines (yearly lines only unless one_off)."""
        flag = yes_no(one_off, lang)
        return Formula(
            f'SUMIFS({self.rng(value_col)},{self.rng(C_RULE)},{rule_id_cell},{self.rng(C_ONE_OFF)},"{flag}")'
        )


def write_calculation_sheet(
    wb: Workbook,
    ev: Evaluation,
    tariffs: dict[str, float],
    names: AssumptionRefs,
    lang: Lang,
    catalogue: Catalogue,
    *,
    include: Callable[[int], bool] | None = None,
    quantity_note: str = "",
) -> CalcRefs:
    """One row per (rule, SCM activity) with live formulas; totals at the bottom.

    The quantities are the engine's weighted driver sums (``rule_driver_sums``): for current
    law (``now``), for firms keeping the full burden under the scenario (``full``) and for
    firms on the lighter regime (``light``).  For one firm they are simply its driver quantity
    where the rule applies.  Cost = Q × frequency × (hours × tariff + external), which is the
    engine's coefficient product written out, so the totals match it to the cent.
    """
    w = add_sheet(wb, "calculation", lang)
    # Compact columns (headers and long text wrap) so the sheet prints one page wide.
    w.widths(
        [20, 26, 16, 28, 12, 14, 8, 10, 9, 11, 10, 11, 10, 10, 10, 10, 9, 11, 9, 12, 9, 12, 40]
    )
    sums = ev.rule_driver_sums()
    agg_cost_now = float(np.einsum("rk,rk->", sums["now"], ev.coef.cost))
    agg_cost_scen = float(
        np.einsum("rk,rk->", sums["full"], ev.coef.cost)
        + np.einsum("rk,rk->", sums["light"], ev.coef_light.cost)
    )
    w.title_row(1, t("workbook.calc.title", lang))
    note = t("workbook.calc.note", lang)
    w.note(2, f"{note} {quantity_note}" if quantity_note else note, 12)
    headers = [
        column_label("rule_id", lang),
        column_label("rule", lang),
        column_label("activity_id", lang),
        column_label("activity", lang),
        column_label("cost_type", lang),
        t("workbook.calc.unit", lang),
        column_label("one_off", lang),
        column_label("frequency", lang),
        column_label("hours", lang),
        column_label("tariff_id", lang),
        column_label("tariff_eur", lang),
        column_label("external_eur", lang),
        t("workbook.calc.q_now", lang),
        t("workbook.calc.q_full", lang),
        t("workbook.calc.q_light", lang),
        t("workbook.calc.frequency_light", lang),
        t("workbook.calc.hours_light", lang),
        t("workbook.calc.external_light", lang),
        t("workbook.calc.hours_now", lang),
        t("workbook.calc.eur_now", lang),
        t("workbook.calc.hours_scen", lang),
        t("workbook.calc.eur_scen", lang),
        column_label("basis", lang),
    ]
    w.header(CALC_HEADER_ROW, headers)
    row = CALC_HEADER_ROW
    driver_index = {d: i for i, d in enumerate(DRIVERS)}
    for r, rule in enumerate(ev.rules):
        if not rule.activities or (include is not None and not include(r)):
            continue
        rt = ev.treatments[r]
        light_lines = {}
        if rt.treatment == "lighter" and rt.spec is not None:
            light_lines = {ln.activity.id: ln for ln in activity_lines(rule, tariffs, rt.spec)}
        for line in activity_lines(rule, tariffs, None):
            act = line.activity
            k = driver_index[act.driver]
            row += 1
            w.put(row, C_RULE, rule.id)
            w.put(row, C_TITLE, pick(rule.title, lang))
            w.put(row, C_ACT_ID, act.id)
            w.put(row, C_ACT, pick(act.label, lang))
            w.put(row, C_TYPE, cost_type_label(act.cost_type, lang))
            w.put(row, C_DRIVER, driver_label(act.driver, lang))
            w.put(row, C_ONE_OFF, yes_no(act.one_off, lang))
            w.put(row, C_FREQ, line.frequency, QTY)
            w.put(row, C_HOURS, line.hours, QTY)
            if act.tariff:
                w.put(row, C_TARIFF_ID, act.tariff)
                w.put(row, C_TARIFF, Formula(names.tariff_names[act.tariff]), EUR)
            else:
                w.put(row, C_TARIFF, 0.0, EUR)
            w.put(row, C_EXT, line.external_eur, EUR)
            w.put(row, C_Q_NOW, float(sums["now"][r, k]), QTY)
            w.put(row, C_Q_FULL, float(sums["full"][r, k]), QTY)
            w.put(row, C_Q_LIGHT, float(sums["light"][r, k]), QTY)
            kind, text, _ = basis_texts(act.basis, catalogue, lang)
            basis = f"{kind}: {text}"
            light = light_lines.get(act.id)
            if rt.treatment == "lighter":
                if light is None:
                    w.put(row, C_L_FREQ, 0.0, QTY)
                    w.put(row, C_L_HOURS, 0.0, QTY)
                    w.put(row, C_L_EXT, 0.0, EUR)
                    basis = t("workbook.calc.dropped", lang, basis=basis)
                else:
                    w.put(row, C_L_FREQ, light.frequency, QTY)
                    w.put(row, C_L_HOURS, light.hours, QTY)
                    w.put(row, C_L_EXT, light.external_eur, EUR)
            ref = {c: f"{get_column_letter(c)}{row}" for c in range(1, C_BASIS + 1)}
            w.put(row, C_H_NOW, Formula(f"{ref[C_Q_NOW]}*{ref[C_FREQ]}*{ref[C_HOURS]}"), HOURS)
            w.put(
                row,
                C_E_NOW,
                Formula(
                    f"{ref[C_Q_NOW]}*{ref[C_FREQ]}*({ref[C_HOURS]}*{ref[C_TARIFF]}+{ref[C_EXT]})"
                ),
                EUR,
            )
            w.put(
                row,
                C_H_SCEN,
                Formula(
                    f"{ref[C_Q_FULL]}*{ref[C_FREQ]}*{ref[C_HOURS]}"
                    f"+{ref[C_Q_LIGHT]}*{ref[C_L_FREQ]}*{ref[C_L_HOURS]}"
                ),
                HOURS,
            )
            w.put(
                row,
                C_E_SCEN,
                Formula(
                    f"{ref[C_Q_FULL]}*{ref[C_FREQ]}*({ref[C_HOURS]}*{ref[C_TARIFF]}+{ref[C_EXT]})"
                    f"+{ref[C_Q_LIGHT]}*{ref[C_L_FREQ]}*({ref[C_L_HOURS]}*{ref[C_TARIFF]}+{ref[C_L_EXT]})"
                ),
                EUR,
            )
            w.put(row, C_BASIS, basis, wrap=True)
    first, last = CALC_HEADER_ROW + 1, max(row, CALC_HEADER_ROW + 1)
    if row == CALC_HEADER_ROW:
        w.put(first, C_TITLE, t("workbook.calc.none", lang))
    refs = CalcRefs(
        w.title, first, last, {}, {"cost_now": agg_cost_now, "cost_scen": agg_cost_scen}
    )
    row = last + 2
    yearly, once = yes_no(False, lang), yes_no(True, lang)
    labels = [
        ("hours_now", column_label("hours_now", lang), C_H_NOW, yearly, HOURS),
        ("cost_now", column_label("cost_now", lang), C_E_NOW, yearly, EUR),
        ("hours_scen", column_label("hours_scen", lang), C_H_SCEN, yearly, HOURS),
        ("cost_scen", column_label("cost_scen", lang), C_E_SCEN, yearly, EUR),
        ("one_off_now", column_label("one_off_now", lang), C_E_NOW, once, EUR),
        ("one_off_scen", column_label("one_off_scen", lang), C_E_SCEN, once, EUR),
    ]
    for key, text, col, flag, fmt in labels:
        w.put(row, C_ACT, text, font=BOLD)
        w.put(
            row,
            col,
            Formula(f'SUMIFS({refs.rng(col)},{refs.rng(C_ONE_OFF)},"{flag}")'),
            fmt,
            font=BOLD,
        )
        refs.totals[key] = abs_ref(w.title, col, row)
        row += 1
    last_col = get_column_letter(C_BASIS)
    w.finish(CALC_HEADER_ROW, freeze_col=3, autofilter=f"A{CALC_HEADER_ROW}:{last_col}{last}")
    return refs


# -- Verplichtingen -----------------------------------------------------------------------------


@dataclass
class Column:
    """One column of the obligations sheet: header, width, format and a value per rule."""

    header: str
    width: float
    value: Callable[[int, int], Any]  # (rule index, sheet row) → value or Formula
    fmt: str | None = None
    wrap: bool = False


@dataclass
class ObligationRefs:
    sheet: str
    first: int
    last: int
    domain_col: int
    cost_now_col: int
    cost_scen_col: int


def write_obligations_sheet(
    wb: Workbook,
    ev: Evaluation,
    calc: CalcRefs,
    lang: Lang,
    *,
    middle: Sequence[Column] = (),
    tail: Sequence[Column] = (),
    order: Iterable[int] | None = None,
    treatment_of: Callable[[int], str] | None = None,
) -> ObligationRefs:
    """One row per rule with its legal basis as a link and live hours/€ from Berekening."""
    w = add_sheet(wb, "obligations", lang)
    w.title_row(1, t("workbook.obligations.title", lang))
    obligations_note = t("workbook.obligations.note", lang)
    hdr = 4
    rules = ev.rules

    def rule_cell(row: int) -> str:
        return f"$A{row}"

    def tre(r: int) -> str:
        key = treatment_of(r) if treatment_of is not None else ev.treatments[r].treatment
        return treatment_label(key, lang)

    def per_rule(value_col: int) -> Callable[[int, int], Any]:
        return lambda r, row: calc.sumifs(value_col, rule_cell(row), lang)

    base: list[Column] = [
        Column(column_label("rule_id", lang), 20, lambda r, _: rules[r].id),
        Column(column_label("rule", lang), 30, lambda r, _: pick(rules[r].title, lang), wrap=True),
        Column(column_label("kind", lang), 12, lambda r, _: kind_label(rules[r].kind, lang)),
        Column(column_label("domain", lang), 20, lambda r, _: domain_label(rules[r].domain, lang)),
        # LibreOffice does not wrap a hyperlink cell, so the law gets room on one line.
        Column(column_label("law", lang), 28, lambda r, _: None),
        Column(column_label("eu_derived", lang), 8, lambda r, _: rules[r].eu_derived),
    ]
    money: list[Column] = [
        Column(column_label("quantified", lang), 15, lambda r, _: bool(rules[r].activities)),
        Column(column_label("hours_now", lang), 10, per_rule(C_H_NOW), HOURS),
        Column(column_label("cost_now", lang), 12, per_rule(C_E_NOW), EUR),
        Column(column_label("hours_scen", lang), 10, per_rule(C_H_SCEN), HOURS),
        Column(column_label("cost_scen", lang), 12, per_rule(C_E_SCEN), EUR),
    ]
    treatment_col = Column(column_label("treatment", lang), 13, lambda r, _: tre(r))
    columns = [*base, *middle, treatment_col, *money]
    cost_now_col = len(base) + len(middle) + 1 + 3
    cost_scen_col = cost_now_col + 2
    now_l, scen_l = get_column_letter(cost_now_col), get_column_letter(cost_scen_col)
    columns.append(
        Column(
            column_label("saved_eur", lang),
            12,
            lambda r, row: Formula(f"{now_l}{row}-{scen_l}{row}"),
            EUR,
        )
    )
    columns.extend(tail)
    w.widths([c.width for c in columns])
    w.note(2, obligations_note, len(columns))
    w.header(hdr, [c.header for c in columns])
    row = hdr
    for r in order if order is not None else range(len(rules)):
        row += 1
        for c, col in enumerate(columns, start=1):
            if c == 5:
                lb = rules[r].legal_basis
                w.link(row, c, f"{lb.law} {lb.article}", lb.url)
                continue
            if not rules[r].activities and cost_now_col - 1 <= c <= cost_scen_col + 1:
                w.put(row, c, t("common.not_quantified_short", lang))
                continue
            w.put(row, c, col.value(r, row), col.fmt, wrap=col.wrap)
    last = max(row, hdr + 1)
    w.finish(hdr, freeze_col=2, autofilter=f"A{hdr}:{get_column_letter(len(columns))}{last}")
    return ObligationRefs(w.title, hdr + 1, last, 4, cost_now_col, cost_scen_col)


# -- Bronnen ------------------------------------------------------------------------------------


def cited_sources(
    catalogue: Catalogue,
    rules: Sequence[Rule],
    scenario: Scenario | None,
    date: dt.date,
    lang: Lang = "nl",
) -> dict[str, list[str]]:
    """Source id → what cites it (rules, activities, tariffs, rates, parameters, scenario)."""
    cited: dict[str, list[str]] = {}

    def cite(src: str | None, by: str) -> None:
        if src and by not in cited.setdefault(src, []):
            cited[src].append(by)

    for rule in rules:
        for src in [*rule.sources, *rule.confidence.sources]:
            cite(src, rule.id)
        for act in rule.activities:
            cite(act.basis.source, f"{rule.id}.{act.id}")
        if rule.workability is not None:
            cite(rule.workability.basis.source, rule.id)
    for tid, tariff in catalogue.tariffs.items():
        cite(tariff.basis.source, t("workbook.sources.by_tariff", lang, id=tid))
    for rid, rate in catalogue.rates.items():
        cite(rate.basis.source, t("workbook.sources.by_rate", lang, id=rid))
    for pid, param in catalogue.parameters.items():
        entry = param.entry_on(date)
        if entry is not None:
            cite(entry.basis.source, t("workbook.sources.by_parameter", lang, id=pid))
    if scenario is not None:
        for src in scenario.sources:
            cite(src, t("workbook.sources.by_proposal", lang, id=scenario.id))
    return cited


def write_sources_sheet(
    wb: Workbook,
    catalogue: Catalogue,
    rules: Sequence[Rule],
    scenario: Scenario | None,
    date: dt.date,
    lang: Lang,
) -> None:
    w = add_sheet(wb, "sources", lang)
    w.title_row(1, t("sheet.sources", lang))
    hdr = 3
    w.header(
        hdr,
        [
            "Id",
            column_label("title", lang),
            column_label("publisher", lang),
            column_label("date", lang),
            column_label("kind", lang),
            "Link",
            t("workbook.sources.cited_by", lang),
        ],
    )
    row = hdr
    for sid, by in sorted(cited_sources(catalogue, rules, scenario, date, lang).items()):
        src = catalogue.sources.get(sid)
        row += 1
        w.put(row, 1, sid)
        if src is None:
            w.put(row, 2, t("workbook.sources.unknown", lang))
        else:
            w.put(row, 2, src.title, wrap=True)
            w.put(row, 3, src.publisher)
            w.put(row, 4, src.date)
            w.put(row, 5, src.kind)
            w.link(row, 6, src.url, src.url)
        w.put(row, 7, ", ".join(by), wrap=True)
    row += 2
    w.section(row, t("workbook.sources.legal_bases", lang), 7)
    row += 1
    w.header(
        row,
        [
            column_label("rule_id", lang),
            t("workbook.sources.law", lang),
            column_label("article", lang),
            "BWB / CELEX",
            t("workbook.sources.eu_basis", lang),
            "Link",
        ],
    )
    for rule in rules:
        lb = rule.legal_basis
        row += 1
        w.put(row, 1, rule.id)
        w.put(row, 2, lb.law, wrap=True)
        w.put(row, 3, lb.article)
        w.put(row, 4, lb.bwb_id or lb.celex)
        w.put(row, 5, rule.eu_basis)
        w.link(row, 6, lb.url, lb.url)
    w.widths([20, 48, 16, 11, 10, 36, 56])
    w.finish(hdr)


# -- Metadata -----------------------------------------------------------------------------------


def threshold_text(scenario: Scenario, lang: Lang) -> str:
    """A proposal's threshold in words: 'werknemers (in de regel) ≤ 25'."""
    th = scenario.threshold
    measure = MEASURES.get(th.measure)
    name = pick(measure.label, lang) if measure is not None else th.measure
    return f"{name} {th.describe(lang)}"


def _treatment_text(treatment: str, factor: float | None, lang: Lang) -> str:
    label = treatment_label(treatment, lang)
    return label + (f" (factor {factor:g})" if factor is not None else "")


def scenario_rows(scenario: Scenario | None, lang: Lang) -> list[tuple[str, Any]]:
    """The proposal's definition in plain rows, so a reader can rebuild it."""
    if scenario is None:
        return [(t("workbook.meta.proposal", lang), t("common.none", lang))]
    scope = scenario.scope
    everything = t("common.all", lang)
    domains = ", ".join(domain_label(d, lang) for d in scope.domains)
    rows: list[tuple[str, Any]] = [
        (t("workbook.meta.proposal_id", lang), scenario.id),
        (t("workbook.meta.proposal", lang), pick(scenario.title, lang)),
        (column_label("description", lang), pick(scenario.description, lang)),
        (t("workbook.meta.threshold", lang), threshold_text(scenario, lang)),
        (t("workbook.meta.scope_domains", lang), domains or everything),
        (t("workbook.meta.scope_ministries", lang), ", ".join(scope.ministries) or everything),
        (t("workbook.meta.eu_included", lang), scope.include_eu_derived),
        (
            t("workbook.meta.default_treatment", lang),
            _treatment_text(scenario.default_treatment, scenario.default_factor, lang),
        ),
    ]
    for rid, treatment in sorted(scenario.treatments.items()):
        label = _treatment_text(treatment.treatment, treatment.factor, lang)
        if treatment.factor is None and treatment.activities:
            label += " (" + ", ".join(sorted(treatment.activities)) + ")"
        rows.append(
            (
                t("workbook.meta.treatment_of", lang, rule=rid),
                f"{label}: {pick(treatment.rationale, lang)}",
            )
        )
    return rows


def write_metadata_sheet(
    wb: Workbook,
    catalogue: Catalogue,
    scenario: Scenario | None,
    date: dt.date,
    lang: Lang,
    extra: Sequence[tuple[str, Any]] = (),
) -> None:
    w = add_sheet(wb, "metadata", lang)
    w.title_row(1, t("workbook.meta.title", lang))
    hdr = 3
    w.header(hdr, [t("workbook.meta.item", lang), column_label("value", lang)])
    rows: list[tuple[str, Any]] = [
        (t("workbook.meta.tool", lang), f"Drempelcheck {__version__}"),
        (t("workbook.meta.catalogue_version", lang), catalogue.version_hash),
        (t("workbook.meta.rule_count", lang), len(catalogue.rules)),
        (t("app.sidebar.date", lang), date),
        (t("workbook.meta.created", lang), dt.datetime.now().replace(microsecond=0)),
        (t("workbook.meta.language", lang), lang),
        *scenario_rows(scenario, lang),
        *extra,
    ]
    row = hdr
    for key, value in rows:
        row += 1
        w.put(row, 1, key, font=BOLD, wrap=True)
        fmt = "d-m-yyyy hh:mm" if isinstance(value, dt.datetime) else None
        w.put(row, 2, value, fmt).alignment = LEFT_WRAP  # dates and counts read as text here
    w.widths([36, 100])
    w.finish(hdr)


# -- Grafieken ----------------------------------------------------------------------------------


def now_and_proposal(lang: Lang) -> list[str]:
    """The two figure columns of every summary and chart table: now, under the proposal."""
    return [t("workbook.now", lang), t("workbook.under_proposal", lang)]


def write_domain_chart(
    w: SheetWriter, obl: ObligationRefs, domains: Sequence[str], top: int
) -> int:
    """Burden by domain now vs scenario as SUMIFS over Verplichtingen, with a bar chart."""
    lang = w.lang
    w.put(top, 1, t("workbook.charts.by_domain", lang), font=BOLD)
    hdr = top + 1
    w.header(hdr, [column_label("domain", lang), *now_and_proposal(lang)])
    dom_rng = col_range(obl.sheet, obl.domain_col, obl.first, obl.last)
    now_rng = col_range(obl.sheet, obl.cost_now_col, obl.first, obl.last)
    scen_rng = col_range(obl.sheet, obl.cost_scen_col, obl.first, obl.last)
    row = hdr
    for label in domains:
        row += 1
        w.put(row, 1, label)
        w.put(row, 2, Formula(f"SUMIFS({now_rng},{dom_rng},$A{row})"), EUR0)
        w.put(row, 3, Formula(f"SUMIFS({scen_rng},{dom_rng},$A{row})"), EUR0)
    if row == hdr:
        return row + 1
    chart = BarChart()
    chart.type = "bar"
    chart.title = t("workbook.charts.by_domain_title", lang)
    chart.y_axis.title = t("chart.eur_per_year", lang)
    chart.x_axis.title = column_label("domain", lang)
    chart.y_axis.number_format = EUR0
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.add_data(
        Reference(w.ws, min_col=2, max_col=3, min_row=hdr, max_row=row), titles_from_data=True
    )
    chart.set_categories(Reference(w.ws, min_col=1, min_row=hdr + 1, max_row=row))
    chart.height = max(7.5, 1.2 * (row - hdr) + 3)
    chart.width = 18
    w.ws.add_chart(chart, f"E{top}")
    return max(row, top + chart_rows(chart.height)) + 2


def chart_rows(height_cm: float) -> int:
    """Rows of the default height (15 pt = 0.53 cm) a chart of ``height_cm`` covers."""
    return math.ceil(height_cm / (LINE_PT * 2.54 / 72)) + 1


def add_line_chart(
    ws: Worksheet,
    *,
    x_col: int,
    y_cols: Sequence[int],
    header_row: int,
    last_row: int,
    anchor: str,
    title: str,
    x_title: str,
    y_title: str,
    y_format: str = EUR0,
    label_every: int = 1,
) -> LineChart:
    """A line chart with both axes titled; ``label_every`` thins the category labels so
    250 head counts do not print on top of each other."""
    chart = LineChart()
    chart.title = title
    chart.x_axis.title = x_title
    chart.y_axis.title = y_title
    chart.y_axis.number_format = y_format
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    for col in y_cols:
        chart.add_data(
            Reference(ws, min_col=col, min_row=header_row, max_row=last_row), titles_from_data=True
        )
    chart.set_categories(Reference(ws, min_col=x_col, min_row=header_row + 1, max_row=last_row))
    for s in chart.series:
        s.smooth = False
        s.marker.symbol = "none"
    if label_every > 1:
        chart.x_axis.tickLblSkip = label_every
        chart.x_axis.tickMarkSkip = label_every
    chart.width = 22
    chart.height = 10
    ws.add_chart(chart, anchor)
    return chart


# -- generic result tables ----------------------------------------------------------------------

# Whole numbers by meaning (counts, head counts, row numbers), whatever their dtype.
_INT_COLUMNS = ("employees", "threshold", "row", "firms", "obligations", "count", "weight")


def column_format(name: str, series: pd.Series) -> str | None:
    """Number format by column meaning: euros, hours, counts; None for text."""
    lower = name.lower()
    if pd.api.types.is_datetime64_any_dtype(series):
        return DATE
    if not (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)):
        return None
    if "share" in lower or "ratio" in lower or lower.endswith("_pct"):
        return PCT
    if "eur" in lower or "cost" in lower or (lower.startswith("saved") and "hours" not in lower):
        return EUR0
    if "hours" in lower:
        return HOURS
    if pd.api.types.is_integer_dtype(series) or any(word in lower for word in _INT_COLUMNS):
        return INT
    return DEC  # never '#,##0.##', which shows a whole number as "30."


def write_frame_sheet(
    wb: Workbook, key: str, frame: pd.DataFrame, lang: Lang
) -> tuple[SheetWriter, int, int]:
    """A result table as a sheet: labelled header, typed cells, frozen header, autofilter.

    Returns the writer, the header row and the last data row.  Every text cell is neutralised
    (member names and error messages come from user files).
    """
    w = add_sheet(wb, str(key), lang)
    ws = w.ws
    columns = [str(c) for c in frame.columns]
    headers = [column_label(c, lang) for c in columns]
    w.header(1, headers)
    fmts = [column_format(c, frame[col]) for c, col in zip(columns, frame.columns, strict=True)]
    converted = []
    for name, col in zip(columns, frame.columns, strict=True):
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
