"""Excel export read back with openpyxl: what a reader sees before any recalculation.

Sheets, words (titles, never ids; Dutch in the Dutch workbook), regeldruk and financial costs
apart with their bands, named input cells, announced rules apart, sources for people, chart
colours, safety and the CLI.  Cells are found by defined name, header text or row label
(:mod:`xlsx_lookup`), never by fixed coordinates.  The numbers themselves are checked after a
LibreOffice recalculation in ``test_export_libreoffice.py``.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import REFERENCE_DATE, lighter_scenario
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from xlsx_lookup import (
    chart_parts,
    find_row,
    header_row,
    label_value,
    named,
    records,
    text_cells,
)

from checker import cli
from checker.api import CheckResult, check, evaluate_frame, load, with_overrides
from checker.assumptions import Overrides
from checker.bilingual import pick
from checker.export import firm_workbook_bytes, population_workbook_bytes
from checker.export.safe_text import DANGEROUS_PREFIXES, is_inert, neutralise, safe_url
from checker.export.workbook_common import EUR, EUR0, TOTAL_NAMES
from checker.i18n import kind_label, treatment_label
from checker.reader_text import developer_strings
from checker.scenario_model import DEFAULT_SCENARIO

INJECTIONS = [
    '=HYPERLINK("http://evil.example","klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]
FIRM_SHEETS_NL = [
    "Samenvatting",
    "Verplichtingen",
    "Berekening",
    "Aannames",
    "Bronnen",
    "Grafieken",
    "Metadata",
]
FIRM_SHEETS_EN = [
    "Summary",
    "Obligations",
    "Calculation",
    "Assumptions",
    "Sources",
    "Charts",
    "Metadata",
]


def open_wb(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def inside() -> int:
    """A headcount inside the default proposal's threshold (read from the data)."""
    return load().catalogue.scenario(DEFAULT_SCENARIO).threshold.last_inside()


@pytest.fixture(scope="module")
def firm_result() -> CheckResult:
    profile = {
        "employees": inside(),
        "legal_form": "bv",
        "sector_sbi": "25.62",
        "name": INJECTIONS[0],
    }
    return check(profile, DEFAULT_SCENARIO, REFERENCE_DATE)


@pytest.fixture(scope="module")
def firm_bytes(firm_result: CheckResult) -> bytes:
    return firm_workbook_bytes(firm_result)


@pytest.fixture(scope="module")
def firm_wb(firm_bytes: bytes) -> Workbook:
    return open_wb(firm_bytes)


# -- sheets and words -------------------------------------------------------------------------


def test_firm_sheets_in_reading_order_dutch_and_english(
    firm_result: CheckResult, firm_wb: Workbook
) -> None:
    assert firm_wb.sheetnames == FIRM_SHEETS_NL
    en = open_wb(firm_workbook_bytes(firm_result, lang="en"))
    assert en.sheetnames == FIRM_SHEETS_EN
    assert label_value(en["Summary"], "Firm") == "'" + INJECTIONS[0]


def test_obligations_by_title_with_the_law_as_a_link(
    firm_result: CheckResult, firm_wb: Workbook
) -> None:
    rows = list(records(firm_wb["Verplichtingen"], "Verplichting", "Wet en artikel", "Geldt nu"))
    titles = [r["Verplichting"].value for r in rows]
    assert sorted(titles) == sorted(pick(rr.rule.title, "nl") for rr in firm_result.rules)
    by_title = {pick(rr.rule.title, "nl"): rr for rr in firm_result.rules}
    for r in rows:
        rule = by_title[r["Verplichting"].value].rule
        link = r["Wet en artikel"].hyperlink
        assert link is not None and link.target == rule.legal_basis.url
        assert r["Wet en artikel"].value.startswith(rule.legal_basis.law.split(" (")[0])
    flags = [r["Geldt nu"].value for r in rows]
    assert flags == sorted(flags, key=lambda v: v != "ja"), "applying obligations first"


