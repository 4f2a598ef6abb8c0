"""Intervals: seeded Monte Carlo over the figures' ranges, consistent for a firm and a population."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pandas as pd
import pytest

from checker.api import check
from checker.catalogue import Catalogue
from checker.engine import Engine
from checker.reference_data import Spread
from checker.rule_model import ActivityRange
from checker.scenario_model import DEFAULT_SCENARIO
from checker.uncertainty import aggregate_draws, draw, firm_draws
from tests.conftest import REFERENCE_DATE

PROFILE = {"employees": 18, "legal_form": "bv", "sector_sbi": "25.62"}


def widened(catalogue: Catalogue) -> Engine:
    """The catalogue with every activity figure given a range of −50 % … +100 %."""

    def spread(value: float) -> Spread | None:
        return Spread(low=value * 0.5, high=value * 2) if value > 0 else None

    rules = []
    for rule in catalogue.rules:
        acts = [
            a.model_copy(
                update={
                    "range": ActivityRange(
                        hours=spread(a.hours),
                        external_eur=spread(a.external_eur),
                        frequency=spread(a.frequency),
                    )
                }
            )
            for a in rule.activities
        ]
        rules.append(rule.model_copy(update={"activities": acts}))
    return Engine(dataclasses.replace(catalogue, rules=rules))


def test_the_same_seed_gives_the_same_interval(catalogue: Catalogue) -> None:
    engine = widened(catalogue)
    a = check(PROFILE, DEFAULT_SCENARIO, REFERENCE_DATE, engine=engine, seed=7).totals
    b = check(PROFILE, DEFAULT_SCENARIO, REFERENCE_DATE, engine=engine, seed=7).totals
    assert a["saved_eur_low"] == b["saved_eur_low"]
    assert a["saved_eur_high"] == b["saved_eur_high"]


def test_every_money_total_lies_inside_its_interval(catalogue: Catalogue) -> None:
    totals = check(PROFILE, DEFAULT_SCENARIO, REFERENCE_DATE, engine=widened(catalogue)).totals
    for key in ("cost_now_eur", "saved_eur", "regulatory_saved_eur", "financial_now_eur"):
        assert totals[f"{key}_low"] <= totals[key] <= totals[f"{key}_high"], key
    assert totals["cost_now_eur_low"] < totals["cost_now_eur_high"]


def test_figures_without_a_range_give_no_spread(engine: Engine, catalogue: Catalogue) -> None:
    """Tariffs and rates may still vary; with all of them exact the interval is a point."""
    exact_rates = {
        rid: rate.model_copy(update={"low": None, "high": None})
        for rid, rate in catalogue.rates.items()
    }
    exact_tariffs = {
        tid: t.model_copy(update={"low": None, "high": None})
        for tid, t in catalogue.tariffs.items()
    }
    rules = [
        r.model_copy(
            update={"activities": [a.model_copy(update={"range": None}) for a in r.activities]}
        )
        for r in catalogue.rules
    ]
    exact = Engine(
        dataclasses.replace(catalogue, rules=rules, rates=exact_rates, tariffs=exact_tariffs)
    )
    totals = check(PROFILE, DEFAULT_SCENARIO, REFERENCE_DATE, engine=exact).totals
    assert totals["saved_eur_low"] == pytest.approx(totals["saved_eur"])
    assert totals["saved_eur_high"] == pytest.approx(totals["saved_eur"])


def test_draws_zero_reports_no_interval(engine: Engine) -> None:
    totals = check(PROFILE, DEFAULT_SCENARIO, REFERENCE_DATE, engine=engine, draws=0).totals
    assert "saved_eur_low" not in totals


def test_population_draws_are_the_weighted_sum_of_firm_draws(catalogue: Catalogue) -> None:
    engine = widened(catalogue)
    frame = pd.DataFrame(
        {
            "employees": [3, 12, 25, 26, 60],
            "weight": [100.0, 40.0, 5.0, 4.0, 2.0],
            "sector_sbi": ["25", "28", "25", "33", "24"],
        }
    )
    ev = engine.evaluate(frame, REFERENCE_DATE, catalogue.scenario(DEFAULT_SCENARIO))
    d = draw(ev, 50, seed=3)
    per_firm: dict[str, Any] = firm_draws(ev, d)
    total = aggregate_draws(ev, d)
    for key in ("cost_now", "cost_saved", "regulatory_scen", "financial_saved"):
        np.testing.assert_allclose(ev.weights @ per_firm[key], total[key], rtol=1e-9)


def test_population_intervals_contain_the_population_totals(catalogue: Catalogue) -> None:
    from checker.uncertainty import population_intervals

    engine = widened(catalogue)
    frame = pd.DataFrame({"employees": [2, 8, 20, 30], "weight": [1000.0, 300.0, 50.0, 20.0]})
    ev = engine.evaluate(frame, REFERENCE_DATE, catalogue.scenario(DEFAULT_SCENARIO))
    table = population_intervals(ev, n_draws=200)
    saved = float(ev.weights @ ev.firm_totals()["saved_eur"].to_numpy())
    central, low, high = table["cost_saved"]
    assert central == pytest.approx(saved)
    assert low <= central <= high and low < high


def test_line_by_line_and_per_pattern_draws_agree(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app's fast path for a few firms and the member-list path give the same draws."""
    import checker.uncertainty as uncertainty

    engine = widened(catalogue)
    frame = pd.DataFrame(
        {"employees": [3, 12, 25, 26, 60], "sector_sbi": ["25", "28", "25", "33", "24"]}
    )
    ev = engine.evaluate(frame, REFERENCE_DATE, catalogue.scenario(DEFAULT_SCENARIO))
    d = draw(ev, 100, seed=5)
    direct = firm_draws(ev, d)
    monkeypatch.setattr(uncertainty, "DIRECT_FIRMS", 0)
    by_pattern = firm_draws(ev, d)
    for key, value in direct.items():
        np.testing.assert_allclose(value, by_pattern[key], rtol=1e-9, atol=1e-6)


