"""The comparison table as a reader sees it: one row per figure, one column per proposal.

With at most four proposals the table reads down the figures (threshold, phase-in, saving
and its range, financial effect apart, firms reached, firms just above the threshold, the
cliff, obligations changed) and across the proposals; the app, the PDF and the workbook use
the same rows (:data:`ROWS`) so they never disagree on what is shown or how it is named.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from checker.bilingual import Lang
from checker.compare import Comparison
from checker.i18n import fmt_date, fmt_eur_short, fmt_number, fmt_range, t, yes_no
from checker.proposal_text import phase_in_words, threshold_words
from checker.scenario_model import Scenario
from checker.ui.headline import fmt_interval, fmt_rounded


@dataclass(frozen=True)
class Row:
    """One figure of the comparison: the table column, how to write it, for which kind."""

    code: str
    column: str
    kind: str  # threshold | phase_in | text | bool | eur | eur_range | count | obligations
    population_only: bool = False
    firm_only: bool = False


ROWS: tuple[Row, ...] = (
    Row("threshold", "threshold", "threshold"),
    Row("phase_in", "phase_in", "phase_in"),
    Row("in_effect", "in_effect", "bool"),
    Row("regulatory_saved", "regulatory_saved", "eur"),
    Row("regulatory_range", "regulatory_saved", "eur_range"),
    Row("financial_saved", "financial_saved", "eur"),
    Row("financial_range", "financial_saved", "eur_range"),
    Row("transferred", "transferred", "eur"),
    Row("firms_reached", "firms_reached", "count", population_only=True),
    Row("reached", "firms_reached", "bool", firm_only=True),
    Row("firms_just_above", "firms_just_above", "count", population_only=True),
    Row("cliff_eur", "cliff_eur", "eur"),
    Row("obligations_changed", "obligations_changed", "count"),
    Row("obligations", "obligations_now", "obligations", firm_only=True),
)


# Figures about the threshold as it will be: for a proposal not yet in force on the date there
# is no threshold yet, so no cliff and no firm "just above" it (the engine still measures the
# threshold the proposal will have, which a reader took for an effect on the date).
NOT_IN_FORCE_BLANK: tuple[str, ...] = ("firms_just_above", "cliff_eur")


def withheld(column: str, record: pd.Series) -> bool:
    """True when ``column`` means nothing for this proposal on the comparison date: a figure
    about its threshold while the proposal is not yet in force."""
    return column in NOT_IN_FORCE_BLANK and not bool(record.get("in_effect", True))


def withheld_text(lang: Lang, date: Any = None) -> str:
    """'–' with the reason, for a figure :func:`withheld` (just '–' without a date)."""
    if date is None:
        return "–"
    return t("workbench.compare.not_in_force", lang, date=fmt_date(date, lang))


def rows_for(kind: str) -> list[Row]:
    """The rows that mean something for a firm or for a population."""
    return [
        r
        for r in ROWS
        if not (kind == "firm" and r.population_only) and not (kind != "firm" and r.firm_only)
    ]


def row_label(row: Row, lang: Lang) -> str:
    return t(f"workbench.compare.row.{row.code}", lang)


def money_text(value: float, kind: str, lang: Lang) -> str:
    """An amount as the rest of the app writes the same figure: for a firm as its headline
    rounds (checker.ui.headline), for a population as the sector page does (three significant
    digits, millions in words)."""
    return fmt_rounded(value, lang) if kind == "firm" else fmt_eur_short(value, lang)


def money_range(low: float, high: float, kind: str, lang: Lang) -> str:
    """A 5–95 % margin, rounded as :func:`money_text` rounds its centre."""
    if kind == "firm":
        return fmt_interval(low, high, lang)
    return fmt_range(low, high, lang, fmt_eur_short)


def cell_text(
    row: Row,
    record: pd.Series,
    lang: Lang,
    proposal: Scenario | None = None,
    date: Any = None,
    *,
    kind: str = "firm",
) -> str:
    """One cell as text in the reader's notation ('–' for a figure that does not exist);
    ``kind`` is the comparison's ('firm' or a population), which sets how money is rounded."""
    value = record[row.column]
    if row.kind == "threshold" and proposal is not None and date is not None:
        return threshold_words(proposal.threshold_on(date), lang)
    if row.kind == "phase_in" and proposal is not None:
        return phase_in_words(proposal, lang)
    if row.kind in ("text", "threshold", "phase_in"):
        return str(value) if value else t("workbench.compare.none", lang)
    if row.kind == "bool":
        return yes_no(bool(value), lang)
    if row.kind == "eur_range":
        low, high = record[f"{row.column}_low"], record[f"{row.column}_high"]
        return money_range(float(low), float(high), kind, lang)
    if row.kind in ("eur", "count") and withheld(row.column, record):
        return withheld_text(lang, date)
    if row.kind == "obligations":
        now, scen = record["obligations_now"], record["obligations_scen"]
        return f"{fmt_number(now, lang)} → {fmt_number(scen, lang)}"
    number = float(value)
    if not math.isfinite(number):
        return "–"
    return money_text(number, kind, lang) if row.kind == "eur" else fmt_number(number, lang)


def display_table(comparison: Comparison, labels: dict[str, str], lang: Lang) -> pd.DataFrame:
    """The comparison as text: a first column naming the figure, then one per proposal."""
    records = list(comparison.table.iterrows())
    proposals = comparison.proposals
    out: dict[str, list[str]] = {t("workbench.compare.figure", lang): []}
    heads = [labels.get(str(r["proposal"]), str(r["proposal"])) for _, r in records]
    for head in heads:
        out[head] = []
    for row in rows_for(comparison.kind):
        out[t("workbench.compare.figure", lang)].append(row_label(row, lang))
        for head, (_, record), proposal in zip(heads, records, proposals, strict=True):
            out[head].append(
                cell_text(row, record, lang, proposal, comparison.date, kind=comparison.kind)
            )
    return pd.DataFrame(out)