def test_no_ids_codes_or_developer_notes_for_readers(firm_wb: Workbook) -> None:
    """Every text a reader sees is words: no rule or source ids, no snake_case codes, no file
    names or research notes, no English codes in the Dutch workbook.  The Metadata sheet
    (how to reproduce the file) and the defined names of the input cells are exempt."""
    cat = load().catalogue
    ids = {i for i in [*(r.id for r in cat.rules), *cat.sources] if "_" in i}
    names = set(firm_wb.defined_names.keys())
    english = re.compile(
        r"\b(?:population|employees|obligation|exempt|lighter|unchanged|True|False|None|nan)\b"
    )
    found = []
    for cell in text_cells(firm_wb):
        text = cell.value
        if cell.parent.title == "Metadata" or text in names or cell.hyperlink is not None:
            continue
        bad = developer_strings(text) + english.findall(text)
        bad += [i for i in ids if re.search(rf"\b{re.escape(i)}\b", text)]
        if bad:
            found.append((cell.parent.title, text[:60], bad[:3]))
    assert not found, found[:10]


def test_english_workbook_has_no_dutch_column_words(firm_result: CheckResult) -> None:
    en = open_wb(firm_workbook_bytes(firm_result, lang="en"))
    headers = [c.value for ws in en for row in ws.iter_rows(max_row=8) for c in row]
    dutch = [
        h for h in headers if isinstance(h, str) and re.search(r"\b(nu|Regeldruk|per jaar)\b", h)
    ]
    assert not dutch, dutch


def test_summary_names_the_firm_sector_and_proposal_in_words(
    firm_result: CheckResult, firm_wb: Workbook
) -> None:
    ws = firm_wb["Samenvatting"]
    assert firm_result.scenario is not None
    assert label_value(ws, "Sector (SBI)").startswith("25.62 – ")
    assert label_value(ws, "Voorstel") == pick(firm_result.scenario.title, "nl")
    assert "metaalunie-25" not in " ".join(str(c.value) for row in ws.iter_rows() for c in row)
    threshold = firm_result.scenario.threshold.last_inside()
    assert label_value(ws, "Drempel") == f"werknemers (in de regel) ≤ {threshold}"


# -- totals: regeldruk and financial costs apart, each with its band ----------------------------


def test_regeldruk_and_financial_costs_are_separate_totals_with_bands(
    firm_result: CheckResult, firm_wb: Workbook
) -> None:
    ws = firm_wb["Samenvatting"]
    t = firm_result.totals
    for kind, key in (
        ("regulatory", "regulatory_saved_eur"),
        ("financial", "financial_saved_eur"),
        ("cost", "saved_eur"),
    ):
        saved = named(firm_wb, TOTAL_NAMES[kind, "saved"])
        assert saved.parent.title == "Samenvatting"
        assert saved.value.startswith("=")  # a live formula
        assert saved.number_format == EUR0  # whole euros
        low_row, high_row = saved.row + 1, saved.row + 2
        assert ws.cell(low_row, 1).value.strip() == "marge (5–95 %): van"
        assert ws.cell(high_row, 1).value.strip() == "marge (5–95 %): tot"
        assert ws.cell(low_row, saved.column).value == pytest.approx(t[f"{key}_low"])
        assert ws.cell(high_row, saved.column).value == pytest.approx(t[f"{key}_high"])
    assert ws.cell(named(firm_wb, TOTAL_NAMES["regulatory", "now"]).row, 1).value.startswith(
        "Regeldruk (administratieve lasten en inhoudelijke nalevingskosten)"
    )
    financial_label = ws.cell(named(firm_wb, TOTAL_NAMES["financial", "now"]).row, 1).value
    assert financial_label.startswith("Financiële lasten") and "geen regeldruk" in financial_label
    notes = " ".join(str(c.value) for c in ws["A"] if c.value)
    assert "1.000 trekkingen" in notes and "90 %" in notes  # how the band was made


def test_the_part_shifted_to_uwv_is_shown_under_the_financial_costs(
    firm_result: CheckResult, firm_wb: Workbook
) -> None:
    transferred = firm_result.totals["transferred_eur"]
    assert transferred > 1, "precondition: the proposal moves sick pay in year two to UWV"
    ws = firm_wb["Samenvatting"]
    row = find_row(ws, "waarvan verschoven naar UWV, betaald uit een premie van werkgevers")
    saved_col = named(firm_wb, TOTAL_NAMES["financial", "saved"]).column
    assert ws.cell(row, saved_col).value == pytest.approx(transferred)
    assert row > named(firm_wb, TOTAL_NAMES["financial", "now"]).row


