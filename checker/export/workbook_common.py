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
from checker.i18n import tr
from checker.reference_data import Basis
from checker.rule_model import COST_TYPE_LABELS, DOMAIN_LABELS, DRIVER_LABELS, DRIVERS, Rule
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

SHEET_NAMES: dict[str, tuple[str, str]] = {
    "summary": ("Samenvatting", "Summary"),
    "obligations": ("Verplichtingen", "Obligations"),
    "calculation": ("Berekening", "Calculation"),
    "assumptions": ("Aannames", "Assumptions"),
    "sources": ("Bronnen", "Sources"),
    "charts": ("Grafieken", "Charts"),
    "metadata": ("Metadata", "Metadata"),
}

TREATMENT_LABELS: dict[str, tuple[str, str]] = {
    "exempt": ("vrijgesteld", "exempt"),
    "lighter": ("lichter regime", "lighter regime"),
    "unchanged": ("ongewijzigd", "unchanged"),
    "not_applicable": ("niet van toepassing", "not applicable"),
}
KIND_LABELS: dict[str, tuple[str, str]] = {
    "obligation": ("verplichting", "obligation"),
    "relief": ("regeling (ontlasting)", "relief"),
    "classification": ("indeling", "classification"),
}

# Defined names that tests, readers and other sheets rely on (stable in both languages).
NAME_TOTAL_NOW = "totaal_kosten_nu"
NAME_TOTAL_SCEN = "totaal_kosten_scenario"
NAME_SAVED = "besparing_per_jaar"


def methodology_note(lang: Lang) -> str:
    """The short Standard Cost Model note that both workbooks carry on their summary."""
    return tr(
        "Methode: Standaardkostenmodel (Handboek Meting Regeldrukkosten). Per activiteit: kosten "
        "= hoeveelheid × frequentie × (uren × uurtarief + externe kosten). De hoeveelheid komt "
        "uit het profiel of uit een gedocumenteerde aanname (blad Aannames). Tarieven staan als "
        "invoercellen op het blad Aannames: wijzig een tarief en alle totalen rekenen mee. "
        "Eenmalige kosten tellen niet mee in de bedragen per jaar. Verplichtingen zonder "
        "kostenregels zijn niet gekwantificeerd (n.g.) en tellen als € 0.",
        "Method: Standard Cost Model (Dutch Handboek Meting Regeldrukkosten). Per activity: cost "
        "= quantity × frequency × (hours × hourly tariff + external cost). Quantities come from "
        "the profile or from a documented assumption (Assumptions sheet). Tariffs are input cells "
        "on the Assumptions sheet: change one and every total recalculates. One-off costs are "
        "not included in the yearly amounts. Obligations without cost lines are not quantified "
        "(n.q.) and count as € 0.",
        lang,
    )


class Formula(str):
    """An Excel formula written by this package (never user text); without the leading '='."""


def yes_no(value: bool, lang: Lang) -> str:
    return tr("ja", "yes", lang) if value else tr("nee", "no", lang)


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
        self, row: int, col: int, value: Any, fmt: str | None = None, *, font: Font | None = None,
        fill: PatternFill | None = None, wrap: bool = False,
    ) -> Cell:  # fmt: skip
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
        ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.7, bottom=0.6, header=0.3,
                                      footer=0.3)  # fmt: skip
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
    names = SHEET_NAMES.get(key_or_title)
    wanted = (names[0] if lang == "nl" else names[1]) if names else key_or_title
    return SheetWriter(wb.create_sheet(unique_sheet_title(wb, wanted)), lang)


