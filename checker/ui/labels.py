"""Column labels and reader's notation for the app's result tables.

Why here and not in the pages: the engine's tables use stable snake_case keys (``saved_eur``,
``firms_reached``) that downloads and tests rely on; what a reader sees is the column's label
from the message catalogue (``column.saved_eur``, the same words as the CSV and the workbook)
and a figure in the reader's notation (``€ 1.234.567``).  Streamlit's own number formats
follow the *browser* locale, which would make "1,234" mean one-point-two in a Dutch reader's
eyes, so numbers are formatted here with :mod:`checker.i18n.formatting` and the raw numbers
stay in the CSV/Excel downloads.  No Streamlit import: :func:`display_table` is tested directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from checker.bilingual import Lang, pick
from checker.i18n import (
    column_help,
    column_label,
    domain_label,
    fmt_eur,
    fmt_number,
    fmt_percent,
    fmt_quantity,
    t,
    value_label,
    yes_no,
)

Kind = Literal["eur", "number", "hours", "share", "int", "text", "bool"]

# How the values of each result column are shown; columns not listed are text.
COLUMN_KINDS: dict[str, Kind] = {
    # sweep (checker.population.sweep)
    "threshold": "int",
    "firms_reached": "number",
    "saved_eur": "eur",
    "saved_hours": "hours",
    "saved_per_firm_eur": "eur",
    "saved_share": "share",
    "cliff_eur": "eur",
    "bunching_extra_firms": "number",
    "bunching_extra_saved_eur": "eur",
    # population breakdowns (checker.population.aggregate)
    "firms": "number",
    "firms_now": "number",
    "firms_scen": "number",
    "firms_exempted": "number",
    "firms_lighter": "number",
    "firms_affected": "number",
    "hours_now": "hours",
    "hours_scen": "hours",
    "cost_now": "eur",
    "cost_scen": "eur",
    "saved_regulatory": "eur",
    "saved_financial": "eur",
    "transferred": "eur",
    # member batch (checker.population.batch)
    "row": "int",
    "employees": "int",
    "qualifies": "bool",
    "reached": "bool",
    "obligations_now": "int",
    "obligations_scen": "int",
}

# The tables the pages show, and which of their columns (in this order).
SWEEP_COLUMNS = (
    "threshold",
    "firms_reached",
    "saved_regulatory",
    "saved_eur",
    "saved_hours",
    "saved_per_firm_eur",
    "saved_share",
    "cliff_eur",
)
BUNCHING_COLUMNS = ("bunching_extra_firms", "bunching_extra_saved_eur")
BREAKDOWN_COLUMNS = (
    "firms",
    "firms_reached",
    "cost_now",
    "cost_scen",
    "saved_regulatory",
    "saved_financial",
    "saved_eur",
    "hours_now",
    "hours_scen",
    "saved_hours",
)
DOMAIN_COLUMNS = (
    "domain",
    "cost_now",
    "cost_scen",
    "saved_eur",
    "hours_now",
    "hours_scen",
    "saved_hours",
)
RULE_COLUMNS = (
    "rule",
    "domain",
    "treatment",
    "firms_now",
    "firms_exempted",
    "firms_lighter",
    "cost_now",
    "cost_scen",
    "saved_eur",
    "saved_hours",
    "rule_id",
)
MEMBER_COLUMNS = (
    "row",
    "name",
    "employees",
    "reached",
    "saved_eur",
    "cost_now",
    "cost_scen",
    "obligations_now",
    "obligations_scen",
    "saved_hours",
    "hours_now",
    "hours_scen",
    "qualifies",
)
ERROR_COLUMNS = ("row", "column", "message")


def format_value(value: Any, kind: Kind, lang: Lang) -> str:
    """One cell in the reader's notation; missing values show as '–'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if kind == "bool":
        return yes_no(bool(value), lang)
    if kind == "text":
        return str(value)
    number = float(value)
    if kind == "eur":
        return fmt_eur(number, lang)
    if kind == "share":
        return fmt_percent(number, lang, decimals=1)
    if kind == "int":
        return fmt_quantity(number, lang)
    return fmt_number(number, lang)  # number, hours: whole units are what can be defended


@dataclass(frozen=True)
class DisplayTable:
    """A table ready to show: formatted text cells, labelled headers, and per-column hints."""

    frame: pd.DataFrame
    numeric: tuple[str, ...]  # labels of number columns (right-aligned by the page)
    help: dict[str, str]  # label -> help text


def display_table(
    frame: pd.DataFrame, lang: Lang, columns: Sequence[str] | None = None
) -> DisplayTable:
    """The given columns (default: all) labelled in ``lang``, numbers as Dutch/English text."""
    present = [c for c in (columns or frame.columns) if c in frame.columns]
    out: dict[str, list[str]] = {}
    numeric: list[str] = []
    helps: dict[str, str] = {}
    for column in present:
        key = str(column)
        kind = COLUMN_KINDS.get(key, "text")
        label = column_label(key, lang)
        out[label] = [format_value(v, kind, lang) for v in frame[column].tolist()]
        if kind not in ("text", "bool"):
            numeric.append(label)
        help_text = column_help(key, lang)
        if help_text:
            helps[label] = help_text
    return DisplayTable(pd.DataFrame(out, index=frame.index), tuple(numeric), helps)


def with_domain_labels(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """``domain`` ids replaced by their label (e.g. 'arbo' -> 'Arbeidsomstandigheden')."""
    out = frame.copy()
    out["domain"] = [domain_label(str(d), lang) for d in frame["domain"]]
    return out


def with_rule_titles(frame: pd.DataFrame, titles: Mapping[str, Any], lang: Lang) -> pd.DataFrame:
    """A ``rule`` column with each rule's title, and domain/treatment/kind in words."""
    out = with_domain_labels(frame, lang)
    out["rule"] = [pick(titles.get(str(r)), lang, str(r)) for r in frame["rule_id"]]
    for column in ("treatment", "kind"):
        if column in out.columns:
            out[column] = [value_label(column, v, lang) for v in frame[column]]
    return out


def measure_test(measure: str, op: str, value: float, lang: Lang) -> str:
    """A threshold test in words: 'werkzame personen (WOR) < 10', not 'persons_wor < 10'."""
    from checker.measures import MEASURES

    ops = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}
    m = MEASURES.get(measure)
    name = pick(m.label, lang, measure) if m else measure
    return f"{name} {ops.get(op, op)} {fmt_quantity(value, lang)}"


def example_member_csv(lang: Lang = "nl") -> bytes:
    """A small member list in the accepted format, with one deliberately invalid row.

    Semicolon-separated with Dutch headers (as Dutch Excel saves CSV); the fourth firm has
    fewer employees than fte, so users see what an error report looks like.
    """
    headers = ["naam", "werknemers", "fte", "rechtsvorm", "sbi", "omzet", "loonsom"]
    rows: list[Iterable[str]] = [
        ["Metaalbewerking De Vries", "12", "10,5", "bv", "25", "1800000", "540000"],
        ["Constructiebedrijf Jansen", "24", "22", "bv", "25", "3900000", "1150000"],
        ["Machinefabriek Bakker", "60", "55", "nv", "28", "12500000", "3300000"],
        [t("example_members.invalid_row", lang), "5", "9", "bv", "25", "", ""],
        ["Lasbedrijf Smit", "3", "", "eenmanszaak", "25", "", ""],
    ]
    lines = [";".join(headers), *(";".join(r) for r in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8-sig")
