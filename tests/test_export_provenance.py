"""Every export names the catalogue the result was computed with, never the shipped one.

A result computed on another rules directory (the one-rule fixture) must be exported with
that catalogue's hash, rule count, rules and growth curve; an engine over another catalogue
is refused instead of silently mixing the two.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from checker.api import check, evaluate_frame, load
from checker.engine import Engine
from checker.export import cliff_frame, firm_workbook_bytes, population_workbook_bytes

FIXTURE_RULES = Path(__file__).parent / "fixtures" / "valid_minimal" / "rules"
DATE = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def fixture_engine() -> Engine:
    return load(FIXTURE_RULES)


def metadata(data: bytes) -> dict[str, Any]:
    wb = load_workbook(io.BytesIO(data))
    ws = wb["Metadata"]
    return {row[0]: row[1] for row in ws.iter_rows(min_row=4, max_col=2, values_only=True)}


def test_firm_workbook_names_the_fixture_catalogue(fixture_engine: Engine) -> None:
    shipped = load().catalogue
    cat = fixture_engine.catalogue
    assert cat.version_hash != shipped.version_hash, "precondition: two different catalogues"
    assert len(cat.rules) == 1
    result = check({"employees": 12}, "test-scenario", DATE, engine=fixture_engine)

    meta = metadata(firm_workbook_bytes(result, engine=fixture_engine))
    assert meta["Catalogusversie (hash)"] == cat.version_hash
    assert meta["Aantal regels in de catalogus"] == 1
    wb = load_workbook(io.BytesIO(firm_workbook_bytes(result, engine=fixture_engine)))
    titles = [c.value for c in wb["Verplichtingen"]["B"] if c.value]
    assert "Testregel" in titles
    assert not any("Risico-inventarisatie" in str(t) for t in titles)


def test_growth_curve_runs_on_the_fixture_catalogue(fixture_engine: Engine) -> None:
    """The fixture's one rule costs 2 hours at the internal tariff for every firm ≥ 1."""
    result = check({"employees": 12}, "test-scenario", DATE, engine=fixture_engine)
    curve = cliff_frame(result, engine=fixture_engine)
    tariff = fixture_engine.catalogue.tariffs["intern"].eur_per_hour
    assert curve["cost_now"].tolist() == pytest.approx([2 * tariff] * 250)
    # exempt up to and including 25 employees, full burden from 26
    assert curve.loc[curve["employees"] <= 25, "cost_scen"].max() == 0
    assert curve.loc[curve["employees"] == 26, "cost_scen"].item() == pytest.approx(2 * tariff)


def test_population_workbook_names_the_fixture_catalogue(fixture_engine: Engine) -> None:
    import pandas as pd

    frame = pd.DataFrame({"employees": [3, 30], "weight": [10.0, 5.0]})
    ev = evaluate_frame(frame, "test-scenario", DATE, engine=fixture_engine)
    data = population_workbook_bytes(
        ev, tables={"per_regel": ev.rule_aggregates()}, meta={}, engine=fixture_engine
    )
    meta = metadata(data)
    assert meta["Catalogusversie (hash)"] == fixture_engine.catalogue.version_hash
    assert meta["Aantal regels in de catalogus"] == 1
