"""The printable report (PDF, A4): what an owner hands to a member of parliament.

Two documents on the same engine results the app shows:

* :func:`firm_report_pdf` — one firm: the yearly regeldruk saving under the proposal, the
  obligations that lapse or get lighter (by title, with € each), the burden by domain (the
  app's chart), the inputs that were assumed, the sources in short;
* :func:`population_report_pdf` — a sector analysis: which population, firms reached, the
  total saving, by size class (the app's chart) and the obligations that save most.

Regeldruk (administrative burden plus substantive compliance costs) is the headline;
financial costs such as continued pay during sickness are shown next to it, never inside it.
Every page carries the proposal, reference date and catalogue version.  Dutch by default,
English when asked.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from checker.api import CheckResult
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.engine import Engine
from checker.export.chart_images import chart_png
from checker.export.pdf_layout import MUTED, Cell, Column, ReportPdf
from checker.export.provenance import catalogue_of
from checker.export.report_content import (
    BurdenTotals,
    ChangedObligation,
    InputRow,
    SourceLine,
    assumed_inputs,
    change_label,
    field_value,
    figure_sources,
    firm_changes,
    firm_totals,
    fmt_amount,
    fmt_count,
    fmt_day,
    fmt_hours,
    given_inputs,
    law_names,
    population_changes,
    rule_costs,
    source_title,
    tariff_lines,
    weighted_totals,
)
from checker.i18n import tr
from checker.measures import MEASURES
from checker.numbers import fmt_eur, fmt_number
from checker.population.aggregate import PopulationResult, reached_mask
from checker.population.charts import size_class_chart
from checker.population.synthetic import SIZE_CLASS_ORDER
from checker.rule_model import DOMAIN_LABELS
from checker.scenario_model import Scenario
from checker.ui.charts import domain_chart

PDF_MIME = "application/pdf"
TOP_OBLIGATIONS = 10
MAX_PAGES = 2


@dataclass(frozen=True)
class Fit:
    """How much room the optional parts get; tighter levels are tried until two pages hold."""

    chart_width: float = 130  # mm
    sources: int = 8
    compact_tables: bool = False


FITS = (Fit(), Fit(120, 6, True), Fit(105, 4, True), Fit(90, 0, True))


def _fitted(render: Callable[[Fit], ReportPdf]) -> bytes:
    """The first rendering that fits on MAX_PAGES pages (else the tightest one)."""
    pdf = render(FITS[0])
    for fit in FITS[1:]:
        if pdf.pages_count <= MAX_PAGES:
            break
        pdf = render(fit)
    return pdf.to_bytes()


# -- shared pieces -----------------------------------------------------------------------------


def _scenario_title(scenario: Scenario | None, lang: Lang) -> str:
    if scenario is None:
        return tr(
            "geen voorstel (alleen de huidige regels)", "no proposal (current rules only)", lang
        )
    return pick(scenario.title, lang)


def _new_pdf(
    scenario: Scenario | None, date: dt.date, version: str, created: dt.date, lang: Lang
) -> ReportPdf:
    footer = [
        f"Drempelcheck — {tr('voorstel', 'proposal', lang)}: {_scenario_title(scenario, lang)}",
        f"{tr('Peildatum', 'Reference date', lang)} {fmt_day(date, lang)} · "
        f"{tr('catalogusversie', 'catalogue version', lang)} {version} · "
        f"{tr('gemaakt op', 'created on', lang)} {fmt_day(created, lang)}",
    ]
    pdf = ReportPdf(footer, "nl-NL" if lang == "nl" else "en-GB")
    pdf.set_creation_date(dt.datetime.combine(created, dt.time(12, 0), tzinfo=dt.UTC))
    return pdf


def _money_cells(
    now: float, scen: float, quantified: bool, lang: Lang, fmt: Any = None
) -> list[Cell]:
    money = fmt or (lambda v: fmt_eur(v, 0, lang))
    if not quantified:
        unq = tr("niet gekwantificeerd", "not quantified", lang)
        return [Cell("–"), Cell("–"), Cell(unq)]
    return [Cell(money(now)), Cell(money(scen)), Cell(money(now - scen), bold=True)]


def _method_line(catalogue: Catalogue, tariffs: dict[str, float], lang: Lang) -> str:
    return (
        tr(
            "Rekenwijze: het standaardkostenmodel van de Rijksoverheid (Handboek Meting "
            "Regeldrukkosten): tijd × uurtarief × frequentie × aantal, plus externe kosten. "
            "Uurtarieven: ",
            "Method: the Dutch government's Standard Cost Model (Handboek Meting "
            "Regeldrukkosten): time × hourly tariff × frequency × quantity, plus external "
            "costs. Hourly tariffs: ",
            lang,
        )
        + "; ".join(tariff_lines(catalogue, tariffs, lang))
        + "."
    )


def _sources_section(
    pdf: ReportPdf,
    catalogue: Catalogue,
    rules: Sequence[Any],
    scenario: Scenario | None,
    lang: Lang,
    extra: Sequence[str] = (),
    first: Sequence[str] = (),
    limit: int = 10,
) -> None:
    pdf.section(tr("Bronnen (kort)", "Sources (in short)", lang), keep_with=14)
    laws = law_names(rules)
    if laws:
        pdf.paragraph(
            tr(
                f"Wetgeving: {len(laws)} wetten en regelingen, genoemd onder elke verplichting; "
                "de geldende teksten staan op wetten.overheid.nl.",
                f"Legislation: {len(laws)} acts and regulations, named under each obligation; "
                "the texts in force are on wetten.overheid.nl.",
                lang,
            ),
            size=8.5,
        )
    lines, left_out = figure_sources(catalogue, rules, scenario, extra=extra, limit=limit)
    pdf.paragraph(
        tr("Cijfers en voorstel:", "Figures and proposal:", lang), size=8.5, bold=True, after=0.8
    )
    if lines or first:
        pdf.bullets([*first, *(line.text() for line in lines)], size=8)
    if left_out:
        pdf.paragraph(
            tr(
                f"En {left_out} andere bronnen; de volledige lijst met links staat in de "
                "Excel-werkmap (blad Bronnen).",
                f"And {left_out} other sources; the full list with links is in the Excel "
                "workbook (Sources sheet).",
                lang,
            ),
            size=8,
            color=MUTED,
        )


def _disclaimer(pdf: ReportPdf, lang: Lang) -> None:
    pdf.ln(1)
    pdf.paragraph(
        tr(
            "Een schatting met openbare bronnen en aannames, geen juridisch advies. Elk bedrag "
            "is na te rekenen in de Excel-werkmap van Drempelcheck, die dezelfde berekening met "
            "formules en alle bronnen bevat.",
            "An estimate from public sources and assumptions, not legal advice. Every amount can "
            "be recomputed in Drempelcheck's Excel workbook, which holds the same calculation as "
            "formulas with all sources.",
            lang,
        ),
        size=7.5,
        color=MUTED,
    )


# -- firm --------------------------------------------------------------------------------------


def _firm_subtitle(result: CheckResult, lang: Lang) -> list[str]:
    completed = result.completed
    assumed = {a.field for a in result.assumptions}
    given = result.profile.model_dump(exclude_none=True)

    def show(name: str) -> str:
        value = given.get(name, completed.get(name))
        text = field_value(name, value, lang)
        if name not in given or name in assumed:
            text += f" ({tr('aangenomen', 'assumed', lang)})"
        return text

    employees = fmt_number(result.profile.employees, 0, lang)
    head = f"{employees} {tr('werknemers', 'employees', lang)}"
    return [
        " · ".join([head, show("legal_form"), show("sector_sbi")]),
        f"{tr('Voorstel', 'Proposal', lang)}: {_scenario_title(result.scenario, lang)} · "
        f"{tr('peildatum', 'reference date', lang)} {fmt_day(result.date, lang)}",
    ]


def _firm_headline(
    pdf: ReportPdf,
    result: CheckResult,
    totals: BurdenTotals,
    changes: list[ChangedObligation],
    lang: Lang,
) -> None:
    t = result.totals
    now, scen, saved = totals.regeldruk_now, totals.regeldruk_scen, totals.regeldruk_saved
    lapses = sum(c.change == "lapses" for c in changes)
    lighter = sum(c.change == "lighter" for c in changes)
    if result.scenario is None:
        big = tr(
            f"{fmt_eur(now, 0, lang)} regeldruk per jaar",
            f"{fmt_eur(now, 0, lang)} regulatory burden per year",
            lang,
        )
        lines = [
            tr(
                "Geen voorstel gekozen: dit zijn de huidige regels.",
                "No proposal chosen: these are the current rules.",
                lang,
            )
        ]
    elif saved > 0.5:
        big = tr(
            f"{fmt_eur(saved, 0, lang)} per jaar minder regeldruk",
            f"{fmt_eur(saved, 0, lang)} less regulatory burden per year",
            lang,
        )
        lines = [
            tr(
                f"Onder het voorstel daalt de regeldruk van dit bedrijf van {fmt_eur(now, 0, lang)} "
                f"naar {fmt_eur(scen, 0, lang)} per jaar (administratieve lasten en nalevingskosten).",
                f"Under the proposal this firm's regulatory burden falls from {fmt_eur(now, 0, lang)} "
                f"to {fmt_eur(scen, 0, lang)} per year (administrative burden and compliance costs).",
                lang,
            ),
            _count_sentence(lapses, lighter, t["saved_hours"], lang),
        ]
    else:
        big = tr("Geen besparing op regeldruk", "No saving on regulatory burden", lang)
        lines = [
            tr(
                f"De regeldruk van dit bedrijf is {fmt_eur(now, 0, lang)} per jaar "
                "(administratieve lasten en nalevingskosten), met en zonder het voorstel.",
                f"This firm's regulatory burden is {fmt_eur(now, 0, lang)} per year "
                "(administrative burden and compliance costs), with or without the proposal.",
                lang,
            ),
            _no_saving_reason(result, changes, lang),
        ]
    note = ""
    if totals.financial_now > 0.5:
        note = tr(
            "Apart van de regeldruk: financiële lasten (zoals loondoorbetaling bij ziekte) "
            f"{_from_to(totals.financial_now, totals.financial_scen, lang)}.",
            "Apart from the regulatory burden: financial costs (such as continued pay during "
            f"sickness) {_from_to(totals.financial_now, totals.financial_scen, lang)}.",
            lang,
        )
    if abs(t["one_off_now_eur"] - t["one_off_scenario_eur"]) > 0.5:
        note += (" " if note else "") + tr(
            f"Eenmalige kosten (niet in de jaarbedragen): {fmt_eur(t['one_off_now_eur'], 0, lang)} nu, "
            f"{fmt_eur(t['one_off_scenario_eur'], 0, lang)} onder het voorstel.",
            f"One-off costs (not in the yearly amounts): {fmt_eur(t['one_off_now_eur'], 0, lang)} now, "
            f"{fmt_eur(t['one_off_scenario_eur'], 0, lang)} under the proposal.",
            lang,
        )
    pdf.headline(big, lines, note)


def _no_saving_reason(result: CheckResult, changes: list[ChangedObligation], lang: Lang) -> str:
    if changes:
        return tr(
            f"{len(changes)} verplichtingen vervallen of worden lichter, maar daarvoor zijn (nog) "
            "geen onderbouwde lastencijfers; dat betekent niet dat ze niets kosten.",
            f"{len(changes)} obligations lapse or get lighter, but there are no supported "
            "burden figures for them (yet); that does not mean they cost nothing.",
            lang,
        )
    text = tr(
        "Het voorstel verandert niets aan de verplichtingen van dit bedrijf.",
        "The proposal does not change this firm's obligations.",
        lang,
    )
    if not bool(result.evaluation.qualifies[0]):
        threshold = _threshold_text(result.scenario, lang)
        text += " " + tr(
            f"Het bedrijf valt boven de drempel van het voorstel ({threshold}).",
            f"The firm is above the proposal's threshold ({threshold}).",
            lang,
        )
    return text


def _from_to(now: float, scen: float, lang: Lang, fmt: Any = None) -> str:
    money = fmt or (lambda v: fmt_eur(v, 0, lang))
    if abs(now - scen) < 0.5:
        return tr(f"blijven {money(now)} per jaar", f"stay at {money(now)} per year", lang)
    return tr(
        f"dalen van {money(now)} naar {money(scen)} per jaar ({money(now - scen)} minder)",
        f"fall from {money(now)} to {money(scen)} per year ({money(now - scen)} less)",
        lang,
    )


def _count_sentence(lapses: int, lighter: int, hours: float, lang: Lang) -> str:
    parts_nl, parts_en = [], []
    if lapses:
        parts_nl.append(
            f"{lapses} {'verplichting vervalt' if lapses == 1 else 'verplichtingen vervallen'}"
        )
        parts_en.append(f"{lapses} {'obligation lapses' if lapses == 1 else 'obligations lapse'}")
    if lighter:
        parts_nl.append(f"{lighter} {'wordt' if lighter == 1 else 'worden'} lichter")
        parts_en.append(f"{lighter} {'gets' if lighter == 1 else 'get'} lighter")
    hours_text = fmt_number(hours, 0, lang)
    return tr(
        f"{' en '.join(parts_nl).capitalize()}; dat scheelt {hours_text} uur eigen tijd per jaar.",
        f"{' and '.join(parts_en).capitalize()}; that saves {hours_text} hours of the firm's own time per year.",
        lang,
    )


def _threshold_text(scenario: Scenario | None, lang: Lang) -> str:
    if scenario is None:
        return ""
    th = scenario.threshold
    return f"{pick(MEASURES[th.measure].label, lang)} {th.describe(lang)}"


def _change_rows(
    changes: list[ChangedObligation], lang: Lang, *, financial: bool
) -> list[list[Cell]]:
    rows = []
    for c in changes:
        now, scen = (
            (c.financial_now, c.financial_scen)
            if financial
            else (c.regeldruk_now, c.regeldruk_scen)
        )
        rows.append(
            [
                Cell(c.title, sub=c.law),
                Cell(change_label(c.change, lang)),
                *_money_cells(now, scen, c.quantified, lang),
            ]
        )
    return rows


def _changes_table(
    pdf: ReportPdf,
    burden: list[ChangedObligation],
    financial: list[ChangedObligation],
    lang: Lang,
    *,
    compact: bool = False,
) -> None:
    """Regeldruk rows with their total; financial costs below in their own group."""
    columns = [
        Column(tr("Verplichting", "Obligation", lang), 96),
        Column(tr("Voorstel", "Proposal", lang), 18),
        Column(tr("Nu", "Now", lang), 21, "R"),
        Column(tr("Met voorstel", "With proposal", lang), 24, "R"),
        Column(tr("Besparing", "Saving", lang), 21, "R"),
    ]
    total = None
    if len(burden) > 1:
        now = sum(c.regeldruk_now for c in burden)
        scen = sum(c.regeldruk_scen for c in burden)
        total = [
            Cell(tr("Samen (regeldruk)", "Together (regulatory burden)", lang), bold=True),
            Cell(""),
            *[Cell(x.text, bold=True) for x in _money_cells(now, scen, True, lang)],
        ]
    groups = []
    if financial:
        heading = tr(
            "Financiële lasten die veranderen (geen regeldruk, niet in de besparing hierboven)",
            "Financial costs that change (not regulatory burden, not in the saving above)",
            lang,
        )
        groups.append((heading, _change_rows(financial, lang, financial=True)))
    pdf.data_table(
        columns,
        _change_rows(burden, lang, financial=False),
        total,
        compact=compact,
        groups=groups,
    )


def _domain_frame(result: CheckResult, lang: Lang) -> pd.DataFrame:
    """Regeldruk per domain, now and under the proposal, in the app's chart format."""
    ev = result.evaluation
    costs = rule_costs(ev)
    costs["domain"] = [pick(DOMAIN_LABELS.get(r.domain), lang, r.domain) for r in ev.rules]
    grouped = costs.groupby("domain", as_index=False)[["regeldruk_now", "regeldruk_scen"]].sum()
    grouped = grouped[(grouped["regeldruk_now"] > 0.5) | (grouped["regeldruk_scen"] > 0.5)]
    now, scen = tr("nu", "now", lang), tr("voorstel", "proposal", lang)
    long = grouped.melt(id_vars="domain", var_name="when", value_name="eur")
    long["when"] = long["when"].map({"regeldruk_now": now, "regeldruk_scen": scen})
    long["eur_text"] = [fmt_eur(v, 0, lang) for v in long["eur"]]
    return long


