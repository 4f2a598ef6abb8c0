"""Every export names the catalogue the result was computed with, never the shipped one.

A result computed on another rules directory (the one-rule fixture) is exported with that
catalogue's hash, rule count, rules and growth curve; the export takes the catalogue from the
evaluation itself, so there is nothing to pass along and nothing to get wrong.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import REFERENCE_DATE
from openpyxl import load_workbook
from xlsx_lookup import records

from checker.api import check, evaluate_frame, load
from checker.engine import Engine
from checker.export import cliff_frame, firm_workbook_bytes, population_workbook_bytes
from checker.export.provenance import catalogue_of

FIXTURE_RULES = Path(__file__).parent / "fixtures" / "valid_minimal" / "rules"


@pytest.fixture(scope="module")
def fixture_engine() -> Engine:
    return load(FIXTURE_RULES)


def metadata(data: bytes) -> dict[str, Any]:
    wb = load_workbook(io.BytesIO(data))
    return dict(wb["Metadata"].iter_rows(min_row=1, max_col=2, values_only=True))


def test_firm_workbook_names_the_fixture_catalogue(fixture_engine: Engine) -> None:
    shipped = load().catalogue
    cat = fixture_engine.catalogue
    assert cat.version_hash != shipped.version_hash, "precondition: two different catalogues"
    assert len(cat.rules) == 1
    result = check({"employees": 12}, "test-scenario", REFERENCE_DATE, engine=fixture_engine)
    data = firm_workbook_bytes(result)
    meta = metadata(data)
    assert meta["Catalogusversie (hash)"] == cat.version_hash
    assert meta["Aantal regels in de catalogus"] == 1
    wb = load_workbook(io.BytesIO(data))
    titles = [r["Verplichting"].value for r in records(wb["Verplichtingen"], "Verplichting")]
    assert titles == ["Testregel"]


def test_growth_curve_runs_on_the_fixture_catalogue(fixture_engine: Engine) -> None:
    """The fixture's one rule costs 2 hours at the internal tariff for every firm ≥ 1."""
    result = check({"employees": 12}, "test-scenario", REFERENCE_DATE, engine=fixture_engine)
    curve = cliff_frame(result)
    tariff = fixture_engine.catalogue.tariffs["intern"].eur_per_hour
    assert curve["cost_now"].tolist() == pytest.approx([2 * tariff] * 250)
    threshold = fixture_engine.catalogue.scenario("test-scenario").threshold
    inside = curve["employees"] <= threshold.last_inside()
    assert curve.loc[inside, "cost_scen"].max() == 0
    first_outside = curve["employees"] == threshold.first_outside()
    assert curve.loc[first_outside, "cost_scen"].item() == pytest.approx(2 * tariff)


def test_population_workbook_names_the_fixture_catalogue(fixture_engine: Engine) -> None:
    frame = pd.DataFrame({"employees": [3, 30], "weight": [10.0, 5.0]})
    ev = evaluate_frame(frame, "test-scenario", REFERENCE_DATE, engine=fixture_engine)
    meta = metadata(population_workbook_bytes(ev, tables={}, meta={}, draws=50))
    assert meta["Catalogusversie (hash)"] == fixture_engine.catalogue.version_hash
    assert meta["Aantal regels in de catalogus"] == 1


def test_an_object_without_its_catalogue_is_refused() -> None:
    with pytest.raises(TypeError, match="carries its catalogue"):
        catalogue_of(object())