def test_summary_lists_the_obligations_that_change_by_title(
    firm_result: CheckResult, firm_wb: Workbook
) -> None:
    ws = firm_wb["Samenvatting"]
    rows = list(records(ws, "Verplichting", "Behandeling onder voorstel"))
    changed = {
        pick(rr.rule.title, "nl")
        for rr in firm_result.rules
        if rr.applies_now
        and rr.rule.kind == "obligation"
        and (not rr.applies_scenario or rr.treatment == "lighter")
    }
    assert changed and {r["Verplichting"].value for r in rows} == changed
    assert {r["Behandeling onder voorstel"].value for r in rows} <= {
        treatment_label("exempt", "nl"),
        treatment_label("lighter", "nl"),
    }


def test_money_in_whole_euros_and_tariffs_with_cents(firm_wb: Workbook) -> None:
    for r in records(firm_wb["Verplichtingen"], "Verplichting", "Regeldruk nu (€ per jaar)"):
        cell = r["Regeldruk nu (€ per jaar)"]
        if isinstance(cell.value, str) and cell.value.startswith("="):
            assert cell.number_format == EUR0
    for tid in load().catalogue.tariffs:
        assert named(firm_wb, f"tarief_{tid}").number_format == EUR


# -- calculation: live formulas over named input cells -------------------------------------------


def test_calculation_uses_the_named_tariff_cells(
    firm_result: CheckResult, firm_wb: Workbook
) -> None:
    cat = load().catalogue
    for tid, tariff in cat.tariffs.items():
        cell = named(firm_wb, f"tarief_{tid}")
        assert cell.parent.title == "Aannames"
        assert cell.value == pytest.approx(tariff.eur_per_hour)
    lines = list(records(firm_wb["Berekening"], "Verplichting", "Tarief € per uur", "€ nu"))
    n_lines = sum(
        len(rr.rule.activities) for rr in firm_result.rules if rr.applies_now and not rr.pending
    )
    assert len(lines) == n_lines > 0
    tariff_refs = {f"=tarief_{tid}" for tid in cat.tariffs}
    used = {r["Tarief € per uur"].value for r in lines} - {0}
    assert used and used <= tariff_refs
    assert all(r["€ nu"].data_type == "f" for r in lines)


def test_changed_assumptions_are_listed_and_used_as_named_inputs() -> None:
    """A user's own tariff, rate and hour figure: listed beside the sourced value, the figure
    a named input cell that its calculation line uses, and the version marked as changed."""
    engine = load()
    rule = next(r for r in engine.catalogue.rules if r.id == "arbo_rie")
    act = next(a for a in rule.activities if a.tariff)  # hours that cost money
    overrides = Overrides(
        tariffs={"intern": 61.25},
        rates={"absence_rate": 0.04},
        figures={f"{rule.id}.{act.id}.hours": act.hours + 3},
    )
    changed = with_overrides(engine, overrides)
    result = check({"employees": 12}, DEFAULT_SCENARIO, REFERENCE_DATE, engine=changed)
    wb = open_wb(firm_workbook_bytes(result))
    listed = {
        r["Aanname"].value: r
        for r in records(wb["Aannames"], "Aanname", "In deze berekening", "Volgens de bron")
    }
    tariff = listed[pick(engine.catalogue.tariffs["intern"].label, "nl")]
    assert tariff["Volgens de bron"].value == engine.catalogue.tariffs["intern"].eur_per_hour
    rate = listed[pick(engine.catalogue.rates["absence_rate"].label, "nl")]
    assert rate["In deze berekening"].value == 0.04
    assert rate["Volgens de bron"].value == engine.catalogue.rates["absence_rate"].value
    figure = next(r for key, r in listed.items() if key.endswith("uren per keer"))
    assert figure["In deze berekening"].value == act.hours + 3
    assert figure["Volgens de bron"].value == act.hours
    assert named(wb, "cijfer_1").value == act.hours + 3
    line = next(
        r
        for r in records(wb["Berekening"], "Verplichting", "Activiteit", "Uren per keer")
        if r["Activiteit"].value == pick(act.label, "nl")
    )
    assert line["Uren per keer"].value == "=cijfer_1"
    meta = dict(wb["Metadata"].iter_rows(min_row=1, max_col=2, values_only=True))
    assert meta["Catalogusversie (hash)"] == result.catalogue_version
    assert "+" in result.catalogue_version
    assert label_value(wb["Samenvatting"], "Aangepaste aannames").startswith("ja")


