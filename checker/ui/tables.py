"""Result tables for the app and its downloads, built from a :class:`CheckResult`.

Two shapes of the same numbers: ``results_frame`` keeps raw numbers (for the CSV, Excel and
charts) and ``display_frame`` formats them in the reader's notation with "niet
gekwantificeerd" where a rule has no burden figures, so an unknown cost is never shown as € 0.
Headers are the catalogue's column labels (``column.*``), the same words as the workbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from checker.api import ActivityResult, CheckResult, RuleResult
from checker.bilingual import Lang, pick
from checker.i18n import (
    column_label,
    cost_type_label,
    domain_label,
    driver_label,
    fmt_eur,
    fmt_frequency,
    fmt_number,
    t,
    treatment_label,
    workability_label,
)


def not_quantified(lang: Lang) -> str:
    """Shown instead of an amount when a rule has no burden figures (never as € 0)."""
    return t("common.not_quantified", lang)


def status_now(rr: RuleResult, lang: Lang) -> str:
    return t("status.applies", lang) if rr.applies_now else treatment_label("not_applicable", lang)


def status_scenario(rr: RuleResult, lang: Lang) -> str:
    """What happens to the rule for this firm under the proposal, in one word."""
    if not rr.applies_now and not rr.applies_scenario:
        return treatment_label("not_applicable", lang)
    if rr.treatment == "exempt" and not rr.applies_scenario:
        return treatment_label("exempt", lang)
    if rr.treatment == "lighter":
        return treatment_label("lighter", lang)
    return t("status.applies", lang)


def results_frame(result: CheckResult, lang: Lang = "nl") -> pd.DataFrame:
    """One row per rule valid on the date, raw numbers; € and hours are NaN when unquantified."""
    rows: list[dict[str, Any]] = []
    for rr in result.rules:
        rule = rr.rule
        quantified = rr.quantified
        nan = float("nan")
        rows.append(
            {
                "rule_id": rule.id,
                "title": pick(rule.title, lang),
                "domain": rule.domain,
                "domain_label": domain_label(rule.domain, lang),
                "kind": rule.kind,
                "status_now": status_now(rr, lang),
                "status_scenario": status_scenario(rr, lang),
                "treatment": treatment_label(rr.treatment, lang),
                "applies_now": rr.applies_now,
                "applies_scenario": rr.applies_scenario,
                "quantified": quantified,
                "hours_now": rr.hours_now if quantified else nan,
                "cost_now_eur": rr.cost_now_eur if quantified else nan,
                "hours_scenario": rr.hours_scenario if quantified else nan,
                "cost_scenario_eur": rr.cost_scenario_eur if quantified else nan,
                "saved_eur": rr.cost_now_eur - rr.cost_scenario_eur if quantified else nan,
                "workability": rule.workability.grade if rule.workability else None,
                "workability_assumed": bool(
                    rule.workability and rule.workability.basis.is_assumption
                ),
                "law": f"{rule.legal_basis.law} {rule.legal_basis.article}",
                "law_url": rule.legal_basis.url,
                "eu_derived": rule.eu_derived,
            }
        )
    return pd.DataFrame(rows)


def _money(value: float, quantified: bool, applies: bool, lang: Lang) -> str:
    if not applies:
        return "–"
    if not quantified:
        return not_quantified(lang)
    return fmt_eur(value, lang)


def _hours(value: float, quantified: bool, applies: bool, lang: Lang) -> str:
    if not applies:
        return "–"
    if not quantified:
        return not_quantified(lang)
    return fmt_number(value, lang, decimals=1 if 0 < value < 10 else 0)


def display_frame(
    result: CheckResult,
    lang: Lang = "nl",
    domain: str | None = None,
    only_relevant: bool = True,
    kinds: tuple[str, ...] = ("obligation",),
) -> pd.DataFrame:
    """The table the app shows: text columns in the reader's notation, one row per rule.

    ``only_relevant`` keeps rules that apply now or under the scenario (the rest is noise for
    a firm owner); ``domain`` filters on a domain id; ``kinds`` defaults to obligations
    (reliefs and classifications carry no burden and are listed separately).
    """
    raw = results_frame(result, lang)
    if raw.empty:
        return pd.DataFrame()
    raw = raw[raw["kind"].isin(kinds)]
    if domain:
        raw = raw[raw["domain"] == domain]
    if only_relevant:
        raw = raw[raw["applies_now"] | raw["applies_scenario"]]
    q, now, scen = raw["quantified"], raw["applies_now"], raw["applies_scenario"]
    hours = [_hours(h, a, b, lang) for h, a, b in zip(raw["hours_now"], q, now, strict=True)]
    cost = [_money(c, a, b, lang) for c, a, b in zip(raw["cost_now_eur"], q, now, strict=True)]
    cost_scen = [
        _money(c, a, b, lang) for c, a, b in zip(raw["cost_scenario_eur"], q, scen, strict=True)
    ]
    columns = {
        "obligation": raw["title"],
        "domain": raw["domain_label"],
        "status_now": raw["status_now"],
        "status_scen": raw["status_scenario"],
        "treatment": raw["treatment"],
        "hours_now": hours,
        "cost_now": cost,
        "cost_scen": cost_scen,
        "law_url": raw["law_url"],
    }
    out = pd.DataFrame({column_label(k, lang): v for k, v in columns.items()})
    out["id"] = raw["rule_id"]
    return out.reset_index(drop=True)


def _activity_basis(a: ActivityResult, lang: Lang) -> str:
    if not a.assumption:
        return a.basis
    return t("basis.assumption", lang, text=a.basis.removeprefix("aanname: "))


def activity_frame(activities: list[ActivityResult], lang: Lang = "nl") -> pd.DataFrame:
    """The SCM breakdown of one rule: hours × tariff × frequency × quantity, with the basis."""
    rows = []
    for a in activities:
        frequency = fmt_frequency(a.frequency, lang)
        quantity = fmt_number(a.quantity, lang, decimals=1 if a.quantity % 1 else 0)
        cells = {
            "activity": a.label,
            "cost_type": cost_type_label(a.cost_type, lang),
            "hours": fmt_frequency(a.hours, lang),
            "tariff": t("activity.tariff", lang, amount=fmt_eur(a.tariff_eur, lang)),
            "external_eur": fmt_eur(a.external_eur, lang),
            "frequency": t(
                "activity.one_off" if a.one_off else "activity.per_year", lang, count=frequency
            ),
            "quantity": f"{quantity} {driver_label(a.driver, lang)}",
            "hours_total": fmt_number(a.hours_total, lang, decimals=1),
            "cost_total": fmt_eur(a.cost_total, lang),
            "basis": _activity_basis(a, lang),
        }
        rows.append({column_label(k, lang): v for k, v in cells.items()})
    return pd.DataFrame(rows)


def domain_burden(result: CheckResult, lang: Lang = "nl") -> pd.DataFrame:
    """Yearly € per domain, now and under the scenario (long format for a grouped bar chart)."""
    raw = results_frame(result, lang)
    raw = raw[raw["quantified"] & (raw["applies_now"] | raw["applies_scenario"])]
    now_label, scen_label = t("common.now", lang), t("common.proposal", lang)
    grouped = raw.groupby("domain_label", as_index=False)[
        ["cost_now_eur", "cost_scenario_eur"]
    ].sum()
    long = grouped.melt(id_vars="domain_label", var_name="when", value_name="eur")
    long["when"] = long["when"].map({"cost_now_eur": now_label, "cost_scenario_eur": scen_label})
    long["eur_text"] = [fmt_eur(v, lang) for v in long["eur"]]
    return long.rename(columns={"domain_label": "domain"})


def matrix_frame(result: CheckResult, lang: Lang = "nl") -> pd.DataFrame:
    """Regeldrukmatrix points: € per applicable, quantified obligation against workability."""
    raw = results_frame(result, lang)
    raw = raw[raw["applies_now"] & raw["quantified"] & raw["workability"].notna()].copy()
    raw["workability"] = raw["workability"].astype(int)
    raw["workability_label"] = [
        t("chart.matrix.assumed_grade", lang, grade=workability_label(g, lang))
        if assumed
        else workability_label(g, lang)
        for g, assumed in zip(raw["workability"], raw["workability_assumed"], strict=True)
    ]
    raw["eur_text"] = [fmt_eur(v, lang) for v in raw["cost_now_eur"]]
    cols = [
        "rule_id",
        "title",
        "domain_label",
        "cost_now_eur",
        "eur_text",
        "workability",
        "workability_label",
        "workability_assumed",
    ]
    return raw[cols].reset_index(drop=True)


def labelled_csv(
    frame: pd.DataFrame, lang: Lang = "nl", columns: Sequence[str] | None = None
) -> bytes:
    """A result table as CSV for a spreadsheet in the reader's language (see
    :mod:`checker.ui.csv_download`: one convention per language, rounded numbers)."""
    from checker.ui.csv_download import csv_bytes

    return csv_bytes(frame, lang, columns)


def results_csv(result: CheckResult, lang: Lang = "nl") -> bytes:
    """The firm check's download: every rule valid on the date, regeldruk and financial
    costs apart."""
    from checker.ui.csv_download import firm_csv

    return firm_csv(result, lang)
