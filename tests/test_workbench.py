"""The policy workbench without the app: proposal files and links, the builder, comparisons,
the growth incentive and the comparison documents.

Expectations are written from the proposal's own words ("25 employees, SZW only, linear
phase-out to 35, from 2027": full relief at 25, half at 30, none at 35, nothing before 2027)
and from the statute (WOR art. 2 lid 1: a works council from 50 persons), never read back
from the code under test.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import shutil
import subprocess
import zlib
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.api import CheckResult, RuleResult, check
from checker.catalogue import Catalogue, load_catalogue
from checker.compare import compare_firm, compare_population
from checker.engine import Engine
from checker.export.comparison import (
    CatalogueMismatchError,
    ComparisonReport,
    comparison_pdf_bytes,
    comparison_workbook_bytes,
)
from checker.incentive import firms_at_thresholds, marginal_curves, thresholds_of
from checker.profile import parse_profile
from checker.proposal_builder import (
    DomainChoice,
    Draft,
    LawChoice,
    RuleChoice,
    build,
    derived_id,
    draft_from_scenario,
    law_thresholds,
)
from checker.proposal_io import (
    MAX_LINK_CHARS,
    MAX_PROPOSAL_BYTES,
    LinkTooLong,
    decode_link,
    dump_proposal,
    encode_link,
    parse_proposal,
)
from checker.relief import plan_rules
from checker.scenario_model import DEFAULT_SCENARIO, Scenario
from checker.ui.compare_charts import short_labels
from checker.ui.compare_table import display_table
from tests.conftest import REFERENCE_DATE

ROOT = Path(__file__).resolve().parents[1]
START = dt.date(2027, 1, 1)
AFTER_START = dt.date(2027, 6, 1)
UNTRANSLATED = "(melding in het Engels)"


def officer_draft() -> Draft:
    """The issue's proposal: 25 employees, SZW only, linear phase-out to 35, from 2027."""
    return Draft(
        id="szw-25-ingroei",
        title_nl="SZW tot en met 25 werknemers, ingroei tot 35",
        ministries=("SZW",),
        value=25,
        phase="linear",
        until=35,
        start=START,
    )


@pytest.fixture(scope="module")
def officer(catalogue: Catalogue) -> Scenario:
    result = build(officer_draft(), catalogue)
    assert result.scenario is not None, [p.text("nl") for p in result.problems]
    return result.scenario


# -- files: the format the catalogue (and so the CLI) reads ------------------------------------


@pytest.mark.parametrize("sid", ["metaalunie-25", "metaalunie-25-fte", "metaalunie-25-maximaal"])
def test_a_shipped_proposal_survives_dump_and_load(catalogue: Catalogue, sid: str) -> None:
    scenario = catalogue.scenarios[sid]
    loaded = parse_proposal(dump_proposal(scenario, "een opmerking\nover twee regels"), catalogue)
    assert loaded.scenario == scenario
    assert not loaded.problems


