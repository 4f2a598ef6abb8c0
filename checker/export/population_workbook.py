"""The workbook for a population, a threshold sweep or a member list.

Same backbone as the firm workbook (Verplichtingen, Berekening, Aannames, Bronnen, Grafieken,
Metadata) plus the caller's result tables (per size class, per sector, the sweep, members,
errors) and a Kalibratie sheet: the model's burden per employee by company size next to the
published figures.  The summary names the population or member list, and gives regeldruk and
financial costs with their 5–95 % band over the population.  The Berekening sheet writes, per
rule and activity, the engine's weighted driver sums (Σ weight × quantity over the firms where
the rule applies) and prices them with live formulas over the tariffs, so the totals equal
the engine's to the cent and follow any tariff a reader changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import Lang
from checker.evaluation import Evaluation
from checker.export.provenance import catalogue_of
from checker.export.reader_words import proposal_title, rule_names, threshold_text
from checker.export.report_content import population_changes
from checker.export.sheet_assumptions import write_assumptions_sheet
from checker.export.sheet_calculation import CalcRefs, engine_totals, write_calculation_sheet
from checker.export.sheet_calibration import population_calibration, write_calibration_sheet
from checker.export.sheet_charts import add_line_chart, chart_rows, write_domain_chart
from checker.export.sheet_metadata import write_metadata_sheet
from checker.export.sheet_obligations import Column, write_obligations_sheet
from checker.export.sheet_pending import write_pending_sheet
from checker.export.sheet_sources import write_sources_sheet
from checker.export.sheet_summary import Bands, write_changes, write_totals
from checker.export.sheet_tables import frame_label, write_frame_sheet
from checker.export.workbook_common import (
    BOLD,
    INT,
    LEFT,
    ROWS_PER_PAGE,
    SCEN_RGB,
    STANDARD_SHEETS,
    TITLE_FONT,
    SheetWriter,
    add_sheet,
    new_workbook,
    order_sheets,
    sheet_title,
    workbook_bytes,
)
from checker.i18n import column_label, domain_label, fmt_number, has_message, t
from checker.i18n.vocabulary import transfer_words
from checker.uncertainty import DEFAULT_DRAWS

EXPORT_KINDS = ("population", "sweep", "batch")
TOP_CHANGES = 15


def population_workbook_bytes(
    evaluation: Evaluation,
    *,
    tables: dict[str, pd.DataFrame],
    meta: dict[str, Any],
    lang: Lang = "nl",
    draws: int = DEFAULT_DRAWS,
) -> bytes:
    """The .xlsx for a population, sweep or member list run.

    ``tables`` are written as sheets in the given order (known keys get Dutch/English sheet
    names; a sweep table with ``threshold`` and ``saved_eur`` gets a line chart).  ``meta``
    may carry kind, title, scenario_id, date, population (its name), file (the member file)
    and notes (a string, a message key or a list of them); any other key is listed on the
    Metadata sheet.  ``draws`` Monte Carlo draws give the bands of the totals (0: none).
    """
    for key, frame in tables.items():
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(
                f"tables['{key}']: expected a pandas DataFrame, got {type(frame).__name__}"
            )
    ev = evaluation
    catalogue = catalogue_of(ev)
    kind = str(meta.get("kind", "population"))
    title = str(meta.get("title") or kind_title(kind, lang))
    tariffs = dict(ev.tariffs)  # exactly the tariffs that were used
    wb = new_workbook(f"Drempelcheck — {title}")
    names = rule_names(ev.rules, lang)

    summary = add_sheet(wb, "summary", lang)
    table_sheets: list[str] = []
    for key, frame in tables.items():
        w, hdr, last = write_frame_sheet(wb, key, frame, lang, names)
        table_sheets.append(w.title)
        if {"threshold", "saved_eur"} <= set(frame.columns) and len(frame):
            _sweep_chart(w, frame, hdr, last)

    assumptions = write_assumptions_sheet(wb, catalogue, ev.date, tariffs, lang)
    calc = write_calculation_sheet(
        wb,
        ev,
        tariffs,
        assumptions,
        names,
        lang,
        catalogue,
        quantity_note=t("workbook.population.quantity_note", lang),
    )
    agg = ev.rule_aggregates()
    firm_columns = ("firms_now", "firms_scen", "firms_exempted", "firms_lighter")
    cols = {c: agg[c].to_numpy(dtype=np.float64) for c in (*firm_columns, "cost_now")}
    effects = agg["effect"].tolist()

    def firms(column: str) -> Column:
        return Column(column_label(column, lang), 12, lambda r, _: float(cols[column][r]), INT)

    obligations = write_obligations_sheet(
        wb,
        ev,
        calc,
        names,
        lang,
        effect_of=lambda r: t(f"export.effect.{effects[r]}", lang),
        middle=[firms(c) for c in firm_columns],
        order=sorted(
            range(len(ev.rules)), key=lambda r: (-float(cols["cost_now"][r]), names[ev.rules[r].id])
        ),
    )
    # The documents behind the figures: of the obligations that apply to at least one firm.
    applying = [r for i, r in enumerate(ev.rules) if cols["firms_now"][i] > 0 and not ev.pending[i]]
    write_sources_sheet(wb, catalogue, applying, names, ev.scenario, ev.date, lang)
    has_pending = write_pending_sheet(wb, ev, names, lang, firms=True)
    charts = add_sheet(wb, "charts", lang)
    charts.put(1, 1, t("sheet.charts", lang), font=TITLE_FONT)
    domains = sorted(
        {
            domain_label(r.domain, lang)
            for i, r in enumerate(ev.rules)
            if r.activities and not ev.pending[i]
        }
    )
    write_domain_chart(charts, obligations, domains, 3, lang)
    charts.widths([34, 18, 18, 4])
    charts.finish(None)
    calibration = population_calibration(catalogue, ev.date, ev.frame, ev.weights)
    write_calibration_sheet(wb, calibration, catalogue, lang)

    extra: list[tuple[str, Any]] = [(t("workbook.population.kind", lang), kind_title(kind, lang))]
    for key, value in meta.items():
        if key in ("kind", "title", "notes"):
            continue
        shown = value if isinstance(value, str | int | float | dt.date) else repr(value)
        extra.append((meta_label(str(key), lang), shown))
    write_metadata_sheet(wb, catalogue, ev.scenario, ev.date, lang, extra, engine_totals(ev))
    bands = Bands.of_population(ev, draws)
    _write_summary(summary, ev, calc, names, bands, title, meta, lang)

    order_sheets(wb, lang, ["summary"])
    for i, name in enumerate(table_sheets, start=1):
        wb.move_sheet(name, offset=i - wb.sheetnames.index(name))
    keys = [*STANDARD_SHEETS[1:]]
    if has_pending:
        keys.insert(keys.index("charts"), "pending")
    keys.insert(keys.index("metadata"), "calibration")
    standard = [sheet_title(k, lang) for k in keys]
    for i, name in enumerate(standard, start=1 + len(table_sheets)):
        wb.move_sheet(name, offset=i - wb.sheetnames.index(name))
    wb.active = 0
    return workbook_bytes(wb)


def kind_title(kind: str, lang: Lang) -> str:
    """The workbook's title for a population, sweep or member-list export."""
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


