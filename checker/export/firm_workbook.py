"""The workbook for one firm: lobby evidence that a ministry can open and check.

Sheets: Samenvatting (profile, scenario, headline now vs proposal, method), Verplichtingen
(per rule, legal basis as a link), Berekening (SCM lines as live formulas), Aannames (tariffs
as named input cells, ratios, legal amounts, assumed profile values), Bronnen, Grafieken
(burden by domain; the threshold curve) and Metadata (catalogue hash, scenario definition,
tool version).  All money in the workbook is a formula over the tariffs, so a reader who
disagrees with a tariff changes one cell and sees every total move.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from checker.api import CheckResult
from checker.bilingual import Lang, pick
from checker.engine import Engine
from checker.export.provenance import catalogue_of, engine_of
from checker.export.workbook_common import (
    BOLD,
    C_E_NOW,
    C_E_SCEN,
    C_ONE_OFF,
    C_TYPE,
    EUR,
    EUR0,
    HOURS,
    INT,
    LEFT,
    NAME_SAVED,
    NAME_TOTAL_NOW,
    NAME_TOTAL_SCEN,
    NOTE_FONT,
    STANDARD_SHEETS,
    TITLE_FONT,
    Column,
    Formula,
    abs_ref,
    add_line_chart,
    add_name,
    add_sheet,
    chart_rows,
    methodology_note,
    new_workbook,
    now_and_proposal,
    order_sheets,
    threshold_text,
    workbook_bytes,
    write_assumptions_sheet,
    write_calculation_sheet,
    write_domain_chart,
    write_metadata_sheet,
    write_obligations_sheet,
    write_sources_sheet,
)
from checker.growth import cliff_curve, headcount_sweep
from checker.i18n import (
    column_label,
    cost_type_label,
    domain_label,
    legal_form_label,
    t,
    yes_no,
)


def cliff_frame(
    result: CheckResult, tariffs: dict[str, float] | None = None, *, engine: Engine | None = None
) -> pd.DataFrame:
    """Yearly € for this profile at 1…250 employees, now and under the scenario.

    The same curve as the app's Groeiplanner (:mod:`checker.growth`): one engine run, given
    inputs that grow with staff scaled in proportion, counts capped at the headcount.  Run
    on the catalogue the result was computed with (``engine``: see
    :mod:`checker.export.provenance`).
    """
    values = result.profile.model_dump(mode="json", exclude_none=True)
    catalogue_of(result.evaluation, engine, version=result.catalogue_version)
    ev = headcount_sweep(
        engine_of(result.evaluation, engine),
        values,
        result.scenario,
        result.date,
        tariffs=tariffs if tariffs is not None else result.evaluation.tariffs,
    )
    return cliff_curve(ev)[["employees", "cost_now", "cost_scen"]]


def _validate_cliff(cliff: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ("employees", "cost_now", "cost_scen") if c not in cliff.columns]
    if missing:
        raise ValueError(f"cliff: missing column(s) {', '.join(missing)}")
    return cliff[["employees", "cost_now", "cost_scen"]].reset_index(drop=True)


def firm_workbook_bytes(
    result: CheckResult,
    *,
    lang: Lang = "nl",
    cliff: pd.DataFrame | None = None,
    engine: Engine | None = None,
) -> bytes:
    """The .xlsx for one checked firm (see the module docstring for the sheets).

    ``engine`` is the engine that computed ``result``; it is only needed while evaluations
    do not carry their catalogue (see :mod:`checker.export.provenance`).
    """
    ev = result.evaluation
    catalogue = catalogue_of(ev, engine, version=result.catalogue_version)
    # exactly the tariffs that were used
    tariffs = dict(ev.tariffs) or {tid: t.eur_per_hour for tid, t in catalogue.tariffs.items()}
    name = result.profile.name or t("common.unnamed_firm", lang)
    wb = new_workbook(f"Drempelcheck — {name}")

    summary = add_sheet(wb, "summary", lang)
    rule_index = {rr.rule.id: i for i, rr in enumerate(result.rules)}
    order = sorted(
        range(len(result.rules)),
        key=lambda i: (
            not result.rules[i].applies_now,
            -result.rules[i].cost_now_eur,
            result.rules[i].rule.id,
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
        lang,
        catalogue,
        include=lambda r: bool(ev.applies_now[0, r]),
        quantity_note=t("workbook.firm.quantity_note", lang),
    )

    def res(r: int) -> Any:
        return result.rules[rule_index[ev.rules[r].id]]

    obl = write_obligations_sheet(
        wb,
        ev,
        calc,
        lang,
        middle=[
            Column(column_label("applies_now", lang), 9, lambda r, _: res(r).applies_now),
            Column(column_label("applies_scen", lang), 11, lambda r, _: res(r).applies_scenario),
        ],
        tail=[
            Column(column_label("why_now", lang), 34, lambda r, _: res(r).reason, wrap=True),
            Column(
                column_label("why_scen", lang),
                30,
                lambda r, _: res(r).scenario_reason,
                wrap=True,
            ),
        ],
        order=[ev.rule_ids.index(result.rules[i].rule.id) for i in order],
        # What happens to *this* firm (e.g. 'unchanged' above the threshold), not the
        # scenario's generic treatment of the rule.
        treatment_of=lambda r: res(r).treatment,
    )
    write_sources_sheet(wb, catalogue, ev.rules, result.scenario, result.date, lang)
    _write_charts(wb, result, obl, cliff, tariffs, lang, engine)
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
    )
    _write_summary(summary, result, calc, name, lang)
    add_name(wb, NAME_TOTAL_NOW, calc.totals["cost_now"])
    add_name(wb, NAME_TOTAL_SCEN, calc.totals["cost_scen"])
    order_sheets(wb, lang, STANDARD_SHEETS)
    wb.active = 0
    return workbook_bytes(wb)


def _profile_rows(result: CheckResult, name: str, lang: Lang) -> list[tuple[str, Any, str | None]]:
    p = result.profile
    scen = result.scenario

    def given_or_assumed(value: Any, field: str, words: Any = str) -> Any:
        if value:
            return words(value)
        return f"{words(result.completed.get(field))} ({t('common.assumed', lang)})"

    def form_words(code: Any) -> str:
        return legal_form_label(str(code), lang)

    legal_form = p.legal_form.value if p.legal_form else None
    return [
        (t("workbook.firm.firm", lang), name, None),
        (column_label("employees", lang), p.employees, INT),
        (
            t("field.legal_form", lang),
            given_or_assumed(legal_form, "legal_form", form_words),
            None,
        ),
        (t("workbook.firm.sector", lang), given_or_assumed(p.sector_sbi, "sector_sbi"), None),
        (t("app.sidebar.date", lang), result.date, None),
        (
            t("workbook.meta.proposal", lang),
            f"{scen.id} — {pick(scen.title, lang)}" if scen else t("common.none", lang),
            None,
        ),
        (t("workbook.meta.threshold", lang), threshold_text(scen, lang) if scen else "–", None),
        (column_label("qualifies", lang), bool(result.evaluation.qualifies[0]), None),
    ]


def _write_summary(w: Any, result: CheckResult, calc: Any, name: str, lang: Lang) -> None:
    tot = result.totals
    w.put(1, 1, t("workbook.firm.title", lang), font=TITLE_FONT)
    w.widths([34, 22, 22, 18, 14, 14])
    row = 3
    for label, value, fmt in _profile_rows(result, name, lang):
        w.put(row, 1, label, font=BOLD)
        w.put(row, 2, value, fmt).alignment = LEFT  # a profile, not a column of figures
        row += 1
    row += 1
    w.header(row, ["", *now_and_proposal(lang), t("workbook.saved", lang)])
    row += 1
    w.put(row, 1, t("workbook.summary.obligations", lang), font=BOLD)
    w.put(row, 2, tot["obligations_now"], INT)
    w.put(row, 3, tot["obligations_scenario"], INT)
    w.put(row, 4, Formula(f"B{row}-C{row}"), INT)
    row += 1
    w.put(row, 1, t("workbook.summary.hours", lang), font=BOLD)
    w.put(row, 2, Formula(calc.totals["hours_now"]), HOURS)
    w.put(row, 3, Formula(calc.totals["hours_scen"]), HOURS)
    w.put(row, 4, Formula(f"B{row}-C{row}"), HOURS)
    row += 1
    w.put(row, 1, t("chart.eur_per_year", lang), font=BOLD)
    w.put(row, 2, Formula(calc.totals["cost_now"]), EUR, font=BOLD)
    w.put(row, 3, Formula(calc.totals["cost_scen"]), EUR, font=BOLD)
    w.put(row, 4, Formula(f"B{row}-C{row}"), EUR, font=BOLD)
    add_name(w.ws.parent, NAME_SAVED, abs_ref(w.title, 4, row))
    total_row = row
    row += 1
    # Financial costs (sick pay, severance) are not regulatory burden in the SCM sense: show the
    # split as live formulas over the cost-type column of the calculation sheet.
    fin = cost_type_label("financial", lang)
    no = yes_no(False, lang)
    w.put(row, 1, "  " + t("workbook.summary.of_which", lang, part=t("cost.financial", lang)))
    for col, src in ((2, C_E_NOW), (3, C_E_SCEN)):
        criteria = f'{calc.rng(C_TYPE)},"{fin}",{calc.rng(C_ONE_OFF)},"{no}"'
        w.put(row, col, Formula(f"SUMIFS({calc.rng(src)},{criteria})"), EUR)
    w.put(row, 4, Formula(f"B{row}-C{row}"), EUR)
    row += 1
    w.put(row, 1, "  " + t("workbook.summary.of_which", lang, part=t("cost.regulatory", lang)))
    for col in (2, 3, 4):
        letter = "BCD"[col - 2]
        w.put(row, col, Formula(f"{letter}{total_row}-{letter}{row - 1}"), EUR)
    row += 1
    w.put(row, 1, t("workbook.summary.one_off", lang), font=BOLD)
    w.put(row, 2, Formula(calc.totals["one_off_now"]), EUR)
    w.put(row, 3, Formula(calc.totals["one_off_scen"]), EUR)
    w.put(row, 4, Formula(f"B{row}-C{row}"), EUR)
    row += 2
    w.put(row, 1, t("workbook.summary.check", lang), font=BOLD)
    row += 1
    w.put(row, 1, t("chart.eur_per_year", lang))
    w.put(row, 2, tot["cost_now_eur"], EUR)
    w.put(row, 3, tot["cost_scenario_eur"], EUR)
    w.put(row, 4, tot["saved_eur"], EUR)
    row += 2
    w.note(row, methodology_note(lang), 6)
    row += 1
    unq = [
        rr.rule.id
        for rr in result.rules
        if rr.applies_now and not rr.quantified and rr.rule.kind == "obligation"
    ]
    if unq:
        w.note(row, t("workbook.firm.not_quantified", lang, rules=", ".join(unq)), 6)
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
    obl: Any,
    cliff: pd.DataFrame | None,
    tariffs: dict[str, float],
    lang: Lang,
    engine: Engine | None,
) -> None:
    w = add_sheet(wb, "charts", lang)
    w.put(1, 1, t("sheet.charts", lang), font=TITLE_FONT)
    domains = sorted(
        {
            domain_label(rr.rule.domain, lang)
            for rr in result.rules
            if rr.applies_now and rr.quantified
        }
    )
    row = write_domain_chart(w, obl, domains, 3)
    data = (
        _validate_cliff(cliff) if cliff is not None else cliff_frame(result, tariffs, engine=engine)
    )
    # The threshold curve starts on a new printed page: its heading, then the chart, then
    # the 250-row table behind it (kept in the file, left out of the print).
    w.page_break_before(row)
    w.put(row, 1, t("workbook.firm.curve.heading", lang), font=BOLD)
    w.put(row + 1, 1, t("workbook.firm.curve.note", lang), font=NOTE_FONT)
    chart_top = row + 2
    chart_height = 11.0
    hdr = chart_top + chart_rows(chart_height) + 1 if len(data) else chart_top
    w.header(hdr, [column_label("employees", lang), *now_and_proposal(lang)])
    employees = data["employees"].to_numpy(dtype=np.int64)
    cost_now = data["cost_now"].to_numpy(dtype=np.float64)
    cost_scen = data["cost_scen"].to_numpy(dtype=np.float64)
    for i in range(len(data)):
        w.put(hdr + 1 + i, 1, int(employees[i]), INT)
        w.put(hdr + 1 + i, 2, float(cost_now[i]), EUR0)
        w.put(hdr + 1 + i, 3, float(cost_scen[i]), EUR0)
    last = hdr + len(data)
    if len(data):
        chart = add_line_chart(
            w.ws,
            x_col=1,
            y_cols=[2, 3],
            header_row=hdr,
            last_row=last,
            anchor=f"A{chart_top}",
            title=t("workbook.firm.curve.title", lang),
            x_title=t("chart.cliff.x", lang),
            y_title=t("chart.eur_per_year", lang),
            y_format=EUR0,
            label_every=max(1, len(data) // 10),
        )
        chart.width, chart.height = 26.0, chart_height
    w.widths([30, 16, 18, 4])
    w.finish(None, print_area=f"A1:O{hdr - 1}")
