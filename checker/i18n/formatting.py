"""Numbers, money, percentages and dates in the reader's notation, via Babel (CLDR).

Dutch readers see ``€ 12.345``, ``1.082.500``, ``12,5%`` and ``1 december 2026``; the English
UI keeps the euro and uses English separators (``€12,345``, ``1 December 2026``), so a figure
never changes meaning between the two.  Babel follows the Unicode CLDR locale data (nl_NL and
en_GB) instead of hand-written separator swaps; the space between ``€`` and a Dutch amount is
CLDR's no-break space, so an amount never wraps away from its sign.

Chart axes cannot call Python, so :func:`vega_number_expr` and :func:`vega_eur_expr` build the
Vega label expressions from the same locale data (group separator, currency prefix).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Protocol

from babel import Locale
from babel.dates import format_date
from babel.numbers import (
    NumberPattern,
    format_compact_decimal,
    get_decimal_symbol,
    get_group_symbol,
    parse_pattern,
)

from checker.bilingual import Lang

LOCALES: dict[Lang, str] = {"nl": "nl_NL", "en": "en_GB"}
MISSING = "–"  # shown for a missing value (None or NaN), never "nan" or "€ 0"
_WHOLE = "#,##0"


@lru_cache(maxsize=2)
def locale(lang: Lang) -> Locale:
    return Locale.parse(LOCALES[lang])


def _digits(decimals: int) -> str:
    if decimals < 0:
        raise ValueError("decimals must be 0 or more")
    return _WHOLE + ("." + "0" * decimals if decimals else "")


@lru_cache(maxsize=32)
def _pattern(kind: str, lang: Lang, decimals: int) -> NumberPattern:
    """The locale's own pattern for ``kind`` with exactly ``decimals`` fraction digits."""
    loc = locale(lang)
    if kind == "decimal":
        return parse_pattern(_digits(decimals))
    if kind == "currency":
        base = loc.currency_formats["standard"].pattern
        if "#,##0.00" not in base:  # pragma: no cover - guards a CLDR change
            raise ValueError(f"unexpected currency pattern {base!r} for {LOCALES[lang]}")
        return parse_pattern(base.replace("#,##0.00", _digits(decimals)))
    base = loc.percent_formats[None].pattern
    if _WHOLE not in base:  # pragma: no cover - guards a CLDR change
        raise ValueError(f"unexpected percent pattern {base!r} for {LOCALES[lang]}")
    return parse_pattern(base.replace(_WHOLE, _digits(decimals)))


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _decimal(value: float, decimals: int) -> Decimal:
    """Rounded half away from zero as people round money; -0 becomes 0 (no "€ -0")."""
    step = Decimal(1).scaleb(-decimals)
    number = Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP)
    return number if number != 0 else Decimal(0).quantize(step)


def fmt_number(value: float | None, lang: Lang = "nl", *, decimals: int = 0) -> str:
    """1.234.567 (nl) or 1,234,567 (en); ``decimals`` fixed fraction digits."""
    if _missing(value):
        return MISSING
    assert value is not None
    return _pattern("decimal", lang, decimals).apply(_decimal(value, decimals), locale(lang))


def fmt_quantity(value: float | None, lang: Lang = "nl") -> str:
    """A count or measure: whole numbers without decimals, anything else with one (10,5)."""
    if _missing(value):
        return MISSING
    assert value is not None
    return fmt_number(value, lang, decimals=0 if float(value).is_integer() else 1)


def fmt_eur(value: float | None, lang: Lang = "nl", *, decimals: int = 0) -> str:
    """€ 12.345 (nl) or €12,345 (en); whole euros unless ``decimals`` says otherwise."""
    if _missing(value):
        return MISSING
    assert value is not None
    pattern = _pattern("currency", lang, decimals)
    return pattern.apply(
        _decimal(value, decimals), locale(lang), currency="EUR", currency_digits=False
    )


def round_significant(value: float, digits: int = 3) -> float:
    """``value`` rounded to ``digits`` significant digits (729.412.345 -> 729.000.000)."""
    if value == 0 or math.isnan(value) or math.isinf(value):
        return value
    places = digits - 1 - math.floor(math.log10(abs(value)))
    return float(_decimal(value, places)) if places > 0 else float(round(value, places))


def fmt_eur_short(value: float | None, lang: Lang = "nl", *, digits: int = 3) -> str:
    """An amount as a reader says it: '€ 729 miljoen', '€ 1,23 miljard', '€ 45.600'.

    For sector totals, where the last euro of '€ 729.412.345' suggests a precision no model has:
    three significant digits, and millions and billions in words (CLDR's long compact form).
    """
    if _missing(value):
        return MISSING
    assert value is not None
    rounded = round_significant(float(value), digits)
    if abs(rounded) < 1_000_000:
        return fmt_eur(rounded, lang)
    words = format_compact_decimal(
        abs(rounded), format_type="long", locale=locale(lang), fraction_digits=digits - 1
    )
    sign = "-" if rounded < 0 else ""
    return f"€\u00a0{sign}{words}" if lang == "nl" else f"{sign}€{words}"