def test_showing_announced_rules_does_not_move_the_laws_own_interval(engine: Engine) -> None:
    """Each figure draws from its own named stream: adding bills to the run changes nothing
    in the law's interval."""
    big = {"employees": 160, "legal_form": "bv"}
    law = check(big, DEFAULT_SCENARIO, REFERENCE_DATE, engine=engine).totals
    both = check(big, DEFAULT_SCENARIO, REFERENCE_DATE, engine=engine, include_pending=True).totals
    for key in ("cost_now_eur", "regulatory_saved_eur"):
        assert law[f"{key}_low"] == pytest.approx(both[f"{key}_low"], rel=1e-12)
        assert law[f"{key}_high"] == pytest.approx(both[f"{key}_high"], rel=1e-12)


def test_an_assumed_sick_wage_carries_the_wage_uncertainty_too(engine: Engine) -> None:
    """Sick pay assumed as wage bill × absence rate varies with both where both are assumed; a
    firm that gave its wage bill leaves only the absence rate uncertain."""
    from checker.rule_model import DRIVERS

    scenario = engine.catalogue.scenario(DEFAULT_SCENARIO)
    sick, wage = DRIVERS.index("sick_wage_eur"), DRIVERS.index("wage_bill_eur")
    neither = engine.evaluate(pd.DataFrame({"employees": [12]}), REFERENCE_DATE, scenario)
    gave_wage = engine.evaluate(
        pd.DataFrame({"employees": [12], "wage_bill_eur": [540_000.0]}), REFERENCE_DATE, scenario
    )
    both, rate_only = draw(neither, 400, seed=9), draw(gave_wage, 400, seed=9)
    absence = rate_only.driver_factor[:, sick]
    assert np.ptp(absence) > 0, "precondition: the absence rate has a range"
    np.testing.assert_allclose(
        both.driver_factor[:, sick], absence * both.driver_factor[:, wage], rtol=1e-12
    )
    assert np.std(both.driver_factor[:, sick]) > np.std(absence)


def test_a_firm_that_gives_its_wage_bill_gets_a_narrower_sick_pay_margin(engine: Engine) -> None:
    """The same firm, once with the wage bill the program would assume and once with that
    amount typed in: the central figure is the same, but only the first is uncertain about the
    wage as well as the absence rate, so its financial margin is wider."""
    from checker.api import check

    guessed = check({"employees": 12}, DEFAULT_SCENARIO, REFERENCE_DATE, engine=engine, draws=400)
    wage_bill = next(a.value for a in guessed.assumptions if a.field == "wage_bill_eur")
    given = check(
        {"employees": 12, "wage_bill_eur": wage_bill},
        DEFAULT_SCENARIO,
        REFERENCE_DATE,
        engine=engine,
        draws=400,
    )

    def width(totals: dict[str, float]) -> float:
        return totals["financial_now_eur_high"] - totals["financial_now_eur_low"]

    assert given.totals["financial_now_eur"] == pytest.approx(guessed.totals["financial_now_eur"])
    assert width(guessed.totals) > 1.1 * width(given.totals)
