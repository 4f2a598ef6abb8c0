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

from checker.assumptions import SAVED_PROFILE_KEY, Overrides
from checker.bilingual import Lang
from checker.i18n import fmt_exact, fmt_number, has_message, legal_form_label, msg_key, t
from checker.measures import MEASURES
from checker.parsing.errors import InputError
from checker.parsing.numbers import Kind, parse_number
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
from checker.ui.refused_value import RefusedValue
from checker.ui.sbi_list import sbi_label

FieldKind = Literal["int", "float", "eur", "bool", "legal_form", "sbi", "accounts_class"]


@dataclass(frozen=True)
class FieldSpec:
    """How one profile field is asked in the form (widget kind, group, step).

    The label is the catalogue's ``field.<name>``; the help text is ``field_help.<name>``, or,
    for fields that feed a measure with its own counting rule, that rule (one text, never two).
    """

    name: str
    kind: FieldKind
    counting: str | None = None  # measure whose counting rule is the help text
    group: Literal["main", "finance", "more"] = "main"
    step: float = 1.0

    def label(self, lang: Lang) -> str:
        return t(f"field.{self.name}", lang)

    def help(self, lang: Lang) -> str:
        if self.counting is not None:
            return MEASURES[self.counting].counting.get(lang)
        return t(f"field_help.{self.name}", lang)


FORM_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("employees", "int"),
    FieldSpec("fte", "float", step=0.5),
    FieldSpec("temp_workers", "int", counting="employees_arbo"),
    FieldSpec("temp_workers_24m", "int", counting="persons_wor"),
    FieldSpec("legal_form", "legal_form"),
    FieldSpec("sector_sbi", "sbi"),
    FieldSpec("turnover_eur", "eur", group="finance", step=10000.0),
    FieldSpec("balance_total_eur", "eur", group="finance", step=10000.0),
    FieldSpec("wage_bill_eur", "eur", counting="wage_bill_eur", group="finance", step=10000.0),
    FieldSpec("electricity_kwh", "float", counting="electricity_kwh", group="finance", step=1000.0),
    FieldSpec("gas_m3", "float", counting="gas_m3", group="finance", step=1000.0),
    FieldSpec("working_owners", "int", group="more"),
    FieldSpec("employees_avg_fy", "float", counting="employees_avg_fy", group="more", step=0.5),
    FieldSpec(
        "employees_avg_prev_fy", "float", counting="employees_avg_prev_fy", group="more", step=0.5
    ),
    FieldSpec("interns_volunteers_paid", "int", counting="persons_wbk", group="more"),
    FieldSpec("hires_per_year", "float", group="more"),
    FieldSpec("dismissals_per_year", "float", group="more"),
    FieldSpec("sick_cases_6w_per_year", "float", group="more"),
    FieldSpec("sick_cases_2y_per_year", "float", group="more"),
    FieldSpec("has_works_council", "bool", counting="persons_wor", group="more"),
    FieldSpec("uses_recognised_rie_tool", "bool", group="more"),
    FieldSpec("cbam_import_tonnes", "float", counting="cbam_import_tonnes", group="more"),
    FieldSpec(
        "turnover_prev_eur", "eur", counting="turnover_prev_eur", group="finance", step=10000.0
    ),
    FieldSpec(
        "balance_total_prev_eur",
        "eur",
        counting="balance_total_prev_eur",
        group="finance",
        step=10000.0,
    ),
    FieldSpec(
        "wage_bill_t2_eur", "eur", counting="wage_bill_t2_eur", group="finance", step=10000.0
    ),
    FieldSpec("equity_eur", "eur", counting="equity_eur", group="finance", step=10000.0),
    FieldSpec("employees_20h_jan1", "int", counting="employees_20h_jan1", group="more"),
    FieldSpec("weekly_labour_hours", "float", counting="weekly_labour_hours", group="more"),
    FieldSpec("sick_cases_1y_per_year", "float", group="more"),
    FieldSpec("planned_dismissals_3m", "int", counting="planned_dismissals_3m", group="more"),
    FieldSpec(
        "intra_eu_exports_eur", "eur", counting="intra_eu_exports_eur", group="more", step=10000.0
    ),
    FieldSpec(
        "intra_eu_imports_eur", "eur", counting="intra_eu_imports_eur", group="more", step=10000.0
    ),
    FieldSpec(
        "has_staff_representation", "bool", counting="has_staff_representation", group="more"
    ),
    FieldSpec("travel_allowance", "bool", counting="travel_allowance", group="more"),
    FieldSpec("listed", "bool", counting="listed", group="more"),
    FieldSpec("consumer_services", "bool", counting="consumer_services", group="more"),
    FieldSpec("interns_unpaid", "int", counting="employees_arbo", group="more"),
    FieldSpec(
        "paid_hours_prev_year", "float", counting="paid_hours_prev_year", group="more", step=100.0
    ),
    FieldSpec(
        "annual_accounts_class_prev",
        "accounts_class",
        counting="annual_accounts_class_prev",
        group="finance",
    ),
    FieldSpec("financial_year_number", "int", counting="financial_year_number", group="finance"),
    FieldSpec(
        "electricity_kwh_largest_site",
        "float",
        counting="electricity_kwh_site",
        group="finance",
        step=1000.0,
    ),
    FieldSpec("gas_m3_largest_site", "float", counting="gas_m3_site", group="finance", step=1000.0),
    FieldSpec(
        "group_turnover_eur", "eur", counting="group_turnover_eur", group="finance", step=10000.0
    ),
    FieldSpec("heads_group", "bool", counting="heads_group", group="more"),
    FieldSpec("multinational_group", "bool", counting="multinational_group", group="more"),
    FieldSpec("connected_products", "bool", counting="connected_products", group="more"),
    FieldSpec("digital_products", "bool", counting="digital_products", group="more"),
    FieldSpec("hazardous_substances", "bool", counting="hazardous_substances", group="more"),
    FieldSpec("welding", "bool", counting="welding", group="more"),
    FieldSpec("carcinogen_exposure", "bool", counting="carcinogen_exposure", group="more"),
    FieldSpec("noise_above_80db", "bool", counting="noise_above_80db", group="more"),
    FieldSpec("places_eudr_commodities", "bool", counting="places_eudr_commodities", group="more"),
)
FORM_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FORM_FIELDS)
_SPECS = {f.name: f for f in FORM_FIELDS}


