"""AppTest for the Sectoranalyse and Ledenbestand pages (Dutch first, English switchable)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from checker.ui.labels import example_member_csv

PAGES = Path(__file__).resolve().parents[1] / "app_pages"
DUTCH_EUR = re.compile(r"^€\u00a0-?\d{1,3}(\.\d{3})*$")  # € 1.234.567, never € 1,234,567
DUTCH_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})*$")


def frames(at: AppTest) -> list[pd.DataFrame]:
    return [df.value for df in at.dataframe]


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    for frame in frames(at):
        if column in frame.columns:
            return frame
    raise AssertionError(
        f"no table with column '{column}': {[list(f.columns) for f in frames(at)]}"
    )


def download_labels(at: AppTest) -> list[str]:
    return [str(getattr(b, "label", "")) for b in at.get("download_button")]


def test_sectoranalyse_dutch_with_metrics_and_charts():
    at = AppTest.from_file(str(PAGES / "sectoranalyse.py"), default_timeout=120)
    at.session_state["pop_scope"] = "section:C"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Sectoranalyse"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Bedrijven"] == "85.950"  # CBS 81588NED 2024 Q2, C Industrie
    assert DUTCH_EUR.match(metrics["Besparing per jaar"])
    assert len(at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")) == 2
    # the date widget shows the Dutch order
    assert at.date_input(key="pop_date").proto.format == "DD-MM-YYYY"


def test_sectoranalyse_tables_have_dutch_labels_and_notation():
    at = AppTest.from_file(str(PAGES / "sectoranalyse.py"), default_timeout=120)
    at.session_state["pop_scope"] = "section:C"
    at.run()
    assert not at.exception
    shown = frames(at)
    # no raw engine keys in any header
    for frame in shown:
        raw = [c for c in frame.columns if re.fullmatch(r"[a-z]+(_[a-z0-9]+)+", str(c))]
        assert not raw, raw
    sweep = table_with(at, "Drempel (werknemers)")
    assert list(sweep.columns[:3]) == [
        "Drempel (werknemers)",
        "Bedrijven bereikt",
        "€ per jaar bespaard",
    ]
    assert not any(c.startswith("What-if") for c in sweep.columns)  # no bunching: not shown
    assert all(DUTCH_EUR.match(v) for v in sweep["€ per jaar bespaard"]), sweep[
        "€ per jaar bespaard"
    ]
    assert all(DUTCH_NUMBER.match(v) for v in sweep["Bedrijven bereikt"])
    assert sweep["Drempel (werknemers)"].iloc[0] == "5"
    sector = table_with(at, "Sector")
    assert sector["Bedrijven"].iloc[0] == "85.950"
    rules = table_with(at, "Regel")
    assert "€ per jaar nu" in rules.columns
    assert set(rules["Behandeling onder voorstel"]) <= {
        "vrijgesteld",
        "lichter regime",
        "ongewijzigd",
        "niet van toepassing",
    }
    domains = table_with(at, "Domein")
    assert "Arbeidsomstandigheden" in set(domains["Domein"])
    labels = download_labels(at)
    assert "Drempelverloop als CSV" in labels
    assert "Alles als Excel (met formules en bronnen)" in labels
    assert "Rapport als pdf (A4)" in labels


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
    sweep = table_with(at, "Threshold (employees)")
    assert "What-if: extra saving (€ per year)" in sweep.columns
    assert "What-if: extra firms (staying)" in sweep.columns
    assert "€ per year saved" in sweep.columns
    assert "Everything as Excel (with formulas and sources)" in download_labels(at)
    assert "Report as PDF (A4)" in download_labels(at)


def test_ledenbestand_renders_in_both_languages():
    at = AppTest.from_file(str(PAGES / "ledenbestand.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Ledenbestand"
    assert "Formules in cellen worden nooit uitgevoerd" in at.markdown[0].value
    assert "Voorbeeldbestand downloaden (CSV)" in download_labels(at)
    assert at.date_input(key="batch_date").proto.format == "DD-MM-YYYY"
    at.session_state["lang"] = "en"
    at.run()
    assert at.title[0].value == "Member list"
    assert "Download an example file (CSV)" in download_labels(at)


def test_ledenbestand_example_file_gives_labelled_errors_and_results():
    at = AppTest.from_file(str(PAGES / "ledenbestand.py"), default_timeout=60)
    at.run()
    at.file_uploader(key="batch_upload").upload("voorbeeld.csv", example_member_csv(), "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    # The row with more fte than employees is counted with the fte assumption, and listed.
    assert metrics["Geldige rijen"] == "5 / 5"
    assert any(h.value == "Waarschuwingen (lid meegeteld)" for h in at.subheader)
    warnings = table_with(at, "Melding")
    assert list(warnings.columns) == ["Rij in bestand", "Kolom", "Melding"]
    assert warnings.iloc[0]["Rij in bestand"] == "5" and warnings.iloc[0]["Kolom"] == "fte"
    assert "standaardaanname" in warnings.iloc[0]["Melding"]
    members = table_with(at, "Naam")
    assert members.columns[0] == "Rij in bestand"
    assert "€ per jaar bespaard" in members.columns
    assert list(members["Naam"]) == [
        "Metaalbewerking De Vries",
        "Constructiebedrijf Jansen",
        "Machinefabriek Bakker",
        "Fout: meer fte dan werknemers",
        "Lasbedrijf Smit",
    ]
    assert set(members["Bereikt"]) <= {"ja", "nee"}
    assert all(DUTCH_EUR.match(v) for v in members["€ per jaar nu"])
    labels = download_labels(at)
    assert "Resultaten als CSV" in labels
    assert "Resultaten als Excel (met formules en bronnen)" in labels
