"""Reading the counts a proposal's title names, and whether each is a threshold it has.

A title is prose printed over every figure ("Metaalunie-voorstel: geen of lichtere regels tot
en met 25 werknemers"), so it must not say another threshold than the data.  The rule, in
words a policy officer can check by hand:

* A *named count* is a number followed by a unit word (werknemers/employees, werkzame
  personen/persons, fte, jaarwerkeenheden/annual work units) or an amount in euros (€, EUR,
  euro).  A number without a unit ("het voorstel zelf: 25", "2026") is not a named count.
* The number is read as the title's language writes it: in Dutch ``1.000`` is a thousand and
  ``2,5`` two and a half; in English ``1,000`` and ``2.5`` (:func:`parse_number`).
* The unit must be the unit of the measure the threshold counts in: "25 werknemers" does not
  name a threshold counted in fte, "€ 12.000.000" only one in euros.
* A word before the number says which side of the boundary it means, and then the boundary
  must be the same: "tot en met 25" / "ten hoogste 25" / "≤ 25" and "meer dan 25" / "> 25"
  mean the boundary of ``≤ 25``; "minder dan 25" / "< 25" and "vanaf 25" / "≥ 25" the
  boundary of ``< 25``.  People are counted whole (as :meth:`Threshold.first_outside` does),
  so for werknemers and personen a whole number on the other side of the boundary names it
  too: "minder dan 26" is the same boundary as "tot en met 25" (but "tot en met 25,5" is not
  a way to say 25);
  for fte and euros it is not (25,5 fte is fewer than 26 but more than 25).
* Without such a word ("25 werknemers", "up to 25 employees": 'up to' and 'tot' are read
  both ways in practice) only the number must be the threshold's.
* The thresholds a title may name: the proposal's threshold, its steps, its domain and rule
  thresholds, where a linear phase-in ends, and a law threshold it moves (``law_changes``,
  old and new value: "OR-plicht pas vanaf 75 werknemers").  The law defines how a moved law
  threshold counts, and people name it in everyday words (the works council "vanaf 50
  werknemers" where the WOR counts werkzame personen), so for those only the number and the
  kind of unit (a head count, fte, euros) are checked.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from checker.bilingual import Lang
from checker.measures import MEASURES
from checker.parsing.errors import InputError
from checker.parsing.numbers import parse_number

if TYPE_CHECKING:
    from checker.scenario_model import Scenario, Threshold

# Which side of the boundary a word before the number draws: "le" reads as "≤ N" (also "more
# than N": outside is > N), "lt" as "< N" (also "from N on": outside is ≥ N).
Side = Literal["le", "lt"]

_QUALIFIERS: dict[Lang, dict[Side, tuple[str, ...]]] = {
    "nl": {
        "le": (
            "tot en met",
            "t/m",
            "ten hoogste",
            "hoogstens",
            "maximaal",
            "niet meer dan",
            "meer dan",
            "groter dan",
            "boven",
        ),
        "lt": (
            "minder dan",
            "kleiner dan",
            "onder",
            "beneden",
            "vanaf",
            "ten minste",
            "minstens",
            "minimaal",
        ),
    },
    "en": {
        "le": (
            "up to and including",
            "at most",
            "no more than",
            "not more than",
            "more than",
            "over",
            "above",
        ),
        "lt": ("fewer than", "less than", "below", "under", "from", "at least"),
    },
}
# "≤ 25" and "> 25" (outside: more than 25) draw the boundary of ≤ 25; "< 25" and "≥ 25"
# that of < 25.
_SYMBOLS: dict[Side, tuple[str, ...]] = {"le": ("≤", "<=", ">"), "lt": ("≥", ">=", "<")}

# The unit words, by the measure unit they name (checker.measures: Measure.unit).
_UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "werknemers": ("werknemers", "werknemer", "medewerkers", "employees", "employee", "workers"),
    "personen": ("werkzame personen", "personen", "persons", "people"),
    "fte": ("fte", "voltijdbanen", "voltijdsbanen", "full-time equivalents"),
    "jaarwerkeenheden": ("jaarwerkeenheden", "annual work units"),
    "eur": ("euro", "euros", "eur"),
}
# Counted in whole people: "minder dan 26" and "tot en met 25" draw one boundary.
_HEADS = frozenset({"werknemers", "personen"})
_EURO_SIGN = r"€|\bEUR\b|\beuro\b"
_SCALE = r"mln|miljoen|mio|million|mld|miljard|billion|mn|bn|m|k"
# The short scale letters of English finance ('€12m', 'EUR 1.5bn'); the words are read by
# parse_number.
_SHORT_SCALE = {"m": 1e6, "mn": 1e6, "bn": 1e9, "k": 1e3}
# 25 | 1.000 | 1,000,000 | 2,5 | 12 000 000 (spaces of any kind, as people and formatters
# group thousands).
_NUMBER = r"\d{1,3}(?:[.,\u00a0\u202f\u2009 ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


def _words(words: tuple[str, ...]) -> str:
    """Longest first, so 'tot en met' wins over a shorter word; spaces may be any spacing."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _pattern(lang: Lang) -> re.Pattern[str]:
    le = _words(_QUALIFIERS[lang]["le"])
    lt = _words(_QUALIFIERS[lang]["lt"])
    le_sym = _words(_SYMBOLS["le"])
    lt_sym = _words(_SYMBOLS["lt"])
    units = _words(tuple(w for words in _UNIT_WORDS.values() for w in words))
    return re.compile(
        rf"(?:(?:(?<!\w)(?P<le>{le})|(?P<le_sym>{le_sym}))\s*"
        rf"|(?:(?<!\w)(?P<lt>{lt})|(?P<lt_sym>{lt_sym}))\s*)?"
        rf"(?P<euro>{_EURO_SIGN})?\s*"
        rf"(?<![\d.,])(?P<number>{_NUMBER})(?![\d])"
        rf"(?:\s*(?P<scale>{_SCALE})\b\.?)?"
        rf"(?:\s*(?P<unit>{units})(?!\w))?",
        re.IGNORECASE,
    )


