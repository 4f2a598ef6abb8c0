"""What the printable reports say, as plain data: headline, changed obligations, assumptions, sources.

Kept apart from the PDF layout so the wording can be tested without rendering, and so the
rules of the evidence live in one place:

* *Regeldruk* is administrative burden plus substantive compliance costs (Standard Cost
  Model); financial costs such as continued pay during sickness are *financiële lasten* and
  are always reported next to it, never inside a figure labelled regeldruk.
* An obligation is listed under what it actually does to the firm (lapses, gets lighter), not
  under the proposal's generic treatment.
* Readers see titles, law names and readable source titles; never rule ids, file names or the
  developer notes that the catalogue keeps next to its figures.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import Lang, pick
from checker.burden import COST_TYPES
from checker.catalogue import Catalogue
from checker.defaults import DEFAULTS_BY_FIELD
from checker.i18n import (
    fmt_date,
    fmt_eur,
    fmt_eur_exact,
    fmt_exact,
    fmt_number,
    fmt_quantity,
    legal_form_label,
    t,
    treatment_label,
    yes_no,
)
from checker.profile import LegalForm
from checker.reader_text import EDITION_TAIL, RESEARCH_REMARK
from checker.rule_model import Rule
from checker.scenario_model import Scenario
from checker.ui.profiles import FORM_FIELDS, field_label
from checker.ui.sbi_list import sbi_label
from checker.ui.sources import publisher_words

REGELDRUK_TYPES = ("administrative", "substantive")
FIELD_SPECS = {f.name: f for f in FORM_FIELDS}


# -- money and counts --------------------------------------------------------------------------


def fmt_count(value: float, lang: Lang) -> str:
    return fmt_number(round(value), lang)


def fmt_hours(value: float, lang: Lang) -> str:
    """Hours over a population are estimates: 'ca. 297.000' rather than '296.644'."""
    if abs(value) >= 10_000:
        return t("report.about", lang, value=fmt_number(round(value, -3), lang))
    return fmt_number(round(value), lang)


# -- per-rule costs split into regeldruk and financial costs -----------------------------------


def rule_costs(ev: Any, mask: np.ndarray | None = None) -> pd.DataFrame:
    """Per rule of ``ev``: yearly regeldruk and financial € now and under the scenario.

    Weighted over the firms of the evaluation (one firm for a firm check), from the engine's
    own driver sums and per-cost-type coefficients, so the rows add up to the firm totals.
    Also the weighted number of firms for which the rule lapses or gets lighter.
    """
    sums = ev.rule_driver_sums(mask)
    out: dict[str, Any] = {"rule_id": ev.rule_ids}
    parts = {}
    for k, name in enumerate(COST_TYPES):
        base, light = ev.coef.cost_by_type[k], ev.coef_light.cost_by_type[k]
        now = np.einsum("rk,rk->r", sums["now"], base)
        scen = np.einsum("rk,rk->r", sums["full"], base) + np.einsum(
            "rk,rk->r", sums["light"], light
        )
        parts[name] = (now, scen)
    reg_now = sum(parts[ct][0] for ct in REGELDRUK_TYPES)
    reg_scen = sum(parts[ct][1] for ct in REGELDRUK_TYPES)
    out["regeldruk_now"] = reg_now
    out["regeldruk_scen"] = reg_scen
    out["regeldruk_saved"] = reg_now - reg_scen
    out["financial_now"] = parts["financial"][0]
    out["financial_scen"] = parts["financial"][1]
    out["financial_saved"] = parts["financial"][0] - parts["financial"][1]
    out["firms_now"] = sums["firms_now"]
    out["firms_exempted"] = sums["firms_exempted"]
    out["firms_lighter"] = sums["firms_light"]
    return pd.DataFrame(out)


@dataclass(frozen=True)
class ChangedObligation:
    """One obligation that lapses or gets lighter, with its € (yearly) split by kind."""

    rule: Rule
    title: str
    law: str
    change: str  # 'lapses' | 'lighter'
    quantified: bool
    regeldruk_now: float
    regeldruk_scen: float
    financial_now: float
    financial_scen: float
    firms: float = 1.0  # firms for which it changes (1 for a firm check)

    @property
    def regeldruk_saved(self) -> float:
        return self.regeldruk_now - self.regeldruk_scen

    @property
    def financial_saved(self) -> float:
        return self.financial_now - self.financial_scen


def change_label(change: str, lang: Lang) -> str:
    """What a proposal does to an obligation for the firm, in the app's words for a
    treatment: 'vrijgesteld' or 'lichter regime' (never a second word for the same thing)."""
    return treatment_label("exempt" if change == "lapses" else "lighter", lang)


def law_reference(rule: Rule) -> str:
    """'Arbeidsomstandighedenwet art. 5 lid 1–5', without notes meant for the maintainers."""
    basis = rule.legal_basis
    article = plain_text(basis.article)
    return f"{plain_text(basis.law)} {article}".strip()


def firm_changes(result: Any, lang: Lang) -> list[ChangedObligation]:
    """Obligations that apply to the firm now and lapse or get lighter under the proposal
    (law only: announced rules are listed apart, see :func:`announced`)."""
    costs = rule_costs(result.evaluation).set_index("rule_id")
    out: list[ChangedObligation] = []
    for rr in result.rules:
        if rr.rule.kind != "obligation" or not rr.applies_now or rr.pending:  # bills: apart
            continue
        if not rr.applies_scenario:
            change = "lapses"
        elif rr.treatment == "lighter":
            change = "lighter"
        else:
            continue
        row = costs.loc[rr.rule.id]
        out.append(
            ChangedObligation(
                rule=rr.rule,
                title=pick(rr.rule.title, lang),
                law=law_reference(rr.rule),
                change=change,
                quantified=rr.quantified,
                regeldruk_now=float(row["regeldruk_now"]),
                regeldruk_scen=float(row["regeldruk_scen"]),
                financial_now=float(row["financial_now"]),
                financial_scen=float(row["financial_scen"]),
            )
        )
    return sorted(out, key=lambda c: (-c.regeldruk_saved, -c.financial_saved, c.title))


def population_changes(ev: Any, lang: Lang) -> list[ChangedObligation]:
    """Obligations that lapse or get lighter for at least one firm of the population."""
    costs = rule_costs(ev)
    out: list[ChangedObligation] = []
    for r, rule in enumerate(ev.rules):
        row = costs.iloc[r]
        exempted, lighter = float(row["firms_exempted"]), float(row["firms_lighter"])
        if rule.kind != "obligation" or exempted + lighter < 0.5 or bool(ev.pending[r]):
            continue
        out.append(
            ChangedObligation(
                rule=rule,
                title=pick(rule.title, lang),
                law=law_reference(rule),
                change="lapses" if exempted >= lighter else "lighter",
                quantified=bool(rule.activities),
                regeldruk_now=float(row["regeldruk_now"]),
                regeldruk_scen=float(row["regeldruk_scen"]),
                financial_now=float(row["financial_now"]),
                financial_scen=float(row["financial_scen"]),
                firms=exempted + lighter,
            )
        )
    return sorted(out, key=lambda c: (-c.regeldruk_saved, -c.financial_saved, c.title))


# -- totals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BurdenTotals:
    """Yearly regeldruk and financial costs, now and under the proposal."""

    regeldruk_now: float
    regeldruk_scen: float
    financial_now: float
    financial_scen: float

    @property
    def regeldruk_saved(self) -> float:
        return self.regeldruk_now - self.regeldruk_scen

    @property
    def financial_saved(self) -> float:
        return self.financial_now - self.financial_scen


def firm_totals(totals: dict[str, float]) -> BurdenTotals:
    """From a CheckResult's totals (which keep the cost types apart)."""
    return BurdenTotals(
        regeldruk_now=sum(totals[f"{ct}_now_eur"] for ct in REGELDRUK_TYPES),
        regeldruk_scen=sum(totals[f"{ct}_scenario_eur"] for ct in REGELDRUK_TYPES),
        financial_now=totals["financial_now_eur"],
        financial_scen=totals["financial_scenario_eur"],
    )


