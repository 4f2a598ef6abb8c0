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
    SHEET_NAMES,
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
    order_sheets,
    workbook_bytes,
    write_assumptions_sheet,
    write_calculation_sheet,
    write_domain_chart,
    write_frame_sheet,
    write_metadata_sheet,
    write_obligations_sheet,
    write_sources_sheet,
)
from checker.i18n import tr
from checker.rule_model import DOMAIN_LABELS

KIND_TITLES: dict[str, tuple[str, str]] = {
    "population": ("Populatie: regeldruk nu en onder het voorstel", "Population: burden now and under the proposal"),
    "sweep": ("Drempelverloop: besparing per drempelwaarde", "Threshold sweep: savings per threshold"),
    "batch": ("Ledenbestand: regeldruk per lid", "Member batch: burden per member"),
}  # fmt: skip


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
    title = str(meta.get("title") or pick_kind_title(kind, lang))
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
        wb, ev, tariffs, assumptions, lang, catalogue,
        quantity_note=tr("Q = Σ gewicht × hoeveelheid over de bedrijven waar de regel geldt.",
                         "Q = Σ weight × quantity over the firms where the rule applies.", lang),
    )  # fmt: skip
    agg = ev.rule_aggregates()
    cols = {c: agg[c].to_numpy(dtype=np.float64) for c in ("firms_now", "firms_scen", "firms_exempted",
                                                             "firms_lighter", "cost_now")}  # fmt: skip
    obl = write_obligations_sheet(
        wb, ev, calc, lang,
        middle=[
            Column(tr("Bedrijven nu", "Firms now", lang), 12, lambda r, _: float(cols["firms_now"][r]), INT),
            Column(tr("Bedrijven onder het voorstel", "Firms under the proposal", lang), 12,
                   lambda r, _: float(cols["firms_scen"][r]), INT),
            Column(tr("Bedrijven vrijgesteld", "Firms exempted", lang), 12,
                   lambda r, _: float(cols["firms_exempted"][r]), INT),
            Column(tr("Bedrijven lichter", "Firms lighter", lang), 12,
                   lambda r, _: float(cols["firms_lighter"][r]), INT),
        ],
        order=sorted(range(len(ev.rules)), key=lambda r: (-float(cols["cost_now"][r]), ev.rules[r].id)),
    )  # fmt: skip
    write_sources_sheet(wb, catalogue, ev.rules, ev.scenario, ev.date, lang)
    charts = add_sheet(wb, "charts", lang)
    charts.put(1, 1, tr("Grafieken", "Charts", lang), font=TITLE_FONT)
    domains = sorted({pick(DOMAIN_LABELS[r.domain], lang) for r in ev.rules if r.activities})
    write_domain_chart(charts, obl, domains, 3)
    charts.widths([34, 18, 18, 4])
    charts.finish(None)

    extra: list[tuple[str, Any]] = [(tr("Soort export", "Export kind", lang), kind)]
    for key, value in meta.items():
        if key in ("kind", "title", "notes"):
            continue
        extra.append(
            (str(key), value if isinstance(value, str | int | float | dt.date) else repr(value))
        )
    write_metadata_sheet(wb, catalogue, ev.scenario, ev.date, lang, extra)
    _write_summary(summary, ev, calc, title, kind, meta, lang)
    add_name(wb, NAME_TOTAL_NOW, calc.totals["cost_now"])
    add_name(wb, NAME_TOTAL_SCEN, calc.totals["cost_scen"])

    order_sheets(wb, lang, ["summary"])
    for i, name in enumerate(table_sheets, start=1):
        wb.move_sheet(name, offset=i - wb.sheetnames.index(name))
    standard = [SHEET_NAMES[k][0 if lang == "nl" else 1] for k in
                ("obligations", "calculation", "assumptions", "sources", "charts", "metadata")]  # fmt: skip
    for i, name in enumerate(standard, start=1 + len(table_sheets)):
        wb.move_sheet(name, offset=i - wb.sheetnames.index(name))
    wb.active = 0
    return workbook_bytes(wb)


def pick_kind_title(kind: str, lang: Lang) -> str:
    pair = KIND_TITLES.get(kind, KIND_TITLES["population"])
    return pair[0] if lang == "nl" else pair[1]


