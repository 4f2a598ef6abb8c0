"""The firm pages' tables, built to be read on a laptop screen without scrolling sideways.

* :func:`obligations_frame` — one row per obligation: what it costs now, ONE column with the
  proposal's effect (vrijgesteld / lichter regime / ongewijzigd), what it costs under the proposal, and the
  law as a link.  Text wraps, so nothing is cut off.
* :func:`pending_frame` — announced rules (bills, untransposed EU directives) apart, with their
  status and parliamentary reference; their cost never enters the law's totals.
* :func:`activity_frame` — the Standard Cost Model lines of one obligation, with the figure's
  basis as a reader sees it (rationale and source), never a developer note.
* :func:`then_now_frames` — the same firm under the law of two dates.

Cells are Markdown (for ``st.table``); amounts are whole euros in the reader's notation.  No
Streamlit import: tested directly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from checker.api import ActivityResult, CheckResult, RuleResult
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.history import ThenAndNow
from checker.i18n import (
    column_label,
    cost_type_label,
    driver_label,
    fmt_date,
    fmt_eur,
    fmt_exact,
    fmt_frequency,
    fmt_number,
    fmt_percent,
    t,
    treatment_label,
)
from checker.rule_model import Rule
from checker.ui.sources import reader_basis


def md(text: str) -> str:
    """Plain text made safe for a Markdown table cell (brackets, pipes, stars shown as typed)."""
    return re.sub(r"([\\`*_\[\]|<>#])", r"\\\1", str(text)).replace("\n", " ")


def markdown_table(frame: pd.DataFrame, right: Sequence[str] = ()) -> str:
    """A small table as Markdown (cells already Markdown), amount columns right-aligned.

    Much lighter than a table element per expander: thirty of them render in milliseconds.
    """

    def cell(value: object) -> str:  # cells are Markdown already: escape only bare pipes
        return re.sub(r"(?<!\\)\|", r"\\|", str(value)).replace("\n", " ")

    columns = [str(c) for c in frame.columns]
    head = "| " + " | ".join(md(c) for c in columns) + " |"
    rule = "|" + "".join("---:|" if c in right else "---|" for c in columns)
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def law_link(rule: Rule) -> str:
    """'[Arbowet art. 5](https://wetten.overheid.nl/…)' — the article as a link."""
    basis = rule.legal_basis
    return f"[{md(f'{basis.law} {basis.article}')}]({basis.url})"


def cost_kind(rr: RuleResult) -> str:
    """'regulatory', 'financial' or 'both': which kind of burden a rule's figures are."""
    types = {a.cost_type for a in rr.rule.activities}
    financial = "financial" in types
    if financial and len(types) > 1:
        return "both"
    return "financial" if financial else "regulatory"


def cost_kind_label(kind: str, lang: Lang) -> str:
    return t(f"firm.cost_kind.{kind}", lang)


def effect_label(rr: RuleResult, lang: Lang) -> str:
    """The proposal's effect on this obligation for this firm, in one word."""
    if not rr.applies_now:
        if rr.applies_scenario:
            return t("status.applies", lang)
        return "–"
    if rr.treatment in ("exempt", "lighter"):
        return treatment_label(rr.treatment, lang)  # the words of every other page
    return treatment_label("unchanged", lang)


def _amount(rr: RuleResult, value: float, applies: bool, lang: Lang) -> str:
    if not applies:
        return t("firm.table.does_not_apply", lang)
    if not rr.quantified:
        return t("common.not_quantified", lang)
    return fmt_eur(value, lang)


