"""Over: method, status of the law, covered period, uncertainty, what is verified, sources and
assumptions — so every number can be defended, in words a reader can check."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from app_pages._shared import engine_or_stop, lang, wrapped_table
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.defaults import DEFAULT_RULES
from checker.i18n import (
    column_label,
    fmt_date,
    fmt_eur,
    fmt_exact,
    fmt_number,
    fmt_percent,
    t,
    unit_label,
)
from checker.i18n.formatting import decimals_of
from checker.period import COVERED_FROM
from checker.ui.firm_tables import md
from checker.ui.profiles import field_label
from checker.ui.sources import (
    copy_site,
    publisher_words,
    reader_basis,
    source_year,
    with_titles,
)
from checker.uncertainty import DEFAULT_DRAWS, HIGH_PCT, LOW_PCT, SHARED_ERROR


def _table(rows: list[dict[str, str]]) -> None:
    wrapped_table(pd.DataFrame(rows))


def _rate_value(value: float, unit: str, lg: Lang, *, words: bool = True) -> str:
    """A rate as its source writes it, with its unit in words: '5,3%', '€ 42.340 per baan
    per jaar', '0,0523 per werknemer per jaar', '31,65 MJ per m³' (never rounded away).

    ``words=False`` leaves the unit's words out (the range column: the unit is beside it)."""
    if unit.startswith("deel"):
        return fmt_percent(value, lg, decimals=max(1, decimals_of(value * 100, 2)))
    label = unit_label(unit, lg)
    if unit.startswith("eur"):
        number, label = fmt_eur(value, lg), label.removeprefix("€").strip()
    else:
        number = fmt_exact(value, lg, most=4)
    if unit == "ratio" or not words or not label:
        return number
    return f"{number} {label}"


def _rate_range(low: float, high: float, unit: str, lg: Lang) -> str:
    """'0,04 – 0,075'; one value when the figure has no range (a fixed conversion)."""
    left, right = (_rate_value(v, unit, lg, words=False) for v in (low, high))
    return left if left == right else f"{left} – {right}"


def _status_and_period(cat: Catalogue, lg: Lang) -> None:
    st.subheader(t("page.about.status.heading", lg))
    counts = Counter(r.status for r in cat.rules)
    st.markdown(
        t(
            "page.about.status.text",
            lg,
            start=fmt_date(COVERED_FROM, lg),
            in_force=fmt_number(counts.get("in_force", 0), lg),
            adopted=fmt_number(counts.get("adopted", 0), lg),
            bills=fmt_number(counts.get("bill", 0), lg),
            eu=fmt_number(counts.get("eu_not_transposed", 0), lg),
        )
    )


def _uncertainty(lg: Lang) -> None:
    st.subheader(t("page.about.uncertainty.heading", lg))
    st.markdown(
        t(
            "page.about.uncertainty.text",
            lg,
            draws=fmt_number(DEFAULT_DRAWS, lg),
            low=fmt_number(LOW_PCT, lg),
            high=fmt_number(HIGH_PCT, lg),
            shared=fmt_number(SHARED_ERROR, lg, decimals=1),
        )
    )


def _verification(cat: Catalogue, lg: Lang) -> None:
    st.subheader(t("page.about.verified.heading", lg))
    levels = Counter(r.confidence.level for r in cat.rules)
    counts = cat.basis_counts()
    st.markdown(
        t(
            "page.about.verified.text",
            lg,
            rules=fmt_number(len(cat.rules), lg),
            verified=fmt_number(levels.get("verified", 0), lg),
            to_verify=fmt_number(levels.get("to_verify", 0), lg),
            sourced=fmt_number(counts["sourced"], lg),
            assumed=fmt_number(counts["assumption"], lg),
        )
    )


def _figures(cat: Catalogue, lg: Lang) -> None:
    counts = cat.basis_counts()
    c1, c2, c3 = st.columns(3)
    c1.metric(t("page.about.metric.rules", lg), len(cat.rules))
    c2.metric(t("page.about.metric.sourced", lg), counts["sourced"])
    c3.metric(t("page.about.metric.assumed", lg), counts["assumption"])
    st.caption(t("page.about.catalogue_version", lg, version=cat.version_hash))

    st.subheader(t("page.about.tariffs", lg))
    _table(
        [
            {
                column_label("tariff", lg): pick(tariff.label, lg),
                column_label("tariff_eur", lg): fmt_eur(tariff.eur_per_hour, lg),
                t("page.about.column.range", lg): f"{fmt_eur(tariff.spread[0], lg)} – "
                f"{fmt_eur(tariff.spread[2], lg)}",
                column_label("year", lg): str(tariff.year),
                column_label("basis", lg): reader_basis(tariff.basis, cat, lg).markdown(lg),
            }
            for tariff in cat.tariffs.values()
        ]
    )

    st.subheader(t("page.about.rates", lg))
    _table(
        [
            {
                column_label("description", lg): md(pick(r.label, lg)),
                column_label("value", lg): _rate_value(r.value, r.unit, lg),
                t("page.about.column.range", lg): _rate_range(r.spread[0], r.spread[2], r.unit, lg),
                column_label("year", lg): str(r.year),
                column_label("basis", lg): reader_basis(r.basis, cat, lg).markdown(lg),
            }
            for r in cat.rates.values()
        ]
    )

    st.subheader(t("page.about.defaults", lg))
    _table(
        [
            {
                column_label("field", lg): field_label(d.field, lg),
                column_label("assumption", lg): md(pick(d.explain, lg)),
            }
            for d in DEFAULT_RULES
        ]
    )


def _sources(cat: Catalogue, lg: Lang) -> None:
    st.subheader(t("page.about.sources", lg))
    # One row per document: a document cited under two ids (same title and link) once.
    unique = {(s.title, s.url): s for s in cat.sources.values()}
    sources = sorted(unique.values(), key=lambda s: s.title.lower())
    _table(
        [
            {
                column_label("title", lg): f"[{md(s.title)}]({s.url})",
                column_label("publisher", lg): md(publisher_words(s, lg) or "–"),
                column_label("year", lg): source_year(s) or t("firm.source.undated", lg),
                column_label("kind", lg): t(f"export.source_kind.{s.kind}", lg),
            }
            for s in sources
        ]
    )
    st.caption(
        t(
            "page.about.sources_note",
            lg,
            count=fmt_number(len(sources), lg),
            secondary=fmt_number(sum(s.kind == "secondary" for s in sources), lg),
            copies=fmt_number(sum(copy_site(s) is not None for s in sources), lg),
        )
    )


def main() -> None:
    lg = lang()
    cat = engine_or_stop().catalogue
    st.title(t("page.about.title", lg))
    st.markdown(t("page.about.method", lg))
    _status_and_period(cat, lg)
    _uncertainty(lg)
    _verification(cat, lg)
    _figures(cat, lg)
    _sources(cat, lg)
    if cat.omissions:
        st.subheader(t("page.about.omissions", lg))
        st.markdown(
            "\n".join(
                f"- **{pick(o.title, lg)}** — {with_titles(pick(o.reason, lg), cat, lg)}"
                for o in cat.omissions
            )
        )
    st.caption(t("page.about.sbi_source", lg))


main()