def test_a_built_proposal_is_read_by_the_catalogue_as_a_shipped_one(
    officer: Scenario, tmp_path: Path
) -> None:
    """Dropped into rules/scenarios/, the saved file loads like any shipped proposal."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "scenarios" / f"{officer.id}.yaml").write_text(dump_proposal(officer), "utf-8")
    catalogue = load_catalogue(rules, ROOT / "data")
    assert catalogue.scenarios[officer.id] == officer


def test_the_file_is_plain_yaml_a_person_can_read(officer: Scenario) -> None:
    text = dump_proposal(officer, "Voorstel ‘SZW’")
    assert text.startswith("# Voorstel ‘SZW’\n")
    assert "value: 25\n" in text and "until: 35\n" in text  # whole numbers without .0
    assert "- from: 2027-01-01\n" in text  # a plain YAML date
    assert "null" not in text and "[]" not in text and "{}" not in text


# -- files: problems, in the reader's language, never a traceback ------------------------------

BASE = """id: probeer
title: {nl: Probeer, en: Try}
description: {nl: Probeer, en: Try}
threshold: {measure: employees, value: 25}
default_rationale: {nl: waarom, en: why}
"""


@pytest.mark.parametrize(
    ("extra", "field", "dutch"),
    [
        (
            "treatments:\n  arbo_rie: {treatment: exempt, rationale: {nl: x, en: x}}\n",
            "treatments.arbo_rie.eu_room",
            "komt uit EU-recht: noem de EU-bepaling",
        ),
        ("phase_in: {kind: linear}\n", "phase_in", "heeft ‘until’ nodig"),
        (
            "phase_in: {kind: linear, until: 20}\n",
            "phase_in.until",
            "moet boven de drempel eindigen",
        ),
        ("default_treatment: lighter\ndefault_factor: 1.5\n", "default_factor", "hoogstens 1"),
        ("colour: blue\n", "colour", "onbekende sleutel"),
        (
            "law_changes:\n  - {rule: wor_ondernemingsraad, measure: persons_wor, from: 40,"
            " to: 75, rationale: {nl: x, en: x}}\n",
            "law_changes[0]",
            "kent geen toets op",
        ),
        ("steps:\n  - {from: 2027-13-01, value: 25}\n", "steps[0].from", "moet een datum zijn"),
    ],
)
def test_a_bad_proposal_file_names_the_field_in_dutch(
    catalogue: Catalogue, extra: str, field: str, dutch: str
) -> None:
    loaded = parse_proposal(BASE + extra, catalogue)
    assert loaded.scenario is None
    found = [p for p in loaded.errors if p.field == field]
    assert found, [(p.field, p.text("nl")) for p in loaded.problems]
    assert dutch in found[0].text("nl")
    assert UNTRANSLATED not in found[0].text("nl")


def test_an_eu_fixed_rule_cannot_be_treated_and_the_reader_is_told_why(
    catalogue: Catalogue,
) -> None:
    fixed = next(r for r in catalogue.rules if r.eu_fixed and r.kind == "obligation")
    text = (
        BASE
        + f"treatments:\n  {fixed.id}: {{treatment: exempt, rationale: {{nl: x, en: x}},"
        + " eu_room: {nl: x, en: x}}\n"
    )
    loaded = parse_proposal(text, catalogue)
    assert loaded.scenario is None
    message = next(p for p in loaded.errors if p.field == f"treatments.{fixed.id}").text("nl")
    assert fixed.title.nl in message  # the title, not the id
    assert "geen ruimte laat voor een uitzondering voor kleine bedrijven" in message


@pytest.mark.parametrize(
    ("data", "dutch"),
    [
        (b"a: 1\na: 2\n", "staat twee keer in het bestand (regel 2)"),
        (b"- een\n- lijst\n", "tabel van sleutels en waarden"),
        (b"\xff\xfe\x00", "geen UTF-8"),
        (b"id: [unclosed\n", "geen geldige YAML"),
        (
            b'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
            + b"".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
                f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
                f"*{chr(97 + i)}]\n".encode()
                for i in range(8)
            ),
            "verwijst te vaak naar zichzelf",
        ),
        (b"x" * (MAX_PROPOSAL_BYTES + 1), "hoogstens 200 kB"),
    ],
)
def test_a_broken_file_is_one_clear_problem(catalogue: Catalogue, data: bytes, dutch: str) -> None:
    loaded = parse_proposal(data, catalogue)
    assert loaded.scenario is None
    assert any(dutch in p.text("nl") for p in loaded.problems), [
        p.text("nl") for p in loaded.problems
    ]


def test_invisible_control_characters_are_refused_where_they_are(catalogue: Catalogue) -> None:
    """A bell character in a title would break the workbook's XML and the chart renderer."""
    loaded = parse_proposal(BASE.replace("Probeer, en", '"Probeer\\a", en'), catalogue)
    assert loaded.scenario is None
    assert [p.field for p in loaded.problems] == ["title.nl", "description.nl"]
    assert "onzichtbaar stuurteken" in loaded.problems[0].text("nl")
    built = build(officer_draft().replace(title_nl="SZW\x07"), catalogue)
    assert built.scenario is None and built.errors[0].field == "title.nl"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400)))
