"""Over: method, sources and assumptions, so every number can be defended."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages._shared import engine_or_stop, lang
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.defaults import DEFAULT_RULES
from checker.export.workbook_common import basis_texts
from checker.i18n import column_label, fmt_eur, fmt_number, t
from checker.reference_data import Basis
from checker.ui.profiles import field_label


def _basis(basis: Basis, catalogue: Catalogue, lg: Lang) -> str:
    """'bron: <title of the source>' or 'aanname: <why>', as in the workbook."""
    kind, text, _ = basis_texts(basis, catalogue, lg)
    return f"{kind}: {text}"


def _figures(cat: Catalogue, lg: Lang) -> None:
    counts = cat.basis_counts()
    c1, c2, c3 = st.columns(3)
    c1.metric(t("page.about.metric.rules", lg), len(cat.rules))
    c2.metric(t("page.about.metric.sourced", lg), counts["sourced"])
    c3.metric(t("page.about.metric.assumed", lg), counts["assumption"])
    st.caption(t("page.about.catalogue_version", lg, version=cat.version_hash))

    st.subheader(t("page.about.tariffs", lg))
    tariffs = [
        {
            column_label("tariff", lg): pick(tariff.label, lg),
            column_label("tariff_eur", lg): fmt_eur(tariff.eur_per_hour, lg),
            column_label("year", lg): tariff.year,
            column_label("basis", lg): _basis(tariff.basis, cat, lg),
        }
        for tariff in cat.tariffs.values()
    ]
    st.dataframe(pd.DataFrame(tariffs), hide_index=True, width="stretch")

    st.subheader(t("page.about.defaults", lg))
    defaults = [
        {
            column_label("field", lg): field_label(d.field, lg),
            column_label("assumption", lg): pick(d.explain, lg),
        }
        for d in DEFAULT_RULES
    ]
    st.dataframe(pd.DataFrame(defaults), hide_index=True, width="stretch")

    st.subheader(t("page.about.rates", lg))
    rates = [
        {
            column_label("description", lg): pick(r.label, lg),
            column_label("value", lg): (
                f"{fmt_number(r.value, lg, decimals=4 if r.value < 1 else 0)} {r.unit}"
            ),
            column_label("year", lg): r.year,
            column_label("basis", lg): _basis(r.basis, cat, lg),
        }
        for r in cat.rates.values()
    ]
    st.dataframe(pd.DataFrame(rates), hide_index=True, width="stretch")


def main() -> None:
    lg = lang()
    cat = engine_or_stop().catalogue
    st.title(t("page.about.title", lg))
    st.markdown(t("page.about.method", lg))
    _figures(cat, lg)

    st.subheader(t("page.about.sources", lg))
    sources = sorted(cat.sources.values(), key=lambda s: s.title.lower())
    table = [
        {
            "id": s.id,
            column_label("title", lg): s.title,
            column_label("publisher", lg): s.publisher or "",
            "url": s.url,
        }
        for s in sources
    ]
    st.dataframe(
        pd.DataFrame(table),
        hide_index=True,
        width="stretch",
        column_config={"url": st.column_config.LinkColumn("url")},
    )
    if cat.omissions:
        st.subheader(t("page.about.omissions", lg))
        st.markdown(
            "\n".join(f"- **{pick(o.title, lg)}** — {pick(o.reason, lg)}" for o in cat.omissions)
        )
    st.caption(t("page.about.sbi_source", lg))


main()
