"""The workbook for a population, a threshold sweep or a member batch.

Same backbone as the firm workbook (Verplichtingen, Berekening, Aannames, Bronnen, Grafieken,
Metadata) plus the caller's result tables as sheets (per size class, per sector, the sweep,
members, errors).  The Berekening sheet writes, per rule and SCM activity, the engine's
weighted driver sums (Σ weight × quantity over the firms where the rule applies) and prices
them with live formulas over the tariffs, so the population totals equal
``Evaluation.rule_aggregates()`` to the cent and follow any tariff a reader changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import Lang, pick
from checker.engine import Engine, Evaluation
from checker.export.provenance import catalogue_of
from checker.export.workbook_common import (
    BOLD,
    EUR,
    EUR0,
    HOURS,
    INT,
    LEFT,
    NAME_SAVED,
    NAME_TOTAL_NOW,
    NAME_TOTAL_SCEN,
    ROWS_PER_PAGE,
    STANDARD_SHEETS,
    TITLE_FONT,
    CalcRefs,
    Column,
    Formula,
    SheetWriter,
    abs_ref,
    add_line_chart,
    add_name,
    add_sheet,
    chart_rows,
    methodology_note,
    new_workbook,
    now_and_proposal,
    order_sheets,
    sheet_title,
    threshold_text,
    workbook_bytes,
    write_assumptions_sheet,
    write_calculation_sheet,
    write_domain_chart,
    write_frame_sheet,
    write_metadata_sheet,
    write_obligations_sheet,
    write_sources_sheet,
)
from checker.i18n import column_label, domain_label, has_message, t

EXPORT_KINDS = ("population", "sweep", "batch")


def population_workbook_bytes(
    evaluation: Evaluation,
    *,
    tables: dict[str, pd.DataFrame],
    meta: dict[str, Any],
    lang: Lang = "nl",
    engine: Engine | None = None,
) -> bytes:
    """The .xlsx for a population, sweep or batch run.

    ``tables`` are written as sheets in the given order (known keys get Dutch/English sheet
    names; a sweep table with ``threshold`` and ``saved_eur`` gets a line chart).  ``meta``
    may carry kind, title, scenario_id, date and notes (a string or a list of strings); any
    other key is listed on the Metadata sheet.  ``engine`` is the engine that computed
    ``evaluation``, needed only while evaluations do not carry their catalogue (see
    :mod:`checker.export.provenance`).
    """
    for key, frame in tables.items():
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(
                f"tables['{key}']: expected a pandas DataFrame, got {type(frame).__name__}"
            )
    ev = evaluation
    catalogue = catalogue_of(ev, engine)
    kind = str(meta.get("kind", "population"))
    title = str(meta.get("title") or kind_title(kind, lang))
    # exactly the tariffs that were used
    tariffs = dict(ev.tariffs) or {tid: t.eur_per_hour for tid, t in catalogue.tariffs.items()}
    wb = new_workbook(f"Drempelcheck — {title}")

    summary = add_sheet(wb, "summary", lang)
    table_sheets: list[str] = []
    for key, frame in tables.items():
        w, hdr, last = write_frame_sheet(wb, key, frame, lang)
        table_sheets.append(w.title)
        if {"threshold", "saved_eur"} <= set(frame.columns) and len(frame):
            _sweep_chart(w, frame, hdr, last)

    assumptions = write_assumptions_sheet(wb, catalogue, ev.date, tariffs, lang)
    calc = write_calculation_sheet(
        wb,
        ev,
        tariffs,
        assumptions,
        lang,
        catalogue,
        quantity_note=t("workbook.population.quantity_note", lang),
    )
    agg = ev.rule_aggregates()
    firm_columns = ("firms_now", "firms_scen", "firms_exempted", "firms_lighter")
    cols = {c: agg[c].to_numpy(dtype=np.float64) for c in (*firm_columns, "cost_now")}

    def firms(column: str) -> Column:
        return Column(column_label(column, lang), 12, lambda r, _: float(cols[column][r]), INT)

    obl = write_obligations_sheet(
        wb,
        ev,
        calc,
        lang,
        middle=[firms(c) for c in firm_columns],
        order=sorted(
            range(len(ev.rules)), key=lambda r: (-float(cols["cost_now"][r]), ev.rules[r].id)
        ),
    )
    write_sources_sheet(wb, catalogue, ev.rules, ev.scenario, ev.date, lang)
    charts = add_sheet(wb, "charts", lang)
    charts.put(1, 1, t("sheet.charts", lang), font=TITLE_FONT)
    domains = sorted({domain_label(r.domain, lang) for r in ev.rules if r.activities})
    write_domain_chart(charts, obl, domains, 3)
    charts.widths([34, 18, 18, 4])
    charts.finish(None)

    extra: list[tuple[str, Any]] = [(t("workbook.population.kind", lang), kind_title(kind, lang))]
    for key, value in meta.items():
        if key in ("kind", "title", "notes"):
            continue
        shown = value if isinstance(value, str | int | float | dt.date) else repr(value)
        extra.append((meta_label(str(key), lang), shown))
    write_metadata_sheet(wb, catalogue, ev.scenario, ev.date, lang, extra)
    _write_summary(summary, ev, calc, title, kind, meta, lang)
    add_name(wb, NAME_TOTAL_NOW, calc.totals["cost_now"])
    add_name(wb, NAME_TOTAL_SCEN, calc.totals["cost_scen"])

    order_sheets(wb, lang, ["summary"])
    for i, name in enumerate(table_sheets, start=1):
        wb.move_sheet(name, offset=i - wb.sheetnames.index(name))
    standard = [sheet_title(k, lang) for k in STANDARD_SHEETS[1:]]
    for i, name in enumerate(standard, start=1 + len(table_sheets)):
        wb.move_sheet(name, offset=i - wb.sheetnames.index(name))
    wb.active = 0
    return workbook_bytes(wb)


def kind_title(kind: str, lang: Lang) -> str:
    """The workbook's title for a population, sweep or batch export."""
    return t(f"export_kind.{kind if kind in EXPORT_KINDS else 'population'}", lang)