def _inputs_section(pdf: ReportPdf, result: CheckResult, lang: Lang) -> None:
    """What was given, and what was estimated from sector figures (≈) or simply assumed."""
    pdf.section(tr("Uitgangspunten", "Inputs", lang), keep_with=30)
    # The name is the title; headcount, legal form and sector are in the subtitle.
    in_title = ("name", "employees", "legal_form", "sector_sbi")
    given = given_inputs(result.profile, lang, exclude=in_title)
    if given:
        pdf.paragraph(
            tr("Opgegeven: ", "Given: ", lang)
            + "; ".join(f"{r.label} {r.value}" for r in given)
            + ".",
            size=8.5,
        )
    assumed = assumed_inputs([a for a in result.assumptions if a.field not in in_title], lang)
    if not assumed:
        return
    pdf.paragraph(
        tr(
            f"Niet opgegeven en daarom geschat (≈, uit sectorcijfers zoals loon, omzet, energie, "
            f"instroom en verzuim per werknemer) of aangenomen ({len(assumed)} waarden). Wie ze "
            "invult, krijgt een preciezer resultaat.",
            f"Not given and therefore estimated (≈, from sector figures such as wages, turnover, "
            f"energy, hires and sickness per employee) or assumed ({len(assumed)} values). "
            "Filling them in gives a more precise result.",
            lang,
        ),
        size=8.5,
        after=1.2,
    )
    ordered = [r for r in assumed if r.estimated] + [r for r in assumed if not r.estimated]
    half = (len(ordered) + 1) // 2
    left, right = ordered[:half], ordered[half:]
    columns = [
        Column(tr("Gegeven", "Input", lang), 66),
        Column(tr("Waarde", "Value", lang), 24, "R"),
        Column(tr("Gegeven", "Input", lang), 66),
        Column(tr("Waarde", "Value", lang), 24, "R"),
    ]

    def value(row: InputRow) -> str:
        return f"≈ {row.value}" if row.estimated else row.value

    rows = []
    for i, a in enumerate(left):
        b = right[i] if i < len(right) else None
        rows.append(
            [Cell(a.label), Cell(value(a)), Cell(b.label if b else ""), Cell(value(b) if b else "")]
        )
    pdf.data_table(columns, rows, size=7.4, compact=True)


