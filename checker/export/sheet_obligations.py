"""The Verplichtingen sheet: one row per obligation, by its title, with its law as a link.

What the proposal does to it (its effect for this firm or these firms, not the proposal's
general treatment), and its yearly hours and € as SUMIFS over the Berekening sheet, with
regeldruk and financial costs in columns of their own.  Announced rules (bills) are not law
yet and are listed on a sheet of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from checker.bilingual import Lang
from checker.evaluation import Evaluation
from checker.export.report_content import law_reference
from checker.export.sheet_calculation import C_E_NOW, C_E_SCEN, C_H_NOW, CalcRefs
from checker.export.sheet_charts import DomainSource
from checker.export.workbook_common import EUR0, HOURS, Formula, add_sheet
from checker.i18n import column_label, domain_label, kind_label, t


@dataclass
class Column:
    """One column of the sheet: header, width, format and a value per rule."""

    header: str
    width: float
    value: Callable[[int, int], Any]  # (rule index, sheet row) → value or Formula
    fmt: str | None = None
    wrap: bool = False
    money: bool = False  # a figure column: "not quantified" for a rule without cost lines


def write_obligations_sheet(
    wb: Workbook,
    ev: Evaluation,
    calc: CalcRefs,
    rule_names: dict[str, str],
    lang: Lang,
    *,
    effect_of: Callable[[int], str],
    middle: Sequence[Column] = (),
    tail: Sequence[Column] = (),
    order: Iterable[int] | None = None,
) -> DomainSource:
    """The sheet (see the module docstring); ``effect_of(r)`` is the proposal's effect on
    rule ``r`` in words.  Returns where the per-rule regeldruk is, for the domain chart."""
    w = add_sheet(wb, "obligations", lang)
    w.title_row(1, t("workbook.obligations.title", lang))
    hdr = 4
    rules = ev.rules

    def per_rule(value_col: int, kind: str = "cost") -> Callable[[int, int], Any]:
        return lambda r, row: calc.rule_sum(value_col, f"$A{row}", kind)

    base: list[Column] = [
        Column(
            column_label("obligation", lang), 34, lambda r, _: rule_names[rules[r].id], wrap=True
        ),
        Column(column_label("kind", lang), 12, lambda r, _: kind_label(rules[r].kind, lang)),
        Column(
            column_label("domain", lang),
            20,
            lambda r, _: domain_label(rules[r].domain, lang),
            wrap=True,
        ),
        # LibreOffice does not wrap a hyperlink cell, so the law gets room on one line.
        Column(column_label("law", lang), 34, lambda r, _: None),
        Column(column_label("eu_derived", lang), 8, lambda r, _: rules[r].eu_derived),
    ]
    effect = Column(column_label("treatment", lang), 14, lambda r, _: effect_of(r), wrap=True)
    money: list[Column] = [
        Column(column_label("quantified", lang), 15, lambda r, _: bool(rules[r].activities)),
        Column(column_label("hours_now", lang), 10, per_rule(C_H_NOW), HOURS, money=True),
        Column(
            column_label("regulatory_now", lang),
            13,
            per_rule(C_E_NOW, "regulatory"),
            EUR0,
            money=True,
        ),
        Column(
            column_label("regulatory_scen", lang),
            13,
            per_rule(C_E_SCEN, "regulatory"),
            EUR0,
            money=True,
        ),
    ]
    columns = [*base, *middle, effect, *money]
    now_col = len(columns) - 1
    scen_col = len(columns)
    now_l, scen_l = get_column_letter(now_col), get_column_letter(scen_col)
    columns += [
        Column(
            column_label("regulatory_saved", lang),
            13,
            lambda r, row: Formula(f"{now_l}{row}-{scen_l}{row}"),
            EUR0,
            money=True,
        ),
        Column(
            column_label("financial_now", lang),
            13,
            per_rule(C_E_NOW, "financial"),
            EUR0,
            money=True,
        ),
        Column(
            column_label("financial_scen", lang),
            13,
            per_rule(C_E_SCEN, "financial"),
            EUR0,
            money=True,
        ),
        *tail,
    ]
    w.widths([c.width for c in columns])
    w.note(2, t("export.obligations.note", lang), min(len(columns), 12))
    w.header(hdr, [c.header for c in columns])
    row = hdr
    listed = [r for r in (order if order is not None else range(len(rules))) if not ev.pending[r]]
    for r in listed:
        row += 1
        for c, col in enumerate(columns, start=1):
            if c == 4:
                lb = rules[r].legal_basis
                w.link(row, c, law_reference(rules[r]), lb.url)
                continue
            if col.money and not rules[r].activities:
                w.put(row, c, t("common.not_quantified_short", lang))
                continue
            w.put(row, c, col.value(r, row), col.fmt, wrap=col.wrap)
    last = max(row, hdr + 1)
    w.finish(hdr, freeze_col=2, autofilter=f"A{hdr}:{get_column_letter(len(columns))}{last}")
    return DomainSource(w.title, hdr + 1, last, 3, now_col, scen_col)
