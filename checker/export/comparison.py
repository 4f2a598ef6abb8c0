"""Proposals side by side as an Excel workbook and a short PDF report.

Both documents carry the same comparison the app shows (:mod:`checker.ui.compare_table`
rows: saving with its 5–95% range, financial effect apart, firms reached, firms just above
the threshold, the cliff, obligations changed), every proposal's definition in words
(:mod:`checker.proposal_text`), the growth incentive (what the next employee costs under
each proposal, N = 1 … 100; firms just above each threshold) and what was compared, on which
date, with which catalogue version — so a ministry can check and reproduce them.

The workbook holds figures as numbers with number formats (no formulas: the comparison runs
on the engine, not on the sheet); every text is neutralised, since proposal titles and
member names are typed by users.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter

from checker import __version__
from checker.bilingual import Lang
from checker.catalogue import Catalogue
from checker.compare import REPRESENTATIVE, Comparison, compare_firm, compare_population
from checker.engine import Engine
from checker.export.chart_images import chart_png, print_spec, spec_png
from checker.export.pdf_layout import Cell, Column, ReportPdf, png_size
from checker.export.sheet_charts import add_line_chart
from checker.export.workbook_common import (
    BOLD,
    DEC,
    EUR0,
    INT,
    LEFT_WRAP,
    SheetWriter,
    add_sheet,
    new_workbook,
    workbook_bytes,
)
from checker.i18n import fmt_date, fmt_number, t
from checker.incentive import firms_at_thresholds, marginal_curves
from checker.profile import FirmProfile
from checker.proposal_text import definition_rows
from checker.scenario_model import Scenario
from checker.ui.compare_charts import comparison_panels, marginal_chart, short_labels
from checker.ui.compare_table import ROWS, Row, cell_text, row_label, rows_for, withheld

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CatalogueMismatchError(ValueError):
    """The catalogue passed along is not the one the comparison was computed with."""


@dataclass(frozen=True)
class ComparisonReport:
    """A comparison with what the documents need besides the table.

    ``context`` says what was compared ("one firm: 18 employees …", "C Industrie", "member
    file leden.csv"); ``curves`` are :func:`checker.incentive.marginal_curves`, ``thresholds``
    :func:`checker.incentive.firms_at_thresholds` (populations only).
    """

    comparison: Comparison
    catalogue: Catalogue
    context: str
    curves: pd.DataFrame | None = None
    thresholds: pd.DataFrame | None = None
    created: dt.date | None = None

    def __post_init__(self) -> None:
        if self.catalogue.version_hash != self.comparison.catalogue_version:
            raise CatalogueMismatchError(
                f"the comparison was computed with catalogue {self.comparison.catalogue_version},"
                f" but catalogue {self.catalogue.version_hash} was passed along"
            )

    @property
    def day(self) -> dt.date:
        return self.created or dt.date.today()

    def labels(self, lang: Lang) -> dict[str, str]:
        return short_labels(self.comparison.proposals, lang)


def _facts(report: ComparisonReport, lang: Lang) -> str:
    return t(
        "report.footer.facts",
        lang,
        date=fmt_date(report.comparison.date, lang),
        version=report.comparison.catalogue_version,
        created=fmt_date(report.day, lang),
    )


def _title(report: ComparisonReport, lang: Lang) -> str:
    count = len(report.comparison.proposals)
    if count == 1:
        return t("workbench.export.title_one", lang)
    return t("workbench.export.title", lang, count=count)


# -- Excel --------------------------------------------------------------------------------------


def comparison_report(
    engine: Engine,
    proposals: Sequence[Scenario],
    date: dt.date,
    lg: Lang,
    *,
    profile: FirmProfile | None = None,
    frame: pd.DataFrame | None = None,
    context: str = "",
) -> ComparisonReport:
    """The comparison and its growth incentive for a firm (``profile``) or a population — what
    the app, the CLI (``compare --xlsx/--pdf``) and both documents show."""
    cat = engine.catalogue
    if profile is not None:
        cmp = compare_firm(engine, profile, proposals, date, lang=lg)
        curves = marginal_curves(engine, profile.model_dump(), proposals, date)
        return ComparisonReport(cmp, cat, context, curves)
    if frame is None:
        raise ValueError("compare a firm (profile) or a population (frame)")
    cmp = compare_population(engine, frame, proposals, date, lang=lg)
    curves = marginal_curves(engine, dict(REPRESENTATIVE), proposals, date)
    thresholds = firms_at_thresholds(engine, frame, proposals, date, lg)
    return ComparisonReport(cmp, cat, context, curves, thresholds)


def comparison_workbook_bytes(report: ComparisonReport, lang: Lang = "nl") -> bytes:
    """The comparison workbook: Vergelijking, Voorstellen, Groeiprikkel, Metadata."""
    wb = new_workbook(_title(report, lang))
    _compare_sheet(wb, report, lang)
    _definitions_sheet(wb, report, lang)
    if report.curves is not None and len(report.curves):
        _incentive_sheet(wb, report, lang)
    _metadata_sheet(wb, report, lang)
    return workbook_bytes(wb)


def _compare_sheet(wb: Workbook, report: ComparisonReport, lang: Lang) -> None:
    cmp = report.comparison
    labels = report.labels(lang)
    w = add_sheet(wb, t("workbench.export.sheet.compare", lang), lang)
    w.title_row(1, _title(report, lang))
    w.put(2, 1, report.context)
    w.put(3, 1, _facts(report, lang))
    header = 5
    heads = [labels.get(p.id, p.id) for p in cmp.proposals]
    w.header(header, [t("workbench.compare.figure", lang), *heads])
    records = [record for _, record in cmp.table.iterrows()]
    row = header
    saving_row = 0
    for spec in rows_for(cmp.kind):
        if spec.kind == "eur_range":
            for end in ("low", "high"):
                row += 1
                figure = row_label(_base_row(spec.column), lang)
                w.put(row, 1, t(f"workbench.export.{end}", lang, figure=figure))
                for col, record in enumerate(records, start=2):
                    w.put(row, col, float(record[f"{spec.column}_{end}"]), EUR0)
            continue
        row += 1
        w.put(row, 1, row_label(spec, lang), font=BOLD if spec.kind == "eur" else None)
        if spec.code == "regulatory_saved":
            saving_row = row
        for col, (record, proposal) in enumerate(zip(records, cmp.proposals, strict=True), 2):
            if spec.kind in ("eur", "count") and not withheld(spec.column, record):
                w.put(row, col, float(record[spec.column]), EUR0 if spec.kind == "eur" else INT)
            else:
                w.put(row, col, cell_text(spec, record, lang, proposal, cmp.date, kind=cmp.kind))
    row += 2
    w.note(row, t("workbench.export.note", lang), len(heads) + 1)
    w.widths([58, *([30] * len(heads))])
    w.finish(header, freeze_col=2)
    if saving_row:
        chart = BarChart()
        chart.type = "bar"
        chart.title = row_label(_base_row("regulatory_saved"), lang)
        chart.y_axis.number_format = EUR0
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.legend = None
        chart.add_data(
            Reference(w.ws, min_col=2, max_col=len(heads) + 1, min_row=saving_row),
            from_rows=True,
            titles_from_data=False,
        )
        chart.set_categories(Reference(w.ws, min_col=2, max_col=len(heads) + 1, min_row=header))
        chart.height, chart.width = 7.5, 18
        w.ws.add_chart(chart, f"B{row + 2}")


def _base_row(column: str) -> Row:
    return next(r for r in ROWS if r.column == column and r.kind == "eur")


def _definitions_sheet(wb: Workbook, report: ComparisonReport, lang: Lang) -> None:
    w = add_sheet(wb, t("workbench.export.sheet.proposals", lang), lang)
    w.title_row(1, t("workbench.export.definitions", lang))
    header = 3
    w.header(header, [t("workbench.compare.figure", lang), t("workbench.export.value", lang)])
    row = header
    labels = report.labels(lang)
    for proposal in report.comparison.proposals:
        row += 1
        w.section(row, labels.get(proposal.id, proposal.id), 2)
        for item, value in definition_rows(proposal, report.catalogue, lang):
            row += 1
            w.put(row, 1, item, font=BOLD, wrap=True)
            w.put(row, 2, value).alignment = LEFT_WRAP
    w.widths([44, 110])
    w.finish(header)


def _incentive_sheet(wb: Workbook, report: ComparisonReport, lang: Lang) -> None:
    curves = report.curves
    assert curves is not None
    labels = report.labels(lang)
    w = add_sheet(wb, t("workbench.export.sheet.incentive", lang), lang)
    w.title_row(1, t("workbench.export.incentive_title", lang))
    w.note(2, t("workbench.export.incentive_note", lang), 6)
    header = 4
    ids = list(dict.fromkeys(curves["proposal"]))
    first = curves[curves["proposal"] == ids[0]]
    heads = [
        t("workbench.export.employees_now", lang),
        t("workbench.incentive.current_law", lang),
        *(labels.get(pid, pid) for pid in ids),
    ]
    w.header(header, heads)
    for i, n in enumerate(first["employees"]):
        row = header + 1 + i
        w.put(row, 1, int(n), INT)
        w.put(row, 2, float(first["marginal_now"].iloc[i]), EUR0)
        for j, pid in enumerate(ids):
            values = curves[curves["proposal"] == pid]["marginal_scen"]
            w.put(row, 3 + j, float(values.iloc[i]), EUR0)
    last = header + len(first)
    w.widths([18, 18, *([26] * len(ids))])
    w.finish(header)
    add_line_chart(
        w.ws,
        x_col=1,
        y_cols=list(range(2, 3 + len(ids))),
        header_row=header,
        last_row=last,
        anchor=f"{_letter(len(heads) + 2)}{header}",
        title=t("workbench.export.incentive_title", lang),
        x_title=t("workbench.export.employees_now", lang),
        y_title=t("workbench.incentive.y", lang),
        label_every=10,
    )
    if report.thresholds is not None and len(report.thresholds):
        _thresholds_block(w, report.thresholds, labels, last + 3, lang)


def _letter(col: int) -> str:
    return str(get_column_letter(col))


def _thresholds_block(
    w: SheetWriter, frame: pd.DataFrame, labels: dict[str, str], top: int, lang: Lang
) -> None:
    w.put(top, 1, t("workbench.export.thresholds_title", lang), font=BOLD)
    heads = [
        t("workbench.compare.col.proposal", lang),
        t("workbench.export.where", lang),
        t("workbench.compare.col.threshold", lang),
        t("workbench.export.first_outside", lang),
        t("workbench.export.firms_inside", lang),
        t("workbench.compare.col.firms_just_above", lang),
    ]
    w.header(top + 1, heads)
    records: list[dict[Hashable, Any]] = frame.to_dict(orient="records")
    for i, rec in enumerate(records, start=top + 2):
        w.put(i, 1, labels.get(str(rec["proposal"]), str(rec["proposal"])))
        w.put(i, 2, str(rec["where"]))
        w.put(i, 3, float(rec["threshold"]), DEC)
        w.put(i, 4, int(rec["first_outside"]), INT)
        w.put(i, 5, float(rec["firms_inside"]), INT)
        w.put(i, 6, float(rec["firms_just_above"]), INT)
    w.fit_rows(top + 1)


def _metadata_sheet(wb: Workbook, report: ComparisonReport, lang: Lang) -> None:
    w = add_sheet(wb, "metadata", lang)
    w.title_row(1, t("workbook.meta.title", lang))
    header = 3
    w.header(header, [t("workbook.meta.item", lang), t("workbench.export.value", lang)])
    cat = report.catalogue
    rows: list[tuple[str, object]] = [
        (t("workbook.meta.tool", lang), f"Drempelcheck {__version__}"),
        (t("workbook.meta.catalogue_version", lang), cat.version_hash),
        (t("workbook.meta.rule_count", lang), len(cat.rules)),
        (t("app.sidebar.date", lang), report.comparison.date),
        (t("workbook.meta.created", lang), report.day),
        (t("workbook.meta.language", lang), lang),
        (t("workbench.export.compared", lang), report.context),
        *(
            (t("workbench.def.id", lang) + f" {i}", p.id)
            for i, p in enumerate(report.comparison.proposals, start=1)
        ),
    ]
    for i, (item, value) in enumerate(rows, start=header + 1):
        w.put(i, 1, item, font=BOLD)
        w.put(i, 2, value).alignment = LEFT_WRAP
    w.widths([36, 90])
    w.finish(header)


# -- PDF ----------------------------------------------------------------------------------------


def comparison_pdf_bytes(report: ComparisonReport, lang: Lang = "nl") -> bytes:
    """A short A4 report: the table, the chart, the growth incentive, the definitions."""
    cmp = report.comparison
    labels = report.labels(lang)
    heads = [labels.get(p.id, p.id) for p in cmp.proposals]
    pdf = ReportPdf(
        [t("workbench.export.footer", lang, proposals="; ".join(heads)), _facts(report, lang)],
        "nl-NL" if lang == "nl" else "en-GB",
    )
    pdf.set_creation_date(dt.datetime.combine(report.day, dt.time(12, 0), tzinfo=dt.UTC))
    pdf.kicker(
        t("workbench.export.kicker", lang),
        t("report.created_on", lang, date=fmt_date(report.day, lang)),
    )
    pdf.report_title(
        _title(report, lang),
        [report.context, t("workbench.export.date_line", lang, date=fmt_date(cmp.date, lang))],
    )
    _pdf_table(pdf, report, heads, lang)
    pdf.paragraph(t("workbench.export.note", lang), size=7.5, after=2.5)
    _pdf_panels(pdf, report, lang)
    if report.curves is not None and len(report.curves):
        png = chart_png(marginal_chart(report.curves, labels, lang), width=560, panel_height=220)
        px_w, px_h = png_size(png)
        keep = pdf.content_width * px_h / px_w
        pdf.section(t("workbench.export.incentive_title", lang), keep_with=keep)
        pdf.image_png(
            png, width=pdf.content_width, caption=t("workbench.export.incentive_note", lang)
        )
        if report.thresholds is not None and len(report.thresholds):
            _pdf_thresholds(pdf, report.thresholds, labels, lang)
    pdf.section(t("workbench.export.definitions", lang), keep_with=30)
    for proposal in cmp.proposals:
        pdf.paragraph(labels.get(proposal.id, proposal.id), size=9.5, bold=True, after=0.8)
        rows = definition_rows(proposal, report.catalogue, lang, brief=True)[1:]
        pdf.bullets([f"{item}: {value}" for item, value in rows], size=8)
    pdf.paragraph(t("report.disclaimer", lang), size=7.5, after=0)
    return pdf.to_bytes()


PANEL_WIDTH = 430  # CSS px of a printed panel (placed at 92% of the text width)


def chart_specs(report: ComparisonReport, lang: Lang) -> list[dict[str, Any]]:
    """The printed comparison chart: one Vega-Lite spec per figure, framed for print
    (:func:`checker.export.chart_images.print_spec`) — what the PDF renders, for tests to
    check where each name and value lands."""
    cmp = report.comparison
    panels = comparison_panels(cmp.table, report.labels(lang), lang, cmp.kind, date=cmp.date)
    return [print_spec(chart, PANEL_WIDTH) for _title, chart in panels]


def _pdf_panels(pdf: ReportPdf, report: ComparisonReport, lang: Lang) -> None:
    """The comparison chart, one image per figure: a panel is never split over two pages
    (the whole chart for four proposals is taller than a page)."""
    width = pdf.content_width * 0.92
    for i, spec in enumerate(chart_specs(report, lang)):
        png = spec_png(spec)
        if i == 0:
            px_w, px_h = png_size(png)
            pdf.section(t("workbench.export.chart_heading", lang), keep_with=width * px_h / px_w)
        else:
            pdf.ln(2)
        pdf.image_png(png, width=width)


def _pdf_table(pdf: ReportPdf, report: ComparisonReport, heads: Sequence[str], lang: Lang) -> None:
    cmp = report.comparison
    first = 58.0
    rest = max(28.0, (174 - first) / max(1, len(heads)))
    columns = [
        Column(t("workbench.compare.figure", lang), first),
        *(Column(h, rest, "R") for h in heads),
    ]
    records = [record for _, record in cmp.table.iterrows()]
    rows = [
        [
            Cell(row_label(spec, lang), bold=spec.kind == "eur"),
            *(
                Cell(
                    cell_text(spec, record, lang, proposal, cmp.date, kind=cmp.kind),
                    bold=spec.kind == "eur",
                )
                for record, proposal in zip(records, cmp.proposals, strict=True)
            ),
        ]
        for spec in rows_for(cmp.kind)
    ]
    pdf.data_table(columns, rows, size=8)


def _number(value: float, lang: Lang) -> str:
    return fmt_number(value, lang, decimals=0 if value.is_integer() else 2)


def _pdf_thresholds(
    pdf: ReportPdf, frame: pd.DataFrame, labels: dict[str, str], lang: Lang
) -> None:
    columns = [
        Column(t("workbench.compare.col.proposal", lang), 50),
        Column(t("workbench.export.where", lang), 50),
        Column(t("workbench.compare.col.threshold", lang), 22, "R"),
        Column(t("workbench.export.firms_inside", lang), 26, "R"),
        Column(t("workbench.compare.col.firms_just_above", lang), 26, "R"),
    ]
    records: list[dict[Hashable, Any]] = frame.to_dict(orient="records")
    rows = [
        [
            Cell(labels.get(str(r["proposal"]), str(r["proposal"]))),
            Cell(str(r["where"])),
            Cell(_number(float(r["threshold"]), lang)),
            Cell(fmt_number(float(r["firms_inside"]), lang)),
            Cell(fmt_number(float(r["firms_just_above"]), lang), bold=True),
        ]
        for r in records
    ]
    pdf.paragraph(t("workbench.export.thresholds_title", lang), size=9, bold=True, after=1)
    pdf.data_table(columns, rows, size=7.8, compact=True)