def firm_report_pdf(
    result: CheckResult,
    lang: Lang = "nl",
    *,
    engine: Engine | None = None,
    created: dt.date | None = None,
) -> bytes:
    """The firm's report as PDF bytes (A4; one or two pages).

    ``engine`` is the engine that computed ``result``, needed only while evaluations do not
    carry their catalogue (see :mod:`checker.export.provenance`); ``created`` is the date
    printed as "gemaakt op" (today by default).
    """
    catalogue = catalogue_of(result.evaluation, engine, version=result.catalogue_version)
    day = created or dt.date.today()
    return _fitted(lambda fit: _firm_pdf(result, lang, catalogue, day, fit))


def _firm_pdf(
    result: CheckResult, lang: Lang, catalogue: Catalogue, created: dt.date, fit: Fit
) -> ReportPdf:
    pdf = _new_pdf(result.scenario, result.date, result.catalogue_version, created, lang)
    name = result.profile.name
    pdf.kicker(
        tr(
            "Drempelcheck · regeldruk van één bedrijf",
            "Drempelcheck · one firm's regulatory burden",
            lang,
        ),
        f"{tr('gemaakt op', 'created on', lang)} {fmt_day(created, lang)}",
    )
    title = (
        tr(f"Regeldruk van {name}", f"Regulatory burden of {name}", lang)
        if name
        else tr("Regeldruk van dit bedrijf", "Regulatory burden of this firm", lang)
    )
    pdf.report_title(title, _firm_subtitle(result, lang))
    totals = firm_totals(result.totals)
    changes = firm_changes(result, lang)
    _firm_headline(pdf, result, totals, changes, lang)

    burden_rows = [c for c in changes if not (c.financial_now > 0 and c.regeldruk_now == 0)]
    financial_rows = [c for c in changes if c.financial_now > 0]
    if burden_rows or financial_rows:
        pdf.section(
            tr(
                "Verplichtingen die vervallen of lichter worden",
                "Obligations that lapse or get lighter",
                lang,
            ),
            keep_with=24,
        )
        pdf.paragraph(
            tr(
                "Bedragen in euro per jaar voor dit bedrijf, afgerond op hele euro's. Vervalt: "
                "de verplichting geldt niet meer; lichter: ze blijft in een lichtere vorm. Onder "
                "elke titel de wettelijke grondslag.",
                "Amounts in euros per year for this firm, rounded to whole euros. Lapses: the "
                "obligation no longer applies; lighter: it remains in a lighter form. The legal "
                "basis is under each title.",
                lang,
            ),
            size=7.8,
            color=MUTED,
            after=1.4,
        )
        _changes_table(pdf, burden_rows, financial_rows, lang, compact=fit.compact_tables)

    frame = _domain_frame(result, lang)
    if not frame.empty:
        pdf.section(tr("Regeldruk per domein", "Regulatory burden by domain", lang), keep_with=60)
        png = chart_png(domain_chart(frame, lang), width=380, step=10)
        pdf.image_png(
            png,
            width=fit.chart_width,
            caption=tr(
                "Administratieve lasten en nalevingskosten per jaar, nu en onder het voorstel; "
                "financiële lasten zijn hier niet meegeteld.",
                "Administrative burden and compliance costs per year, now and under the proposal; "
                "financial costs are not included here.",
                lang,
            ),
        )

    _inputs_section(pdf, result, lang)
    pdf.paragraph(_method_line(catalogue, result.evaluation.tariffs, lang), size=8)
    rules = [c.rule for c in changes]
    _sources_section(pdf, catalogue, rules, result.scenario, lang, limit=fit.sources)
    _disclaimer(pdf, lang)
    return pdf


