"""Sectoranalyse: how many firms a threshold reaches and what it saves, for a sector or NL.

The page only lays out widgets; populations, evaluations and sweeps come from
:mod:`checker.population` (the same engine as the firm check) and are cached per input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from app_pages._shared import DATE_FORMAT, XLSX_MIME, engine_or_stop, lang, show_table
from checker.bilingual import Lang, pick
from checker.engine import Engine
from checker.i18n import tr
from checker.numbers import fmt_eur, fmt_number
from checker.population import (
    CbsFormatError,
    CountsError,
    Population,
    PopulationResult,
    SweepResult,
    available_scopes,
    build_population,
    evaluate_population,
    scenario_range,
    sweep,
)
from checker.population.charts import size_class_chart, sweep_chart
from checker.population.workbook_args import population_args
from checker.rule_model import COVERED_FROM
from checker.ui.labels import (
    BREAKDOWN_COLUMNS,
    BUNCHING_COLUMNS,
    DOMAIN_COLUMNS,
    RULE_COLUMNS,
    SWEEP_COLUMNS,
    display_table,
    with_domain_labels,
    with_rule_titles,
)
from checker.ui.markdown import escape

UPLOAD = "__upload__"


@st.cache_resource(show_spinner=False, max_entries=8)
def _population(
    _engine: Engine, version: str, source: str | bytes, share25: float | None
) -> Population:
    return build_population(source, _engine, share_20_49_at_most_25=share25)


def _workbook(
    res: PopulationResult, sw: SweepResult, lg: Lang, engine: Engine
) -> Callable[[], bytes]:
    """Deferred Excel: built only when the button is clicked (it prices every rule)."""
    return lambda: population_args(res, sw, engine).to_bytes(lg)


def _report(res: PopulationResult, lg: Lang, engine: Engine) -> Callable[[], bytes]:
    """Deferred PDF report: rendered only when the button is clicked."""

    def build() -> bytes:
        from checker.export.pdf_report import population_report_pdf

        return population_report_pdf(res, lg, engine=engine)

    return build


def main() -> None:
    lg = lang()
    engine = engine_or_stop()
    cat = engine.catalogue
    st.title(tr("Sectoranalyse", "Sector analysis", lg))
    st.markdown(tr(
        "Hoeveel bedrijven bereikt een drempel, en wat bespaart die in totaal? Berekend op een "
        "**synthetische populatie** die de CBS-aantallen per grootteklasse exact volgt; de "
        "verdeling binnen een klasse, rechtsvormen en financiële kengetallen zijn aannames "
        "(zie *data/population/assumptions.yaml*).",
        "How many firms does a threshold reach, and what does it save in total? Computed on a "
        "**synthetic population** that reproduces the CBS counts per size class exactly; the "
        "spread within a class, legal forms and financial ratios are assumptions "
        "(see *data/population/assumptions.yaml*).", lg))  # fmt: skip

    scopes = available_scopes()
    options = [*scopes, UPLOAD]
    with st.sidebar:
        st.subheader(tr("Populatie", "Population", lg))
        scope = st.selectbox(tr("Bedrijven", "Firms", lg), options, key="pop_scope",
                             format_func=lambda s: tr("Eigen CBS-download (81588NED/81589NED)…",
                                                      "Own CBS download (81588NED/81589NED)…", lg)
                             if s == UPLOAD else scopes[s])  # fmt: skip
        override = st.checkbox(tr("Splitsing 20–49 bij 25 zelf kiezen", "Set the 20–49 split at 25 myself", lg),
                               key="pop_override")  # fmt: skip
        share25 = None
        if override:
            share25 = st.slider(tr("Aandeel van 20–49 met ≤ 25 werkzame personen", "Share of 20–49 with ≤ 25 persons", lg),
                                0.0, 1.0, 0.385, 0.005, key="pop_share25")  # fmt: skip
        sids = sorted(cat.scenarios)
        sid = st.selectbox(tr("Voorstel", "Proposal", lg), sids, key="pop_scenario",
                           format_func=lambda s: pick(cat.scenarios[s].title, lg))  # fmt: skip
        date = st.date_input(tr("Peildatum", "Reference date", lg), dt.date.today(), key="pop_date",
                             format=DATE_FORMAT, min_value=COVERED_FROM)  # fmt: skip
        bunching = st.slider(tr("What-if: aandeel net boven de drempel dat blijft hangen", "What-if: share just above the threshold that stays", lg),
                             0.0, 1.0, 0.0, 0.05, key="pop_bunching")  # fmt: skip

    source: str | bytes = scope
    if scope == UPLOAD:
        up = st.file_uploader(tr("CBS StatLine-CSV (puntkomma-gescheiden)", "CBS StatLine CSV (semicolon-separated)", lg),
                              type=["csv"], key="pop_upload")  # fmt: skip
        if up is None:
            st.info(tr("Download tabel 81588NED of 81589NED op StatLine als CSV, met de SBI-codes "
                       "(bijv. 24, 25, 28, 33) als rijen en de grootteklassen als kolommen.",
                       "Download table 81588NED or 81589NED from StatLine as CSV, with the SBI codes "
                       "(e.g. 24, 25, 28, 33) as rows and the size classes as columns.", lg))  # fmt: skip
            return
        source = up.getvalue()
    try:
        with st.spinner(tr("Populatie opbouwen…", "Building the population…", lg)):
            pop = _population(engine, cat.version_hash, source, share25)
    except (CbsFormatError, CountsError, ValueError) as exc:
        why = escape(exc)
        st.error(
            tr(
                f"Dit bestand kan niet worden gebruikt: {why}",
                f"This file cannot be used: {why}",
                lg,
            )
        )
        return
    for warning in pop.extra.get("warnings", []):
        text = warning.text(lg)
        st.warning(escape(text[:1].upper() + text[1:], 500))

    scenario = cat.scenario(sid)
    progress = st.progress(0.0, text=tr("Doorrekenen…", "Computing…", lg))
    res = evaluate_population(pop, engine, scenario, date)
    progress.progress(0.3, text=tr("Drempelverloop…", "Threshold sweep…", lg))

    def advance(i: int, n: int) -> None:
        progress.progress(0.3 + 0.6 * i / n)

    sw = sweep(pop, engine, scenario, date=date, bunching_share=bunching, progress=advance)
    rng = scenario_range(pop, engine, scenario, date)
    progress.empty()  # done: a full bar saying "Klaar" only takes space

    t = res.totals
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("Bedrijven", "Firms", lg), fmt_number(t["firms"], 0, lg))
    c2.metric(
        tr("Bereikt door het voorstel", "Reached by the proposal", lg),
        fmt_number(t["firms_reached"], 0, lg),
    )
    c3.metric(tr("Besparing per jaar", "Saved per year", lg), fmt_eur(t["saved_eur"], 0, lg))
    c4.metric(
        tr("Uren bespaard per jaar", "Hours saved per year", lg),
        fmt_number(t["saved_hours"], 0, lg),
    )
    if len(rng) > 1:
        lo, hi = rng["saved_eur"].min(), rng["saved_eur"].max()
        st.caption(tr(f"Bandbreedte over de varianten: {fmt_eur(lo, 0, lg)} – {fmt_eur(hi, 0, lg)}",
                      f"Range across the variants: {fmt_eur(lo, 0, lg)} – {fmt_eur(hi, 0, lg)}", lg))  # fmt: skip
    else:
        st.caption(tr("Dit voorstel heeft geen conservatieve/maximale varianten; geen bandbreedte.",
                      "This proposal has no conservative/maximal variants; no range.", lg))  # fmt: skip

    st.subheader(tr("Per grootteklasse", "By size class", lg))
    st.altair_chart(size_class_chart(res.by_size_class, lg), width="stretch")
    st.subheader(tr("Drempelverloop (5…50 werknemers)", "Threshold sweep (5…50 employees)", lg))
    st.altair_chart(sweep_chart(sw.table, sw.current_threshold, lg), width="stretch")
    columns: tuple[str, ...] = tuple(SWEEP_COLUMNS)
    if bunching > 0:
        st.warning(tr(
            f"What-if, geen prognose: {bunching:.0%} van de bedrijven tot {sw.bunching_window} werknemers "
            "boven de drempel blijft op de drempel; zie de kolommen 'What-if' (niet in de hoofdcijfers).",
            f"What-if, not a forecast: {bunching:.0%} of firms up to {sw.bunching_window} employees "
            "above the threshold stay at it; see the 'What-if' columns (not in the main figures).", lg))  # fmt: skip
        columns = (*SWEEP_COLUMNS, *BUNCHING_COLUMNS)
    show_table(display_table(sw.table, lg, columns))
    st.caption(tr(f"Het huidige voorstel ligt bij {fmt_number(sw.current_threshold, 0, lg)}. "
                  "'Klif' = extra lasten voor een voorbeeldbedrijf dat net over de drempel groeit.",
                  f"The current proposal is at {fmt_number(sw.current_threshold, 0, lg)}. "
                  "'Cliff' = extra burden for a representative firm growing just past the threshold.", lg))  # fmt: skip
    buttons = st.container(horizontal=True)
    buttons.download_button(tr("Drempelverloop als CSV", "Sweep as CSV", lg),
                       sw.table.to_csv(index=False).encode(), "drempelverloop.csv", "text/csv",
                       key="dl_sweep_csv", on_click="ignore")  # fmt: skip
    buttons.download_button(tr("Alles als Excel (met formules en bronnen)",
                          "Everything as Excel (with formulas and sources)", lg),
                       _workbook(res, sw, lg, engine), "sectoranalyse.xlsx", XLSX_MIME,
                       key="dl_pop_xlsx", on_click="ignore")  # fmt: skip
    buttons.download_button(
        tr("Rapport als pdf (A4)", "Report as PDF (A4)", lg),
        _report(res, lg, engine),
        tr("sectoranalyse-rapport.pdf", "sector-analysis-report.pdf", lg),
        "application/pdf",
        key="dl_pop_pdf",
        on_click="ignore",
    )
    tabs = st.tabs(
        [
            tr("Per sector", "By sector", lg),
            tr("Per domein", "By domain", lg),
            tr("Per regel", "By rule", lg),
        ]
    )
    show_table(display_table(res.by_sector, lg, ("sector", *BREAKDOWN_COLUMNS)), tabs[0])
    dom = with_domain_labels(res.by_domain, lg).sort_values("saved_eur", ascending=False)
    show_table(display_table(dom, lg, DOMAIN_COLUMNS), tabs[1])
    titles = {r.id: r.title for r in cat.rules}
    rules = with_rule_titles(res.by_rule, titles, lg).sort_values(
        ["saved_eur", "cost_now"], ascending=False
    )
    show_table(display_table(rules, lg, RULE_COLUMNS), tabs[2])


main()
