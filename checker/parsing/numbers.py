"""Numbers as Dutch and English people type them: one parser for files, forms and the CLI.

Why one function: "1.900" is one thousand nine hundred in Dutch and one point nine in English,
"€ 650.000" is an amount, "1,5" fte is one and a half.  Reading these differently in different
places gave silently wrong answers (a member with "1.000" employees counted as 1).  So:

* A cell that can be read only one way is read that way, whatever the convention:
  ``3.000.000`` (separator repeated: thousands), ``1.234.567,50`` / ``1,234,567.50`` (both
  separators: the last one is the decimal mark), ``1,5`` and ``12.50`` (not three digits after
  the separator: a decimal mark), ``0,500`` (a thousands group never starts with a lone 0).
* Only a single separator followed by exactly three digits (``1.900``, ``1,900``) is
  ambiguous.  It is decided by a :class:`Convention` — the user's language in a form, the
  evident convention of the column or the file in an upload (:func:`detect_convention`) — and
  the caller reports what was assumed (``ParsedNumber.assumed``).  Without any convention the
  thousands reading is assumed (and must be reported): in the files this tool reads, counts,
  amounts and kWh with three decimals do not occur.
* A whole number (``kind="int"``, a headcount) is never read as a fraction: ``1.900`` is 1900
  or an error, never 1.9.  An amount of money (``kind="amount"``) is never read with three
  decimals: a convention that says "decimal" gives an error that asks the user to write it
  unambiguously.
* Integers stay Python ``int`` (exact, no float rounding); decimals are parsed exactly
  (:class:`decimal.Decimal`) and then converted to ``float``.

Accepted decoration: a currency sign (``€``, ``EUR``, ``euro``), spaces as thousands
separators (``3 000 000``, also no-break and thin spaces), a Dutch money tail ``,-``, a
leading ``+``/``-``/``−``, and the words ``mln``/``miljoen``/``mio``/``million`` (× 10⁶) and
``mld``/``miljard``/``billion`` (× 10⁹).  Exponents (``1E+06``, as Excel sometimes writes)
are accepted without other separators.  Limits: at most :data:`MAX_TEXT_CHARS` characters and
:data:`MAX_DIGITS` digits, so a 5,000-digit number is a clear error, not a hang or a crash.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from checker.parsing.errors import InputError

Convention = Literal["nl", "en"]
Kind = Literal["int", "decimal", "amount"]

MAX_TEXT_CHARS = 60
MAX_DIGITS = 20
MAX_EXPONENT = 30

_SPACES = "\u00a0\u2009\u202f\u2007 \t"
_CURRENCY = re.compile(r"^(?:€|eur(?:o)?\b)\s*|\s*(?:€|eur(?:o)?)$", re.IGNORECASE)
_MONEY_TAIL = re.compile(r"[.,]-{1,2}$")
_SCALES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"\s*(?:mln|miljoen|mio|million|millions)\.?$", re.IGNORECASE), 1_000_000),
    (re.compile(r"\s*(?:mld|miljard|billion|billions)\.?$", re.IGNORECASE), 1_000_000_000),
)
_BODY = re.compile(r"^[0-9.,]+$")
_EXPONENT = re.compile(r"^([0-9]+(?:\.[0-9]+)?)[eE]([+-]?[0-9]+)$")
_SPACE_GROUPS = re.compile(r"^[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?$")


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text.

    ``ambiguous`` says the text was of the form ``1.900`` / ``1,900``; ``reading`` how it was
    read then ("thousands" or "decimal"); ``assumed`` that no convention was given and the
    reading is this module's assumption (the caller must list it as a warning).
    """

    value: int | float
    text: str
    ambiguous: bool = False
    reading: str | None = None  # "thousands" or "decimal"
    assumed: bool = False


def _fail(text: str, nl: str, en: str) -> InputError:
    shown = text if len(text) <= 40 else text[:37] + "…"
    return InputError(f"'{shown}' {nl}", f"'{shown}' {en}")


def _strip_decoration(text: str) -> tuple[str, int, int, bool]:
    """Remove currency, money tail, scale word and sign; return (body, sign, scale, tail)."""
    body = text.strip(_SPACES)
    scale = 1
    for pattern, factor in _SCALES:
        stripped = pattern.sub("", body)
        if stripped != body:
            body, scale = stripped.strip(_SPACES), factor
            break
    sign = 1
    for _ in range(2):  # "€ -5" and "-€ 5"
        body = _CURRENCY.sub("", body).strip(_SPACES)
        if body[:1] in ("-", "−", "+"):
            sign = -1 if body[0] in ("-", "−") else 1
            body = body[1:].strip(_SPACES)
    tail = bool(_MONEY_TAIL.search(body))
    body = _MONEY_TAIL.sub("", body)
    return body, sign, scale, tail


def _space_grouped(body: str) -> str:
    """'3 000 000' -> '3000000'; spaces anywhere else are an error for the caller."""
    normal = "".join(" " if c in _SPACES else c for c in body)
    if " " not in normal:
        return body
    if _SPACE_GROUPS.match(normal):
        return normal.replace(" ", "")
    return normal  # still contains a space: rejected by _BODY


