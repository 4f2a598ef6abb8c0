"""The summary's totals block, shared by the firm and the population workbook.

Regeldruk (administrative burden plus substantive compliance costs) and financial costs (such
as continued pay during sickness) are separate totals, never one figure under one label; the
part of a saving that the proposal only moves to someone else (UWV, paid from a premium) is
shown under the financial costs.  Each total is a live formula over the Berekening sheet, with
its 5–95 % band beside it as fixed values from the Monte Carlo over the figures' ranges.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from checker.bilingual import Lang
from checker.evaluation import Evaluation
from checker.export.report_content import ChangedObligation
from checker.export.sheet_calculation import C_E_NOW, C_E_SCEN, CalcRefs
from checker.export.sheet_charts import now_and_proposal
from checker.export.workbook_common import (
    BOLD,
    EUR0,
    HOURS,
    INT,
    NOTE_FONT,
    TOTAL_NAMES,
    Formula,
    SheetWriter,
    abs_ref,
    add_name,
)
from checker.i18n import column_label, fmt_number, t, treatment_label
from checker.uncertainty import DEFAULT_DRAWS, population_intervals

KINDS = ("regulatory", "financial", "cost")
# CheckResult.totals keys of each (kind, when).
_FIRM_KEYS = {
    ("regulatory", "now"): "regulatory_now_eur",
    ("regulatory", "scen"): "regulatory_scenario_eur",
    ("regulatory", "saved"): "regulatory_saved_eur",
    ("financial", "now"): "financial_now_eur",
    ("financial", "scen"): "financial_scenario_eur",
    ("financial", "saved"): "financial_saved_eur",
    ("cost", "now"): "cost_now_eur",
    ("cost", "scen"): "cost_scenario_eur",
    ("cost", "saved"): "saved_eur",
    ("transferred", "saved"): "transferred_eur",
}


@dataclass(frozen=True)
class Bands:
    """The 5–95 % interval of each total: (kind, when) → (low, high)."""

    values: dict[tuple[str, str], tuple[float, float]]
    draws: int

    @classmethod
    def of_firm(cls, totals: Mapping[str, float], draws: int = DEFAULT_DRAWS) -> Bands | None:
        """From a CheckResult's totals (None when it was computed without draws)."""
        values = {}
        for key, name in _FIRM_KEYS.items():
            low, high = totals.get(f"{name}_low"), totals.get(f"{name}_high")
            if low is None or high is None:
                return None
            values[key] = (float(low), float(high))
        return cls(values, draws)

    @classmethod
    def of_population(cls, ev: Evaluation, draws: int = DEFAULT_DRAWS) -> Bands | None:
        """Monte Carlo over the population's figures (``draws=0``: no bands)."""
        if draws <= 0:
            return None
        found = population_intervals(ev, n_draws=draws)
        values = {}
        for kind in KINDS:
            for when in ("now", "scen", "saved"):
                _, low, high = found[f"{kind}_{when}"]
                values[kind, when] = (low, high)
        _, low, high = found["transferred"]
        values["transferred", "saved"] = (low, high)
        return cls(values, draws)


def _band_rows(w: SheetWriter, row: int, kind: str, bands: Bands | None, lang: Lang) -> int:
    """Two rows under a total: the low and the high end of its band, per column."""
    if bands is None:
        return row
    for end, label in ((0, t("export.band_from", lang)), (1, t("export.band_to", lang))):
        row += 1
        w.put(row, 1, "    " + label, font=NOTE_FONT)
        for col, when in ((2, "now"), (3, "scen"), (4, "saved")):
            w.put(row, col, bands.values[kind, when][end], EUR0, font=NOTE_FONT)
    return row


