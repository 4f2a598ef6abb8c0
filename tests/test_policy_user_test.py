"""The policy pages after the user test (sectoranalyse, voorstel/compare, kalibratie,
ledenbestand): each point the tester raised, as a test that fails when it comes back.

* werkzame personen (CBS: owners and employees) against werknemers (the proposal's count);
* compare charts: whole-number ticks on counts, room after the longest bar for its value;
* the calibration texts follow the numbers and the catalogue instead of fixed words;
* a skipped member is named (row and name as typed) on the page, in the CSV and in the
  workbook's Fouten sheet.

Expectations are written out by hand; the threshold comes from the proposal's data.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from checker.calibration import Calibration, calibrate
from checker.calibration_view import (
    catalogue_domains,
    coverage_intro,
    direction,
    level_text,
    shares_text,
)
from checker.engine import Engine
from checker.population import build_population, run_batch
from checker.population.member_messages import (
    member_messages,
    results_with_messages,
    skipped_members,
)
from checker.population.workbook_args import batch_args
from checker.scenario_model import DEFAULT_SCENARIO
from checker.ui.compare_charts import comparison_panels
from tests.conftest import REFERENCE_DATE
from tests.xlsx_lookup import records

PAGES = Path(__file__).resolve().parents[1] / "app_pages"

# -- werkzame personen and werknemers ------------------------------------------------------


def _vega_specs(at: AppTest) -> list[dict]:
    charts = at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    return [json.loads(c.proto.spec) for c in charts]


def test_sector_page_says_cbs_classes_count_persons_and_the_proposal_employees(
    engine: Engine,
) -> None:
    """A bv's director-owner is a person employed but no employee: the example uses the
    proposal's own threshold (N employees = N + 1 werkzame personen for a bv)."""
    threshold = engine.catalogue.scenario(DEFAULT_SCENARIO).threshold
    inside = threshold.last_inside()
    at = AppTest.from_file(str(PAGES / "sectoranalyse.py"), default_timeout=180)
    at.session_state["pop_scope"] = "section:C"
    at.session_state["pop_date"] = REFERENCE_DATE
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    note = next(c.value for c in at.caption if c.value.startswith("Grootteklassen"))
    assert "in werkzame personen, zoals het CBS telt" in note
    assert f"Een bv met {inside + 1} werkzame personen" in note
    assert f"heeft {inside} werknemers en valt dus onder de drempel" in note
    x_titles = [
        s["vconcat"][0]["encoding"]["x"].get("title") for s in _vega_specs(at) if "vconcat" in s
    ]
    assert "Werkzame personen (CBS-klasse)" in x_titles


