"""Company profile helpers for the app: form fields, example firms, URL and JSON state.

The form, the URL (query parameters) and the JSON download all carry the same flat mapping
``{field: value}`` of *given* profile values; anything left out is filled by
:mod:`checker.defaults` and shown as "aangenomen".  Validation always goes through
:func:`checker.profile.parse_profile`, so the app can never accept a profile the engine or
the CLI would reject.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from typing import Any, Literal

from checker.bilingual import Lang, Text
from checker.measures import MEASURES
from checker.parsing.errors import InputError
from checker.parsing.numbers import Kind, format_plain, parse_number
from checker.parsing.profile_text import load_profile_bytes
from checker.period import check_covered
from checker.profile import (
    BOOL_FIELDS,
    MAX_COUNT,
    PROFILE_FIELDS,
    FirmProfile,
    LegalForm,
    ProfileError,
    parse_profile,
    printable,
)

FieldKind = Literal["int", "float", "eur", "bool", "legal_form", "sbi"]


@dataclass(frozen=True)
class FieldSpec:
    """How one profile field is asked in the form (label, help text, widget kind, group)."""

    name: str
    kind: FieldKind
    label: Text
    help: Text
    group: Literal["main", "finance", "more"] = "main"
    step: float = 1.0


def _t(nl: str, en: str) -> Text:
    return Text(nl=nl, en=en)


def _counting(measure: str) -> Text:
    return MEASURES[measure].counting


_EMPLOYEES_HELP = _t(
    "Tel iedereen met een arbeidscontract, ook parttimers en oproepkrachten die structureel "
    "werken ('in de regel'); niet de eigenaar en niet de uitzendkrachten. Zo tellen de Wet "
    "flexibel werken en de Poortwachterregels. De Arbowet telt uitzendkrachten en stagiairs mee "
    "(art. 1), de OR-plicht (WOR) uitzendkrachten na 24 maanden; de jaarrekening telt het "
    "gemiddelde over het boekjaar.",
    "Count everyone with an employment contract, including part-timers and on-call staff who "
    "work structurally ('as a rule'); not the owner and not agency workers. This is how the "
    "Flexible Working Act and the Gatekeeper rules count. The Working Conditions Act adds agency "
    "workers and interns (art. 1), the works-council duty (WOR) agency workers after 24 months; "
    "the annual accounts use the financial-year average.",
)

FORM_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("employees", "int", _t("Werknemers (personen)", "Employees (persons)"), _EMPLOYEES_HELP),
    FieldSpec("fte", "float", _t("Voltijdbanen (fte)", "Full-time equivalents (FTE)"),
              _t("Optioneel. De meeste wetten tellen personen, niet fte; de EED-auditplicht "
                 "(250 fte) en de fte-variant van het voorstel tellen wel in fte. "
                 "Kan niet hoger zijn dan het aantal werknemers.",
                 "Optional. Most laws count persons, not FTE; the EED audit duty (250 FTE) and "
                 "the FTE variant of the proposal do count FTE. "
                 "Cannot exceed the number of employees."), step=0.5),
    FieldSpec("temp_workers", "int", _t("Uitzendkrachten (nu)", "Agency workers (now)"),
              _counting("employees_arbo")),
    FieldSpec("temp_workers_24m", "int",
              _t("…waarvan langer dan 24 maanden", "…of whom longer than 24 months"),
              _counting("persons_wor")),
    FieldSpec("legal_form", "legal_form", _t("Rechtsvorm", "Legal form"),
              _t("Zoals ingeschreven bij de KvK. Bepaalt onder meer de jaarrekeningplichten.",
                 "As registered with the Chamber of Commerce; decides e.g. the annual-accounts duties.")),
    FieldSpec("sector_sbi", "sbi", _t("Sector (SBI-code)", "Sector (SBI code)"),
              _t("Uw hoofdactiviteit op het KvK-uittreksel. Typ om te zoeken op code of naam.",
                 "Your main activity on the Chamber of Commerce extract. Type to search code or name.")),
    FieldSpec("turnover_eur", "eur", _t("Netto-omzet (€ per jaar)", "Net turnover (€ per year)"),
              _t("Van het laatste boekjaar. Telt mee voor de jaarrekening-grootteklasse (BW 2:395a–397).",
                 "Of the last financial year. Counts for the annual-accounts size class (Civil Code 2:395a–397)."),
              "finance", 10_000.0),
    FieldSpec("balance_total_eur", "eur", _t("Balanstotaal (€)", "Balance sheet total (€)"),
              _t("Activa op de balans. Telt mee voor de jaarrekening-grootteklasse.",
                 "Total assets. Counts for the annual-accounts size class."), "finance", 10_000.0),
    FieldSpec("wage_bill_eur", "eur", _t("Loonsom (€ per jaar)", "Wage bill (€ per year)"),
              _counting("wage_bill_eur"), "finance", 10_000.0),
    FieldSpec("electricity_kwh", "float", _t("Elektriciteit (kWh per jaar)", "Electricity (kWh per year)"),
              _counting("electricity_kwh"), "finance", 1_000.0),
    FieldSpec("gas_m3", "float", _t("Aardgas (m³ per jaar)", "Natural gas (m³ per year)"),
              _counting("gas_m3"), "finance", 1_000.0),
    FieldSpec("working_owners", "int", _t("Meewerkende eigenaren", "Working owners"),
              _t("Eigenaren die in het bedrijf werken; tellen niet als werknemer.",
                 "Owners who work in the business; they are not employees."), "more"),
    FieldSpec("employees_avg_fy", "float",
              _t("Gemiddeld aantal werknemers dit boekjaar", "Average employees this financial year"),
              _counting("employees_avg_fy"), "more", 0.5),
    FieldSpec("employees_avg_prev_fy", "float",
              _t("Gemiddeld aantal werknemers vorig boekjaar", "Average employees previous financial year"),
              _counting("employees_avg_prev_fy"), "more", 0.5),
    FieldSpec("interns_volunteers_paid", "int",
              _t("Betaalde stagiairs en vrijwilligers", "Paid interns and volunteers"),
              _counting("persons_wbk"), "more"),
    FieldSpec("hires_per_year", "float", _t("Nieuwe werknemers per jaar", "Hires per year"),
              _t("Bepaalt de kosten per nieuwe werknemer (zoals registratie en voorlichting).",
                 "Drives costs per hire (such as registration and instruction)."), "more"),
    FieldSpec("dismissals_per_year", "float", _t("Ontslagen per jaar", "Dismissals per year"),
              _t("Bepaalt de kosten van transitievergoeding en ontslagprocedures.",
                 "Drives transition payments and dismissal procedures."), "more"),
    FieldSpec("sick_cases_6w_per_year", "float",
              _t("Verzuimgevallen ≥ 6 weken per jaar", "Sickness cases ≥ 6 weeks per year"),
              _t("Vanaf 6 weken verzuim gelden de Poortwachterstappen.",
                 "From 6 weeks of absence the Gatekeeper steps apply."), "more"),
    FieldSpec("sick_cases_2y_per_year", "float",
              _t("Verzuimgevallen tot 2 jaar per jaar", "Sickness cases up to 2 years per year"),
              _t("Langdurig verzuim tot de WIA-aanvraag.", "Long-term absence up to the WIA claim."), "more"),
    FieldSpec("has_works_council", "bool", _t("Heeft een ondernemingsraad", "Has a works council"),
              _counting("persons_wor"), "more"),
    FieldSpec("uses_recognised_rie_tool", "bool",
              _t("RI&E met een erkend branche-instrument", "Risk assessment with a recognised sector tool"),
              _t("Bijvoorbeeld de RI&E van de Metaalunie/FME; bepaalt of toetsing nodig is (Arbowet art. 14 lid 12).",
                 "For instance the metal sector's tool; decides whether review is needed (Arbowet art. 14(12))."),
              "more"),
    FieldSpec("cbam_import_tonnes", "float",
              _t("Eigen invoer CBAM-goederen (ton/jaar)", "Own imports of CBAM goods (t/year)"),
              _counting("cbam_import_tonnes"), "more"),
    FieldSpec("turnover_prev_eur", "eur", _t("Netto-omzet vorig boekjaar (€)", "Net turnover previous year (€)"),
              _counting("turnover_prev_eur"), "finance", 10_000.0),
    FieldSpec("balance_total_prev_eur", "eur", _t("Balanstotaal vorig boekjaar (€)", "Balance sheet total previous year (€)"),
              _counting("balance_total_prev_eur"), "finance", 10_000.0),
    FieldSpec("wage_bill_t2_eur", "eur", _t("Loonsom twee jaar geleden (€)", "Wage bill two years ago (€)"),
              _counting("wage_bill_t2_eur"), "finance", 10_000.0),
    FieldSpec("equity_eur", "eur", _t("Geplaatst kapitaal plus reserves (€)", "Issued capital plus reserves (€)"),
              _counting("equity_eur"), "finance", 10_000.0),
    FieldSpec("employees_20h_jan1", "int",
              _t("Werknemers ≥ 20 uur/maand op 1 januari", "Employees ≥ 20 h/month on 1 January"),
              _counting("employees_20h_jan1"), "more"),
    FieldSpec("weekly_labour_hours", "float",
              _t("Totale arbeidsduur per week (uren)", "Total working hours per week"),
              _counting("weekly_labour_hours"), "more", 1.0),
    FieldSpec("sick_cases_1y_per_year", "float",
              _t("Verzuimgevallen van ± een jaar per jaar", "Sickness cases of about a year per year"),
              _t("Vanaf week 42 volgen de melding bij UWV en de eerstejaarsevaluatie.",
                 "From week 42 the UWV notification and the first-year evaluation follow."), "more"),
    FieldSpec("planned_dismissals_3m", "int",
              _t("Voorgenomen ontslagen binnen 3 maanden", "Planned dismissals within 3 months"),
              _counting("planned_dismissals_3m"), "more"),
    FieldSpec("intra_eu_exports_eur", "eur",
              _t("Leveringen naar andere EU-landen (€/jaar)", "Deliveries to other EU countries (€/year)"),
              _counting("intra_eu_exports_eur"), "more", 10_000.0),
    FieldSpec("intra_eu_imports_eur", "eur",
              _t("Verwervingen uit andere EU-landen (€/jaar)", "Acquisitions from other EU countries (€/year)"),
              _counting("intra_eu_imports_eur"), "more", 10_000.0),
    FieldSpec("has_staff_representation", "bool",
              _t("Heeft een personeelsvertegenwoordiging (PVT)", "Has a staff representation body (PVT)"),
              _counting("has_staff_representation"), "more"),
    FieldSpec("travel_allowance", "bool",
              _t("Vergoedt reiskosten of regelt vervoer", "Pays travel costs or provides transport"),
              _counting("travel_allowance"), "more"),
    FieldSpec("listed", "bool", _t("Beursgenoteerd", "Listed on a stock exchange"),
              _counting("listed"), "more"),
    FieldSpec("consumer_services", "bool",
              _t("Levert consumentendiensten (toegankelijkheidswet)", "Provides consumer services (Accessibility Act)"),
              _counting("consumer_services"), "more"),
    FieldSpec("interns_unpaid", "int",
              _t("Onbetaalde stagiairs en anderen onder uw gezag", "Unpaid interns and others under your authority"),
              _counting("employees_arbo"), "more"),
    FieldSpec("paid_hours_prev_year", "float",
              _t("Verloonde uren vorig kalenderjaar", "Paid hours previous calendar year"),
              _counting("paid_hours_prev_year"), "more", 100.0),
    FieldSpec("annual_accounts_class_prev", "int",
              _t("Klasse laatst vastgestelde jaarrekening (1 micro, 2 klein, 3 middelgroot, 4 groot)",
                 "Class of the last adopted accounts (1 micro, 2 small, 3 medium, 4 large)"),
              _counting("annual_accounts_class_prev"), "finance"),
    FieldSpec("financial_year_number", "int",
              _t("Hoeveelste boekjaar (1 = eerste)", "Which financial year (1 = first)"),
              _counting("financial_year_number"), "finance"),
    FieldSpec("electricity_kwh_largest_site", "float",
              _t("Elektriciteit grootste locatie (kWh per jaar)", "Electricity of the largest site (kWh per year)"),
              _counting("electricity_kwh_site"), "finance", 1_000.0),
    FieldSpec("gas_m3_largest_site", "float",
              _t("Aardgas grootste locatie (m³ per jaar)", "Natural gas of the largest site (m³ per year)"),
              _counting("gas_m3_site"), "finance", 1_000.0),
    FieldSpec("group_turnover_eur", "eur",
              _t("Geconsolideerde groepsomzet (€)", "Consolidated group revenue (€)"),
              _counting("group_turnover_eur"), "finance", 10_000.0),
    FieldSpec("heads_group", "bool", _t("Heeft dochtermaatschappijen", "Has subsidiaries"),
              _counting("heads_group"), "more"),
    FieldSpec("multinational_group", "bool",
              _t("Hoort bij een groep met vestigingen in het buitenland", "Belongs to a group with entities abroad"),
              _counting("multinational_group"), "more"),
    FieldSpec("connected_products", "bool",
              _t("Maakt verbonden producten (Data Act)", "Makes connected products (Data Act)"),
              _counting("connected_products"), "more"),
    FieldSpec("digital_products", "bool",
              _t("Maakt producten met software of netwerkverbinding (CRA)", "Makes products with software or a network connection (CRA)"),
              _counting("digital_products"), "more"),
    FieldSpec("hazardous_substances", "bool",
              _t("Werkt met gevaarlijke stoffen", "Works with hazardous substances"),
              _counting("hazardous_substances"), "more"),
    FieldSpec("welding", "bool", _t("Er wordt gelast of gesneden", "Welding or cutting takes place"),
              _counting("welding"), "more"),
    FieldSpec("carcinogen_exposure", "bool",
              _t("Blootstelling aan kankerverwekkende stoffen", "Exposure to carcinogens"),
              _counting("carcinogen_exposure"), "more"),
    FieldSpec("noise_above_80db", "bool", _t("Lawaai boven 80 dB(A)", "Noise above 80 dB(A)"),
              _counting("noise_above_80db"), "more"),
    FieldSpec("places_eudr_commodities", "bool",
              _t("Brengt hout, rubber, soja e.d. op de markt (EUDR)", "Places wood, rubber, soy etc. on the market (EUDR)"),
              _counting("places_eudr_commodities"), "more"),
)  # fmt: skip
FORM_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FORM_FIELDS)


@dataclass(frozen=True)
class ExampleFirm:
    id: str
    name: Text
    values: dict[str, Any]


EXAMPLE_FIRMS: tuple[ExampleFirm, ...] = (
    ExampleFirm("werkplaats-4", _t("Werkplaats, 4 personen", "Workshop, 4 people"),
                {"employees": 4, "fte": 3.5, "legal_form": "vof", "sector_sbi": "2562",
                 "turnover_eur": 420_000}),
    ExampleFirm("metaal-bv-12", _t("Metaal-bv, 12 personen", "Metal BV, 12 people"),
                {"employees": 12, "fte": 10.5, "legal_form": "bv", "sector_sbi": "2511",
                 "turnover_eur": 1_900_000, "balance_total_eur": 1_100_000}),
    ExampleFirm("machinebouwer-25", _t("Machinebouwer, 25 personen", "Machine builder, 25 people"),
                {"employees": 25, "fte": 23.0, "temp_workers": 2, "legal_form": "bv",
                 "sector_sbi": "2829", "turnover_eur": 5_200_000, "balance_total_eur": 3_100_000}),
    ExampleFirm("toeleverancier-60", _t("Toeleverancier, 60 personen", "Supplier, 60 people"),
                {"employees": 60, "fte": 55.0, "temp_workers": 6, "temp_workers_24m": 1,
                 "legal_form": "bv", "sector_sbi": "2562", "turnover_eur": 11_500_000,
                 "balance_total_eur": 7_200_000}),
)  # fmt: skip
EXAMPLES_BY_ID = {e.id: e for e in EXAMPLE_FIRMS}

# Query-parameter names for the non-profile settings (profile fields use their own names).
Q_SCENARIO, Q_THRESHOLD, Q_DATE, Q_LANG = "scenario", "threshold", "date", "lang"
NO_SCENARIO = "-"


def clean_values(values: dict[str, Any]) -> dict[str, Any]:
    """Drop empty entries (None, '', NaN): those are the inputs the defaults will fill."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, float) and math.isnan(value):
            continue
        out[key] = value
    return out