# -- population --------------------------------------------------------------------------------


def _population_name(label: str, lang: Lang) -> tuple[str, str]:
    """'C Industrie (CBS 81588NED 2024 K2)' → ('C Industrie', 'CBS 81588NED 2024 K2')."""
    name, sep, rest = label.partition(" (")
    if sep and rest.endswith(")"):
        rest = rest[:-1]
        return name, rest[rest.index("CBS") :] if "CBS" in rest else rest
    if label == "CBS-download":
        return tr("eigen CBS-download", "own CBS download", lang), "CBS StatLine"
    return label or tr("eigen telling", "own counts", lang), ""


def _counts_source(catalogue: Catalogue, source: str) -> str:
    """'CBS 81588NED 2024 K2' as the catalogue's source line, with the period counted."""
    match = re.search(r"\b(\d{5}NED)\b\s*(.*)$", source)
    src = catalogue.sources.get(f"cbs_{match.group(1).lower()}") if match else None
    if match is None or src is None:
        return f"{source} — CBS"
    period = f" ({match.group(2)})" if match.group(2) else ""
    line = SourceLine(source_title(src.title) + period, src.publisher or "", (src.date or "")[:4])
    return line.text()


def _size_class_table(result: PopulationResult) -> pd.DataFrame:
    """Per CBS size class: firms, firms reached and the regeldruk saved (weighted)."""
    ev = result.evaluation
    classes = result.population.frame["size_class"].astype(str).to_numpy()
    w = ev.weights
    base = (
        pd.DataFrame(
            {
                "size_class": classes,
                "firms": w,
                "firms_reached": w * reached_mask(ev),
                "qualifies": w * ev.qualifies,
            }
        )
        .groupby("size_class", sort=False)
        .sum()
    )
    money = weighted_totals(ev, classes)
    table = base.join(money)
    table["saved_eur"] = table["regeldruk_now"] - table["regeldruk_scen"]
    rank = {c: i for i, c in enumerate(SIZE_CLASS_ORDER)}
    table = table.reset_index().sort_values(
        "size_class", key=lambda s: s.map(lambda c: rank.get(c, 99))
    )
    return table.reset_index(drop=True)


