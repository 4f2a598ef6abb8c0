"""Streamlit AppTest tests for the firm pages: render, thresholds, errors, language, URL state."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from checker.api import check, load
from checker.i18n import fmt_eur, fmt_number

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def run_app(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if query:
        at.query_params.update(query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def obligations_table(at: AppTest) -> pd.DataFrame:
    for df in at.dataframe:
        frame = df.value
        if "Verplichting" in frame.columns and "Nu" in frame.columns:
            return frame
        if "Obligation" in frame.columns and "Now" in frame.columns:
            return frame
    raise AssertionError("obligations table not found")


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def status_by_title(at: AppTest) -> dict[str, tuple[str, str]]:
    table = obligations_table(at)
    return {
        t: (n, s)
        for t, n, s in zip(table["Verplichting"], table["Nu"], table["Onder voorstel"], strict=True)
    }


@pytest.fixture(scope="module")
def engine():
    return load()


def test_defaults_render(engine) -> None:
    at = run_app()
    assert at.title[0].value == "Bedrijfscheck"
    assert at.number_input(key="f_employees").value == 12
    expected = check({"employees": 12}, "metaalunie-25", dt.date.today(), engine=engine)
    m = metrics(at)
    assert m["Besparing per jaar"] == fmt_eur(expected.totals["saved_eur"])
    # one figure per metric, so nothing is cut off in the narrow result column
    assert m["Kosten per jaar nu"] == fmt_eur(expected.totals["cost_now_eur"])
    assert m["Kosten onder het voorstel"] == fmt_eur(expected.totals["cost_scenario_eur"])
    assert all(len(v) <= 16 for v in m.values()), m
    assert any("bespaart u" in s.value for s in at.success)
    assert not at.error
    # the assumed inputs are shown as such
    assert any("aangenomen" in md.value for md in at.markdown)
    assert "Rapport als pdf (A4)" in [getattr(b, "label", None) for b in at.get("download_button")]


@pytest.mark.parametrize(("low", "high"), [(25, 26), (49, 50)])
def test_headcount_threshold_changes_status_and_totals(engine, low: int, high: int) -> None:
    at = run_app({"employees": str(low)})
    before, m_before = status_by_title(at), metrics(at)
    at.number_input(key="f_employees").set_value(high).run()
    assert not at.exception
    after, m_after = status_by_title(at), metrics(at)
    today = dt.date.today()
    r_low = check({"employees": low}, "metaalunie-25", today, engine=engine)
    r_high = check({"employees": high}, "metaalunie-25", today, engine=engine)
    changed = {
        a.rule.title.nl
        for a, b in zip(r_low.rules, r_high.rules, strict=True)
        if a.rule.kind == "obligation"
        and (a.applies_now, a.applies_scenario, a.treatment)
        != (b.applies_now, b.applies_scenario, b.treatment)
    }
    assert changed, "the catalogue should have a threshold here"
    shown_changed = {t for t in set(before) | set(after) if before.get(t) != after.get(t)}
    assert shown_changed == changed
    assert m_before["Kosten per jaar nu"] != m_after["Kosten per jaar nu"]
    assert m_after["Kosten per jaar nu"] == fmt_eur(r_high.totals["cost_now_eur"])
    assert m_after["Kosten onder het voorstel"] == fmt_eur(r_high.totals["cost_scenario_eur"])
    if (low, high) == (25, 26):
        title = engine.catalogue.rules_by_id["arbo_rie_toetsing"].title.nl  # Arbowet 14(12)
        assert title not in before  # only rules that apply now or under the proposal are shown
        assert after[title] == ("van toepassing", "van toepassing")
        assert m_after["Besparing per jaar"] == "€\u00a00"  # above the proposal's threshold


def test_invalid_input_shows_message_not_traceback() -> None:
    at = run_app()
    at.number_input(key="f_fte").set_value(40.0).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("Voltijdbanen (fte)" in e and "40" in e for e in errors), errors
    assert not at.metric  # no result for an invalid profile


def test_language_switch_changes_labels() -> None:
    at = run_app()
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Firm check"
    assert "Saving per year" in metrics(at)
    table = obligations_table(at)
    assert "Obligation" in table.columns
    assert (
        "Risk inventory" in " ".join(table["Obligation"])
        or "risk" in " ".join(table["Obligation"]).lower()
    )
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


def test_scenario_and_threshold_and_date_take_effect(engine) -> None:
    at = run_app()
    saved_default = metrics(at)["Besparing per jaar"]
    assert saved_default != "€\u00a00"
    at.slider(key="threshold").set_value(10).run()  # 12 employees: now above the threshold
    assert metrics(at)["Besparing per jaar"] == "€\u00a00"
    at.slider(key="threshold").set_value(50).run()
    r50 = check({"employees": 12}, "metaalunie-25@50", dt.date.today(), engine=engine)
    assert metrics(at)["Besparing per jaar"] == fmt_eur(r50.totals["saved_eur"])
    at.selectbox(key="scenario").set_value("-").run()
    m = metrics(at)
    assert m["Besparing per jaar"] == "€\u00a00"
    now = m["Verplichtingen (nu → voorstel)"].split(" → ")
    assert now[0] == now[1]
    # the reference date: rules not yet valid drop out (the catalogue covers 2020 onwards)
    old = dt.date(2020, 1, 1)
    at.date_input(key="ref_date").set_value(old).run()
    assert not at.exception
    r_old = check({"employees": 12}, None, old, engine=engine)
    assert metrics(at)["Verplichtingen (nu → voorstel)"].startswith(
        fmt_number(r_old.totals["obligations_now"])
    )
    assert at.query_params["date"] in (["2020-01-01"], "2020-01-01")


def test_query_params_round_trip() -> None:
    at = run_app(
        {
            "employees": "30",
            "fte": "27.5",
            "legal_form": "nv",
            "scenario": "metaalunie-25",
            "threshold": "40",
            "date": "2026-07-01",
        }
    )
    assert at.number_input(key="f_employees").value == 30
    assert at.number_input(key="f_fte").value == 27.5
    assert at.selectbox(key="f_legal_form").value == "nv"
    assert at.slider(key="threshold").value == 40
    assert at.date_input(key="ref_date").value == dt.date(2026, 7, 1)
    at.number_input(key="f_employees").set_value(33).run()

    def qp(key: str) -> str:
        v = at.query_params[key]
        return v[-1] if isinstance(v, list) else v

    assert (qp("employees"), qp("fte"), qp("legal_form"), qp("threshold")) == (
        "33",
        "27.5",
        "nv",
        "40",
    )
    # and a link with a bad value still opens, with a warning naming the field
    bad = run_app({"employees": "12", "fte": "99"})
    assert any("fte" in w.value for w in bad.warning)
    assert bad.number_input(key="f_fte").value is None


def test_example_firm_buttons() -> None:
    at = run_app()
    at.button(key="example_toeleverancier-60").click().run()
    assert at.number_input(key="f_employees").value == 60
    assert at.selectbox(key="f_legal_form").value == "bv"
    assert metrics(at)["Besparing per jaar"] == "€\u00a00"


def test_other_pages_render() -> None:
    at = run_app()
    for page in ("app_pages/groeiplanner.py", "app_pages/regels.py", "app_pages/over.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
    at.switch_page("app_pages/groeiplanner.py").run()
    charts = at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    assert charts, "the cliff chart is drawn"
    tests = next(df.value for df in at.dataframe if "Toets" in df.value.columns)["Toets"]
    assert not [t for t in tests if re.match(r"^[a-z0-9]+(_[a-z0-9]+)+ ", t)], list(tests)
    assert any(t.startswith("werknemers (in de regel)") for t in tests), list(tests)
    assert at.date_input(key="ref_date").proto.format == "DD-MM-YYYY"
    at.switch_page("app_pages/bedrijfscheck.py").run()
    assert metrics(at)["Besparing per jaar"] != "€\u00a00"  # settings survived the page switches