def test_announced_rules_are_listed_apart_and_never_calculated() -> None:
    result = check(
        {"employees": inside(), "legal_form": "bv"},
        DEFAULT_SCENARIO,
        REFERENCE_DATE,
        include_pending=True,
    )
    pending = [rr for rr in result.rules if rr.pending and rr.applies_now and rr.quantified]
    assert pending, "precondition: an announced, quantified rule applies to this firm"
    wb = open_wb(firm_workbook_bytes(result))
    assert "Aangekondigd" in wb.sheetnames
    announced = {
        r["Verplichting"].value: r for r in records(wb["Aangekondigd"], "Verplichting", "Status")
    }
    obligations = {r["Verplichting"].value for r in records(wb["Verplichtingen"], "Verplichting")}
    calculated = {r["Verplichting"].value for r in records(wb["Berekening"], "Verplichting")}
    for rr in pending:
        title = pick(rr.rule.title, "nl")
        assert title in announced
        assert title not in obligations and title not in calculated
        assert announced[title]["Status"].value in (
            "wetsvoorstel",
            "EU-regel, nog niet omgezet",
            "aangenomen, nog niet in werking",
        )


# -- sources ------------------------------------------------------------------------------------


def test_sources_by_title_publisher_and_year_with_their_link(firm_wb: Workbook) -> None:
    cat = load().catalogue
    by_url: dict[str, list[Any]] = {}
    for src in cat.sources.values():
        by_url.setdefault(src.url, []).append(src)
    rows = list(records(firm_wb["Bronnen"], "Titel", "Uitgever", "Jaar", "Link", "Gebruikt voor"))
    assert rows, "no sources listed"
    for r in rows:
        link = r["Link"].hyperlink
        assert link is not None
        candidates = by_url[link.target]
        shown = str(r["Uitgever"].value or "")
        # the publisher as the source names it; a link to a third party's copy says so after it
        assert any(
            shown == (s.publisher or "") or shown.startswith(f"{s.publisher}; kopie op ")
            for s in candidates
        ) or shown.startswith("kopie op "), shown
        year = r["Jaar"].value
        assert year == "z.d." or re.fullmatch(r"\d{4}", str(year)), year
        assert r["Titel"].value not in cat.sources  # a title, not an id
        assert r["Gebruikt voor"].value


def test_metadata_makes_it_reproducible(firm_result: CheckResult, firm_wb: Workbook) -> None:
    meta = dict(firm_wb["Metadata"].iter_rows(min_row=1, max_col=2, values_only=True))
    assert meta["Catalogusversie (hash)"] == firm_result.catalogue_version
    assert meta["Programma"].startswith("Drempelcheck ")
    assert meta["Voorstel-id"] == DEFAULT_SCENARIO
    assert (
        f"--scenario {DEFAULT_SCENARIO} --date {REFERENCE_DATE.isoformat()}" in meta["Reproduceren"]
    )
    # the engine's own totals moved here from the summary, as a check of the formulas
    assert meta["Regeldruk nu"] == pytest.approx(firm_result.totals["regulatory_now_eur"])


# -- charts -------------------------------------------------------------------------------------


def test_charts_in_the_app_colours_with_titled_axes(firm_bytes: bytes) -> None:
    from checker.ui.charts import NOW_COLOR, SCEN_COLOR

    charts = chart_parts(firm_bytes, "Grafieken")
    assert len(charts) == 2  # regeldruk by domain, the threshold curve
    now, scen = NOW_COLOR.lstrip("#").upper(), SCEN_COLOR.lstrip("#").upper()
    for xml in charts:
        assert xml.index(now) < xml.index(scen), "current law first, in red"
        assert xml.count("<title>") >= 3  # the chart and both axes
        assert "Regeldruk (€ per jaar)" in xml