def population_report_pdf(
    result: PopulationResult,
    lang: Lang = "nl",
    *,
    engine: Engine | None = None,
    created: dt.date | None = None,
) -> bytes:
    """The sector analysis as PDF bytes (A4; two pages).

    ``result`` is what :func:`checker.population.evaluate_population` returns (the sector
    page and ``python -m checker population`` have it); ``engine`` as for
    :func:`firm_report_pdf`.
    """
    catalogue = catalogue_of(result.evaluation, engine)
    day = created or dt.date.today()
    return _fitted(lambda fit: _population_pdf(result, lang, catalogue, day, fit))


def _population_pdf(
    result: PopulationResult, lang: Lang, catalogue: Catalogue, created: dt.date, fit: Fit
) -> ReportPdf:
    ev = result.evaluation
    scenario = result.scenario
    pdf = _new_pdf(scenario, ev.date, catalogue.version_hash, created, lang)
    name, source = _population_name(result.population.label, lang)
    t = result.totals
    firms, reached = t["firms"], t["firms_reached"]
    pdf.kicker(
        tr("Drempelcheck · sectoranalyse", "Drempelcheck · sector analysis", lang),
        f"{tr('gemaakt op', 'created on', lang)} {fmt_day(created, lang)}",
    )
    population_line = tr(
        f"Populatie: {fmt_count(firms, lang)} bedrijven in {name}",
        f"Population: {fmt_count(firms, lang)} firms in {name}",
        lang,
    ) + (tr(f", volgens {source}", f", according to {source}", lang) if source else "")
    pdf.report_title(
        tr(
            f"{name}: regeldruk onder het voorstel",
            f"{name}: regulatory burden under the proposal",
            lang,
        ),
        [
            population_line,
            f"{tr('Voorstel', 'Proposal', lang)}: {_scenario_title(scenario, lang)} · "
            f"{tr('peildatum', 'reference date', lang)} {fmt_day(ev.date, lang)}",
        ],
    )
    totals_frame = weighted_totals(ev)
    totals = BurdenTotals(
        *(
            float(totals_frame[c].iloc[0])
            for c in ("regeldruk_now", "regeldruk_scen", "financial_now", "financial_scen")
        )
    )
    share = reached / firms if firms else 0.0
    pct = fmt_number(100 * share, 0 if share >= 0.1 else 1, lang)
    pdf.headline(
        tr(
            f"{fmt_amount(totals.regeldruk_saved, lang)} per jaar minder regeldruk",
            f"{fmt_amount(totals.regeldruk_saved, lang)} less regulatory burden per year",
            lang,
        ),
        [
            tr(
                f"Het voorstel bereikt {fmt_count(reached, lang)} van de {fmt_count(firms, lang)} "
                f"bedrijven ({pct} %): bij hen vervalt ten minste één verplichting of wordt die lichter.",
                f"The proposal reaches {fmt_count(reached, lang)} of the {fmt_count(firms, lang)} "
                f"firms ({pct}%): for them at least one obligation lapses or gets lighter.",
                lang,
            ),
            tr(
                f"De regeldruk (administratieve lasten en nalevingskosten) van alle bedrijven samen daalt "
                f"van {fmt_amount(totals.regeldruk_now, lang)} naar {fmt_amount(totals.regeldruk_scen, lang)} "
                f"per jaar; dat scheelt {fmt_hours(t['saved_hours'], lang)} uur per jaar.",
                f"The regulatory burden (administrative burden and compliance costs) of all firms together "
                f"falls from {fmt_amount(totals.regeldruk_now, lang)} to {fmt_amount(totals.regeldruk_scen, lang)} "
                f"per year, which saves {fmt_hours(t['saved_hours'], lang)} hours per year.",
                lang,
            ),
        ],
        tr(
            "Apart van de regeldruk: financiële lasten (zoals loondoorbetaling bij ziekte) "
            f"{_from_to(totals.financial_now, totals.financial_scen, lang, lambda v: fmt_amount(v, lang))}.",
            "Apart from the regulatory burden: financial costs (such as continued pay during "
            f"sickness) {_from_to(totals.financial_now, totals.financial_scen, lang, lambda v: fmt_amount(v, lang))}.",
            lang,
        )
        if totals.financial_now > 0.5
        else "",
    )

    table = _size_class_table(result)
    pdf.section(tr("Per grootteklasse", "By size class", lang), keep_with=60)
    chart = size_class_chart(table[["size_class", "saved_eur", "firms_reached", "firms"]], lang)
    pdf.image_png(
        chart_png(chart, width=560, panel_height=110),
        width=fit.chart_width + 15,
        caption=tr(
            "Boven: minder regeldruk per jaar per grootteklasse (werkzame personen, zoals CBS telt). "
            "Onder: aantal bedrijven dat het voorstel bereikt.",
            "Top: less regulatory burden per year by size class (persons employed, as CBS counts). "
            "Bottom: number of firms the proposal reaches.",
            lang,
        ),
    )
    columns = [
        Column(tr("Werkzame personen", "Persons employed", lang), 34),
        Column(tr("Bedrijven", "Firms", lang), 28, "R"),
        Column(tr("Bereikt", "Reached", lang), 28, "R"),
        Column(tr("Minder regeldruk per jaar", "Less regulatory burden per year", lang), 44, "R"),
        Column(tr("Per bereikt bedrijf", "Per firm reached", lang), 40, "R"),
    ]
    rows = []
    for r in table.to_dict(orient="records"):
        n_firms, n_reached, saved = (float(r[k]) for k in ("firms", "firms_reached", "saved_eur"))
        rows.append(
            [
                Cell(str(r["size_class"])),
                Cell(fmt_count(n_firms, lang)),
                Cell(fmt_count(n_reached, lang)),
                Cell(fmt_amount(saved, lang)),
                Cell(fmt_eur(saved / n_reached, 0, lang) if n_reached >= 0.5 else "–"),
            ]
        )
    total = [
        Cell(tr("Totaal", "Total", lang), bold=True),
        Cell(fmt_count(firms, lang), bold=True),
        Cell(fmt_count(reached, lang), bold=True),
        Cell(fmt_amount(totals.regeldruk_saved, lang), bold=True),
        Cell(
            fmt_eur(totals.regeldruk_saved / reached, 0, lang) if reached >= 0.5 else "–", bold=True
        ),
    ]
    pdf.data_table(columns, rows, total)

    changes = population_changes(ev, lang)
    burden = [c for c in changes if c.regeldruk_saved > 0.5][:TOP_OBLIGATIONS]
    if burden:
        pdf.section(
            tr("Verplichtingen met de grootste besparing", "Obligations that save most", lang),
            keep_with=30,
        )
        columns = [
            Column(tr("Verplichting", "Obligation", lang), 94),
            Column(tr("Onder het voorstel", "Under the proposal", lang), 24),
            Column(tr("Bedrijven", "Firms", lang), 26, "R"),
            Column(
                tr("Minder regeldruk per jaar", "Less regulatory burden per year", lang), 36, "R"
            ),
        ]
        pdf.data_table(
            columns,
            [
                [
                    Cell(c.title, sub=c.law),
                    Cell(change_label(c.change, lang)),
                    Cell(fmt_count(c.firms, lang)),
                    Cell(fmt_amount(c.regeldruk_saved, lang)),
                ]
                for c in burden
            ],
        )
    financial = [c for c in changes if c.financial_saved > 0.5]
    if financial:
        pdf.paragraph(
            tr(
                "Financiële lasten (geen regeldruk): ",
                "Financial costs (not regulatory burden): ",
                lang,
            )
            + "; ".join(
                tr(
                    f"{c.title} {fmt_amount(c.financial_saved, lang)} minder per jaar",
                    f"{c.title} {fmt_amount(c.financial_saved, lang)} less per year",
                    lang,
                )
                for c in financial
            )
            + ".",
            size=8,
        )

    _population_assumptions(pdf, result, table, lang)
    pdf.paragraph(_method_line(catalogue, ev.tariffs, lang), size=8)
    first = [_counts_source(catalogue, source)] if source.startswith("CBS") else []
    _sources_section(
        pdf,
        catalogue,
        [c.rule for c in changes],
        scenario,
        lang,
        extra=["cbs_81431ned"],
        first=first,
        limit=fit.sources,
    )
    _disclaimer(pdf, lang)
    return pdf


