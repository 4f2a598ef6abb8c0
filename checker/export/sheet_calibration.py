"""The Kalibratie sheet: the model's burden per employee by size next to published figures.

A reader who is to trust a sector total wants to know whether the model reproduces what is
known: small firms pay far more per employee than larger ones.  The sheet sets the model's
per-employee burden (representative firms, and the class averages over this population) next
to the published aggregates with their sources, reports the ratios, and says what the
catalogue covers and what it leaves out.  It only measures (:mod:`checker.calibration`):
no figure is ever tuned to hit a published ratio.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from openpyxl import Workbook

from checker.bilingual import Lang, pick
from checker.calibration import (
    LARGER_CLASS,
    LARGER_FIRM,
    SMALL_CLASS,
    SMALL_FIRM,
    Calibration,
    ClassAverages,
    PublishedFigure,
    calibrate,
)
from checker.calibration_view import RATIO_EXPLANATION, ratio_explanation
from checker.catalogue import Catalogue
from checker.engine import Engine
from checker.export.reader_words import source_words
from checker.export.workbook_common import (
    BOLD,
    DEC,
    EUR0,
    INT,
    LINE_PT,
    MAX_ROW_PT,
    PCT,
    SheetWriter,
    add_sheet,
    text_lines,
)
from checker.i18n import column_label, fmt_number, t, yes_no

WIDTHS = [44, 14, 18, 16, 16, 16, 50, 60]
LAST_COL = len(WIDTHS)


@dataclass(frozen=True)
class _Frame:
    """A population frame as :func:`checker.calibration.class_averages` reads it."""

    frame: pd.DataFrame


def population_calibration(
    catalogue: Catalogue, date: dt.date, frame: pd.DataFrame, weights: np.ndarray
) -> Calibration:
    """The calibration on ``catalogue`` with the class averages over these weighted firms
    (without the classes when the population has no firm in one of them)."""
    engine = Engine(catalogue)
    employees = np.asarray(frame["employees"], dtype=np.float64)
    has_both = all(
        float(weights[(employees >= lo) & (employees <= hi)].sum()) > 0
        for lo, hi in (SMALL_CLASS, LARGER_CLASS)
    )
    population = _Frame(frame.assign(weight=weights)) if has_both else None
    return calibrate(engine, date, population=population)  # type: ignore[arg-type]


def _ratio(value: float, lang: Lang) -> str:
    return fmt_number(value, lang, decimals=1) + "×"


def write_calibration_sheet(
    wb: Workbook, calibration: Calibration, catalogue: Catalogue, lang: Lang
) -> None:
    w = add_sheet(wb, "calibration", lang)
    w.widths(WIDTHS)
    w.title_row(1, t("export.calibration.title", lang))
    w.note(2, t("export.calibration.note", lang), LAST_COL)
    row = _model_points(w, 4, calibration, lang)
    if calibration.classes is not None:
        row = _class_averages(w, row + 2, calibration.classes, lang)
    row = _ratios(w, row + 2, calibration, lang)
    row = _published(w, row + 2, calibration.published, catalogue, lang)
    _coverage(w, row + 2, calibration, lang)
    w.finish(5)


def _model_points(w: SheetWriter, row: int, cal: Calibration, lang: Lang) -> int:
    w.section(row, t("export.calibration.model", lang), LAST_COL)
    row += 1
    w.header(
        row,
        [
            column_label("employees", lang),
            column_label("obligations_now", lang),
            t("export.calibration.admin", lang),
            t("export.calibration.admin_per_employee", lang),
            t("export.calibration.regulatory_per_employee", lang),
            t("export.calibration.financial_per_employee", lang),
        ],
    )
    for p in cal.points:
        row += 1
        w.put(row, 1, p.employees, INT)
        w.put(row, 2, p.obligations, INT)
        w.put(row, 3, p.administrative_eur, EUR0)
        w.put(row, 4, p.administrative_per_employee, EUR0)
        w.put(row, 5, p.regeldruk_per_employee, EUR0)
        w.put(row, 6, p.financial_per_employee, EUR0)
    return row


def _class_averages(w: SheetWriter, row: int, classes: ClassAverages, lang: Lang) -> int:
    w.section(row, t("export.calibration.classes", lang), LAST_COL)
    row += 1
    small = t("export.calibration.class", lang, low=classes.small[0], high=classes.small[1])
    larger = t("export.calibration.class", lang, low=classes.larger[0], high=classes.larger[1])
    w.header(row, ["", small, larger, t("export.calibration.ratio", lang)])
    for label, (a, b) in (
        (t("export.calibration.admin_per_employee", lang), classes.administrative),
        (t("export.calibration.regulatory_per_employee", lang), classes.regeldruk),
    ):
        row += 1
        w.put(row, 1, label, wrap=True)
        w.put(row, 2, a, EUR0)
        w.put(row, 3, b, EUR0)
        w.put(row, 4, a / b if b else None, DEC)
    row += 1
    w.put(row, 1, t("export.calibration.share_small", lang), wrap=True)
    w.put(row, 2, classes.share_small, PCT)
    row += 1
    w.put(row, 1, t("export.calibration.share_large", lang), wrap=True)
    w.put(row, 3, classes.share_large, PCT)
    return row


def _ratios(w: SheetWriter, row: int, cal: Calibration, lang: Lang) -> int:
    w.section(row, t("export.calibration.ratios", lang), LAST_COL)
    row += 1
    model = cal.ratio()
    low, high = cal.published_range()
    rows = [
        (
            t("export.calibration.model_ratio", lang, small=SMALL_FIRM, larger=LARGER_FIRM),
            _ratio(model, lang),
        ),
        (
            t(
                "export.calibration.model_ratio_regulatory",
                lang,
                small=SMALL_FIRM,
                larger=LARGER_FIRM,
            ),
            _ratio(cal.ratio(measure="regeldruk"), lang),
        ),
        (
            t("export.calibration.published_range", lang),
            f"{_ratio(low, lang)} – {_ratio(high, lang)}",
        ),
        (t("export.calibration.within", lang), yes_no(cal.within_published_range(model), lang)),
    ]
    for label, value in rows:
        row += 1
        w.put(row, 1, label, font=BOLD, wrap=True)
        w.put(row, 2, value)
    return row


def _published(
    w: SheetWriter, row: int, figures: list[PublishedFigure], catalogue: Catalogue, lang: Lang
) -> int:
    w.section(row, t("export.calibration.published", lang), LAST_COL)
    row += 1
    w.header(
        row,
        [
            column_label("description", lang),
            column_label("year", lang),
            t("export.calibration.size_class", lang),
            column_label("value", lang),
            t("export.calibration.ratio", lang),
            "",
            column_label("source", lang),
            column_label("explanation", lang),
        ],
    )
    for fig in figures:
        src = catalogue.sources.get(fig.source)
        source = source_words(src, lang).text() if src else ""
        entries: list[tuple[str, float | None]] = [
            (pick(c.label, lang), c.value) for c in fig.classes
        ] or [("", fig.value)]
        for i, (label, value) in enumerate(entries):
            row += 1
            if i == 0:
                w.put(row, 1, pick(fig.title, lang), font=BOLD, wrap=True)
                w.put(row, 2, fig.year)
                if fig.ratio:
                    w.put(row, 5, fig.ratio, DEC)
                w.put(row, 7, source, wrap=True)
                w.put(row, 8, pick(fig.note, lang), wrap=True)
            w.put(row, 3, label, wrap=True)
            fmt = PCT if fig.unit == "share" else (INT if fig.unit == "count" else EUR0)
            w.put(row, 4, value, fmt)
    return row


def _explanations(cal: Calibration, lang: Lang) -> list[tuple[str, str]]:
    """The explanations that hold for these numbers, as the calibration page gives them: the
    one for a small-firm ratio below the published ones only when it is below them, worded
    from the numbers."""
    out = []
    for item in cal.coverage.explanations:
        note = pick(item.note, lang)
        if item.id == RATIO_EXPLANATION:
            found = ratio_explanation(cal, lang)
            if found is None:
                continue
            note = found
        out.append((pick(item.label, lang), note))
    return out


def _coverage(w: SheetWriter, row: int, cal: Calibration, lang: Lang) -> int:
    for key, items in (
        ("covered", [(pick(i.label, lang), pick(i.note, lang)) for i in cal.coverage.covered]),
        (
            "not_covered",
            [(pick(i.label, lang), pick(i.note, lang)) for i in cal.coverage.not_covered],
        ),
        ("explanations", _explanations(cal, lang)),
    ):
        if not items:
            continue
        w.section(row, t(f"export.calibration.{key}", lang), LAST_COL)
        for label, note in items:
            row += 1
            w.put(row, 1, label, font=BOLD, wrap=True)
            w.put(row, 2, note, wrap=True)
            w.ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=LAST_COL)
            width = sum(WIDTHS[1:])
            w.ws.row_dimensions[row].height = min(MAX_ROW_PT, LINE_PT * text_lines(note, width) + 2)
        row += 2
    return row
