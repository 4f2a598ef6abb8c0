"""Sectoranalyse: how many firms a threshold reaches and what it saves, for a sector or NL.

The page only lays out widgets; populations, evaluations, sweeps and intervals come from
:mod:`checker.population` and :mod:`checker.uncertainty` (the same engine as the firm check)
and are cached per input.  What the reader sees first: which population this is, then the
regeldruk saving with its margin, the financial effect apart (and what shifts to UWV), and
only then the breakdowns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from app_pages._coded_select import coded_selectbox
from app_pages._compare import compare_section
from app_pages._proposals import proposal_by_id, proposal_ids, proposal_label
from app_pages._shared import DATE_FORMAT, XLSX_MIME, engine_or_stop, lang
from app_pages._tables import result_table
from app_pages._tiles import Tile, metric_tiles
from checker.bilingual import BilingualError, Lang
from checker.catalogue import Catalogue
from checker.engine import Engine
from checker.i18n import fmt_eur_short, fmt_number, fmt_percent, fmt_range, t
from checker.i18n.vocabulary import transfer_words
from checker.population import (
    CbsFormatError,
    ClassSplit,
    CountsError,
    Population,
    PopulationResult,
    SweepResult,
    available_scopes,
    build_population,
    evaluate_population,
    scenario_range,
    split_at_for,
    sweep,
)
from checker.population.cbs_example import EXAMPLE_FILE_NAME, example_statline_csv
from checker.population.charts import size_class_chart, sweep_chart, what_if_chart
from checker.population.metal import METAL_SCOPE, metal_estimate
from checker.population.scope_names import scope_name, scope_option, scope_source
from checker.population.size_classes import assumptions
from checker.population.workbook_args import population_args
from checker.rule_model import COVERED_FROM
from checker.scenario_model import Scenario, Threshold
from checker.ui.labels import (
    BREAKDOWN_COLUMNS,
    BUNCHING_COLUMNS,
    DOMAIN_COLUMNS,
    RULE_COLUMNS,
    SWEEP_COLUMNS,
    with_domain_labels,
    with_rule_titles,
)
from checker.ui.markdown import escape
from checker.ui.saving_text import saving_summary
from checker.ui.tables import labelled_csv
from checker.ui.widget_texts import localise_widgets
from checker.uncertainty import DEFAULT_DRAWS, population_intervals

UPLOAD = "__upload__"
BUNCHING_MAX_PCT, BUNCHING_STEP_PCT = 50, 5
BUNCHING_WINDOW = 5  # 'just above' = up to this many employees above the threshold
CBS_TABLE_URL = {
    "nl": "https://www.cbs.nl/nl-nl/cijfers/detail/81588NED",
    "en": "https://www.cbs.nl/en-gb/figures/detail/81588ENG",
}
Intervals = dict[str, tuple[float, float, float]]
# The columns a wide table starts with (they fit a laptop); the others are offered above it.
SWEEP_SHOWN = ("threshold", "firms_reached", "saved_regulatory", "saved_eur", "cliff_eur")
SECTOR_SHOWN = ("sector", "firms", "firms_reached", "saved_regulatory", "saved_financial")
DOMAIN_SHOWN = ("domain", "cost_now", "cost_scen", "saved_eur", "saved_hours")
RULE_SHOWN = ("rule", "treatment", "firms_exempted", "firms_lighter", "saved_eur")


@st.cache_resource(show_spinner=False, max_entries=8)
def _population(
    _engine: Engine,
    version: str,
    source: str | bytes,
    split_at: int | None,
    split_share: float | None,
) -> Population:
    return build_population(source, _engine, split_at=split_at, split_share=split_share)


@dataclass(frozen=True)
class _Analysis:
    result: PopulationResult
    variants: pd.DataFrame
    intervals: Intervals


@st.cache_resource(show_spinner=False, max_entries=8)
def _analysis(
    _pop: Population, _engine: Engine, key: tuple[object, ...], _scenario: Scenario, date: dt.date
) -> _Analysis:
    """One engine run, the variant range and the intervals (1,000 seeded draws), cached by
    ``key`` (catalogue, population, split, proposal) and the date."""
    res = evaluate_population(_pop, _engine, _scenario, date)
    variants = scenario_range(_pop, _engine, _scenario, date)
    return _Analysis(res, variants, population_intervals(res.evaluation))


@st.cache_resource(show_spinner=False, max_entries=8)
def _sweep(
    _pop: Population,
    _engine: Engine,
    key: tuple[object, ...],
    _scenario: Scenario,
    date: dt.date,
    bunching: float,
) -> SweepResult:
    return sweep(
        _pop,
        _engine,
        _scenario,
        date=date,
        bunching_share=bunching,
        bunching_window=BUNCHING_WINDOW,
    )


def _workbook(res: PopulationResult, sw: SweepResult, lg: Lang) -> Callable[[], bytes]:
    """Deferred Excel: built only when the button is clicked (it prices every rule)."""
    return lambda: population_args(res, sw).to_bytes(lg)


def _report(res: PopulationResult, lg: Lang) -> Callable[[], bytes]:
    """Deferred PDF report: rendered only when the button is clicked."""

    def build() -> bytes:
        from checker.export.pdf_report import population_report_pdf

        return population_report_pdf(res, lg)

    return build


@dataclass(frozen=True)
class _Settings:
    """What the sidebar asks first: population, proposal and date."""

    scope: str
    scenario_id: str
    date: dt.date


def _choose_population(scopes: list[str], lg: Lang) -> str:
    return coded_selectbox(
        t("page.sector.sidebar.firms", lg),
        [*scopes, UPLOAD],
        "pop_scope",
        lg,
        lambda s: t("page.sector.sidebar.own_cbs", lg) if s == UPLOAD else scope_option(s, lg),
    )


def _sidebar(cat: Catalogue, lg: Lang) -> _Settings:
    with st.sidebar:
        st.subheader(t("page.sector.sidebar.heading", lg))
        scope = _choose_population(list(available_scopes()), lg)
        sid = coded_selectbox(
            t("app.sidebar.proposal", lg),
            proposal_ids(cat),
            "pop_scenario",
            lg,
            lambda s: proposal_label(cat, s, lg),
        )
        date = st.date_input(
            t("app.sidebar.date", lg),
            dt.date.today(),
            key="pop_date",
            format=DATE_FORMAT,
            min_value=COVERED_FROM,
        )
    return _Settings(scope, str(sid), date)


def _split_control(split: ClassSplit | None, lg: Lang) -> float | None:
    """The sensitivity of the class split, labelled with the proposal's threshold; None keeps
    the Pareto interpolation."""
    if split is None or not split.splits_a_class or split.pareto_share is None:
        st.caption(
            t("page.sector.split.none", lg)
            if split is not None
            else t("page.sector.split.independent", lg)
        )
        return None
    at_most, size_class = fmt_number(split.at_most, lg), split.class_label or ""
    own = st.checkbox(
        t("page.sector.split.override", lg, at_most=at_most, size_class=size_class),
        key="pop_split_override",
        help=t("page.sector.split.override_help", lg),
    )
    pareto = fmt_percent(split.pareto_share, lg)
    if not own:
        st.caption(t("page.sector.split.default", lg, share=pareto, size_class=size_class))
        return None
    pct = st.slider(
        t("page.sector.split.share", lg, at_most=at_most, size_class=size_class),
        0,
        100,
        value=round(100 * split.pareto_share),
        step=1,
        format="%d%%",
        key=f"pop_split_pct_{split.at_most}",
    )
    st.caption(t("page.sector.split.default", lg, share=pareto, size_class=size_class))
    return pct / 100


def _sensitivity(split: ClassSplit | None, lg: Lang) -> tuple[float | None, float]:
    """Sidebar, under the population: the class split and the what-if (both shares)."""
    with st.sidebar:
        st.subheader(t("page.sector.sidebar.sensitivity", lg))
        share = _split_control(split, lg)
        pct = st.slider(
            t("page.sector.what_if.label", lg),
            0,
            BUNCHING_MAX_PCT,
            0,
            BUNCHING_STEP_PCT,
            format="%d%%",
            key="pop_bunching_pct",
        )
        st.caption(t("page.sector.what_if.help", lg, window=fmt_number(BUNCHING_WINDOW, lg)))
    return share, pct / 100


def _own_download(lg: Lang) -> bytes | None:
    """The route for a user's own StatLine file: steps, an example, the upload."""
    with st.expander(t("page.sector.upload.steps_heading", lg), expanded=True):
        st.markdown(t("page.sector.upload.steps", lg, url=CBS_TABLE_URL[lg]))
        st.download_button(
            t("page.sector.upload.example", lg),
            example_statline_csv(),
            EXAMPLE_FILE_NAME,
            "text/csv",
            key="dl_cbs_example",
            on_click="ignore",
            help=t("page.sector.upload.example_help", lg),
        )
    up = st.file_uploader(t("page.sector.upload", lg), type=["csv"], key="pop_upload")
    if up is None:
        st.info(t("page.sector.upload.waiting", lg))
        return None
    return up.getvalue()