def test_curve_table_has_every_head_count_and_regeldruk_apart(
    firm_result: CheckResult, firm_wb: Workbook
) -> None:
    rows = list(
        records(
            firm_wb["Grafieken"],
            "Werknemers",
            "Regeldruk nu (€ per jaar)",
            "Financiële lasten nu (€ per jaar)",
        )
    )
    assert [r["Werknemers"].value for r in rows] == list(range(1, 251))
    n = firm_result.profile.employees
    assert rows[n - 1]["Regeldruk nu (€ per jaar)"].value == pytest.approx(
        firm_result.totals["regulatory_now_eur"], abs=0.005
    )
    assert rows[n - 1]["Financiële lasten nu (€ per jaar)"].value == pytest.approx(
        firm_result.totals["financial_now_eur"], abs=0.005
    )


def test_given_cliff_is_used_and_checked(firm_result: CheckResult) -> None:
    cliff = pd.DataFrame(
        {
            "employees": [1, 2, 3],
            "regulatory_now": [10.0, 20.0, 30.0],
            "regulatory_scen": [1.0, 2.0, 3.0],
            "financial_now": [0.0, 0.0, 0.0],
            "financial_scen": [0.0, 0.0, 0.0],
            "cost_now": [10.0, 20.0, 30.0],
            "cost_scen": [1.0, 2.0, 3.0],
        }
    )
    wb = open_wb(firm_workbook_bytes(firm_result, cliff=cliff))
    rows = list(records(wb["Grafieken"], "Werknemers", "Regeldruk nu (€ per jaar)"))
    assert [r["Regeldruk nu (€ per jaar)"].value for r in rows] == [10.0, 20.0, 30.0]
    with pytest.raises(ValueError, match="regulatory_scen"):
        firm_workbook_bytes(firm_result, cliff=cliff.drop(columns="regulatory_scen"))


def test_cliff_is_the_growth_planner_curve() -> None:
    """The workbook's curve is the app's: given inputs grow in proportion to the headcount."""
    from checker.export import cliff_frame
    from checker.growth import cliff_curve, headcount_sweep

    given = {"employees": 40, "fte": 38.0, "sick_cases_6w_per_year": 12}
    result = check(given, DEFAULT_SCENARIO, REFERENCE_DATE)
    cliff = cliff_frame(result)
    # At 10 employees: fte 38/40 × 10 = 9.5 and 3 sick cases, as in the Groeiplanner.
    scaled = check(
        {"employees": 10, "fte": 9.5, "sick_cases_6w_per_year": 3.0},
        DEFAULT_SCENARIO,
        REFERENCE_DATE,
    )
    assert cliff.iloc[9]["regulatory_now"] == pytest.approx(
        scaled.totals["regulatory_now_eur"], abs=0.005
    )
    assert cliff.iloc[39]["cost_now"] == pytest.approx(result.totals["cost_now_eur"], abs=0.005)
    app = cliff_curve(headcount_sweep(load(), given, result.scenario, REFERENCE_DATE))
    assert list(cliff["cost_scen"]) == pytest.approx(list(app["cost_scen"]), abs=1e-9)


# -- safety -------------------------------------------------------------------------------------


def _assert_inert(wb: Workbook) -> None:
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert "evil" not in cell.value and "cmd|" not in cell.value, cell.value
                    assert "SUM(A1" not in cell.value, cell.value
                elif isinstance(cell.value, str):
                    assert is_inert(cell.value), (ws.title, cell.value)


def test_formula_injection_in_profile_name_is_inert(firm_wb: Workbook) -> None:
    assert label_value(firm_wb["Samenvatting"], "Bedrijf") == "'" + INJECTIONS[0]
    _assert_inert(firm_wb)


def test_no_external_links(firm_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(firm_bytes)) as z:
        names = z.namelist()
        assert not [n for n in names if "externalLink" in n]
        rels = "".join(z.read(n).decode() for n in names if n.endswith(".rels"))
    assert 'TargetMode="External"' in rels  # the hyperlinks …
    for target in [part.split('"')[0] for part in rels.split('Target="')[1:]]:
        if "://" in target:
            assert target.startswith(("https://", "http://")), target


