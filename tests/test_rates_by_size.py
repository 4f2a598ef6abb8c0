"""Rates by size class and sector: the lookup contract of data/rates.yaml.

The expectations are written out by hand from the contract in ``checker.defaults.RateLookup``
(size profile × sector level / all-sector value; a division wins over its section), not
computed with the code under test.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from checker.defaults import RateLookup, complete_columns, rate_for
from checker.engine import Engine
from checker.reference_data import Basis, Rate

ABSENCE = Rate.model_validate(
    {
        "id": "absence_rate",
        "label": {"nl": "verzuim", "en": "absence"},
        "value": 0.05,
        "unit": "deel",
        "year": 2023,
        "by_size": [
            {"min_employees": 0, "value": 0.03},
            {"min_employees": 10, "value": 0.045},
            {"min_employees": 100, "value": 0.06},
        ],
        "by_section": {"C": 0.06, "25": 0.045},
        "basis": Basis(source="cbs_80072ned"),
    }
)
WAGE = Rate.model_validate(
    {
        "id": "wage",
        "label": {"nl": "loon", "en": "wage"},
        "value": 40000,
        "unit": "eur",
        "year": 2023,
        "by_section": {"C": 50000},
        "basis": Basis(source="cbs_81431ned"),
    }
)


def lookup(sbi: list[str | None], employees: list[float]) -> RateLookup:
    return RateLookup(
        {"absence_rate": ABSENCE, "wage": WAGE},
        pd.Categorical(sbi),
        np.array(employees, dtype=np.float64),
    )


@pytest.mark.parametrize(
    ("employees", "expected"),
    [(0, 0.03), (9, 0.03), (10, 0.045), (99, 0.045), (100, 0.06), (5000, 0.06)],
)
def test_size_class_boundaries_follow_min_employees(employees: int, expected: float) -> None:
    # An unknown sector gets the size figure as published (no sector scaling).
    assert lookup([None], [employees]).column("absence_rate")[0] == pytest.approx(expected)


def test_sector_scales_the_size_profile() -> None:
    # SBI 2899 is in section C (0.06 against 0.05 for all sectors): 9 employees → 0.03 × 1.2.
    assert lookup(["2899"], [9]).column("absence_rate")[0] == pytest.approx(0.036)


def test_a_division_wins_over_its_section() -> None:
    # SBI 2562 is division 25 (0.045 against 0.05): 120 employees → 0.06 × 0.9.
    assert lookup(["2562"], [120]).column("absence_rate")[0] == pytest.approx(0.054)


def test_rate_without_size_classes_is_by_sector_only() -> None:
    column = lookup(["2562", "4711", None], [3, 300, 30]).column("wage")
    assert column.tolist() == [50000, 40000, 40000]


def test_rate_for_one_firm_matches_the_column() -> None:
    assert rate_for(ABSENCE, 9, "2899") == pytest.approx(0.036)
    assert rate_for(ABSENCE, 120, "2562") == pytest.approx(0.054)
    assert rate_for(WAGE, 5, "4711") == 40000


def test_shipped_absence_rate_is_lower_for_small_metal_firms(engine: Engine) -> None:
    """CBS 2022–2023: below 10 employees about 3% of working days, 100+ about 6%; the
    metal-electro industry (SBI 24–30, 33) sits at 5.2% against 5.3% for all sectors."""
    rates = engine.catalogue.rates
    small = rate_for(rates["absence_rate"], 5, "25")
    large = rate_for(rates["absence_rate"], 120, "25")
    assert small == pytest.approx(0.030 * 0.052 / 0.053)
    assert large == pytest.approx(0.060 * 0.052 / 0.053)


def test_sick_wage_default_is_wage_bill_times_size_class_absence(engine: Engine) -> None:
    frame = pd.DataFrame({"employees": [5, 120], "sector_sbi": ["25", "25"]})
    cols, assumed = complete_columns(frame, engine.catalogue.rates)
    wage = 53940  # CBS 81431NED 2023*, C Industrie
    expected = [5 * wage * 0.030 * 0.052 / 0.053, 120 * wage * 0.060 * 0.052 / 0.053]
    assert cols["sick_wage_eur"] == pytest.approx(expected)
    assert assumed["sick_wage_eur"].all()


def test_sick_pay_years_share_one_wage_basis(engine: Engine) -> None:
    """Year 1 and year 2 of continued pay rest on the same wages for days lost to sickness:
    their ratio is the ratio of the two statutory shares (0.7 × 88% and 0.7 × 12%)."""
    rule = engine.catalogue.rules_by_id["loondoorbetaling_ziekte"]
    first, second = (a for a in rule.activities)
    assert first.driver == second.driver == "sick_wage_eur"
    assert first.frequency + second.frequency == pytest.approx(0.7)
    ev = engine.evaluate(pd.DataFrame({"employees": [20]}), dt.date(2026, 6, 1))
    sick_wage = float(ev.inputs["sick_wage_eur"][0])
    financial = float(ev.firm_cost_by_type()["financial_now"][0])
    assert financial >= 0.7 * sick_wage
