"""Streamlit AppTest tests for the firm pages: render, thresholds, errors, language, URL state.

The app is opened on :data:`tests.conftest.REFERENCE_DATE` (through the link's ``date``), so
every figure is compared with :func:`checker.api.check` on the same date.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from checker.api import check
from checker.engine import Engine
from checker.i18n import fmt_eur, fmt_number
from tests.conftest import REFERENCE_DATE

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SCENARIO = "metaalunie-25"


def run_app(query: dict[str, str] | None = None, date: dt.date = REFERENCE_DATE) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"date": date.isoformat(), **(query or {})})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_with(at: AppTest, *columns: str) -> pd.DataFrame:
    """The first table that has all ``columns``."""
    for table in at.table:
        frame = table.value
        if set(columns) <= set(frame.columns):
            return frame
    raise AssertionError(f"no table with columns {columns}")


def obligations_table(at: AppTest) -> pd.DataFrame:
    for columns in (("Verplichting", "Soort lasten"), ("Obligation", "Kind of burden")):
        try:
            return table_with(at, *columns)
        except AssertionError:
            continue
    raise AssertionError("obligations table not found")


def metrics(at: AppTest) -> dict[str, str]:
    """The overview under the headline, as '<row> <column>' → shown value.

    e.g. ``metrics(at)["Lasten in totaal Nu"]``; empty when no result is shown.
    """
    for table in at.table:
        frame = table.value
        if frame.columns[0] == "" and frame.shape[1] >= 2:
            return {
                f"{row} {col}": str(frame.loc[i, col])
                for i, row in enumerate(frame.iloc[:, 0])
                for col in frame.columns[1:]
            }
    return {}


def headline(at: AppTest) -> str:
    boxes = [s.value for s in at.success] + [i.value for i in at.info]
    return next((b for b in boxes if b.startswith("####")), "")


def status_by_title(at: AppTest) -> dict[str, tuple[str, str]]:
    """Per obligation: (€ now or 'geldt niet', effect of the proposal)."""
    table = obligations_table(at)
    return {
        t: (n, e)
        for t, n, e in zip(
            table["Verplichting"], table["€ per jaar nu"], table["Effect voorstel"], strict=True
        )
    }


def nbsp(text: str) -> str:
    return text.replace("\u00a0", " ")


def test_defaults_render(engine: Engine) -> None:
    at = run_app()
    assert at.title[0].value == "Bedrijfscheck"
    assert at.number_input(key="f_employees").value == 12
    expected = check({"employees": 12}, SCENARIO, REFERENCE_DATE, engine=engine)
    m = metrics(at)
    assert m["Lasten in totaal Nu"] == fmt_eur(expected.totals["cost_now_eur"])
    assert m["Lasten in totaal Onder het voorstel"] == fmt_eur(expected.totals["cost_scenario_eur"])
    assert m["Regeldruk Nu"] == fmt_eur(expected.totals["regulatory_now_eur"])
    assert m["Financiële lasten Nu"] == fmt_eur(expected.totals["financial_now_eur"])
    assert "bespaart u" in headline(at) and "regeldruk per jaar" in headline(at)
    assert not at.error
    # the assumed inputs are shown as such
    assert any("aangenomen" in md.value for md in at.markdown)
    assert "Rapport als pdf (A4)" in [getattr(b, "label", None) for b in at.get("download_button")]


EFFECT = {"exempt": "vervalt", "lighter": "lichter", "unchanged": "ongewijzigd"}


def expected_rows(result) -> dict[str, str]:
    """Per obligation shown (it applies now or under the proposal): the effect word."""
    return {
        rr.rule.title.nl: EFFECT[rr.treatment] if rr.applies_now else "van toepassing"
        for rr in result.rules
        if rr.rule.kind == "obligation"
        and not rr.pending
        and (rr.applies_now or rr.applies_scenario)
    }


@pytest.mark.parametrize("which", ["proposal", "law"])
def test_headcount_threshold_changes_status_and_totals(engine: Engine, which: str) -> None:
    scenario = engine.catalogue.scenario(SCENARIO)
    if which == "proposal":
        low, high = scenario.threshold.last_inside(), scenario.threshold.first_outside()
    else:  # a threshold of the law itself: the works-council duty (WOR art. 2) at 50
        low, high = 49, 50
    at = run_app({"employees": str(low)})
    before = {title: effect for title, (_, effect) in status_by_title(at).items()}
    m_before = metrics(at)
    at.number_input(key="f_employees").set_value(high).run()
    assert not at.exception
    after = {title: effect for title, (_, effect) in status_by_title(at).items()}
    m_after = metrics(at)
    r_low = check({"employees": low}, SCENARIO, REFERENCE_DATE, engine=engine)
    r_high = check({"employees": high}, SCENARIO, REFERENCE_DATE, engine=engine)
    assert before == expected_rows(r_low)
    assert after == expected_rows(r_high)
    assert before != after, "the catalogue should have a threshold here"
    assert m_before["Lasten in totaal Nu"] != m_after["Lasten in totaal Nu"]
    assert m_after["Lasten in totaal Nu"] == fmt_eur(r_high.totals["cost_now_eur"])
    assert m_after["Lasten in totaal Onder het voorstel"] == fmt_eur(
        r_high.totals["cost_scenario_eur"]
    )
    if which == "proposal":
        # one employee above the proposal's threshold nothing is relieved, whatever applies
        assert set(after.values()) == {"ongewijzigd"}
        assert m_after["Lasten in totaal Verschil"] == fmt_eur(0)
        assert "boven de drempel" in headline(at)


def test_invalid_input_shows_message_not_traceback() -> None:
    at = run_app()
    at.text_input(key="f_fte").input("40").run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("Voltijdbanen (fte)" in e and "40" in e for e in errors), errors
    assert not metrics(at)  # no result for an invalid profile


def test_language_switch_changes_labels() -> None:
    at = run_app()
    at.segmented_control(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Firm check"
    assert "With the proposal you save" in headline(at)
    table = obligations_table(at)
    assert "risk" in " ".join(table["Obligation"]).lower()
    assert at.query_params["lang"] in (["en"], "en")


def test_scenario_and_threshold_and_date_take_effect(engine: Engine) -> None:
    at = run_app()
    assert metrics(at)["Lasten in totaal Verschil"] != fmt_eur(0)
    at.slider(key="threshold").set_value(10).run()  # 12 employees: now above the threshold
    assert metrics(at)["Lasten in totaal Verschil"] == fmt_eur(0)
    at.slider(key="threshold").set_value(50).run()
    r50 = check({"employees": 12}, f"{SCENARIO}@50", REFERENCE_DATE, engine=engine)
    assert nbsp(metrics(at)["Lasten in totaal Verschil"]) == nbsp(
        "− " + fmt_eur(r50.totals["saved_eur"])
    )
    at.radio(key="scenario").set_value("-").run()
    m = metrics(at)
    assert "Lasten in totaal Verschil" not in m  # no proposal: only today's figures
    assert "Uw bedrijf heeft nu" in headline(at)
    # the reference date: rules not yet valid drop out (the catalogue covers 2020 onwards)
    old = dt.date(2020, 1, 1)
    at.date_input(key="ref_date").set_value(old).run()
    assert not at.exception
    r_old = check({"employees": 12}, None, old, engine=engine)
    assert metrics(at)["Verplichtingen Nu"] == fmt_number(r_old.totals["obligations_now"])
    assert at.query_params["date"] in (["2020-01-01"], "2020-01-01")


def test_query_params_round_trip() -> None:
    at = run_app(
        {
            "employees": "30",
            "fte": "27.5",
            "legal_form": "nv",
            "scenario": SCENARIO,
            "threshold": "40",
            "date": "2026-07-01",
            "name": "Smederij Jansen",
        }
    )
    assert at.number_input(key="f_employees").value == 30
    assert at.text_input(key="f_fte").value == "27,5"  # the link's 27.5 in Dutch notation
    assert at.selectbox(key="f_legal_form").value == "nv"
    assert at.text_input(key="f_name").value == "Smederij Jansen"
    assert at.slider(key="threshold").value == 40
    assert at.date_input(key="ref_date").value == dt.date(2026, 7, 1)
    at.number_input(key="f_employees").set_value(33).run()

    def qp(key: str) -> str:
        v = at.query_params[key]
        return v[-1] if isinstance(v, list) else v

    assert (qp("employees"), qp("fte"), qp("legal_form"), qp("threshold"), qp("name")) == (
        "33",
        "27.5",
        "nv",
        "40",
        "Smederij Jansen",
    )
    # and a link with a bad value still opens, with a warning naming the field
    bad = run_app({"employees": "12", "fte": "99"})
    assert any("Voltijdbanen \\(fte\\)" in w.value for w in bad.warning)
    assert bad.text_input(key="f_fte").value == ""


def test_other_pages_render() -> None:
    at = run_app()
    for page in ("app_pages/groeiplanner.py", "app_pages/regels.py", "app_pages/over.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
    at.switch_page("app_pages/groeiplanner.py").run()
    charts = at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    assert charts, "the cliff chart is drawn"
    tests = table_with(at, "Toets")["Toets"]
    assert not [t for t in tests if re.match(r"^[a-z0-9]+(_[a-z0-9]+)+ ", t)], list(tests)
    assert any(t.startswith("werknemers (in de regel)") for t in tests), list(tests)
    assert at.date_input(key="ref_date").proto.format == "DD-MM-YYYY"
    at.switch_page("app_pages/bedrijfscheck.py").run()
    assert metrics(at)["Lasten in totaal Verschil"] != fmt_eur(0)  # settings survived