def test_no_input_makes_the_reader_raise(data: bytes | str) -> None:
    from checker.api import load

    catalogue = load().catalogue
    loaded = parse_proposal(data, catalogue)
    assert loaded.scenario is None or isinstance(loaded.scenario, Scenario)
    for p in loaded.problems:
        assert p.text("nl") and p.text("en")


# -- links ----------------------------------------------------------------------------------


def test_a_link_carries_the_proposal_exactly(catalogue: Catalogue, officer: Scenario) -> None:
    for scenario in (officer, *catalogue.scenarios.values()):
        token = encode_link(scenario)
        assert len(token) <= MAX_LINK_CHARS
        assert token.isascii() and "=" not in token and "+" not in token and "/" not in token
        assert decode_link(token, catalogue).scenario == scenario


def test_a_proposal_too_big_for_a_link_says_how_big(catalogue: Catalogue) -> None:
    import secrets

    base = catalogue.scenarios[DEFAULT_SCENARIO]
    noise = secrets.token_hex(4000)  # incompressible text
    big = base.model_copy(update={"description": base.description.model_copy(update={"nl": noise})})
    with pytest.raises(LinkTooLong) as exc:
        encode_link(big)
    assert exc.value.length > MAX_LINK_CHARS == exc.value.limit


@pytest.mark.parametrize(
    "token",
    [
        "",
        "v2.abc",
        "v1.",
        "v1.!!!!",
        "v1." + base64.urlsafe_b64encode(b"not zlib").decode(),
        "v1." + base64.urlsafe_b64encode(zlib.compress(b"[1, 2]")).decode(),
        "v1." + base64.urlsafe_b64encode(zlib.compress(b'{"id": 1, "id": 2}')).decode(),
        # a zip bomb: 50 MB of spaces in a few kB, inflated only up to the limit
        "v1." + base64.urlsafe_b64encode(zlib.compress(b" " * 50_000_000, 9)).decode().rstrip("="),
    ],
)
def test_a_damaged_link_is_refused_with_a_message(catalogue: Catalogue, token: str) -> None:
    loaded = decode_link(token, catalogue)
    assert loaded.scenario is None
    assert loaded.problems and all(p.text("nl") for p in loaded.problems)


