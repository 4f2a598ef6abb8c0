"""The growth view (app, Excel): what happens to a firm's obligations and burden as it hires.

``headcount_sweep`` evaluates the same firm at 1…250 employees in ONE engine call (a
250-row frame), so the cliff chart, the threshold list and the growth planner are read off
the very matrices the firm check uses.  Inputs that grow with staff (fte, wage bill,
turnover, …) are scaled in proportion when the user gave them, and left to the documented
defaults otherwise; counts that may not exceed the headcount are capped so validation holds.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.conditions import Between, Compare, ParamRef, Ref, walk
from checker.engine import Engine, Evaluation
from checker.profile import PROFILE_FIELDS
from checker.scenario_model import Scenario

MAX_HEADCOUNT = 250

# Measures that count people: a threshold on one of these is a "headcount cliff".
HEADCOUNT_MEASURES: tuple[str, ...] = (
    "employees",
    "persons_wor",
    "persons_wbk",
    "persons_total",
    "employees_arbo",
    "staff_awu",
    "employees_avg_fy",
    "employees_avg_prev_fy",
    "employees_20h_jan1",
    "fte",
)
# Given inputs that grow in proportion to the headcount when we imagine a bigger firm.
SCALED_FIELDS: tuple[str, ...] = (
    "fte", "employees_avg_fy", "employees_avg_prev_fy", "employees_20h_jan1", "wage_bill_eur",
    "wage_bill_t2_eur", "turnover_eur", "turnover_prev_eur", "balance_total_eur",
    "balance_total_prev_eur", "weekly_labour_hours", "hires_per_year", "dismissals_per_year",
    "sick_cases_6w_per_year", "sick_cases_1y_per_year", "sick_cases_2y_per_year",
    "paid_hours_prev_year", "group_turnover_eur",
)  # fmt: skip
# Of those, the ones the profile validator caps at the headcount.
CAPPED_FIELDS: tuple[str, ...] = (
    "fte", "employees_20h_jan1", "sick_cases_6w_per_year", "sick_cases_1y_per_year",
    "sick_cases_2y_per_year",
)  # fmt: skip
_INTEGER_FIELDS = ("employees_20h_jan1",)


def sweep_frame(values: dict[str, Any], max_n: int = MAX_HEADCOUNT) -> pd.DataFrame:
    """The firm at 1…max_n employees, one row each, in the profile-frame layout."""
    if max_n < 1:
        raise ValueError(f"max_n must be at least 1, got {max_n}")
    heads = np.arange(1, max_n + 1, dtype=np.float64)
    base = float(values.get("employees") or 0)
    frame = pd.DataFrame({name: [values.get(name)] * max_n for name in PROFILE_FIELDS})
    frame["employees"] = heads.astype(np.int64)
    for name in SCALED_FIELDS:
        given = values.get(name)
        if given is None or (isinstance(given, float) and math.isnan(given)):
            continue
        col = heads * (float(given) / base) if base > 0 else np.full(max_n, float(given))
        if name in CAPPED_FIELDS:
            col = np.minimum(col, heads)
        if name in _INTEGER_FIELDS:
            col = np.floor(col)
        frame[name] = col
    return frame


def headcount_sweep(
    engine: Engine,
    values: dict[str, Any],
    scenario: Scenario | None,
    date: dt.date,
    max_n: int = MAX_HEADCOUNT,
    *,
    tariffs: dict[str, float] | None = None,
) -> Evaluation:
    """One engine run over the firm at 1…max_n employees (row i = i + 1 employees)."""
    return engine.evaluate(sweep_frame(values, max_n), date, scenario, tariffs=tariffs)


def cliff_curve(ev: Evaluation) -> pd.DataFrame:
    """Yearly burden and obligations per headcount, now and under the scenario."""
    totals = ev.firm_totals()
    return pd.DataFrame({
        "employees": ev.frame["employees"].to_numpy(dtype=np.int64),
        "cost_now": totals["cost_now"].to_numpy(),
        "cost_scen": totals["cost_scen"].to_numpy(),
        "hours_now": totals["hours_now"].to_numpy(),
        "hours_scen": totals["hours_scen"].to_numpy(),
        "obligations_now": totals["obligations_now"].to_numpy(),
        "obligations_scen": totals["obligations_scen"].to_numpy(),
        "saved_eur": totals["saved_eur"].to_numpy(),
    })  # fmt: skip


def _crossing(op: str, value: float) -> int:
    """The first whole headcount at which the test's outcome differs from one less."""
    if op in (">=", "<"):
        return math.ceil(value)
    return math.floor(value) + 1  # '>' and '<=' (and '==', '!=' change just after the value)


