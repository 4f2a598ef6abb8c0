"""The names of the built-in populations in the reader's language, with their CBS source.

A sector analysis must say which firms it covers ("C Industrie, 85.950 bedrijven, CBS
81588NED, 2e kwartaal 2024 (voorlopig)").  The scope ids and the CBS labels stay Dutch in the
data; this module gives the words for either language (the section names as CBS's English
tables write them) and writes the CBS period ("2024 2e kwartaal*") the way a reader says it.
"""

from __future__ import annotations

import re

from checker.bilingual import Lang
from checker.i18n import t
from checker.population.metal import METAL_SCOPE, metal_estimate
from checker.population.size_classes import NL_PERIOD_SECTIONS

DIVISION_PERIOD = "2026 1e kwartaal*"
# Section code -> message key member (keys are lower case, no dashes).
SECTION_KEYS: dict[str, str] = {
    "A": "a",
    "B": "b",
    "C": "c",
    "D": "d",
    "E": "e",
    "F": "f",
    "G": "g",
    "H": "h",
    "I": "i",
    "J": "j",
    "K": "k",
    "L": "l",
    "M": "m",
    "N": "n",
    "O-Q": "o_q",
    "R-U": "r_u",
}
_PERIOD = re.compile(r"^(\d{4}) (\d)e kwartaal(\*{0,2})$")


def period_text(period: str, lang: Lang) -> str:
    """'2024 2e kwartaal*' -> '2e kwartaal 2024 (voorlopig)' / 'Q2 2024 (provisional)'."""
    m = _PERIOD.match(period.strip())
    if m is None:
        return period
    year, quarter, stars = m.groups()
    text = t("scope.period.quarter", lang, year=year, quarter=quarter)
    if stars == "*":
        text += " " + t("scope.period.provisional", lang)
    elif stars == "**":
        text += " " + t("scope.period.revised", lang)
    return text


def scope_name(scope: str, lang: Lang) -> str:
    """The population's name: 'Nederland, alle bedrijven', 'C Industrie', 'Metaal: …'."""
    if scope == "nl":
        return t("scope.nl", lang)
    if scope == METAL_SCOPE:
        return metal_estimate().label.get(lang)
    kind, _, key = scope.partition(":")
    if kind == "section" and key in SECTION_KEYS:
        return t(f"scope.section.{SECTION_KEYS[key]}", lang)
    return key or scope  # a division: the CBS label ('245 Metaalgieterijen')


def scope_source(scope: str, lang: Lang) -> str:
    """Where the counts come from, in words ('CBS 81588NED, 2e kwartaal 2024 (voorlopig)')."""
    if scope == METAL_SCOPE:
        return t("scope.source.estimate", lang, period=period_text(NL_PERIOD_SECTIONS, lang))
    if scope.startswith("division:"):
        return t(
            "scope.source.cbs", lang, table="81589NED", period=period_text(DIVISION_PERIOD, lang)
        )
    return t(
        "scope.source.cbs", lang, table="81588NED", period=period_text(NL_PERIOD_SECTIONS, lang)
    )


def scope_option(scope: str, lang: Lang) -> str:
    """The label of a scope in a selection list: its name and, briefly, its source."""
    return t("scope.option", lang, name=scope_name(scope, lang), source=scope_source(scope, lang))