def obligations_frame(
    result: CheckResult,
    lang: Lang,
    *,
    domain: str | None = None,
    show_all: bool = False,
) -> pd.DataFrame:
    """The obligations table (law in force only; announced rules are in :func:`pending_frame`).

    Without a proposal the effect and "under the proposal" columns are left out.  The hidden
    ``rule_id`` column lets the page find the rows it shows.
    """
    with_proposal = result.scenario is not None
    rows = []
    for rr in result.rules:
        if rr.rule.kind != "obligation" or rr.pending:
            continue
        if domain and rr.rule.domain != domain:
            continue
        if not show_all and not (rr.applies_now or rr.applies_scenario):
            continue
        row = {
            column_label("obligation", lang): md(pick(rr.rule.title, lang)),
            t("firm.table.kind", lang): cost_kind_label(cost_kind(rr), lang)
            if rr.quantified
            else "–",
            column_label("cost_now", lang): _amount(rr, rr.cost_now_eur, rr.applies_now, lang),
        }
        if with_proposal:
            row[t("firm.table.effect", lang)] = effect_label(rr, lang)
            row[column_label("cost_scen", lang)] = _amount(
                rr, rr.cost_scenario_eur, rr.applies_scenario, lang
            )
        row[column_label("law", lang)] = law_link(rr.rule)
        row["rule_id"] = rr.rule.id
        rows.append(row)
    return pd.DataFrame(rows)


NUMERIC_COLUMNS = ("cost_now", "cost_scen")


def numeric_labels(lang: Lang) -> list[str]:
    """The labels of the amount columns (right-aligned in the table)."""
    return [column_label(key, lang) for key in NUMERIC_COLUMNS]


def pending_status_label(rule: Rule, lang: Lang) -> str:
    return t(f"firm.pending.status.{rule.status}", lang)