def field_label(name: str, lang: Lang) -> str:
    """A profile input in words: the form's label, or ``input.<name>`` for inputs the form
    does not ask (earlier headcounts, derived figures); never the raw field id."""
    spec = _SPECS.get(name)
    if spec is not None:
        return spec.label(lang)
    if has_message(f"input.{name}"):
        return t(f"input.{name}", lang)
    return name.replace("_", " ")


@dataclass(frozen=True)
class ExampleFirm:
    id: str
    name_key: str  # message key of the button label
    values: dict[str, Any]

    def name(self, lang: Lang) -> str:
        return t(self.name_key, lang)


EXAMPLE_FIRMS: tuple[ExampleFirm, ...] = (
    ExampleFirm(
        "werkplaats-4",
        msg_key("example_firm.werkplaats_4"),
        {
            "employees": 4,
            "fte": 3.5,
            "legal_form": "vof",
            "sector_sbi": "2562",
            "turnover_eur": 420_000,
        },
    ),
    ExampleFirm(
        "metaal-bv-12",
        msg_key("example_firm.metaal_bv_12"),
        {
            "employees": 12,
            "fte": 10.5,
            "legal_form": "bv",
            "sector_sbi": "2511",
            "turnover_eur": 1_900_000,
            "balance_total_eur": 1_100_000,
        },
    ),
    ExampleFirm(
        "machinebouwer-25",
        msg_key("example_firm.machinebouwer_25"),
        {
            "employees": 25,
            "fte": 23.0,
            "temp_workers": 2,
            "legal_form": "bv",
            "sector_sbi": "2829",
            "turnover_eur": 5_200_000,
            "balance_total_eur": 3_100_000,
        },
    ),
    ExampleFirm(
        "toeleverancier-60",
        msg_key("example_firm.toeleverancier_60"),
        {
            "employees": 60,
            "fte": 55.0,
            "temp_workers": 6,
            "temp_workers_24m": 1,
            "legal_form": "bv",
            "sector_sbi": "2562",
            "turnover_eur": 11_500_000,
            "balance_total_eur": 7_200_000,
        },
    ),
)
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