def _population_line(scope: str, pop: Population, file_name: str | None, lg: Lang) -> None:
    """Which firms this analysis covers, in words, before any figure."""
    if scope == UPLOAD:
        name, source = t("page.sector.population.own_file", lg, file=escape(file_name, 80)), ""
    else:
        name, source = scope_name(scope, lg), scope_source(scope, lg)
    st.markdown(
        t(
            "page.sector.population.line",
            lg,
            name=name,
            firms=fmt_number(pop.firms, lg),
            source=source or t("page.sector.population.own_source", lg),
        )
    )
    if scope == METAL_SCOPE:
        st.info(metal_estimate().explain(lg), icon=":material/info:")


def _headline(res: PopulationResult, iv: Intervals, lg: Lang) -> None:
    """The regeldruk saving with its margin first; financial costs and the UWV shift apart."""
    regulatory = iv["regulatory_saved"][0]
    to = transfer_words(res.evaluation.transfer_targets(), lg)
    st.success(saving_summary(iv, res.totals["firms_reached"], lg, to=to))
    tot = res.totals
    metric_tiles(
        [
            Tile(t("metric.firms", lg), fmt_number(tot["firms"], lg)),
            Tile(t("metric.reached", lg), fmt_number(tot["firms_reached"], lg)),
            Tile(t("page.sector.metric.regulatory", lg), fmt_eur_short(regulatory, lg)),
            Tile(t("metric.hours_saved", lg), fmt_number(tot["saved_hours"], lg)),
        ]
    )


