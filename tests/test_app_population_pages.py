"""AppTest for the Sectoranalyse and Ledenbestand pages (Dutch first, English switchable)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from checker.ui.labels import example_member_csv

PAGES = Path(__file__).resolve().parents[1] / "app_pages"
DUTCH_EUR = re.compile(r"^€\u00a0-?\d{1,3}(\.\d{3})*$")  # € 1.234.567, never € 1,234,567
# A sector total as a reader says it: € 729 miljoen, € 1,23 miljard, € 45.600.
DUTCH_EUR_SHORT = re.compile(r"^€\u00a0(\d{1,3}(,\d{1,2})? (miljoen|miljard)|\d{1,3}(\.\d{3})*)$")
DUTCH_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})*$")


def frames(at: AppTest) -> list[pd.DataFrame]:
    """Every table on the page: data grids and the wrapping HTML tables (app_pages/_tables.py)."""
    return [df.value for df in at.dataframe] + [tb.value for tb in at.table]


def unescaped(text: str) -> str:
    """A wrapping table's cell as the reader sees it (its Markdown escapes removed)."""
    return re.sub(r"\\(.)", r"\1", text)


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
    assert DUTCH_EUR_SHORT.match(metrics["Minder regeldruk per jaar"]), metrics
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
    assert list(sweep.columns[:4]) == [
        "Drempel (werknemers)",
        "Bedrijven bereikt",
        "Minder regeldruk (€ per jaar)",
        "€ per jaar minder lasten",
    ]
    assert not any(c.startswith("What-if") for c in sweep.columns)  # no bunching: not shown
    assert all(DUTCH_EUR.match(v) for v in sweep["€ per jaar minder lasten"]), sweep[
        "€ per jaar minder lasten"
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
    at.session_state["pop_bunching_pct"] = 20
    at.run()
    assert not at.exception
    assert at.title[0].value == "Sector analysis"
    assert {m.label: m.value for m in at.metric}["Firms"] == "75"
    assert any("What-if" in w.value for w in at.warning)
    sweep = table_with(at, "Threshold (employees)")
    assert "What-if: extra saving (€ per year)" in sweep.columns
    assert "What-if: extra firms (staying)" in sweep.columns
    assert "€ per year lower costs" in sweep.columns
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
    assert list(warnings.columns) == ["Rij in bestand", "Naam", "Kolom", "Melding"]
    assert warnings.iloc[0]["Rij in bestand"] == "5" and warnings.iloc[0]["Kolom"] == "fte"
    assert (
        unescaped(warnings.iloc[0]["Naam"]) == "Fout: meer fte dan werknemers"
    )  # the member as typed
    assert "standaardaanname" in warnings.iloc[0]["Melding"]
    members = table_with(at, "€ per jaar minder lasten")
    assert members.columns[0] == "Rij in bestand"
    assert "€ per jaar minder lasten" in members.columns
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


MESSY_MEMBER_LIST = (
    b"Ledenlijst Metaalunie regio Oost;;;;\n"
    b";;;;\n"
    b"Naam;Werknemers;Rechtsvorm;Omzet;SBI\n"
    b"Lasbedrijf Smit;18;B.V.;3.000.000;25.62\n"
    b"Metaalbewerking De Vries;4;Eenmanszaak;450.000;25.62\n"
    b"Constructie Jansen;30;Besloten vennootschap;6.500.000,00;25.11\n"
    b"Machinefabriek Bakker;24;BV;4.200.000;28.41\n"
    b"Holding Pieters;12;Holding;onbekend;25.62\n"
)


def _member_page(scenario: str | None = None, lang: str = "nl") -> AppTest:
    at = AppTest.from_file(str(PAGES / "ledenbestand.py"), default_timeout=60)
    at.session_state["lang"] = lang
    if scenario:
        at.session_state["batch_scenario"] = scenario
    at.run()
    at.file_uploader(key="batch_upload").upload("leden.csv", MESSY_MEMBER_LIST, "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _band_labels(at: AppTest) -> list[str]:
    import json

    chart = (at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart"))[0].proto
    spec = json.loads(chart.spec)
    return list(spec["vconcat"][0]["encoding"]["x"]["sort"])


def _bounds(label: str) -> tuple[int, int | None]:
    if label.endswith("+"):
        return int(label[:-1]), None
    lo, _, hi = label.partition("–")
    return int(lo), int(hi or lo)


def test_member_bands_are_split_at_the_proposals_threshold(engine) -> None:
    """Every band lies wholly inside or wholly outside the proposal: one ends at its last size
    inside, the next starts at its first size outside."""
    from checker.scenario_model import DEFAULT_SCENARIO

    threshold = engine.catalogue.scenario(DEFAULT_SCENARIO).threshold
    at = _member_page()
    bands = [_bounds(label) for label in _band_labels(at)]
    assert bands, "precondition: the example members fill some bands"
    for lo, hi in bands:  # the bands the members fill; no band straddles the threshold
        top = 10**9 if hi is None else hi
        assert top <= threshold.last_inside() or lo >= threshold.first_outside(), (lo, hi)
    note = next(c.value for c in at.caption if c.value.startswith("Klassen in werknemers"))
    assert f"tot en met {threshold.last_inside()} werknemers valt onder het voorstel" in note
    assert f"vanaf {threshold.first_outside()} niet" in note


def test_member_bands_follow_an_fte_threshold_unsplit() -> None:
    at = _member_page("metaalunie-25-fte")
    assert any("niet op gesplitst" in c.value for c in at.caption)


def test_member_summary_leads_with_regeldruk_and_its_margin() -> None:
    at = _member_page()
    headline = at.success[0].value
    assert headline.startswith("### Minder regeldruk voor de leden: €\u00a0")
    assert re.search(r"Marge €\u00a0[\d.]+ tot €\u00a0[\d.]+\.", headline), headline
    assert "financiële lasten" in headline and "UWV" in headline
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Geldige rijen"] == "5 / 5"  # 'B.V.', 'Holding', '3.000.000', a title row
    members = table_with(at, "€ per jaar minder lasten")
    assert len(members) == 5 and members["Rij in bestand"].iloc[0] == "4"
    en = _member_page(lang="en")
    assert en.success[0].value.startswith("### Less regulatory burden for the members:")
