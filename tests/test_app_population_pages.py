"""AppTest for the Sectoranalyse and Ledenbestand pages (Dutch first, English switchable)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

PAGES = Path(__file__).resolve().parents[1] / "app_pages"


def test_sectoranalyse_dutch_with_metrics_and_charts():
    at = AppTest.from_file(str(PAGES / "sectoranalyse.py"), default_timeout=120)
    at.session_state["pop_scope"] = "section:C"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Sectoranalyse"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Bedrijven"] == "85.950"  # CBS 81588NED 2024 Q2, C Industrie
    assert metrics["Besparing per jaar"].startswith("€ ")
    assert len(at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")) == 2


def test_sectoranalyse_english_and_bunching_warning():
    at = AppTest.from_file(str(PAGES / "sectoranalyse.py"), default_timeout=120)
    at.session_state["lang"] = "en"
    at.session_state["pop_scope"] = "division:245 Metaalgieterijen"
    at.session_state["pop_bunching"] = 0.2
    at.run()
    assert not at.exception
    assert at.title[0].value == "Sector analysis"
    assert {m.label: m.value for m in at.metric}["Firms"] == "75"
    assert any("What-if" in w.value for w in at.warning)


def test_ledenbestand_renders_in_both_languages():
    at = AppTest.from_file(str(PAGES / "ledenbestand.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Ledenbestand"
    assert "Formules in cellen worden nooit uitgevoerd" in at.markdown[0].value
    at.session_state["lang"] = "en"
    at.run()
    assert at.title[0].value == "Member list"