def order_sheets(wb: Workbook, lang: Lang, keys: Sequence[str]) -> None:
    """Put the standard sheets in reading order (they are written in dependency order)."""
    titles = [SHEET_NAMES[k][0 if lang == "nl" else 1] for k in keys]
    for target, title in enumerate(t for t in titles if t in wb.sheetnames):
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
        return tr("bron", "source", lang), text, src.url if src else None
    return tr("aanname", "assumption", lang), basis.assumption or "", None


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
    w.title_row(1, tr("Aannames: tarieven, kengetallen en wettelijke bedragen",
                      "Assumptions: tariffs, ratios and legal amounts", lang))  # fmt: skip
    w.note(2, tr(
        "Geel = invoercel. Wijzig een uurtarief in kolom C en alle bedragen in Berekening, "
        "Verplichtingen, Samenvatting en Grafieken rekenen mee (de drempelcurve niet: die is "
        "door de rekenkern berekend bij de tarieven van de export).",
        "Yellow = input cell. Change an hourly tariff in column C and every amount in "
        "Calculation, Obligations, Summary and Charts recalculates (the threshold curve does not: "
        "the engine computed it at the tariffs of the export).", lang), 8)  # fmt: skip
    row = 4
    w.section(
        row,
        tr("Uurtarieven (Standaardkostenmodel)", "Hourly tariffs (Standard Cost Model)", lang),
        8,
    )
    row += 1
    w.header(row, [tr("Tarief-id", "Tariff id", lang), tr("Omschrijving", "Description", lang),
                   tr("€ per uur", "€ per hour", lang), tr("Jaar", "Year", lang),
                   tr("Bron of aanname", "Source or assumption", lang),
                   tr("Toelichting", "Explanation", lang), "Link",
                   tr("Naam in formules", "Name in formulas", lang)])  # fmt: skip
    header_row = row
    for tid, tariff in catalogue.tariffs.items():
        row += 1
        kind, text, url = basis_texts(tariff.basis, catalogue, lang)
        value = float(tariffs.get(tid, tariff.eur_per_hour))
        name = defined_name_for("tarief", tid)
        w.put(row, 1, tid)
        w.put(row, 2, pick(tariff.label, lang), wrap=True)
        w.put(row, 3, value, EUR, fill=INPUT_FILL)
        w.put(row, 4, tariff.year)
        w.put(
            row,
            5,
            kind
            if value == tariff.eur_per_hour
            else tr("aangepast bij export", "changed at export", lang),
        )
        w.put(row, 6, text, wrap=True)
        w.link(row, 7, url or "", url)
        w.put(row, 8, name)
        refs.tariff_names[tid] = add_name(wb, name, abs_ref(w.title, 3, row))
    for tid in sorted(set(tariffs) - set(catalogue.tariffs)):  # tariffs given only at export
        row += 1
        name = defined_name_for("tarief", tid)
        w.put(row, 1, tid)
        w.put(row, 3, float(tariffs[tid]), EUR, fill=INPUT_FILL)
        w.put(row, 5, tr("aangepast bij export", "changed at export", lang))
        w.put(row, 8, name)
        refs.tariff_names[tid] = add_name(wb, name, abs_ref(w.title, 3, row))

    row += 2
    w.section(row, tr("Kengetallen (voor aangenomen profielwaarden en de populatie)",
                      "Ratios (for assumed profile values and the population)", lang), 8)  # fmt: skip
    row += 1
    w.header(row, ["Id", tr("Omschrijving", "Description", lang), tr("Waarde", "Value", lang),
                   tr("Eenheid", "Unit", lang), tr("Jaar", "Year", lang),
                   tr("Bron of aanname", "Source or assumption", lang),
                   tr("Toelichting (per SBI-sectie)", "Explanation (per SBI section)", lang), "Link"])  # fmt: skip
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
    w.section(row, tr(f"Wettelijke bedragen op de peildatum ({date.isoformat()})",
                      f"Legal amounts on the reference date ({date.isoformat()})", lang), 8)  # fmt: skip
    row += 1
    w.header(row, ["Id", tr("Omschrijving", "Description", lang), tr("Waarde", "Value", lang),
                   tr("Eenheid", "Unit", lang), tr("Geldig vanaf", "Valid from", lang),
                   tr("Bron of aanname", "Source or assumption", lang),
                   tr("Toelichting", "Explanation", lang), "Link"])  # fmt: skip
    for pid, param in catalogue.parameters.items():
        entry = param.entry_on(date)
        row += 1
        w.put(row, 1, pid)
        w.put(row, 2, pick(param.label, lang), wrap=True)
        if entry is None:
            w.put(row, 3, tr("nog niet van kracht", "not yet in force", lang))
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
        w.section(row, tr("Aangenomen profielwaarden (niet opgegeven)",
                          "Assumed profile values (not given)", lang), 8)  # fmt: skip
        row += 1
        w.header(row, [tr("Veld", "Field", lang), tr("Toelichting", "Explanation", lang),
                       tr("Waarde", "Value", lang)])  # fmt: skip
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
    w.widths([20, 26, 16, 28, 12, 14, 8, 10, 9, 11, 10, 11, 10, 10, 10, 10, 9, 11, 9, 12, 9, 12,
              40])  # fmt: skip
    sums = ev.rule_driver_sums()
    agg_cost_now = float(np.einsum("rk,rk->", sums["now"], ev.coef.cost))
    agg_cost_scen = float(
        np.einsum("rk,rk->", sums["full"], ev.coef.cost)
        + np.einsum("rk,rk->", sums["light"], ev.coef_light.cost)
    )
    w.title_row(
        1,
        tr("Berekening volgens het Standaardkostenmodel", "Standard Cost Model calculation", lang),
    )
    w.note(2, tr(
        "Kosten nu = Q nu × frequentie × (uren × tarief + externe kosten); onder het scenario "
        "telt Q volledig tegen dezelfde waarden en Q lichter tegen de lichtere waarden. "
        "Het tarief verwijst naar het blad Aannames.",
        "Cost now = Q now × frequency × (hours × tariff + external cost); under the scenario Q "
        "full counts at the same values and Q lighter at the lighter values. The tariff refers "
        "to the Assumptions sheet.", lang) + (" " + quantity_note if quantity_note else ""),
        12)  # fmt: skip
    headers = [
        tr("Regel-id", "Rule id", lang), tr("Verplichting", "Obligation", lang),
        tr("Activiteit-id", "Activity id", lang), tr("Activiteit", "Activity", lang),
        tr("Kostensoort", "Cost type", lang), tr("Eenheid (Q)", "Unit (Q)", lang),
        tr("Eenmalig", "One-off", lang), tr("Frequentie per eenheid", "Frequency per unit", lang),
        tr("Uren per keer", "Hours per occurrence", lang), tr("Tarief", "Tariff", lang),
        tr("Tarief € per uur", "Tariff € per hour", lang),
        tr("Externe kosten per keer", "External cost per occurrence", lang),
        tr("Q nu", "Q now", lang), tr("Q scenario volledig", "Q scenario full", lang),
        tr("Q scenario lichter", "Q scenario lighter", lang),
        tr("Frequentie lichter", "Frequency lighter", lang), tr("Uren lichter", "Hours lighter", lang),
        tr("Externe kosten lichter", "External cost lighter", lang),
        tr("Uren nu", "Hours now", lang), tr("€ nu", "€ now", lang),
        tr("Uren scenario", "Hours scenario", lang), tr("€ scenario", "€ scenario", lang),
        tr("Bron of aanname", "Source or assumption", lang),
    ]  # fmt: skip
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
            w.put(row, C_TYPE, pick(COST_TYPE_LABELS[act.cost_type], lang))
            w.put(row, C_DRIVER, pick(DRIVER_LABELS[act.driver], lang))
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
                    basis = (
                        tr("vervalt onder het scenario; ", "dropped under the scenario; ", lang)
                        + basis
                    )
                else:
                    w.put(row, C_L_FREQ, light.frequency, QTY)
                    w.put(row, C_L_HOURS, light.hours, QTY)
                    w.put(row, C_L_EXT, light.external_eur, EUR)
            ref = {c: f"{get_column_letter(c)}{row}" for c in range(1, C_BASIS + 1)}
            w.put(row, C_H_NOW, Formula(f"{ref[C_Q_NOW]}*{ref[C_FREQ]}*{ref[C_HOURS]}"), HOURS)
            w.put(row, C_E_NOW, Formula(
                f"{ref[C_Q_NOW]}*{ref[C_FREQ]}*({ref[C_HOURS]}*{ref[C_TARIFF]}+{ref[C_EXT]})"), EUR)  # fmt: skip
            w.put(row, C_H_SCEN, Formula(
                f"{ref[C_Q_FULL]}*{ref[C_FREQ]}*{ref[C_HOURS]}"
                f"+{ref[C_Q_LIGHT]}*{ref[C_L_FREQ]}*{ref[C_L_HOURS]}"), HOURS)  # fmt: skip
            w.put(row, C_E_SCEN, Formula(
                f"{ref[C_Q_FULL]}*{ref[C_FREQ]}*({ref[C_HOURS]}*{ref[C_TARIFF]}+{ref[C_EXT]})"
                f"+{ref[C_Q_LIGHT]}*{ref[C_L_FREQ]}*({ref[C_L_HOURS]}*{ref[C_TARIFF]}+{ref[C_L_EXT]})"),
                EUR)  # fmt: skip
            w.put(row, C_BASIS, basis, wrap=True)
    first, last = CALC_HEADER_ROW + 1, max(row, CALC_HEADER_ROW + 1)
    if row == CALC_HEADER_ROW:
        w.put(
            first,
            C_TITLE,
            tr("geen gekwantificeerde verplichtingen", "no quantified obligations", lang),
        )
    refs = CalcRefs(
        w.title, first, last, {}, {"cost_now": agg_cost_now, "cost_scen": agg_cost_scen}
    )
    row = last + 2
    yearly, once = yes_no(False, lang), yes_no(True, lang)
    labels = [
        ("hours_now", tr("Uren per jaar nu", "Hours per year now", lang), C_H_NOW, yearly, HOURS),
        ("cost_now", tr("€ per jaar nu", "€ per year now", lang), C_E_NOW, yearly, EUR),
        ("hours_scen", tr("Uren per jaar onder het scenario", "Hours per year under the scenario", lang),
         C_H_SCEN, yearly, HOURS),
        ("cost_scen", tr("€ per jaar onder het scenario", "€ per year under the scenario", lang),
         C_E_SCEN, yearly, EUR),
        ("one_off_now", tr("Eenmalige kosten nu", "One-off cost now", lang), C_E_NOW, once, EUR),
        ("one_off_scen", tr("Eenmalige kosten onder het scenario", "One-off cost under the scenario", lang),
         C_E_SCEN, once, EUR),
    ]  # fmt: skip
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
    w.title_row(
        1,
        tr(
            "Verplichtingen: nu en onder het voorstel",
            "Obligations: now and under the proposal",
            lang,
        ),
    )
    obligations_note = tr(
        "Uren en bedragen per jaar zijn formules over het blad Berekening (eenmalige kosten niet "
        "meegeteld). n.g. = niet gekwantificeerd.",
        "Hours and amounts per year are formulas over the Calculation sheet (one-off cost "
        "excluded). n.q. = not quantified.", lang)  # fmt: skip
    hdr = 4
    rules = ev.rules

    def rule_cell(row: int) -> str:
        return f"$A{row}"

    def tre(r: int) -> str:
        key = treatment_of(r) if treatment_of is not None else ev.treatments[r].treatment
        return TREATMENT_LABELS[key][0 if lang == "nl" else 1]

    base: list[Column] = [
        Column(tr("Regel-id", "Rule id", lang), 20, lambda r, _: rules[r].id),
        Column(tr("Titel", "Title", lang), 30, lambda r, _: pick(rules[r].title, lang), wrap=True),
        Column(
            tr("Soort", "Kind", lang),
            12,
            lambda r, _: KIND_LABELS[rules[r].kind][0 if lang == "nl" else 1],
        ),
        Column(
            tr("Domein", "Domain", lang),
            20,
            lambda r, _: pick(DOMAIN_LABELS[rules[r].domain], lang),
        ),
        # LibreOffice does not wrap a hyperlink cell, so the law gets room on one line.
        Column(tr("Wet en artikel", "Law and article", lang), 28, lambda r, _: None),
        Column(tr("EU-recht", "EU law", lang), 8, lambda r, _: rules[r].eu_derived),
    ]
    money: list[Column] = [
        Column(tr("Gekwantificeerd", "Quantified", lang), 15, lambda r, _: bool(rules[r].activities)),
        Column(tr("Uren per jaar nu", "Hours per year now", lang), 10,
               lambda r, row: calc.sumifs(C_H_NOW, rule_cell(row), lang), HOURS),
        Column(tr("€ per jaar nu", "€ per year now", lang), 12,
               lambda r, row: calc.sumifs(C_E_NOW, rule_cell(row), lang), EUR),
        Column(tr("Uren per jaar scenario", "Hours per year scenario", lang), 10,
               lambda r, row: calc.sumifs(C_H_SCEN, rule_cell(row), lang), HOURS),
        Column(tr("€ per jaar scenario", "€ per year scenario", lang), 12,
               lambda r, row: calc.sumifs(C_E_SCEN, rule_cell(row), lang), EUR),
    ]  # fmt: skip
    treatment_col = Column(tr("Behandeling in het scenario", "Treatment in the scenario", lang), 13,
                           lambda r, _: tre(r))  # fmt: skip
    columns = [*base, *middle, treatment_col, *money]
    cost_now_col = len(base) + len(middle) + 1 + 3
    cost_scen_col = cost_now_col + 2
    now_l, scen_l = get_column_letter(cost_now_col), get_column_letter(cost_scen_col)
    columns.append(Column(tr("€ per jaar bespaard", "€ per year saved", lang), 12,
                          lambda r, row: Formula(f"{now_l}{row}-{scen_l}{row}"), EUR))  # fmt: skip
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
                w.put(row, c, tr("n.g.", "n.q.", lang))
                continue
            w.put(row, c, col.value(r, row), col.fmt, wrap=col.wrap)
    last = max(row, hdr + 1)
    w.finish(hdr, freeze_col=2, autofilter=f"A{hdr}:{get_column_letter(len(columns))}{last}")
    return ObligationRefs(w.title, hdr + 1, last, 4, cost_now_col, cost_scen_col)