@dataclass
class DecodedQuery:
    values: dict[str, Any]
    scenario: str | None = None
    threshold: float | None = None
    date: dt.date | None = None
    lang: Lang | None = None
    errors: list[RefusedValue] | None = None


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
    errors: list[RefusedValue] = []
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
            errors.append(RefusedValue(key, exc.nl, exc.en))
    _drop_invalid(values, errors)
    return out


def _drop_invalid(values: dict[str, Any], errors: list[RefusedValue]) -> None:
    """Field and cross-field checks (fte <= employees, ...): drop offenders one at a time."""
    for _ in range(len(values) + 1):
        try:
            parse_profile({"employees": MAX_COUNT, **clean_values(values)})
            break
        except ProfileError as exc:
            errors.append(RefusedValue(exc.field, exc.nl, exc.en))
            if values.pop(exc.field, None) is None:
                values.clear()
    if "employees" in values:
        try:
            parse_profile(clean_values(values))
        except ProfileError as exc:
            errors.append(RefusedValue(exc.field, exc.nl, exc.en))
            values.pop(exc.field, None)


# The saved profile's block with the user's changed assumptions (tariffs, rates, figures).
ASSUMPTIONS_KEY = SAVED_PROFILE_KEY


def profile_json(values: dict[str, Any], overrides: Overrides | None = None) -> str:
    """The JSON download: only the given values, validated, with a stable key order.

    Changed assumptions (the Aannames panel) are saved beside the profile under
    ``assumptions`` so that loading the file gives the same result again.
    """
    profile = parse_profile(clean_values(values))
    data = profile.model_dump(mode="json", exclude_none=True)
    if overrides is not None and not overrides.empty:
        data[ASSUMPTIONS_KEY] = {
            group: dict(sorted(figures.items()))
            for group, figures in overrides.model_dump().items()
            if figures
        }
    return json.dumps(data, indent=2, ensure_ascii=False)


def saved_profile_from_json(data: bytes | str) -> tuple[dict[str, Any], Any]:
    """An uploaded profile JSON read strictly: (given values, raw ``assumptions`` block or None).

    Raises ProfileError for an unreadable file or an invalid profile; the assumptions block is
    validated against the catalogue by the caller (:func:`checker.ui.overrides.overrides_from_json`).
    """
    try:
        raw = load_profile_bytes(data.encode() if isinstance(data, str) else data)
    except InputError as exc:
        raise ProfileError("json", exc.nl, exc.en) from None
    assumptions = raw.pop(ASSUMPTIONS_KEY, None) if isinstance(raw, dict) else None
    profile = parse_profile(raw)
    return profile.model_dump(mode="json", exclude_none=True), assumptions


def values_from_json(data: bytes | str) -> dict[str, Any]:
    """Read an uploaded profile JSON strictly (limits, duplicate keys); raises ProfileError."""
    return saved_profile_from_json(data)[0]


# ---------------------------------------------------------------------------------------------
# Amount fields: typed as text, the way people write money


AMOUNT_FIELDS: tuple[str, ...] = ()  # filled below from FORM_FIELDS
DECIMAL_FIELDS: tuple[str, ...] = ()
TYPED_NUMBER_FIELDS: tuple[str, ...] = ()


