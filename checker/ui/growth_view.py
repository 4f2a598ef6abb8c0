"""The growth planner's figures: the cliff curve by kind of burden, the chart's range, and what
changes when the firm grows — including obligations the proposal exempted that come back.

Read from one :func:`checker.growth.headcount_sweep` (the firm at 1…250 employees).  No
Streamlit import: tested directly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from checker.bilingual import Lang, pick
from checker.evaluation import Evaluation
from checker.growth import growth_plan
from checker.i18n import column_label, domain_label, fmt_eur, fmt_exact, fmt_number, msg_key, t
from checker.measures import MEASURES
from checker.ui.profiles import field_label

DEFAULT_SPAN = 60  # the chart shows 1…60 employees unless the firm is bigger or the user asks


def chart_range(current: int, wide: bool, max_n: int) -> tuple[int, int]:
    """1…60 around a small firm (the cliffs that matter to it), 1…max_n on request; a bigger
    firm sees at least twenty employees beyond its own size."""
    if wide:
        return 1, max_n
    top = max(DEFAULT_SPAN, math.ceil((current + 20) / 10) * 10)
    return 1, min(max_n, top)


@dataclass(frozen=True)
class GrowthStep:
    """What growing from ``start`` to ``target`` employees changes."""

    start: int
    target: int
    plan: pd.DataFrame  # checker.growth.growth_plan
    regulatory_now: float  # change of yearly regeldruk under current law
    regulatory_scen: float  # … under the proposal
    total_now: float  # change of yearly lasten in totaal under current law
    total_scen: float

    def of(self, change: str) -> pd.DataFrame:
        return self.plan[self.plan["change"] == change]


def growth_step(
    ev: Evaluation, curve: pd.DataFrame, start: int, target: int, lang: Lang
) -> GrowthStep:
    """The obligations that start, stop or come back between ``start`` and ``target``."""
    start = max(1, min(start, ev.n))
    target = max(start, min(target, ev.n))
    plan = growth_plan(ev, start, target - start, lang)
    before, after = curve.iloc[start - 1], curve.iloc[target - 1]
    return GrowthStep(
        start=start,
        target=target,
        plan=plan,
        regulatory_now=float(after["regulatory_now"] - before["regulatory_now"]),
        regulatory_scen=float(after["regulatory_scen"] - before["regulatory_scen"]),
        total_now=float(after["cost_now"] - before["cost_now"]),
        total_scen=float(after["cost_scen"] - before["cost_scen"]),
    )


def _signed(value: float, lang: Lang) -> str:
    if abs(value) < 0.5:
        return fmt_eur(0, lang)
    return ("+\u00a0" if value > 0 else "−\u00a0") + fmt_eur(abs(value), lang)


def _returns_sentence(step: GrowthStep, lang: Lang) -> str:
    """Where on the way what the proposal relieved comes back: the head count of the table
    below ('vanaf 26'), never the target the user typed."""
    back = step.of("returns")
    ats = sorted({int(a) for a in back["at"]}) if not back.empty else []
    count = fmt_number(len(back), lang)
    if not ats:
        return t("growth.summary.returns_none", lang)
    if len(ats) == 1:
        return t("growth.summary.returns", lang, returns=count, at=fmt_number(ats[0], lang))
    first, last = fmt_number(ats[0], lang), fmt_number(ats[-1], lang)
    return t("growth.summary.returns_range", lang, returns=count, first=first, last=last)


def step_summary(step: GrowthStep, lang: Lang, with_proposal: bool) -> str:
    """The growth step in two sentences (Markdown): counts first, then the € per year."""
    counts = t(
        "growth.summary.counts",
        lang,
        start=fmt_number(step.start, lang),
        target=fmt_number(step.target, lang),
        starts=fmt_number(len(step.of("start")), lang),
        stops=fmt_number(len(step.of("stop")), lang),
    )
    if with_proposal:
        counts += " " + _returns_sentence(step, lang)
    money = t(
        "growth.summary.money_now",
        lang,
        regulatory=_signed(step.regulatory_now, lang),
        total=_signed(step.total_now, lang),
    )
    if with_proposal:
        money += " " + t(
            "growth.summary.money_scen",
            lang,
            regulatory=_signed(step.regulatory_scen, lang),
            total=_signed(step.total_scen, lang),
        )
    return f"{counts}\n\n{money}"


def plan_table(plan: pd.DataFrame, lang: Lang, *, with_proposal: bool) -> pd.DataFrame:
    """One growth-plan group as a table: obligation, domain, from which headcount, € a year."""

    def cost(column: str) -> list[str]:
        return [
            fmt_eur(c, lang) if q else t("common.not_quantified", lang)
            for c, q in zip(plan[column], plan["quantified"], strict=True)
        ]

    out = pd.DataFrame(
        {
            column_label("obligation", lang): list(plan["title"]),
            column_label("domain", lang): [domain_label(d, lang) for d in plan["domain"]],
            t("growth.column.from", lang): [fmt_number(a, lang) for a in plan["at"]],
            t("growth.column.cost_now", lang): cost("cost_now"),
        }
    )
    if with_proposal:
        out[t("growth.column.cost_scen", lang)] = cost("cost_scen")
    return out


def _counted_with(ev: Evaluation, measure: str, row: int, lang: Lang) -> list[str]:
    """What a head count adds to the employees ('Uitzendkrachten (nu): 2'); nothing for a count
    that is not employees-plus-others (fte, annual work units)."""
    inputs = MEASURES[measure].inputs
    if "employees" not in inputs:
        return []
    out = []
    for name in inputs:
        column = ev.inputs.get(name)
        if name == "employees" or column is None:
            continue
        value = column[row]
        if isinstance(value, int | float | np.number) and float(value) > 0:
            shown = fmt_exact(float(value), lang, most=2)
            out.append(f"{field_label(name, lang)}: {shown}")
    return out


def counting_notes(
    ev: Evaluation, step: GrowthStep, thresholds: pd.DataFrame, lang: Lang
) -> list[str]:
    """Why an obligation starts, stops or comes back at another headcount than the number in
    its threshold: the law counts in its own way (the Arbowet counts agency workers and interns,
    the WOR agency workers after 24 months, the EU definition annual work units), and so may
    the proposal (in fte).

    One sentence per obligation whose law count at the headcount where it changes differs from
    that headcount — naming the count (the measure's own label) and what it adds — followed by
    the rule's own note on how it counts (``threshold_note``) or else the measure's counting
    rule; and one sentence per count of the proposal that differs.  Read from the sweep, the
    growth plan and the law's thresholds: nothing hard-coded.
    """
    rules = ev.catalogue.rules_by_id
    notes: list[str] = []
    for _, row in step.plan[step.plan["change"] != "returns"].iterrows():
        rule_id, at = str(row["rule_id"]), int(row["at"])
        own = thresholds[thresholds["rule_id"] == rule_id]
        for measure in dict.fromkeys(own["measure"]):
            counted = _differs(ev, str(measure), at)
            if counted is None or rule_id not in rules:
                continue
            rule = rules[rule_id]
            how = pick(rule.threshold_note, lang) if rule.threshold_note else None
            notes.append(
                _sentence(
                    ev,
                    msg_key("growth.counting.line"),
                    pick(rule.title, lang),
                    measure,
                    at,
                    counted,
                    how,
                    lang,
                )
            )
            break
    back = step.of("returns")
    if ev.scenario is not None and not back.empty:
        seen: set[tuple[str, int]] = set()
        for _, row in back.iterrows():
            returning = rules.get(str(row["rule_id"]))
            if returning is None:
                continue
            measure = ev.scenario.threshold_for(returning.id, returning.domain, ev.date).measure
            at = int(row["at"])
            counted = _differs(ev, measure, at)
            if counted is None or (measure, at) in seen:
                continue
            seen.add((measure, at))
            title = pick(ev.scenario.title, lang)
            notes.append(
                _sentence(
                    ev, msg_key("growth.counting.proposal"), title, measure, at, counted, None, lang
                )
            )
    return notes


def _differs(ev: Evaluation, measure: str, at: int) -> float | None:
    """The count ``measure`` at ``at`` employees, when it is another number than ``at``."""
    column = ev.columns.get(measure)
    if measure == "employees" or measure not in MEASURES or column is None:
        return None
    counted = float(column[at - 1])
    return None if abs(counted - at) < 1e-9 else counted


def _sentence(
    ev: Evaluation,
    key: str,
    title: str,
    measure: str,
    at: int,
    counted: float,
    how: str | None,
    lang: Lang,
) -> str:
    spec = MEASURES[measure]
    parts = _counted_with(ev, measure, at - 1, lang)
    because = " " + t("growth.counting.also", lang, parts="; ".join(parts)) if parts else ""
    sentence = t(
        key,
        lang,
        title=title,
        at=fmt_number(at, lang),
        measure=pick(spec.label, lang),
        counted=fmt_exact(counted, lang, most=2),
        because=because,
    )
    return f"{sentence} {how or spec.counting.get(lang)}".strip()