def weighted_totals(ev: Any, by: np.ndarray | None = None) -> pd.DataFrame:
    """Per firm (or summed per group code in ``by``): regeldruk and financial € now/scenario."""
    per_type = ev.firm_cost_by_type()
    w = ev.weights
    frame = pd.DataFrame(
        {
            "regeldruk_now": sum(per_type[f"{ct}_now"] for ct in REGELDRUK_TYPES) * w,
            "regeldruk_scen": sum(per_type[f"{ct}_scen"] for ct in REGELDRUK_TYPES) * w,
            "financial_now": per_type["financial_now"] * w,
            "financial_scen": per_type["financial_scen"] * w,
        }
    )
    if by is None:
        return frame.sum().to_frame().T
    frame["group"] = by
    return frame.groupby("group", sort=False).sum()


# -- profile inputs ----------------------------------------------------------------------------


def field_value(name: str, value: Any, lang: Lang) -> str:
    """A profile value as a reader writes it: '€ 970.920', '15,9', 'ja', 'Besloten vennootschap (bv)'."""
    spec = FIELD_SPECS.get(name)
    kind = spec.kind if spec else ("eur" if name.endswith("_eur") else None)
    if isinstance(value, bool | np.bool_) or kind == "bool":
        return yes_no(bool(value), lang)
    if kind == "legal_form":
        known = str(value) in {f.value for f in LegalForm}
        return legal_form_label(str(value), lang) if known else str(value)
    if kind == "sbi":
        return sbi_label(str(value), lang) or str(value)
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        if math.isnan(number):
            return "–"
        if kind == "eur":
            return fmt_eur(number, lang)
        return fmt_quantity(number, lang)
    return str(value)