def _fmt_param(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def encode_query(
    values: dict[str, Any],
    *,
    scenario: str | None = None,
    threshold: float | None = None,
    date: dt.date | None = None,
    lang: Lang | None = None,
) -> dict[str, str]:
    """The URL query parameters for a profile and the chosen settings (given values only)."""
    out = {k: _fmt_param(v) for k, v in clean_values(values).items() if k in PROFILE_FIELDS}
    if scenario is not None:
        out[Q_SCENARIO] = scenario
    if threshold is not None:
        out[Q_THRESHOLD] = _fmt_param(float(threshold))
    if date is not None:
        out[Q_DATE] = date.isoformat()
    if lang is not None:
        out[Q_LANG] = lang
    return out


# The proposal threshold a link may set: the range of the sidebar slider.
THRESHOLD_MIN, THRESHOLD_MAX = 1, 250
MAX_PARAM_CHARS = 200


@dataclass(frozen=True)
class QueryProblem:
    """A URL parameter that was refused (and left out), with the reason in Dutch and English."""

    field: str
    nl: str
    en: str

    def text(self, lang: str = "nl") -> str:
        return self.nl if lang == "nl" else self.en


@dataclass
class DecodedQuery:
    values: dict[str, Any]
    scenario: str | None = None
    threshold: float | None = None
    date: dt.date | None = None
    lang: Lang | None = None
    errors: list[QueryProblem] | None = None


_INT_FIELDS = {n for n, f in FirmProfile.model_fields.items() if f.annotation in (int, int | None)}


def _shown(raw: str) -> str:
    return printable(raw, 40)


def _convert(name: str, raw: str) -> Any:
    """One profile value from a URL (numbers in plain notation, as :func:`encode_query` writes)."""
    text = raw.strip()
    if name in BOOL_FIELDS:
        lowered = text.lower()
        if lowered in ("1", "true", "ja", "yes"):
            return True
        if lowered in ("0", "false", "nee", "no"):
            return False
        raise InputError(
            f"'{_shown(raw)}' is geen ja/nee-waarde (gebruik 1 of 0)",
            f"'{_shown(raw)}' is not a yes/no value (use 1 or 0)",
        )
    if name in ("name", "legal_form", "sector_sbi"):
        return text
    return _plain_number(text, "int" if name in _INT_FIELDS else "decimal")


def _plain_number(text: str, kind: Kind) -> int | float:
    """A number as :func:`encode_query` writes it; '1.900' (never written so) is refused."""
    parsed = parse_number(text, kind, "en")
    if parsed.ambiguous:
        raise InputError(
            f"'{_shown(text)}' is dubbelzinnig (duizendtallen of decimalen?); schrijf {text.replace('.', '').replace(',', '')} of gebruik het formulier",
            f"'{_shown(text)}' is ambiguous (thousands or decimals?); write {text.replace('.', '').replace(',', '')} or use the form",
        )
    return parsed.value


def _threshold(text: str) -> float:
    value = float(_plain_number(text, "decimal"))
    if not THRESHOLD_MIN <= value <= THRESHOLD_MAX:
        raise InputError(
            f"drempel {value:g} ligt niet tussen {THRESHOLD_MIN} en {THRESHOLD_MAX}",
            f"threshold {value:g} is not between {THRESHOLD_MIN} and {THRESHOLD_MAX}",
        )
    return value


def _date(text: str) -> dt.date:
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"'{_shown(text)}' is geen datum (JJJJ-MM-DD)",
            f"'{_shown(text)}' is not a date (YYYY-MM-DD)",
        ) from None
    return check_covered(date)