def _grouped(groups: list[str]) -> bool:
    """True when '1', '234', '567' is a valid thousands grouping (first 1–3 digits, rest 3)."""
    return 1 <= len(groups[0]) <= 3 and groups[0] != "0" and all(len(g) == 3 for g in groups[1:])


Reading = Literal["thousands", "decimal"]


def _bad_separators(text: str) -> InputError:
    return _fail(
        text,
        "is geen getal (scheidingstekens kloppen niet)",
        "is not a number (the separators do not add up)",
    )


def _resolve(
    body: str, kind: Kind, convention: Convention | None, text: str
) -> tuple[str, str, bool, Reading | None, bool]:
    """Split ``body`` into integer digits and fraction digits.

    Returns (int_digits, frac_digits, ambiguous, reading, assumed).
    """
    dots, commas = body.count("."), body.count(",")
    if dots == 0 and commas == 0:
        return body, "", False, None, False
    if dots and commas:
        decimal_mark = "." if body.rfind(".") > body.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        whole, _, frac = body.rpartition(decimal_mark)
        if decimal_mark in whole or not frac or not _grouped(whole.split(thousands)):
            raise _bad_separators(text)
        return whole.replace(thousands, ""), frac, False, None, False
    sep = "." if dots else ","
    groups = body.split(sep)
    if len(groups) > 2:
        if not _grouped(groups):
            raise _bad_separators(text)
        return "".join(groups), "", False, None, False
    whole, frac = groups
    if not frac:
        raise _fail(text, "eindigt op een scheidingsteken", "ends in a separator")
    if len(frac) != 3 or whole in ("", "0") or len(whole) > 3:
        return whole or "0", frac, False, None, False
    return _ambiguous(whole, frac, sep, kind, convention, text)


def _ambiguous(
    whole: str, frac: str, sep: str, kind: Kind, convention: Convention | None, text: str
) -> tuple[str, str, bool, Reading | None, bool]:
    """'1.900' / '1,900': the convention decides; counts and amounts never get 3 decimals."""
    if convention is None:
        return whole + frac, "", True, "thousands", True
    if {"nl": ",", "en": "."}[convention] != sep:
        return whole + frac, "", True, "thousands", False
    if kind == "int":
        raise _fail(
            text,
            f"is geen geheel getal; bedoelt u {whole}{frac}? Schrijf dan {whole}{frac}",
            f"is not a whole number; do you mean {whole}{frac}? Then write {whole}{frac}",
        )
    if kind == "amount":
        raise _three_decimals(whole, frac, sep, text)
    return whole, frac, True, "decimal", False


def _three_decimals(whole: str, frac: str, sep: str, text: str) -> InputError:
    thousands = f"{whole}{'.' if sep == ',' else ','}{frac}"  # the other reading, written out
    if frac.endswith("0"):
        cents = f"{whole}{sep}{frac[:2]}"
        return _fail(
            text,
            f"is dubbelzinnig: bedoelt u {thousands} of {cents}? Schrijf {whole}{frac} "
            f"(zonder scheidingsteken) of {cents}",
            f"is ambiguous: do you mean {thousands} or {cents}? Write {whole}{frac} "
            f"(without a separator) or {cents}",
        )
    return _fail(
        text,
        f"is dubbelzinnig: een bedrag heeft ten hoogste twee decimalen; bedoelt u "
        f"{thousands}? Schrijf dan {whole}{frac} (zonder scheidingsteken)",
        f"is ambiguous: an amount has at most two decimals; do you mean {thousands}? Then "
        f"write {whole}{frac} (without a separator)",
    )


def parse_number(
    text: str | int | float, kind: Kind = "decimal", convention: Convention | None = None
) -> ParsedNumber:
    """Read ``text`` as a number; raise :class:`InputError` (Dutch and English) if it is not one.

    ``kind`` is what the value is: ``int`` (a count: must be whole), ``amount`` (money: never
    three decimals), ``decimal`` (anything else, e.g. fte or kWh).  ``convention`` decides
    ``1.900``/``1,900``; without it the thousands reading is assumed (``assumed=True``).
    A Dutch money tail (``1.000,-``) sets the convention to Dutch.  Numbers already typed as numbers (an XLSX cell) are
    checked for finiteness and wholeness only.
    """
    if isinstance(text, bool):
        raise InputError("ja/nee is geen getal", "yes/no is not a number")
    if isinstance(text, int | float):
        return _from_number(text, kind)
    raw = str(text)
    if len(raw) > MAX_TEXT_CHARS:
        raise InputError(
            f"getal is langer dan {MAX_TEXT_CHARS} tekens",
            f"number is longer than {MAX_TEXT_CHARS} characters",
        )
    body, sign, scale, tail = _strip_decoration(raw)
    if tail and convention is None:
        convention = "nl"
    if not body:
        raise _fail(raw.strip(), "is geen getal", "is not a number")
    exp = _EXPONENT.match(body)
    if exp:
        return _from_exponent(raw.strip(), exp, sign * scale, kind)
    body = _space_grouped(body)
    if not _BODY.match(body):
        raise _fail(raw.strip(), "is geen getal", "is not a number")
    digits = sum(c.isdigit() for c in body)
    if digits > MAX_DIGITS:
        raise _fail(
            raw.strip()[:20] + "…",
            f"heeft meer dan {MAX_DIGITS} cijfers",
            f"has more than {MAX_DIGITS} digits",
        )
    whole, frac, ambiguous, reading, assumed = _resolve(body, kind, convention, raw.strip())
    value = _combine(whole, frac, sign, scale, kind, raw.strip())
    return ParsedNumber(value, raw, ambiguous, reading, assumed)


