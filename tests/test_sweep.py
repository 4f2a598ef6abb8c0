"""Threshold sweep: the decomposed fast path equals re-running the engine per threshold."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from checker.api import check, load
from checker.population import build_population, evaluate_population, sweep

DATE = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def engine():
    return load()


@pytest.fixture(scope="module")
def pop(engine):
    return build_population("section:C", engine)


def test_decomposed_equals_direct(engine, pop):
    ts = [5, 20, 25, 26, 40]
    fast = sweep(pop, engine, "metaalunie-25", ts, DATE).table
    slow = sweep(pop, engine, "metaalunie-25", ts, DATE, method="direct").table
    for col in ("firms_reached", "saved_eur", "saved_hours", "cliff_eur"):
        assert np.allclose(fast[col], slow[col], rtol=1e-9), col


def test_current_threshold_equals_population_result(engine, pop):
    table = sweep(pop, engine, "metaalunie-25", date=DATE).table
    assert list(table["threshold"]) == list(range(5, 51))
    res = evaluate_population(pop, engine, "metaalunie-25", DATE)
    current = engine.catalogue.scenario("metaalunie-25").threshold.value
    row = table[table["threshold"] == current].iloc[0]
    assert row["saved_eur"] == pytest.approx(res.totals["saved_eur"], rel=1e-9)
    assert row["firms_reached"] == pytest.approx(res.totals["firms_reached"])
    assert (np.diff(table["firms_reached"]) >= 0).all()
    assert row["saved_per_firm_eur"] == pytest.approx(row["saved_eur"] / row["firms_reached"])


def test_cliff_matches_single_firm_checks(engine, pop):
    threshold = engine.catalogue.scenario("metaalunie-25").threshold
    table = sweep(pop, engine, "metaalunie-25", [threshold.value], DATE).table
    at = check(
        {"employees": threshold.last_inside(), "legal_form": "bv", "sector_sbi": "25"},
        "metaalunie-25",
        DATE,
        engine=engine,
    )
    above = check(
        {"employees": threshold.first_outside(), "legal_form": "bv", "sector_sbi": "25"},
        "metaalunie-25",
        DATE,
        engine=engine,
    )
    expected = above.totals["cost_now_eur"] - at.totals["cost_scenario_eur"]
    assert table["cliff_eur"].iloc[0] == pytest.approx(expected)
    assert expected > 0


def test_bunching_is_a_separate_what_if(engine, pop):
    base = sweep(pop, engine, "metaalunie-25", [25], DATE).table.iloc[0]
    half = sweep(pop, engine, "metaalunie-25", [25], DATE, bunching_share=0.5).table.iloc[0]
    full = sweep(pop, engine, "metaalunie-25", [25], DATE, bunching_share=1.0).table.iloc[0]
    assert base["bunching_extra_firms"] == 0 and base["bunching_extra_saved_eur"] == 0
    assert half["saved_eur"] == base["saved_eur"]  # main figures unchanged
    assert half["bunching_extra_firms"] == pytest.approx(full["bunching_extra_firms"] / 2)
    assert full["bunching_extra_saved_eur"] > 0
    with pytest.raises(ValueError, match="bunching_share"):
        sweep(pop, engine, "metaalunie-25", [25], DATE, bunching_share=1.5)


def test_progress_is_reported(engine, pop):
    seen = []
    sweep(
        pop, engine, "metaalunie-25", [10, 20, 30], DATE, progress=lambda i, n: seen.append((i, n))
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]