def persons_note(threshold: Threshold, lg: Lang) -> str:
    """CBS classes count werkzame personen, the proposal werknemers: said with the proposal's
    own threshold as the example (a bv's working owner is a person employed, not an
    employee), so the example never names a threshold the proposal does not have."""
    note = t("page.sector.by_size_class.note", lg)
    if threshold.measure != "employees":
        return note
    owners = int(assumptions()["employees_from_persons"]["working_owners"]["bv"])
    employees = threshold.last_inside()
    example = t(
        "page.sector.by_size_class.example",
        lg,
        persons=fmt_number(employees + owners, lg),
        employees=fmt_number(employees, lg),
    )
    return f"{note} {example}"


def _explanations(variants: pd.DataFrame, split: ClassSplit | None, lg: Lang) -> None:
    """What the margin, the variant range and the class split mean, in a sentence each."""
    lines = [t("page.sector.margin", lg, draws=fmt_number(DEFAULT_DRAWS, lg))]
    if len(variants) > 1:
        spread = fmt_range(
            variants["saved_regulatory"].min(),
            variants["saved_regulatory"].max(),
            lg,
            fmt_eur_short,
        )
        lines.append(t("page.sector.variants", lg, range=spread))
    else:
        lines.append(t("page.sector.no_variants", lg))
    if split is not None and split.splits_a_class and split.share is not None:
        how = (
            t("page.sector.split.by_user", lg, pareto=fmt_percent(split.pareto_share, lg))
            if split.set_by_user
            else t("page.sector.split.by_pareto", lg)
        )
        lines.append(
            t(
                "page.sector.split.used",
                lg,
                size_class=split.class_label or "",
                at_most=fmt_number(split.at_most, lg),
                share=fmt_percent(split.share, lg),
                how=how,
            )
        )
    st.caption("\n\n".join(lines))


def _what_if(sw: SweepResult, lg: Lang) -> None:
    """The what-if in a sentence, with its effect at the proposal's own threshold."""
    row = sw.table[sw.table["threshold"] == sw.current_threshold]
    if row.empty:
        st.warning(t("page.sector.what_if.outside", lg, share=fmt_percent(sw.bunching_share, lg)))
        return
    st.warning(
        t(
            "page.sector.what_if.effect",
            lg,
            share=fmt_percent(sw.bunching_share, lg),
            window=fmt_number(sw.bunching_window, lg),
            threshold=fmt_number(sw.current_threshold, lg),
            firms=fmt_number(float(row["bunching_extra_firms"].iloc[0]), lg),
            amount=fmt_eur_short(float(row["bunching_extra_saved_eur"].iloc[0]), lg),
        )
    )


