"""Documented defaults for profile inputs a user did not give.

A result must never silently depend on something the user did not say.  Each default here
names its basis — a sourced rate from ``data/rates.yaml`` or an explicit assumption — and
:func:`complete` returns, next to the filled frame, a mask per field telling which rows were
filled in, so the trace and the export can say "aangenomen" (assumed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import Text
from checker.profile import BOOL_FIELDS, PROFILE_FIELDS
from checker.reference_data import Rate
from checker.sbi import section_of

Filler = Callable[[dict[str, Any], "RateLookup"], np.ndarray]


class RateLookup:
    """Rates per row, by the firm's SBI sector and, where a rate has size classes, its size.

    How ``data/rates.yaml`` is read (the contract for whoever adds a rate):

    * ``value`` is the figure for all firms in all sectors.
    * ``by_section`` gives the figure for an SBI section letter (``C``) or a two-digit SBI
      division (``25``); a division wins over its section, a section over ``value``.
    * ``by_size`` gives the figure per size class (employees from ``min_employees`` up to the
      next class) for all sectors together.
    * With both, a firm gets ``by_size[class] × sector figure / value``: the size profile
      scaled to its sector.  Statistics offices publish the two splits separately (CBS gives
      absence by size and by sector, not by both), so the size profile is assumed to be the
      same in every sector — one documented assumption instead of a silent one.

    Works on the categories of the sector column (a handful of distinct codes) and on one
    size-class index per row, so millions of rows cost a few ``take`` calls.
    """

    def __init__(
        self,
        rates: dict[str, Rate],
        sector: pd.Categorical,
        employees: np.ndarray | None = None,
    ) -> None:
        self._rates = rates
        self._codes = np.where(sector.codes < 0, len(sector.categories), sector.codes)
        self._sbi = [str(c) for c in sector.categories]
        self._employees = (
            None
            if employees is None
            else np.nan_to_num(np.asarray(employees, dtype=np.float64), nan=0.0)
        )

    def sector_values(self, rate_id: str) -> np.ndarray:
        """The rate per sector category (+ one entry for an unknown sector)."""
        rate = self._rates[rate_id]
        return np.array(
            [sector_value(rate, code) for code in self._sbi] + [rate.value], dtype=np.float64
        )

    def column(self, rate_id: str) -> np.ndarray:
        rate = self._rates[rate_id]
        by_sector = self.sector_values(rate_id)[self._codes]
        if not rate.by_size or self._employees is None:
            return by_sector
        by_size = size_values(rate, self._employees)
        if rate.value <= 0:
            return by_size
        return by_size * (by_sector / rate.value)


def sector_value(rate: Rate, sbi: str | None) -> float:
    """The rate for one SBI code: its division if listed, else its section, else ``value``."""
    if sbi:
        division = str(sbi)[:2]
        if division in rate.by_section:
            return rate.by_section[division]
        section = section_of(sbi)
        if section and section in rate.by_section:
            return rate.by_section[section]
    return rate.value


def size_values(rate: Rate, employees: np.ndarray) -> np.ndarray:
    """The rate's size-class figure for each number of employees (``value`` without classes)."""
    employees = np.asarray(employees, dtype=np.float64)
    if not rate.by_size:
        return np.full(employees.shape, rate.value)
    mins = np.array([s.min_employees for s in rate.by_size], dtype=np.float64)
    values = np.array([s.value for s in rate.by_size], dtype=np.float64)
    index = np.searchsorted(mins, np.nan_to_num(employees, nan=0.0), side="right") - 1
    return values[np.clip(index, 0, len(values) - 1)]


def rate_for(rate: Rate, employees: float, sbi: str | None = None) -> float:
    """One firm's value of a rate (the same rule as :class:`RateLookup`, for callers with
    a single firm, such as the calibration and the documentation)."""
    sector = sector_value(rate, sbi)
    if not rate.by_size:
        return sector
    size = float(size_values(rate, np.array([employees]))[0])
    return size if rate.value <= 0 else size * sector / rate.value


@dataclass(frozen=True)
class DefaultRule:
    field: str
    explain: Text
    fill: Filler
    rates: tuple[str, ...] = ()


Columns = dict[str, Any]


def _const(value: float | bool | str) -> Filler:
    """The same value for every row: a read-only broadcast view, so a population of millions
    costs no memory for a default that is a constant."""
    dtype = object if isinstance(value, str) else None
    return lambda f, _r: np.broadcast_to(np.asarray(value, dtype=dtype), (len(f["employees"]),))


