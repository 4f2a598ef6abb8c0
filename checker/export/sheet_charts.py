"""Charts in the workbooks: the app's colours, axes with titles, tables that feed them live.

A chart in the workbook must tell the same story as the app's: current law in the app's red,
the proposal in its blue, regeldruk on the euro axis (financial costs are named beside the
chart, never stacked into it), and every axis titled.  The figures behind each chart are
formulas over the Verplichtingen sheet where they can be, so a reader who changes a tariff
sees the chart move.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.drawing.line import LineProperties
from openpyxl.worksheet.worksheet import Worksheet

from checker.bilingual import Lang
from checker.export.workbook_common import (
    BOLD,
    EUR0,
    LINE_PT,
    NOW_RGB,
    SCEN_RGB,
    Formula,
    SheetWriter,
    col_range,
)
from checker.i18n import column_label, t


def now_and_proposal(lang: Lang) -> list[str]:
    """The two figure columns of every summary and chart table: now, under the proposal."""
    return [t("workbook.now", lang), t("workbook.under_proposal", lang)]


def chart_rows(height_cm: float) -> int:
    """Rows of the default height (15 pt = 0.53 cm) a chart of ``height_cm`` covers."""
    return math.ceil(height_cm / (LINE_PT * 2.54 / 72)) + 1


def _colour_series(chart: BarChart | LineChart, colours: Sequence[str], line: bool) -> None:
    """Give each series the app's colour (by position: now first, then the proposal)."""
    for series, rgb in zip(chart.series, colours, strict=False):
        if line:
            series.graphicalProperties = GraphicalProperties(
                ln=LineProperties(solidFill=rgb, w=28575)
            )
        else:
            series.graphicalProperties = GraphicalProperties(solidFill=rgb)
            series.graphicalProperties.line.solidFill = rgb


def add_line_chart(
    ws: Worksheet,
    *,
    x_col: int,
    y_cols: Sequence[int],
    header_row: int,
    last_row: int,
    anchor: str,
    title: str,
    x_title: str,
    y_title: str,
    colours: Sequence[str] = (NOW_RGB, SCEN_RGB),
    y_format: str = EUR0,
    label_every: int = 1,
) -> LineChart:
    """A line chart with both axes titled; ``label_every`` thins the category labels so
    250 head counts do not print on top of each other."""
    chart = LineChart()
    chart.title = title
    chart.x_axis.title = x_title
    chart.y_axis.title = y_title
    chart.y_axis.number_format = y_format
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    for col in y_cols:
        chart.add_data(
            Reference(ws, min_col=col, min_row=header_row, max_row=last_row), titles_from_data=True
        )
    chart.set_categories(Reference(ws, min_col=x_col, min_row=header_row + 1, max_row=last_row))
    for s in chart.series:
        s.smooth = False
        s.marker.symbol = "none"
    _colour_series(chart, colours, line=True)
    if label_every > 1:
        chart.x_axis.tickLblSkip = label_every
        chart.x_axis.tickMarkSkip = label_every
    chart.legend.position = "b"
    chart.width = 22
    chart.height = 10
    ws.add_chart(chart, anchor)
    return chart


@dataclass(frozen=True)
class DomainSource:
    """Where the per-rule regeldruk lives on the Verplichtingen sheet (for SUMIFS by domain)."""

    sheet: str
    first: int
    last: int
    domain_col: int
    now_col: int
    scen_col: int


def write_domain_chart(
    w: SheetWriter, src: DomainSource, domains: Sequence[str], top: int, lang: Lang
) -> int:
    """Regeldruk by domain now vs under the proposal (SUMIFS over Verplichtingen) and its bar
    chart in the app's colours; returns the first free row below both."""
    w.put(top, 1, t("export.charts.by_domain", lang), font=BOLD)
    hdr = top + 1
    w.header(hdr, [column_label("domain", lang), *now_and_proposal(lang)])
    dom_rng = col_range(src.sheet, src.domain_col, src.first, src.last)
    now_rng = col_range(src.sheet, src.now_col, src.first, src.last)
    scen_rng = col_range(src.sheet, src.scen_col, src.first, src.last)
    row = hdr
    for label in domains:
        row += 1
        w.put(row, 1, label)
        w.put(row, 2, Formula(f"SUMIFS({now_rng},{dom_rng},$A{row})"), EUR0)
        w.put(row, 3, Formula(f"SUMIFS({scen_rng},{dom_rng},$A{row})"), EUR0)
    if row == hdr:
        return row + 2
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.title = t("export.charts.by_domain_title", lang)
    chart.y_axis.title = t("export.charts.regulatory_axis", lang)
    chart.x_axis.title = column_label("domain", lang)
    chart.y_axis.number_format = EUR0
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.scaling.orientation = "maxMin"  # domains top-down, in the table's order
    chart.add_data(
        Reference(w.ws, min_col=2, max_col=3, min_row=hdr, max_row=row), titles_from_data=True
    )
    chart.set_categories(Reference(w.ws, min_col=1, min_row=hdr + 1, max_row=row))
    _colour_series(chart, (NOW_RGB, SCEN_RGB), line=False)
    chart.legend.position = "b"
    chart.height = max(7.5, 1.1 * (row - hdr) + 4)
    chart.width = 18
    w.ws.add_chart(chart, f"E{top}")
    return max(row, top + chart_rows(chart.height)) + 2