def test_safe_text_rules() -> None:
    for prefix in DANGEROUS_PREFIXES:
        assert neutralise(prefix + "x") == "'" + prefix + "x"
    assert neutralise("Metaalbedrijf B.V.") == "Metaalbedrijf B.V."
    assert neutralise("a\x00b\x07c") == "abc"
    assert safe_url("https://wetten.overheid.nl/BWBR0001/") is not None
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("file:///etc/passwd") is None


# -- population / sweep / batch ------------------------------------------------------------------


@pytest.fixture(scope="module")
def batch() -> tuple[Any, dict[str, pd.DataFrame]]:
    rng = np.random.default_rng(7)
    n = 15_000
    names = [
        INJECTIONS[i % len(INJECTIONS)] + f" lid {i}" if i % 3 == 0 else f"Lid {i}"
        for i in range(n)
    ]
    frame = pd.DataFrame({"name": names, "employees": rng.integers(1, 120, n), "legal_form": "bv"})
    ev = evaluate_frame(frame, lighter_scenario(), REFERENCE_DATE)
    totals = ev.firm_totals()
    members = pd.concat(
        [frame[["name", "employees"]], totals[["cost_now", "cost_scen", "saved_eur", "qualifies"]]],
        axis=1,
    )
    errors = pd.DataFrame(
        {
            "row": [12, 40],
            "field": ["employees", "name"],
            "message": ["-5 is kleiner dan 0", "=1+1 is geen naam"],
        }
    )
    sweep = pd.DataFrame({"threshold": [10, 25, 50, 100], "saved_eur": [1e5, 2e5, 3e5, 3.5e5]})
    return ev, {
        "leden": members,
        "fouten": errors,
        "sweep": sweep,
        "Per regel": ev.rule_aggregates(),  # a caller's own sheet title
    }


@pytest.fixture(scope="module")
def batch_bytes(batch: tuple[Any, dict[str, pd.DataFrame]]) -> bytes:
    ev, tables = batch
    meta = {
        "kind": "batch",
        "title": "Ledenbestand test",
        "scenario_id": "test-lichter",
        "file": "leden 2026.xlsx",
        "notes": ["een notitie"],
    }
    return population_workbook_bytes(ev, tables=tables, meta=meta, draws=200)


@pytest.fixture(scope="module")
def batch_wb(batch_bytes: bytes) -> Workbook:
    return open_wb(batch_bytes)


def test_batch_workbook_structure_and_size(batch_bytes: bytes, batch_wb: Workbook) -> None:
    assert len(batch_bytes) < 10_000_000
    wb = batch_wb
    assert wb.sheetnames == [
        "Samenvatting",
        "Leden",
        "Fouten",
        "Drempelverloop",
        "Per regel",
        *FIRM_SHEETS_NL[1:-1],
        "Kalibratie",
        "Metadata",
    ]
    members = wb["Leden"]
    top, columns = header_row(members, "Naam", "Werknemers")
    assert top == 1 and members.freeze_panes == "A2"  # filters and re-use as data
    assert members.max_row == 15_001
    cost = columns["Regeldruk en financiële lasten samen, nu (€ per jaar)"]
    assert members.cell(2, cost).number_format == EUR0
    assert len(chart_parts(batch_bytes, "Drempelverloop")) == 1
    assert len(chart_parts(batch_bytes, "Grafieken")) == 1
    light_q = [
        r["Q voorstel lichter"].value
        for r in records(wb["Berekening"], "Verplichting", "Q voorstel lichter")
    ]
    assert any(isinstance(q, float) and q > 0 for q in light_q), "lighter regime not written"
    ws = wb["Samenvatting"]
    assert ws.cell(1, 1).value == "Ledenbestand test"
    assert label_value(ws, "Ledenbestand") == "leden 2026.xlsx"


def test_batch_member_names_and_errors_are_inert(batch_wb: Workbook) -> None:
    names = [r["Naam"] for r in records(batch_wb["Leden"], "Naam")]
    assert names[0].value == "'" + INJECTIONS[0] + " lid 0" and names[0].data_type == "s"
    messages = [r["Melding"].value for r in records(batch_wb["Fouten"], "Melding")]
    assert "'=1+1 is geen naam" in messages
    _assert_inert(batch_wb)