def _setting(out: DecodedQuery, key: str, text: str) -> None:
    if key == Q_SCENARIO:
        out.scenario = text
    elif key == Q_THRESHOLD:
        out.threshold = _threshold(text)
    elif key == Q_DATE:
        out.date = _date(text)
    elif key == Q_LANG:
        if text not in ("nl", "en"):
            raise InputError(
                f"taal '{_shown(text)}' onbekend (nl of en)",
                f"language '{_shown(text)}' unknown (nl or en)",
            )
        out.lang = text  # type: ignore[assignment]


def decode_query(params: dict[str, Any]) -> DecodedQuery:
    """Read URL parameters back into profile values and settings, each validated.

    Unknown parameters are ignored (other pages may add their own); a bad value is reported
    in ``errors`` (Dutch and English) and left out — the fallback (default or assumption)
    applies — so the rest of a shared link still works and nothing bad stays in the session.
    Whether ``scenario`` exists is checked by the caller, which knows the catalogue.
    """
    errors: list[QueryProblem] = []
    values: dict[str, Any] = {}
    out = DecodedQuery(values=values, errors=errors)
    for key, raw in params.items():
        text = str(raw[-1] if isinstance(raw, list) and raw else raw)
        if key not in PROFILE_FIELDS and key not in (Q_SCENARIO, Q_THRESHOLD, Q_DATE, Q_LANG):
            continue
        try:
            if len(text) > MAX_PARAM_CHARS:
                raise InputError(
                    f"waarde is langer dan {MAX_PARAM_CHARS} tekens",
                    f"value is longer than {MAX_PARAM_CHARS} characters",
                )
            if key in PROFILE_FIELDS:
                if text.strip():  # an empty value is a value not given
                    values[key] = _convert(key, text)
            else:
                _setting(out, key, text)
        except InputError as exc:
            errors.append(QueryProblem(key, exc.nl, exc.en))
    _drop_invalid(values, errors)
    return out


