"""The Berekening sheet: the Standard Cost Model written out as live formulas.

One row per obligation and activity: how often, how many hours at which tariff, what outside
cost, for how many units (Q) now and under the proposal, and the € that follow.  Cost =
Q × frequency × (hours × tariff + external), the engine's own product, so the totals equal the
engine's to the cent.  The tariffs (and any figure the user changed) are the named input cells
of the Aannames sheet; the lighter variant of a line is a formula over the base line, so a
reader who changes an hour figure sees the lighter regime follow.

Rules are named by their title (the SUMIFS of the other sheets look them up by it), costs by
their kind: regeldruk (administrative burden and substantive compliance costs) and financial
costs are summed apart.  Announced rules (bills) are not calculated here: they are no law yet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from checker.bilingual import Lang, pick
from checker.burden import activity_lines
from checker.catalogue import Catalogue
from checker.evaluation import Evaluation
from checker.export.reader_words import basis_words
from checker.export.sheet_assumptions import AssumptionRefs
from checker.export.workbook_common import (
    BOLD,
    EUR,
    EUR0,
    HOURS,
    QTY,
    Formula,
    SheetWriter,
    abs_ref,
    add_sheet,
    col_range,
)
from checker.i18n import column_label, cost_type_label, driver_label, t, yes_no
from checker.rule_model import DRIVERS

# Column numbers of the sheet (1-based), shared by every formula that sums it.
C_RULE, C_ACT, C_TYPE, C_DRIVER, C_ONE_OFF = 1, 2, 3, 4, 5
C_FREQ, C_HOURS, C_TARIFF_NAME, C_TARIFF, C_EXT = 6, 7, 8, 9, 10
C_Q_NOW, C_Q_FULL, C_Q_LIGHT, C_L_FREQ, C_L_HOURS, C_L_EXT = 11, 12, 13, 14, 15, 16
C_H_NOW, C_E_NOW, C_H_SCEN, C_E_SCEN, C_BASIS = 17, 18, 19, 20, 21
HEADER_ROW = 4
WIDTHS = [28, 30, 15, 15, 8, 9, 8, 16, 9, 10, 10, 10, 10, 9, 9, 10, 9, 12, 9, 12, 60]
FIGURE_COLUMNS = {"frequency": C_FREQ, "hours": C_HOURS, "external_eur": C_EXT}
LIGHT_OF = {C_FREQ: C_L_FREQ, C_HOURS: C_L_HOURS, C_EXT: C_L_EXT}


@dataclass
class CalcRefs:
    """Where the lines and totals are, for the SUMIFS of the other sheets and the summary."""

    sheet: str
    first: int
    last: int
    lang: Lang
    # (kind, when) → absolute cell: kind cost | regulatory | financial | hours | one_off,
    # when now | scen
    totals: dict[tuple[str, str], str]

    def rng(self, col: int) -> str:
        return col_range(self.sheet, col, self.first, self.last)

    def rule_sum(self, value_col: int, rule_cell: str, kind: str = "cost") -> Formula:
        """Σ of a yearly value column over one rule's lines, of one kind of cost:
        ``regulatory`` (all but financial), ``financial`` or ``cost`` (all)."""
        yearly = yes_no(False, self.lang)
        criteria = [
            f"{self.rng(C_RULE)},{rule_cell}",
            f'{self.rng(C_ONE_OFF)},"{yearly}"',
        ]
        financial = cost_type_label("financial", self.lang)
        if kind == "regulatory":
            criteria.append(f'{self.rng(C_TYPE)},"<>{financial}"')
        elif kind == "financial":
            criteria.append(f'{self.rng(C_TYPE)},"{financial}"')
        return Formula(f"SUMIFS({self.rng(value_col)},{','.join(criteria)})")


def write_calculation_sheet(
    wb: Workbook,
    ev: Evaluation,
    tariffs: dict[str, float],
    names: AssumptionRefs,
    rule_names: dict[str, str],
    lang: Lang,
    catalogue: Catalogue,
    *,
    include: Callable[[int], bool] | None = None,
    quantity_note: str = "",
) -> CalcRefs:
    """One row per (rule, activity) with live formulas; the totals at the bottom.

    The quantities are the engine's weighted driver sums (``rule_driver_sums``): under current
    law (``now``), for firms keeping the full burden under the proposal (``full``) and for the
    lighter regime (``light``).  For one firm they are its driver quantity where the rule
    applies.  ``include`` selects rules (the firm workbook lists those that apply now).
    """
    w = add_sheet(wb, "calculation", lang)
    w.widths(WIDTHS)
    sums = ev.rule_driver_sums()
    w.title_row(1, t("workbook.calc.title", lang))
    note = t("export.calc.note", lang)
    w.note(2, f"{note} {quantity_note}" if quantity_note else note, 12)
    w.header(
        HEADER_ROW,
        [
            column_label("obligation", lang),
            column_label("activity", lang),
            column_label("cost_type", lang),
            t("workbook.calc.unit", lang),
            column_label("one_off", lang),
            column_label("frequency", lang),
            column_label("hours", lang),
            t("export.calc.tariff", lang),
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
            column_label("explanation", lang),
        ],
    )
    row = HEADER_ROW
    driver_index = {d: i for i, d in enumerate(DRIVERS)}
    for r, rule in enumerate(ev.rules):
        if bool(ev.pending[r]) or not rule.activities or (include is not None and not include(r)):
            continue
        rt = ev.treatments[r]
        light_lines = {}
        if rt.treatment == "lighter" and rt.spec is not None:
            light_lines = {ln.activity.id: ln for ln in activity_lines(rule, tariffs, rt.spec)}
        for line in activity_lines(rule, tariffs, None):
            act = line.activity
            k = driver_index[act.driver]
            row += 1
            ref = {c: f"{get_column_letter(c)}{row}" for c in range(1, C_BASIS + 1)}
            w.put(row, C_RULE, rule_names[rule.id], wrap=True)
            w.put(row, C_ACT, pick(act.label, lang), wrap=True)
            w.put(row, C_TYPE, cost_type_label(act.cost_type, lang))
            w.put(row, C_DRIVER, driver_label(act.driver, lang), wrap=True)
            w.put(row, C_ONE_OFF, yes_no(act.one_off, lang))
            base_values = {
                C_FREQ: line.frequency,
                C_HOURS: line.hours,
                C_EXT: line.external_eur,
            }
            for figure, col in FIGURE_COLUMNS.items():
                name = names.figure_names.get((rule.id, act.id, figure))
                fmt = EUR if col == C_EXT else QTY
                w.put(row, col, Formula(name) if name else base_values[col], fmt)
            if act.tariff:
                tariff = catalogue.tariffs.get(act.tariff)
                w.put(
                    row,
                    C_TARIFF_NAME,
                    short_label(pick(tariff.label, lang)) if tariff else act.tariff,
                    wrap=True,
                )
                w.put(row, C_TARIFF, Formula(names.tariff_names[act.tariff]), EUR)
            else:
                w.put(row, C_TARIFF, 0.0, EUR)
            w.put(row, C_Q_NOW, float(sums["now"][r, k]), QTY)
            w.put(row, C_Q_FULL, float(sums["full"][r, k]), QTY)
            w.put(row, C_Q_LIGHT, float(sums["light"][r, k]), QTY)
            text = basis_words(act.basis, catalogue, lang).text(lang)
            if rt.treatment == "lighter":
                light = light_lines.get(act.id)
                if light is None:
                    text = t("workbook.calc.dropped", lang, basis=text)
                light_values = {
                    C_FREQ: light.frequency if light else 0.0,
                    C_HOURS: light.hours if light else 0.0,
                    C_EXT: light.external_eur if light else 0.0,
                }
                for col, light_col in LIGHT_OF.items():
                    fmt = EUR if col == C_EXT else QTY
                    w.put(
                        row,
                        light_col,
                        _light_formula(ref[col], base_values[col], light_values[col]),
                        fmt,
                    )
            w.put(row, C_H_NOW, Formula(f"{ref[C_Q_NOW]}*{ref[C_FREQ]}*{ref[C_HOURS]}"), HOURS)
            w.put(
                row,
                C_E_NOW,
                Formula(
                    f"{ref[C_Q_NOW]}*{ref[C_FREQ]}*({ref[C_HOURS]}*{ref[C_TARIFF]}+{ref[C_EXT]})"
                ),
                EUR0,
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
                    f"+{ref[C_Q_LIGHT]}*{ref[C_L_FREQ]}*({ref[C_L_HOURS]}*{ref[C_TARIFF]}"
                    f"+{ref[C_L_EXT]})"
                ),
                EUR0,
            )
            w.put(row, C_BASIS, text, wrap=True)
    first, last = HEADER_ROW + 1, max(row, HEADER_ROW + 1)
    if row == HEADER_ROW:
        w.put(first, C_ACT, t("workbook.calc.none", lang))
    refs = CalcRefs(w.title, first, last, lang, {})
    _write_totals(w, refs, last + 2, lang)
    last_col = get_column_letter(C_BASIS)
    w.finish(HEADER_ROW, freeze_col=3, autofilter=f"A{HEADER_ROW}:{last_col}{last}")
    return refs


def short_label(label: str) -> str:
    """'Interne uren (ondernemer of administratief medewerker)' → 'Interne uren'."""
    return re.sub(r"\s*\([^()]*\)$", "", label) or label


def _light_formula(base_ref: str, base: float, light: float) -> Formula | float:
    """The lighter figure as a formula over the base one (e.g. '=G12*0.5'), so it follows a
    changed base figure; a constant where the base is zero."""
    if base == 0:
        return float(light)
    ratio = light / base
    if ratio == 1:
        return Formula(base_ref)
    if ratio == 0:
        return 0.0
    return Formula(f"{base_ref}*{ratio!r}")


def _write_totals(w: SheetWriter, refs: CalcRefs, row: int, lang: Lang) -> None:
    """Yearly hours and € (all, regeldruk, financial) and one-off €, now and under the
    proposal, as SUMIFS over the lines."""
    yearly, once = yes_no(False, lang), yes_no(True, lang)
    financial = cost_type_label("financial", lang)
    lines = [
        ("hours", "now", C_H_NOW, f'"{yearly}"', None, HOURS),
        ("hours", "scen", C_H_SCEN, f'"{yearly}"', None, HOURS),
        ("regulatory", "now", C_E_NOW, f'"{yearly}"', f'"<>{financial}"', EUR0),
        ("regulatory", "scen", C_E_SCEN, f'"{yearly}"', f'"<>{financial}"', EUR0),
        ("financial", "now", C_E_NOW, f'"{yearly}"', f'"{financial}"', EUR0),
        ("financial", "scen", C_E_SCEN, f'"{yearly}"', f'"{financial}"', EUR0),
        ("cost", "now", C_E_NOW, f'"{yearly}"', None, EUR0),
        ("cost", "scen", C_E_SCEN, f'"{yearly}"', None, EUR0),
        ("one_off", "now", C_E_NOW, f'"{once}"', None, EUR0),
        ("one_off", "scen", C_E_SCEN, f'"{once}"', None, EUR0),
    ]
    for kind, when, col, flag, type_criterion, fmt in lines:
        label = t(f"export.calc.total.{kind}_{when}", lang)
        criteria = f"{refs.rng(C_ONE_OFF)},{flag}"
        if type_criterion is not None:
            criteria += f",{refs.rng(C_TYPE)},{type_criterion}"
        w.put(row, C_ACT, label, font=BOLD)
        w.put(row, col, Formula(f"SUMIFS({refs.rng(col)},{criteria})"), fmt, font=BOLD)
        refs.totals[kind, when] = abs_ref(w.title, col, row)
        row += 1


def engine_totals(ev: Evaluation) -> dict[str, float]:
    """The engine's own totals of the lines written (law only): for the check on Metadata."""
    totals = ev.firm_totals()
    w = ev.weights
    return {
        key: float(w @ totals[col].to_numpy(dtype=np.float64))
        for key, col in (
            ("regulatory_now", "regulatory_now"),
            ("regulatory_scen", "regulatory_scen"),
            ("financial_now", "financial_now"),
            ("financial_scen", "financial_scen"),
            ("cost_now", "cost_now"),
            ("cost_scen", "cost_scen"),
        )
    }