def write_totals(
    w: SheetWriter,
    row: int,
    calc: CalcRefs,
    bands: Bands | None,
    transferred: float,
    lang: Lang,
    *,
    obligations: tuple[float, float] | None = None,
    transfer_to: str = "",
) -> int:
    """The totals block from ``row`` on (see the module docstring); returns its last row."""
    wb = w.ws.parent
    w.header(row, ["", *now_and_proposal(lang), t("workbook.saved", lang)])
    if obligations is not None:
        row += 1
        w.put(row, 1, t("workbook.summary.obligations", lang), font=BOLD)
        w.put(row, 2, obligations[0], INT)
        w.put(row, 3, obligations[1], INT)
        w.put(row, 4, Formula(f"B{row}-C{row}"), INT)
    for kind in KINDS:
        row += 1
        bold = BOLD if kind == "regulatory" else None
        w.put(row, 1, t(f"export.total.{kind}", lang), font=bold or BOLD, wrap=True)
        w.put(row, 2, Formula(calc.totals[kind, "now"]), EUR0, font=bold)
        w.put(row, 3, Formula(calc.totals[kind, "scen"]), EUR0, font=bold)
        w.put(row, 4, Formula(f"B{row}-C{row}"), EUR0, font=bold)
        for col, when in ((2, "now"), (3, "scen"), (4, "saved")):
            add_name(wb, TOTAL_NAMES[kind, when], abs_ref(w.title, col, row))
        row = _band_rows(w, row, kind, bands, lang)
        if kind == "financial" and transferred > 0.5:
            row += 1
            w.put(row, 1, "  " + t("export.total.transferred", lang, to=transfer_to), wrap=True)
            w.put(row, 4, transferred, EUR0)
            if bands is not None:
                for end, label in enumerate(
                    (t("export.band_from", lang), t("export.band_to", lang))
                ):
                    row += 1
                    w.put(row, 1, "    " + label, font=NOTE_FONT)
                    w.put(row, 4, bands.values["transferred", "saved"][end], EUR0, font=NOTE_FONT)
        if kind == "regulatory":
            row += 1
            w.put(row, 1, t("workbook.summary.hours", lang), font=BOLD)
            w.put(row, 2, Formula(calc.totals["hours", "now"]), HOURS)
            w.put(row, 3, Formula(calc.totals["hours", "scen"]), HOURS)
            w.put(row, 4, Formula(f"B{row}-C{row}"), HOURS)
    row += 1
    w.put(row, 1, t("workbook.summary.one_off", lang), font=BOLD)
    w.put(row, 2, Formula(calc.totals["one_off", "now"]), EUR0)
    w.put(row, 3, Formula(calc.totals["one_off", "scen"]), EUR0)
    w.put(row, 4, Formula(f"B{row}-C{row}"), EUR0)
    if bands is not None:
        row += 2
        w.note(row, t("export.band_note", lang, draws=fmt_number(bands.draws, lang)), 6)
    return row


def write_changes(
    w: SheetWriter,
    row: int,
    calc: CalcRefs,
    changes: Sequence[ChangedObligation],
    rule_names: Mapping[str, str],
    lang: Lang,
    *,
    firms: bool = False,
) -> int:
    """The obligations that lapse or get lighter, by title, with their regeldruk now, under
    the proposal and saved (live, over Berekening); financial costs in the last columns."""
    if not changes:
        return row
    w.put(row, 1, t("export.summary.changes", lang), font=BOLD)
    row += 1
    headers = [
        column_label("obligation", lang),
        column_label("treatment", lang),
        column_label("regulatory_now", lang),
        column_label("regulatory_scen", lang),
        column_label("regulatory_saved", lang),
        column_label("financial_saved", lang),
    ]
    if firms:
        headers.append(column_label("firms_affected", lang))
    w.header(row, headers)
    for change in changes:
        row += 1
        w.put(row, 1, rule_names[change.rule.id], wrap=True)
        # the same words as the Verplichtingen sheet and the app's table
        w.put(row, 2, treatment_label("exempt" if change.change == "lapses" else "lighter", lang))
        if not change.quantified:
            w.put(row, 3, t("common.not_quantified_short", lang))
        else:
            w.put(row, 3, calc.rule_sum(C_E_NOW, f"$A{row}", "regulatory"), EUR0)
            w.put(row, 4, calc.rule_sum(C_E_SCEN, f"$A{row}", "regulatory"), EUR0)
            w.put(row, 5, Formula(f"C{row}-D{row}"), EUR0)
            now = calc.rule_sum(C_E_NOW, f"$A{row}", "financial")
            scen = calc.rule_sum(C_E_SCEN, f"$A{row}", "financial")
            w.put(row, 6, Formula(f"{now}-{scen}"), EUR0)
        if firms:
            w.put(row, 7, float(np.round(change.firms)), INT)
    return row
