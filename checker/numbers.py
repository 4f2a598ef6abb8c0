"""Dutch number, money and date notation (€ 12.345, 1.082.500, 27 november 2026).

Users read amounts the Dutch way; the English UI uses the same separators for money so
that figures copied between the two languages never change meaning.
"""

from __future__ import annotations

import datetime as dt
import math

from checker.bilingual import Lang

_MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def fmt_number(value: float, decimals: int = 0, lang: Lang = "nl") -> str:
    """Group thousands with '.' and use ',' as decimal mark (Dutch); English uses ',' and '.'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def fmt_eur(value: float, decimals: int = 0, lang: Lang = "nl") -> str:
    sign = "-" if value < 0 else ""
    return f"{sign}€ {fmt_number(abs(value), decimals, lang)}"


def fmt_measure_value(value: float, unit: str, lang: Lang = "nl") -> str:
    """A value with its unit; whole numbers are shown without decimals."""
    if unit == "eur":
        return fmt_eur(value, 0, lang)
    decimals = 0 if float(value).is_integer() else 1
    number = fmt_number(value, decimals, lang)
    return f"{number} {unit}".strip() if unit and unit not in ("count", "-") else number


def fmt_date(value: dt.date, lang: Lang = "nl") -> str:
    months = _MONTHS_NL if lang == "nl" else _MONTHS_EN
    if lang == "nl":
        return f"{value.day} {months[value.month - 1]} {value.year}"
    return f"{value.day} {months[value.month - 1]} {value.year}"