def fmt_percent(share: float | None, lang: Lang = "nl", *, decimals: int = 0) -> str:
    """A share (0.125) as a percentage: 12,5% (nl) or 12.5% (en) with ``decimals`` digits."""
    if _missing(share):
        return MISSING
    assert share is not None
    return _pattern("percent", lang, decimals).apply(
        _decimal(100 * float(share), decimals) / 100, locale(lang)
    )


def fmt_date(value: dt.date, lang: Lang = "nl") -> str:
    """1 december 2026 (nl) or 1 December 2026 (en)."""
    return format_date(value, format="long", locale=locale(lang))


class _Formatter(Protocol):
    def __call__(self, value: float | None, lang: Lang = "nl") -> str: ...


def fmt_range(
    low: float | None, high: float | None, lang: Lang = "nl", formatter: _Formatter = fmt_eur
) -> str:
    """A low–high range: '€ 7.800 – € 14.100'; one value when both ends round alike."""
    left, right = formatter(low, lang), formatter(high, lang)
    return left if left == right else f"{left} – {right}"


def decimal_symbol(lang: Lang = "nl") -> str:
    """',' in Dutch, '.' in English: the decimal mark a spreadsheet in that language expects."""
    return str(get_decimal_symbol(locale(lang)))


def _trimmed(value: float, lang: Lang, decimals: int) -> str:
    """``value`` rounded to ``decimals`` fraction digits, trailing zeros (and a bare decimal
    mark) left off: 0,250 -> 0,25 and 12,0 -> 12."""
    rounded = _decimal(value, decimals).normalize()
    places = max(0, -int(rounded.as_tuple().exponent))
    return fmt_number(float(rounded), lang, decimals=min(places, decimals))


def fmt_exact(value: float | None, lang: Lang = "nl", *, max_decimals: int = 6) -> str:
    """A number exactly as it was given: every decimal it has (up to ``max_decimals``), no
    trailing zeros, thousands grouped — 12,5 stays 12,5 and 12,25 never becomes 12,3.

    For what a user typed (a form field, their own figure), which must be shown back as typed.
    """
    if _missing(value):
        return MISSING
    assert value is not None
    return _trimmed(float(value), lang, max_decimals)


FREQUENCY_DIGITS = 3


def fmt_frequency(value: float | None, lang: Lang = "nl") -> str:
    """A frequency (or another model figure such as hours per occurrence) without false
    rounding: at most three significant decimals, no trailing zeros.

    0,25 stays 0,25 (never 0,3), 0,616 stays 0,616 (never 0,62), 12,25 stays 12,25, 1/12 is
    0,0833 (three significant digits of a small number) and 2 is 2.  The one helper for
    frequencies on every page.
    """
    if _missing(value):
        return MISSING
    assert value is not None
    number = float(value)
    if number == 0 or math.isinf(number):
        return fmt_number(number, lang) if number == 0 else str(number)
    significant = FREQUENCY_DIGITS - 1 - math.floor(math.log10(abs(number)))
    return _trimmed(number, lang, max(FREQUENCY_DIGITS, significant))


def fmt_measure_value(value: float, unit: str, lang: Lang = "nl") -> str:
    """A value with its unit ('12 werknemers', '12,25 fte', '€ 990.000'); whole numbers
    without decimals, others with the decimals they have (up to two), so a typed 12,25 fte is
    never shown as 12,3."""
    if unit == "eur":
        return fmt_eur(value, lang)
    number = fmt_exact(value, lang, max_decimals=2)
    return f"{number} {unit}".strip() if unit and unit not in ("count", "-") else number


# -- chart axes (Vega expressions built from the same locale data) ------------------------------


def _js(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def vega_number_expr(lang: Lang = "nl", field: str = "datum.value") -> str:
    """A Vega expression showing a whole number with the locale's group separator."""
    group = get_group_symbol(locale(lang))
    grouped = f"format(abs({field}), ',.0f')"
    if group != ",":
        grouped = f"replace({grouped}, /,/g, {_js(group)})"
    return f"({field} < 0 ? '-' : '') + {grouped}"


def vega_eur_expr(lang: Lang = "nl", field: str = "datum.value") -> str:
    """A Vega expression for whole euros exactly as :func:`fmt_eur` writes them."""
    pattern = _pattern("currency", lang, 0)
    (pos_prefix, neg_prefix), (pos_suffix, neg_suffix) = pattern.prefix, pattern.suffix
    sign = "€"

    def part(text: str) -> str:
        return _js(text.replace("¤", sign))

    digits = vega_number_expr(lang, f"abs({field})")
    return (
        f"({field} < 0 ? {part(neg_prefix)} : {part(pos_prefix)}) + {digits}"
        f" + ({field} < 0 ? {part(neg_suffix)} : {part(pos_suffix)})"
    )
