"""Words for the model's own codes: treatments, rule kinds, domains, cost types, drivers…

One function per family, each a lookup of ``<family>.<code>`` in the message catalogue, so
the app's tables, the CSV, the workbook and the CLI call a treatment by the same name.  The
catalogue test checks that every family has exactly one label per code the model knows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from checker.bilingual import Lang, Text
from checker.i18n.messages import has_message, t


def treatment_label(treatment: str, lang: Lang) -> str:
    """exempt / lighter / unchanged / not_applicable → 'vrijgesteld', 'lichter regime', …"""
    return t(f"treatment.{treatment}", lang)


def kind_label(kind: str, lang: Lang) -> str:
    """A rule's kind: obligation, relief or classification."""
    return t(f"kind.{kind}", lang)


def domain_label(domain: str, lang: Lang) -> str:
    """A domain id ('arbo') as its name ('Arbeidsomstandigheden'); unknown ids as they are."""
    return t(f"domain.{domain}", lang) if has_message(f"domain.{domain}") else domain


def cost_type_label(cost_type: str, lang: Lang) -> str:
    """administrative / substantive / financial (regeldruk is the first two together)."""
    return t(f"cost_type.{cost_type}", lang)


def driver_label(driver: str, lang: Lang) -> str:
    """What a cost line is counted per: 'per werknemer', 'per verzuimgeval ≥ 6 weken', …"""
    return t(f"driver.{driver}", lang)


def legal_form_label(legal_form: str, lang: Lang) -> str:
    return t(f"legal_form.{legal_form}", lang)


def workability_label(grade: int, lang: Lang) -> str:
    """The MKB-indicatorbedrijven grade 1…4 in words ('goed werkbaar' … 'niet werkbaar')."""
    return t(f"workability.{int(grade)}", lang)


# A figure's unit as the catalogue writes it (compact, Dutch) → its key in the ``unit`` family.
UNIT_KEYS = {
    "eur": "eur",
    "eur/baan/jaar": "eur_per_job_year",
    "eur/persoon/jaar": "eur_per_person_year",
    "fte/werknemer": "fte_per_employee",
    "kWh/persoon/jaar": "kwh_per_person_year",
    "m3/persoon/jaar": "m3_per_person_year",
    "per werknemer/jaar": "per_employee_year",
    "uur/fte/jaar": "hours_per_fte_year",
    "uur/fte/week": "hours_per_fte_week",
    "MJ/m3": "mj_per_m3",
    "deel van de werkdagen": "share_of_working_days",
    "ratio": "ratio",
    "personen": "persons",
    "werknemers": "employees",
    "uur": "hours",
}


def unit_label(unit: str, lang: Lang) -> str:
    """A catalogue unit as a reader writes it: 'eur/baan/jaar' → '€ per baan per jaar'
    ('€ per job per year'); a unit without a label stays as it is."""
    key = UNIT_KEYS.get(unit)
    return t(f"unit.{key}", lang) if key else unit


def yes_no(value: bool, lang: Lang) -> str:
    return t("common.yes", lang) if value else t("common.no", lang)


def column_label(column: str, lang: Lang) -> str:
    """A result column's header, shared by app tables, CSV and workbooks; unknown as is."""
    return t(f"column.{column}", lang) if has_message(f"column.{column}") else column


def column_help(column: str, lang: Lang) -> str | None:
    """The tooltip of a result column, where it needs one."""
    return t(f"column_help.{column}", lang) if has_message(f"column_help.{column}") else None


V = TypeVar("V")

_VALUE_WORDS = {
    "treatment": treatment_label,
    "kind": kind_label,
    "domain": domain_label,
    "cost_type": cost_type_label,
}


def value_label(column: str, value: V, lang: Lang) -> V | str:
    """A table cell whose value is a model code (treatment, kind, domain…) in words."""
    words = _VALUE_WORDS.get(column)
    if words is None or not isinstance(value, str):
        return value
    key = f"{column}.{value}"
    return words(value, lang) if has_message(key) else value


def regulatory_parts(lang: Lang) -> str:
    """What regeldruk consists of: 'administratieve lasten en inhoudelijke nalevingskosten'."""
    return t(
        "cost.regulatory_parts",
        lang,
        administrative=cost_type_label("administrative", lang),
        substantive=cost_type_label("substantive", lang),
    )


def transfer_words(targets: Sequence[Text | None], lang: Lang) -> str:
    """Who pays what a proposal moves off the employer: the payers it names ("UWV, betaald uit
    een premie van werkgevers"), and for costs it drops without saying who pays, "others"."""
    named = [target.get(lang) for target in targets if target is not None]
    if any(target is None for target in targets) or not named:
        named.append(t("transfer.unnamed", lang))
    if len(named) == 1:
        return named[0]
    return t("transfer.join", lang, first=", ".join(named[:-1]), last=named[-1])