def test_a_cut_off_link_is_refused(catalogue: Catalogue, officer: Scenario) -> None:
    token = encode_link(officer)
    loaded = decode_link(token[: len(token) // 2], catalogue)
    assert loaded.scenario is None
    assert "beschadigd of onvolledig" in loaded.problems[0].text("nl")


# -- the builder: what the officer asked for ----------------------------------------------------


def _szw_national(result: CheckResult) -> list[RuleResult]:
    return [
        r
        for r in result.rules
        if r.rule.ministry == "SZW"
        and r.rule.kind == "obligation"
        and not r.rule.eu_derived
        and r.applies_now
    ]


def test_officer_proposal_full_relief_up_to_25(engine: Engine, officer: Scenario) -> None:
    at = officer.threshold.last_inside()
    result = check({"employees": at}, officer, AFTER_START, engine=engine, draws=0)
    szw = _szw_national(result)
    assert szw and all(r.relief_share == 1 and r.treatment == "exempt" for r in szw)


def test_officer_proposal_half_relief_at_30_none_at_35(engine: Engine, officer: Scenario) -> None:
    """Linear between 25 (full) and 35 (none): at 30 employees half the relief."""
    half = check({"employees": 30}, officer, AFTER_START, engine=engine, draws=0)
    assert {r.relief_share for r in _szw_national(half)} == {0.5}
    none = check({"employees": 35}, officer, AFTER_START, engine=engine, draws=0)
    assert {r.relief_share for r in _szw_national(none)} == {0.0}


def test_officer_proposal_leaves_other_ministries_and_eu_law_alone(
    engine: Engine, officer: Scenario
) -> None:
    result = check({"employees": 20}, officer, AFTER_START, engine=engine, draws=0)
    others = [r for r in result.rules if r.applies_now and r.rule.kind == "obligation"]
    for r in others:
        if r.rule.ministry != "SZW" or r.rule.eu_derived:
            assert r.relief_share == 0, r.rule.id


def test_officer_proposal_does_nothing_before_2027(engine: Engine, officer: Scenario) -> None:
    result = check({"employees": 20}, officer, START - dt.timedelta(days=1), engine=engine, draws=0)
    assert result.totals["saved_eur"] == 0


def test_starting_from_a_shipped_proposal_keeps_its_reasoning(catalogue: Catalogue) -> None:
    """Unchanged in the builder, every rule gets the same treatment and the same rationale."""
    rules = [r for r in catalogue.rules if r.kind == "obligation"]
    for sid, shipped in catalogue.scenarios.items():
        draft = draft_from_scenario(shipped, new_id=derived_id(sid, list(catalogue.scenarios)))
        built = build(draft, catalogue).scenario
        assert built is not None
        before = plan_rules(shipped, rules, REFERENCE_DATE)
        after = plan_rules(built, rules, REFERENCE_DATE)
        assert [(p.treatment, p.reason, p.spec) for p in before] == [
            (p.treatment, p.reason, p.spec) for p in after
        ], sid


def test_a_shipped_title_follows_a_threshold_moved_in_the_builder(catalogue: Catalogue) -> None:
    """Built on "… tot en met 25 werknemers" and moved to 20, the title says 20; a title the
    user typed is kept as typed (and refused if it names another threshold)."""
    shipped = catalogue.scenario(DEFAULT_SCENARIO)
    old = shipped.threshold.value
    new = old - 5
    draft = draft_from_scenario(shipped, new_id="eigen").replace(value=new)
    built = build(draft, catalogue).scenario
    assert built is not None
    assert f"tot en met {new:g} werknemers" in built.title.nl
    assert f"tot en met {old:g} werknemers" not in built.title.nl
    assert f"up to and including {new:g} employees" in built.title.en
    typed = draft.replace(title_nl=f"Mijn voorstel: tot en met {old:g} werknemers", title_en="")
    refused = build(typed, catalogue)
    assert refused.scenario is None
    assert any(f"{old:g} werknemers" in e.text("nl") for e in refused.errors)


def test_the_builder_refuses_a_shipped_identifier(catalogue: Catalogue) -> None:
    result = build(officer_draft().replace(id=DEFAULT_SCENARIO), catalogue)
    assert result.scenario is None
    assert "al een meegeleverd voorstel" in result.errors[0].text("nl")


def test_a_domain_threshold_above_the_end_of_the_phase_in_is_refused(
    catalogue: Catalogue,
) -> None:
    """Between 35 and 50 there would be no tapering range: the builder says so."""
    draft = officer_draft().replace(domains={"verzuim": DomainChoice("exempt", threshold=50)})
    result = build(draft, catalogue)
    assert result.scenario is None
    message = next(p for p in result.errors if p.field == "domains.verzuim.threshold")
    assert "eindigt bij 35" in message.text("nl") and "op 50" in message.text("nl")


def test_an_eu_rule_needs_the_room_cited(catalogue: Catalogue) -> None:
    eu = next(
        r
        for r in catalogue.rules
        if r.eu_derived and not r.eu_fixed and r.kind == "obligation" and r.ministry == "SZW"
    )
    bare = build(officer_draft().replace(rules={eu.id: RuleChoice("exempt")}), catalogue)
    assert bare.scenario is None
    assert any(p.field == f"treatments.{eu.id}.eu_room" for p in bare.errors)
    room = "Richtlijn 89/391/EEG art. 9 lid 2"
    cited = build(
        officer_draft().replace(rules={eu.id: RuleChoice("exempt", eu_room=room)}), catalogue
    )
    assert cited.scenario is not None
    assert cited.scenario.treatments[eu.id].eu_room is not None


def test_moving_the_works_council_threshold_from_50_to_75(
    engine: Engine, catalogue: Catalogue
) -> None:
    """WOR art. 2 lid 1: a works council from 50 persons; moved to 75, a firm of 60 has none."""
    rule = catalogue.rules_by_id["wor_ondernemingsraad"]
    test = next(t for t in law_thresholds(rule, catalogue) if t.measure == "persons_wor")
    assert test.value == 50
    draft = officer_draft().replace(
        law_changes=(LawChoice(rule.id, test.measure, test.value, 75, "MKB-toets"),)
    )
    proposal = build(draft, catalogue).scenario
    assert proposal is not None

    def works_council(employees: int) -> tuple[bool, bool]:
        result = check({"employees": employees}, proposal, AFTER_START, engine=engine, draws=0)
        found = next(r for r in result.rules if r.rule.id == rule.id)
        return found.applies_now, found.applies_scenario

    assert works_council(60) == (True, False)
    assert works_council(80) == (True, True)


def test_eu_fixed_rules_offer_no_threshold_to_move(catalogue: Catalogue) -> None:
    from checker.proposal_builder import changeable_rules

    assert not any(r.eu_fixed for r in changeable_rules(catalogue))


# -- comparison, growth incentive, documents ----------------------------------------------------

FIRM = parse_profile({"employees": 18, "legal_form": "bv", "sector_sbi": "25.62"})


def test_the_comparison_table_reads_down_the_figures(engine: Engine, officer: Scenario) -> None:
    shipped = engine.catalogue.scenarios[DEFAULT_SCENARIO]
    cmp = compare_firm(engine, FIRM, [shipped, officer], AFTER_START, n_draws=20)
    labels = short_labels(cmp.proposals, "nl")
    table = display_table(cmp, labels, "nl").set_index("Gegeven")
    assert list(table.columns) == [labels[shipped.id], labels[officer.id]]
    assert (
        table.loc["Drempel op de peildatum", labels[officer.id]] == "≤ 25 werknemers (in de regel)"
    )
    assert "Bedrijven net boven de drempel (de eerste 5 groottes erboven)" not in table.index
    assert table.loc["Bedrijf valt onder het voorstel", labels[officer.id]] == "ja"


def test_thresholds_of_a_stepped_proposal_with_a_domain_threshold(catalogue: Catalogue) -> None:
    draft = officer_draft().replace(
        phase="none",
        later_steps=((dt.date(2029, 1, 1), 50.0),),
        domains={"arbo": DomainChoice("lighter", 0.5, 10)},
    )
    proposal = build(draft, catalogue).scenario
    assert proposal is not None
    found = [(x.where, x.threshold.value) for x in thresholds_of(proposal, AFTER_START)]
    assert found == [("default", 25), ("step", 50), ("domain", 10)]


def test_firms_just_above_each_threshold_are_counted_with_weights(
    engine: Engine, officer: Scenario
) -> None:
    first = officer.threshold.first_outside()
    frame = pd.DataFrame(
        {"employees": [first - 1, first, first + 4, first + 5], "weight": [10.0, 3, 2, 7]}
    )
    table = firms_at_thresholds(engine, frame, [officer], AFTER_START)
    row = table.iloc[0]
    assert (row["firms_inside"], row["firms_just_above"]) == (10, 5)


def test_a_phase_in_spreads_the_cliff_of_the_next_employee(
    engine: Engine, officer: Scenario
) -> None:
    pure = officer.model_copy(update={"id": "pure", "phase_in": None})
    curves = marginal_curves(engine, FIRM.model_dump(), [pure, officer], AFTER_START)
    assert set(curves["employees"]) == set(range(1, 101))
    at = pure.threshold.last_inside()

    def step(pid: str, n: int) -> float:
        row = curves[(curves["proposal"] == pid) & (curves["employees"] == n)]
        return float(row["marginal_scen"].iloc[0])

    assert step(officer.id, at) < step("pure", at)
    law = curves[(curves["proposal"] == "pure") & (curves["employees"] == at)]["marginal_now"]
    assert step("pure", at) > float(law.iloc[0])


@pytest.fixture(scope="module")
def population_report(engine: Engine, officer: Scenario) -> ComparisonReport:
    from checker.population import build_population

    cat = engine.catalogue
    proposals = [cat.scenarios[s] for s in ("metaalunie-25", "metaalunie-25-conservatief")]
    proposals.append(officer)
    pop = build_population("section:C", engine)
    cmp = compare_population(engine, pop.frame, proposals, AFTER_START, n_draws=20)
    curves = marginal_curves(engine, {"legal_form": "bv"}, proposals, AFTER_START)
    thresholds = firms_at_thresholds(engine, pop.frame, proposals, AFTER_START)
    return ComparisonReport(cmp, cat, "C Industrie", curves, thresholds, REFERENCE_DATE)


def _cell(ws: object, row_label: str, column_label: str, header_row: int) -> object:
    sheet = ws  # openpyxl worksheet
    headers = [c.value for c in sheet[header_row]]  # type: ignore[index]
    col = headers.index(column_label) + 1
    for row in sheet.iter_rows(min_row=header_row + 1):  # type: ignore[attr-defined]
        if row[0].value == row_label:
            return sheet.cell(row[0].row, col).value  # type: ignore[attr-defined]
    raise AssertionError(f"no row '{row_label}'")


def test_the_workbook_holds_the_table_definitions_and_provenance(
    population_report: ComparisonReport,
) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(comparison_workbook_bytes(population_report, "nl")))
    assert wb.sheetnames == ["Vergelijking", "Voorstellen", "Groeiprikkel", "Metadata"]
    labels = population_report.labels("nl")
    table = population_report.comparison.table.set_index("proposal")
    ws = wb["Vergelijking"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "Gegeven")
    for pid, label in labels.items():
        saved = _cell(ws, "Regeldruk bespaard per jaar", label, header)
        assert saved == pytest.approx(table.loc[pid, "regulatory_saved"])
        low = _cell(ws, "Regeldruk bespaard per jaar: ondergrens (5%)", label, header)
        assert low == pytest.approx(table.loc[pid, "regulatory_saved_low"])
        above = _cell(
            ws, "Bedrijven net boven de drempel (de eerste 5 groottes erboven)", label, header
        )
        assert above == pytest.approx(table.loc[pid, "firms_just_above"])
    definitions = [c.value for c in wb["Voorstellen"]["B"]]
    assert any("de verlichting neemt lineair af tot 35" in str(v) for v in definitions)
    meta = {r[0].value: r[1].value for r in wb["Metadata"].iter_rows(min_row=4)}
    assert meta["Catalogusversie (hash)"] == population_report.catalogue.version_hash
    assert meta["Peildatum"].date() == AFTER_START
    incentive = wb["Groeiprikkel"]
    assert incentive.cell(4, 1).value == "Werknemers nu (N)"
    assert [incentive.cell(r, 1).value for r in (5, 104)] == [1, 100]


def test_the_pdf_says_what_was_compared(
    population_report: ComparisonReport, tmp_path: Path
) -> None:
    pdf = comparison_pdf_bytes(population_report, "nl")
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) not installed")
    path = tmp_path / "vergelijking.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for label in population_report.labels("nl").values():
        assert label.split(",")[0] in text
    for words in (
        "Regeldruk bespaard per jaar",
        "C Industrie",
        "Groeiprikkel",
        "Peildatum 1 juni 2027",
    ):
        assert words in " ".join(text.split()), words
    assert "employees" not in text  # measures are named in words, not by their id


