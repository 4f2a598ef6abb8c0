"""Documented defaults for profile inputs a user did not give.

A result must never silently depend on something the user did not say.  Each default here
names its basis — a sourced rate from ``data/rates.yaml`` or an explicit assumption — and
:func:`complete` returns, next to the filled frame, a mask per field telling which rows were
filled in, so the trace and the export can say "aangenomen" (assumed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from checker.bilingual import Text
from checker.profile import BOOL_FIELDS, PROFILE_FIELDS
from checker.reference_data import Rate
from checker.sbi import sections_of

Filler = Callable[[pd.DataFrame, "RateLookup"], np.ndarray]


class RateLookup:
    """Rates per row, honouring SBI-section specific values."""

    def __init__(self, rates: dict[str, Rate], sections: np.ndarray) -> None:
        self._rates = rates
        self._sections = sections

    def column(self, rate_id: str) -> np.ndarray:
        rate = self._rates[rate_id]
        if not rate.by_section:
            return np.full(len(self._sections), rate.value, dtype=np.float64)
        lookup = pd.Series(self._sections).map(rate.by_section)
        return lookup.fillna(rate.value).to_numpy(dtype=np.float64)


@dataclass(frozen=True)
class DefaultRule:
    field: str
    explain: Text
    fill: Filler
    rates: tuple[str, ...] = ()


def _const(value: float | bool | str) -> Filler:
    return lambda f, _r: np.full(len(f), value, dtype=object if isinstance(value, str) else None)


def _copy(name: str) -> Filler:
    return lambda f, _r: f[name].to_numpy()


def _times(name: str, rate: str) -> Filler:
    return lambda f, r: f[name].to_numpy(dtype=np.float64) * r.column(rate)


def _persons_times(rate: str) -> Filler:
    def fill(f: pd.DataFrame, r: RateLookup) -> np.ndarray:
        persons = f["employees"].to_numpy(dtype=np.float64) + f["working_owners"].to_numpy(
            dtype=np.float64
        )
        return persons * r.column(rate)

    return fill


_OWNERS_BY_FORM = {"eenmanszaak": 1, "vof": 2, "cv": 2, "maatschap": 2}


def _owners(f: pd.DataFrame, _r: RateLookup) -> np.ndarray:
    forms = f["legal_form"].astype("string").fillna("")
    return forms.map(lambda v: _OWNERS_BY_FORM.get(v, 1)).to_numpy(dtype=np.float64)


def _works_council(f: pd.DataFrame, _r: RateLookup) -> np.ndarray:
    persons = f["employees"].to_numpy(dtype=np.float64) + f["temp_workers_24m"].to_numpy(
        dtype=np.float64
    )
    return persons >= 50


def T(nl: str, en: str) -> Text:
    return Text(nl=nl, en=en)


# Order matters: later rules may read fields filled by earlier ones.
DEFAULT_RULES: tuple[DefaultRule, ...] = (
    DefaultRule("legal_form", T("Aangenomen: bv (de meest voorkomende rechtsvorm van metaalbedrijven met personeel).",
                                "Assumed: bv (the most common legal form of metal firms with staff)."), _const("bv")),
    DefaultRule("sector_sbi", T("Aangenomen: SBI 25 metaalproductenindustrie (de kern van de Metaalunie-achterban).",
                                "Assumed: SBI 25 fabricated metal products (the core of Metaalunie's membership)."), _const("25")),
    DefaultRule("fte", T("Geschat als werknemers × fte per werknemer (zie tarieven en kengetallen).",
                         "Estimated as employees × FTE per employee (see rates)."),
                _times("employees", "fte_per_employee"), ("fte_per_employee",)),
    DefaultRule("temp_workers", T("Aangenomen: geen uitzendkrachten.", "Assumed: no agency workers."), _const(0.0)),
    DefaultRule("temp_workers_24m", T("Aangenomen: geen uitzendkrachten langer dan 24 maanden.",
                                      "Assumed: no agency workers for more than 24 months."), _const(0.0)),
    DefaultRule("interns_volunteers_paid", T("Aangenomen: geen betaalde stagiairs of vrijwilligers.",
                                             "Assumed: no paid interns or volunteers."), _const(0.0)),
    DefaultRule("working_owners", T("Aangenomen: 1 meewerkende eigenaar (2 bij vof, cv en maatschap).",
                                    "Assumed: 1 working owner (2 for vof, cv and maatschap)."), _owners),
    DefaultRule("employees_avg_fy", T("Aangenomen: gemiddelde over het boekjaar = huidig aantal werknemers.",
                                      "Assumed: financial-year average = current number of employees."), _copy("employees")),
    DefaultRule("employees_avg_prev_fy", T("Aangenomen: vorig boekjaar gelijk aan dit boekjaar.",
                                           "Assumed: previous financial year equal to this one."), _copy("employees_avg_fy")),
    DefaultRule("employees_20h_jan1", T("Aangenomen: alle werknemers werken ten minste 20 uur per maand.",
                                        "Assumed: all employees work at least 20 hours a month."), _copy("employees")),
    DefaultRule("wage_bill_eur", T("Geschat als werknemers × gemiddeld jaarloon per baan in de sector (CBS).",
                                   "Estimated as employees × average annual wage per job in the sector (CBS)."),
                _times("employees", "annual_wage_per_job"), ("annual_wage_per_job",)),
    DefaultRule("wage_bill_t2_eur", T("Aangenomen: loonsom twee jaar geleden gelijk aan de huidige.",
                                      "Assumed: wage bill two years ago equal to the current one."), _copy("wage_bill_eur")),
    DefaultRule("turnover_eur", T("Geschat als werkzame personen × omzet per werkzame persoon in de sector.",
                                  "Estimated as persons employed × turnover per person employed in the sector."),
                _persons_times("turnover_per_person"), ("turnover_per_person",)),
    DefaultRule("turnover_prev_eur", T("Aangenomen: omzet vorig jaar gelijk aan dit jaar.",
                                       "Assumed: last year's turnover equal to this year's."), _copy("turnover_eur")),
    DefaultRule("balance_total_eur", T("Geschat als omzet × verhouding balanstotaal/omzet.",
                                       "Estimated as turnover × balance-sheet-to-turnover ratio."),
                _times("turnover_eur", "balance_to_turnover"), ("balance_to_turnover",)),
    DefaultRule("balance_total_prev_eur", T("Aangenomen: balanstotaal vorig jaar gelijk aan dit jaar.",
                                            "Assumed: last year's balance sheet total equal to this year's."),
                _copy("balance_total_eur")),
    DefaultRule("equity_eur", T("Geschat als balanstotaal × solvabiliteit.", "Estimated as balance sheet total × solvency ratio."),
                _times("balance_total_eur", "equity_to_balance"), ("equity_to_balance",)),
    DefaultRule("electricity_kwh", T("Geschat als werkzame personen × elektriciteitsverbruik per werkzame persoon.",
                                     "Estimated as persons employed × electricity use per person employed."),
                _persons_times("electricity_kwh_per_person"), ("electricity_kwh_per_person",)),
    DefaultRule("gas_m3", T("Geschat als werkzame personen × gasverbruik per werkzame persoon.",
                            "Estimated as persons employed × gas use per person employed."),
                _persons_times("gas_m3_per_person"), ("gas_m3_per_person",)),
    DefaultRule("weekly_labour_hours", T("Geschat als fte × gewerkte uren per fte per week.",
                                         "Estimated as FTE × hours worked per FTE per week."),
                _times("fte", "hours_per_fte_week"), ("hours_per_fte_week",)),
    DefaultRule("hires_per_year", T("Geschat als werknemers × instroomkans per werknemer per jaar.",
                                    "Estimated as employees × hires per employee per year."),
                _times("employees", "hires_per_employee"), ("hires_per_employee",)),
    DefaultRule("dismissals_per_year", T("Geschat als werknemers × ontslagkans per werknemer per jaar.",
                                         "Estimated as employees × dismissals per employee per year."),
                _times("employees", "dismissals_per_employee"), ("dismissals_per_employee",)),
    DefaultRule("sick_cases_6w_per_year", T("Geschat als werknemers × kans op verzuim van 6 weken of langer.",
                                            "Estimated as employees × rate of sickness spells of 6 weeks or more."),
                _times("employees", "sick_6w_per_employee"), ("sick_6w_per_employee",)),
    DefaultRule("sick_cases_1y_per_year", T("Geschat als werknemers × kans op verzuim van ongeveer een jaar.",
                                            "Estimated as employees × rate of sickness spells of about a year."),
                _times("employees", "sick_1y_per_employee"), ("sick_1y_per_employee",)),
    DefaultRule("sick_cases_2y_per_year", T("Geschat als werknemers × kans op verzuim tot de WIA-aanvraag (2 jaar).",
                                            "Estimated as employees × rate of sickness lasting until the WIA claim (2 years)."),
                _times("employees", "sick_2y_per_employee"), ("sick_2y_per_employee",)),
    DefaultRule("planned_dismissals_3m", T("Aangenomen: geen collectief ontslag gepland.",
                                           "Assumed: no collective redundancy planned."), _const(0.0)),
    DefaultRule("cbam_import_tonnes", T("Aangenomen: geen eigen invoer van CBAM-goederen van buiten de EU.",
                                        "Assumed: no own imports of CBAM goods from outside the EU."), _const(0.0)),
    DefaultRule("intra_eu_exports_eur", T("Aangenomen: geen leveringen naar andere EU-landen.",
                                          "Assumed: no deliveries to other EU countries."), _const(0.0)),
    DefaultRule("intra_eu_imports_eur", T("Aangenomen: geen verwervingen uit andere EU-landen.",
                                          "Assumed: no acquisitions from other EU countries."), _const(0.0)),
    DefaultRule("has_works_council", T("Aangenomen: een OR als de wet die verplicht (50+ werkzame personen).",
                                       "Assumed: a works council where the law requires one (50+ persons)."), _works_council),
    DefaultRule("has_staff_representation", T("Aangenomen: geen personeelsvertegenwoordiging.",
                                              "Assumed: no staff representation body."), _const(False)),
    DefaultRule("uses_recognised_rie_tool", T("Aangenomen: de RI&E is gemaakt met een erkend branche-instrument.",
                                              "Assumed: the risk assessment uses a recognised sector tool."), _const(True)),
    DefaultRule("travel_allowance", T("Aangenomen: de werkgever vergoedt reiskosten.",
                                      "Assumed: the employer pays travel allowances."), _const(True)),
    DefaultRule("listed", T("Aangenomen: niet beursgenoteerd.", "Assumed: not listed."), _const(False)),
    DefaultRule("consumer_services", T("Aangenomen: geen consumentendiensten onder de toegankelijkheidswet.",
                                       "Assumed: no consumer services under the Accessibility Act."), _const(False)),
    DefaultRule("places_eudr_commodities", T("Aangenomen: brengt geen EUDR-grondstoffen op de markt.",
                                             "Assumed: does not place EUDR commodities on the market."), _const(False)),
)  # fmt: skip

DEFAULTS_BY_FIELD = {rule.field: rule for rule in DEFAULT_RULES}
RATES_USED: tuple[str, ...] = tuple(sorted({r for rule in DEFAULT_RULES for r in rule.rates}))


def complete(
    frame: pd.DataFrame, rates: dict[str, Rate]
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Fill every missing input with its documented default.

    Returns the completed frame and, per field, a boolean mask of rows whose value was
    assumed.  Works on one row or millions; nothing here loops over rows.
    """
    missing_cols = [c for c in PROFILE_FIELDS if c not in frame.columns]
    out = frame.copy()
    for c in missing_cols:
        out[c] = None
    out["sector_sbi"] = out["sector_sbi"].astype("string")
    out["legal_form"] = out["legal_form"].astype("string")
    assumed: dict[str, np.ndarray] = {}
    lookup: RateLookup | None = None
    for rule in DEFAULT_RULES:
        col = out[rule.field]
        mask = col.isna().to_numpy()
        assumed[rule.field] = mask
        if rule.field == "sector_sbi" or rule.field == "legal_form":
            if mask.any():
                filled = rule.fill(out, lookup)  # type: ignore[arg-type]
                out[rule.field] = col.where(~mask, pd.Series(filled, index=out.index)).astype(
                    "string"
                )
            if rule.field == "sector_sbi":
                lookup = RateLookup(rates, sections_of(out["sector_sbi"]))
            continue
        if not mask.any():
            continue
        assert lookup is not None
        filled = rule.fill(out, lookup)
        if rule.field in BOOL_FIELDS:
            values = np.where(
                mask, np.asarray(filled, dtype=bool), col.fillna(False).to_numpy(dtype=bool)
            )
            out[rule.field] = values.astype(bool)
        else:
            current = pd.to_numeric(col, errors="coerce").to_numpy(dtype=np.float64)
            out[rule.field] = np.where(mask, np.asarray(filled, dtype=np.float64), current)
    for name in PROFILE_FIELDS:
        if name not in DEFAULTS_BY_FIELD and name not in ("name",):
            out[name] = pd.to_numeric(out[name], errors="coerce").astype(np.float64)
    return out, assumed