def meta_label(key: str, lang: Lang) -> str:
    """A run fact on the Metadata sheet (scenario_id, date, population, file…) in words."""
    return t(f"workbook.meta.run.{key}", lang) if has_message(f"workbook.meta.run.{key}") else key


def _notes(meta: Mapping[str, Any], lang: Lang) -> list[str]:
    """The caller's notes; a note that is a message key is shown in the reader's language."""
    notes = meta.get("notes")
    if notes is None:
        return []
    items = [notes] if isinstance(notes, str) else [str(n) for n in notes]
    return [t(n, lang) if has_message(n) else n for n in items]


def _run_rows(ev: Evaluation, kind: str, lang: Lang) -> list[tuple[str, Any, str | None]]:
    scen = ev.scenario
    proposal = f"{scen.id} — {pick(scen.title, lang)}" if scen else t("common.none", lang)
    qualifying = float(ev.weights @ ev.qualifies.astype(np.float64))
    return [
        (t("workbook.population.kind", lang), kind_title(kind, lang), None),
        (t("workbook.meta.proposal", lang), proposal, None),
        (t("workbook.meta.threshold", lang), threshold_text(scen, lang) if scen else "–", None),
        (t("app.sidebar.date", lang), ev.date, None),
        (t("workbook.population.firms", lang), float(np.sum(ev.weights)), INT),
        (t("workbook.population.rows", lang), ev.n, INT),
        (t("workbook.population.qualifying", lang), qualifying, INT),
    ]


def _write_summary(
    w: SheetWriter,
    ev: Evaluation,
    calc: CalcRefs,
    title: str,
    kind: str,
    meta: Mapping[str, Any],
    lang: Lang,
) -> None:
    w.put(1, 1, title, font=TITLE_FONT)
    w.widths([38, 22, 22, 18, 14, 14])
    row = 3
    for label, value, fmt in _run_rows(ev, kind, lang):
        w.put(row, 1, label, font=BOLD)
        w.put(row, 2, value, fmt).alignment = LEFT  # facts about the run, not a figure column
        row += 1
    row += 1
    w.header(row, ["", *now_and_proposal(lang), t("workbook.saved", lang)])
    row += 1
    w.put(row, 1, t("workbook.summary.hours", lang), font=BOLD)
    w.put(row, 2, Formula(calc.totals["hours_now"]), HOURS)
    w.put(row, 3, Formula(calc.totals["hours_scen"]), HOURS)
    w.put(row, 4, Formula(f"B{row}-C{row}"), HOURS)
    row += 1
    w.put(row, 1, t("chart.eur_per_year", lang), font=BOLD)
    w.put(row, 2, Formula(calc.totals["cost_now"]), EUR0, font=BOLD)
    w.put(row, 3, Formula(calc.totals["cost_scen"]), EUR0, font=BOLD)
    w.put(row, 4, Formula(f"B{row}-C{row}"), EUR0, font=BOLD)
    add_name(w.ws.parent, NAME_SAVED, abs_ref(w.title, 4, row))
    row += 1
    w.put(row, 1, t("workbook.summary.one_off", lang), font=BOLD)
    w.put(row, 2, Formula(calc.totals["one_off_now"]), EUR0)
    w.put(row, 3, Formula(calc.totals["one_off_scen"]), EUR0)
    w.put(row, 4, Formula(f"B{row}-C{row}"), EUR0)
    row += 2
    w.put(row, 1, t("workbook.summary.check", lang), font=BOLD)
    row += 1
    now, scen_cost = calc.engine_totals["cost_now"], calc.engine_totals["cost_scen"]
    w.put(row, 1, t("chart.eur_per_year", lang))
    w.put(row, 2, now, EUR)
    w.put(row, 3, scen_cost, EUR)
    w.put(row, 4, now - scen_cost, EUR)
    row += 2
    for note in [*_notes(meta, lang), methodology_note(lang)]:
        w.note(row, note, 6)
        row += 1
    w.finish(None)


def _sweep_chart(w: SheetWriter, frame: pd.DataFrame, hdr: int, last: int) -> None:
    cols = [str(c) for c in frame.columns]
    x_col = cols.index("threshold") + 1
    y_col = cols.index("saved_eur") + 1
    lang = w.lang
    # Below the table (not beside it, which would shrink the printed table), on a page of its
    # own when the two do not fit on one.
    top = last + 2
    height = 10.0
    if top + chart_rows(height) > ROWS_PER_PAGE:
        w.page_break_before(top)
    chart = add_line_chart(
        w.ws,
        x_col=x_col,
        y_cols=[y_col],
        header_row=hdr,
        last_row=last,
        anchor=f"A{top}",
        title=t("workbook.sweep.chart_title", lang),
        x_title=column_label("threshold", lang),
        y_title=column_label("saved_eur", lang),
        label_every=max(1, (last - hdr) // 10),
    )
    chart.height = height