def _drop_invalid(values: dict[str, Any], errors: list[QueryProblem]) -> None:
    """Field and cross-field checks (fte <= employees, ...): drop offenders one at a time."""
    for _ in range(len(values) + 1):
        try:
            parse_profile({"employees": MAX_COUNT, **clean_values(values)})
            break
        except ProfileError as exc:
            errors.append(QueryProblem(exc.field, exc.message, exc.message_en))
            if values.pop(exc.field, None) is None:
                values.clear()
    if "employees" in values:
        try:
            parse_profile(clean_values(values))
        except ProfileError as exc:
            errors.append(QueryProblem(exc.field, exc.message, exc.message_en))
            values.pop(exc.field, None)


def profile_json(values: dict[str, Any]) -> str:
    """The JSON download: only the given values, validated, with a stable key order."""
    profile = parse_profile(clean_values(values))
    return json.dumps(
        profile.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False
    )


def values_from_json(data: bytes | str) -> dict[str, Any]:
    """Read an uploaded profile JSON strictly (limits, duplicate keys); raises ProfileError."""
    try:
        raw = load_profile_bytes(data.encode() if isinstance(data, str) else data)
    except InputError as exc:
        raise ProfileError("json", exc.nl, exc.en) from None
    profile = parse_profile(raw)
    return profile.model_dump(mode="json", exclude_none=True)