def amount_text(value: Any, lang: Lang) -> str:
    """A stored amount as the form shows it: euros with thousands separators, cents as typed
    (3.000.000, 1.250.000,50) — never rounded."""
    if value is None or isinstance(value, bool) or value == "":
        return ""
    if isinstance(value, str):
        return value
    return fmt_number(float(value), lang, decimals=0 if float(value).is_integer() else 2)


def decimal_text(value: Any, lang: Lang) -> str:
    """A stored number (fte, kWh, hours) as the form shows it: every decimal it has, so a
    typed 12,25 fte is shown back as 12,25 (never 12,3) and 2,5 hires never as 3."""
    if value is None or isinstance(value, bool) or value == "":
        return ""
    if isinstance(value, str):
        return value
    return fmt_exact(float(value), lang)


def parse_decimal(text: str | None, lang: Lang) -> int | float | None:
    """Typed text -> a number (None when empty); raises InputError (nl + en).

    Both notations are read (12,5 and 12.5); an ambiguous form (1.000) is decided by the UI
    language, as for amounts.
    """
    if text is None or not str(text).strip():
        return None
    value = parse_number(str(text), "decimal", "nl" if lang == "nl" else "en").value
    if value < 0:
        raise InputError("een aantal kan niet negatief zijn", "a number cannot be negative")
    return value


def form_text(name: str, value: Any, lang: Lang) -> str:
    """A typed-number field's value as the form shows it (amount or decimal)."""
    return amount_text(value, lang) if name in AMOUNT_FIELDS else decimal_text(value, lang)


def parse_form_number(name: str, text: str | None, lang: Lang) -> int | float | None:
    """A typed-number field read back (amount or decimal); raises InputError (nl + en)."""
    return parse_amount(text, lang) if name in AMOUNT_FIELDS else parse_decimal(text, lang)


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
    """The form values with every typed number (amounts, fte, kWh, …) read from its text;
    raises ProfileError."""
    out = dict(values)
    for name in TYPED_NUMBER_FIELDS:
        if isinstance(out.get(name), str):
            try:
                amount = parse_form_number(name, out[name], lang)
            except InputError as exc:
                raise ProfileError(name, exc.nl, exc.en) from None
            if amount is None:
                out.pop(name)
            else:
                out[name] = amount
    return out


LEGAL_FORMS: tuple[str, ...] = tuple(f.value for f in LegalForm)
ACCOUNTS_CLASSES: tuple[int | None, ...] = (None, 1, 2, 3, 4)


# ---------------------------------------------------------------------------------------------
# What a select shows for a code (the form stores codes; these are only the words)


def bool_label(value: bool | None, lang: Lang) -> str:
    if value is None:
        return t("common.assumed", lang)
    return t("common.yes" if value else "common.no", lang)


def legal_form_option(value: str | None, lang: Lang) -> str:
    if value is None:
        return t("page.firm.form.assumed_legal_form", lang)
    return legal_form_label(value, lang)


def sector_label(value: str | None, lang: Lang) -> str:
    return t("page.firm.form.assumed_sector", lang) if value is None else sbi_label(value, lang)


def accounts_class_label(value: int | None, lang: Lang) -> str:
    if value is None:
        return t("page.firm.form.accounts_unknown", lang)
    return t(f"accounts_class.{value}", lang)


AMOUNT_FIELDS = tuple(f.name for f in FORM_FIELDS if f.kind == "eur")
# Numbers that may have decimals (fte, kWh, hours a week …): typed as text like the amounts, so a
# Dutch "12,5" is read as 12,5 and the field shows back exactly what was typed.
DECIMAL_FIELDS = tuple(f.name for f in FORM_FIELDS if f.kind == "float")
TYPED_NUMBER_FIELDS = AMOUNT_FIELDS + DECIMAL_FIELDS