_PATTERNS: dict[Lang, re.Pattern[str]] = {lg: _pattern(lg) for lg in ("nl", "en")}


@dataclass(frozen=True)
class NamedCount:
    """A count a title names: its text, value (None if unreadable), unit and side."""

    text: str
    value: float | None
    unit: str
    side: Side | None


@dataclass(frozen=True)
class Nameable:
    """A threshold a title may name: measure unit, value, and ``inclusive`` when the
    boundary is the proposal's own (None for a law threshold or a phase-in end: the number)."""

    unit: str
    value: float
    inclusive: bool | None


def _unit_of(word: str) -> str:
    lowered = " ".join(word.lower().split())
    return next(unit for unit, words in _UNIT_WORDS.items() if lowered in words)


def named_counts(title: str, lang: Lang) -> list[NamedCount]:
    """The counts ``title`` names (see the module docstring for what counts)."""
    found: list[NamedCount] = []
    for match in _PATTERNS[lang].finditer(title):
        if match.group("euro") is not None:
            unit = "eur"
        elif match.group("unit") is not None:
            unit = _unit_of(match.group("unit"))
        else:
            continue
        side: Side | None = None
        if match.group("le") or match.group("le_sym"):
            side = "le"
        elif match.group("lt") or match.group("lt_sym"):
            side = "lt"
        scale = (match.group("scale") or "").lower()
        number = match.group("number").replace(" ", "\u00a0")
        if scale and scale not in _SHORT_SCALE:
            number += " " + scale
        try:
            read = float(parse_number(number, "decimal", convention=lang).value)
            value: float | None = read * _SHORT_SCALE.get(scale, 1.0)
        except InputError:
            value = None
        found.append(NamedCount(match.group(0).strip(), value, unit, side))
    return found


def nameable(scenario: Scenario) -> list[Nameable]:
    """Every threshold the title of ``scenario`` may name."""
    own: list[Threshold] = [scenario.threshold]
    own += [scenario.threshold.with_value(s.value) for s in scenario.steps]
    overrides = [*scenario.domains.values(), *scenario.treatments.values()]
    own += [o.threshold.apply(scenario.threshold) for o in overrides if o.threshold is not None]
    found = [Nameable(unit_of_measure(th.measure), th.value, th.inclusive) for th in own]
    if scenario.phase_in is not None and scenario.phase_in.until is not None:
        found.append(
            Nameable(unit_of_measure(scenario.threshold.measure), scenario.phase_in.until, None)
        )
    for change in scenario.law_changes:
        unit = unit_of_measure(change.measure)
        found += [Nameable(unit, change.from_, None), Nameable(unit, change.to, None)]
    return found


def unit_of_measure(measure: str) -> str:
    m = MEASURES.get(measure)
    return m.unit if m is not None else measure


def names(count: NamedCount, threshold: Nameable) -> bool:
    """Whether ``count`` names ``threshold``: same unit, same number or the same boundary."""
    if count.value is None:
        return False
    if threshold.inclusive is None:  # a law threshold or a phase-in end: a head count is one
        same_unit = count.unit == threshold.unit or {count.unit, threshold.unit} <= _HEADS
        return same_unit and _equal(count.value, threshold.value)
    if count.unit != threshold.unit:
        return False
    if count.side is None:
        return _equal(count.value, threshold.value)
    inclusive = count.side == "le"
    if inclusive == threshold.inclusive and _equal(count.value, threshold.value):
        return True
    whole_heads = threshold.unit in _HEADS and float(count.value).is_integer()
    return whole_heads and _last_inside(count.value, inclusive) == _last_inside(
        threshold.value, threshold.inclusive
    )


def _equal(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


def _last_inside(value: float, inclusive: bool) -> int:
    """The largest whole count inside '≤ value' / '< value' (as Threshold.last_inside)."""
    return math.floor(value) if inclusive else math.ceil(value) - 1