def pending_frame(result: CheckResult, lang: Lang) -> pd.DataFrame:
    """Announced rules that would apply to this firm: status, start, reference and € a year."""
    rows = []
    for rr in result.rules:
        if not rr.pending or not rr.applies_now:
            continue
        rule = rr.rule
        ref = rule.legislative_ref
        reference = f"[{md(ref.reference)}]({ref.url})" if ref else "–"
        rows.append(
            {
                column_label("obligation", lang): md(pick(rule.title, lang)),
                t("firm.pending.column.status", lang): pending_status_label(rule, lang),
                t("firm.pending.column.from", lang): fmt_date(rule.valid_from, lang),
                t("firm.pending.column.reference", lang): reference,
                t("firm.pending.column.cost", lang): _amount(rr, rr.cost_now_eur, True, lang)
                if rule.kind == "obligation"
                else t("firm.pending.relief", lang),
                "rule_id": rule.id,
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class ActivityTable:
    """The SCM lines of one obligation: a narrow table, and the basis of its figures as
    numbered notes below it (the sources are long; in a column they pushed the table past the
    edge of the page)."""

    frame: pd.DataFrame
    notes: list[str]

    def markdown(self, right: Sequence[str] = ()) -> str:
        table = markdown_table(self.frame, right)
        notes = "\n".join(f"{i}. {note}" for i, note in enumerate(self.notes, start=1))
        return f"{table}\n\n{notes}" if notes else table


def activity_frame(
    activities: Sequence[ActivityResult],
    rule: Rule,
    catalogue: Catalogue,
    lang: Lang,
    *,
    with_notes: bool = True,
) -> ActivityTable:
    """The SCM lines of one obligation (hours × tariff × frequency × quantity + external €),
    each activity marked '[n]' for the note below that gives the basis of its figures as a
    reader sees it (the same basis once; a marker, not a column, so the table fits its box).
    ``with_notes=False`` for the proposal's lighter figures: today's notes would not describe
    them.  Frequencies and hours keep their decimals (:func:`checker.i18n.fmt_frequency`)."""
    by_id = {a.id: a for a in rule.activities}
    rows = []
    notes: list[str] = []
    for a in activities:
        model = by_id.get(a.id)
        basis = (
            reader_basis(model.basis, catalogue, lang).markdown(lang)
            if model and with_notes
            else ""
        )
        if basis and basis not in notes:
            notes.append(basis)
        frequency = t(
            "activity.one_off" if a.one_off else "activity.per_year",
            lang,
            count=fmt_frequency(a.frequency, lang),
        )
        quantity = fmt_exact(a.quantity, lang, most=1)
        # 'arbodienst/basiscontract' may wrap after its slash: the table keeps inside its box
        label = md(a.label).replace("/", "/\u200b")
        cells = {
            "activity": f"{label} [{notes.index(basis) + 1}]" if basis else label,
            "cost_type": cost_type_label(a.cost_type, lang),
            "hours": fmt_frequency(a.hours, lang),
            "tariff": t("activity.tariff", lang, amount=fmt_eur(a.tariff_eur, lang)),
            "external_eur": fmt_eur(a.external_eur, lang),
            "frequency": frequency,
            "quantity": f"{quantity} {driver_label(a.driver, lang)}",
            "cost_total": fmt_eur(a.cost_total, lang),
        }
        if a.driver in AMOUNT_DRIVERS:
            cells.update(_amount_cells(a, lang))
        rows.append({column_label(k, lang): v for k, v in cells.items()})
    return ActivityTable(pd.DataFrame(rows), notes)


# Drivers that are an amount in euros (sick pay: a share of the wages for days lost).
AMOUNT_DRIVERS = frozenset({"wage_bill_eur", "sick_wage_eur"})


def _amount_cells(a: ActivityResult, lang: Lang) -> dict[str, str]:
    """A line that is a share of an amount, written as the sum it is — '€ 45.725 loon over
    ziektedagen' × '61,6 % van het bedrag' — not as '€ 1 per time, 0,616 per year, 45.724,9
    per euro', which reads like an error."""
    share = a.frequency * a.external_eur
    percent = 100 * share
    decimals = 0 if abs(percent - round(percent)) < 1e-9 else 1
    return {
        "hours": "–",
        "tariff": "–",
        "external_eur": "–",
        "frequency": t(
            "activity.share_of_amount", lang, share=fmt_percent(share, lang, decimals=decimals)
        ),
        "quantity": f"{fmt_eur(a.quantity, lang)} {t(f'driver_amount.{a.driver}', lang)}",
    }


def then_now_frames(tn: ThenAndNow, lang: Lang) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(totals then vs now, obligations that started or ended between the two dates)."""
    then, now = fmt_date(tn.then, lang), fmt_date(tn.now, lang)
    labels = {
        "obligations": t("firm.overview.obligations", lang),
        "regulatory_eur": t("firm.overview.regulatory", lang),
        "financial_eur": t("firm.overview.financial", lang),
        "cost_eur": t("firm.overview.total", lang),
        "hours": t("firm.overview.hours", lang),
    }
    totals = []
    values = tn.totals.to_dict(orient="index")
    for key, label in labels.items():
        before, after = float(values[key]["then"]), float(values[key]["now"])
        money = key.endswith("_eur")
        show = (lambda v: fmt_eur(v, lang)) if money else (lambda v: fmt_number(v, lang))
        diff = after - before
        sign = "+\u00a0" if diff > 0.5 else "−\u00a0" if diff < -0.5 else ""
        totals.append(
            {
                "": label,
                then: show(before),
                now: show(after),
                t("firm.history.column.difference", lang): sign + show(abs(diff)),
            }
        )
    changes = tn.rules[tn.rules["change"] != "continued"]
    rows = [
        {
            column_label("obligation", lang): md(str(r["title"])),
            t("firm.history.column.change", lang): t(f"firm.history.change.{r['change']}", lang),
            t("firm.history.column.cost_then", lang, date=then): "–"
            if r["change"] == "new"
            else fmt_eur(float(r["cost_then"]), lang),
            t("firm.history.column.cost_now", lang, date=now): "–"
            if r["change"] == "ended"
            else fmt_eur(float(r["cost_now"]), lang),
        }
        for _, r in changes.iterrows()
    ]
    return pd.DataFrame(totals), pd.DataFrame(rows)