def test_population_summary_bands_come_from_the_population(
    batch: tuple[Any, dict[str, pd.DataFrame]], batch_wb: Workbook
) -> None:
    from checker.uncertainty import population_intervals

    ev, _ = batch
    expected = population_intervals(ev, n_draws=200)["regulatory_saved"]
    saved = named(batch_wb, TOTAL_NAMES["regulatory", "saved"])
    ws = saved.parent
    assert ws.cell(saved.row + 1, saved.column).value == pytest.approx(expected[1])
    assert ws.cell(saved.row + 2, saved.column).value == pytest.approx(expected[2])


def test_population_rejects_non_frame_table(batch: Any) -> None:
    ev, _ = batch
    with pytest.raises(TypeError, match="tables\\['x'\\]"):
        population_workbook_bytes(ev, tables={"x": [1, 2]}, meta={})  # type: ignore[dict-item]


def test_frame_sheets_read_as_words_and_figures(batch_wb: Workbook) -> None:
    rules = batch_wb["Per regel"]
    _, columns = header_row(rules, "Verplichting", "Soort")
    assert not [h for h in columns if "_" in h], columns  # labels, not column keys
    cat = load().catalogue
    titles = {pick(r.title, "nl") for r in cat.rules}
    rows = list(records(rules, "Verplichting", "Soort"))
    assert {r["Verplichting"].value for r in rows} <= titles
    kinds = {kind_label(r.kind, "nl") for r in cat.rules}
    assert {r["Soort"].value for r in rows} <= kinds and "verplichting" in kinds
    assert rules.oddHeader.center.text == "Per regel"
    members = batch_wb["Leden"]
    assert next(records(members, "Werknemers"))["Werknemers"].number_format == "#,##0"
    for ws in batch_wb:
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 50)):
            for c in row:
                assert c.number_format != "#,##0.##", (ws.title, c.coordinate)


def test_population_workbook_names_its_population_and_calibrates() -> None:
    from checker.population import build_population, evaluate_population
    from checker.population.workbook_args import population_args

    engine = load()
    pop = build_population("division:245 Metaalgieterijen", engine)
    res = evaluate_population(pop, engine, DEFAULT_SCENARIO, REFERENCE_DATE)
    data = population_args(res).to_bytes("nl")
    wb = open_wb(data)
    ws = wb["Samenvatting"]
    assert label_value(ws, "Populatie") == pop.label
    by_class = list(records(wb["Per grootteklasse"], "Grootteklasse (werkzame personen)"))
    assert len(by_class) > 1
    _, columns = header_row(wb["Per grootteklasse"], "Minder regeldruk (€ per jaar)")
    assert "Minder financiële lasten (€ per jaar)" in columns
    calibration = wb["Kalibratie"]
    texts = " ".join(str(c.value) for row in calibration.iter_rows() for c in row if c.value)
    assert "Panteia/EIM" in texts
    assert "Verhouding van het model tussen de laagste en hoogste gepubliceerde verhouding" in texts
    points = list(records(calibration, "Werknemers", "Administratieve lasten per werknemer"))
    assert [r["Werknemers"].value for r in points][:2] == [5, 20]


# -- CLI ----------------------------------------------------------------------------------------


def test_cli_export_writes_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "profiel.json"
    profile.write_text('{"employees": 12, "name": "@Bedrijf"}', encoding="utf-8")
    out = tmp_path / "rapport.xlsx"
    rc = cli.main(
        [
            "export",
            str(profile),
            "--out",
            str(out),
            "--date",
            REFERENCE_DATE.isoformat(),
            "--lang",
            "en",
            "--threshold",
            "50",
        ]
    )
    assert rc == 0
    assert capsys.readouterr().out.strip() == str(out)
    wb = load_workbook(out)
    assert wb.sheetnames == FIRM_SHEETS_EN
    meta = dict(wb["Metadata"].iter_rows(min_row=1, max_col=2, values_only=True))
    assert meta["Proposal id"] == f"{DEFAULT_SCENARIO}@50"
    assert label_value(wb["Summary"], "Firm") == "'@Bedrijf"