# -- Bronnen ------------------------------------------------------------------------------------


def cited_sources(
    catalogue: Catalogue, rules: Sequence[Rule], scenario: Scenario | None, date: dt.date
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
        cite(tariff.basis.source, f"tarief {tid}")
    for rid, rate in catalogue.rates.items():
        cite(rate.basis.source, f"kengetal {rid}")
    for pid, param in catalogue.parameters.items():
        entry = param.entry_on(date)
        if entry is not None:
            cite(entry.basis.source, f"parameter {pid}")
    if scenario is not None:
        for src in scenario.sources:
            cite(src, f"scenario {scenario.id}")
    return cited


def write_sources_sheet(
    wb: Workbook, catalogue: Catalogue, rules: Sequence[Rule], scenario: Scenario | None,
    date: dt.date, lang: Lang,
) -> None:  # fmt: skip
    w = add_sheet(wb, "sources", lang)
    w.title_row(1, tr("Bronnen", "Sources", lang))
    hdr = 3
    w.header(hdr, ["Id", tr("Titel", "Title", lang), tr("Uitgever", "Publisher", lang),
                   tr("Datum", "Date", lang), tr("Soort", "Kind", lang), "Link",
                   tr("Aangehaald door", "Cited by", lang)])  # fmt: skip
    row = hdr
    for sid, by in sorted(cited_sources(catalogue, rules, scenario, date).items()):
        src = catalogue.sources.get(sid)
        row += 1
        w.put(row, 1, sid)
        if src is None:
            w.put(row, 2, tr("onbekende bron", "unknown source", lang))
        else:
            w.put(row, 2, src.title, wrap=True)
            w.put(row, 3, src.publisher)
            w.put(row, 4, src.date)
            w.put(row, 5, src.kind)
            w.link(row, 6, src.url, src.url)
        w.put(row, 7, ", ".join(by), wrap=True)
    row += 2
    w.section(row, tr("Wettelijke grondslagen", "Legal bases", lang), 7)
    row += 1
    w.header(row, [tr("Regel-id", "Rule id", lang), tr("Wet", "Law", lang), tr("Artikel", "Article", lang),
                   "BWB / CELEX", tr("EU-grondslag", "EU basis", lang), "Link"])  # fmt: skip
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


def scenario_rows(scenario: Scenario | None, lang: Lang) -> list[tuple[str, Any]]:
    """The scenario definition in plain rows, so a reader can rebuild it."""
    if scenario is None:
        return [(tr("Scenario", "Scenario", lang), tr("geen", "none", lang))]
    th = scenario.threshold
    scope = scenario.scope
    rows: list[tuple[str, Any]] = [
        (tr("Scenario-id", "Scenario id", lang), scenario.id),
        (tr("Scenario", "Scenario", lang), pick(scenario.title, lang)),
        (tr("Beschrijving", "Description", lang), pick(scenario.description, lang)),
        (tr("Drempel", "Threshold", lang), f"{th.measure} {th.describe(lang)}"),
        (tr("Reikwijdte: domeinen", "Scope: domains", lang), ", ".join(scope.domains) or tr("alle", "all", lang)),
        (tr("Reikwijdte: ministeries", "Scope: ministries", lang), ", ".join(scope.ministries) or tr("alle", "all", lang)),
        (tr("EU-recht inbegrepen", "EU law included", lang), scope.include_eu_derived),
        (tr("Standaardbehandeling", "Default treatment", lang),
         TREATMENT_LABELS[scenario.default_treatment][0 if lang == "nl" else 1]
         + (f" (factor {scenario.default_factor:g})" if scenario.default_factor is not None else "")),
    ]  # fmt: skip
    for rid, t in sorted(scenario.treatments.items()):
        label = TREATMENT_LABELS[t.treatment][0 if lang == "nl" else 1]
        if t.factor is not None:
            label += f" (factor {t.factor:g})"
        elif t.activities:
            label += " (" + ", ".join(sorted(t.activities)) + ")"
        rows.append(
            (f"{tr('Behandeling', 'Treatment', lang)} {rid}", f"{label}: {pick(t.rationale, lang)}")
        )
    return rows


def write_metadata_sheet(
    wb: Workbook, catalogue: Catalogue, scenario: Scenario | None, date: dt.date, lang: Lang,
    extra: Sequence[tuple[str, Any]] = (),
) -> None:  # fmt: skip
    w = add_sheet(wb, "metadata", lang)
    w.title_row(
        1,
        tr(
            "Metadata: zo is dit bestand te reproduceren",
            "Metadata: how to reproduce this file",
            lang,
        ),
    )
    hdr = 3
    w.header(hdr, [tr("Gegeven", "Item", lang), tr("Waarde", "Value", lang)])
    rows: list[tuple[str, Any]] = [
        (tr("Programma", "Tool", lang), f"Drempelcheck {__version__}"),
        (tr("Catalogusversie (hash)", "Catalogue version (hash)", lang), catalogue.version_hash),
        (tr("Aantal regels in de catalogus", "Rules in the catalogue", lang), len(catalogue.rules)),
        (tr("Peildatum", "Reference date", lang), date),
        (tr("Gemaakt op", "Created", lang), dt.datetime.now().replace(microsecond=0)),
        (tr("Taal", "Language", lang), lang),
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


def write_domain_chart(
    w: SheetWriter, obl: ObligationRefs, domains: Sequence[str], top: int
) -> int:
    """Burden by domain now vs scenario as SUMIFS over Verplichtingen, with a bar chart."""
    lang = w.lang
    w.put(
        top,
        1,
        tr("Regeldruk per domein (€ per jaar)", "Burden by domain (€ per year)", lang),
        font=BOLD,
    )
    hdr = top + 1
    w.header(
        hdr,
        [
            tr("Domein", "Domain", lang),
            tr("Nu", "Now", lang),
            tr("Onder het voorstel", "Under the proposal", lang),
        ],
    )
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
    chart.title = tr(
        "Regeldruk per domein: nu en onder het voorstel",
        "Burden by domain: now and under the proposal",
        lang,
    )
    chart.y_axis.title = tr("€ per jaar", "€ per year", lang)
    chart.x_axis.title = tr("Domein", "Domain", lang)
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
    ws: Worksheet, *, x_col: int, y_cols: Sequence[int], header_row: int, last_row: int, anchor: str,
    title: str, x_title: str, y_title: str, y_format: str = EUR0, label_every: int = 1,
) -> LineChart:  # fmt: skip
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

COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "rule_id": ("Regel-id", "Rule id"), "domain": ("Domein", "Domain"), "kind": ("Soort", "Kind"),
    "treatment": ("Behandeling", "Treatment"), "title": ("Titel", "Title"),
    "firms_now": ("Bedrijven nu", "Firms now"), "firms_scen": ("Bedrijven scenario", "Firms scenario"),
    "firms_exempted": ("Bedrijven vrijgesteld", "Firms exempted"),
    "firms_lighter": ("Bedrijven lichter", "Firms lighter"), "firms": ("Bedrijven", "Firms"),
    "firms_qualifying": ("Bedrijven onder de drempel", "Firms under the threshold"),
    "hours_now": ("Uren per jaar nu", "Hours per year now"),
    "hours_scen": ("Uren per jaar scenario", "Hours per year scenario"),
    "cost_now": ("€ per jaar nu", "€ per year now"), "cost_scen": ("€ per jaar scenario", "€ per year scenario"),
    "saved_eur": ("€ per jaar bespaard", "€ per year saved"),
    "saved_hours": ("Uren per jaar bespaard", "Hours per year saved"),
    "one_off_now": ("Eenmalig nu", "One-off now"), "one_off_scen": ("Eenmalig scenario", "One-off scenario"),
    "obligations_now": ("Verplichtingen nu", "Obligations now"),
    "obligations_scen": ("Verplichtingen scenario", "Obligations scenario"),
    "threshold": ("Drempel", "Threshold"), "employees": ("Werknemers", "Employees"),
    "weight": ("Gewicht (bedrijven)", "Weight (firms)"), "name": ("Naam", "Name"),
    "size_class": ("Grootteklasse", "Size class"), "sector": ("Sector", "Sector"),
    "qualifies": ("Onder de drempel", "Under the threshold"), "row": ("Rij", "Row"),
    "field": ("Veld", "Field"), "message": ("Melding", "Message"), "error": ("Fout", "Error"),
    "column": ("Kolom", "Column"), "reached": ("Bereikt", "Reached"),
    "firms_reached": ("Bedrijven bereikt", "Firms reached"),
    "firms_affected": ("Bedrijven geraakt", "Firms affected"),
    "saved_per_firm_eur": ("€ per jaar bespaard per bereikt bedrijf", "€ per year saved per firm reached"),
    "saved_share": ("Besparing (% van de lasten nu)", "Saved (% of burden now)"),
    "cliff_eur": ("Klif +1 werknemer (€ per jaar)", "Cliff +1 employee (€ per year)"),
    "bunching_extra_firms": ("What-if: extra bedrijven (blijven hangen)", "What-if: extra firms (staying)"),
    "bunching_extra_saved_eur": ("What-if: extra besparing (€ per jaar)", "What-if: extra saving (€ per year)"),
    "rule": ("Regel", "Rule"),
}  # fmt: skip

