"""Result tables for the app and its downloads, built from a :class:`CheckResult`.

Two shapes of the same numbers: ``results_frame`` keeps raw numbers (for the CSV, Excel and
charts) and ``display_frame`` formats them the Dutch way with "niet gekwantificeerd" where a
rule has no burden figures, so an unknown cost is never shown as € 0.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from checker.api import ActivityResult, CheckResult, RuleResult
from checker.bilingual import Lang, pick
from checker.i18n import tr
from checker.numbers import fmt_eur, fmt_number
from checker.rule_model import COST_TYPE_LABELS, DOMAIN_LABELS, DRIVER_LABELS

NOT_QUANTIFIED = {"nl": "niet gekwantificeerd", "en": "not quantified"}
WORKABILITY_LABELS = {
    1: {"nl": "goed werkbaar", "en": "workable"},
    2: {"nl": "redelijk werkbaar", "en": "fairly workable"},
    3: {"nl": "matig werkbaar", "en": "hardly workable"},
    4: {"nl": "niet werkbaar", "en": "not workable"},
}


def status_now(rr: RuleResult, lang: Lang) -> str:
    return tr("van toepassing", "applies", lang) if rr.applies_now else tr("n.v.t.", "n/a", lang)


def status_scenario(rr: RuleResult, lang: Lang) -> str:
    if not rr.applies_now and not rr.applies_scenario:
        return tr("n.v.t.", "n/a", lang)
    if rr.treatment == "exempt" and not rr.applies_scenario:
        return tr("vrijgesteld", "exempt", lang)
    if rr.treatment == "lighter":
        return tr("lichter", "lighter", lang)
    return tr("van toepassing", "applies", lang)


def treatment_label(rr: RuleResult, lang: Lang) -> str:
    labels = {
        "exempt": tr("vrijstelling", "exemption", lang),
        "lighter": tr("lichter regime", "lighter regime", lang),
        "unchanged": tr("ongewijzigd", "unchanged", lang),
        "not_applicable": "–",
    }
    return labels.get(rr.treatment, rr.treatment)


def results_frame(result: CheckResult, lang: Lang = "nl") -> pd.DataFrame:
    """One row per rule valid on the date, raw numbers; € and hours are NaN when unquantified."""
    rows: list[dict[str, Any]] = []
    for rr in result.rules:
        rule = rr.rule
        quantified = rr.quantified
        nan = float("nan")
        rows.append({
            "rule_id": rule.id,
            "title": pick(rule.title, lang),
            "domain": rule.domain,
            "domain_label": pick(DOMAIN_LABELS.get(rule.domain), lang, rule.domain),
            "kind": rule.kind,
            "status_now": status_now(rr, lang),
            "status_scenario": status_scenario(rr, lang),
            "treatment": treatment_label(rr, lang),
            "applies_now": rr.applies_now,
            "applies_scenario": rr.applies_scenario,
            "quantified": quantified,
            "hours_now": rr.hours_now if quantified else nan,
            "cost_now_eur": rr.cost_now_eur if quantified else nan,
            "hours_scenario": rr.hours_scenario if quantified else nan,
            "cost_scenario_eur": rr.cost_scenario_eur if quantified else nan,
            "saved_eur": rr.cost_now_eur - rr.cost_scenario_eur if quantified else nan,
            "workability": rule.workability.grade if rule.workability else None,
            "workability_assumed": bool(rule.workability and rule.workability.basis.is_assumption),
            "law": f"{rule.legal_basis.law} {rule.legal_basis.article}",
            "law_url": rule.legal_basis.url,
            "eu_derived": rule.eu_derived,
        })  # fmt: skip
    return pd.DataFrame(rows)


def _money(value: float, quantified: bool, applies: bool, lang: Lang) -> str:
    if not applies:
        return "–"
    if not quantified:
        return NOT_QUANTIFIED[lang]
    return fmt_eur(value, 0, lang)


def _hours(value: float, quantified: bool, applies: bool, lang: Lang) -> str:
    if not applies:
        return "–"
    if not quantified:
        return NOT_QUANTIFIED[lang]
    return fmt_number(value, 1 if 0 < value < 10 else 0, lang)


def display_frame(result: CheckResult, lang: Lang = "nl", domain: str | None = None,
                  only_relevant: bool = True, kinds: tuple[str, ...] = ("obligation",),
                  ) -> pd.DataFrame:  # fmt: skip
    """The table the app shows: text columns in Dutch notation, one row per rule.

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
    out = pd.DataFrame({
        tr("Verplichting", "Obligation", lang): raw["title"],
        tr("Domein", "Domain", lang): raw["domain_label"],
        tr("Nu", "Now", lang): raw["status_now"],
        tr("Voorstel", "Proposal", lang): raw["status_scenario"],
        tr("Behandeling", "Treatment", lang): raw["treatment"],
        tr("Uren/jaar nu", "Hours/year now", lang): hours,
        tr("€/jaar nu", "€/year now", lang): cost,
        tr("€/jaar voorstel", "€/year proposal", lang): cost_scen,
        tr("Wet", "Law", lang): raw["law_url"],
        "id": raw["rule_id"],
    })  # fmt: skip
    return out.reset_index(drop=True)