def _run_rows(
    ev: Evaluation, kind: str, meta: Mapping[str, Any], lang: Lang
) -> list[tuple[str, Any, str | None]]:
    """Which firms (the population or member list by name), which proposal, which date."""
    scen = ev.scenario
    rows: list[tuple[str, Any, str | None]] = []
    if meta.get("population"):
        rows.append((t("workbook.meta.run.population", lang), str(meta["population"]), None))
    if meta.get("file"):
        rows.append((t("export.summary.member_file", lang), str(meta["file"]), None))
    qualifying = float(ev.weights @ ev.qualifies.astype(np.float64))
    firms_label = (
        t("export.summary.members", lang)
        if kind == "batch"
        else t("workbook.population.firms", lang)
    )
    # A member list counts each member once; a population's counts below the threshold are
    # an estimate (the CBS class holding the threshold is split by a model).
    qualifying_label = (
        t("export.summary.members_qualifying", lang)
        if kind == "batch"
        else t("workbook.population.qualifying", lang)
    )
    rows += [
        (firms_label, float(np.sum(ev.weights)), INT),
        (t("workbook.meta.proposal", lang), proposal_title(scen, lang), None),
        (
            t("workbook.meta.threshold", lang),
            threshold_text(scen, lang, ev.date) if scen else "–",
            None,
        ),
        (qualifying_label, qualifying, INT),
        (t("app.sidebar.date", lang), ev.date, None),
    ]
    if ev.catalogue.sourced is not None:
        rows.append(
            (t("export.summary.changed", lang), t("export.summary.changed_yes", lang), None)
        )
    return rows


def _write_summary(
    w: SheetWriter,
    ev: Evaluation,
    calc: CalcRefs,
    names: dict[str, str],
    bands: Bands | None,
    title: str,
    meta: Mapping[str, Any],
    lang: Lang,
) -> None:
    kind = str(meta.get("kind", "population"))
    w.put(1, 1, title, font=TITLE_FONT)
    w.widths([52, 18, 20, 18, 18, 18, 14])
    row = 3
    for label, value, fmt in _run_rows(ev, kind, meta, lang):
        w.put(row, 1, label, font=BOLD)
        w.put(row, 2, value, fmt).alignment = LEFT  # facts about the run, not a figure column
        row += 1
    row += 1
    transferred = float(ev.weights @ ev.firm_totals()["transferred"].to_numpy())
    to = transfer_words(ev.transfer_targets(), lang)
    row = write_totals(w, row, calc, bands, transferred, lang, transfer_to=to)
    changes = [c for c in population_changes(ev, lang) if not ev.pending[ev.rules.index(c.rule)]]
    if changes:
        w.page_break_before(row + 2)  # the list starts a printed page, not at the foot of one
        row = write_changes(w, row + 2, calc, changes[:TOP_CHANGES], names, lang, firms=True)
        if len(changes) > TOP_CHANGES:
            row += 1
            w.note(
                row,
                t(
                    "export.summary.more_changes",
                    lang,
                    count=fmt_number(len(changes) - TOP_CHANGES, lang),
                ),
                6,
            )
    row += 2
    for note in [*_notes(meta, lang), t("export.method", lang)]:
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
        y_title=frame_label("saved_eur", lang),
        colours=(SCEN_RGB,),
        label_every=max(1, (last - hdr) // 10),
    )
    chart.height = height
