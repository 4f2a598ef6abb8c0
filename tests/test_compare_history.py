"""Proposals side by side, then-and-now, and the growth view's 'comes back' list."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.compare import MAX_PROPOSALS, compare_firm, compare_population
from checker.engine import Engine
from checker.growth import growth_plan, headcount_sweep, marginal_burden
from checker.history import then_and_now
from checker.profile import parse_profile
from checker.scenario_model import DEFAULT_SCENARIO, PhaseIn
from tests.conftest import REFERENCE_DATE

FIRM = parse_profile({"employees": 18, "legal_form": "bv", "sector_sbi": "25.62"})


def test_comparing_a_proposal_with_itself_gives_equal_rows(engine: Engine) -> None:
    p = engine.catalogue.scenario(DEFAULT_SCENARIO)
    table = compare_firm(engine, FIRM, [p, p], REFERENCE_DATE, n_draws=0).table
    assert table.iloc[0]["cost_saved"] == table.iloc[1]["cost_saved"] > 0


def test_a_firm_comparison_matches_the_firm_check(engine: Engine) -> None:
    from checker.api import check

    p = engine.catalogue.scenario(DEFAULT_SCENARIO)
    row = compare_firm(engine, FIRM, [p], REFERENCE_DATE, n_draws=0).table.iloc[0]
    result = check(FIRM, p, REFERENCE_DATE, engine=engine, draws=0)
    assert row["regulatory_saved"] == pytest.approx(result.totals["regulatory_saved_eur"])
    assert row["financial_saved"] == pytest.approx(result.totals["financial_saved_eur"])


def test_a_phase_in_has_a_smaller_cliff_than_the_pure_threshold(engine: Engine) -> None:
    pure = engine.catalogue.scenario(DEFAULT_SCENARIO)
    phased = pure.model_copy(
        update={"id": "phased", "phase_in": PhaseIn(kind="linear", until=pure.threshold.value + 10)}
    )
    table = compare_firm(engine, FIRM, [pure, phased], REFERENCE_DATE, n_draws=0).table
    assert 0 < table.iloc[1]["cliff_eur"] < table.iloc[0]["cliff_eur"]


def test_at_most_four_proposals(engine: Engine) -> None:
    p = engine.catalogue.scenario(DEFAULT_SCENARIO)
    with pytest.raises(ValueError):
        compare_firm(engine, FIRM, [p] * (MAX_PROPOSALS + 1), REFERENCE_DATE)


def test_population_comparison_counts_firms_just_above_the_threshold(engine: Engine) -> None:
    import pandas as pd

    p = engine.catalogue.scenario(DEFAULT_SCENARIO)
    first = p.threshold.first_outside()
    frame = pd.DataFrame(
        {"employees": [first - 1, first, first + 4, first + 5], "weight": [10.0, 3, 2, 7]}
    )
    row = compare_population(engine, frame, [p], REFERENCE_DATE, n_draws=10).table.iloc[0]
    assert row["firms_just_above"] == 5  # the first five sizes outside
    assert row["firms_reached"] == 10


def test_then_and_now_matches_each_date(engine: Engine) -> None:
    from checker.api import check

    then, now = dt.date(2020, 1, 1), REFERENCE_DATE
    result = then_and_now(engine, FIRM, then, now)
    for when, date in (("then", then), ("now", now)):
        single = check(FIRM, None, date, engine=engine, draws=0)
        assert result.totals.loc["obligations", when] == single.totals["obligations_now"]
        assert result.totals.loc["cost_eur", when] == pytest.approx(single.totals["cost_now_eur"])
    assert set(result.rules["change"]) <= {"new", "ended", "continued"}


def test_growing_across_the_threshold_lists_the_obligations_that_come_back(engine: Engine) -> None:
    p = engine.catalogue.scenario(DEFAULT_SCENARIO)
    last = p.threshold.last_inside()
    ev = headcount_sweep(engine, FIRM.model_dump(), p, REFERENCE_DATE, last + 5)
    plan = growth_plan(ev, last - 1, 2)
    returning = plan[plan["change"] == "returns"]
    assert len(returning) > 0
    assert set(returning["at"]) == {last + 1}
    steps = marginal_burden(ev)
    step = steps[steps["employees"] == last].iloc[0]
    assert step["marginal_cost_scen"] > step["marginal_cost_now"]


def test_an_obligation_lifted_by_a_moved_law_threshold_comes_back_when_the_firm_grows(
    engine: Engine,
) -> None:
    from checker.scenario_model import Scenario

    text = {"nl": "test", "en": "test"}
    moved = Scenario.model_validate(
        {
            "id": "or-75",
            "title": text,
            "description": text,
            "threshold": {"value": 25},
            "default_treatment": "unchanged",
            "default_rationale": text,
            "law_changes": [
                {
                    "rule": "wor_ondernemingsraad",
                    "measure": "persons_wor",
                    "from": 50,
                    "to": 75,
                    "rationale": text,
                }
            ],
        }
    )
    ev = headcount_sweep(engine, {"employees": 60}, moved, REFERENCE_DATE, 80)
    plan = growth_plan(ev, 60, 20)
    back = plan[(plan["rule_id"] == "wor_ondernemingsraad") & (plan["change"] == "returns")]
    assert list(back["at"]) == [75]


def test_the_sweep_cliff_is_known_for_a_fewer_than_threshold(engine: Engine) -> None:
    import pandas as pd

    from checker.population.sweep import sweep
    from checker.population.synthetic import Population

    base = engine.catalogue.scenario(DEFAULT_SCENARIO)
    fewer = base.model_copy(
        update={"threshold": base.threshold.model_copy(update={"inclusive": False})}
    )
    frame = pd.DataFrame({"employees": [3, 30], "weight": [10.0, 2.0]})
    pop = Population(frame, pd.DataFrame(), {}, "test", 0, {})
    table = sweep(pop, engine, fewer, [25, 25.5], REFERENCE_DATE).table
    assert table["cliff_eur"].notna().all()
