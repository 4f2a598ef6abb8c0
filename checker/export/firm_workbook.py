"""The workbook for one firm: evidence that a ministry can open and check.

Sheets: Samenvatting (the firm, the proposal, regeldruk and financial costs now and under the
proposal with their 5–95 % band, the obligations that change), Verplichtingen (every
obligation by title, its law as a link, what the proposal does to it), Berekening (the
Standard Cost Model as live formulas), Aannames (what the user changed, the tariffs as named
input cells, ratios, legal amounts, the profile values that were assumed), Bronnen,
Aangekondigd (bills, when asked; never in a total), Grafieken (regeldruk by domain; the
threshold curve) and Metadata (catalogue version, the proposal in full, the engine's totals as
a check).  All money on the first sheets is a formula over the tariffs, so a reader who
disagrees with a tariff changes one cell and sees every total move.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from checker.api import CheckResult
from checker.bilingual import Lang
from checker.export.provenance import catalogue_of, engine_of
from checker.export.reader_words import proposal_title, rule_names, threshold_text
from checker.export.report_content import firm_changes
from checker.export.sheet_assumptions import write_assumptions_sheet
from checker.export.sheet_calculation import engine_totals, write_calculation_sheet
from checker.export.sheet_charts import add_line_chart, chart_rows, write_domain_chart
from checker.export.sheet_metadata import write_metadata_sheet
from checker.export.sheet_obligations import Column, write_obligations_sheet
from checker.export.sheet_pending import write_pending_sheet
from checker.export.sheet_sources import write_sources_sheet
from checker.export.sheet_summary import Bands, write_changes, write_totals
from checker.export.workbook_common import (
    BOLD,
    EUR0,
    INT,
    LEFT,
    NOTE_FONT,
    STANDARD_SHEETS,
    TITLE_FONT,
    SheetWriter,
    add_sheet,
    new_workbook,
    order_sheets,
    workbook_bytes,
)
from checker.growth import cliff_curve, headcount_sweep
from checker.i18n import column_label, domain_label, legal_form_label, t, treatment_label
from checker.i18n.vocabulary import transfer_words
from checker.ui.sbi_list import sbi_label

CLIFF_COLUMNS = (
    "employees",
    "regulatory_now",
    "regulatory_scen",
    "financial_now",
    "financial_scen",
    "cost_now",
    "cost_scen",
)


def cliff_frame(result: CheckResult, tariffs: dict[str, float] | None = None) -> pd.DataFrame:
    """Yearly regeldruk and financial € for this profile at 1…250 employees, now and under
    the proposal (and both together as ``cost_*``).

    The same run as the app's Groeiplanner (:mod:`checker.growth`): one engine run, given
    inputs that grow with staff scaled in proportion, counts capped at the headcount — on the
    catalogue the result was computed with.
    """
    values = result.profile.model_dump(mode="json", exclude_none=True)
    ev = headcount_sweep(
        engine_of(result.evaluation),
        values,
        result.scenario,
        result.date,
        tariffs=tariffs if tariffs is not None else result.evaluation.tariffs,
    )
    return cliff_curve(ev)[list(CLIFF_COLUMNS)]


def _validate_cliff(cliff: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in CLIFF_COLUMNS if c not in cliff.columns]
    if missing:
        raise ValueError(f"cliff: missing column(s) {', '.join(missing)}")
    return cliff[list(CLIFF_COLUMNS)].reset_index(drop=True)


def firm_workbook_bytes(
    result: CheckResult, *, lang: Lang = "nl", cliff: pd.DataFrame | None = None
) -> bytes:
    """The .xlsx for one checked firm (see the module docstring for the sheets)."""
    ev = result.evaluation
    catalogue = catalogue_of(ev)
    tariffs = dict(ev.tariffs)  # exactly the tariffs that were used
    name = result.profile.name or t("common.unnamed_firm", lang)
    wb = new_workbook(f"Drempelcheck — {name}")
    names = rule_names(ev.rules, lang)

    summary = add_sheet(wb, "summary", lang)
    by_id = {rr.rule.id: rr for rr in result.rules}
    order = sorted(
        range(len(ev.rules)),
        key=lambda r: (
            not by_id[ev.rules[r].id].applies_now,
            -by_id[ev.rules[r].id].cost_now_eur,
            names[ev.rules[r].id],
        ),
    )
    assumptions = write_assumptions_sheet(
        wb,
        catalogue,
        result.date,
        tariffs,
        lang,
        [(a.field, a.value, a.explanation) for a in result.assumptions],
    )
    calc = write_calculation_sheet(
        wb,
        ev,
        tariffs,
        assumptions,
        names,
        lang,
        catalogue,
        include=lambda r: bool(ev.applies_now[0, r]),
        quantity_note=t("workbook.firm.quantity_note", lang),
    )

    def res(r: int) -> Any:
        return by_id[ev.rules[r].id]

    obligations = write_obligations_sheet(
        wb,
        ev,
        calc,
        names,
        lang,
        # What happens to *this* firm (e.g. 'unchanged' above the threshold), not the
        # proposal's general treatment of the rule.
        effect_of=lambda r: treatment_label(res(r).treatment, lang),
        middle=[
            Column(column_label("applies_now", lang), 9, lambda r, _: res(r).applies_now),
            Column(column_label("applies_scen", lang), 11, lambda r, _: res(r).applies_scenario),
        ],
        tail=[
            Column(column_label("why_now", lang), 40, lambda r, _: res(r).reason, wrap=True),
            Column(
                column_label("why_scen", lang), 34, lambda r, _: res(r).scenario_reason, wrap=True
            ),
        ],
        order=order,
    )
    # The documents behind the figures: of the obligations that apply to this firm.
    applying = [rr.rule for rr in result.rules if rr.applies_now and not rr.pending]
    write_sources_sheet(wb, catalogue, applying, names, result.scenario, result.date, lang)
    has_pending = write_pending_sheet(wb, ev, names, lang, firms=False)
    _write_charts(wb, result, obligations, cliff, tariffs, lang)
    profile_json = json.dumps(
        result.profile.model_dump(mode="json", exclude_none=True), ensure_ascii=False
    )
    scen_id = result.scenario.id if result.scenario else "-"
    command = (
        f"python -m checker export profiel.json --scenario {scen_id} "
        f"--date {result.date.isoformat()} --lang {lang} --out rapport.xlsx"
    )
    write_metadata_sheet(
        wb,
        catalogue,
        result.scenario,
        result.date,
        lang,
        [
            (t("workbook.firm.profile", lang), profile_json),
            (t("workbook.firm.reproduce", lang), command),
        ],
        engine_totals(ev),
    )
    _write_summary(summary, result, calc, names, name, lang)
    keys = list(STANDARD_SHEETS)
    if has_pending:
        keys.insert(keys.index("charts"), "pending")
    order_sheets(wb, lang, keys)
    wb.active = 0
    return workbook_bytes(wb)


def _profile_rows(result: CheckResult, name: str, lang: Lang) -> list[tuple[str, Any, str | None]]:
    p = result.profile
    scen = result.scenario

    def given_or_assumed(value: Any, field: str, words: Any) -> Any:
        if value:
            return words(value)
        return f"{words(result.completed.get(field))} ({t('common.assumed', lang)})"

    def form_words(code: Any) -> str:
        return legal_form_label(str(code), lang)

    def sector_words(code: Any) -> str:
        return sbi_label(str(code), lang) if code else "–"

    legal_form = p.legal_form.value if p.legal_form else None
    rows: list[tuple[str, Any, str | None]] = [
        (t("workbook.firm.firm", lang), name, None),
        (column_label("employees", lang), p.employees, INT),
        (t("field.legal_form", lang), given_or_assumed(legal_form, "legal_form", form_words), None),
        (
            t("workbook.firm.sector", lang),
            given_or_assumed(p.sector_sbi, "sector_sbi", sector_words),
            None,
        ),
        (t("app.sidebar.date", lang), result.date, None),
        (t("workbook.meta.proposal", lang), proposal_title(scen, lang), None),
        (
            t("workbook.meta.threshold", lang),
            threshold_text(scen, lang, result.date) if scen else "–",
            None,
        ),
        (column_label("qualifies", lang), bool(result.evaluation.qualifies[0]), None),
    ]
    if result.catalogue.sourced is not None:
        rows.append(
            (t("export.summary.changed", lang), t("export.summary.changed_yes", lang), None)
        )
    return rows


def _write_summary(
    w: SheetWriter, result: CheckResult, calc: Any, names: dict[str, str], name: str, lang: Lang
) -> None:
    tot = result.totals
    w.put(1, 1, t("export.firm.title", lang, name=name), font=TITLE_FONT)
    w.widths([52, 18, 20, 18, 18, 18, 12])
    row = 3
    for label, value, fmt in _profile_rows(result, name, lang):
        w.put(row, 1, label, font=BOLD)
        w.put(row, 2, value, fmt).alignment = LEFT  # a profile, not a column of figures
        row += 1
    row += 1
    row = write_totals(
        w,
        row,
        calc,
        Bands.of_firm(tot),
        tot.get("transferred_eur", 0.0),
        lang,
        obligations=(tot["obligations_now"], tot["obligations_scenario"]),
        transfer_to=transfer_words(result.evaluation.transfer_targets(0), lang),
    )
    changes = firm_changes(result, lang)
    if changes:
        w.page_break_before(row + 2)  # the list starts a printed page, not at the foot of one
        row = write_changes(w, row + 2, calc, changes, names, lang)
    row += 2
    w.note(row, t("export.method", lang), 6)
    row += 1
    unquantified = [
        names[rr.rule.id]
        for rr in result.rules
        if rr.applies_now and not rr.quantified and rr.rule.kind == "obligation" and not rr.pending
    ]
    if unquantified:
        w.note(row, t("workbook.firm.not_quantified", lang, rules="; ".join(unquantified)), 6)
        row += 1
    if result.assumptions:
        w.put(
            row,
            1,
            t("workbook.firm.assumed_count", lang, count=len(result.assumptions)),
            font=NOTE_FONT,
        )
    w.finish(None)


def _write_charts(
    wb: Any,
    result: CheckResult,
    obligations: Any,
    cliff: pd.DataFrame | None,
    tariffs: dict[str, float],
    lang: Lang,
) -> None:
    w = add_sheet(wb, "charts", lang)
    w.put(1, 1, t("sheet.charts", lang), font=TITLE_FONT)
    domains = sorted(
        {
            domain_label(rr.rule.domain, lang)
            for rr in result.rules
            if rr.applies_now and rr.quantified and not rr.pending
        }
    )
    row = write_domain_chart(w, obligations, domains, 3, lang)
    data = _validate_cliff(cliff) if cliff is not None else cliff_frame(result, tariffs)
    # The threshold curve starts on a new printed page: its heading, then the chart, then
    # the 250-row table behind it (kept in the file, left out of the print).
    w.page_break_before(row)
    w.put(row, 1, t("export.curve.heading", lang), font=BOLD)
    w.note(row + 1, t("export.curve.note", lang), 8)
    chart_top = row + 2
    chart_height = 11.0
    hdr = chart_top + chart_rows(chart_height) + 1 if len(data) else chart_top
    w.header(
        hdr,
        [
            column_label("employees", lang),
            column_label("regulatory_now", lang),
            column_label("regulatory_scen", lang),
            column_label("financial_now", lang),
            column_label("financial_scen", lang),
        ],
    )
    columns = [data[c].to_numpy(dtype=np.float64) for c in CLIFF_COLUMNS[:5]]
    for i in range(len(data)):
        r = hdr + 1 + i
        w.put(r, 1, int(columns[0][i]), INT)
        for c in range(1, 5):
            w.put(r, c + 1, float(columns[c][i]), EUR0)
    last = hdr + len(data)
    if len(data):
        chart = add_line_chart(
            w.ws,
            x_col=1,
            y_cols=[2, 3],
            header_row=hdr,
            last_row=last,
            anchor=f"A{chart_top}",
            title=t("export.curve.title", lang),
            x_title=t("chart.cliff.x", lang),
            y_title=t("export.charts.regulatory_axis", lang),
            label_every=max(1, len(data) // 10),
        )
        chart.width, chart.height = 26.0, chart_height
    w.widths([30, 18, 18, 18, 18])
    w.finish(None, print_area=f"A1:O{hdr - 1}")