def _copy(name: str) -> Filler:
    return lambda f, _r: np.asarray(f[name])


def _times(name: str, rate: str) -> Filler:
    return lambda f, r: np.asarray(f[name], dtype=np.float64) * r.column(rate)


def _persons_times(rate: str) -> Filler:
    def fill(f: Columns, r: RateLookup) -> np.ndarray:
        return (f["employees"] + f["working_owners"]) * r.column(rate)

    return fill


_OWNERS_BY_FORM = {"eenmanszaak": 1, "vof": 2, "cv": 2, "maatschap": 2}


def _owners(f: Columns, _r: RateLookup) -> np.ndarray:
    forms: pd.Categorical = f["legal_form"]
    per_category = np.array(
        [_OWNERS_BY_FORM.get(str(c), 1) for c in forms.categories] + [1], dtype=np.float64
    )
    return per_category[np.where(forms.codes < 0, len(forms.categories), forms.codes)]


def _sick_wage(f: Columns, r: RateLookup) -> np.ndarray:
    """Wages for the working days lost to sickness: wage bill × absence rate for the firm's
    size class and sector.  Sick pay in both years of sickness is a share of this, so the two
    years rest on one wage basis (the firm's own wage bill when it gave one)."""
    return np.asarray(f["wage_bill_eur"], dtype=np.float64) * r.column("absence_rate")


def _sector_prefix(*prefixes: str) -> Filler:
    """True for rows whose SBI code starts with one of the prefixes (per category, vectorised)."""

    def fill(f: Columns, _r: RateLookup) -> np.ndarray:
        sector: pd.Categorical = f["sector_sbi"]
        per_category = np.array(
            [str(c).startswith(prefixes) for c in sector.categories] + [False], dtype=bool
        )
        return per_category[np.where(sector.codes < 0, len(sector.categories), sector.codes)]

    return fill


# SBI divisions of manufacturing (section C) and of the metal and metal-using industry.
_MANUFACTURING = tuple(f"{d:02d}" for d in range(10, 34))
_METALWORKING = ("24", "25", "28", "29", "30", "33")
_METAL_FORMING = ("24", "25")