@pytest.mark.parametrize(
    ("content", "args", "needle"),
    [
        ('{"employees": -3}', [], "employees"),
        ('{"employees": 10, "fte": 20}', [], "fte"),
        ('{"employees": 10}', ["--date", "2026-13-01"], "--date"),
        ('{"employees": 10}', ["--scenario", "bestaat-niet"], "bestaat-niet"),
    ],
)
def test_cli_export_bad_input_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, args: list[str], needle: str
) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(content, encoding="utf-8")
    out = tmp_path / "r.xlsx"
    rc = cli.main(["export", str(profile), "--out", str(out), *args])
    assert rc == 2
    assert needle in capsys.readouterr().err
    assert not out.exists()


def test_cli_export_bad_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "p.json"
    profile.write_text('{"employees": 10}', encoding="utf-8")
    assert cli.main(["export", str(profile), "--out", str(tmp_path / "r.csv")]) == 2
    assert "--out" in capsys.readouterr().err
    assert cli.main(["export", str(profile), "--out", str(tmp_path / "nope" / "r.xlsx")]) == 2
    assert "bestaat niet" in capsys.readouterr().err


# -- print layout -------------------------------------------------------------------------------


def test_every_sheet_prints_a4_landscape_with_header_and_page_numbers(firm_wb: Workbook) -> None:
    for ws in firm_wb:
        assert int(ws.page_setup.paperSize) == 9, ws.title  # A4
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth == 1, ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title  # as many pages down as needed
        assert ws.oddHeader.right.text == "&A", ws.title
        assert ws.oddHeader.left.text.startswith("Drempelcheck"), ws.title
        assert "&P / &N" in ws.oddFooter.center.text, ws.title
    for title, first in (
        ("Verplichtingen", "Verplichting"),
        ("Berekening", "Verplichting"),
        ("Bronnen", "Titel"),
    ):
        ws = firm_wb[title]
        top, _ = header_row(ws, first)
        assert ws.print_title_rows == f"${top}:${top}", title  # the header repeats on each page
        assert ws.freeze_panes is not None, title


def test_wrapped_rows_get_their_height(firm_wb: Workbook) -> None:
    ws = firm_wb["Verplichtingen"]
    tall = [
        r["Waarom nu"]
        for r in records(ws, "Verplichting", "Waarom nu")
        if len(str(r["Waarom nu"].value)) > 200
    ]
    assert tall, "precondition: a long reason"
    for cell in tall:
        assert cell.alignment.wrap_text
        assert (ws.row_dimensions[cell.row].height or 15) >= 45, cell.row


def test_text_lines_and_breakable_urls() -> None:
    from checker.export.workbook_common import ZWSP, breakable_url, text_lines

    assert text_lines("kort", 10) == 1
    assert text_lines("abc def ghi jkl", 8) == 2
    assert text_lines("a" * 25, 10) == 3  # a long word is broken
    assert text_lines("een\ntwee", 20) == 2
    url = "https://wetten.overheid.nl/BWBR0005537/2024-01-01"
    shown = breakable_url(url)
    assert shown.replace(ZWSP, "") == url and shown.startswith("https://wetten")
    assert text_lines(shown, 30) == 2


def test_share_columns_are_percentages() -> None:
    from checker.export.sheet_tables import column_format
    from checker.export.workbook_common import PCT

    assert column_format("saved_share", pd.Series([0.02])) == PCT
    assert column_format("saved_per_firm_eur", pd.Series([1.5])) == EUR0
    assert column_format("regulatory_saved", pd.Series([1.5])) == EUR0
    assert column_format("employees", pd.Series([3.0])) == "#,##0"


def test_workbook_shows_the_tariffs_the_check_used() -> None:
    """A result priced at other tariffs exports those tariffs, not the catalogue's defaults."""
    engine = load()
    tariffs = {**engine.tariffs, "intern": 61.25}
    result = check({"employees": 20}, DEFAULT_SCENARIO, REFERENCE_DATE, tariffs=tariffs)
    wb = open_wb(firm_workbook_bytes(result))
    assert named(wb, "tarief_intern").value == 61.25
    assert named(wb, "tarief_intern_hoog").value == engine.tariffs["intern_hoog"]