def test_a_report_on_another_catalogue_is_refused(
    population_report: ComparisonReport, engine: Engine
) -> None:
    import dataclasses

    other = dataclasses.replace(engine.catalogue, version_hash="000000000000")
    with pytest.raises(CatalogueMismatchError):
        ComparisonReport(population_report.comparison, other, "x")


def test_english_documents_are_english(population_report: ComparisonReport) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(comparison_workbook_bytes(population_report, "en")))
    assert wb.sheetnames == ["Comparison", "Proposals", "Growth incentive", "Metadata"]
    assert np.isfinite(population_report.comparison.table["regulatory_saved"]).all()


@pytest.mark.libreoffice
def test_libreoffice_opens_the_comparison_workbook(
    population_report: ComparisonReport, tmp_path: Path
) -> None:
    """Opened in LibreOffice the figures are the engine's, and no cell shows an error."""
    from tests.test_export_libreoffice import SOFFICE, recalc

    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    # recalc also fails on any error value in a cell
    wb = recalc(comparison_workbook_bytes(population_report, "nl"), tmp_path, "vergelijking")
    ws = wb["Vergelijking"]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "Gegeven")
    table = population_report.comparison.table.set_index("proposal")
    for pid, label in population_report.labels("nl").items():
        saved = _cell(ws, "Regeldruk bespaard per jaar", label, header)
        assert saved == pytest.approx(table.loc[pid, "regulatory_saved"], abs=0.005)