def entered_value(name: str, value: Any, lang: Lang) -> str:
    """A value exactly as the user entered it, in the reader's notation: '15,94', '€ 970.920,50',
    '€ 3.000.000', 'ja' — never rounded to fewer digits than were typed."""
    spec = FIELD_SPECS.get(name)
    kind = spec.kind if spec else ("eur" if name.endswith("_eur") else None)
    is_number = isinstance(value, int | float | np.integer | np.floating)
    coded = kind in ("bool", "sbi", "legal_form", "accounts_class")
    if is_number and not isinstance(value, bool | np.bool_) and not coded:
        number = float(value)
        if math.isnan(number):
            return "–"
        return fmt_eur_exact(number, lang) if kind == "eur" else fmt_exact(number, lang)
    return field_value(name, value, lang)


@dataclass(frozen=True)
class InputRow:
    label: str
    value: str
    how: str = ""  # empty for given values
    estimated: bool = False  # derived from sourced sector figures (rates), not a plain guess


def given_inputs(profile: Any, lang: Lang, exclude: Sequence[str] = ()) -> list[InputRow]:
    """The values the user gave, in form order and exactly as given, except the fields in
    ``exclude``."""
    given = profile.model_dump(mode="json", exclude_none=True)
    return [
        InputRow(field_label(f.name, lang), entered_value(f.name, given[f.name], lang))
        for f in FORM_FIELDS
        if f.name in given and f.name not in exclude
    ]


def assumed_inputs(assumptions: Sequence[Any], lang: Lang) -> list[InputRow]:
    """The values filled in because the user left them empty, with how they were filled."""
    return [
        InputRow(
            field_label(a.field, lang),
            field_value(a.field, a.value, lang),
            a.explanation,
            a.field in DEFAULTS_BY_FIELD and bool(DEFAULTS_BY_FIELD[a.field].rates),
        )
        for a in assumptions
    ]


# -- readable text -----------------------------------------------------------------------------

# Parenthesised remarks that summarise what we read in a source ('(opinie: € 100–150k …)');
# research remarks and edition tails are named in checker.reader_text.
_READING_NOTE = re.compile(r"[:€≤≥<>%]")
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_DATE = r"(?:\d{1,2}-\d{1,2}-\d{4}|\d{4}(?:-\d{2}){0,2})"
_DATE_PAREN = re.compile(rf"\s*\({_DATE}\)")
_NOTES_AFTER_DATE = re.compile(rf"\s*\({_DATE}\):\s.*$")
_OFFICIAL_NUMBER = ("Stb.", "Stcrt.")


def plain_text(text: str) -> str:
    """Drop parenthesised developer notes ('(lidnummer te verifiëren)', '(BWBR…)')."""

    def keep(match: re.Match[str]) -> str:
        return "" if RESEARCH_REMARK.search(match.group(1)) else match.group(0)

    out = _PAREN.sub(keep, text)
    return re.sub(r"\s{2,}", " ", out).strip(" ,;")


def _top_level_colon(text: str) -> int:
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and text.startswith(": ", i):
            return i
    return -1


