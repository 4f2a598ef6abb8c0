"""Boundary tests at N−1, N and N+1 for every threshold in the catalogue.

The cases are generated from the catalogue itself: every numeric comparison in every rule
and definition is evaluated for three firms whose measure sits just below, at and just above
the threshold in force on the reference date.  A second set pins the legal wording of the
best-known thresholds ("ten minste 50", "ten hoogste 25", "minder dan 10") rule by rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import REFERENCE_DATE

from checker.api import load
from checker.conditions import OPS, Between, Compare, walk
from checker.engine import Engine
from checker.measures import MEASURES

ENGINE = load()
CAT = ENGINE.catalogue


@dataclass(frozen=True)
class Case:
    owner: str
    node: Any
    measure: str
    values: tuple[float, ...]
    expected: tuple[bool, ...]

    @property
    def name(self) -> str:
        return f"{self.owner}:{self.measure}:{'/'.join(f'{v:g}' for v in self.values)}"


def _fields_for(measure: str, value: float) -> dict[str, float]:
    """Profile inputs that make ``measure`` equal ``value`` (the others neutral)."""
    if measure == "persons_wor":
        return {"employees": value, "temp_workers_24m": 0}
    if measure == "persons_wbk":
        return {"employees": value, "temp_workers": 0, "interns_volunteers_paid": 0}
    if measure == "persons_total":
        return {"employees": value, "working_owners": 0, "temp_workers": 0}
    if measure == "employees_arbo":
        return {
            "employees": value,
            "temp_workers": 0,
            "interns_volunteers_paid": 0,
            "interns_unpaid": 0,
        }
    if measure == "staff_awu":
        return {"employees": value, "fte": value, "working_owners": 0}
    if measure == "energy_tj":
        return {"electricity_kwh": value * 1e6 / 3.6, "gas_m3": 0}
    (field,) = MEASURES[measure].inputs
    return {field: value}


def _step(measure: str) -> float:
    return 0.01 if measure == "energy_tj" else 1.0


def _cases() -> list[Case]:
    params = CAT.params_on(REFERENCE_DATE)
    owners: list[tuple[str, Any]] = [(r.id, r.applies_when) for r in CAT.rules]
    owners += [(d.id, d.condition) for d in CAT.definitions.values()]
    cases: list[Case] = []
    seen: set[tuple[str, str, float, str]] = set()
    for owner, cond in owners:
        for node in walk(cond):
            if isinstance(node, Compare):
                v = node.value
                n = params.get(v.param) if hasattr(v, "param") else float(v)
                if n is None:
                    continue
                s = _step(node.measure)
                values = tuple(x for x in (n - s, n, n + s) if x >= 0)
                expected = tuple(bool(OPS[node.op](x, n)) for x in values)
                key: tuple[str, str, float, str] = (owner, node.measure, n, str(node.op))
            elif isinstance(node, Between):
                lo, hi = (
                    params.get(b.param) if hasattr(b, "param") else float(b) for b in node.between
                )
                if lo is None or hi is None:
                    continue
                s = _step(node.measure)
                values = tuple(x for x in (lo - s, lo, lo + s, hi - s, hi, hi + s) if x >= 0)
                expected = tuple(lo <= x <= hi for x in values)
                key = (owner, node.measure, lo, f"between{hi}")
            else:
                continue
            if key in seen:
                continue
            seen.add(key)
            cases.append(Case(owner, node, node.measure, values, expected))
    return cases


CASES = _cases()


def test_catalogue_has_many_thresholds() -> None:
    assert len(CASES) >= 40
    assert {c.measure for c in CASES} >= {
        "employees",
        "persons_wor",
        "turnover_eur",
        "electricity_kwh_site",
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_threshold_boundary(case: Case) -> None:
    rows = []
    for value in case.values:
        row: dict[str, Any] = {"employees": 10}
        row.update(_fields_for(case.measure, value))
        rows.append(row)
    ev = ENGINE.evaluate(pd.DataFrame(rows), REFERENCE_DATE, None, trace=True)
    assert ev.context is not None
    np.testing.assert_allclose(ev.columns[case.measure], case.values, rtol=1e-9, atol=1e-9)
    got = ev.context.results.get(id(case.node))
    if got is None:  # node sits in a definition no valid rule uses today: evaluate it directly
        from checker.conditions import evaluate

        got = evaluate(case.node, ev.context)
    assert tuple(bool(x) for x in got) == case.expected


# ---------------------------------------------------------------------------------------------
# The legal wording of the main thresholds, rule by rule


def applies(
    engine: Engine, rule_id: str, profiles: list[dict[str, Any]], date: dt.date = REFERENCE_DATE
) -> list[bool]:
    ev = engine.evaluate(pd.DataFrame(profiles), date, None)
    r = ev.rule_ids.index(rule_id)
    return [bool(x) for x in ev.applies_now[:, r]]


def heads(ns: list[int], **extra: Any) -> list[dict[str, Any]]:
    return [{"employees": n, **extra} for n in ns]


BIG = {"legal_form": "bv", "sector_sbi": "2562", "uses_recognised_rie_tool": True}


@pytest.mark.parametrize(
    ("rule_id", "ns", "expected", "extra"),
    [
        ("arbo_rie_toetsing", [24, 25, 26], [False, False, True], BIG),  # 'ten hoogste 25' exempt
        ("arbo_preventiemedewerker_aanwijzing", [24, 25, 26], [False, False, True], BIG),
        (
            "wfw_aanpassing_arbeidsduur",
            [9, 10, 11],
            [False, True, True],
            BIG,
        ),  # 'minder dan 10' exempt
        ("wfw_eigen_regeling_klein", [9, 10, 11], [True, False, False], BIG),
        ("wor_ondernemingsraad", [49, 50, 51], [False, True, True], BIG),  # 'ten minste 50'
        (
            "wor_personeelsvergadering",
            [9, 10, 11, 49, 50],
            [False, True, True, True, False],
            {**BIG, "has_works_council": False},
        ),
        (
            "compensatie_tv_bedrijfsbeeindiging",
            [23, 24, 25],
            [True, True, False],
            BIG,
        ),  # 'niet meer dan 24'
        (
            "arbo_overleg_klein",
            [8, 9, 10],
            [True, True, False],
            {**BIG, "has_works_council": False},
        ),
    ],
)
def test_headcount_thresholds_follow_the_law(
    engine: Engine, rule_id: str, ns: list[int], expected: list[bool], extra: dict[str, Any]
) -> None:
    assert applies(engine, rule_id, heads(ns, **extra)) == expected


def test_quota_counts_paid_hours_not_heads(engine: Engine) -> None:
    # 25 × 1.623 = 40.575 paid hours; 20 full-timers at 38 h (1.976 h) already exceed it.
    rows = [{"employees": 30, "paid_hours_prev_year": h} for h in (40_574, 40_575, 40_576)]
    assert applies(engine, "quotum_banenafspraak", rows) == [False, True, True]
    assert applies(engine, "quotum_banenafspraak", [{"employees": 21, "fte": 21}]) == [True]


def test_rie_toetsing_needs_recognised_tool_for_the_exemption(engine: Engine) -> None:
    rows = heads([20, 20], legal_form="bv")
    rows[0]["uses_recognised_rie_tool"] = True
    rows[1]["uses_recognised_rie_tool"] = False
    assert applies(engine, "arbo_rie_toetsing", rows) == [False, True]


def test_rie_toetsing_exempt_at_40_hours_per_week(engine: Engine) -> None:
    rows = [
        {"employees": 30, "weekly_labour_hours": h, "uses_recognised_rie_tool": False}
        for h in (39, 40, 41)
    ]
    assert applies(engine, "arbo_rie_toetsing", rows) == [False, False, True]


def test_whistleblower_procedure_from_50_persons(engine: Engine) -> None:
    rows = [{"employees": n, "temp_workers": 0, "interns_volunteers_paid": 0} for n in (49, 50, 51)]
    assert applies(engine, "klokkenluiders_meldprocedure", rows) == [False, True, True]
    # Agency workers count for the Wbk (werkzame personen), not for the Arbowet headcount.
    assert applies(
        engine, "klokkenluiders_meldprocedure", [{"employees": 45, "temp_workers": 5}]
    ) == [True]


def test_works_council_counts_long_term_agency_workers(engine: Engine) -> None:
    rows = [{"employees": 48, "temp_workers": 2, "temp_workers_24m": k} for k in (1, 2)]
    assert applies(engine, "wor_ondernemingsraad", rows) == [False, True]


def test_wpm_from_100_employees_on_1_january(engine: Engine) -> None:
    rows = [
        {"employees": 120, "employees_20h_jan1": n, "travel_allowance": True}
        for n in (99, 100, 101)
    ]
    assert applies(engine, "wpm_rapportage", rows) == [False, True, True]


def test_collective_redundancy_from_20_dismissals(engine: Engine) -> None:
    rows = [{"employees": 200, "planned_dismissals_3m": n} for n in (19, 20, 21)]
    assert applies(engine, "collectief_ontslag_melding", rows) == [False, True, True]


def test_energy_saving_duty_from_50000_kwh_or_25000_m3(engine: Engine) -> None:
    rows = [{"employees": 5, "electricity_kwh": k, "gas_m3": 0} for k in (49_999, 50_000, 50_001)]
    assert applies(engine, "energiebesparingsplicht", rows) == [False, True, True]
    rows = [{"employees": 5, "electricity_kwh": 0, "gas_m3": g} for g in (24_999, 25_000, 25_001)]
    assert applies(engine, "energiebesparingsplicht", rows) == [False, True, True]


def test_audit_needs_two_of_three_criteria_on_two_balance_dates(engine: Engine) -> None:
    base = {"legal_form": "bv", "employees": 60, "balance_total_eur": 8e6, "turnover_eur": 1e6}
    this_year_only = {
        **base,
        "employees_avg_prev_fy": 40,
        "balance_total_prev_eur": 5e6,
        "turnover_prev_eur": 1e6,
    }
    both_years = {
        **base,
        "employees_avg_prev_fy": 60,
        "balance_total_prev_eur": 8e6,
        "turnover_prev_eur": 1e6,
    }
    one_criterion = {
        **base,
        "balance_total_eur": 5e6,
        "balance_total_prev_eur": 5e6,
        "turnover_prev_eur": 1e6,
    }
    eenmanszaak = {**both_years, "legal_form": "eenmanszaak"}
    assert applies(
        engine, "accountantscontrole", [this_year_only, both_years, one_criterion, eenmanszaak]
    ) == [
        False,
        True,
        False,
        False,
    ]


def test_whk_small_employer_limit_follows_the_year(engine: Engine) -> None:
    # € 1.000.000 loonsom: above the 2025 limit (€ 990.000), within the 2026 limit (€ 1.082.500).
    row = [{"employees": 20, "wage_bill_t2_eur": 1_000_000}]
    assert applies(engine, "whk_premiedifferentiatie", row, dt.date(2025, 6, 1)) == [True]
    assert applies(engine, "whk_premiedifferentiatie", row, dt.date(2026, 6, 1)) == [False]
    limit = 1_082_500
    rows = [{"employees": 20, "wage_bill_t2_eur": x} for x in (limit - 1, limit, limit + 1)]
    assert applies(engine, "aof_premie_klein", rows, dt.date(2026, 6, 1)) == [True, True, False]


def test_rules_are_only_counted_on_dates_they_are_valid(engine: Engine) -> None:
    old = engine.evaluate(pd.DataFrame([{"employees": 10}]), dt.date(2020, 6, 1), None)
    new = engine.evaluate(pd.DataFrame([{"employees": 10}]), dt.date(2026, 6, 1), None)
    assert (
        "betaaltermijn_groot_mkb_60" in old.rule_ids
        and "betaaltermijn_groot_mkb_60" not in new.rule_ids
    )
    assert "ubo_registratie" not in old.rule_ids and "ubo_registratie" in new.rule_ids


def test_pure_threshold_scenario_at_n_minus_1_n_n_plus_1(engine: Engine) -> None:
    """Up to and including the threshold saves; one employee more saves nothing (no phase-in)."""
    scenario = engine.catalogue.scenario("metaalunie-25")
    last = scenario.threshold.last_inside()
    ev = engine.evaluate(
        pd.DataFrame(heads([last - 1, last, last + 1], legal_form="bv")), REFERENCE_DATE, scenario
    )
    saved = ev.firm_totals()["saved_eur"].tolist()
    assert saved[0] > 0 and saved[1] > 0 and saved[2] == 0
    assert list(ev.qualifies) == [True, True, False]


@pytest.mark.parametrize("threshold", [10, 15, 20, 50])
def test_same_overlay_at_other_thresholds(engine: Engine, threshold: int) -> None:
    scenario = engine.catalogue.scenario(f"metaalunie-25@{threshold}")
    assert scenario.threshold.value == threshold and scenario.id == f"metaalunie-25@{threshold}"
    ev = engine.evaluate(pd.DataFrame(heads([threshold, threshold + 1])), REFERENCE_DATE, scenario)
    saved = ev.firm_totals()["saved_eur"].tolist()
    assert saved[0] > 0 and saved[1] == 0


def test_fte_variant_extends_the_headcount_overlay(engine: Engine) -> None:
    fte = engine.catalogue.scenario("metaalunie-25-fte")
    base = engine.catalogue.scenario("metaalunie-25")
    assert fte.threshold.measure == "fte" and fte.threshold.value == base.threshold.value
    assert fte.treatments == base.treatments
    value = fte.threshold.value
    rows = [{"employees": value + 3, "fte": value - 1}, {"employees": value + 3, "fte": value + 1}]
    ev = engine.evaluate(pd.DataFrame(rows), REFERENCE_DATE, fte)
    saved = ev.firm_totals()["saved_eur"].tolist()
    assert saved[0] > 0 and saved[1] == 0
