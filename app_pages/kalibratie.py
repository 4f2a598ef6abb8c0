"""Kalibratie: does the model show the published scale effect of regulatory burden?

Small firms pay far more per employee than larger ones; the model must show that through
figures that are each defensible, never by tuning them to a target.  This page sets the
model's burden per employee beside the published aggregates (:mod:`checker.calibration`,
laid out by :mod:`checker.calibration_view`), reports the ratios and says what the catalogue
covers and what it leaves out, so a reader can judge the comparison himself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from app_pages._shared import DATE_FORMAT, engine_or_stop, lang, wrapped_table
from app_pages._tables import show_display_table
from app_pages._tiles import Tile, metric_tiles
from checker.bilingual import Lang
from checker.calibration import LARGER_FIRM, SMALL_FIRM, Calibration, calibrate
from checker.calibration_view import (
    coverage_intro,
    coverage_table,
    level_text,
    obligation_counts,
    per_employee_chart,
    ratio_explanation,
    representative_table,
    shares_text,
    sources_table,
    times_text,
)
from checker.catalogue import Catalogue
from checker.engine import Engine
from checker.export.safe_text import safe_url
from checker.i18n import fmt_eur, fmt_number, t
from checker.period import COVERED_FROM, COVERED_UNTIL
from checker.population import build_population
from checker.ui.labels import DisplayTable
from checker.ui.markdown import escape
from checker.ui.widget_texts import localise_widgets


@st.cache_resource(show_spinner=False, max_entries=4)
def _calibration(_engine: Engine, version: str, date: dt.date) -> Calibration:
    """Representative firms and the class averages over the whole Dutch population."""
    return calibrate(_engine, date, population=build_population("nl", _engine))


def _scale_section(cal: Calibration, lg: Lang) -> None:
    st.subheader(t("page.calibration.per_employee.heading", lg))
    st.markdown(t("page.calibration.per_employee.intro", lg))
    st.altair_chart(per_employee_chart(cal, lg), width="stretch")
    st.caption(t("page.calibration.per_employee.chart_note", lg))
    table = representative_table(cal)
    shown = pd.DataFrame(
        {
            t("calibration.col.employees", lg): [fmt_number(v, lg) for v in table["employees"]],
            t("calibration.col.obligations", lg): [fmt_number(v, lg) for v in table["obligations"]],
            t("calibration.col.admin_per_employee", lg): [
                fmt_eur(v, lg) for v in table["administrative_per_employee"]
            ],
            t("calibration.col.regeldruk_per_employee", lg): [
                fmt_eur(v, lg) for v in table["regulatory_per_employee"]
            ],
            t("calibration.col.financial_per_employee", lg): [
                fmt_eur(v, lg) for v in table["financial_per_employee"]
            ],
        }
    )
    show_display_table(DisplayTable(shown, tuple(shown.columns), {}), lg, key="calibration")


def _ratio_section(cal: Calibration, lg: Lang) -> None:
    st.subheader(t("page.calibration.ratio.heading", lg))
    low, high = cal.published_range()
    firm_ratio = cal.ratio(SMALL_FIRM, LARGER_FIRM, "administrative")
    tiles = [
        Tile(
            t("page.calibration.ratio.model_firms", lg, small=SMALL_FIRM, larger=LARGER_FIRM),
            times_text(firm_ratio, lg),
        )
    ]
    if cal.classes is not None:
        small, larger = cal.classes.small, cal.classes.larger
        tiles.append(
            Tile(
                t(
                    "page.calibration.ratio.model_classes",
                    lg,
                    small=f"{small[0]}–{small[1]}",
                    larger=f"{larger[0]}–{larger[1]}",
                ),
                times_text(cal.classes.administrative_ratio, lg),
            )
        )
    tiles.append(
        Tile(
            t("page.calibration.ratio.published", lg),
            t(
                "calibration.times_range",
                lg,
                low=fmt_number(low, lg, decimals=1),
                high=fmt_number(high, lg, decimals=1),
            ),
        )
    )
    metric_tiles(tiles)
    where = "inside" if cal.within_published_range(firm_ratio) else "outside"
    if firm_ratio > high:
        where = "above"  # no reason for a higher ratio in the data: none is promised
    st.markdown(
        t(
            f"page.calibration.ratio.{where}",
            lg,
            small=SMALL_FIRM,
            larger=LARGER_FIRM,
            ratio=times_text(firm_ratio, lg),
            low=times_text(low, lg),
            high=times_text(high, lg),
            regeldruk=times_text(cal.ratio(SMALL_FIRM, LARGER_FIRM, "regeldruk"), lg),
        )
    )
    explanation = ratio_explanation(cal, lg)
    if explanation is not None:
        st.info(explanation)


def _level_section(cal: Calibration, sources: Mapping[str, Any], lg: Lang) -> None:
    st.subheader(t("page.calibration.level.heading", lg))
    for text in (level_text(cal, lg), shares_text(cal, sources, lg)):
        if text:
            st.markdown(text)
    counts, published_count = obligation_counts(cal)
    if published_count is not None and published_count.low and published_count.high:
        st.markdown(
            t(
                "page.calibration.obligations.text",
                lg,
                small=SMALL_FIRM,
                small_count=counts[SMALL_FIRM],
                larger=LARGER_FIRM,
                larger_count=counts[LARGER_FIRM],
                low=fmt_number(published_count.low, lg),
                high=fmt_number(published_count.high, lg),
                year=published_count.year,
            )
        )


def _coverage_section(cal: Calibration, catalogue: Catalogue, lg: Lang) -> None:
    st.subheader(t("page.calibration.coverage.heading", lg))
    st.markdown(coverage_intro(cal, catalogue, lg))
    table = coverage_table(cal, lg)
    left, right = st.columns(2)
    for column, part in ((left, "covered"), (right, "not_covered")):
        column.markdown(f"**{t(f'page.calibration.coverage.{part}', lg)}**")
        for row in table[table["part"] == part].itertuples(index=False):
            column.markdown(f"- **{row.label}.** {row.note}")


def _sources_section(cal: Calibration, sources: object, lg: Lang) -> None:
    st.subheader(t("page.calibration.sources.heading", lg))
    table = sources_table(cal, sources, lg)  # type: ignore[arg-type]
    opened = t("calibration.open", lg)
    shown = pd.DataFrame(
        {
            t("calibration.col.figure", lg): [escape(v, 400) for v in table["figure"]],
            t("calibration.col.publisher", lg): [escape(v, 200) for v in table["publisher"]],
            t("calibration.col.date", lg): [escape(v, 40) for v in table["date"]],
            t("calibration.col.link", lg): [
                f"[{opened}](<{url}>)" if safe_url(url) else "–" for url in table["url"]
            ],
        }
    )
    # A wrapping table: every column, the link included, on screen at any width.
    wrapped_table(shown)
    with st.expander(t("page.calibration.sources.notes", lg)):
        for row in table.itertuples(index=False):
            st.markdown(f"- **{row.figure}.** {row.note}")


def main() -> None:
    lg = lang()
    localise_widgets(lg)
    engine = engine_or_stop()
    st.title(t("page.calibration.title", lg))
    st.markdown(t("page.calibration.intro", lg))
    with st.sidebar:
        date = st.date_input(
            t("app.sidebar.date", lg),
            dt.date.today(),
            key="cal_date",
            format=DATE_FORMAT,
            min_value=COVERED_FROM,
            max_value=COVERED_UNTIL,
        )
    with st.spinner(t("page.calibration.computing", lg)):
        cal = _calibration(engine, engine.catalogue.version_hash, date)
    _scale_section(cal, lg)
    _ratio_section(cal, lg)
    _level_section(cal, engine.catalogue.sources, lg)
    _coverage_section(cal, engine.catalogue, lg)
    _sources_section(cal, engine.catalogue.sources, lg)


main()
