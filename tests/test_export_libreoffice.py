"""LibreOffice headless recalculation: the workbook's formulas give the engine's numbers.

openpyxl writes formulas without cached values; LibreOffice (Debian libreoffice-calc)
recalculates them on conversion.  We read the values back and compare them with the engine to
the cent — regeldruk and financial costs apart, per obligation and in total, for a firm, for a
firm with changed assumptions and for a population with a lighter regime — and again after a
reader changes a named input cell (a tariff, a changed hour figure), against the engine run
with that value.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import REFERENCE_DATE, lighter_scenario
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from xlsx_lookup import named, records

from checker.api import CheckResult, check, evaluate_frame, load, with_overrides
from checker.assumptions import Overrides
from checker.bilingual import pick
from checker.evaluation import Evaluation
from checker.export import firm_workbook_bytes, population_workbook_bytes
from checker.export.report_content import rule_costs
from checker.export.workbook_common import TOTAL_NAMES
from checker.scenario_model import DEFAULT_SCENARIO

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        SOFFICE is None and os.environ.get("CI") != "true",
        reason="LibreOffice (soffice) is not installed; apt-get install libreoffice-calc",
    ),
]
CENT = 0.005
PROFILE = {"employees": 30, "legal_form": "bv", "sector_sbi": "25.62", "name": "=1+1"}
ERROR_VALUES = ("#NAME?", "#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")


def convert(src: Path, tmp_path: Path, to: str) -> Path:
    """LibreOffice's conversion of ``src`` (it recalculates every formula on the way)."""
    assert SOFFICE is not None, "CI=true but LibreOffice (soffice) is missing"
    out_dir = tmp_path / f"lo-{to}-{src.stem}"
    out_dir.mkdir()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out_dir),
            str(src),
        ],
        check=False,
        capture_output=True,
        timeout=180,
    )
    converted = out_dir / f"{src.stem}.{to}"
    assert converted.exists(), f"LibreOffice did not convert {src.name}"
    return converted


def recalc(data: bytes, tmp_path: Path, name: str) -> Workbook:
    src = tmp_path / f"{name}.xlsx"
    src.write_bytes(data)
    wb = load_workbook(convert(src, tmp_path, "xlsx"), data_only=True)
    bad = [
        (ws.title, c.value)
        for ws in wb
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(ERROR_VALUES)
    ]
    assert not bad, bad[:10]
    return wb


def edited(data: bytes, name: str, value: float) -> bytes:
    """The workbook with the input cell ``name`` set to ``value``, as a reader would."""
    wb = load_workbook(io.BytesIO(data))
    named(wb, name).value = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def totals_of(wb: Workbook) -> dict[tuple[str, str], float]:
    return {key: float(named(wb, name).value) for key, name in TOTAL_NAMES.items()}


def assert_totals(wb: Workbook, totals: dict[str, float]) -> None:
    """The named totals equal a CheckResult's totals (or a population's) to the cent."""
    got = totals_of(wb)
    for (kind, when), key in {
        ("regulatory", "now"): "regulatory_now_eur",
        ("regulatory", "scen"): "regulatory_scenario_eur",
        ("regulatory", "saved"): "regulatory_saved_eur",
        ("financial", "now"): "financial_now_eur",
        ("financial", "scen"): "financial_scenario_eur",
        ("cost", "now"): "cost_now_eur",
        ("cost", "scen"): "cost_scenario_eur",
        ("cost", "saved"): "saved_eur",
    }.items():
        assert got[kind, when] == pytest.approx(totals[key], abs=CENT), (kind, when)


def assert_per_rule(wb: Workbook, ev: Evaluation, lang: str = "nl") -> None:
    """Each obligation's regeldruk and financial costs equal the engine's, to the cent."""
    costs = rule_costs(ev).set_index("rule_id")
    rows = {
        r["Verplichting"].value: r
        for r in records(
            wb["Verplichtingen"],
            "Verplichting",
            "Regeldruk nu (€ per jaar)",
            "Regeldruk onder voorstel (€ per jaar)",
            "Financiële lasten nu (€ per jaar)",
        )
    }
    checked = 0
    for rule in ev.rules:
        row = rows.get(pick(rule.title, "nl"))
        if row is None or not rule.activities:
            continue
        expected = costs.loc[rule.id]
        assert row["Regeldruk nu (€ per jaar)"].value == pytest.approx(
            expected["regeldruk_now"], abs=CENT
        ), rule.id
        assert row["Regeldruk onder voorstel (€ per jaar)"].value == pytest.approx(
            expected["regeldruk_scen"], abs=CENT
        ), rule.id
        assert row["Financiële lasten nu (€ per jaar)"].value == pytest.approx(
            expected["financial_now"], abs=CENT
        ), rule.id
        checked += 1
    assert checked > 5


