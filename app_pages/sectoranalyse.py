"""Sectoranalyse: how many firms a threshold reaches and what it saves, for a sector or NL.

The page only lays out widgets; populations, evaluations and sweeps come from
:mod:`checker.population` (the same engine as the firm check) and are cached per input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from app_pages._compare import compare_section
from app_pages._proposals import proposal_by_id, proposal_ids, proposal_label
from app_pages._shared import DATE_FORMAT, XLSX_MIME, engine_or_stop, lang, show_table
from checker.bilingual import Lang
from checker.catalogue import Catalogue
from checker.engine import Engine
from checker.i18n import fmt_eur, fmt_number, fmt_percent, fmt_range, t
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
from checker.ui.tables import labelled_csv

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


@dataclass(frozen=True)
class _Settings:
    """What the sidebar asks: population, 20–49 split, proposal, date, what-if share."""

    scope: str
    share25: float | None
    scenario_id: str
    date: dt.date
    bunching: float


def _sidebar(scopes: dict[str, str], cat: Catalogue, lg: Lang) -> _Settings:
    with st.sidebar:
        st.subheader(t("page.sector.sidebar.heading", lg))
        scope = st.selectbox(
            t("page.sector.sidebar.firms", lg),
            [*scopes, UPLOAD],
            key="pop_scope",
            format_func=lambda s: (
                t("page.sector.sidebar.own_cbs", lg) if s == UPLOAD else scopes[s]
            ),
        )
        override = st.checkbox(t("page.sector.sidebar.override", lg), key="pop_override")
        share25 = None
        if override:
            share25 = st.slider(
                t("page.sector.sidebar.share25", lg), 0.0, 1.0, 0.385, 0.005, key="pop_share25"
            )
        sid = st.selectbox(
            t("app.sidebar.proposal", lg),
            proposal_ids(cat),
            key="pop_scenario",
            format_func=lambda s: proposal_label(cat, s, lg),
        )
        date = st.date_input(
            t("app.sidebar.date", lg),
            dt.date.today(),
            key="pop_date",
            format=DATE_FORMAT,
            min_value=COVERED_FROM,
        )
        bunching = st.slider(
            t("page.sector.sidebar.bunching", lg), 0.0, 1.0, 0.0, 0.05, key="pop_bunching"
        )
    return _Settings(scope, share25, sid, date, bunching)


def _headline(res: PopulationResult, rng: pd.DataFrame, lg: Lang) -> None:
    tot = res.totals
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("metric.firms", lg), fmt_number(tot["firms"], lg))
    c2.metric(t("metric.reached", lg), fmt_number(tot["firms_reached"], lg))
    c3.metric(t("metric.saved_per_year", lg), fmt_eur(tot["saved_eur"], lg))
    c4.metric(t("metric.hours_saved", lg), fmt_number(tot["saved_hours"], lg))
    if len(rng) > 1:
        spread = fmt_range(rng["saved_eur"].min(), rng["saved_eur"].max(), lg)
        st.caption(t("page.sector.range", lg, range=spread))
    else:
        st.caption(t("page.sector.no_range", lg))


def _sweep(sw: SweepResult, bunching: float, lg: Lang) -> None:
    st.subheader(t("page.sector.sweep.heading", lg))
    st.altair_chart(sweep_chart(sw.table, sw.current_threshold, lg), width="stretch")
    columns: tuple[str, ...] = SWEEP_COLUMNS
    if bunching > 0:
        st.warning(
            t(
                "page.sector.sweep.bunching",
                lg,
                share=fmt_percent(bunching, lg),
                window=sw.bunching_window,
            )
        )
        columns = (*SWEEP_COLUMNS, *BUNCHING_COLUMNS)
    show_table(display_table(sw.table, lg, columns))
    st.caption(t("page.sector.sweep.note", lg, threshold=fmt_number(sw.current_threshold, lg)))


def main() -> None:
    lg = lang()
    engine = engine_or_stop()
    cat = engine.catalogue
    st.title(t("page.sector.title", lg))
    st.markdown(t("page.sector.intro", lg))
    settings = _sidebar(available_scopes(), cat, lg)

    source: str | bytes = settings.scope
    if settings.scope == UPLOAD:
        up = st.file_uploader(t("page.sector.upload", lg), type=["csv"], key="pop_upload")
        if up is None:
            st.info(t("page.sector.upload_help", lg))
            return
        source = up.getvalue()
    try:
        with st.spinner(t("page.sector.building", lg)):
            pop = _population(engine, cat.version_hash, source, settings.share25)
    except (CbsFormatError, CountsError, ValueError) as exc:
        st.error(t("page.sector.file_error", lg, error=escape(exc)))
        return
    for warning in pop.extra.get("warnings", []):
        text = warning.text(lg)
        st.warning(escape(text[:1].upper() + text[1:], 500))

    scenario = proposal_by_id(cat, settings.scenario_id)
    date = settings.date
    progress = st.progress(0.0, text=t("page.sector.computing", lg))
    res = evaluate_population(pop, engine, scenario, date)
    progress.progress(0.3, text=t("page.sector.sweeping", lg))

    def advance(done: int, total: int) -> None:
        progress.progress(0.3 + 0.6 * done / total)

    sw = sweep(pop, engine, scenario, date=date, bunching_share=settings.bunching, progress=advance)
    rng = scenario_range(pop, engine, scenario, date)
    progress.empty()  # done: a full bar saying "Klaar" only takes space

    _headline(res, rng, lg)
    st.subheader(t("page.sector.by_size_class", lg))
    st.altair_chart(size_class_chart(res.by_size_class, lg), width="stretch")
    _sweep(sw, settings.bunching, lg)
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("page.sector.download.sweep_csv", lg),
        labelled_csv(sw.table, lg),
        "drempelverloop.csv",
        "text/csv",
        key="dl_sweep_csv",
        on_click="ignore",
    )
    buttons.download_button(
        t("page.sector.download.excel", lg),
        _workbook(res, sw, lg, engine),
        "sectoranalyse.xlsx",
        XLSX_MIME,
        key="dl_pop_xlsx",
        on_click="ignore",
    )
    buttons.download_button(
        t("page.firm.download.pdf", lg),
        _report(res, lg, engine),
        t("page.sector.download.pdf_file", lg),
        "application/pdf",
        key="dl_pop_pdf",
        on_click="ignore",
    )
    tabs = st.tabs(
        [
            t("page.sector.tab.sector", lg),
            t("page.sector.tab.domain", lg),
            t("page.sector.tab.rule", lg),
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
    compare_section(engine, date, frame=pop.frame, context=pop.label, key="sector")


main()
