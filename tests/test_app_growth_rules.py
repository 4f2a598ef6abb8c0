"""Groeiplanner, Regels and Over as a reader uses them (AppTest).

The growth planner must name what comes back under the proposal when the firm crosses its
threshold, and its chart must be readable without hovering; the Regels page shows each rule's
status, validity, exceptions, EU room and history; the Over page says which law counts, from
when, how certain the amounts are and what is checked.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from checker.engine import Engine
from checker.growth import growth_plan, headcount_sweep
from checker.i18n import fmt_date, fmt_number
from checker.period import COVERED_FROM
from tests.conftest import REFERENCE_DATE
from tests.test_app import SCENARIO, run_app, table_with


def growth_page(query: dict[str, str]) -> AppTest:
    at = run_app(query)
    at.switch_page("app_pages/groeiplanner.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart_spec(at: AppTest) -> dict[str, Any]:
    """The first chart's Vega-Lite spec with its data sets put back in (as row dicts)."""
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert charts, "no chart on the page"
    proto = charts[0].proto
    spec: dict[str, Any] = json.loads(proto.spec)
    spec["datasets"] = {
        ds.name: pa.ipc.open_stream(ds.data.data).read_all().to_pylist() for ds in proto.datasets
    }
    return spec


def layer_texts(spec: dict[str, Any]) -> list[str]:
    """Every text a text layer writes on the chart (readable without hovering)."""
    out = []
    for layer in spec["layer"]:
        mark = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        if mark != "text":
            continue
        field = layer["encoding"]["text"]["field"]
        data = spec["datasets"][layer["data"]["name"]]
        out += [str(row[field]) for row in data]
    return out


# -- growth planner -------------------------------------------------------------------------------


def test_growing_across_the_threshold_lists_what_comes_back(engine: Engine) -> None:
    threshold = engine.catalogue.scenario(SCENARIO).threshold
    start = threshold.last_inside() - 7
    at = growth_page({"employees": str(start)})
    target = at.number_input(key="grow_target")
    assert target.value == threshold.first_outside()  # the default: just past the proposal
    scenario = engine.catalogue.scenario(SCENARIO)
    ev = headcount_sweep(engine, {"employees": start}, scenario, REFERENCE_DATE)
    plan = growth_plan(ev, start, threshold.first_outside() - start)
    returns = set(plan[plan["change"] == "returns"]["title"])
    starts = set(plan[plan["change"] == "start"]["title"])
    assert returns, "obligations the proposal exempted come back above its threshold"
    heading = f"Komt terug bij {fmt_number(threshold.first_outside())} onder het voorstel"
    assert any(heading in m.value for m in at.markdown)
    shown = [t.value for t in at.table if "Vanaf (werknemers)" in t.value.columns]
    shown_titles = [set(frame["Verplichting"]) for frame in shown]
    assert returns in shown_titles
    assert not starts or starts in shown_titles  # law thresholds on the way, if any
    summary = " ".join(m.value for m in at.markdown)
    assert f"**{fmt_number(len(returns))}** vrijgestelde of lichtere verplichtingen" in summary


def test_growing_further_to_51_lists_the_law_s_own_thresholds(engine: Engine) -> None:
    at = growth_page({"employees": "18"})
    at.number_input(key="grow_target").set_value(51).run()
    scenario = engine.catalogue.scenario(SCENARIO)
    ev = headcount_sweep(engine, {"employees": 18}, scenario, REFERENCE_DATE)
    plan = growth_plan(ev, 18, 33)
    starts = set(plan[plan["change"] == "start"]["title"])
    frames = [t.value for t in at.table if "Vanaf (werknemers)" in t.value.columns]
    assert any(set(f["Verplichting"]) == starts for f in frames)
    at50 = set(plan[(plan["change"] == "start") & (plan["at"] == 50)]["title"])
    assert at50, "the law has thresholds at 50"


