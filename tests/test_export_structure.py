"""Excel export read back with openpyxl: structure, links, formats, charts, names, safety, CLI.

The numbers themselves are checked after a LibreOffice recalculation in
``test_export_libreoffice.py``; here we check what a reader sees before any recalculation.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import lighter_scenario
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from checker import cli
from checker.api import check, evaluate_frame, load
from checker.export import firm_workbook_bytes, population_workbook_bytes
from checker.export.safe_text import DANGEROUS_PREFIXES, is_inert, neutralise, safe_url
from checker.export.workbook_common import EUR, NAME_TOTAL_NOW, NAME_TOTAL_SCEN

DATE = dt.date(2026, 1, 1)
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


def name_cell(wb: Workbook, name: str) -> Any:
    sheet, coord = next(iter(wb.defined_names[name].destinations))
    return wb[sheet][coord.replace("$", "")]


@pytest.fixture(scope="module")
def firm_result() -> Any:
    profile = {"employees": 30, "legal_form": "bv", "sector_sbi": "25.62", "name": INJECTIONS[0]}
    return check(profile, "metaalunie-25", DATE)


@pytest.fixture(scope="module")
def firm_wb(firm_result: Any) -> Workbook:
    return open_wb(firm_workbook_bytes(firm_result, engine=load()))


def test_firm_sheets_in_reading_order_dutch_and_english(
    firm_result: Any, firm_wb: Workbook
) -> None:
    assert firm_wb.sheetnames == FIRM_SHEETS_NL
    en = open_wb(firm_workbook_bytes(firm_result, engine=load(), lang="en"))
    assert en.sheetnames == FIRM_SHEETS_EN
    assert en["Summary"]["A1"].value.startswith("Drempelcheck: burden now")


def test_obligations_one_row_per_rule_with_law_hyperlink(
    firm_result: Any, firm_wb: Workbook
) -> None:
    ws = firm_wb["Verplichtingen"]
    headers = [c.value for c in ws[4]]
    assert headers[:5] == ["Regel-id", "Regel", "Soort", "Domein", "Wet en artikel"]
    rows = {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value}
    assert set(rows) == {rr.rule.id for rr in firm_result.rules}
    for rr in firm_result.rules:
        cell = ws.cell(rows[rr.rule.id], 5)
        assert cell.hyperlink is not None and cell.hyperlink.target == rr.rule.legal_basis.url
        assert cell.value.startswith(rr.rule.legal_basis.law)
    # applying rules are listed first
    applies_col = headers.index("Geldt nu") + 1
    flags = [ws.cell(r, applies_col).value for r in sorted(rows.values())]
    assert flags == sorted(flags, key=lambda v: v != "ja")


def test_calculation_has_live_formulas_over_named_tariffs(
    firm_result: Any, firm_wb: Workbook
) -> None:
    cat = load().catalogue
    for tid, tariff in cat.tariffs.items():
        cell = name_cell(firm_wb, f"tarief_{tid}")
        assert cell.parent.title == "Aannames"
        assert cell.value == pytest.approx(tariff.eur_per_hour)
        assert cell.number_format == EUR
    ws = firm_wb["Berekening"]
    lines = [r for r in range(5, ws.max_row + 1) if ws.cell(r, 3).value]
    n_lines = sum(len(rr.rule.activities) for rr in firm_result.rules if rr.applies_now)
    assert len(lines) == n_lines > 0
    for r in lines:
        assert ws.cell(r, 20).value == f"=M{r}*H{r}*(I{r}*K{r}+L{r})"
        assert ws.cell(r, 20).number_format == EUR
        tariff_id = ws.cell(r, 10).value
        if tariff_id:
            assert ws.cell(r, 11).value == f"=tarief_{tariff_id}"
    total = name_cell(firm_wb, NAME_TOTAL_NOW)
    assert total.value.startswith("=SUMIFS(")
    assert name_cell(firm_wb, NAME_TOTAL_SCEN).value.startswith("=SUMIFS(")
    summary = firm_wb["Samenvatting"]
    formulas = [
        c.value
        for row in summary.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    ]
    assert any(NAME_TOTAL_NOW not in f and "Berekening" in f for f in formulas)


def test_number_formats_freeze_and_print_setup(firm_wb: Workbook) -> None:
    for title in ("Verplichtingen", "Berekening", "Aannames", "Bronnen", "Metadata"):
        ws = firm_wb[title]
        assert ws.freeze_panes is not None, title
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    obl = firm_wb["Verplichtingen"]
    headers = [c.value for c in obl[4]]
    col = headers.index("€ per jaar nu") + 1
    assert obl.cell(5, col).number_format == EUR
    assert obl.column_dimensions["B"].width >= 30


def test_charts_present(firm_wb: Workbook) -> None:
    ws = firm_wb["Grafieken"]
    assert len(ws._charts) == 2  # burden by domain, threshold curve
    # the cliff table holds 1…250 employees
    col_a = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    start = col_a.index("Werknemers")
    assert col_a[start + 1] == 1 and col_a[start + 250] == 250


def test_given_cliff_is_used_and_checked(firm_result: Any) -> None:
    cliff = pd.DataFrame(
        {"employees": [1, 2, 3], "cost_now": [10.0, 20.0, 30.0], "cost_scen": [1.0, 2.0, 3.0]}
    )
    wb = open_wb(firm_workbook_bytes(firm_result, engine=load(), cliff=cliff))
    ws = wb["Grafieken"]
    col_a = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    start = col_a.index("Werknemers") + 2  # list index → row number, then the first data row
    assert [ws.cell(start + i, 2).value for i in range(3)] == [10.0, 20.0, 30.0]
    with pytest.raises(ValueError, match="cost_scen"):
        firm_workbook_bytes(firm_result, engine=load(), cliff=cliff.drop(columns="cost_scen"))


def test_computed_cliff_matches_single_checks(firm_result: Any) -> None:
    from checker.export import cliff_frame

    cliff = cliff_frame(firm_result, engine=load())
    assert list(cliff["employees"]) == list(range(1, 251))
    for n in (10, 25, 26):
        single = check(
            {"employees": n, "legal_form": "bv", "sector_sbi": "25.62"}, "metaalunie-25", DATE
        )
        row = cliff.iloc[n - 1]
        assert row["cost_now"] == pytest.approx(single.totals["cost_now_eur"], abs=0.005)
        assert row["cost_scen"] == pytest.approx(single.totals["cost_scenario_eur"], abs=0.005)


def test_cliff_is_the_growth_planner_curve() -> None:
    """The workbook's curve is the app's: given inputs grow in proportion to the headcount."""
    from checker.export import cliff_frame
    from checker.growth import cliff_curve, headcount_sweep

    given = {"employees": 40, "fte": 38.0, "sick_cases_6w_per_year": 12}
    result = check(given, "metaalunie-25", DATE)
    cliff = cliff_frame(result, engine=load())
    # At 10 employees: fte 38/40 × 10 = 9.5 and 3 sick cases, as in the Groeiplanner.
    scaled = check(
        {"employees": 10, "fte": 9.5, "sick_cases_6w_per_year": 3.0}, "metaalunie-25", DATE
    )
    assert cliff.iloc[9]["cost_now"] == pytest.approx(scaled.totals["cost_now_eur"], abs=0.005)
    assert cliff.iloc[39]["cost_now"] == pytest.approx(result.totals["cost_now_eur"], abs=0.005)
    app = cliff_curve(headcount_sweep(load(), given, result.scenario, DATE))
    assert list(cliff["cost_scen"]) == pytest.approx(list(app["cost_scen"]), abs=1e-9)


def test_metadata_makes_it_reproducible(firm_result: Any, firm_wb: Workbook) -> None:
    ws = firm_wb["Metadata"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(4, ws.max_row + 1)}
    assert values["Catalogusversie (hash)"] == firm_result.catalogue_version
    assert values["Programma"].startswith("Drempelcheck ")
    assert values["Voorstel-id"] == "metaalunie-25"
    assert values["Drempel"] == "werknemers (in de regel) ≤ 25"
    assert "--scenario metaalunie-25 --date 2026-01-01" in values["Reproduceren"]


def test_sources_listed_with_links(firm_wb: Workbook) -> None:
    ws = firm_wb["Bronnen"]
    cat = load().catalogue
    ids = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)]
    cited = [i for i in ids if i in cat.sources]
    assert cited, "no sources listed"
    for r in range(4, 4 + len(cited)):
        src = cat.sources[ws.cell(r, 1).value]
        link = ws.cell(r, 6).hyperlink
        assert link is not None and link.target == src.url


def _all_cells(wb: Workbook) -> list[Any]:
    return [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]


def _assert_inert(wb: Workbook) -> None:
    for cell in _all_cells(wb):
        if cell.data_type == "f":
            assert (
                "evil" not in cell.value and "cmd|" not in cell.value and "SUM(A1" not in cell.value
            ), cell.value
        elif isinstance(cell.value, str):
            assert is_inert(cell.value), (cell.parent.title, cell.coordinate, cell.value)


def test_formula_injection_in_profile_name_is_inert(firm_wb: Workbook) -> None:
    assert firm_wb["Samenvatting"]["B3"].value == "'" + INJECTIONS[0]
    _assert_inert(firm_wb)


def test_no_external_links(firm_result: Any) -> None:
    data = firm_workbook_bytes(firm_result, engine=load())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
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
    ev = evaluate_frame(frame, lighter_scenario(), DATE)
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
        "per_regel": ev.rule_aggregates(),
    }


@pytest.fixture(scope="module")
def batch_bytes(batch: tuple[Any, dict[str, pd.DataFrame]]) -> bytes:
    ev, tables = batch
    meta = {
        "kind": "batch",
        "title": "Ledenbestand test",
        "scenario_id": "test-lichter",
        "notes": ["een notitie"],
    }
    return population_workbook_bytes(ev, tables=tables, meta=meta, engine=load())


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
        *FIRM_SHEETS_NL[1:],
    ]
    members = wb["Leden"]
    assert members.max_row == 15_001
    assert [c.value for c in members[1]][:3] == ["Naam", "Werknemers", "€ per jaar nu"]
    assert members["C2"].number_format == '"€" #,##0'
    assert members.freeze_panes == "A2"
    assert len(wb["Drempelverloop"]._charts) == 1
    assert len(wb["Grafieken"]._charts) == 1
    calc = wb["Berekening"]
    assert calc["O4"].value == "Q voorstel lichter"
    light_q = [calc.cell(r, 15).value for r in range(5, calc.max_row + 1) if calc.cell(r, 3).value]
    assert any(isinstance(q, float) and q > 0 for q in light_q), "lighter regime not written"
    assert wb["Samenvatting"]["A1"].value == "Ledenbestand test"


def test_batch_member_names_and_errors_are_inert(batch_wb: Workbook) -> None:
    wb = batch_wb
    members = wb["Leden"]
    assert members["A2"].value == "'" + INJECTIONS[0] + " lid 0"
    assert members["A2"].data_type == "s"
    assert wb["Fouten"]["C3"].value == "'=1+1 is geen naam"
    _assert_inert(wb)


def test_population_rejects_non_frame_table(batch: Any) -> None:
    ev, _ = batch
    with pytest.raises(TypeError, match="tables\\['x'\\]"):
        population_workbook_bytes(ev, tables={"x": [1, 2]}, meta={})  # type: ignore[dict-item]


# -- CLI -----------------------------------------------------------------------------------------


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
            "2026-01-01",
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
    meta = wb["Metadata"]
    values = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(4, meta.max_row + 1)}
    assert values["Proposal id"] == "metaalunie-25@50"
    assert wb["Summary"]["B3"].value == "'@Bedrijf"


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
        assert ws.page_setup.fitToHeight == 0, ws.title  # as many pages down as needed
        assert ws.oddHeader.right.text == "&A", ws.title
        assert ws.oddHeader.left.text.startswith("Drempelcheck"), ws.title
        assert "&P / &N" in ws.oddFooter.center.text, ws.title
        assert ws.page_margins.left <= 0.5, ws.title
    for title, row in (("Verplichtingen", 4), ("Berekening", 4), ("Bronnen", 3), ("Metadata", 3)):
        assert firm_wb[title].print_title_rows == f"${row}:${row}", title


def _width(ws: Any, col: int) -> float:
    from openpyxl.utils import get_column_letter

    return float(ws.column_dimensions[get_column_letter(col)].width or 8.43)


def test_wide_sheets_are_compact_enough_to_print_one_page_wide(firm_wb: Workbook) -> None:
    # Sum of column widths in characters; A4 landscape holds ~145 at 100 %, so these limits
    # keep the print scale at about half size or better instead of a third.
    for title, limit in (("Verplichtingen", 300), ("Berekening", 330), ("Bronnen", 200)):
        ws = firm_wb[title]
        total = sum(_width(ws, c) for c in range(1, ws.max_column + 1))
        assert total <= limit, (title, total)


def test_wrapped_rows_get_their_height_and_links_are_styled(firm_wb: Workbook) -> None:
    ws = firm_wb["Verplichtingen"]
    headers = [c.value for c in ws[4]]
    why = headers.index("Waarom nu") + 1
    tall = [r for r in range(5, ws.max_row + 1) if len(str(ws.cell(r, why).value or "")) > 150]
    assert tall, "precondition: a long reason"
    for r in tall:
        assert ws.cell(r, why).alignment.wrap_text
        assert (ws.row_dimensions[r].height or 15) >= 45, r  # ≥ 3 lines for > 150 characters
    assert (ws.row_dimensions[4].height or 15) >= 30  # header words wrap onto two lines
    link = ws.cell(5, 5)
    assert link.font.underline == "single" and link.font.color.rgb.endswith("0563C1")
    src = firm_wb["Bronnen"].cell(4, 6)
    assert src.hyperlink is not None and src.value == src.hyperlink.target  # copyable as-is


def test_charts_have_axis_titles_and_do_not_overlap_the_curve_table(firm_wb: Workbook) -> None:
    ws = firm_wb["Grafieken"]
    for chart in ws._charts:
        assert chart.x_axis.title is not None and chart.y_axis.title is not None
    col_a = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    table_header = col_a.index("Werknemers") + 1
    curve = ws._charts[1]
    start = curve.anchor._from.row + 1  # 0-based anchor row
    assert start < table_header - 20, "the curve chart sits above its table, not on it"
    assert ws.row_breaks.brk and ws.row_breaks.brk[0].id < start  # the curve starts a page
    assert ws.print_area is not None and str(table_header - 1) in ws.print_area
    assert ws.cell(table_header + 1, 2).number_format == '"€" #,##0'


def test_text_lines_and_breakable_urls() -> None:
    from checker.export.workbook_common import ZWSP, breakable_url, text_lines

    assert text_lines("kort", 10) == 1
    assert text_lines("abc def ghi", 8) == 2
    assert text_lines("a" * 25, 10) == 3  # a long word is broken
    assert text_lines("een\ntwee", 20) == 2
    url = "https://wetten.overheid.nl/BWBR0005537/2024-01-01"
    shown = breakable_url(url)
    assert shown.replace(ZWSP, "") == url and shown.startswith("https://wetten")
    assert text_lines(shown, 30) == 2


def test_frame_sheets_read_as_words_and_figures(batch_wb: Workbook) -> None:
    wb = batch_wb
    rules = wb["Per regel"]
    headers = [c.value for c in rules[1]]
    assert not [h for h in headers if "_" in h], headers  # labels, not column keys
    kinds = {rules.cell(r, headers.index("Soort") + 1).value for r in range(2, rules.max_row + 1)}
    assert "obligation" not in kinds and "verplichting" in kinds
    assert rules.oddHeader.center.text == "Per regel"
    members = wb["Leden"]
    emp = [c.value for c in members[1]].index("Werknemers") + 1
    assert members.cell(2, emp).number_format == "#,##0"
    for ws in wb:
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 50)):
            for c in row:
                assert c.number_format != "#,##0.##", (ws.title, c.coordinate)


def test_share_columns_are_percentages() -> None:
    from checker.export.workbook_common import PCT, column_format

    assert column_format("saved_share", pd.Series([0.02])) == PCT
    assert column_format("saved_per_firm_eur", pd.Series([1.5])) == '"€" #,##0'
    assert column_format("employees", pd.Series([3.0])) == "#,##0"


def test_workbook_shows_the_tariffs_the_check_used() -> None:
    """A result priced at other tariffs exports those tariffs, not the catalogue's defaults."""
    engine = load()
    tariffs = {**engine.tariffs, "intern": 61.25}
    result = check({"employees": 20}, "metaalunie-25", DATE, tariffs=tariffs)
    assert result.evaluation.tariffs["intern"] == 61.25
    wb = open_wb(firm_workbook_bytes(result, engine=load()))
    assert name_cell(wb, "tarief_intern").value == 61.25
    assert name_cell(wb, "tarief_intern_hoog").value == engine.tariffs["intern_hoog"]
