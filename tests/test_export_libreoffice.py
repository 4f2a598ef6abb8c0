"""LibreOffice headless recalculation: the workbook's formulas give the engine's numbers.

openpyxl writes formulas without cached values; LibreOffice (Debian libreoffice-calc)
recalculates them on conversion.  We then read the values back and compare with the engine
to the cent — for a firm and for a population (with a lighter regime) — and again after
changing a tariff cell on the Aannames sheet, against the engine run with that tariff.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import lighter_scenario
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from checker.api import check, evaluate_frame, load
from checker.export import firm_workbook_bytes, population_workbook_bytes
from checker.export.workbook_common import NAME_SAVED, NAME_TOTAL_NOW, NAME_TOTAL_SCEN

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        SOFFICE is None and os.environ.get("CI") != "true",
        reason="LibreOffice (soffice) is not installed; apt-get install libreoffice-calc",
    ),
]
DATE = dt.date(2026, 1, 1)
CENT = 0.005
PROFILE = {"employees": 30, "legal_form": "bv", "sector_sbi": "25.62", "name": "=1+1"}


def recalc(src: Path, tmp_path: Path) -> Workbook:
    """Convert with LibreOffice (which recalculates) and read the computed values."""
    assert SOFFICE is not None, "CI=true but LibreOffice (soffice) is missing"
    out_dir = tmp_path / f"lo-out-{src.stem}"
    out_dir.mkdir()
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out_dir),
            str(src),
        ],
        check=False,
        capture_output=True,
        timeout=120,
    )
    converted = out_dir / src.name
    assert converted.exists(), f"LibreOffice did not convert {src.name}"
    return load_workbook(converted, data_only=True)


ERROR_VALUES = ("#NAME?", "#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")


def assert_no_error_values(wb: Workbook) -> None:
    """No cell of the recalculated workbook shows a spreadsheet error."""
    bad = [
        (ws.title, c.coordinate, c.value)
        for ws in wb
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(ERROR_VALUES)
    ]
    assert not bad, bad[:10]


def named(wb: Workbook, name: str) -> Any:
    sheet, coord = next(iter(wb.defined_names[name].destinations))
    return wb[sheet][coord.replace("$", "")].value


def set_tariff(data: bytes, tariff_id: str, value: float, path: Path) -> None:
    wb = load_workbook(io.BytesIO(data))
    sheet, coord = next(iter(wb.defined_names[f"tarief_{tariff_id}"].destinations))
    wb[sheet][coord.replace("$", "")].value = value
    wb.save(path)


def obligations_by_rule(wb: Workbook) -> dict[str, tuple[Any, Any]]:
    ws = wb["Verplichtingen"]
    headers = [c.value for c in ws[4]]
    now_col, scen_col = (
        headers.index("€ per jaar nu") + 1,
        headers.index("€ per jaar onder voorstel") + 1,
    )
    return {
        ws.cell(r, 1).value: (ws.cell(r, now_col).value, ws.cell(r, scen_col).value)
        for r in range(5, ws.max_row + 1)
        if ws.cell(r, 1).value
    }


def test_firm_workbook_recalculates_to_the_engine(tmp_path: Path) -> None:
    engine = load()
    result = check(PROFILE, "metaalunie-25", DATE)
    assert any(a.tariff_id == "intern" for rr in result.rules for a in rr.activities_now), (
        "precondition: an applying activity uses the 'intern' tariff"
    )
    data = firm_workbook_bytes(result, engine=load())
    original = tmp_path / "firm.xlsx"
    original.write_bytes(data)
    new_intern = engine.tariffs["intern"] + 26.5
    edited = tmp_path / "firm_tariff.xlsx"
    set_tariff(data, "intern", new_intern, edited)

    wb = recalc(original, tmp_path)
    assert_no_error_values(wb)
    t = result.totals
    assert named(wb, NAME_TOTAL_NOW) == pytest.approx(t["cost_now_eur"], abs=CENT)
    assert named(wb, NAME_TOTAL_SCEN) == pytest.approx(t["cost_scenario_eur"], abs=CENT)
    assert named(wb, NAME_SAVED) == pytest.approx(t["saved_eur"], abs=CENT)
    summary = wb["Samenvatting"]
    row = next(r for r in range(1, 40) if summary.cell(r, 1).value == "€ per jaar")
    assert summary.cell(row, 2).value == pytest.approx(t["cost_now_eur"], abs=CENT)
    assert summary.cell(row, 3).value == pytest.approx(t["cost_scenario_eur"], abs=CENT)
    assert summary.cell(row, 4).value == pytest.approx(t["saved_eur"], abs=CENT)
    fin, reg = row + 1, row + 2  # financial costs and regulatory burden, split live
    assert summary.cell(fin, 2).value == pytest.approx(t["financial_now_eur"], abs=CENT)
    assert summary.cell(fin, 3).value == pytest.approx(t["financial_scenario_eur"], abs=CENT)
    reg_now = t["administrative_now_eur"] + t["substantive_now_eur"]
    reg_scen = t["administrative_scenario_eur"] + t["substantive_scenario_eur"]
    assert summary.cell(reg, 2).value == pytest.approx(reg_now, abs=CENT)
    assert summary.cell(reg, 3).value == pytest.approx(reg_scen, abs=CENT)
    per_rule = obligations_by_rule(wb)
    for rr in result.rules:
        if rr.quantified:
            assert per_rule[rr.rule.id][0] == pytest.approx(rr.cost_now_eur, abs=CENT), rr.rule.id
            assert per_rule[rr.rule.id][1] == pytest.approx(rr.cost_scenario_eur, abs=CENT), (
                rr.rule.id
            )
    assert summary["B3"].value == "'=1+1"  # still inert after a LibreOffice round trip

    wb2 = recalc(edited, tmp_path)
    expected = check(
        PROFILE, "metaalunie-25", DATE, tariffs={**engine.tariffs, "intern": new_intern}
    ).totals
    assert expected["cost_now_eur"] != pytest.approx(t["cost_now_eur"], abs=CENT)
    assert named(wb2, NAME_TOTAL_NOW) == pytest.approx(expected["cost_now_eur"], abs=CENT)
    assert named(wb2, NAME_TOTAL_SCEN) == pytest.approx(expected["cost_scenario_eur"], abs=CENT)
    assert named(wb2, NAME_SAVED) == pytest.approx(expected["saved_eur"], abs=CENT)


def test_population_workbook_recalculates_to_the_engine(tmp_path: Path) -> None:
    engine = load()
    rng = np.random.default_rng(3)
    n = 400
    frame = pd.DataFrame(
        {
            "employees": rng.integers(1, 120, n),
            "legal_form": rng.choice(["bv", "eenmanszaak", "vof", "nv"], n),
            "sector_sbi": rng.choice(["25", "2562", "47", "62"], n),
            "weight": rng.uniform(0.5, 250.0, n),
        }
    )
    scenario = lighter_scenario()
    ev = evaluate_frame(frame, scenario, DATE)
    agg = ev.rule_aggregates()
    assert agg["firms_lighter"].sum() > 0, "precondition: the lighter regime reaches firms"
    data = population_workbook_bytes(
        ev,
        tables={"per_regel": agg},
        meta={"kind": "population", "scenario_id": scenario.id},
        engine=load(),
    )
    original = tmp_path / "pop.xlsx"
    original.write_bytes(data)
    new_tariff = engine.tariffs["intern_hoog"] * 1.37
    edited = tmp_path / "pop_tariff.xlsx"
    set_tariff(data, "intern_hoog", new_tariff, edited)

    wb = recalc(original, tmp_path)
    assert_no_error_values(wb)
    assert named(wb, NAME_TOTAL_NOW) == pytest.approx(agg["cost_now"].sum(), abs=CENT)
    assert named(wb, NAME_TOTAL_SCEN) == pytest.approx(agg["cost_scen"].sum(), abs=CENT)
    assert named(wb, NAME_SAVED) == pytest.approx(agg["saved_eur"].sum(), abs=CENT)
    per_rule = obligations_by_rule(wb)
    for rule, now, scen in zip(agg["rule_id"], agg["cost_now"], agg["cost_scen"], strict=True):
        if ev.rules[ev.rule_ids.index(rule)].activities:
            assert per_rule[rule][0] == pytest.approx(now, abs=CENT), rule
            assert per_rule[rule][1] == pytest.approx(scen, abs=CENT), rule

    wb2 = recalc(edited, tmp_path)
    tariffs = {**engine.tariffs, "intern_hoog": new_tariff}
    ev2 = engine.evaluate(frame, DATE, scenario, tariffs=tariffs)
    agg2 = ev2.rule_aggregates()
    assert agg2["cost_now"].sum() != pytest.approx(agg["cost_now"].sum(), abs=CENT)
    assert named(wb2, NAME_TOTAL_NOW) == pytest.approx(agg2["cost_now"].sum(), abs=CENT)
    assert named(wb2, NAME_TOTAL_SCEN) == pytest.approx(agg2["cost_scen"].sum(), abs=CENT)


def test_firm_workbook_prints_to_a_bounded_number_of_pages(tmp_path: Path) -> None:
    """The PDF LibreOffice prints has every sheet, each one page wide (fit to width), and no
    runaway page count from the 250-row curve table or unfitted columns."""
    assert SOFFICE is not None, "CI=true but LibreOffice (soffice) is missing"
    result = check(PROFILE, "metaalunie-25", DATE)
    src = tmp_path / "firm.xlsx"
    src.write_bytes(firm_workbook_bytes(result, engine=load()))
    out_dir = tmp_path / "pdf"
    out_dir.mkdir()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(src),
        ],
        check=False,
        capture_output=True,
        timeout=120,
    )
    pdf = out_dir / "firm.pdf"
    assert pdf.exists(), "LibreOffice did not print the workbook"
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    rules = len(load().catalogue.rules)
    # 7 sheets; Verplichtingen, Berekening, Aannames and Bronnen grow with the catalogue.
    assert 7 <= pages <= 12 + rules // 2, pages