def _notes(meta: Mapping[str, Any]) -> list[str]:
    notes = meta.get("notes")
    if notes is None:
        return []
    if isinstance(notes, str):
        return [notes]
    return [str(n) for n in notes]


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
    scen = ev.scenario
    scenario_text = f"{scen.id} — {pick(scen.title, lang)}" if scen else tr("geen", "none", lang)
    rows: list[tuple[str, Any, str | None]] = [
        (tr("Soort", "Kind", lang), kind, None),
        (tr("Scenario", "Scenario", lang), scenario_text, None),
        (tr("Drempel", "Threshold", lang),
         f"{scen.threshold.measure} {scen.threshold.describe(lang)}" if scen else "–", None),
        (tr("Peildatum", "Reference date", lang), ev.date, None),
        (tr("Bedrijven (gewogen)", "Firms (weighted)", lang), float(np.sum(ev.weights)), INT),
        (tr("Rijen in de invoer", "Rows in the input", lang), ev.n, INT),
        (tr("Bedrijven onder de drempel (gewogen)", "Firms under the threshold (weighted)", lang),
         float(ev.weights @ ev.qualifies.astype(np.float64)), INT),
    ]  # fmt: skip
    w.widths([38, 22, 22, 18, 14, 14])
    row = 3
    for label, value, fmt in rows:
        w.put(row, 1, label, font=BOLD)
        w.put(row, 2, value, fmt).alignment = LEFT  # facts about the run, not a figure column
        row += 1
    row += 1
    w.header(row, ["", tr("Nu", "Now", lang), tr("Onder het voorstel", "Under the proposal", lang),
                   tr("Bespaard", "Saved", lang)])  # fmt: skip
    row += 1
    w.put(row, 1, tr("Uren per jaar", "Hours per year", lang), font=BOLD)
    w.put(row, 2, Formula(calc.totals["hours_now"]), HOURS)
    w.put(row, 3, Formula(calc.totals["hours_scen"]), HOURS)
    w.put(row, 4, Formula(f"B{row}-C{row}"), HOURS)
    row += 1
    w.put(row, 1, tr("€ per jaar", "€ per year", lang), font=BOLD)
    w.put(row, 2, Formula(calc.totals["cost_now"]), EUR0, font=BOLD)
    w.put(row, 3, Formula(calc.totals["cost_scen"]), EUR0, font=BOLD)
    w.put(row, 4, Formula(f"B{row}-C{row}"), EUR0, font=BOLD)
    add_name(w.ws.parent, NAME_SAVED, abs_ref(w.title, 4, row))
    row += 1
    w.put(row, 1, tr("Eenmalige kosten", "One-off cost", lang), font=BOLD)
    w.put(row, 2, Formula(calc.totals["one_off_now"]), EUR0)
    w.put(row, 3, Formula(calc.totals["one_off_scen"]), EUR0)
    w.put(row, 4, Formula(f"B{row}-C{row}"), EUR0)
    row += 2
    w.put(row, 1, tr("Controle: uitkomst van de rekenkern bij export (vaste waarden)",
                     "Check: the engine's result at export (fixed values)", lang), font=BOLD)  # fmt: skip
    row += 1
    now, scen_cost = calc.engine_totals["cost_now"], calc.engine_totals["cost_scen"]
    w.put(row, 1, tr("€ per jaar", "€ per year", lang))
    w.put(row, 2, now, EUR)
    w.put(row, 3, scen_cost, EUR)
    w.put(row, 4, now - scen_cost, EUR)
    row += 2
    for note in [*_notes(meta), methodology_note(lang)]:
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
        w.ws, x_col=x_col, y_cols=[y_col], header_row=hdr, last_row=last, anchor=f"A{top}",
        title=tr("Besparing per jaar bij elke drempelwaarde", "Savings per year at each threshold", lang),
        x_title=tr("drempel (werknemers)", "threshold (employees)", lang),
        y_title=tr("€ per jaar bespaard", "€ per year saved", lang),
        label_every=max(1, (last - hdr) // 10),
    )  # fmt: skip
    chart.height = height
