"""Unit tests for checker.ui: sweep, thresholds, growth plan, URL state, tables, charts."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pandas as pd
import pytest

from checker.api import check, load
from checker.conditions import Compare
from checker.profile import ProfileError, parse_profile
from checker.ui.charts import cliff_chart, domain_chart, matrix_chart
from checker.ui.cliff import (
    cliff_curve,
    employee_thresholds,
    growth_plan,
    headcount_sweep,
    sweep_frame,
)
from checker.ui.profiles import (
    EXAMPLE_FIRMS,
    FORM_FIELDS,
    decode_query,
    encode_query,
    profile_json,
    values_from_json,
)
from checker.ui.sbi_list import load_sbi, sbi_label
from checker.ui.tables import (
    display_frame,
    domain_burden,
    matrix_frame,
    plain_workbook,
    results_csv,
)

DATE = dt.date(2026, 7, 1)


@pytest.fixture(scope="module")
def engine():
    return load()


@pytest.fixture(scope="module")
def scenario(engine):
    return engine.catalogue.scenario("metaalunie-25")


def test_sweep_frame_scales_and_caps_given_inputs() -> None:
    frame = sweep_frame({"employees": 10, "fte": 9.0, "turnover_eur": 1_000_000.0}, 250)
    assert list(frame["employees"][:3]) == [1, 2, 3] and len(frame) == 250
    assert frame["fte"].iloc[19] == pytest.approx(18.0)  # 20 employees × 0,9
    assert frame["turnover_eur"].iloc[99] == pytest.approx(10_000_000.0)
    assert (frame["fte"] <= frame["employees"]).all()
    # every row is a valid profile (the validator caps fte at the headcount)
    for i in (0, 124, 249):
        row = {k: v for k, v in frame.iloc[i].to_dict().items() if v is not None and v == v}
        parse_profile(row)
    untouched = sweep_frame({"employees": 10}, 5)
    assert untouched["fte"].isna().all()  # not given: left to the documented default


def test_sweep_matches_single_firm_check(engine, scenario) -> None:
    """Row N of the sweep is exactly the firm check at N employees (one engine, two paths)."""
    values = {"employees": 12, "legal_form": "bv", "sector_sbi": "2562"}
    curve = cliff_curve(headcount_sweep(engine, values, scenario, DATE))
    for n in (12, 25, 26, 50):
        single = check({**values, "employees": n}, scenario, DATE, engine=engine).totals
        row = curve.iloc[n - 1]
        assert row["employees"] == n
        assert row["cost_now"] == pytest.approx(single["cost_now_eur"])
        assert row["cost_scen"] == pytest.approx(single["cost_scenario_eur"])
        assert row["obligations_now"] == single["obligations_now"]


def test_cliff_at_scenario_threshold(engine, scenario) -> None:
    curve = cliff_curve(headcount_sweep(engine, {"employees": 12}, scenario, DATE))
    at25, at26 = curve.iloc[24], curve.iloc[25]
    assert at25["saved_eur"] > 0 and at26["saved_eur"] == pytest.approx(0)
    assert at26["cost_scen"] > at25["cost_scen"]  # the cliff the proposal creates


def test_thresholds_cover_every_headcount_compare(engine) -> None:
    th = employee_thresholds(engine.catalogue, DATE)
    assert not th.empty and th["at"].between(2, 250).all()
    # Independent check: every direct Compare on 'employees' with a crossing in range is listed.
    from checker.conditions import walk

    for rule in engine.catalogue.rules_valid_on(DATE):
        for node in walk(rule.applies_when):
            if (
                isinstance(node, Compare)
                and node.measure == "employees"
                and not hasattr(node.value, "param")
            ):
                v = float(node.value)
                at = int(v) + 1 if node.op in (">", "<=") else int(-(-v // 1))
                if 2 <= at <= 250:
                    hit = th[(th.rule_id == rule.id) & (th["at"] == at)]
                    assert not hit.empty, (rule.id, node.op, v)
    assert "arbo_rie_toetsing" in set(th.loc[th["at"] == 26, "rule_id"])


def test_growth_plan_lists_obligations_that_start(engine, scenario) -> None:
    ev = headcount_sweep(engine, {"employees": 20}, scenario, DATE)
    plan = growth_plan(ev, 20, 10)
    started = set(plan.loc[plan["change"] == "start", "rule_id"])
    before = check({"employees": 20}, scenario, DATE, engine=engine)
    after = check({"employees": 30}, scenario, DATE, engine=engine)
    expected = {
        a.rule.id for a, b in zip(before.rules, after.rules, strict=True)
        if b.applies_now and not a.applies_now and a.rule.kind == "obligation"
    }  # fmt: skip
    assert started == expected and "arbo_rie_toetsing" in started
    row = plan[plan.rule_id == "arbo_rie_toetsing"].iloc[0]
    assert row["at"] == 26
    rr = next(r for r in after.rules if r.rule.id == "arbo_rie_toetsing")
    assert row["cost_now"] == pytest.approx(rr.cost_now_eur)
    with pytest.raises(ValueError, match="outside"):
        growth_plan(ev, 0, 5)


def test_query_round_trip() -> None:
    values = {"employees": 12, "fte": 10.5, "legal_form": "bv", "sector_sbi": "2562",
              "has_works_council": False, "turnover_eur": 1_900_000.0}  # fmt: skip
    q = encode_query(values, scenario="metaalunie-25", threshold=30, date=DATE, lang="en")
    assert all(isinstance(v, str) for v in q.values())
    assert q["turnover_eur"] == "1900000" and q["has_works_council"] == "0"
    d = decode_query(q)
    assert d.values == values and d.errors == []
    assert (d.scenario, d.threshold, d.date, d.lang) == ("metaalunie-25", 30.0, DATE, "en")


def test_query_bad_values_are_reported_not_raised() -> None:
    d = decode_query({"employees": "12", "fte": "40", "listed": "misschien", "date": "gisteren",
                      "unrelated": "x"})  # fmt: skip
    fields = [f for f, _ in d.errors or []]
    assert set(fields) == {"fte", "listed", "date"}
    assert d.values == {"employees": 12} and d.date is None


def test_profile_json_round_trip_and_errors() -> None:
    text = profile_json({"employees": 7, "fte": None, "legal_form": "vof"})
    assert json.loads(text) == {"employees": 7, "legal_form": "vof"}
    assert values_from_json(text) == {"employees": 7, "legal_form": "vof"}
    with pytest.raises(ProfileError) as exc:
        values_from_json(b"{not json")
    assert exc.value.field == "json"
    with pytest.raises(ProfileError) as exc:
        values_from_json(json.dumps({"employees": -3}))
    assert exc.value.field == "employees"


def test_example_firms_and_form_fields_are_valid() -> None:
    sizes = sorted(e.values["employees"] for e in EXAMPLE_FIRMS)
    assert sizes == [4, 12, 25, 60]
    for ex in EXAMPLE_FIRMS:
        parse_profile(ex.values)
    names = {f.name for f in FORM_FIELDS}
    assert {"employees", "fte", "temp_workers", "legal_form", "sector_sbi", "turnover_eur",
            "balance_total_eur", "wage_bill_eur", "electricity_kwh"} <= names  # fmt: skip
    assert all(f.help.nl and f.help.en for f in FORM_FIELDS)


def test_sbi_list_coverage() -> None:
    sbi = load_sbi()
    codes = set(sbi["code"])
    assert {f"{d:02d}" for d in (1, 25, 28, 33, 99)} <= codes
    assert len([c for c in codes if len(c) == 2]) == 88  # all SBI 2008 divisions
    for lo, hi in ((2410, 2599), (2811, 2899), (3311, 3320)):
        assert any(lo <= int(c) <= hi for c in codes if len(c) == 4)
    assert {"2562", "2511", "2829", "3320"} <= codes
    assert (sbi["name_nl"].str.len() > 3).all() and (sbi["name_en"].str.len() > 3).all()
    assert sbi_label("2562") == "25.62 – Algemene metaalbewerking"
    assert sbi_label("2562", "en") == "25.62 – Machining"
    assert sbi_label("25621").startswith("25.621 – Vervaardiging van producten van metaal")


def test_tables_dutch_notation_and_not_quantified(engine, scenario) -> None:
    result = check({"employees": 12}, scenario, DATE, engine=engine)
    table = display_frame(
        result, "nl", only_relevant=False, kinds=("obligation", "relief", "classification")
    )
    money = table["€/jaar nu"]
    assert money.str.match(r"^(€ \d{1,3}(\.\d{3})*|niet gekwantificeerd|–)$").all()
    unquantified = {r.rule.id for r in result.rules if not r.quantified and r.applies_now}
    if unquantified:
        shown = table.set_index("id").loc[sorted(unquantified), "€/jaar nu"]
        assert (shown == "niet gekwantificeerd").all()
    csv = results_csv(result, "nl").decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(csv), sep=";", decimal=",")
    total = frame["eur_per_jaar_nu"].sum()
    assert total == pytest.approx(result.totals["cost_now_eur"], abs=0.05 * len(frame))
    assert abs(frame["besparing_eur_per_jaar"].sum() - result.totals["saved_eur"]) < 0.05 * len(
        frame
    )


def test_plain_workbook_has_results(engine, scenario) -> None:
    result = check({"employees": 12}, scenario, DATE, engine=engine)
    wb = openpyxl.load_workbook(io.BytesIO(plain_workbook(result, "nl")))
    ws = wb["Resultaat"]
    assert ws["A1"].value == "regel_id"
    ids = [c.value for c in ws["A"][1:]]
    assert ids == [r.rule.id for r in result.rules]


def test_charts_build_specs(engine, scenario) -> None:
    result = check({"employees": 12}, scenario, DATE, engine=engine)
    dom = domain_chart(domain_burden(result, "nl"), "nl").to_dict()
    assert dom["mark"]["type"] == "bar" and dom["encoding"]["x"]["field"] == "eur"
    mat = matrix_chart(matrix_frame(result, "nl"), "nl").to_dict()
    assert mat["encoding"]["y"]["field"] == "workability"
    ev = headcount_sweep(engine, {"employees": 12}, scenario, DATE)
    th = employee_thresholds(engine.catalogue, DATE)
    spec = cliff_chart(cliff_curve(ev), th, "nl", current=12, scenario_at=26).to_dict()
    assert len(spec["layer"]) == 3
    marks = spec["datasets"][spec["layer"][1]["data"]["name"]]
    assert {m["at"] for m in marks} == set(th["at"])