def _population_assumptions(
    pdf: ReportPdf, result: PopulationResult, table: pd.DataFrame, lang: Lang
) -> None:
    pdf.section(tr("Uitgangspunten", "Assumptions", lang), keep_with=24)
    items = [
        tr(
            "Synthetische populatie: de CBS-aantallen bedrijven per sector en grootteklasse worden "
            "exact gevolgd; de verdeling binnen een klasse, de rechtsvormen en de financiële "
            "kengetallen per bedrijf zijn aannames op basis van CBS-sectorgemiddelden.",
            "Synthetic population: the CBS numbers of firms per sector and size class are "
            "followed exactly; the spread within a class, legal forms and each firm's financial "
            "figures are assumptions based on CBS sector averages.",
            lang,
        ),
        tr(
            "CBS telt werkzame personen, het voorstel telt werknemers: werknemers = werkzame "
            "personen min de meewerkende eigenaren (1, of 2 bij een vof).",
            "CBS counts persons employed, the proposal counts employees: employees = persons "
            "employed minus working owners (1, or 2 in a partnership).",
            lang,
        ),
        tr(
            "Per bedrijf gelden dezelfde aannames als in de bedrijfscheck voor wat niet bekend "
            "is (zoals verzuimgevallen, instroom en loonsom uit CBS-cijfers per sector).",
            "Each firm gets the same assumptions as the firm check for what is not known (such "
            "as sickness cases, hires and wage bill from CBS figures per sector).",
            lang,
        ),
    ]
    band = table[table["size_class"] == "20–49"]
    if len(band) and float(band["firms"].iloc[0]) > 0 and result.scenario is not None:
        share = float(band["qualifies"].iloc[0]) / float(band["firms"].iloc[0])
        set_by_user = result.population.extra.get("share_20_49_at_most_25") is not None
        items.append(
            tr(
                f"CBS publiceert geen grens bij de drempel van het voorstel; van de klasse 20–49 "
                f"werkzame personen valt {fmt_number(100 * share, 1, lang)} % onder de drempel "
                + (
                    "(door de gebruiker ingesteld)."
                    if set_by_user
                    else "(geschat uit de verdeling binnen de klasse)."
                ),
                f"CBS publishes no split at the proposal's threshold; of the class of 20–49 persons "
                f"employed, {fmt_number(100 * share, 1, lang)}% fall under the threshold "
                + (
                    "(set by the user)."
                    if set_by_user
                    else "(estimated from the spread within the class)."
                ),
                lang,
            )
        )
    pdf.bullets(items, size=8.3)
    pdf.ln(1)


__all__ = ["PDF_MIME", "firm_report_pdf", "population_report_pdf"]
