"""The firm profile: what a user tells us about their company, validated field by field.

A single firm and a whole population share one representation, a pandas DataFrame with one
row per firm and the columns in :data:`PROFILE_FIELDS`.  ``FirmProfile`` is the validated
entry point for one firm (form, JSON, YAML, CLI); ``profiles_to_frame`` turns any number of
them into that frame.  Missing optional values are filled by :mod:`checker.defaults`, which
also records that the value was assumed, so a result can say so.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from checker.bilingual import BilingualError, Text
from checker.i18n.messages import t


class LegalForm(StrEnum):
    eenmanszaak = "eenmanszaak"
    vof = "vof"
    cv = "cv"
    maatschap = "maatschap"
    bv = "bv"
    nv = "nv"
    cooperatie = "cooperatie"
    vereniging = "vereniging"
    stichting = "stichting"


# Size class of the last adopted annual account (BW 2:395a–2:397), asked as a code so that the
# profile stays numeric: 1 micro, 2 klein, 3 middelgroot, 4 groot.  Names are accepted too.
SIZE_CLASS_CODES: dict[str, int] = {
    "micro": 1,
    "klein": 2,
    "middelgroot": 3,
    "groot": 4,
    "small": 2,
    "medium": 3,
    "large": 4,
}
# The words for the codes come from the message catalogue (``accounts_class.<code>``).
SIZE_CLASS_LABELS: dict[int, Text] = {
    code: Text(nl=t(f"accounts_class.{code}", "nl"), en=t(f"accounts_class.{code}", "en"))
    for code in (1, 2, 3, 4)
}

_SBI_RE = re.compile(r"^\d{2}(\d{1,3})?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MAX_SHOWN_CHARS = 60
MAX_COUNT = 1_000_000
MAX_EUR = 1e13
MAX_ENERGY = 1e13


def normalise_sbi(value: str) -> str:
    """'25.62', '2562', ' 25 ' -> '2562' / '25'.  Raises ValueError for anything else."""
    digits = str(value).strip().replace(".", "").replace(" ", "")
    if not _SBI_RE.match(digits):
        raise BilingualError(
            f"SBI-code '{value}' is ongeldig: verwacht 2 tot 5 cijfers, zoals '25' of '25.62'",
            f"SBI code '{value}' is invalid: expected 2 to 5 digits, such as '25' or '25.62'",
        )
    return digits


# Filled in after the class is defined (the validators read them at validation time).
_NUMBER_FIELD_NAMES: frozenset[str] = frozenset()
_INT_FIELD_NAMES: frozenset[str] = frozenset()


class FirmProfile(BaseModel):
    """One firm as entered by a user.  Only ``employees`` is required.

    Field descriptions are the help texts shown in the app; they say how the laws count.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    name: str | None = Field(default=None, max_length=200, description="Naam (optioneel)")
    employees: int = Field(
        ge=0,
        le=MAX_COUNT,
        description="Werknemers in loondienst (aantal personen, ongeacht uren), zoals "
        "doorgaans ('in de regel') aanwezig; zonder uitzendkrachten en zonder de eigenaar.",
    )
    fte: float | None = Field(default=None, ge=0, le=MAX_COUNT, description="Voltijdbanen (fte)")
    temp_workers: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    temp_workers_24m: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    interns_volunteers_paid: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    interns_unpaid: int | None = Field(
        default=None,
        ge=0,
        le=MAX_COUNT,
        description="Onbetaalde stagiairs en anderen die zonder arbeidsovereenkomst onder uw "
        "gezag werken (tellen mee voor de Arbowet).",
    )
    working_owners: int | None = Field(default=None, ge=0, le=1000)
    employees_avg_fy: float | None = Field(default=None, ge=0, le=MAX_COUNT)
    employees_avg_prev_fy: float | None = Field(default=None, ge=0, le=MAX_COUNT)
    employees_20h_jan1: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    employees_1y_ago: int | None = Field(
        default=None, ge=0, le=MAX_COUNT, description="werknemers (in de regel) een jaar geleden"
    )
    employees_2y_ago: int | None = Field(
        default=None, ge=0, le=MAX_COUNT, description="werknemers (in de regel) twee jaar geleden"
    )
    employees_3y_ago: int | None = Field(
        default=None, ge=0, le=MAX_COUNT, description="werknemers (in de regel) drie jaar geleden"
    )
    paid_hours_prev_year: float | None = Field(
        default=None,
        ge=0,
        le=MAX_COUNT * 10_000,
        description="Verloonde uren in het vorige kalenderjaar volgens de loonaangifte, zonder "
        "uitzendkrachten (quotum banenafspraak).",
    )
    annual_accounts_class_prev: int | None = Field(
        default=None,
        ge=1,
        le=4,
        description="Grootteklasse van de laatst vastgestelde jaarrekening: 1 micro, 2 klein, "
        "3 middelgroot, 4 groot.",
    )
    financial_year_number: int | None = Field(
        default=None,
        ge=1,
        le=1000,
        description="Het hoeveelste boekjaar van de rechtspersoon dit is (1 = eerste boekjaar).",
    )
    legal_form: LegalForm | None = None
    sector_sbi: str | None = None
    turnover_eur: float | None = Field(default=None, ge=0, le=MAX_EUR)
    turnover_prev_eur: float | None = Field(default=None, ge=0, le=MAX_EUR)
    balance_total_eur: float | None = Field(default=None, ge=0, le=MAX_EUR)
    balance_total_prev_eur: float | None = Field(default=None, ge=0, le=MAX_EUR)
    equity_eur: float | None = Field(default=None, ge=-MAX_EUR, le=MAX_EUR)
    wage_bill_eur: float | None = Field(default=None, ge=0, le=MAX_EUR)
    wage_bill_t2_eur: float | None = Field(default=None, ge=0, le=MAX_EUR)
    electricity_kwh: float | None = Field(default=None, ge=0, le=MAX_ENERGY)
    gas_m3: float | None = Field(default=None, ge=0, le=MAX_ENERGY)
    electricity_kwh_largest_site: float | None = Field(default=None, ge=0, le=MAX_ENERGY)
    gas_m3_largest_site: float | None = Field(default=None, ge=0, le=MAX_ENERGY)
    group_turnover_eur: float | None = Field(default=None, ge=0, le=MAX_EUR)
    weekly_labour_hours: float | None = Field(default=None, ge=0, le=MAX_COUNT * 100)
    hires_per_year: float | None = Field(default=None, ge=0, le=MAX_COUNT)
    dismissals_per_year: float | None = Field(default=None, ge=0, le=MAX_COUNT)
    sick_cases_6w_per_year: float | None = Field(default=None, ge=0, le=MAX_COUNT)
    sick_cases_1y_per_year: float | None = Field(default=None, ge=0, le=MAX_COUNT)
    sick_cases_2y_per_year: float | None = Field(default=None, ge=0, le=MAX_COUNT)
    planned_dismissals_3m: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    cbam_import_tonnes: float | None = Field(default=None, ge=0, le=1e9)
    intra_eu_exports_eur: float | None = Field(default=None, ge=0, le=MAX_EUR)
    intra_eu_imports_eur: float | None = Field(default=None, ge=0, le=MAX_EUR)
    has_works_council: bool | None = None
    has_staff_representation: bool | None = None
    uses_recognised_rie_tool: bool | None = None
    travel_allowance: bool | None = None
    listed: bool | None = None
    consumer_services: bool | None = None
    places_eudr_commodities: bool | None = None
    heads_group: bool | None = None
    multinational_group: bool | None = None
    connected_products: bool | None = None
    digital_products: bool | None = None
    hazardous_substances: bool | None = None
    welding: bool | None = None
    carcinogen_exposure: bool | None = None
    noise_above_80db: bool | None = None

    @field_validator("annual_accounts_class_prev", mode="before")
    @classmethod
    def _size_class(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in SIZE_CLASS_CODES:
            return SIZE_CLASS_CODES[value.strip().lower()]
        return value

    @model_validator(mode="before")
    @classmethod
    def _no_silent_numbers(cls, data: Any) -> Any:
        """Refuse values that lax validation would quietly turn into another number.

        ``true`` would become 1 and the text "1.900" would become 1.9; a number field takes
        a number, or text that :func:`checker.parsing.numbers.parse_number` reads one way only.
        """
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for name, value in data.items():
            if name not in _NUMBER_FIELD_NAMES:
                continue
            if isinstance(value, bool):
                raise BilingualError(
                    f"{name}: ja/nee is geen getal (nu {value}); vul een getal in",
                    f"{name}: yes/no is not a number (got {value}); enter a number",
                )
            if isinstance(value, str) and value.strip():
                out[name] = _number_from_text(name, value)
        return out

    @field_validator("sector_sbi", mode="before")
    @classmethod
    def _sbi(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return normalise_sbi(str(value))

    @model_validator(mode="after")
    def _consistent(self) -> FirmProfile:
        if self.fte is not None and self.fte > self.employees * 1.0 + 1e-9:
            raise BilingualError(
                f"fte: {self.fte:g} fte is meer dan het aantal werknemers ({self.employees}); "
                "fte kan niet hoger zijn dan werknemers × 1,0",
                f"fte: {self.fte:g} FTE is more than the number of employees ({self.employees}); "
                "FTE cannot exceed employees × 1.0",
            )
        pairs = [
            ("temp_workers_24m", self.temp_workers_24m, "temp_workers", self.temp_workers),
            (
                "electricity_kwh_largest_site",
                self.electricity_kwh_largest_site,
                "electricity_kwh",
                self.electricity_kwh,
            ),
            ("gas_m3_largest_site", self.gas_m3_largest_site, "gas_m3", self.gas_m3),
            ("employees_20h_jan1", self.employees_20h_jan1, "employees", self.employees),
            ("sick_cases_6w_per_year", self.sick_cases_6w_per_year, "employees", self.employees),
            ("sick_cases_1y_per_year", self.sick_cases_1y_per_year, "employees", self.employees),
            ("sick_cases_2y_per_year", self.sick_cases_2y_per_year, "employees", self.employees),
        ]
        for field, value, bound_name, bound in pairs:
            if value is not None and bound is not None and value > bound:
                raise BilingualError(
                    f"{field}: {value:g} is meer dan {bound_name} ({bound:g})",
                    f"{field}: {value:g} is more than {bound_name} ({bound:g})",
                )
        return self


def _number_from_text(name: str, value: str) -> int | float:
    from checker.parsing.errors import InputError
    from checker.parsing.numbers import parse_number

    try:
        parsed = parse_number(value, "int" if name in _INT_FIELD_NAMES else "decimal")
    except InputError as exc:
        raise BilingualError(f"{name}: {exc.nl}", f"{name}: {exc.en}") from None
    if parsed.ambiguous:
        shown = value.strip()[:40]
        raise BilingualError(
            f"{name}: '{shown}' is dubbelzinnig (duizendtallen of decimalen?); "
            "schrijf het getal zonder aanhalingstekens en zonder scheidingsteken voor duizendtallen",
            f"{name}: '{shown}' is ambiguous (thousands or decimals?); "
            "write the number without quotes and without a thousands separator",
        )
    return parsed.value


PROFILE_FIELDS: tuple[str, ...] = tuple(FirmProfile.model_fields)
BOOL_FIELDS: tuple[str, ...] = tuple(
    name for name, f in FirmProfile.model_fields.items() if f.annotation == (bool | None)
)
TEXT_FIELDS: tuple[str, ...] = ("name", "legal_form", "sector_sbi")
NUMERIC_FIELDS: tuple[str, ...] = tuple(
    n for n in PROFILE_FIELDS if n not in BOOL_FIELDS and n not in TEXT_FIELDS
)
_NUMBER_FIELD_NAMES = frozenset(NUMERIC_FIELDS)
_INT_FIELD_NAMES = frozenset(
    n for n, f in FirmProfile.model_fields.items() if f.annotation in (int, int | None)
)


def printable(text: object, limit: int = MAX_SHOWN_CHARS) -> str:
    """Text safe to show in a message or a terminal: no control or direction characters, short."""
    clean = _CONTROL.sub("", str(text))
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


class ProfileError(ValueError):
    """A profile failed validation; ``field`` names the offending input.

    ``message`` is Dutch (the primary language); ``message_en`` the English text.
    """

    def __init__(self, field: str, message: str, message_en: str | None = None) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.message_en = message_en or message

    def text(self, lang: str = "nl") -> str:
        return self.message if lang == "nl" else self.message_en


def _messages(err: Any) -> tuple[str, str]:
    """Dutch and English text for one pydantic error, in plain words."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    original = ctx.get("error")
    if isinstance(original, BilingualError):
        return original.nl, original.en
    value = err.get("input")
    shown = printable(repr(value) if isinstance(value, str) else value)
    limit = {k: _limit(v) for k, v in ctx.items()}
    table: dict[str, tuple[str, str]] = {
        "missing": ("verplicht veld ontbreekt", "required field is missing"),
        "extra_forbidden": ("onbekend veld", "unknown field"),
        "greater_than_equal": (
            f"moet {limit.get('ge')} of meer zijn (nu {shown})",
            f"must be {limit.get('ge')} or more (got {shown})",
        ),
        "greater_than": (
            f"moet meer dan {limit.get('gt')} zijn (nu {shown})",
            f"must be more than {limit.get('gt')} (got {shown})",
        ),
        "less_than_equal": (
            f"moet {limit.get('le')} of minder zijn (nu {shown})",
            f"must be {limit.get('le')} or less (got {shown})",
        ),
        "int_parsing": (
            f"moet een geheel getal zijn (nu {shown})",
            f"must be a whole number (got {shown})",
        ),
        "int_from_float": (
            f"moet een geheel getal zijn (nu {shown})",
            f"must be a whole number (got {shown})",
        ),
        "int_type": (
            f"moet een geheel getal zijn (nu {shown})",
            f"must be a whole number (got {shown})",
        ),
        "float_parsing": (f"moet een getal zijn (nu {shown})", f"must be a number (got {shown})"),
        "float_type": (f"moet een getal zijn (nu {shown})", f"must be a number (got {shown})"),
        "finite_number": ("moet een eindig getal zijn", "must be a finite number"),
        "bool_parsing": (f"moet ja of nee zijn (nu {shown})", f"must be yes or no (got {shown})"),
        "bool_type": (f"moet ja of nee zijn (nu {shown})", f"must be yes or no (got {shown})"),
        "string_too_long": (
            f"te lang (ten hoogste {limit.get('max_length')} tekens)",
            f"too long (at most {limit.get('max_length')} characters)",
        ),
        "string_type": ("moet tekst zijn", "must be text"),
    }
    if kind == "enum":
        options = ", ".join(f.value for f in LegalForm)
        return (
            f"onbekende rechtsvorm {shown}; kies uit: {options}",
            f"unknown legal form {shown}; choose from: {options}",
        )
    if kind in table:
        return table[kind]
    if kind.startswith(("int_", "float_")):
        return f"ongeldig getal (nu {shown})", f"invalid number (got {shown})"
    msg = printable(str(err["msg"]).removeprefix("Value error, "), 200)
    return f"ongeldige waarde (nu {shown})", msg


def _limit(value: Any) -> Any:
    """A bound in a message: whole numbers written out (10.000.000.000.000, not 1e+13)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:g}" if isinstance(value, int | float) else value


def parse_profile(data: Any) -> FirmProfile:
    """Validate raw input (a dict from JSON/YAML/form) into a FirmProfile.

    Raises :class:`ProfileError` naming the first offending field, in plain language
    (Dutch, with the English text alongside).
    """
    from pydantic import ValidationError

    if not isinstance(data, dict):
        raise ProfileError(
            "profile",
            'verwacht een object met velden, zoals {"employees": 12}',
            'expected an object with fields, such as {"employees": 12}',
        )
    try:
        return FirmProfile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        nl, en = _messages(err)
        loc = printable(".".join(str(p) for p in err["loc"]))
        if not loc:
            loc = _field_from_message(nl) or "profile"
        for prefix in (f"{loc}: ",):
            nl = nl.removeprefix(prefix)
            en = en.removeprefix(prefix)
        raise ProfileError(loc, nl, en) from None


def _field_from_message(message: str) -> str:
    head = message.split(":", 1)[0]
    return head if head in PROFILE_FIELDS else ""


def profiles_to_frame(profiles: list[FirmProfile]) -> pd.DataFrame:
    """One row per profile with every profile column (missing values as NaN/None)."""
    rows = [p.model_dump(mode="json") for p in profiles]
    frame = pd.DataFrame(rows, columns=list(PROFILE_FIELDS))
    return frame
