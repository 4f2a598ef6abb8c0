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
from checker.growth import (
    cliff_curve,
    employee_thresholds,
    growth_plan,
    headcount_sweep,
    sweep_frame,
)
from checker.profile import ProfileError, parse_profile
from checker.ui.charts import cliff_chart, domain_chart, matrix_chart
from checker.ui.labels import (
    BREAKDOWN_COLUMNS,
    BUNCHING_COLUMNS,
    DOMAIN_COLUMNS,
    ERROR_COLUMNS,
    MEMBER_COLUMNS,
    RULE_COLUMNS,
    SWEEP_COLUMNS,
    column_label,
    display_table,
    example_member_csv,
    measure_test,
    with_domain_labels,
    with_rule_titles,
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
    last = scenario.threshold.last_inside()  # row i is the firm at i + 1 employees
    inside, outside = curve.iloc[last - 1], curve.iloc[last]
    assert inside["saved_eur"] > 0 and outside["saved_eur"] == pytest.approx(0)
    assert outside["cost_scen"] > inside["cost_scen"]  # the cliff the proposal creates


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
        a.rule.id
        for a, b in zip(before.rules, after.rules, strict=True)
        if b.applies_now and not a.applies_now and a.rule.kind == "obligation"
    }
    assert started == expected and "arbo_rie_toetsing" in started
    row = plan[plan.rule_id == "arbo_rie_toetsing"].iloc[0]
    assert row["at"] == 26
    rr = next(r for r in after.rules if r.rule.id == "arbo_rie_toetsing")
    assert row["cost_now"] == pytest.approx(rr.cost_now_eur)
    with pytest.raises(ValueError, match="outside"):
        growth_plan(ev, 0, 5)


def test_query_round_trip() -> None:
    values = {
        "employees": 12,
        "fte": 10.5,
        "legal_form": "bv",
        "sector_sbi": "2562",
        "has_works_council": False,
        "turnover_eur": 1_900_000.0,
    }
    q = encode_query(values, scenario="metaalunie-25", threshold=30, date=DATE, lang="en")
    assert all(isinstance(v, str) for v in q.values())
    assert q["turnover_eur"] == "1900000" and q["has_works_council"] == "0"
    d = decode_query(q)
    assert d.values == values and d.errors == []
    assert (d.scenario, d.threshold, d.date, d.lang) == ("metaalunie-25", 30.0, DATE, "en")


def test_query_bad_values_are_reported_not_raised() -> None:
    d = decode_query(
        {
            "employees": "12",
            "fte": "40",
            "listed": "misschien",
            "date": "gisteren",
            "unrelated": "x",
        }
    )
    fields = [e.field for e in d.errors or []]
    assert set(fields) == {"fte", "listed", "date"}
    assert d.values == {"employees": 12} and d.date is None
    assert all(e.nl and e.en for e in d.errors or [])


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
    assert {
        "employees",
        "fte",
        "temp_workers",
        "legal_form",
        "sector_sbi",
        "turnover_eur",
        "balance_total_eur",
        "wage_bill_eur",
        "electricity_kwh",
    } <= names
    assert all(f.help("nl") and f.help("en") for f in FORM_FIELDS)


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
    money = table["€ per jaar nu"]
    assert money.str.match(r"^(€\u00a0\d{1,3}(\.\d{3})*|niet gekwantificeerd|–)$").all()
    unquantified = {r.rule.id for r in result.rules if not r.quantified and r.applies_now}
    if unquantified:
        shown = table.set_index("id").loc[sorted(unquantified), "€ per jaar nu"]
        assert (shown == "niet gekwantificeerd").all()
    csv = results_csv(result, "nl").decode("utf-8-sig")
    frame = pd.read_csv(io.StringIO(csv), sep=";", decimal=",")
    total = (
        frame["Regeldruk nu (€ per jaar)"].sum() + frame["Financiële lasten nu (€ per jaar)"].sum()
    )
    assert total == pytest.approx(result.totals["cost_now_eur"], abs=0.5 * len(frame))
    saved = frame["Minder regeldruk (€ per jaar)"].sum()
    assert saved == pytest.approx(result.totals["regulatory_saved_eur"], abs=0.5 * len(frame))
    assert set(frame["Gekwantificeerd"]) <= {"ja", "nee"}