def source_title(title: str) -> str:
    """A source title as a reader can use it: the document's name, without our reading notes.

    'Arbeidsomstandighedenwet (BWBR0010346), consolidated pre-2017 text read via …' becomes
    'Arbeidsomstandighedenwet'; 'Arbokompas, Wat kost een arbodienst? (21-03-2022): € 120–200
    per werknemer' becomes 'Arbokompas, Wat kost een arbodienst?' (the year is shown apart).
    The catalogue has no separate display title yet; these are its writing conventions.
    """
    text = _NOTES_AFTER_DATE.sub("", title)
    text = _DATE_PAREN.sub("", text)

    def keep(match: re.Match[str]) -> str:
        inner = match.group(1)
        return (
            "" if RESEARCH_REMARK.search(inner) or _READING_NOTE.search(inner) else match.group(0)
        )

    text = _PAREN.sub(keep, text)
    text = re.sub(r",?\s*\bBWBR\d+(?:-\d+)?\b", "", text)
    text = EDITION_TAIL.sub("", text)
    colon = _top_level_colon(text)
    notes_after = colon > 0 and re.search(r"[€%≤≥]", text[colon:])
    if notes_after and not text.startswith(_OFFICIAL_NUMBER):
        text = text[:colon]
    return re.sub(r"\s{2,}", " ", text).strip(" ,;:")


@dataclass(frozen=True)
class SourceLine:
    title: str
    publisher: str
    year: str

    def text(self) -> str:
        tail = ", ".join(p for p in (self.publisher, self.year) if p)
        return f"{self.title} — {tail}" if tail else self.title


_KIND_ORDER = {"official": 0, "statistics": 1, "research": 2, "eu": 3, "secondary": 4, "law": 5}


def figure_sources(
    catalogue: Catalogue,
    rules: Iterable[Rule],
    scenario: Scenario | None,
    *,
    extra: Iterable[str] = (),
    limit: int = 14,
    lang: Lang = "nl",
) -> tuple[list[SourceLine], int]:
    """The sources behind the € figures of ``rules``, the tariffs and the proposal, in short.

    Laws are named with the obligations; here come the documents behind the numbers
    (official first, then statistics, research, EU, secondary).  Returns at most ``limit``
    lines and the number left out.
    """
    ids: list[str] = list(extra)
    if scenario is not None:
        ids += scenario.sources
    for rule in rules:
        ids += [a.basis.source for a in rule.activities if a.basis.source]
    ids += [tf.basis.source for tf in catalogue.tariffs.values() if tf.basis.source]
    seen: dict[str, None] = {}
    for sid in ids:
        if sid in catalogue.sources and catalogue.sources[sid].kind != "law":
            seen.setdefault(sid, None)
    chosen = sorted(
        seen, key=lambda s: (_KIND_ORDER.get(catalogue.sources[s].kind, 9), list(seen).index(s))
    )
    lines: list[SourceLine] = []
    titles: set[str] = set()
    for sid in chosen:
        src = catalogue.sources[sid]
        line = SourceLine(source_title(src.title), publisher_words(src, lang), (src.date or "")[:4])
        if line.title.lower() in titles:
            continue
        titles.add(line.title.lower())
        lines.append(line)
    return lines[:limit], max(0, len(lines) - limit)


def law_names(rules: Iterable[Rule]) -> list[str]:
    """The laws behind ``rules``, once each, in order of appearance."""
    names: dict[str, None] = {}
    for rule in rules:
        names.setdefault(plain_text(rule.legal_basis.law), None)
    return list(names)


def tariff_lines(catalogue: Catalogue, tariffs: dict[str, float], lang: Lang) -> list[str]:
    """'Interne uren € 54 (aanname)': each hourly tariff with whether it is an assumption."""
    out = []
    for tid, tariff in catalogue.tariffs.items():
        value = tariffs.get(tid, tariff.eur_per_hour)
        label = re.sub(r"\s*\([^()]*\)$", "", pick(tariff.label, lang))
        text = f"{label} {fmt_eur(value, lang)}"
        if tariff.basis.is_assumption:
            text += f" ({t('common.assumption', lang)})"
        out.append(text)
    return out


def fmt_day(value: dt.date, lang: Lang) -> str:
    return fmt_date(value, lang)


def announced(result: Any, lang: Lang) -> list[str]:
    """Titles of the announced rules (bills, untransposed EU acts) that would apply to the
    firm: named in the report, never counted in its totals."""
    return [pick(rr.rule.title, lang) for rr in result.rules if rr.pending and rr.applies_now]
