"""AppTest of the Sectoranalyse summary (issue 10 items 8–9, issue 9 items 2 and 5, issue 12
item 2): which population, the regeldruk saving with its margin first, financial costs and the
UWV shift apart, the variant range explained, the what-if as a readable percentage with a
visible effect, the class split labelled with the proposal's threshold, the metal sector as a
labelled estimate, and the own-download route with its steps and example file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from checker.engine import Engine
from checker.population import scope_counts
from checker.population.cbs_example import example_statline_csv
from checker.population.metal import METAL_SCOPE
from checker.scenario_model import DEFAULT_SCENARIO

PAGE = str(Path(__file__).resolve().parents[1] / "app_pages" / "sectoranalyse.py")
AMOUNT = r"€\u00a0\d{1,3}(,\d{1,2})? (miljoen|miljard)"  # € 444 miljoen, € 7,27 miljoen
DUTCH_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})*$")


def run_page(**state: Any) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=180)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(elements: Any) -> list[str]:
    return [str(e.value) for e in elements]


def chart_specs(at: AppTest) -> list[dict[str, Any]]:
    charts = at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    return [json.loads(c.proto.spec) for c in charts]


@pytest.fixture(scope="module")
def section_c() -> AppTest:
    return run_page(pop_scope="section:C")


def test_the_summary_says_which_population_it_covers(section_c: AppTest) -> None:
    line = next(m for m in texts(section_c.markdown) if m.startswith("**Deze analyse gaat over:**"))
    assert "C Industrie" in line and "85.950 bedrijven" in line  # CBS 81588NED 2024 Q2
    assert "CBS 81588NED, 2e kwartaal 2024 (voorlopig)" in line


def test_regeldruk_leads_with_its_margin_and_financial_costs_apart(section_c: AppTest) -> None:
    headline = texts(section_c.success)[0]
    first, *rest = headline.split("\n\n")
    assert re.fullmatch(rf"### Minder regeldruk: {AMOUNT} per jaar", first), first
    assert re.search(rf"Marge {AMOUNT} tot {AMOUNT}\.", rest[0]), rest[0]
    assert "administratieve lasten en inhoudelijke nalevingskosten" in rest[0]
    financial = rest[1]
    assert "financiële lasten" in financial and "loondoorbetaling bij ziekte" in financial
    assert (
        "UWV" in financial and "die kosten verdwijnen niet, iemand anders betaalt ze" in financial
    )
    metrics = {m.label: m.value for m in section_c.metric}
    assert re.fullmatch(AMOUNT, metrics["Minder regeldruk per jaar"])
    assert first.endswith(f"{metrics['Minder regeldruk per jaar']} per jaar")
    assert DUTCH_NUMBER.match(metrics["Bedrijven"]) and metrics["Bedrijven"] == "85.950"


def test_no_total_is_shown_to_the_euro(section_c: AppTest) -> None:
    """'€ 444.123.456' suggests a precision no model has: totals are rounded in words."""
    shown = " ".join(texts(section_c.success) + texts(section_c.caption))
    assert not re.search(r"€\u00a0\d{1,3}\.\d{3}\.\d{3}", shown), shown


def test_margin_and_variant_range_are_explained_in_a_sentence(section_c: AppTest) -> None:
    caption = next(c for c in texts(section_c.caption) if c.startswith("**Marge:**"))
    assert "1.000 keer herhaald" in caption and "90% van de uitkomsten" in caption
    assert re.search(rf"\*\*Bandbreedte over de varianten \({AMOUNT} – {AMOUNT} minder", caption)
    assert "voorzichtige en een ruime variant" in caption
    assert "hoeveel die keuze uitmaakt" in caption


def test_the_size_class_chart_keeps_regeldruk_and_financial_costs_apart(
    section_c: AppTest,
) -> None:
    spec = chart_specs(section_c)[0]
    color = spec["vconcat"][0]["encoding"]["color"]
    assert color["scale"]["domain"] == ["minder regeldruk", "minder financiële lasten"]


def test_the_class_split_follows_the_proposals_threshold(engine: Engine) -> None:
    at_most = engine.catalogue.scenario(DEFAULT_SCENARIO).threshold.last_inside()
    at = run_page(pop_scope="section:C")
    label = next(c.label for c in at.checkbox if c.key == "pop_split_override")
    assert f"tot en met {at_most} werkzame personen" in label
    default = next(c for c in texts(at.caption) if c.startswith("**Marge:**"))
    assert f"ten hoogste {at_most} werkzame personen (geschat uit de verdeling" in default
    own = run_page(
        pop_scope="section:C", pop_split_override=True, **{f"pop_split_pct_{at_most}": 60}
    )
    slider = own.slider(key=f"pop_split_pct_{at_most}")
    assert f"met ten hoogste {at_most} werkzame personen" in slider.label
    assert slider.proto.format == "%d%%"
    used = next(c for c in texts(own.caption) if c.startswith("**Marge:**"))
    assert f"telt 60% als ten hoogste {at_most} werkzame personen (zelf ingesteld" in used


def test_a_proposal_at_another_threshold_relabels_the_split() -> None:
    """A proposal whose threshold is not a headcount does not pretend to split a class."""
    at = run_page(pop_scope="section:C", pop_scenario="metaalunie-25-fte")
    assert not [c for c in at.checkbox if c.key == "pop_split_override"]
    assert any("geen aantal personen" in c for c in texts(at.caption))


def test_the_what_if_is_a_percentage_with_a_sentence_and_a_visible_effect() -> None:
    at = run_page(pop_scope="section:C", pop_bunching_pct=20)
    slider = at.slider(key="pop_bunching_pct")
    assert slider.value == 20 and slider.proto.format == "%d%%"
    warning = texts(at.warning)[-1]
    assert warning.startswith("**What-if:** stel dat 20% van de bedrijven")
    assert "per jaar meer" in warning and "geen voorspelling" in warning
    specs = chart_specs(at)
    lines = specs[1]["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert "samen, met de what-if" in lines
    bars = specs[2]["layer"][0]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["y"]["axis"]["title"] == "extra (what-if)"
    assert bars["encoding"]["x"]["scale"] == specs[1]["layer"][0]["encoding"]["x"]["scale"]
    without = chart_specs(run_page(pop_scope="section:C"))
    assert len(without) == 2  # no what-if: no orange line, no bars
    assert "samen, met de what-if" not in json.dumps(without[1])


def test_the_metal_sector_is_built_in_and_labelled_an_estimate() -> None:
    at = run_page(pop_scope=METAL_SCOPE)
    firms = int(scope_counts(METAL_SCOPE)["count"].sum())
    assert {m.label: m.value for m in at.metric}["Bedrijven"] == f"{firms:,}".replace(",", ".")
    line = next(m for m in texts(at.markdown) if m.startswith("**Deze analyse gaat over:**"))
    assert "Metaal: SBI 24, 25, 28 en 33 (schatting)" in line
    assert "schatting uit CBS 81588NED" in line
    info = texts(at.info)[0]
    assert info.startswith("Dit is een schatting.") and "aanname" in info
    option = at.selectbox(key="pop_scope__nl")
    assert "(schatting)" in option.format_func(METAL_SCOPE)


def test_english_summary_uses_english_words() -> None:
    at = run_page(lang="en", pop_scope=METAL_SCOPE)
    assert texts(at.success)[0].startswith("### Less regulatory burden:")
    assert re.search(r"€\d{1,3}(\.\d{1,2})? (million|billion)", texts(at.success)[0])
    line = next(m for m in texts(at.markdown) if m.startswith("**This analysis covers:**"))
    assert "Metal: SBI 24, 25, 28 and 33 (estimate)" in line
    assert texts(at.info)[0].startswith("This is an estimate.")


def test_own_download_route_has_steps_an_example_and_reads_the_example() -> None:
    at = run_page(pop_scope="__upload__")
    steps = next(m for m in texts(at.markdown) if m.startswith("1. Open tabel **81588NED**"))
    assert "https://www.cbs.nl/nl-nl/cijfers/detail/81588NED" in steps
    assert "6. Kies het bestand hieronder" in steps
    labels = [str(getattr(b, "label", "")) for b in at.get("download_button")]
    assert "Voorbeeldbestand (CSV met echte CBS-cijfers)" in labels
    assert any("Nog geen bestand gekozen" in i for i in texts(at.info))
    at.file_uploader(key="pop_upload").upload("cbs.csv", example_statline_csv(), "text/csv")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    line = next(m for m in texts(at.markdown) if m.startswith("**Deze analyse gaat over:**"))
    assert "eigen CBS-download" in line and "75 bedrijven" in line  # 245 Metaalgieterijen


def test_a_language_switch_keeps_the_chosen_population_and_shows_it_in_english() -> None:
    """Widget values are codes: after NL→EN the same population is shown, in English words."""
    at = run_page(pop_scope="section:C")
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    box = at.selectbox(key="pop_scope__en")
    assert box.value == "section:C"
    assert box.format_func(box.value).startswith("C Manufacturing (CBS 81588NED, Q2 2024")
    assert {m.label: m.value for m in at.metric}["Firms"] == "85,950"


def test_choosing_another_population_in_the_list_takes_effect() -> None:
    at = run_page(pop_scope="section:C")
    at.selectbox(key="pop_scope__nl").select("section:F").run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Bedrijven"] == "268.475"  # F, 81588NED 2024 Q2
    at.selectbox(key="pop_scope__nl").select(METAL_SCOPE).run()
    assert texts(at.info)[0].startswith("Dit is een schatting.")
