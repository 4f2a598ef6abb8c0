"""The printed comparison after the browser user test of "Vergelijking als pdf".

* In "In één oogopslag" every proposal's name sat one row off its bar ("Eigen voorstel"
  printed on the cautious variant's orange bar and its "€ 6,64 miljoen"): the report
  squeezed the app's row height while the name and the bar kept their offsets in pixels.
  The charts are images in the PDF, so this reads where the renderer puts each name, bar
  and value in exactly the specs the PDF renders (:func:`chart_specs`), and asserts that
  each proposal's name, bar and value share one row of its own, in order.
* A proposal not yet in force on the comparison date has no threshold yet: no cliff and no
  firms "just above" it — the table says '–' and why (app, Excel, PDF), the chart draws no
  bar.

Expectations are written out by hand; the proposals are the shipped ones plus an own
proposal made in the builder.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import vl_convert
from conftest import REFERENCE_DATE
from openpyxl import load_workbook
from test_pdf_report import pdf_text, poppler
from xlsx_lookup import find_row, header_row

from checker.api import load
from checker.bilingual import Lang
from checker.export.comparison import (
    ComparisonReport,
    chart_specs,
    comparison_pdf_bytes,
    comparison_report,
    comparison_workbook_bytes,
)
from checker.population import build_population
from checker.profile import FirmProfile
from checker.proposal_builder import build, draft_from_scenario
from checker.scenario_model import Scenario
from checker.ui.compare_charts import PROPOSAL_COLORS
from checker.ui.compare_table import display_table

SHIPPED = ("metaalunie-25", "metaalunie-25-conservatief", "metaalunie-25-maximaal")
OWN_START = dt.date(2027, 1, 1)  # after REFERENCE_DATE (27 November 2026)
FIRM = {"employees": 18, "legal_form": "bv", "sector_sbi": "25.62"}
NOT_IN_FORCE = {
    "nl": "– (nog niet van kracht op 27 november 2026)",
    "en": "– (not in force on 27 November 2026)",
}
CLIFF = {
    "nl": "Klif: extra last per jaar van de eerste werknemer boven de drempel",
    "en": "Cliff: extra yearly burden of the first employee above the threshold",
}
JUST_ABOVE = {
    "nl": "Bedrijven net boven de drempel (de eerste 5 groottes erboven)",
    "en": "Firms just above the threshold (the first 5 sizes above it)",
}


def _own(lang: Lang) -> Scenario:
    """An own proposal from the builder that starts after the comparison date."""
    made = build(draft_from_scenario(None, lang=lang).replace(start=OWN_START), load().catalogue)
    assert made.scenario is not None, made.problems
    return made.scenario


@cache
def _report(kind: str, count: int, lang: Lang) -> ComparisonReport:
    """``count`` proposals, the own one second (between two shipped ones, as in the test)."""
    engine = load()
    shipped = [engine.catalogue.scenario(s) for s in SHIPPED[: count - 1]]
    proposals = [shipped[0], _own(lang), *shipped[1:]]
    if kind == "firm":
        profile = FirmProfile.model_validate(FIRM)
        return comparison_report(engine, proposals, REFERENCE_DATE, lang, profile=profile)
    frame = build_population("section:C", engine, seed=1).frame
    return comparison_report(engine, proposals, REFERENCE_DATE, lang, frame=frame)


def _marks(node: dict[str, Any], marktype: str) -> list[dict[str, Any]]:
    """The items of every data mark (not axes, not titles) of one type in a scenegraph."""
    out: list[dict[str, Any]] = []
    if node.get("marktype") == marktype and str(node.get("name", "")).endswith("_marks"):
        out += node["items"]
    for item in node.get("items", []):
        if isinstance(item, dict):
            out += _marks(item, marktype)
    return out


def _scene(spec: dict[str, Any]) -> dict[str, Any]:
    return vl_convert.vegalite_to_scenegraph(json.dumps(spec))["scenegraph"]


def _rows(spec: dict[str, Any], names: list[str]) -> list[dict[str, Any]]:
    """Per proposal (in the table's order): the y of its name, of its value and its bar."""
    scene = _scene(spec)
    texts = _marks(scene, "text")
    bars = _marks(scene, "rect")
    rows = []
    for i, name in enumerate(names):
        at = [item for item in texts if item["text"] == name]
        assert len(at) == 1, (name, [item["text"] for item in texts])
        color = PROPOSAL_COLORS[i]
        rows.append({"name": at[0]["y"], "bars": [b for b in bars if b["fill"] == color]})
    values = sorted((item for item in texts if item["text"] not in names), key=lambda i: i["y"])
    assert len(values) == len(names), [item["text"] for item in values]
    for row, value in zip(rows, values, strict=True):
        row["value"], row["text"] = value["y"], value["text"]
    return rows


NAME_HALF = 6  # half the 12 px name line: the name may not reach into the bar


@pytest.mark.parametrize(
    ("kind", "count", "lang"),
    [
        ("population", 3, "nl"),
        ("population", 4, "nl"),
        ("population", 3, "en"),
        ("population", 4, "en"),
        ("firm", 3, "nl"),
    ],
)
def test_each_name_its_bar_and_its_value_share_one_row(kind: str, count: int, lang: Lang) -> None:
    report = _report(kind, count, lang)
    labels = report.labels(lang)
    names = [labels[p.id] for p in report.comparison.proposals]
    specs = chart_specs(report, lang)
    assert len(specs) >= 3
    for spec in specs:
        rows = _rows(spec, names)
        for i, row in enumerate(rows):
            # the name comes first, then the value, and both before the next proposal's name
            below = rows[i + 1]["name"] if i + 1 < len(rows) else float("inf")
            assert row["name"] < row["value"] < below, (names[i], row)
            for bar in row["bars"]:
                top, bottom = bar["y"], bar["y"] + bar["height"]
                assert top <= row["value"] <= bottom, (names[i], row["text"], bar)
                assert row["name"] + NAME_HALF <= top, (names[i], "name on its bar")
                assert bottom < below - NAME_HALF, (names[i], "bar on the next name")


def test_the_own_proposal_is_named_above_its_own_value() -> None:
    """The user test's case written out: the saving panel of three proposals for C Industrie
    reads name, value, name, value … in the order of the table."""
    report = _report("population", 3, "nl")
    names = ["Metaalunie-voorstel", "Eigen voorstel", "Metaalunie-voorstel, voorzichtige variant"]
    rows = _rows(chart_specs(report, "nl")[0], names)
    assert rows[1]["text"] == "€\u00a00"  # the own proposal saves nothing on the date
    assert rows[2]["text"] != "€\u00a00"  # the cautious variant's saving sits under its name


# -- a proposal not yet in force ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_cliff_and_no_firms_just_above_before_the_proposal_is_in_force(lang: Lang) -> None:
    report = _report("population", 3, lang)
    labels = report.labels(lang)
    own, shipped = labels[report.comparison.proposals[1].id], labels[SHIPPED[0]]
    figure = {"nl": "Gegeven", "en": "Figure"}[lang]
    in_effect = {"nl": "Van kracht op de peildatum", "en": "In effect on the reference date"}
    table = display_table(report.comparison, labels, lang).set_index(figure)
    for row in (CLIFF[lang], JUST_ABOVE[lang]):
        assert table.loc[row, own] == NOT_IN_FORCE[lang], row
        assert "–" not in str(table.loc[row, shipped]), row
    assert table.loc[in_effect[lang], own] == {"nl": "nee", "en": "no"}[lang]


def test_the_workbook_says_why_there_is_no_cliff() -> None:
    report = _report("population", 3, "nl")
    labels = report.labels("nl")
    wb = load_workbook(io.BytesIO(comparison_workbook_bytes(report, "nl")))
    ws = wb.worksheets[0]
    own, shipped = labels[report.comparison.proposals[1].id], labels[SHIPPED[0]]
    _, columns = header_row(ws, "Gegeven", own, shipped)
    for row in (CLIFF["nl"], JUST_ABOVE["nl"]):
        at = find_row(ws, row)
        assert ws.cell(at, columns[own]).value == NOT_IN_FORCE["nl"], row
        assert isinstance(ws.cell(at, columns[shipped]).value, (int, float)), row


@poppler
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdf_says_why_and_draws_no_bar(lang: Lang, tmp_path: Path) -> None:
    report = _report("population", 3, lang)
    text = pdf_text(comparison_pdf_bytes(report, lang), tmp_path)
    reason = NOT_IN_FORCE[lang].removeprefix("– ")
    # the cliff and the just-above rows of the table (the chart is an image)
    assert len(re.findall(re.escape(reason).replace(r"\ ", r"\s+"), text)) == 2, text
    labels = report.labels(lang)
    names = [labels[p.id] for p in report.comparison.proposals]
    held = 0
    for spec in chart_specs(report, lang):
        rows = _rows(spec, names)
        if rows[1]["text"] == NOT_IN_FORCE[lang]:
            held += 1
            assert rows[1]["bars"] == [], "no bar for a figure the proposal does not have yet"
            assert rows[0]["bars"] and rows[2]["bars"]
    assert held == 2  # the cliff and the firms just above