def test_firm_workbook_recalculates_to_the_engine(tmp_path: Path) -> None:
    engine = load()
    result = check(PROFILE, DEFAULT_SCENARIO, REFERENCE_DATE)
    assert any(a.tariff_id == "intern" for rr in result.rules for a in rr.activities_now), (
        "precondition: an applying activity uses the 'intern' tariff"
    )
    data = firm_workbook_bytes(result)
    wb = recalc(data, tmp_path, "firm")
    assert_totals(wb, result.totals)
    assert_per_rule(wb, result.evaluation)

    new_intern = engine.tariffs["intern"] + 26.5
    wb2 = recalc(edited(data, "tarief_intern", new_intern), tmp_path, "firm_tariff")
    expected = check(
        PROFILE, DEFAULT_SCENARIO, REFERENCE_DATE, tariffs={**engine.tariffs, "intern": new_intern}
    )
    assert expected.totals["cost_now_eur"] != pytest.approx(result.totals["cost_now_eur"], abs=1)
    assert_totals(wb2, expected.totals)


def test_changed_assumptions_recalculate_to_the_engine(tmp_path: Path) -> None:
    """A result on the user's own tariff, absence rate and hour figure: the workbook gives the
    engine's numbers, and changing the named hour cell gives what the engine gives for it."""
    engine = load()
    rule = next(r for r in engine.catalogue.rules if r.id == "arbo_rie")
    act = next(a for a in rule.activities if a.tariff)  # hours that cost money
    key = f"{rule.id}.{act.id}.hours"
    overrides = Overrides(
        tariffs={"intern": 61.25}, rates={"absence_rate": 0.04}, figures={key: act.hours + 3}
    )
    result = check(
        PROFILE, DEFAULT_SCENARIO, REFERENCE_DATE, engine=with_overrides(engine, overrides)
    )
    data = firm_workbook_bytes(result)
    wb = recalc(data, tmp_path, "changed")
    assert_totals(wb, result.totals)

    wb2 = recalc(edited(data, "cijfer_1", act.hours + 10), tmp_path, "changed_more")
    more = Overrides(
        tariffs=overrides.tariffs, rates=overrides.rates, figures={key: act.hours + 10}
    )
    expected = check(PROFILE, DEFAULT_SCENARIO, REFERENCE_DATE, engine=with_overrides(engine, more))
    assert expected.totals["regulatory_now_eur"] > result.totals["regulatory_now_eur"] + 1
    assert_totals(wb2, expected.totals)


def test_announced_rules_stay_out_of_the_totals(tmp_path: Path) -> None:
    result = check(PROFILE, DEFAULT_SCENARIO, REFERENCE_DATE, include_pending=True)
    assert any(rr.pending and rr.applies_now and rr.quantified for rr in result.rules), (
        "precondition: an announced rule with a cost applies to this firm"
    )
    assert_totals(recalc(firm_workbook_bytes(result), tmp_path, "pending"), result.totals)


def population(frame: pd.DataFrame) -> tuple[Evaluation, dict[str, float]]:
    ev = evaluate_frame(frame, lighter_scenario(), REFERENCE_DATE)
    totals = ev.firm_totals()
    w = ev.weights

    def total(col: str) -> float:
        return float(w @ totals[col].to_numpy())

    return ev, {
        "regulatory_now_eur": total("regulatory_now"),
        "regulatory_scenario_eur": total("regulatory_scen"),
        "regulatory_saved_eur": total("regulatory_now") - total("regulatory_scen"),
        "financial_now_eur": total("financial_now"),
        "financial_scenario_eur": total("financial_scen"),
        "cost_now_eur": total("cost_now"),
        "cost_scenario_eur": total("cost_scen"),
        "saved_eur": total("cost_now") - total("cost_scen"),
    }


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
    ev, totals = population(frame)
    assert ev.rule_aggregates()["firms_lighter"].sum() > 0, "precondition: lighter regime"
    data = population_workbook_bytes(
        ev, tables={}, meta={"kind": "population", "scenario_id": "test-lichter"}, draws=0
    )
    wb = recalc(data, tmp_path, "pop")
    assert_totals(wb, totals)
    assert_per_rule(wb, ev)

    new_tariff = engine.tariffs["intern_hoog"] * 1.37
    wb2 = recalc(edited(data, "tarief_intern_hoog", new_tariff), tmp_path, "pop_tariff")
    ev2 = engine.evaluate(
        frame,
        REFERENCE_DATE,
        lighter_scenario(),
        tariffs={**engine.tariffs, "intern_hoog": new_tariff},
    )
    agg2 = ev2.rule_aggregates()
    assert named(wb2, TOTAL_NAMES["cost", "now"]).value == pytest.approx(
        agg2["cost_now"].sum(), abs=CENT
    )
    assert named(wb2, TOTAL_NAMES["cost", "scen"]).value == pytest.approx(
        agg2["cost_scen"].sum(), abs=CENT
    )


def test_firm_workbook_prints_to_a_bounded_number_of_pages(tmp_path: Path) -> None:
    """The PDF LibreOffice prints has every sheet, each one page wide (fit to width), and no
    runaway page count from the 250-row curve table or unfitted columns."""
    result: CheckResult = check(PROFILE, DEFAULT_SCENARIO, REFERENCE_DATE)
    src = tmp_path / "firm.xlsx"
    src.write_bytes(firm_workbook_bytes(result))
    pdf = convert(src, tmp_path, "pdf")
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    applying = sum(rr.applies_now for rr in result.rules)
    # 7 sheets; Verplichtingen, Berekening and Bronnen grow with the obligations that apply.
    assert 7 <= pages <= 12 + applying // 2, pages