def activity_frame(activities: list[ActivityResult], lang: Lang = "nl") -> pd.DataFrame:
    """The SCM breakdown of one rule: hours × tariff × frequency × quantity, with the basis."""
    rows = []
    for a in activities:
        basis = (tr("aanname", "assumption", lang) + ": " + a.basis.removeprefix("aanname: ")) \
            if a.assumption else a.basis  # fmt: skip
        per = (
            tr(" (eenmalig)", " (one-off)", lang)
            if a.one_off
            else tr(" per jaar", " per year", lang)
        )
        freq = fmt_number(a.frequency, 2 if a.frequency % 1 else 0, lang) + per
        rows.append({
            tr("Activiteit", "Activity", lang): a.label,
            tr("Soort", "Type", lang): pick(COST_TYPE_LABELS.get(a.cost_type), lang, a.cost_type),
            tr("Uren", "Hours", lang): fmt_number(a.hours, 2 if a.hours % 1 else 0, lang),
            tr("Tarief", "Tariff", lang): fmt_eur(a.tariff_eur, 0, lang) + tr(" /uur", " /h", lang),
            tr("Extern", "External", lang): fmt_eur(a.external_eur, 0, lang),
            tr("Frequentie", "Frequency", lang): freq,
            tr("Aantal", "Quantity", lang): fmt_number(a.quantity, 1 if a.quantity % 1 else 0, lang)
            + " " + pick(DRIVER_LABELS.get(a.driver), lang, a.driver),
            tr("Uren totaal", "Hours total", lang): fmt_number(a.hours_total, 1, lang),
            tr("€ totaal", "€ total", lang): fmt_eur(a.cost_total, 0, lang),
            tr("Bron", "Source", lang): basis,
        })  # fmt: skip
    return pd.DataFrame(rows)


def domain_burden(result: CheckResult, lang: Lang = "nl") -> pd.DataFrame:
    """Yearly € per domain, now and under the scenario (long format for a grouped bar chart)."""
    raw = results_frame(result, lang)
    raw = raw[raw["quantified"] & (raw["applies_now"] | raw["applies_scenario"])]
    now_label, scen_label = tr("nu", "now", lang), tr("voorstel", "proposal", lang)
    grouped = raw.groupby("domain_label", as_index=False)[
        ["cost_now_eur", "cost_scenario_eur"]
    ].sum()
    long = grouped.melt(id_vars="domain_label", var_name="when", value_name="eur")
    long["when"] = long["when"].map({"cost_now_eur": now_label, "cost_scenario_eur": scen_label})
    long["eur_text"] = [fmt_eur(v, 0, lang) for v in long["eur"]]
    return long.rename(columns={"domain_label": "domain"})


def matrix_frame(result: CheckResult, lang: Lang = "nl") -> pd.DataFrame:
    """Regeldrukmatrix points: € per applicable, quantified obligation against workability."""
    raw = results_frame(result, lang)
    raw = raw[raw["applies_now"] & raw["quantified"] & raw["workability"].notna()].copy()
    raw["workability"] = raw["workability"].astype(int)
    raw["workability_label"] = [
        WORKABILITY_LABELS[g][lang] + (f" ({tr('aanname', 'assumption', lang)})" if a else "")
        for g, a in zip(raw["workability"], raw["workability_assumed"], strict=True)
    ]
    raw["eur_text"] = [fmt_eur(v, 0, lang) for v in raw["cost_now_eur"]]
    cols = ["rule_id", "title", "domain_label", "cost_now_eur", "eur_text", "workability",
            "workability_label", "workability_assumed"]  # fmt: skip
    return raw[cols].reset_index(drop=True)


CSV_COLUMNS = {
    "rule_id": ("regel_id", "rule_id"),
    "title": ("verplichting", "obligation"),
    "domain_label": ("domein", "domain"),
    "status_now": ("status_nu", "status_now"),
    "status_scenario": ("status_voorstel", "status_proposal"),
    "treatment": ("behandeling", "treatment"),
    "quantified": ("gekwantificeerd", "quantified"),
    "hours_now": ("uren_per_jaar_nu", "hours_per_year_now"),
    "cost_now_eur": ("eur_per_jaar_nu", "eur_per_year_now"),
    "hours_scenario": ("uren_per_jaar_voorstel", "hours_per_year_proposal"),
    "cost_scenario_eur": ("eur_per_jaar_voorstel", "eur_per_year_proposal"),
    "saved_eur": ("besparing_eur_per_jaar", "saving_eur_per_year"),
    "law": ("wet", "law"),
    "law_url": ("wet_url", "law_url"),
}


def export_frame(result: CheckResult, lang: Lang = "nl") -> pd.DataFrame:
    """The download table: every rule valid on the date, raw numbers, localised headers."""
    raw = results_frame(result, lang)
    idx = 0 if lang == "nl" else 1
    return raw[list(CSV_COLUMNS)].rename(columns={k: v[idx] for k, v in CSV_COLUMNS.items()})


def results_csv(result: CheckResult, lang: Lang = "nl") -> bytes:
    """CSV as Dutch Excel opens it: ';' separated, decimal comma, UTF-8 with BOM."""
    frame = export_frame(result, lang)
    decimal = "," if lang == "nl" else "."
    sep = ";" if lang == "nl" else ","
    text = frame.to_csv(index=False, sep=sep, decimal=decimal, float_format="%.2f")
    return ("\ufeff" + text).encode("utf-8")


def plain_workbook(result: CheckResult, lang: Lang = "nl") -> bytes:
    """Fallback Excel file (results table + totals) when checker.export is not available."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = tr("Resultaat", "Result", lang)
    frame = export_frame(result, lang)
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append([None if isinstance(v, float) and v != v else v for v in row])
    totals = wb.create_sheet(tr("Totalen", "Totals", lang))
    for key, value in result.totals.items():
        totals.append([key, round(value, 2)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
