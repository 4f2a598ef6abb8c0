"""Profile validation names the field; defaults are documented and reported as assumed."""

from __future__ import annotations

from typing import Any

import pytest

from checker.api import check
from checker.profile import ProfileError, normalise_sbi, parse_profile


@pytest.mark.parametrize(
    ("data", "field", "fragment"),
    [
        ({"employees": -1}, "employees", "moet 0 of meer zijn"),
        ({"employees": "tien"}, "employees", "geen getal"),
        ({"employees": "2,5"}, "employees", "geheel getal"),
        ({"employees": True}, "employees", "ja/nee is geen getal"),
        ({"employees": "1.900"}, "employees", "dubbelzinnig"),
        ({"employees": 5, "fte": 6}, "fte", "meer dan het aantal werknemers"),
        ({"employees": 5, "legal_form": "gmbh"}, "legal_form", "kies uit"),
        ({"employees": 5, "sector_sbi": "2x"}, "sector_sbi", "ongeldig"),
        (
            {"employees": 5, "temp_workers": 1, "temp_workers_24m": 3},
            "temp_workers_24m",
            "meer dan",
        ),
        ({"employees": 5, "onbekend": 1}, "onbekend", "onbekend veld"),
        ({}, "employees", "ontbreekt"),
        ({"employees": 5, "gas_m3": float("nan")}, "gas_m3", "eindig getal"),
    ],
)
def test_invalid_profiles_name_the_field(data: dict[str, Any], field: str, fragment: str) -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile(data)
    assert info.value.field == field
    assert fragment in info.value.nl


def test_sbi_normalisation() -> None:
    assert normalise_sbi("25.62") == "2562"
    assert normalise_sbi(" 28 ") == "28"
    with pytest.raises(ValueError):
        normalise_sbi("1")


def test_defaults_are_reported_as_assumptions() -> None:
    result = check({"employees": 12})
    assumed = {a.field for a in result.assumptions}
    assert {"fte", "legal_form", "sector_sbi", "wage_bill_eur", "turnover_eur"} <= assumed
    given = check({"employees": 12, "fte": 10, "legal_form": "vof", "sector_sbi": "25"})
    assert "fte" not in {a.field for a in given.assumptions}
    assert given.completed["fte"] == 10
    # A decision that rests on an assumed input says so in its trace.
    energy = next(r for r in result.rules if r.rule.id == "energiebesparingsplicht")
    assert "aangenomen" in energy.reason


def test_given_zero_is_not_replaced_by_a_default() -> None:
    result = check({"employees": 30, "electricity_kwh": 0, "gas_m3": 0})
    assert result.completed["electricity_kwh"] == 0
    energy = next(r for r in result.rules if r.rule.id == "energiebesparingsplicht")
    assert not energy.applies_now


def test_profile_errors_come_in_english_too() -> None:
    with pytest.raises(ProfileError) as info:
        parse_profile({"employees": 5, "fte": 6})
    assert "meer dan het aantal werknemers" in info.value.text("nl")
    assert "more than the number of employees" in info.value.text("en")
    with pytest.raises(ProfileError) as info:
        parse_profile({"employees": -2})
    assert info.value.en == "must be 0 or more (got -2)"