def test_member_bands_are_in_employees_not_persons() -> None:
    """A member list gives werknemers, so its bands are not called CBS classes of persons."""
    at = AppTest.from_file(str(PAGES / "ledenbestand.py"), default_timeout=60)
    at.run()
    at.file_uploader(key="batch_upload").upload("leden.csv", MEMBERS_WITH_PROBLEMS, "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    spec = _vega_specs(at)[0]
    assert spec["vconcat"][0]["encoding"]["x"]["title"] == "Werknemers"
    assert "werkzame" not in json.dumps(spec).lower()


# -- compare charts ------------------------------------------------------------------------

COMPARISON = pd.DataFrame(
    {
        "proposal": ["a", "b"],
        "regulatory_saved": [11_899_231.0, 2_000_000.0],
        "regulatory_saved_low": [9_000_000.0, 1_500_000.0],
        "regulatory_saved_high": [14_000_000.0, 2_500_000.0],
        "financial_saved": [500_000.0, 0.0],
        "firms_reached": [3.0, 1.0],
        "firms_just_above": [1.0, 0.0],
        "cliff_eur": [4_000.0, 1_000.0],
        "obligations_changed": [2.0, 1.0],
    }
)
LABELS = {"a": "Metaalunie: drempel tot en met 25 werknemers (ruime variant)", "b": "Kort"}


def _layers(chart) -> list[dict]:
    return chart.to_dict()["layer"]


def test_count_panels_tick_in_whole_numbers_only() -> None:
    """Three firms reached must not get ticks 0, 0.5, 1 … shown as '0, 1, 1, 2'."""
    panels = dict(comparison_panels(COMPARISON, LABELS, "nl", "population"))
    for title in ("Bedrijven bereikt", "Verplichtingen die veranderen"):
        if title not in panels:
            continue
        axis = _layers(panels[title])[0]["encoding"]["x"]["axis"]
        assert axis["tickMinStep"] == 1, title
    assert "Bedrijven bereikt" in panels


def test_the_longest_bar_leaves_room_for_its_value() -> None:
    """The value is written after the bar (after the interval's high end): the axis runs on
    past the highest end, here 14.000.000, so '€ 11.899.231' is not cut at the edge."""
    panels = comparison_panels(COMPARISON, LABELS, "nl", "population")
    title, saved = panels[0]
    domain = _layers(saved)[0]["encoding"]["x"]["scale"]["domain"]
    assert domain[0] == 0
    assert domain[1] >= 14_000_000 * 1.3
    assert title == "Minder regeldruk per jaar" or "regeldruk" in title.lower()


def test_a_firm_comparison_has_no_population_panels() -> None:
    titles = [title for title, _ in comparison_panels(COMPARISON, LABELS, "nl", "firm")]
    assert "Bedrijven bereikt" not in titles and titles


def test_proposal_names_are_written_whole_above_their_bars() -> None:
    """Names as a text layer above the bar (no y axis that cuts them at 240 px)."""
    _title, chart = comparison_panels(COMPARISON, LABELS, "nl", "population")[0]
    layers = _layers(chart)
    assert layers[0]["encoding"]["y"]["axis"] is None
    names = [
        layer
        for layer in layers
        if layer["mark"].get("type") == "text" and layer["encoding"]["text"]["field"] == "label"
    ]
    assert names and names[0]["mark"]["limit"] >= 1000


# -- calibration texts follow the data -----------------------------------------------------


def test_direction_of_the_model_against_a_published_figure() -> None:
    """Within 10% of the published figure counts as level; beyond it lower or higher."""
    assert direction(810, 2900) == "lower"
    assert direction(2609, 2900) == "lower"
    assert direction(2610, 2900) == "level"  # exactly 10% below
    assert direction(3190, 2900) == "level"  # exactly 10% above
    assert direction(3191, 2900) == "higher"


@pytest.fixture(scope="module")
def calibration(engine: Engine) -> Calibration:
    return calibrate(engine, REFERENCE_DATE, population=build_population("nl", engine))


def test_level_text_says_lower_only_when_the_model_is_lower(calibration: Calibration) -> None:
    """The published EIM level is € 2.900 (< 10 employees) and € 900 (100–250)."""
    assert calibration.classes is not None
    low = dataclasses.replace(calibration.classes, administrative=(800.0, 200.0))
    text = level_text(dataclasses.replace(calibration, classes=low), "nl")
    assert text is not None
    assert (
        "bij bedrijven met minder dan 10 werknemers, lager dan de gepubliceerde €\u00a02.900"
        in text
    )
    assert "bij 100 tot 250 werknemers, lager dan de gepubliceerde €\u00a0900" in text
    assert "Dat is te verwachten" in text
    high = dataclasses.replace(calibration.classes, administrative=(3_500.0, 910.0))
    text = level_text(dataclasses.replace(calibration, classes=high), "nl")
    assert text is not None
    assert "hoger dan de gepubliceerde €\u00a02.900" in text
    assert "ongeveer gelijk aan de gepubliceerde €\u00a0900" in text
    assert "te verwachten" not in text and "vraagt uitleg" in text


def test_shares_text_names_the_published_year_and_explains_only_a_lower_share(
    calibration: Calibration, engine: Engine
) -> None:
    """EIM: 79% of administrative burden on firms below 10 employees in 2002."""
    assert calibration.classes is not None
    sources = engine.catalogue.sources
    lower = dataclasses.replace(calibration.classes, share_small=0.50, share_large=0.30)
    text = shares_text(dataclasses.replace(calibration, classes=lower), sources, "nl")
    assert text is not None
    assert "bedrijven met minder dan 10 werknemers 50%" in text
    assert "voor 2002 op 79% en 7%" in text
    assert "Het verschil komt vooral" in text
    same = dataclasses.replace(calibration.classes, share_small=0.80, share_large=0.07)
    text = shares_text(dataclasses.replace(calibration, classes=same), sources, "nl")
    assert text is not None and "Het verschil komt" not in text


def test_catalogue_domains_counts_rules_per_domain_most_first() -> None:
    table = catalogue_domains(["arbo", "privacy_cyber", "arbo", "arbo"], "nl")
    assert list(table["domain"]) == ["arbo", "privacy_cyber"]
    assert list(table["obligations"]) == [3, 1]


def test_coverage_intro_counts_the_rules_in_force(calibration: Calibration) -> None:
    rules = [SimpleNamespace(domain=d) for d in ("arbo", "arbo", "arbo", "privacy_cyber")]
    catalogue = SimpleNamespace(rules_valid_on=lambda date: rules)
    text = coverage_intro(calibration, catalogue, "nl")  # type: ignore[arg-type]
    assert "telt de catalogus 4 verplichtingen in 2 domeinen" in text
    assert re.search(r": Arbeidsomstandigheden \(3\), [^,]+ \(1\)\.", text), text


def test_calibration_page_counts_what_its_catalogue_holds(engine: Engine) -> None:
    """The page's count is the number of rules in force on its date, whatever the catalogue."""
    in_force = engine.catalogue.rules_valid_on(REFERENCE_DATE)
    at = AppTest.from_file(str(PAGES / "kalibratie.py"), default_timeout=180)
    at.session_state["cal_date"] = REFERENCE_DATE
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    body = " ".join(m.value for m in at.markdown)
    assert f"telt de catalogus {len(in_force)} verplichtingen" in body


# -- skipped members named on the page, in the CSV and in the workbook ----------------------

MEMBERS_WITH_PROBLEMS = (
    b"Naam;Werknemers;Omzet\n"
    b"Lasbedrijf Smit;18;3.000.000\n"
    b"Bouwbedrijf Zonder Telling;;1.000.000\n"
    b"Metaal De Vries;4;onbekend\n"
    b";veel;200.000\n"
)
# Row numbers as in the file: the header is row 1.
SKIPPED = [(3, "Bouwbedrijf Zonder Telling"), (5, "")]


def test_skipped_rows_are_named_by_row_and_member() -> None:
    from checker.population.batch import read_member_file

    inp = read_member_file(MEMBERS_WITH_PROBLEMS, "leden.csv")
    assert skipped_members(inp) == SKIPPED
    messages = member_messages(inp, "nl")
    row3 = messages[messages["row"] == 3].iloc[0]
    assert row3["name"] == "Bouwbedrijf Zonder Telling"
    assert row3["message"].startswith("overgeslagen: ")
    assert "werknemers ontbreekt" in row3["message"]
    row4 = messages[messages["row"] == 4].iloc[0]  # 'onbekend' turnover left out, member kept
    assert row4["name"] == "Metaal De Vries" and "lid meegeteld" in row4["message"]


def test_results_csv_holds_every_row_of_the_file(engine: Engine) -> None:
    res = run_batch(MEMBERS_WITH_PROBLEMS, "leden.csv", engine, date=REFERENCE_DATE)
    table = results_with_messages(res, "nl")
    rows = table.dropna(subset=["row"])
    assert [int(r) for r in rows["row"]] == [2, 3, 4, 5]
    counted = dict(zip((int(r) for r in rows["row"]), rows["counted"], strict=True))
    assert counted == {2: "ja", 3: "nee", 4: "ja", 5: "nee"}
    skipped = rows[rows["row"] == 3].iloc[0]
    assert skipped["name"] == "Bouwbedrijf Zonder Telling"
    assert "overgeslagen" in skipped["messages"]


def test_workbook_fouten_sheet_names_the_skipped_member(engine: Engine) -> None:
    res = run_batch(MEMBERS_WITH_PROBLEMS, "leden.csv", engine, date=REFERENCE_DATE)
    args = batch_args(res, engine, "leden.csv", "nl")
    assert args is not None
    wb = load_workbook(io.BytesIO(args.to_bytes("nl")))
    listed = [
        {h: cell.value for h, cell in r.items()}
        for r in records(wb["Fouten"], "Rij in bestand", "Naam", "Melding")
    ]
    by_row = {int(r["Rij in bestand"]): r for r in listed}
    assert by_row[3]["Naam"] == "Bouwbedrijf Zonder Telling"
    assert str(by_row[3]["Melding"]).startswith("overgeslagen")
    assert "lid meegeteld" in str(by_row[4]["Melding"])
    assert 5 in by_row


def test_member_page_names_the_skipped_members() -> None:
    at = AppTest.from_file(str(PAGES / "ledenbestand.py"), default_timeout=60)
    at.run()
    at.file_uploader(key="batch_upload").upload("leden.csv", MEMBERS_WITH_PROBLEMS, "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    warning = next(w.value for w in at.warning if "Overgeslagen:" in w.value)
    assert "rij 3 (Bouwbedrijf Zonder Telling)" in warning
    assert "rij 5 (zonder naam)" in warning
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Geldige rijen"] == "2 / 4"
