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
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.conditions import NumericTest, ParamRef, numeric_tests
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
    "fte",
    "employees_avg_fy",
    "employees_avg_prev_fy",
    "employees_20h_jan1",
    "wage_bill_eur",
    "wage_bill_t2_eur",
    "turnover_eur",
    "turnover_prev_eur",
    "balance_total_eur",
    "balance_total_prev_eur",
    "weekly_labour_hours",
    "hires_per_year",
    "dismissals_per_year",
    "sick_cases_6w_per_year",
    "sick_cases_1y_per_year",
    "sick_cases_2y_per_year",
    "paid_hours_prev_year",
    "group_turnover_eur",
)
# Of those, the ones the profile validator caps at the headcount.
CAPPED_FIELDS: tuple[str, ...] = (
    "fte",
    "employees_20h_jan1",
    "sick_cases_6w_per_year",
    "sick_cases_1y_per_year",
    "sick_cases_2y_per_year",
)
_INTEGER_FIELDS = ("employees_20h_jan1",)


def sweep_frame(values: dict[str, Any], max_n: int = MAX_HEADCOUNT) -> pd.DataFrame:
    """The firm at 1…max_n employees, one row each, in the profile-frame layout."""
    if max_n < 1:
        raise ValueError(f"max_n must be at least 1, got {max_n}")
    return sizes_frame(values, range(1, max_n + 1))


def sizes_frame(values: dict[str, Any], sizes: Any) -> pd.DataFrame:
    """The firm at the given headcounts, one row each: inputs that grow with staff scaled in
    proportion, counts capped at the headcount (so a 2-row question costs 2 rows, not N)."""
    heads = np.asarray(list(sizes), dtype=np.float64)
    n = len(heads)
    base = float(values.get("employees") or 0)
    frame = pd.DataFrame({name: [values.get(name)] * n for name in PROFILE_FIELDS})
    frame["employees"] = heads.astype(np.int64)
    for name in SCALED_FIELDS:
        given = values.get(name)
        if given is None or (isinstance(given, float) and math.isnan(given)):
            continue
        col = heads * (float(given) / base) if base > 0 else np.full(n, float(given))
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


# What the curve holds per headcount, now and under the proposal: regeldruk, financial costs
# and both together (lasten in totaal), hours and obligations.
CURVE_COLUMNS = (
    "regulatory_now",
    "regulatory_scen",
    "financial_now",
    "financial_scen",
    "cost_now",
    "cost_scen",
    "hours_now",
    "hours_scen",
    "obligations_now",
    "obligations_scen",
    "saved_eur",
)


def cliff_curve(ev: Evaluation) -> pd.DataFrame:
    """Yearly burden and obligations per headcount, now and under the scenario — the one
    curve behind the growth planner, its chart and the workbook's cliff sheet."""
    totals = ev.firm_totals()
    out = pd.DataFrame({"employees": ev.frame["employees"].to_numpy(dtype=np.int64)})
    for col in CURVE_COLUMNS:
        out[col] = totals[col].to_numpy(dtype=np.float64)
    return out


def _crossing(op: str, value: float) -> int:
    """The first whole headcount at which the test's outcome differs from one less."""
    if op in (">=", "<"):
        return math.ceil(value)
    return math.floor(value) + 1  # '>' and '<=' (and '==', '!=' change just after the value)


def _headcount_tests(rule: Any, cat: Catalogue, date: dt.date) -> list[NumericTest]:
    """Numeric tests on a headcount measure in a rule and its exceptions on ``date``."""
    defs = {k: d.condition for k, d in cat.definitions.items()}
    conditions = [rule.applies_when, *(e.when for e in rule.exceptions_on(date))]
    return [
        t
        for cond in conditions
        for t in numeric_tests(cond, defs)
        if t.measure in HEADCOUNT_MEASURES
    ]


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
        for f in _headcount_tests(rule, catalogue, date):
            value = params.get(f.value.param) if isinstance(f.value, ParamRef) else float(f.value)
            if value is None:
                continue
            at = _crossing(f.op, value)
            if 2 <= at <= max_n:
                rows.append(
                    {
                        "rule_id": rule.id,
                        "title": pick(rule.title, lang),
                        "measure": f.measure,
                        "op": f.op,
                        "value": value,
                        "at": at,
                        "article": f.article or "",
                    }
                )
    cols = ["rule_id", "title", "measure", "op", "value", "at", "article"]
    frame = pd.DataFrame(rows, columns=cols).drop_duplicates(["rule_id", "measure", "op", "value"])
    return frame.sort_values(["at", "rule_id"], ignore_index=True)


def growth_plan(ev: Evaluation, current: int, extra: int, lang: Lang = "nl") -> pd.DataFrame:
    """Obligations that change when the firm grows from ``current`` to current+extra.

    Read from a :func:`headcount_sweep`.  ``change`` is ``start`` or ``stop`` for a rule whose
    applicability under current law changes, and ``returns`` for a rule the proposal relieved
    at the current size that comes back (fully or partly) at the new size.  Per rule: the first
    headcount where it changes and the yearly € and hours it adds at the new size, under
    current law and under the proposal.
    """
    n = ev.n
    if not 1 <= current <= n:
        raise ValueError(f"current headcount {current} is outside the sweep 1…{n}")
    target = min(n, current + max(0, extra))
    i, j = current - 1, target - 1
    values = ev.rule_values()
    full = ev.full_scen
    rows: list[dict[str, Any]] = []
    for r, rule in enumerate(ev.rules):
        if rule.kind != "obligation" or ev.pending[r]:
            continue
        before, after = bool(ev.applies_now[i, r]), bool(ev.applies_now[j, r])
        if before != after:
            path = ev.applies_now[i : j + 1, r]
            change = "start" if after else "stop"
        elif before and full[j, r] > full[i, r]:
            # relieved (or lifted by a moved law threshold) at the current size, more of the
            # full burden at the new size: the obligation comes back under the proposal
            path = full[i : j + 1, r] <= full[i, r]
            change = "returns"
        else:
            continue

        def delta(key: str, r: int = r) -> float:
            return float(values[key][j, r] - values[key][i, r])

        first = i + int(np.argmax(path != path[0]))
        rows.append(
            {
                "rule_id": rule.id,
                "title": pick(rule.title, lang),
                "domain": rule.domain,
                "change": change,
                "at": first + 1,
                "quantified": bool(rule.activities),
                "cost_now": delta("cost_now"),
                "hours_now": delta("hours_now"),
                "applies_scen": bool(ev.applies_scen[j, r]),
                "cost_scen": delta("cost_scen"),
            }
        )
    cols = [
        "rule_id",
        "title",
        "domain",
        "change",
        "at",
        "quantified",
        "cost_now",
        "hours_now",
        "applies_scen",
        "cost_scen",
    ]
    return pd.DataFrame(rows, columns=cols).sort_values(["at", "rule_id"], ignore_index=True)


def marginal_burden(ev: Evaluation) -> pd.DataFrame:
    """Per headcount N of a :func:`headcount_sweep`: the yearly burden the (N+1)th employee
    adds, now and under the proposal — in total and as regeldruk (the growth incentive)."""
    t = ev.firm_totals()
    heads = ev.frame["employees"].to_numpy(dtype=np.int64)
    out = pd.DataFrame({"employees": heads[:-1]})
    for col in ("cost_now", "cost_scen", "regulatory_now", "regulatory_scen"):
        values = t[col].to_numpy()
        out[f"marginal_{col}"] = values[1:] - values[:-1]
    return out