@dataclass(frozen=True)
class _Found:
    rule_id: str
    measure: str
    op: str
    value: float
    article: str | None


def _headcount_tests(node: Any, rule_id: str, cat: Catalogue, params: dict[str, float],
                     seen: set[str]) -> list[_Found]:  # fmt: skip
    found: list[_Found] = []
    for n in walk(node):
        if isinstance(n, Ref) and n.ref in cat.definitions and n.ref not in seen:
            found += _headcount_tests(cat.definitions[n.ref].condition, rule_id, cat, params,
                                      seen | {n.ref})  # fmt: skip
        measure = getattr(n, "measure", None)
        if measure not in HEADCOUNT_MEASURES:
            continue
        if isinstance(n, Compare):
            pairs = [(n.op, n.value)]
        elif isinstance(n, Between):
            pairs = [(">=", n.between[0]), ("<=", n.between[1])]
        else:
            continue
        for op, raw in pairs:
            value = params.get(raw.param) if isinstance(raw, ParamRef) else float(raw)
            if value is not None:
                found.append(_Found(rule_id, str(measure), op, float(value), n.article))
    return found


def employee_thresholds(
    catalogue: Catalogue, date: dt.date, lang: Lang = "nl", max_n: int = MAX_HEADCOUNT
) -> pd.DataFrame:
    """Every numeric test on a headcount measure in the rules valid on ``date`` (and their
    exceptions valid on that date).

    One row per (rule, test): rule_id, title, measure, op, value, ``at`` (the headcount where
    the outcome flips) and article.  Tests that flip outside 2…max_n (such as 'at least one
    employee') are left out: they are no cliff on the chart.
    """
    params = catalogue.params_on(date)
    rows: list[dict[str, Any]] = []
    for rule in catalogue.rules_valid_on(date):
        # A law's own small-firm exception (e.g. Arbowet art. 13 lid 10) is a cliff too.
        conditions = [rule.applies_when, *(e.when for e in rule.exceptions_on(date))]
        tests = [
            f for c in conditions for f in _headcount_tests(c, rule.id, catalogue, params, set())
        ]
        for f in tests:
            at = _crossing(f.op, f.value)
            if 2 <= at <= max_n:
                rows.append({
                    "rule_id": rule.id, "title": pick(rule.title, lang), "measure": f.measure,
                    "op": f.op, "value": f.value, "at": at, "article": f.article or "",
                })  # fmt: skip
    cols = ["rule_id", "title", "measure", "op", "value", "at", "article"]
    frame = pd.DataFrame(rows, columns=cols).drop_duplicates(["rule_id", "measure", "op", "value"])
    return frame.sort_values(["at", "rule_id"], ignore_index=True)


def growth_plan(ev: Evaluation, current: int, extra: int, lang: Lang = "nl") -> pd.DataFrame:
    """Obligations that start (or stop) when the firm grows from ``current`` to current+extra.

    Read from a :func:`headcount_sweep`: for each rule whose applicability now differs
    between the two headcounts, the first headcount where it changes and the yearly € and
    hours it adds (negative when it stops) at the new size, under current law and under the
    scenario.
    """
    n = ev.n
    if not 1 <= current <= n:
        raise ValueError(f"current headcount {current} is outside the sweep 1…{n}")
    target = min(n, current + max(0, extra))
    i, j = current - 1, target - 1
    values = ev.rule_values()
    rows: list[dict[str, Any]] = []
    for r, rule in enumerate(ev.rules):
        if rule.kind != "obligation":
            continue
        before, after = bool(ev.applies_now[i, r]), bool(ev.applies_now[j, r])
        if before == after:
            continue

        def delta(key: str, r: int = r) -> float:
            return float(values[key][j, r] - values[key][i, r])

        path = ev.applies_now[i : j + 1, r]
        first = i + int(np.argmax(path != before))
        rows.append({
            "rule_id": rule.id, "title": pick(rule.title, lang), "domain": rule.domain,
            "change": "start" if after else "stop", "at": first + 1,
            "quantified": bool(rule.activities),
            "cost_now": delta("cost_now"), "hours_now": delta("hours_now"),
            "applies_scen": bool(ev.applies_scen[j, r]), "cost_scen": delta("cost_scen"),
        })  # fmt: skip
    cols = ["rule_id", "title", "domain", "change", "at", "quantified", "cost_now", "hours_now",
            "applies_scen", "cost_scen"]  # fmt: skip
    return pd.DataFrame(rows, columns=cols).sort_values(["at", "rule_id"], ignore_index=True)