def test_charts_build_specs(engine, scenario) -> None:
    result = check({"employees": 12}, scenario, DATE, engine=engine)
    dom = domain_chart(domain_burden(result, "nl"), "nl").to_dict()
    assert dom["mark"]["type"] == "bar" and dom["encoding"]["x"]["field"] == "eur"
    mat = matrix_chart(matrix_frame(result, "nl"), "nl").to_dict()
    assert mat["layer"][0]["encoding"]["y"]["field"] == "grade_pos"  # workability, spread
    ev = headcount_sweep(engine, {"employees": 12}, scenario, DATE)
    th = employee_thresholds(engine.catalogue, DATE)
    curve = cliff_curve(ev)
    spec = cliff_chart(curve, th, "nl", current=12, scenario_at=26, x_range=(1, 250)).to_dict()
    marks = spec["datasets"][spec["layer"][1]["data"]["name"]]
    assert {m["at"] for m in marks} == set(th["at"])


# --- labels, formatting and exports of the policy pages (checker.ui.labels, workbook_args) ---


def test_every_shown_column_has_a_label_in_both_languages() -> None:
    shown = {
        *SWEEP_COLUMNS,
        *BUNCHING_COLUMNS,
        *BREAKDOWN_COLUMNS,
        *DOMAIN_COLUMNS,
        *RULE_COLUMNS,
        *MEMBER_COLUMNS,
        *ERROR_COLUMNS,
    }
    for key in shown:
        nl, en = column_label(key, "nl"), column_label(key, "en")
        assert nl and en and nl != key and en != key, key
    assert column_label("threshold", "nl").startswith("Drempel")
    assert column_label("threshold", "en").startswith("Threshold")
    assert column_label("firms_reached", "nl") == "Bedrijven bereikt"
    assert column_label("saved_eur", "nl") == "€ per jaar minder lasten"
    assert column_label("cost_now", "nl") == "€ per jaar nu"
    for key in BUNCHING_COLUMNS:  # the what-if is never mistaken for a main figure
        assert column_label(key, "nl").startswith("What-if")
        assert column_label(key, "en").startswith("What-if")
    assert column_label("no_such_column", "nl") == "no_such_column"


def test_display_table_formats_dutch_and_english() -> None:
    frame = pd.DataFrame(
        {
            "threshold": [25, 26],
            "firms_reached": [1234.4, 0.0],
            "saved_eur": [1234567.8, -5.0],
            "saved_share": [0.1234, 0.0],
            "reached": [True, False],
            "name": ["=cmd", None],
        }
    )
    nl = display_table(
        frame,
        "nl",
        ["threshold", "saved_eur", "firms_reached", "saved_share", "reached", "name", "absent"],
    )
    assert list(nl.frame.columns) == [
        "Drempel (werknemers)",
        "€ per jaar minder lasten",
        "Bedrijven bereikt",
        "Minder lasten (% van de lasten nu)",
        "Bereikt",
        "Naam",
    ]
    # CLDR notation: a no-break space after € in Dutch, the sign after it; none in English.
    assert nl.frame["€ per jaar minder lasten"].tolist() == ["€\u00a01.234.568", "€\u00a0-5"]
    assert nl.frame["Bedrijven bereikt"].tolist() == ["1.234", "0"]
    assert nl.frame["Minder lasten (% van de lasten nu)"].tolist() == ["12,3%", "0,0%"]
    assert nl.frame["Bereikt"].tolist() == ["ja", "nee"]
    assert nl.frame["Naam"].tolist() == ["=cmd", "–"]
    assert set(nl.numeric) == {
        "Drempel (werknemers)",
        "€ per jaar minder lasten",
        "Bedrijven bereikt",
        "Minder lasten (% van de lasten nu)",
    }
    assert "Bedrijven bereikt" in nl.help
    en = display_table(frame, "en", ["saved_eur", "reached"])
    assert en.frame["€ per year lower costs"].tolist() == ["€1,234,568", "-€5"]
    assert en.frame["Reached"].tolist() == ["yes", "no"]


def test_rule_and_domain_words(engine) -> None:
    agg = pd.DataFrame(
        {
            "rule_id": ["arbo_rie", "unknown_rule"],
            "domain": ["arbo", "nieuw"],
            "kind": ["obligation", "relief"],
            "treatment": ["lighter", "exempt"],
        }
    )
    titles = {r.id: r.title for r in engine.catalogue.rules}
    nl = with_rule_titles(agg, titles, "nl")
    assert nl["rule"].tolist() == [
        engine.catalogue.rules_by_id["arbo_rie"].title.nl,
        "unknown_rule",
    ]
    assert nl["domain"].tolist() == ["Arbeidsomstandigheden", "nieuw"]
    assert nl["treatment"].tolist() == ["lichter regime", "vrijgesteld"]
    assert with_rule_titles(agg, titles, "en")["kind"].tolist() == ["obligation", "relief"]
    assert with_domain_labels(agg, "en")["domain"].tolist() == ["Working conditions", "nieuw"]


