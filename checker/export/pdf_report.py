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
from checker.export.chart_images import chart_png
from checker.export.pdf_layout import MUTED, Cell, Column, ReportPdf
from checker.export.provenance import catalogue_of
from checker.export.reader_words import threshold_text
from checker.export.report_content import (
    BurdenTotals,
    ChangedObligation,
    InputRow,
    SourceLine,
    announced,
    assumed_inputs,
    change_label,
    field_value,
    figure_sources,
    firm_changes,
    firm_totals,
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
from checker.i18n import (
    column_label,
    domain_label,
    fmt_eur,
    fmt_eur_short,
    fmt_number,
    fmt_percent,
    t,
    yes_no,
)
from checker.i18n.vocabulary import regulatory_parts, transfer_words
from checker.population.aggregate import PopulationResult, reached_mask
from checker.population.charts import size_class_chart
from checker.population.metal import METAL_SCOPE, metal_estimate
from checker.population.scope_names import scope_name, scope_source
from checker.population.size_classes import available_scopes
from checker.population.synthetic import SIZE_CLASS_ORDER
from checker.scenario_model import Scenario
from checker.ui.charts import domain_chart
from checker.ui.headline import fmt_interval, fmt_rounded
from checker.uncertainty import population_intervals

PDF_MIME = "application/pdf"
TOP_OBLIGATIONS = 10
MAX_PAGES = 2


@dataclass(frozen=True)
class Fit:
    """How much room the optional parts get; tighter levels are tried until two pages hold."""

    chart_width: float = 130  # mm
    sources: int = 8
    compact_tables: bool = False


# Fewer sources and tighter tables first; the chart shrinks last (it must stay readable).
FITS = (Fit(), Fit(130, 6, True), Fit(120, 4, True), Fit(110, 3, True), Fit(95, 0, True))


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
        return t("app.sidebar.no_proposal", lang)
    return pick(scenario.title, lang)


def _new_pdf(
    scenario: Scenario | None, date: dt.date, version: str, created: dt.date, lang: Lang
) -> ReportPdf:
    footer = [
        t("report.footer.proposal", lang, proposal=_scenario_title(scenario, lang)),
        t(
            "report.footer.facts",
            lang,
            date=fmt_day(date, lang),
            version=version,
            created=fmt_day(created, lang),
        ),
    ]
    pdf = ReportPdf(footer, "nl-NL" if lang == "nl" else "en-GB")
    pdf.set_creation_date(dt.datetime.combine(created, dt.time(12, 0), tzinfo=dt.UTC))
    return pdf


def _money_cells(
    now: float, scen: float, quantified: bool, lang: Lang, fmt: Any = None
) -> list[Cell]:
    money = fmt or (lambda v: fmt_eur(v, lang))
    if not quantified:
        return [Cell("–"), Cell("–"), Cell(t("common.not_quantified", lang))]
    return [Cell(money(now)), Cell(money(scen)), Cell(money(now - scen), bold=True)]


def _method_line(catalogue: Catalogue, tariffs: dict[str, float], lang: Lang) -> str:
    return t("report.method", lang, tariffs="; ".join(tariff_lines(catalogue, tariffs, lang)))


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
    pdf.section(t("report.sources.heading", lang), keep_with=14)
    laws = law_names(rules)
    if laws:
        pdf.paragraph(t("report.sources.laws", lang, count=len(laws)), size=8.5)
    lines, left_out = figure_sources(
        catalogue, rules, scenario, extra=extra, limit=limit, lang=lang
    )
    pdf.paragraph(t("report.sources.figures", lang), size=8.5, bold=True, after=0.8)
    if lines or first:
        pdf.bullets([*first, *(line.text() for line in lines)], size=8)
    if left_out:
        pdf.paragraph(t("report.sources.left_out", lang, count=left_out), size=8, color=MUTED)


def _disclaimer(pdf: ReportPdf, lang: Lang) -> None:
    pdf.ln(1)
    pdf.paragraph(t("report.disclaimer", lang), size=7.5, color=MUTED)


# -- firm --------------------------------------------------------------------------------------


def _firm_subtitle(result: CheckResult, lang: Lang) -> list[str]:
    completed = result.completed
    assumed = {a.field for a in result.assumptions}
    given = result.profile.model_dump(exclude_none=True)

    def show(name: str) -> str:
        value = given.get(name, completed.get(name))
        text = field_value(name, value, lang)
        if name not in given or name in assumed:
            text += f" ({t('common.assumed', lang)})"
        return text

    head = t("report.firm.employees", lang, count=fmt_number(result.profile.employees, lang))
    return [
        " · ".join([head, show("legal_form"), show("sector_sbi")]),
        _proposal_line(result.scenario, result.date, lang),
    ]


def _proposal_line(scenario: Scenario | None, date: dt.date, lang: Lang) -> str:
    return t(
        "report.proposal_line",
        lang,
        proposal=_scenario_title(scenario, lang),
        date=fmt_day(date, lang),
    )


def _firm_headline(
    pdf: ReportPdf,
    result: CheckResult,
    totals: BurdenTotals,
    changes: list[ChangedObligation],
    lang: Lang,
) -> None:
    tot = result.totals
    now, scen, saved = totals.regeldruk_now, totals.regeldruk_scen, totals.regeldruk_saved
    lapses = sum(c.change == "lapses" for c in changes)
    lighter = sum(c.change == "lighter" for c in changes)
    parts = regulatory_parts(lang)
    # Each figure prints as the app prints it: the saving (and its margin) rounded as the
    # firm headline rounds (checker.ui.headline), the levels to the euro as in the app's
    # overview and the table below — so a total reads the same in the app, this report and
    # the comparison document.
    money = lambda v: fmt_eur(v, lang)  # noqa: E731 - a formatter handed to helpers
    saving = lambda v: fmt_rounded(v, lang)  # noqa: E731
    if result.scenario is None:
        big = t("report.firm.big_now", lang, amount=saving(now))
        lines = [t("report.firm.no_proposal", lang)]
    elif saved > 0.5:
        big = t("report.big_saved", lang, amount=saving(saved))
        lines = [
            t("report.firm.falls", lang, now=money(now), scen=money(scen), parts=parts),
            _count_sentence(lapses, lighter, tot["saved_hours"], lang),
        ]
        band = _firm_band(tot, "regulatory_saved_eur", lang)
        if band:
            lines.insert(0, band)
    else:
        big = t("report.firm.no_saving", lang)
        lines = [
            t("report.firm.stays", lang, amount=money(now), parts=parts),
            _no_saving_reason(result, changes, lang),
        ]
    note = ""
    if totals.financial_now > 0.5:
        note = _financial_note(
            totals,
            lang,
            money,
            saving_fmt=saving,
            transferred=tot.get("transferred_eur", 0.0),
            to=transfer_words(result.evaluation.transfer_targets(0), lang),
        )
    if abs(tot["one_off_now_eur"] - tot["one_off_scenario_eur"]) > 0.5:
        note += (" " if note else "") + t(
            "report.firm.one_off",
            lang,
            now=money(tot["one_off_now_eur"]),
            scen=money(tot["one_off_scenario_eur"]),
        )
    pdf.headline(big, lines, note)


def _financial_note(
    totals: BurdenTotals,
    lang: Lang,
    fmt: Any = None,
    *,
    saving_fmt: Any = None,
    transferred: float = 0.0,
    to: str = "",
) -> str:
    """Financial costs (sick pay, severance) next to the regeldruk, never inside it; the part
    of their saving that only moves to UWV (paid from a premium) is named as such.

    ``fmt`` writes the levels, ``saving_fmt`` the saving and the part that moves (both
    ``fmt`` unless given)."""
    change = _from_to(totals.financial_now, totals.financial_scen, lang, fmt, saving_fmt)
    text = t("report.financial_apart", lang, change=change)
    if transferred > 0.5:
        money = saving_fmt or fmt or (lambda v: fmt_eur(v, lang))
        text += " " + t("report.transferred", lang, amount=money(transferred), to=to)
    return text


def population_amount(value: float, lang: Lang) -> str:
    """A sector figure as the sector page writes it: three significant digits, millions in
    words ('€ 7,27 miljoen'), so a total prints the same in the app and in the report."""
    return fmt_eur_short(value, lang)


def _firm_band(totals: dict[str, float], key: str, lang: Lang) -> str:
    """The sentence with a firm total's 5–95 % margin, rounded as the app's headline rounds
    ('' when the result has no margins)."""
    low, high = totals.get(f"{key}_low"), totals.get(f"{key}_high")
    if low is None or high is None:
        return ""
    return t("report.band", lang, band=fmt_interval(low, high, lang))


def _no_saving_reason(result: CheckResult, changes: list[ChangedObligation], lang: Lang) -> str:
    if changes:
        return t("report.firm.unquantified_changes", lang, count=len(changes))
    text = t("report.firm.nothing_changes", lang)
    if not bool(result.evaluation.qualifies[0]) and result.scenario is not None:
        threshold = threshold_text(result.scenario, lang, result.date)
        text += " " + t("report.firm.above_threshold", lang, threshold=threshold)
    return text


def _from_to(now: float, scen: float, lang: Lang, fmt: Any = None, saving_fmt: Any = None) -> str:
    money = fmt or (lambda v: fmt_eur(v, lang))
    saving = saving_fmt or money
    if abs(now - scen) < 0.5:
        return t("report.stay", lang, amount=money(now))
    return t("report.fall", lang, now=money(now), scen=money(scen), saved=saving(now - scen))


def _count_sentence(lapses: int, lighter: int, hours: float, lang: Lang) -> str:
    parts = []
    if lapses:
        one = lapses == 1
        parts.append(
            t("report.count.lapses_one" if one else "report.count.lapses_many", lang, count=lapses)
        )
    if lighter and lapses:  # 'vrijgesteld van 8 verplichtingen en een lichter regime voor 5'
        parts.append(t("report.count.lighter_after", lang, count=lighter))
    elif lighter:
        one = lighter == 1
        parts.append(
            t(
                "report.count.lighter_one" if one else "report.count.lighter_many",
                lang,
                count=lighter,
            )
        )
    joined = (
        parts[0]
        if len(parts) == 1
        else t("report.count.and", lang, first=parts[0], second=parts[1])
    )
    return t("report.count.sentence", lang, changes=joined, hours=fmt_number(hours, lang))


def short_law(text: str, limit: int = 90) -> str:
    """A long citation cut at a word before ``limit`` characters ('…'); the workbook and the
    app give it in full."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;(")
    return cut + " …"


def _change_rows(
    changes: list[ChangedObligation], lang: Lang, *, financial: bool, compact: bool = False
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
                Cell(c.title, sub=short_law(c.law) if compact else c.law),
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
        # 'vrijgesteld' on one line; 'lichter regime' may take two
        Column(column_label("obligation", lang), 94),
        Column(t("report.col.proposal", lang), 20),
        Column(t("report.col.now", lang), 20, "R"),
        Column(t("report.col.with_proposal", lang), 24, "R"),
        Column(t("report.col.saving", lang), 22, "R"),
    ]
    total = None
    if len(burden) > 1:
        now = sum(c.regeldruk_now for c in burden)
        scen = sum(c.regeldruk_scen for c in burden)
        total = [
            Cell(t("report.together", lang), bold=True),
            Cell(""),
            *[Cell(x.text, bold=True) for x in _money_cells(now, scen, True, lang)],
        ]
    groups = []
    if financial:
        heading = t("report.financial_group", lang)
        groups.append((heading, _change_rows(financial, lang, financial=True, compact=compact)))
    pdf.data_table(
        columns,
        _change_rows(burden, lang, financial=False, compact=compact),
        total,
        compact=compact,
        groups=groups,
    )


def _domain_frame(result: CheckResult, lang: Lang) -> pd.DataFrame:
    """Regeldruk per domain, now and under the proposal, in the app's chart format."""
    ev = result.evaluation
    costs = rule_costs(ev)[~ev.pending]  # law only: announced rules are named apart
    costs["domain"] = [
        domain_label(r.domain, lang) for i, r in enumerate(ev.rules) if not ev.pending[i]
    ]
    grouped = costs.groupby("domain", as_index=False)[["regeldruk_now", "regeldruk_scen"]].sum()
    grouped = grouped[(grouped["regeldruk_now"] > 0.5) | (grouped["regeldruk_scen"] > 0.5)]
    now, scen = t("common.now", lang), t("common.proposal", lang)
    long = grouped.melt(id_vars="domain", var_name="when", value_name="eur")
    long["when"] = long["when"].map({"regeldruk_now": now, "regeldruk_scen": scen})
    long["eur_text"] = [fmt_eur(v, lang) for v in long["eur"]]
    return long


def _inputs_section(pdf: ReportPdf, result: CheckResult, lang: Lang) -> None:
    """What was given, and what was estimated from sector figures (≈) or simply assumed."""
    pdf.section(t("report.inputs.heading", lang), keep_with=30)
    # The name is the title; headcount, legal form and sector are in the subtitle.
    in_title = ("name", "employees", "legal_form", "sector_sbi")
    given = given_inputs(result.profile, lang, exclude=in_title)
    if given:
        values = "; ".join(
            t("report.inputs.given_item", lang, label=r.label, value=r.value) for r in given
        )
        pdf.paragraph(t("report.inputs.given", lang, values=values), size=8.5)
    assumed = assumed_inputs([a for a in result.assumptions if a.field not in in_title], lang)
    if not assumed:
        return
    pdf.paragraph(t("report.inputs.assumed", lang, count=len(assumed)), size=8.5, after=1.2)
    # The estimates and the values that switch something on are listed; the many inputs left
    # at 'no' or 0 are named in one sentence, so the table fits the page.
    # Values copied from another input (last year as this year, every employee 20 hours or
    # more) are named in one sentence too.
    off = {yes_no(False, lang), "0", fmt_eur(0, lang)}
    copied_values = {r.value for r in assumed if r.estimated}
    copied_values.add(fmt_number(result.profile.employees, lang))
    ordered = [r for r in assumed if r.estimated]
    rest, same = [], []
    for r in assumed:
        if r.estimated:
            continue
        if r.value in off:
            rest.append(r.label)
        elif r.value in copied_values:
            same.append(r.label)
        else:
            ordered.append(r)
    half = (len(ordered) + 1) // 2
    left, right = ordered[:half], ordered[half:]
    item, value_header = t("report.inputs.item", lang), column_label("value", lang)
    columns = [
        Column(item, 66),
        Column(value_header, 24, "R"),
        Column(item, 66),
        Column(value_header, 24, "R"),
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
    if same:
        pdf.paragraph(t("report.inputs.same", lang, items="; ".join(same)), size=7.6, color=MUTED)
    if rest:
        pdf.paragraph(t("report.inputs.off", lang, items="; ".join(rest)), size=7.6, color=MUTED)


def firm_report_pdf(
    result: CheckResult, lang: Lang = "nl", *, created: dt.date | None = None
) -> bytes:
    """The firm's report as PDF bytes (A4; one or two pages), on the catalogue the result
    was computed with; ``created`` is the date printed as "gemaakt op" (today by default)."""
    catalogue = catalogue_of(result.evaluation)
    day = created or dt.date.today()
    return _fitted(lambda fit: _firm_pdf(result, lang, catalogue, day, fit))


def _firm_pdf(
    result: CheckResult, lang: Lang, catalogue: Catalogue, created: dt.date, fit: Fit
) -> ReportPdf:
    pdf = _new_pdf(result.scenario, result.date, result.catalogue_version, created, lang)
    name = result.profile.name
    pdf.kicker(
        t("report.firm.kicker", lang),
        t("report.created_on", lang, date=fmt_day(created, lang)),
    )
    title = (
        t("report.firm.title", lang, name=name) if name else t("report.firm.title_unnamed", lang)
    )
    pdf.report_title(title, _firm_subtitle(result, lang))
    totals = firm_totals(result.totals)
    changes = firm_changes(result, lang)
    _firm_headline(pdf, result, totals, changes, lang)

    burden_rows = [c for c in changes if not (c.financial_now > 0 and c.regeldruk_now == 0)]
    financial_rows = [c for c in changes if c.financial_now > 0]
    if burden_rows or financial_rows:
        pdf.section(t("report.firm.changes", lang), keep_with=24)
        pdf.paragraph(t("report.firm.changes_note", lang), size=7.8, color=MUTED, after=1.4)
        _changes_table(pdf, burden_rows, financial_rows, lang, compact=fit.compact_tables)
    pending = announced(result, lang)
    if pending:
        pdf.paragraph(t("report.announced", lang, titles="; ".join(pending)), size=8, color=MUTED)

    frame = _domain_frame(result, lang)
    if not frame.empty:
        pdf.section(t("report.firm.by_domain", lang), keep_with=60)
        png = chart_png(domain_chart(frame, lang), width=520, step=9)
        caption = t("report.firm.by_domain_caption", lang, parts=regulatory_parts(lang))
        pdf.image_png(png, width=fit.chart_width, caption=caption[0].upper() + caption[1:])

    _inputs_section(pdf, result, lang)
    pdf.paragraph(_method_line(catalogue, result.evaluation.tariffs, lang), size=8)
    rules = [c.rule for c in changes]
    _sources_section(pdf, catalogue, rules, result.scenario, lang, limit=fit.sources)
    _disclaimer(pdf, lang)
    return pdf


# -- population --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PopulationName:
    """Which firms a sector report covers, in the reader's language."""

    name: str  # 'C Industrie', 'Metaal: SBI 24, 25, 28 en 33 (schatting)'
    source: str  # 'CBS 81588NED, 2e kwartaal 2024 (voorlopig)'; '' when unknown
    scope: str | None  # the built-in scope id, None for the user's own counts


def population_name(label: str, lang: Lang) -> PopulationName:
    """A population's name and source: a built-in scope by its translated name and source
    (the label of a scope is Dutch and may hold nested brackets), an own download or file
    by what it is."""
    scope = next((key for key, text in available_scopes().items() if text == label), None)
    if scope is not None:
        return PopulationName(scope_name(scope, lang), scope_source(scope, lang), scope)
    if label == "CBS-download":
        return PopulationName(t("report.population.own_download", lang), "CBS StatLine", None)
    name, sep, rest = label.partition(" (")
    if sep and rest.endswith(")") and "CBS" in rest:
        return PopulationName(name, rest[rest.index("CBS") : -1], None)
    return PopulationName(label or t("report.population.own_counts", lang), "", None)


def _counts_source(catalogue: Catalogue, source: str) -> str:
    """'CBS 81588NED, 2e kwartaal 2024 (voorlopig)' as the catalogue's source line, with the
    period counted: 'Bedrijven; … (tabel 81588NED), 2e kwartaal 2024 (voorlopig) — CBS, 2024'."""
    match = re.search(r"\b(\d{5}NED)\b[,\s]*(.*)$", source)
    src = catalogue.sources.get(f"cbs_{match.group(1).lower()}") if match else None
    if match is None or src is None:
        return f"{source} — CBS"
    period = f", {match.group(2)}" if match.group(2) else ""
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
    result: PopulationResult, lang: Lang = "nl", *, created: dt.date | None = None
) -> bytes:
    """The sector analysis as PDF bytes (A4; two pages).

    ``result`` is what :func:`checker.population.evaluate_population` returns (the sector
    page and ``python -m checker population`` have it).
    """
    catalogue = catalogue_of(result.evaluation)
    day = created or dt.date.today()
    return _fitted(lambda fit: _population_pdf(result, lang, catalogue, day, fit))


def _population_pdf(
    result: PopulationResult, lang: Lang, catalogue: Catalogue, created: dt.date, fit: Fit
) -> ReportPdf:
    ev = result.evaluation
    scenario = result.scenario
    pdf = _new_pdf(scenario, ev.date, catalogue.version_hash, created, lang)
    who = population_name(result.population.label, lang)
    tot = result.totals
    firms, reached = tot["firms"], tot["firms_reached"]
    pdf.kicker(
        t("report.population.kicker", lang),
        t("report.created_on", lang, date=fmt_day(created, lang)),
    )
    population_line = t("report.population.line", lang, firms=fmt_count(firms, lang))
    if who.source:
        population_line += t("report.population.according_to", lang, source=who.source)
    pdf.report_title(
        t("report.population.title", lang, name=who.name),
        [population_line, _proposal_line(scenario, ev.date, lang)],
    )
    totals_frame = weighted_totals(ev)
    totals = BurdenTotals(
        *(
            float(totals_frame[c].iloc[0])
            for c in ("regeldruk_now", "regeldruk_scen", "financial_now", "financial_scen")
        )
    )
    share = reached / firms if firms else 0.0
    intervals = population_intervals(ev)
    saved, low, high = intervals["regulatory_saved"]
    # Rounded as the sector page rounds (checker.ui.saving_text): the same total, the same text.
    amount = lambda v: population_amount(v, lang)  # noqa: E731 - a formatter handed to helpers
    band = t("export.band_range", lang, low=amount(low), high=amount(high))
    pdf.headline(
        t("report.big_saved", lang, amount=amount(saved)),
        [
            t("report.band", lang, band=band),
            _estimate_sentence(result, who, lang),
            t(
                "report.population.reach",
                lang,
                reached=fmt_count(reached, lang),
                firms=fmt_count(firms, lang),
                share=fmt_percent(share, lang, decimals=0 if share >= 0.1 else 1),
            ),
            t(
                "report.population.falls",
                lang,
                parts=regulatory_parts(lang),
                now=amount(totals.regeldruk_now),
                scen=amount(totals.regeldruk_scen),
                hours=fmt_hours(tot["saved_hours"], lang),
            ),
        ],
        _financial_note(
            totals,
            lang,
            amount,
            transferred=intervals["transferred"][0],
            to=transfer_words(ev.transfer_targets(), lang),
        )
        if totals.financial_now > 0.5
        else "",
    )

    table = _size_class_table(result)
    pdf.section(t("page.sector.by_size_class", lang), keep_with=60)
    chart = size_class_chart(table[["size_class", "saved_eur", "firms_reached", "firms"]], lang)
    pdf.image_png(
        chart_png(chart, width=560, panel_height=110),
        width=fit.chart_width + 15,
        caption=t("report.population.size_caption", lang),
    )
    columns = [
        Column(t("report.col.persons", lang), 34),
        Column(column_label("firms", lang), 28, "R"),
        Column(column_label("reached", lang), 28, "R"),
        Column(t("report.col.less_burden", lang), 44, "R"),
        Column(t("report.col.per_firm_reached", lang), 40, "R"),
    ]
    rows = []
    for r in table.to_dict(orient="records"):
        n_firms, n_reached, in_class = (
            float(r[k]) for k in ("firms", "firms_reached", "saved_eur")
        )
        rows.append(
            [
                Cell(str(r["size_class"])),
                Cell(fmt_count(n_firms, lang)),
                Cell(fmt_count(n_reached, lang)),
                Cell(amount(in_class)),
                Cell(amount(in_class / n_reached) if n_reached >= 0.5 else "–"),
            ]
        )
    total = [
        Cell(t("report.total", lang), bold=True),
        Cell(fmt_count(firms, lang), bold=True),
        Cell(fmt_count(reached, lang), bold=True),
        Cell(amount(saved), bold=True),
        Cell(amount(saved / reached) if reached >= 0.5 else "–", bold=True),
    ]
    pdf.data_table(columns, rows, total, compact=fit.compact_tables)

    changes = population_changes(ev, lang)
    burden = [c for c in changes if c.regeldruk_saved > 0.5][:TOP_OBLIGATIONS]
    if burden:
        pdf.section(t("report.population.top", lang), keep_with=30)
        columns = [
            Column(column_label("obligation", lang), 94),
            Column(t("workbook.under_proposal", lang), 24),
            Column(column_label("firms", lang), 26, "R"),
            Column(t("report.col.less_burden", lang), 36, "R"),
        ]
        pdf.data_table(
            columns,
            [
                [
                    Cell(c.title, sub=short_law(c.law) if fit.compact_tables else c.law),
                    Cell(change_label(c.change, lang)),
                    Cell(fmt_count(c.firms, lang)),
                    Cell(amount(c.regeldruk_saved)),
                ]
                for c in burden
            ],
            compact=fit.compact_tables,
        )
    financial = [c for c in changes if c.financial_saved > 0.5]
    if financial:
        items = "; ".join(
            t(
                "report.population.financial_item",
                lang,
                title=c.title,
                amount=amount(c.financial_saved),
            )
            for c in financial
        )
        pdf.paragraph(t("report.population.financial", lang, items=items), size=8)

    _population_assumptions(pdf, result, table, who, lang)
    pdf.paragraph(_method_line(catalogue, ev.tariffs, lang), size=8)
    first = [_counts_source(catalogue, who.source)] if "CBS" in who.source else []
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


def _estimate_sentence(result: PopulationResult, who: PopulationName, lang: Lang) -> str:
    """That every amount is a model estimate — and, for a sector whose counts are themselves
    derived (the metal sector), that the number of firms is an estimate too, with its margin."""
    text = t("report.population.model_estimate", lang)
    if who.scope == METAL_SCOPE or result.population.extra.get("estimate") is not None:
        est = metal_estimate()
        text += " " + t(
            "report.population.counts_estimate",
            lang,
            share=fmt_percent(est.share, lang, decimals=1),
            low=fmt_percent(est.low, lang, decimals=1),
            high=fmt_percent(est.high, lang, decimals=1),
        )
    return text


def _metal_item(lang: Lang) -> str:
    """The derivation of the metal sector's counts, in the words of the Uitgangspunten."""
    est = metal_estimate()
    return t(
        "report.population.metal_basis",
        lang,
        share=fmt_percent(est.share, lang, decimals=1),
        low=fmt_percent(est.low, lang, decimals=1),
        high=fmt_percent(est.high, lang, decimals=1),
        down=fmt_percent(1 - est.low / est.share, lang),
        up=fmt_percent(est.high / est.share - 1, lang),
    )


def _population_assumptions(
    pdf: ReportPdf, result: PopulationResult, table: pd.DataFrame, who: PopulationName, lang: Lang
) -> None:
    pdf.section(t("report.inputs.heading", lang), keep_with=24)
    metal = who.scope == METAL_SCOPE or result.population.extra.get("estimate") is not None
    items = [
        *([_metal_item(lang)] if metal else []),
        t("report.population.synthetic", lang),
        t("report.population.persons_vs_employees", lang),
        t("report.population.same_assumptions", lang),
    ]
    # The CBS class that holds the proposal's threshold (20–49 at 25; see class_split.py).
    split = result.population.extra.get("class_split")
    size_class = split.class_label if split is not None and split.class_label else "20–49"
    band = table[table["size_class"] == size_class]
    if len(band) and float(band["firms"].iloc[0]) > 0 and result.scenario is not None:
        share = float(band["qualifies"].iloc[0]) / float(band["firms"].iloc[0])
        set_by_user = split is not None and split.set_by_user
        how = t(
            "report.population.split_by_user"
            if set_by_user
            else "report.population.split_estimated",
            lang,
        )
        items.append(
            t(
                "report.population.split",
                lang,
                share=fmt_percent(share, lang, decimals=1),
                how=how,
                size_class=size_class,
            )
        )
    pdf.bullets(items, size=8.3)
    pdf.ln(1)


__all__ = ["PDF_MIME", "firm_report_pdf", "population_report_pdf"]
