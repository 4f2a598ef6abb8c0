"""The Aannames sheet: every tariff, ratio and legal amount the calculation rests on.

A reader who disagrees with a figure must find it, see where it comes from and change it:

* what the user changed (their own tariff, absence rate, hours) comes first, each next to the
  sourced value it replaces;
* the hourly tariffs are yellow input cells with a defined name (``tarief_intern``), and so is
  every activity figure the user changed (``cijfer_1``…): the Berekening formulas use exactly
  these cells, so changing one moves every total;
* ratios and legal amounts follow with their range, year, source and the rationale written for
  readers (never the developer notes kept beside them in the data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment

from checker.assumptions import FIGURE_FIELDS
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.export.reader_words import basis_words, rule_names
from checker.export.report_content import field_value
from checker.export.workbook_common import (
    CHANGED_FILL,
    EUR,
    INPUT_FILL,
    INT,
    SheetWriter,
    abs_ref,
    add_name,
    add_sheet,
    defined_name_for,
)
from checker.i18n import (
    column_label,
    fmt_date,
    fmt_exact,
    fmt_number,
    fmt_percent,
    t,
    unit_label,
)
from checker.i18n.formatting import decimals_of
from checker.ui.profiles import field_label

RATE = "#,##0.####"
FIGURE = "#,##0.0##"
WIDTHS = [40, 12, 16, 13, 13, 7, 14, 66, 28, 18]
LAST_COL = len(WIDTHS)
RIGHT = Alignment(horizontal="right", vertical="top")


@dataclass(frozen=True)
class ChangedFigure:
    """An assumption the user changed: what, the value used, and the sourced value."""

    kind: str  # tariff | rate | figure
    key: str  # tariff id, rate id, or (rule id, activity id, field) joined by dots
    label: str
    value: float
    sourced: float
    unit: str


def changed_assumptions(
    catalogue: Catalogue, tariffs: Mapping[str, float], lang: Lang
) -> list[ChangedFigure]:
    """What differs from the sourced values: the user's overrides (the catalogue carries the
    sourced one it was derived from) and any tariff the result was priced at."""
    base = catalogue.sourced or catalogue
    out: list[ChangedFigure] = []
    per_hour = t("workbook.assumptions.eur_per_hour", lang)
    for tid, tariff in catalogue.tariffs.items():
        sourced = base.tariffs[tid].eur_per_hour if tid in base.tariffs else tariff.eur_per_hour
        used = float(tariffs.get(tid, tariff.eur_per_hour))
        if used != sourced:
            out.append(
                ChangedFigure("tariff", tid, pick(tariff.label, lang), used, sourced, per_hour)
            )
    for rid, rate in catalogue.rates.items():
        sourced_rate = base.rates.get(rid)
        if sourced_rate is not None and sourced_rate.value != rate.value:
            out.append(
                ChangedFigure(
                    "rate",
                    rid,
                    pick(rate.label, lang),
                    rate.value,
                    sourced_rate.value,
                    unit_label(rate.unit, lang),
                )
            )
    base_rules = base.rules_by_id
    names = rule_names(catalogue.rules, lang)
    for rule in catalogue.rules:
        base_rule = base_rules.get(rule.id)
        if base_rule is None or base_rule is rule:
            continue
        base_acts = {a.id: a for a in base_rule.activities}
        for act in rule.activities:
            before = base_acts.get(act.id)
            if before is None:
                continue
            for name in FIGURE_FIELDS:
                value, old = float(getattr(act, name)), float(getattr(before, name))
                if value != old:
                    label = t(
                        "export.assumptions.figure_label",
                        lang,
                        rule=names[rule.id],
                        activity=pick(act.label, lang),
                        figure=t(f"export.figure.{name}", lang),
                    )
                    key = f"{rule.id}.{act.id}.{name}"
                    unit = "€" if name == "external_eur" else t(f"export.figure_unit.{name}", lang)
                    out.append(ChangedFigure("figure", key, label, value, old, unit))
    return out


@dataclass
class AssumptionRefs:
    """The defined names the Berekening formulas use."""

    tariff_names: dict[str, str] = field(default_factory=dict)  # tariff id → defined name
    figure_names: dict[tuple[str, str, str], str] = field(default_factory=dict)


def _section(w: SheetWriter, row: int, title: str, headers: Sequence[str]) -> int:
    w.section(row, title, LAST_COL)
    w.header(row + 1, headers)
    return row + 1


def write_assumptions_sheet(
    wb: Workbook,
    catalogue: Catalogue,
    date: dt.date,
    tariffs: dict[str, float],
    lang: Lang,
    assumed_fields: Sequence[tuple[str, Any, str]] = (),
) -> AssumptionRefs:
    """The sheet (see the module docstring); returns the names the formulas refer to."""
    w = add_sheet(wb, "assumptions", lang)
    w.widths(WIDTHS)
    refs = AssumptionRefs()
    w.title_row(1, t("workbook.assumptions.title", lang))
    w.note(2, t("export.assumptions.note", lang), LAST_COL)
    changes = changed_assumptions(catalogue, tariffs, lang)
    row = 4
    first_header = row + 1
    if changes:
        row = _changed_section(w, wb, row, changes, refs, lang) + 2
    row = _tariffs_section(w, wb, row, catalogue, tariffs, changes, refs, lang) + 2
    row = _rates_section(w, row, catalogue, changes, lang) + 2
    row = _legal_amounts_section(w, row, catalogue, date, lang)
    if assumed_fields:
        row = _profile_section(w, row + 2, assumed_fields, lang)
    w.finish(first_header)
    return refs


def _changed_section(
    w: SheetWriter,
    wb: Workbook,
    row: int,
    changes: Sequence[ChangedFigure],
    refs: AssumptionRefs,
    lang: Lang,
) -> int:
    """What the user changed, beside the sourced value; changed activity figures are the
    named input cells of the Berekening formulas."""
    row = _section(
        w,
        row,
        t("export.assumptions.changed_heading", lang),
        [
            t("export.assumptions.item", lang),
            t("export.assumptions.used", lang),
            column_label("unit", lang),
            t("export.assumptions.sourced", lang),
        ],
    )
    w.note(row + 1, t("export.assumptions.changed_note", lang), LAST_COL)
    row += 1
    n = 0
    for change in changes:
        row += 1
        w.put(row, 1, change.label, wrap=True)
        fmt = EUR if change.kind == "tariff" or change.unit == "€" else FIGURE
        if change.kind == "figure":
            n += 1
            name = defined_name_for("cijfer", str(n))
            w.put(row, 2, change.value, fmt, fill=INPUT_FILL)
            w.put(row, 10, name)
            rule_id, act_id, figure = change.key.split(".")
            refs.figure_names[rule_id, act_id, figure] = add_name(
                wb, name, abs_ref(w.title, 2, row)
            )
        else:
            w.put(row, 2, change.value, fmt if change.kind == "tariff" else RATE, fill=CHANGED_FILL)
        w.put(row, 3, change.unit)
        w.put(row, 4, change.sourced, fmt if change.kind != "rate" else RATE)
    return row


def _tariffs_section(
    w: SheetWriter,
    wb: Workbook,
    row: int,
    catalogue: Catalogue,
    tariffs: dict[str, float],
    changes: Sequence[ChangedFigure],
    refs: AssumptionRefs,
    lang: Lang,
) -> int:
    row = _section(
        w,
        row,
        t("workbook.assumptions.tariffs", lang),
        [
            t("export.assumptions.tariff", lang),
            t("workbook.assumptions.eur_per_hour", lang),
            "",
            t("export.band_low", lang),
            t("export.band_high", lang),
            column_label("year", lang),
            column_label("basis", lang),
            column_label("explanation", lang),
            t("export.link", lang),
            t("workbook.assumptions.formula_name", lang),
        ],
    )
    changed = {c.key for c in changes if c.kind == "tariff"}
    for tid, tariff in catalogue.tariffs.items():
        row += 1
        words = basis_words(tariff.basis, catalogue, lang)
        value = float(tariffs.get(tid, tariff.eur_per_hour))
        name = defined_name_for("tarief", tid)
        w.put(row, 1, pick(tariff.label, lang), wrap=True)
        w.put(row, 2, value, EUR, fill=INPUT_FILL)
        w.put(row, 4, tariff.low, EUR)
        w.put(row, 5, tariff.high, EUR)
        w.put(row, 6, tariff.year)
        w.put(row, 7, t("export.changed_by_user", lang) if tid in changed else words.kind(lang))
        w.put(row, 8, words.text(lang), wrap=True)
        w.link(row, 9, words.url or "", words.url)
        w.put(row, 10, name)
        refs.tariff_names[tid] = add_name(wb, name, abs_ref(w.title, 2, row))
    for tid in sorted(set(tariffs) - set(catalogue.tariffs)):  # tariffs given only at export
        row += 1
        name = defined_name_for("tarief", tid)
        w.put(row, 1, tid)
        w.put(row, 2, float(tariffs[tid]), EUR, fill=INPUT_FILL)
        w.put(row, 7, t("export.changed_by_user", lang))
        w.put(row, 10, name)
        refs.tariff_names[tid] = add_name(wb, name, abs_ref(w.title, 2, row))
    return row


def _size_text(rate: Any, lang: Lang) -> str:
    """'Naar bedrijfsgrootte: vanaf 0 werknemers 3,0 %; vanaf 10 4,8 %; …' (share as %)."""
    parts = []
    for item in rate.by_size:
        parts.append(
            t(
                "export.assumptions.from_size",
                lang,
                size=fmt_number(item.min_employees, lang),
                value=_rate_value(item.value, rate.unit, lang),
            )
        )
    return t("export.assumptions.by_size", lang, values="; ".join(parts))


def _rate_value(value: float, unit: str, lang: Lang) -> str:
    """A rate as its source writes it (a share as a percentage), never rounded away:
    0,0296 stays 0,0296 (one decimal would print 0,0)."""
    if value < 1 and ("deel" in unit or "share" in unit):
        return fmt_percent(value, lang, decimals=max(1, decimals_of(value * 100, 2)))
    return fmt_exact(value, lang, most=4)


def _rates_section(
    w: SheetWriter, row: int, catalogue: Catalogue, changes: Sequence[ChangedFigure], lang: Lang
) -> int:
    row = _section(
        w,
        row,
        t("workbook.assumptions.rates", lang),
        [
            t("export.assumptions.rate", lang),
            column_label("value", lang),
            column_label("unit", lang),
            t("export.band_low", lang),
            t("export.band_high", lang),
            column_label("year", lang),
            column_label("basis", lang),
            column_label("explanation", lang),
            t("export.link", lang),
        ],
    )
    changed = {c.key for c in changes if c.kind == "rate"}
    for rid, rate in catalogue.rates.items():
        row += 1
        words = basis_words(rate.basis, catalogue, lang)
        text = words.text(lang)
        if rate.by_size:
            text += " " + _size_text(rate, lang)
        if rate.by_section:
            values = "; ".join(
                f"{k} {_rate_value(v, rate.unit, lang)}" for k, v in sorted(rate.by_section.items())
            )
            text += " " + t("export.assumptions.by_section", lang, values=values)
        w.put(row, 1, pick(rate.label, lang), wrap=True)
        w.put(row, 2, rate.value, RATE, fill=CHANGED_FILL if rid in changed else None)
        w.put(row, 3, unit_label(rate.unit, lang), wrap=True)
        w.put(row, 4, rate.low, RATE)
        w.put(row, 5, rate.high, RATE)
        w.put(row, 6, rate.year)
        w.put(row, 7, t("export.changed_by_user", lang) if rid in changed else words.kind(lang))
        w.put(row, 8, text, wrap=True)
        w.link(row, 9, words.url or "", words.url)
    return row


def _legal_amounts_section(
    w: SheetWriter, row: int, catalogue: Catalogue, date: dt.date, lang: Lang
) -> int:
    row = _section(
        w,
        row,
        t("workbook.assumptions.legal_amounts", lang, date=fmt_date(date, lang)),
        [
            t("export.assumptions.amount", lang),
            column_label("value", lang),
            column_label("unit", lang),
            "",
            "",
            t("workbook.assumptions.valid_from", lang),
            column_label("basis", lang),
            column_label("explanation", lang),
            t("export.link", lang),
        ],
    )
    for param in catalogue.parameters.values():
        entry = param.entry_on(date)
        row += 1
        w.put(row, 1, pick(param.label, lang), wrap=True)
        if entry is None:
            w.put(row, 2, t("workbook.assumptions.not_in_force", lang))
            continue
        words = basis_words(entry.basis, catalogue, lang)
        w.put(row, 2, entry.value, INT if float(entry.value).is_integer() else RATE)
        w.put(row, 3, unit_label(param.unit, lang))
        w.put(row, 6, entry.valid_from)
        w.put(row, 7, words.kind(lang))
        w.put(row, 8, words.text(lang), wrap=True)
        w.link(row, 9, words.url or "", words.url)
    return row


def _profile_section(
    w: SheetWriter, row: int, assumed: Sequence[tuple[str, Any, str]], lang: Lang
) -> int:
    """The firm's values that were not given, with how each was filled in."""
    row = _section(
        w,
        row,
        t("workbook.assumptions.profile", lang),
        [
            t("export.assumptions.input", lang),
            column_label("value", lang),
            "",
            "",
            "",
            "",
            "",
            t("export.assumptions.how", lang),
        ],
    )
    for name, value, explanation in assumed:
        row += 1
        w.put(row, 1, field_label(name, lang), wrap=True)
        w.put(row, 2, field_value(name, value, lang)).alignment = RIGHT
        w.put(row, 8, explanation, wrap=True)
    return row
