"""AppTest for the policy workbench: the proposal builder page and the side-by-side sections.

The builder is driven through its widgets the way a policy officer would (threshold, SZW
only, a linear phase-out, a start date), its problems must appear in Dutch with the field
named and never as a traceback, and the result must be savable, loadable, shareable and then
selectable on the other pages.  Expected numbers come from the proposal's own definition.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from checker.api import load
from checker.proposal_builder import Draft, build
from checker.proposal_io import LINK_PARAM, dump_proposal
from checker.scenario_model import DEFAULT_SCENARIO, Scenario
from checker.ui.labels import example_member_csv

ROOT = Path(__file__).resolve().parents[1]
BUILDER = str(ROOT / "app_pages" / "voorstel.py")
FIRM = str(ROOT / "app_pages" / "bedrijfscheck.py")
SECTOR = str(ROOT / "app_pages" / "sectoranalyse.py")
MEMBERS = str(ROOT / "app_pages" / "ledenbestand.py")
START = dt.date(2027, 1, 1)
METAALUNIE = ["metaalunie-25", "metaalunie-25-conservatief", "metaalunie-25-maximaal"]


def builder(query: dict[str, str] | None = None, lang: str = "nl") -> AppTest:
    at = AppTest.from_file(BUILDER, default_timeout=120)
    at.session_state["lang"] = lang
    if query:
        at.query_params.update(query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def errors(at: AppTest) -> str:
    """The error boxes as the reader sees them (without Markdown's escaping backslashes)."""
    return "\n".join(e.value for e in at.error).replace("\\", "")


def built_in_session(at: AppTest) -> dict[str, Scenario]:
    found: dict[str, Scenario] = at.session_state["_store"].get("proposals", {})
    return found


def draft_of(at: AppTest) -> Draft:
    draft: Draft = at.session_state["_store"]["draft"]
    return draft


def officer(at: AppTest) -> AppTest:
    """Build '25 employees, SZW only, linear phase-out to 35, from 2027' with the widgets."""
    at.text_input(key="wb_id").input("szw-25-ingroei")
    at.text_input(key="wb_title_nl").input("SZW tot en met 25")
    at.number_input(key="wb_value").set_value(25.0)
    at.multiselect(key="wb_ministries").set_value(["SZW"])
    at.radio(key="wb_phase").set_value("linear")
    at.checkbox(key="wb_has_start").check()
    at.run()
    at.number_input(key="wb_until").set_value(35.0)
    at.date_input(key="wb_start_date").set_value(START)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def tables(at: AppTest) -> list[pd.DataFrame]:
    return [t.value for t in at.table]


# -- build, validate ----------------------------------------------------------------------------


def test_the_officer_builds_the_proposal_with_the_widgets() -> None:
    at = officer(builder())
    assert not errors(at)
    proposal = build(draft_of(at), load().catalogue).scenario
    assert proposal is not None
    assert proposal.id == "szw-25-ingroei"
    assert proposal.scope.ministries == ["SZW"]
    assert proposal.threshold.value == 25 and proposal.threshold.inclusive
    assert proposal.phase_in is not None and proposal.phase_in.until == 35
    assert proposal.effective_from() == START
    # the effect shows at once, on a date from the start on
    chosen = at.date_input(key="wb_date").value
    assert isinstance(chosen, dt.date) and chosen >= START
    labels = {m.label for m in at.metric}
    assert {"Regeldruk bespaard", "Klif boven de drempel", "Verplichtingen gewijzigd"} <= labels
    table = tables(at)[0]
    assert "de verlichting neemt lineair af tot 35" in table.to_string()


def test_problems_are_dutch_name_the_field_and_stop_nothing_else() -> None:
    at = builder()
    at.text_input(key="wb_id").input(DEFAULT_SCENARIO)
    at.radio(key="wb_phase").set_value("linear")
    at.run()
    at.number_input(key="wb_until").set_value(20.0)  # below the threshold of 25
    at.run()
    assert not at.exception
    shown = errors(at)
    assert "Kenmerk" in shown and "al een meegeleverd voorstel" in shown
    assert "Ingroeiregeling › afgebouwd tot (phase_in.until)" in shown
    assert "moet boven de drempel eindigen (eindigt bij 20, drempel 25)" in shown
    assert "Traceback" not in shown and "ValidationError" not in shown
    assert not at.metric  # no effect is computed for an invalid proposal


def test_an_eu_rule_without_its_room_is_refused_and_with_it_accepted() -> None:
    cat = load().catalogue
    eu = next(r for r in cat.rules if r.eu_derived and not r.eu_fixed and r.kind == "obligation")
    at = builder()
    at.selectbox(key="wb_rule_pick").set_value(eu.id)
    at.radio(key="wb_rule_treat").set_value("exempt")
    at.run()
    at.button(key="wb_rule_add").click()
    at.run()
    assert "komt uit EU-recht: noem de EU-bepaling" in errors(at)
    assert eu.title.nl in errors(at)
    at.text_input(key="wb_rule_eu").input("Richtlijn 89/391/EEG art. 9 lid 2")
    at.button(key="wb_rule_add").click()
    at.run()
    assert not errors(at)
    assert draft_of(at).rules[eu.id].eu_room == "Richtlijn 89/391/EEG art. 9 lid 2"


def test_starting_from_a_shipped_proposal_gives_the_same_effect() -> None:
    at = builder()
    at.selectbox(key="wb_start").set_value(DEFAULT_SCENARIO)
    at.button(key="wb_start_btn").click()
    at.run()
    assert not at.exception and not errors(at)
    assert at.text_input(key="wb_id").value == f"{DEFAULT_SCENARIO}-eigen"
    assert str(at.text_input(key="wb_title_nl").value).endswith("(aangepast)")
    firm = _comparison(at)
    row = firm.loc["Regeldruk bespaard per jaar"]
    assert len(row) == 2 and row.iloc[0] == row.iloc[1]  # own copy and the shipped original


# -- keep, save, load, share ------------------------------------------------------------------


def test_a_kept_proposal_is_offered_on_the_other_pages() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/voorstel.py")
    at.run()
    assert at.title[0].value == "Voorstel bouwen"
    officer(at)
    at.button(key="wb_keep").click()
    at.run()
    assert "szw-25-ingroei" in built_in_session(at)
    assert any("staat nu bij de voorstellen" in s.value for s in at.success)
    labels = [str(getattr(b, "label", "")) for b in at.get("download_button")]
    assert "Opslaan als bestand (YAML)" in labels
    # the same session on the firm page: the sidebar and the compare section list it
    at.switch_page("app_pages/bedrijfscheck.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Bedrijfscheck"
    own = "SZW tot en met 25 (eigen voorstel)"
    assert own in at.radio(key="scenario").options
    assert own in at.multiselect(key="cmp_firm_ids").options


def test_a_saved_file_loads_back_into_the_builder() -> None:
    cat = load().catalogue
    proposal = build(
        Draft(id="szw-25-ingroei", title_nl="SZW", ministries=("SZW",), phase="linear", until=35),
        cat,
    ).scenario
    assert proposal is not None
    at = builder()
    at.file_uploader(key="wb_upload").upload(
        "szw.yaml", dump_proposal(proposal).encode(), "application/x-yaml"
    )
    at.run()
    assert not at.exception
    assert any("Voorstel geladen uit szw.yaml" in i.value.replace("\\", "") for i in at.info)
    assert at.text_input(key="wb_id").value == "szw-25-ingroei"
    assert at.radio(key="wb_phase").value == "linear"
    assert at.number_input(key="wb_until").value == 35
    assert build(draft_of(at), cat).scenario == proposal


def test_a_bad_file_is_reported_in_dutch() -> None:
    at = builder()
    bad = b"id: x\ntitle: {nl: x, en: x}\nthreshold: {value: -1}\n"
    at.file_uploader(key="wb_upload").upload("kapot.yaml", bad, "application/x-yaml")
    at.run()
    assert not at.exception
    shown = errors(at)
    assert "Drempel › waarde (threshold.value): moet minstens 0 zijn" in shown
    assert "Beschrijving (description): ontbreekt" in shown


def test_a_share_link_rebuilds_the_proposal() -> None:
    at = officer(builder())
    at.button(key="wb_share").click()
    at.run()
    link = at.code[0].value
    assert f"?{LINK_PARAM}=v1." in link
    token = link.split(f"{LINK_PARAM}=", 1)[1]
    opened = builder({LINK_PARAM: token})
    assert opened.text_input(key="wb_id").value == "szw-25-ingroei"
    assert opened.number_input(key="wb_until").value == 35
    assert opened.date_input(key="wb_start_date").value == START


def test_a_damaged_link_says_so() -> None:
    at = builder({LINK_PARAM: "v1.dit-is-geen-voorstel"})
    assert "beschadigd of onvolledig" in errors(at)


def test_the_builder_speaks_english() -> None:
    at = builder(lang="en")
    assert at.title[0].value == "Build a proposal"
    assert at.radio(key="wb_default").options == ["exempt", "lighter regime", "unchanged"]


# -- side by side on the firm, sector and member-list pages -------------------------------------


def _comparison(at: AppTest) -> pd.DataFrame:
    for frame in tables(at):
        if "Regeldruk bespaard per jaar" in frame.index:
            return frame
    raise AssertionError("no comparison table")


def _compare_on(page: str, key: str, prepare: Any = None, **state: Any) -> AppTest:
    at = AppTest.from_file(page, default_timeout=180)
    for name, value in state.items():
        at.session_state[name] = value
    at.session_state[f"cmp_{key}_ids"] = METAALUNIE
    at.run()
    if prepare is not None:
        prepare(at)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(
    ("page", "key", "kwargs"),
    [
        (FIRM, "firm", {}),
        (SECTOR, "sector", {"pop_scope": "section:C"}),
    ],
)
def test_a_page_compares_the_metaalunie_variants(page: str, key: str, kwargs: Any) -> None:
    at = _compare_on(page, key, **kwargs)
    table = _comparison(at)
    assert len(table.columns) == len(METAALUNIE)
    labels = [str(getattr(b, "label", "")) for b in at.get("download_button")]
    assert {"Vergelijking als Excel", "Vergelijking als pdf"} <= set(labels)
    if key == "sector":
        assert "Bedrijven net boven de drempel (de eerste 5 groottes erboven)" in table.index


def test_the_member_list_compares_the_metaalunie_variants() -> None:
    def upload(at: AppTest) -> None:
        at.file_uploader(key="batch_upload").upload(
            "voorbeeld.csv", example_member_csv(), "text/csv"
        )

    at = _compare_on(MEMBERS, "members", upload)
    table = _comparison(at)
    assert table.loc["Bedrijven bereikt"].map(lambda v: int(v)).max() <= 5  # five members


def test_the_section_waits_for_a_choice() -> None:
    at = AppTest.from_file(FIRM, default_timeout=120)
    at.run()
    assert not at.exception
    assert any("Kies hierboven de voorstellen" in i.value for i in at.info)
    assert not [t for t in tables(at) if "Regeldruk bespaard per jaar" in t.index]