def test_a_file_whose_phase_in_ends_below_a_domain_threshold_is_refused(
    catalogue: Catalogue,
) -> None:
    """Linear to 35 with sickness rules relieved up to 50: the relief would never taper."""
    text = (
        BASE
        + "phase_in: {kind: linear, until: 35}\n"
        + "domains:\n  verzuim: {treatment: exempt, threshold: {value: 50},"
        + " rationale: {nl: x, en: x}}\n"
    )
    loaded = parse_proposal(text, catalogue)
    assert loaded.scenario is None
    assert [p.field for p in loaded.errors] == ["domains.verzuim.threshold"]


def test_every_check_a_proposal_can_fail_is_worded_for_the_reader() -> None:
    """Each catalogue check has a code the app words in Dutch and English; no check's message
    is parsed back from English, and none reaches a reader as "(melding in het Engels)"."""
    import string

    from checker.i18n.messages import messages
    from checker.proposal_checks import MESSAGES

    words = messages()
    for code, english in MESSAGES.items():
        entry = words.get(f"workbench.problem.{code}")
        assert entry is not None and entry.nl and entry.en, code
        given = {name for _, name, _, _ in string.Formatter().parse(english) if name}
        for text in (entry.nl, entry.en):  # the reader's words use only fields the check gives
            wanted = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            assert wanted <= given, (code, wanted - given)


def test_a_failed_check_reaches_the_reader_in_dutch(catalogue: Catalogue) -> None:
    from checker.proposal_checks import check_proposal
    from checker.proposal_problems import from_check

    data = {
        "id": "t",
        "title": {"nl": "Test", "en": "Test"},
        "description": {"nl": "x", "en": "x"},
        "threshold": {"measure": "schoenmaat", "value": 25},
        "default_rationale": {"nl": "x", "en": "x"},
        "treatments": {
            "bestaat_niet": {"treatment": "exempt", "rationale": {"nl": "x", "en": "x"}}
        },
    }
    scenario = Scenario.model_validate(data)
    found = [from_check(p, catalogue) for p in check_proposal(scenario, catalogue, "-")]
    assert len(found) == 2
    assert all("melding in het Engels" not in p.text("nl") for p in found)
    assert any("schoenmaat" in p.text("nl") and "onbekend" in p.text("nl") for p in found)