def _combine(whole: str, frac: str, sign: int, scale: int, kind: Kind, text: str) -> int | float:
    exact = Decimal(f"{whole or '0'}.{frac or '0'}") * sign * scale
    if exact == exact.to_integral_value():
        return int(exact)
    if kind == "int":
        raise _fail(text, "is geen geheel getal", "is not a whole number")
    return float(exact)


def _from_exponent(text: str, match: re.Match[str], factor: int, kind: Kind) -> ParsedNumber:
    if abs(int(match.group(2))) > MAX_EXPONENT:
        raise _fail(text, "is te groot of te klein", "is too large or too small")
    try:
        exact = Decimal(match.group(1)) * Decimal(10) ** int(match.group(2)) * factor
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise _fail(text, "is geen getal", "is not a number") from None
    if exact == exact.to_integral_value():
        return ParsedNumber(int(exact), text)
    if kind == "int":
        raise _fail(text, "is geen geheel getal", "is not a whole number")
    return ParsedNumber(float(exact), text)


def _from_number(value: int | float, kind: Kind) -> ParsedNumber:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError("getal is niet eindig", "number is not finite")
        if value.is_integer() and abs(value) < 2**53:
            return ParsedNumber(int(value), repr(value))
        if kind == "int":
            raise _fail(f"{value:g}", "is geen geheel getal", "is not a whole number")
        return ParsedNumber(value, repr(value))
    if abs(value) >= 10**MAX_DIGITS:
        raise InputError(
            f"getal heeft meer dan {MAX_DIGITS} cijfers",
            f"number has more than {MAX_DIGITS} digits",
        )
    return ParsedNumber(value, str(value))


# ---------------------------------------------------------------------------------------------
# The evident convention of a column or file


@dataclass(frozen=True)
class ConventionEvidence:
    """How many cells can only be Dutch (``nl``) or only English (``en``) notation."""

    nl: int = 0
    en: int = 0

    def __add__(self, other: ConventionEvidence) -> ConventionEvidence:
        return ConventionEvidence(self.nl + other.nl, self.en + other.en)

    @property
    def convention(self) -> Convention | None:
        """The convention when the evidence points one way only; None if none or mixed."""
        if self.nl and not self.en:
            return "nl"
        if self.en and not self.nl:
            return "en"
        return None

    @property
    def mixed(self) -> bool:
        return bool(self.nl and self.en)


def cell_evidence(text: str) -> Convention | None:
    """'nl' for '1.234,5', '3.000.000', '1,5'; 'en' for '1,234.5', '3,000,000', '12.50'."""
    body, _sign, _scale, tail = _strip_decoration(str(text)[:MAX_TEXT_CHARS])
    if tail:
        return "nl"
    body = _space_grouped(body)
    if not _BODY.match(body or "x"):
        return None
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        return "nl" if body.rfind(",") > body.rfind(".") else "en"
    if dots + commas == 0:
        return None
    sep = "." if dots else ","
    groups = body.split(sep)
    if len(groups) > 2:
        return "nl" if sep == "." else "en"  # repeated: the thousands separator
    whole, frac = groups
    if frac and (len(frac) != 3 or whole in ("", "0") or len(whole) > 3):
        return "nl" if sep == "," else "en"  # a decimal mark
    return None


def detect_convention(cells: Iterable[str]) -> ConventionEvidence:
    """Count the cells that are unambiguously Dutch or English notation."""
    nl = en = 0
    for cell in cells:
        found = cell_evidence(cell)
        if found == "nl":
            nl += 1
        elif found == "en":
            en += 1
    return ConventionEvidence(nl, en)


def format_plain(value: int | float, convention: Convention = "nl") -> str:
    """Write a number back in the given notation, with thousands separators (for forms)."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{int(value):,}"
    if convention == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def plain_number(value: float) -> str:
    """A number as a link, an id or a file writes it: no exponent, no thousands separator,
    '.' as the decimal (12000000, 2.5) — what :func:`parse_number` reads back unchanged."""
    if float(value).is_integer():
        return str(int(value))
    text = format(Decimal(repr(float(value))), "f")  # the shortest exact form, no exponent
    return text.rstrip("0").rstrip(".") if "." in text else text