def _works_council(f: Columns, _r: RateLookup) -> np.ndarray:
    return (f["employees"] + f["temp_workers_24m"]) >= 50


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
    DefaultRule("interns_unpaid", T("Aangenomen: geen onbetaalde stagiairs of anderen zonder contract onder uw gezag.",
                                    "Assumed: no unpaid interns or others without a contract under your authority."),
                _const(0.0)),
    DefaultRule("paid_hours_prev_year", T("Geschat als fte × 1.976 verloonde uren per voltijdbaan per jaar (38 uur × 52 weken, cao Metaal en Techniek).",
                                          "Estimated as FTE × 1,976 paid hours per full-time job per year (38 hours × 52 weeks, collective agreement Metal and Engineering)."),
                _times("fte", "paid_hours_per_fte_year"), ("paid_hours_per_fte_year",)),
    DefaultRule("working_owners", T("Aangenomen: 1 meewerkende eigenaar (2 bij vof, cv en maatschap).",
                                    "Assumed: 1 working owner (2 for vof, cv and maatschap)."), _owners),
    DefaultRule("employees_avg_fy", T("Aangenomen: gemiddelde over het boekjaar = huidig aantal werknemers.",
                                      "Assumed: financial-year average = current number of employees."), _copy("employees")),
    DefaultRule("employees_avg_prev_fy", T("Aangenomen: vorig boekjaar gelijk aan dit boekjaar.",
                                           "Assumed: previous financial year equal to this one."), _copy("employees_avg_fy")),
    DefaultRule("financial_year_number", T("Aangenomen: de rechtspersoon is in zijn derde boekjaar of later.",
                                           "Assumed: the legal entity is in its third financial year or later."), _const(3.0)),
    DefaultRule("annual_accounts_class_prev", T("Aangenomen: klasse van de laatst vastgestelde jaarrekening onbekend; de klasse volgt dan de cijfers van vorig boekjaar.",
                                                "Assumed: class of the last adopted annual accounts unknown; the class then follows last year's figures."),
                _const(0.0)),
    DefaultRule("employees_20h_jan1", T("Aangenomen: alle werknemers werken ten minste 20 uur per maand.",
                                        "Assumed: all employees work at least 20 hours a month."), _copy("employees")),
    DefaultRule("employees_1y_ago", T("Aangenomen: een jaar geleden evenveel werknemers als nu.",
                                      "Assumed: as many employees a year ago as now."), _copy("employees")),
    DefaultRule("employees_2y_ago", T("Aangenomen: twee jaar geleden evenveel werknemers als een jaar geleden.",
                                      "Assumed: as many employees two years ago as a year ago."), _copy("employees_1y_ago")),
    DefaultRule("employees_3y_ago", T("Aangenomen: drie jaar geleden evenveel werknemers als twee jaar geleden.",
                                      "Assumed: as many employees three years ago as two years ago."), _copy("employees_2y_ago")),
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
    DefaultRule("balance_total_eur", T("Geschat als omzet × 0,94 (balanstotaal/omzet van alle rechtspersonen in SBI 25, CBS 2011). "
                                       "Gevoelig: bij een verhouding van 0,6 is een bedrijf met 50 werknemers nog klein voor de jaarrekening. Vul uw balanstotaal in.",
                                       "Estimated as turnover × 0.94 (balance sheet total / turnover of all legal entities in SBI 25, CBS 2011). "
                                       "Sensitive: at a ratio of 0.6 a firm with 50 employees is still small for the annual accounts. Enter your balance sheet total."),
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
    DefaultRule("electricity_kwh_largest_site", T("Aangenomen: één locatie, dus al het elektriciteitsverbruik op de grootste locatie.",
                                                  "Assumed: one site, so all electricity use at the largest site."),
                _copy("electricity_kwh")),
    DefaultRule("gas_m3_largest_site", T("Aangenomen: één locatie, dus al het gasverbruik op de grootste locatie.",
                                         "Assumed: one site, so all gas use at the largest site."), _copy("gas_m3")),
    DefaultRule("group_turnover_eur", T("Aangenomen: geen groep; groepsomzet gelijk aan de eigen omzet.",
                                        "Assumed: no group; group revenue equals own turnover."), _copy("turnover_eur")),
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
    DefaultRule("sick_wage_eur", T("Geschat als loonsom × ziekteverzuimpercentage van bedrijven van deze grootte en sector (CBS).",
                                   "Estimated as wage bill × sickness absence rate of firms of this size and sector (CBS)."),
                _sick_wage, ("absence_rate",)),
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
    DefaultRule("heads_group", T("Aangenomen: geen dochtermaatschappijen.", "Assumed: no subsidiaries."), _const(False)),
    DefaultRule("multinational_group", T("Aangenomen: geen groepsmaatschappijen in het buitenland.",
                                         "Assumed: no group entities abroad."), _const(False)),
    DefaultRule("connected_products", T("Aangenomen: maakt geen verbonden producten (met datakoppeling).",
                                        "Assumed: makes no connected products (with a data link)."), _const(False)),
    DefaultRule("digital_products", T("Aangenomen: brengt geen producten met software of netwerkverbinding op de markt.",
                                      "Assumed: places no products with software or a network connection on the market."),
                _const(False)),
    DefaultRule("hazardous_substances", T("Aangenomen: in de industrie (SBI 10–33) werkt u met gevaarlijke stoffen, elders niet.",
                                          "Assumed: in manufacturing (SBI 10–33) you work with hazardous substances, elsewhere not."),
                _sector_prefix(*_MANUFACTURING)),
    DefaultRule("welding", T("Aangenomen: in de metaal (SBI 24, 25, 28–30, 33) wordt gelast of gesneden, elders niet.",
                             "Assumed: in metalworking (SBI 24, 25, 28–30, 33) welding or cutting takes place, elsewhere not."),
                _sector_prefix(*_METALWORKING)),
    DefaultRule("carcinogen_exposure", T("Aangenomen: geen blootstelling aan kankerverwekkende stoffen of processen.",
                                         "Assumed: no exposure to carcinogenic substances or processes."), _const(False)),
    DefaultRule("noise_above_80db", T("Aangenomen: in de basismetaal en metaalproductenindustrie (SBI 24–25) is er lawaai boven 80 dB(A), elders niet.",
                                      "Assumed: in basic metals and fabricated metal products (SBI 24–25) noise exceeds 80 dB(A), elsewhere not."),
                _sector_prefix(*_METAL_FORMING)),
)  # fmt: skip  # (a table: one default per row, aligned)

DEFAULTS_BY_FIELD = {rule.field: rule for rule in DEFAULT_RULES}
# Columns the defaults derive that are no profile input (a user cannot type them): cost
# drivers computed from inputs and rates.  They travel with the completed frame so that a
# population, a trace and an export see the same quantities the engine used.
DERIVED_FIELDS: tuple[str, ...] = tuple(
    r.field for r in DEFAULT_RULES if r.field not in PROFILE_FIELDS
)
RATES_USED: tuple[str, ...] = tuple(sorted({r for rule in DEFAULT_RULES for r in rule.rates}))