def _sweep_section(sw: SweepResult, lg: Lang) -> None:
    st.subheader(t("page.sector.sweep.heading", lg))
    st.altair_chart(
        sweep_chart(sw.table, sw.current_threshold, lg, sw.bunching_share), width="stretch"
    )
    columns: tuple[str, ...] = SWEEP_COLUMNS
    if sw.bunching_share > 0:
        st.altair_chart(what_if_chart(sw.table, sw.current_threshold, lg), width="stretch")
        _what_if(sw, lg)
        columns = (*SWEEP_COLUMNS, *BUNCHING_COLUMNS)
    result_table(
        sw.table, lg, columns, key="sweep", shown=(*SWEEP_SHOWN, *columns[len(SWEEP_COLUMNS) :])
    )
    st.caption(t("page.sector.sweep.note", lg, threshold=fmt_number(sw.current_threshold, lg)))
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("page.sector.download.sweep_csv", lg),
        labelled_csv(sw.table, lg, columns),
        "drempelverloop.csv",
        "text/csv",
        key="dl_sweep_csv",
        on_click="ignore",
    )


def _breakdowns(res: PopulationResult, cat: Catalogue, lg: Lang) -> None:
    tabs = st.tabs(
        [
            t("page.sector.tab.sector", lg),
            t("page.sector.tab.domain", lg),
            t("page.sector.tab.rule", lg),
        ]
    )
    result_table(
        res.by_sector,
        lg,
        ("sector", *BREAKDOWN_COLUMNS),
        key="by_sector",
        shown=SECTOR_SHOWN,
        container=tabs[0],
    )
    dom = with_domain_labels(res.by_domain, lg).sort_values("saved_eur", ascending=False)
    result_table(dom, lg, DOMAIN_COLUMNS, key="by_domain", shown=DOMAIN_SHOWN, container=tabs[1])
    titles = {r.id: r.title for r in cat.rules}
    rules = with_rule_titles(res.by_rule, titles, lg).sort_values(
        ["saved_eur", "cost_now"], ascending=False
    )
    result_table(rules, lg, RULE_COLUMNS, key="by_rule", shown=RULE_SHOWN, container=tabs[2])


def main() -> None:
    lg = lang()
    localise_widgets(
        lg,
        t(
            "widget.upload.limit",
            lg,
            types="CSV",
            megabytes=fmt_number(st.get_option("server.maxUploadSize"), lg),
        ),
    )
    engine = engine_or_stop()
    cat = engine.catalogue
    st.title(t("page.sector.title", lg))
    st.markdown(t("page.sector.intro_text", lg))
    settings = _sidebar(cat, lg)

    scenario = proposal_by_id(cat, settings.scenario_id)
    split_at = split_at_for(scenario.threshold_on(settings.date))
    source: str | bytes = settings.scope
    source_key, file_name = settings.scope, None
    if settings.scope == UPLOAD:
        uploaded = _own_download(lg)
        if uploaded is None:
            return
        source, file_name = uploaded, st.session_state["pop_upload"].name
        source_key = hashlib.sha256(uploaded).hexdigest()
    try:
        with st.spinner(t("page.sector.building", lg)):
            pop = _population(engine, cat.version_hash, source, split_at, None)
            split_share, bunching = _sensitivity(pop.extra.get("class_split"), lg)
            if split_share is not None:
                pop = _population(engine, cat.version_hash, source, split_at, split_share)
    except (CbsFormatError, CountsError, ValueError) as exc:
        reason = exc.text(lg) if isinstance(exc, BilingualError) else str(exc)
        st.error(t("page.sector.file_error", lg, error=escape(reason)))
        return
    _population_line(settings.scope, pop, file_name, lg)
    for warning in pop.extra.get("warnings", []):
        text = warning.text(lg)
        st.warning(escape(text[:1].upper() + text[1:], 500))

    key = (cat.version_hash, source_key, split_at, split_share, settings.scenario_id)
    with st.spinner(t("page.sector.computing", lg)):
        analysis = _analysis(pop, engine, key, scenario, settings.date)
        sw = _sweep(pop, engine, key, scenario, settings.date, bunching)
    res = analysis.result

    _headline(res, analysis.intervals, lg)
    _explanations(analysis.variants, pop.extra.get("class_split"), lg)
    st.subheader(t("page.sector.by_size_class", lg))
    st.altair_chart(size_class_chart(res.by_size_class, lg), width="stretch")
    st.caption(persons_note(scenario.threshold_on(settings.date), lg))
    _sweep_section(sw, lg)
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("page.sector.download.excel", lg),
        _workbook(res, sw, lg),
        "sectoranalyse.xlsx",
        XLSX_MIME,
        key="dl_pop_xlsx",
        on_click="ignore",
    )
    buttons.download_button(
        t("page.firm.download.pdf", lg),
        _report(res, lg),
        t("page.sector.download.pdf_file", lg),
        "application/pdf",
        key="dl_pop_pdf",
        on_click="ignore",
    )
    _breakdowns(res, cat, lg)
    compare_section(engine, settings.date, frame=pop.frame, context=pop.label, key="sector")


main()