def test_the_growth_chart_reads_without_hovering(engine: Engine) -> None:
    at = growth_page({"employees": "18"})
    spec = chart_spec(at)
    x = spec["layer"][0]["encoding"]["x"]
    assert x["scale"]["domain"] == [1, 60]  # around a small firm
    y_title = spec["layer"][0]["encoding"]["y"]["axis"]["title"]
    assert y_title.startswith("regeldruk per jaar")
    texts = layer_texts(spec)
    assert texts.count("uw bedrijf (18)") == 1  # one marker, explained
    edge = engine.catalogue.scenario(SCENARIO).threshold.first_outside()
    assert f"drempel voorstel ({edge})" in texts
    assert {"10", "50"} <= set(texts)  # threshold lines carry their headcount
    tooltips = [
        t.get("field")
        for layer in spec["layer"]
        for t in layer.get("encoding", {}).get("tooltip", [])
    ]
    assert "employees" not in tooltips  # Dutch notation: pre-formatted text, never raw numbers
    # on request 1…250, and the line can add up the total burden instead
    at.toggle(key="growth_wide").set_value(True).run()
    at.selectbox(key="growth_measure").set_value("total").run()
    spec = chart_spec(at)
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [1, 250]
    assert spec["layer"][0]["encoding"]["y"]["axis"]["title"].startswith("lasten in totaal")


# -- Regels -------------------------------------------------------------------------------------


def rules_page(rule_id: str) -> AppTest:
    at = run_app()
    at.switch_page("app_pages/regels.py").run()
    at.selectbox(key="rules_pick").set_value(rule_id).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    return re.sub(r"\\(.)", r"\1", " ".join(m.value for m in at.markdown))


def test_rules_show_status_validity_and_exceptions_with_article(engine: Engine) -> None:
    rule = engine.catalogue.rules_by_id["arbo_rie_toetsing"]
    at = rules_page(rule.id)
    text = page_text(at)
    assert "**Status:** geldend recht" in text
    assert fmt_date(rule.valid_from) in text
    for exception in rule.exceptions:
        assert exception.article in text
        assert exception.label.nl in text


def test_rules_show_bills_with_their_reference(engine: Engine) -> None:
    rule = engine.catalogue.rules_by_id["nis2_cyberbeveiligingswet"]
    assert rule.status == "bill" and rule.legislative_ref is not None
    text = page_text(rules_page(rule.id))
    assert "aangekondigd / wetsvoorstel" in text
    assert f"[{rule.legislative_ref.reference}]({rule.legislative_ref.url})" in text


def test_rules_show_history_and_eu_room(engine: Engine) -> None:
    cat = engine.catalogue
    rule = cat.rules_by_id["klokkenluiders_meldprocedure"]
    versions = [r for r in cat.rules if r.lineage_id == rule.lineage_id and r.id != rule.id]
    assert versions
    text = page_text(rules_page(rule.id))
    assert "Andere versies van deze verplichting" in text
    for other in versions:
        assert other.title.nl in text
    fixed = next(r for r in cat.rules if r.eu_fixed)
    assert "EU-recht zonder ruimte voor een vrijstelling" in page_text(rules_page(fixed.id))


def test_rules_overview_wraps_and_links_the_law() -> None:
    at = run_app()
    at.switch_page("app_pages/regels.py").run()
    table = table_with(at, "Regel", "Status", "Geldig", "Wet en artikel", "Herkomst")
    assert all(re.match(r"^\[.+\]\(https://", law) for law in table["Wet en artikel"])
    assert set(table["Herkomst"]) <= {"nationaal recht", "EU-recht", "EU, vast"}


# -- Over ---------------------------------------------------------------------------------------


def test_about_says_which_law_counts_from_when_and_how_certain() -> None:
    at = run_app()
    at.switch_page("app_pages/over.py").run()
    text = page_text(at)
    assert fmt_date(COVERED_FROM) in text  # the covered period
    for word in ("geldend recht", "wetsvoorstel", "EU-richtlijn die nog niet is omgezet"):
        assert word in text
    assert "1.000 keer" in text and "5e tot 95e percentiel" in text
    assert "verwachte waarde" in text and "correlatie 0,3" in text
    assert "Wat is gecontroleerd en wat niet" in " ".join(h.value for h in at.subheader)
    sources = table_with(at, "Titel", "Uitgever", "Jaar")
    assert "id" not in sources.columns
    assert all(re.match(r"^\[.+\]\(https?://", title) for title in sources["Titel"])
    assert all(re.match(r"^(\d{4}|z\.d\.)$", year) for year in sources["Jaar"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_about_renders_in_both_languages(lang: str) -> None:
    at = run_app({"lang": lang})
    at.switch_page("app_pages/over.py").run()
    assert not at.exception and not at.error
    heading = "Hoe zeker zijn de bedragen?" if lang == "nl" else "How certain are the amounts?"
    assert heading in [h.value for h in at.subheader]