def _as_categorical(values: Any, n: int) -> pd.Categorical:
    if values is None:
        return pd.Categorical(np.full(n, np.nan, dtype=object))
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        return values.array  # type: ignore[return-value]
    series = pd.Series(values).astype(object)
    return pd.Categorical(series.where(series.notna(), None))


def _as_float(values: Any, n: int) -> np.ndarray:
    if values is None:
        return np.full(n, np.nan)
    series = pd.Series(values)
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    return pd.to_numeric(series.astype(object), errors="coerce").to_numpy(dtype=np.float64)


def _as_bool(values: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(values, missing mask) for a boolean column that may hold None/NaN."""
    if values is None:
        return np.zeros(n, dtype=bool), np.ones(n, dtype=bool)
    series = pd.Series(values)
    if pd.api.types.is_bool_dtype(series.dtype) and series.dtype != object:
        return series.to_numpy(dtype=bool), np.zeros(n, dtype=bool)
    missing = series.isna().to_numpy()
    return series.where(~missing, False).astype(bool).to_numpy(), missing


def _fill_category(cat: pd.Categorical, mask: np.ndarray, value: str) -> pd.Categorical:
    if value not in cat.categories:
        cat = cat.add_categories([value])
    codes = cat.codes.copy()
    codes[mask] = list(cat.categories).index(value)
    return pd.Categorical.from_codes(codes, categories=cat.categories)


def complete_columns(
    frame: pd.DataFrame, rates: dict[str, Rate]
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Fill every missing input with its documented default, column by column.

    Returns the completed columns (numpy arrays; categoricals for legal form and sector)
    and, per field, a boolean mask of rows whose value was assumed.  Works on one row or
    millions: nothing here loops over rows (only over the few distinct sector and
    legal-form codes), and nothing is copied into a DataFrame.
    """
    n = len(frame)
    given = {c: frame[c] for c in frame.columns}
    cols: Columns = {}
    assumed: dict[str, np.ndarray] = {}
    for name in PROFILE_FIELDS:
        if name == "name" or name in DEFAULTS_BY_FIELD:
            continue
        cols[name] = _as_float(given.get(name), n)
    lookup: RateLookup | None = None
    for rule in DEFAULT_RULES:
        field = rule.field
        if field in ("legal_form", "sector_sbi"):
            cat = _as_categorical(given.get(field), n)
            mask = np.asarray(cat.codes < 0)
            if mask.any():
                cat = _fill_category(cat, mask, str(rule.fill(cols, lookup)[0]))  # type: ignore[arg-type]
            cols[field] = cat
            assumed[field] = mask
            if field == "sector_sbi":
                lookup = RateLookup(rates, cat, cols["employees"])
            continue
        assert lookup is not None
        dtype = bool if field in BOOL_FIELDS else np.float64
        if given.get(field) is None:
            # Not given for anyone: the default itself, without a copy (populations).
            values = np.asarray(rule.fill(cols, lookup), dtype=dtype)
            mask = np.broadcast_to(np.True_, (n,))
        elif field in BOOL_FIELDS:
            values, mask = _as_bool(given.get(field), n)
            if mask.any():
                values = np.where(mask, np.asarray(rule.fill(cols, lookup), dtype=bool), values)
        else:
            values = _as_float(given.get(field), n)
            mask = np.isnan(values)
            if mask.any():
                values = np.where(
                    mask, np.asarray(rule.fill(cols, lookup), dtype=np.float64), values
                )
        cols[field] = values
        assumed[field] = mask
    if "name" in given:
        cols["name"] = given["name"].array
    if "weight" in given:
        cols["weight"] = _as_float(given["weight"], n)
    return cols, assumed


def columns_to_frame(cols: dict[str, Any]) -> pd.DataFrame:
    """The completed columns as a DataFrame (name first), for per-firm display and export."""
    order = [c for c in ("name", *PROFILE_FIELDS, *DERIVED_FIELDS, "weight") if c in cols]
    return pd.DataFrame({c: cols[c] for c in order}, copy=False)


def complete(
    frame: pd.DataFrame, rates: dict[str, Rate]
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """:func:`complete_columns` as a DataFrame."""
    cols, assumed = complete_columns(frame, rates)
    return columns_to_frame(cols), assumed