# ---------------------------------------------------------------------------------------------
# Amount fields: typed as text, the way people write money


AMOUNT_FIELDS: tuple[str, ...] = ()  # filled below from FORM_FIELDS


def amount_text(value: Any, lang: Lang) -> str:
    """A stored amount as the form shows it: whole euros with thousands separators."""
    if value is None or isinstance(value, bool) or value == "":
        return ""
    if isinstance(value, str):
        return value
    return format_plain(value, "nl" if lang == "nl" else "en")


def parse_amount(text: str | None, lang: Lang) -> int | float | None:
    """Typed text -> an amount in euros (None when empty); raises InputError (nl + en).

    Dutch (``3.000.000``, ``3.000.000,00``, ``€ 650.000``, ``3 mln``) and English notation are
    both read; an ambiguous form is decided by the UI language and an amount is never read
    with three decimals (``1,900`` in the Dutch form is a message, not € 1,90).
    """
    if text is None or not str(text).strip():
        return None
    value = parse_number(str(text), "amount", "nl" if lang == "nl" else "en").value
    if value < 0:
        raise InputError("een bedrag kan niet negatief zijn", "an amount cannot be negative")
    return value


def amounts_from_form(values: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """The form values with every amount field read from its text; raises ProfileError."""
    out = dict(values)
    for name in AMOUNT_FIELDS:
        if isinstance(out.get(name), str):
            try:
                amount = parse_amount(out[name], lang)
            except InputError as exc:
                raise ProfileError(name, exc.nl, exc.en) from None
            if amount is None:
                out.pop(name)
            else:
                out[name] = amount
    return out


LEGAL_FORMS: tuple[str, ...] = tuple(f.value for f in LegalForm)
AMOUNT_FIELDS = tuple(f.name for f in FORM_FIELDS if f.kind == "eur")