def test_measure_test_uses_measure_labels() -> None:
    assert measure_test("persons_wor", "<", 10.0, "nl") == (
        "in de regel werkzame personen (WOR) < 10"
    )
    assert measure_test("employees", ">=", 50, "en") == "employees (as a rule) ≥ 50"
    assert measure_test("fte", "<=", 12.5, "nl") == "voltijdbanen (fte) ≤ 12,5"
    assert measure_test("made_up", ">", 3, "nl") == "made_up > 3"


def test_threshold_table_shows_no_raw_measure_ids(engine) -> None:
    from checker.measures import MEASURES

    table = employee_thresholds(engine.catalogue, dt.date.today(), "nl", 250)
    texts = [
        measure_test(m, o, v, "nl")
        for m, o, v in zip(table["measure"], table["op"], table["value"], strict=True)
    ]
    assert texts
    for text, measure in zip(texts, table["measure"], strict=True):
        assert text.startswith(MEASURES[measure].label.nl), text
        assert not text.startswith(measure + " "), text


def test_example_member_csv_has_dutch_headers_and_one_invalid_row() -> None:
    from checker.population import read_member_file

    data = example_member_csv()
    header = data.decode("utf-8-sig").splitlines()[0].split(";")
    assert header[:2] == ["naam", "werknemers"]
    inp = read_member_file(data, "voorbeeld.csv")
    assert 3 <= inp.total_rows <= 5
    # More fte than employees: the member is kept with the fte assumption, and the row listed.
    assert inp.errors == []
    assert [(w.row, w.column) for w in inp.warnings] == [(5, "fte")]
    assert len(inp.profiles) == inp.total_rows
    assert not inp.ignored_columns  # every example header is recognised


def test_workbook_args_feed_the_population_workbook(engine) -> None:
    from checker.population import build_population, evaluate_population, run_batch, sweep
    from checker.population.workbook_args import batch_args, population_args, sweep_args

    pop = build_population("division:245 Metaalgieterijen", engine)
    res = evaluate_population(pop, engine, "metaalunie-25", dt.date(2026, 1, 1))
    sw = sweep(pop, engine, "metaalunie-25", range(20, 31), dt.date(2026, 1, 1))
    args = population_args(res, sw)
    assert args.evaluation is res.evaluation  # nothing recomputed
    assert list(args.tables) == ["per_grootteklasse", "per_sector", "sweep"]
    assert args.meta["kind"] == "population" and args.meta["scenario_id"] == "metaalunie-25"
    wb = openpyxl.load_workbook(io.BytesIO(args.to_bytes("nl")))
    for sheet in ("Per grootteklasse", "Per sector", "Drempelverloop", "Verplichtingen"):
        assert sheet in wb.sheetnames, wb.sheetnames
    assert list(sweep_args(pop, engine, sw, dt.date(2026, 1, 1)).tables) == ["sweep"]

    batch = run_batch(example_member_csv(), "voorbeeld.csv", engine, "metaalunie-25")
    bargs = batch_args(batch, engine, "voorbeeld.csv")
    assert bargs is not None and bargs.meta["file"] == "voorbeeld.csv"
    assert bargs.tables["fouten"]["column"].tolist() == ["fte"]
    wb = openpyxl.load_workbook(io.BytesIO(bargs.to_bytes("en")))
    assert {"Members", "Errors"} <= set(wb.sheetnames)
    empty = run_batch(b"werknemers\n-3\n", "leeg.csv", engine, "metaalunie-25")
    assert batch_args(empty, engine, "leeg.csv") is None


def test_size_class_chart_keeps_size_order() -> None:
    from checker.population.charts import size_class_chart

    data = pd.DataFrame(
        {
            "size_class": ["2–3", "9–18", "19–48"],
            "saved_eur": [1.0, 2.0, 3.0],
            "firms_reached": [1.0, 1.0, 0.0],
            "firms": [1.0, 1.0, 1.0],
        }
    )
    spec = size_class_chart(data, "nl", "Werknemers").to_dict()
    x = spec["vconcat"][0]["encoding"]["x"]
    assert x["sort"] == ["2–3", "9–18", "19–48"]
    assert x["title"] == "Werknemers"
    y_nl = spec["vconcat"][0]["encoding"]["y"]["axis"]["labelExpr"]
    y_en = size_class_chart(data, "en").to_dict()["vconcat"][0]["encoding"]["y"]["axis"]
    assert "/,/g, '.'" in y_nl and "replace" not in y_en["labelExpr"]
