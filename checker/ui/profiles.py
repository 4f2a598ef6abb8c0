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

from checker.bilingual import Lang
from checker.i18n import has_message, msg_key, t
from checker.measures import MEASURES
from checker.profile import (
    BOOL_FIELDS,
    MAX_COUNT,
    PROFILE_FIELDS,
    FirmProfile,
    LegalForm,
    ProfileError,
    parse_profile,
)

FieldKind = Literal["int", "float", "eur", "bool", "legal_form", "sbi"]


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
    FieldSpec("temp_workers", "int", counting="persons_wbk"),
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


@dataclass
class DecodedQuery:
    values: dict[str, Any]
    scenario: str | None = None
    threshold: float | None = None
    date: dt.date | None = None
    lang: Lang | None = None
    errors: list[tuple[str, str]] | None = None


_INT_FIELDS = {n for n, f in FirmProfile.model_fields.items() if f.annotation in (int, int | None)}


def _convert(name: str, raw: str) -> Any:
    text = raw.strip()
    if name in BOOL_FIELDS:
        lowered = text.lower()
        if lowered in ("1", "true", "ja", "yes"):
            return True
        if lowered in ("0", "false", "nee", "no"):
            return False
        raise ValueError(f"'{raw}' is geen ja/nee-waarde (gebruik 1 of 0)")
    if name in ("name", "legal_form", "sector_sbi"):
        return text
    number = float(text.replace(",", "."))
    if name in _INT_FIELDS:
        if not number.is_integer():
            raise ValueError(f"'{raw}' is geen geheel getal")
        return int(number)
    return number


def decode_query(params: dict[str, Any]) -> DecodedQuery:
    """Read URL parameters back into profile values and settings.

    Unknown parameters are ignored (other pages may add their own); a bad value is reported
    in ``errors`` as (field, message) and left out, so the rest of a shared link still works.
    """
    errors: list[tuple[str, str]] = []
    values: dict[str, Any] = {}
    out = DecodedQuery(values=values, errors=errors)
    for key, raw in params.items():
        text = raw[-1] if isinstance(raw, list) else str(raw)
        try:
            if key in PROFILE_FIELDS:
                values[key] = _convert(key, text)
            elif key == Q_SCENARIO:
                out.scenario = text
            elif key == Q_THRESHOLD:
                out.threshold = float(text.replace(",", "."))
            elif key == Q_DATE:
                out.date = dt.date.fromisoformat(text)
            elif key == Q_LANG and text in ("nl", "en"):
                out.lang = text  # type: ignore[assignment]
        except ValueError as exc:
            errors.append((key, str(exc) if "'" in str(exc) else f"'{text}' is ongeldig"))
    # Cross-field checks (fte <= employees, ...): drop offending values one at a time.
    for _ in range(len(values) + 1):
        try:
            parse_profile({"employees": MAX_COUNT, **clean_values(values)})
            break
        except ProfileError as exc:
            errors.append((exc.field, exc.message))
            if values.pop(exc.field, None) is None:
                values.clear()
    return out


def profile_json(values: dict[str, Any]) -> str:
    """The JSON download: only the given values, validated, with a stable key order."""
    profile = parse_profile(clean_values(values))
    return json.dumps(
        profile.model_dump(mode="json", exclude_none=True), indent=2, ensure_ascii=False
    )


def values_from_json(data: bytes | str) -> dict[str, Any]:
    """Read an uploaded profile JSON; raises ProfileError naming the problem."""
    try:
        raw = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProfileError("json", f"geen geldig JSON-bestand ({exc})") from None
    profile = parse_profile(raw)
    return profile.model_dump(mode="json", exclude_none=True)


LEGAL_FORMS: tuple[str, ...] = tuple(f.value for f in LegalForm)
