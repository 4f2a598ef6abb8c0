"""Invariants checked on random firms (hypothesis).

- No scenario ever raises a firm's burden, for any rule, at any threshold.
- A pure-threshold scenario leaves firms above the threshold exactly as they are.
- A single-firm check equals the matching row of a population run.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.api import check, load
from checker.profile import LegalForm, profiles_to_frame
from checker.scenario_model import PhaseIn

ENGINE = load()
CAT = ENGINE.catalogue
SCENARIOS = sorted(CAT.scenarios)
DATES = st.sampled_from(
    [dt.date(2020, 6, 1), dt.date(2024, 3, 1), dt.date(2026, 11, 27), dt.date(2028, 1, 1)]
)


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    employees = draw(st.integers(0, 400))
    p: dict[str, Any] = {
        "employees": employees,
        "legal_form": draw(st.sampled_from([f.value for f in LegalForm])),
        "sector_sbi": draw(st.sampled_from(["25", "2562", "28", "2841", "33", "47", "6201"])),
    }
    if draw(st.booleans()):
        p["fte"] = round(draw(st.floats(0, 1)) * employees, 1)
    if draw(st.booleans()):
        p["turnover_eur"] = draw(st.floats(0, 1e9))
        p["balance_total_eur"] = draw(st.floats(0, 1e9))
    if draw(st.booleans()):
        p["temp_workers"] = draw(st.integers(0, 50))
        p["temp_workers_24m"] = draw(st.integers(0, p["temp_workers"]))
    if draw(st.booleans()):
        p["electricity_kwh"] = draw(st.floats(0, 2e7))
        p["gas_m3"] = draw(st.floats(0, 5e5))
    if draw(st.booleans()):
        p["has_works_council"] = draw(st.booleans())
        p["uses_recognised_rie_tool"] = draw(st.booleans())
    if draw(st.booleans()):
        p["wage_bill_t2_eur"] = draw(st.floats(0, 2e7))
    return p


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(
    st.lists(profiles(), min_size=1, max_size=8),
    st.sampled_from(SCENARIOS),
    st.integers(0, 300),
    DATES,
)
def test_no_scenario_ever_adds_burden(
    rows: list[dict[str, Any]], sid: str, threshold: int, date: dt.date
) -> None:
    scenario = CAT.scenario(sid).at_threshold(threshold)
    ev = ENGINE.evaluate(pd.DataFrame(rows), date, scenario)
    values = ev.rule_values()
    assert np.all(values["cost_scen"] <= values["cost_now"] + 1e-9)
    assert np.all(values["hours_scen"] <= values["hours_now"] + 1e-9)
    assert np.all(values["one_off_scen"] <= values["one_off_now"] + 1e-9)
    assert not np.any(ev.applies_scen & ~ev.applies_now)
    totals = ev.firm_totals()
    assert np.all(totals["saved_eur"] >= -1e-9)


@SETTINGS
@given(
    st.lists(profiles(), min_size=1, max_size=8),
    st.sampled_from(SCENARIOS),
    st.integers(0, 300),
    DATES,
)
def test_firms_above_a_pure_threshold_are_unaffected(
    rows: list[dict[str, Any]], sid: str, threshold: int, date: dt.date
) -> None:
    scenario = CAT.scenario(sid).at_threshold(threshold)
    ev = ENGINE.evaluate(pd.DataFrame(rows), date, scenario)
    above = ev.columns[scenario.threshold.measure] > threshold
    values = ev.rule_values()
    assert np.array_equal(ev.applies_scen[above], ev.applies_now[above])
    np.testing.assert_allclose(values["cost_scen"][above], values["cost_now"][above])
    assert np.all(ev.firm_totals()["saved_eur"][above] == 0)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(profiles(), min_size=1, max_size=6), st.sampled_from(SCENARIOS), DATES)
def test_single_firm_equals_its_row_in_a_population(
    rows: list[dict[str, Any]], sid: str, date: dt.date
) -> None:
    from checker.profile import parse_profile

    parsed = [parse_profile(r) for r in rows]
    ev = ENGINE.evaluate(profiles_to_frame(parsed), date, CAT.scenario(sid))
    totals = ev.firm_totals()
    for i, profile in enumerate(parsed):
        single = check(profile, sid, date, engine=ENGINE)
        assert single.totals["cost_now_eur"] == pytest.approx(totals["cost_now"].iloc[i], rel=1e-12)
        assert single.totals["cost_scenario_eur"] == pytest.approx(
            totals["cost_scen"].iloc[i], rel=1e-12
        )
        assert single.totals["hours_now"] == pytest.approx(totals["hours_now"].iloc[i], rel=1e-12)
        assert [r.applies_now for r in single.rules] == list(ev.applies_now[i])
        assert [r.applies_scenario for r in single.rules] == list(ev.applies_scen[i])


@SETTINGS
@given(profiles(), st.sampled_from(SCENARIOS), DATES)
def test_activity_breakdown_adds_up_to_rule_cost(
    row: dict[str, Any], sid: str, date: dt.date
) -> None:
    result = check(row, sid, date, engine=ENGINE)
    for r in result.rules:
        yearly_now = sum(a.cost_total for a in r.activities_now if not a.one_off)
        yearly_scen = sum(a.cost_total for a in r.activities_scenario if not a.one_off)
        assert abs(yearly_now - r.cost_now_eur) < 1e-6 * max(1.0, r.cost_now_eur)
        assert abs(yearly_scen - r.cost_scenario_eur) < 1e-6 * max(1.0, r.cost_scenario_eur)
    assert abs(
        sum(r.cost_now_eur for r in result.rules) - result.totals["cost_now_eur"]
    ) < 1e-6 * max(1.0, result.totals["cost_now_eur"])


@SETTINGS
@given(profiles(), st.sampled_from(SCENARIOS), DATES)
def test_cost_types_add_up_to_the_totals(row: dict[str, Any], sid: str, date: dt.date) -> None:
    """Regulatory burden (administrative + substantive) and financial costs split the total."""
    t = check(row, sid, date, engine=ENGINE).totals
    for when in ("now", "scenario"):
        parts = sum(t[f"{c}_{when}_eur"] for c in ("administrative", "substantive", "financial"))
        total = t["cost_now_eur"] if when == "now" else t["cost_scenario_eur"]
        assert parts == pytest.approx(total, rel=1e-9, abs=1e-6)


# -- random proposals --------------------------------------------------------------------------

DOMAINS = sorted({r.domain for r in CAT.rules})
TREATMENT = st.sampled_from(["exempt", "lighter", "unchanged"])
TEXT = {"nl": "eigenschapstest", "en": "property test"}


@st.composite
def proposals(draw: st.DrawFn) -> Any:
    """Any proposal the schema accepts: thresholds, phase-in, domains, law changes, steps."""
    from checker.scenario_model import Scenario

    value = draw(st.integers(0, 120))
    default = draw(TREATMENT)
    data: dict[str, Any] = {
        "id": "random",
        "title": TEXT,
        "description": TEXT,
        "threshold": {
            "measure": draw(st.sampled_from(["employees", "fte", "persons_wor"])),
            "value": value,
            "inclusive": draw(st.booleans()),
        },
        "default_treatment": default,
        "default_rationale": TEXT,
        "scope": {"include_eu_derived": draw(st.booleans()), "eu_room": TEXT},
    }
    if default == "lighter":
        data["default_factor"] = draw(st.floats(0, 1))
    kind = draw(st.sampled_from([None, "linear", "grace"]))
    if kind == "linear":
        data["phase_in"] = {"kind": "linear", "until": value + draw(st.integers(1, 30))}
    elif kind == "grace":
        data["phase_in"] = {"kind": "grace", "years": draw(st.integers(1, 3))}
    for domain in draw(st.lists(st.sampled_from(DOMAINS), max_size=3, unique=True)):
        treatment = draw(TREATMENT)
        entry: dict[str, Any] = {"treatment": treatment, "rationale": TEXT, "eu_room": TEXT}
        if treatment == "lighter":
            entry["factor"] = draw(st.floats(0, 1))
        if draw(st.booleans()):
            entry["threshold"] = {"value": draw(st.integers(0, 120))}
        data.setdefault("domains", {})[domain] = entry
    if draw(st.booleans()):
        data["law_changes"] = [
            {
                "rule": "wor_ondernemingsraad",
                "measure": "persons_wor",
                "from": 50,
                "to": draw(st.integers(0, 200)),
                "rationale": TEXT,
            }
        ]
    if draw(st.booleans()):
        start = draw(
            st.sampled_from([dt.date(2021, 1, 1), dt.date(2025, 7, 1), dt.date(2027, 1, 1)])
        )
        data["steps"] = [{"from": start.isoformat(), "value": value}]
        if draw(st.booleans()):
            later = dt.date(start.year + 2, 1, 1).isoformat()
            data["steps"].append({"from": later, "value": value + draw(st.integers(1, 30))})
        if kind == "linear":
            top = max(step["value"] for step in data["steps"])
            data["phase_in"] = {"kind": "linear", "until": top + draw(st.integers(1, 30))}
    return Scenario.model_validate(data)


@SETTINGS
@given(st.lists(profiles(), min_size=1, max_size=8), proposals(), DATES)
def test_no_proposal_ever_adds_burden(
    rows: list[dict[str, Any]], proposal: Any, date: dt.date
) -> None:
    for row in rows:
        for past in ("employees_1y_ago", "employees_2y_ago"):
            row[past] = max(0, row["employees"] - 3)
    ev = ENGINE.evaluate(pd.DataFrame(rows), date, proposal)
    values = ev.rule_values()
    for key in ("cost", "hours", "one_off", "administrative", "substantive", "financial"):
        assert np.all(values[f"{key}_scen"] <= values[f"{key}_now"] + 1e-6)
    assert not np.any(ev.applies_scen & ~ev.applies_now)
    assert np.all(ev.firm_totals()["saved_eur"] >= -1e-6)
    assert np.all((ev.relief >= 0) & (ev.relief <= 1))


@SETTINGS
@given(profiles(), st.integers(1, 80), st.integers(1, 40), DATES)
def test_a_phase_in_never_makes_a_larger_cliff_than_the_pure_threshold(
    row: dict[str, Any], threshold: int, width: int, date: dt.date
) -> None:
    """The step from the last size inside to the first outside is never larger with a
    linear phase-in than with the pure threshold, for every proposal variant shipped."""
    from checker.growth import sweep_frame

    frame = sweep_frame(row, threshold + width + 2)
    for sid in SCENARIOS:
        base = CAT.scenario(sid).at_threshold(threshold, "employees")
        phased = base.model_copy(
            update={"phase_in": PhaseIn(kind="linear", until=threshold + width)}
        )
        pure_cost = ENGINE.evaluate(frame, date, base).firm_totals()["cost_scen"].to_numpy()
        phased_cost = ENGINE.evaluate(frame, date, phased).firm_totals()["cost_scen"].to_numpy()
        i = threshold - 1  # row i has i + 1 employees
        assert phased_cost[i + 1] - phased_cost[i] <= pure_cost[i + 1] - pure_cost[i] + 1e-6
        assert np.all(phased_cost <= pure_cost + 1e-6)


@SETTINGS
@given(st.lists(profiles(), min_size=1, max_size=6), proposals(), DATES)
def test_a_proposal_changes_nothing_before_it_starts(
    rows: list[dict[str, Any]], proposal: Any, date: dt.date
) -> None:
    start = proposal.effective_from()
    if start is None or date >= start:
        return
    ev = ENGINE.evaluate(pd.DataFrame(rows), date, proposal)
    assert np.all(ev.firm_totals()["saved_eur"] == 0)
    assert np.array_equal(ev.applies_scen, ev.applies_now)
