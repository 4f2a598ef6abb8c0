"""Shared fixtures: the shipped catalogue and engine, loaded once per test session."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from checker.api import load
from checker.catalogue import Catalogue
from checker.engine import Engine
from checker.scenario_model import Scenario

REFERENCE_DATE = dt.date(2026, 11, 27)


@pytest.fixture(scope="session")
def engine() -> Engine:
    return load()


@pytest.fixture(scope="session")
def catalogue(engine: Engine) -> Catalogue:
    return engine.catalogue


def lighter_scenario() -> Scenario:
    """metaalunie-25 with a lighter regime: factor 0.5 by default, and one rule whose last
    activity is dropped while the others get fewer hours and a quarter of the external cost
    (so every lighter column of the Berekening sheet matters)."""
    cat = load().catalogue
    base = cat.scenario("metaalunie-25")
    target = next(
        r
        for r in cat.rules
        if r.kind == "obligation"
        and not r.eu_derived
        and len(r.activities) >= 2
        and any(a.external_eur > 0 for a in r.activities[:-1])
    )
    changes: dict[str, Any] = {
        a.id: {"hours": a.hours / 2, "external_eur": a.external_eur / 4}
        for a in target.activities[:-1]
    }
    changes[target.activities[-1].id] = {"drop": True}
    data = base.model_dump()
    data.update(
        id="test-lichter",
        default_treatment="lighter",
        default_factor=0.5,
        treatments={
            target.id: {
                "treatment": "lighter",
                "activities": changes,
                "rationale": {"nl": "testscenario lichter", "en": "test scenario lighter"},
            }
        },
    )
    return Scenario.model_validate(data)