# Text columns whose values are catalogue keys: shown as words in the reader's language.
VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "treatment": TREATMENT_LABELS,
    "kind": KIND_LABELS,
    "domain": {k: (v.nl, v.en) for k, v in DOMAIN_LABELS.items()},
}
# Whole numbers by meaning (counts, head counts, row numbers), whatever their dtype.
_INT_COLUMNS = ("employees", "threshold", "row", "firms", "obligations", "count", "weight")

TABLE_TITLES: dict[str, tuple[str, str]] = {
    "per_grootteklasse": ("Per grootteklasse", "By size class"),
    "per_sector": ("Per sector", "By sector"),
    "per_regel": ("Per regel", "By rule"),
    "sweep": ("Drempelverloop", "Threshold sweep"),
    "leden": ("Leden", "Members"),
    "fouten": ("Fouten", "Errors"),
}


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
    if pd.api.types.is_integer_dtype(series) or any(t in lower for t in _INT_COLUMNS):
        return INT
    return DEC  # never '#,##0.##', which shows a whole number as "30."


def write_frame_sheet(
    wb: Workbook, key: str, frame: pd.DataFrame, lang: Lang
) -> tuple[SheetWriter, int, int]:
    """A result table as a sheet: labelled header, typed cells, frozen header, autofilter.

    Returns the writer, the header row and the last data row.  Every text cell is neutralised
    (member names and error messages come from user files).
    """
    names = TABLE_TITLES.get(key)
    w = add_sheet(wb, (names[0] if lang == "nl" else names[1]) if names else str(key), lang)
    ws = w.ws
    columns = [str(c) for c in frame.columns]
    headers = [
        COLUMN_LABELS[c][0 if lang == "nl" else 1] if c in COLUMN_LABELS else c for c in columns
    ]
    w.header(1, headers)
    fmts = [column_format(c, frame[col]) for c, col in zip(columns, frame.columns, strict=True)]
    converted = []
    for name, col in zip(columns, frame.columns, strict=True):
        values = frame[col].tolist()
        words = VALUE_LABELS.get(name)
        if words is not None:
            values = [words[v][0 if lang == "nl" else 1] if v in words else v for v in values]
        converted.append([cell_value(v, lang) for v in values])
    for row_values in zip(*converted, strict=True) if converted else []:
        ws.append(list(row_values))
    last = len(frame) + 1
    for c, fmt in enumerate(fmts, start=1):
        if fmt is None:
            continue  # text: already neutralised, so never taken for a formula
        for (cell,) in ws.iter_rows(min_row=2, max_row=last, min_col=c, max_col=c):
            cell.number_format = fmt
    w.widths([_frame_width(h, vals, fmt) for h, vals, fmt in zip(headers, converted, fmts,
                                                                    strict=True)])  # fmt: skip
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
        digits = max((len(f"{abs(v):,.0f}") for v in sample if isinstance(v, int | float)),
                     default=1)  # fmt: skip
        longest = digits + (2 if "€" in fmt else 0) + (3 if fmt in (DEC, PCT, HOURS) else 0) + 1
    word = max((len(part) for part in header.split()), default=4)
    return float(max(8, min(40, max(longest, word) + 2)))
