"""Regels: the rule catalogue as a searchable table with the legal basis and burden basis."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages._shared import engine_or_stop, lang
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.export.workbook_common import basis_texts
from checker.i18n import (
    column_label,
    domain_label,
    driver_label,
    fmt_date,
    fmt_eur,
    fmt_quantity,
    kind_label,
    t,
    workability_label,
)
from checker.rule_model import Rule


def _rule_rows(cat: Catalogue, domain: str | None, query: str, lg: Lang) -> pd.DataFrame:
    rows = []
    for rule in cat.rules:
        text = (
            f"{rule.id} {rule.title.nl} {rule.title.en} {rule.summary.nl} {rule.summary.en}".lower()
        )
        if domain and rule.domain != domain:
            continue
        if query and query.lower() not in text:
            continue
        grade = rule.workability.grade if rule.workability else None
        verified = rule.confidence.level == "verified"
        cells = {
            "rule": pick(rule.title, lg),
            "domain": domain_label(rule.domain, lg),
            "kind": kind_label(rule.kind, lg),
            "law": f"{rule.legal_basis.law} {rule.legal_basis.article}",
            "eu_derived": "EU" if rule.eu_derived else "",
            "workability": workability_label(grade, lg) if grade else "–",
            "activities": str(len(rule.activities))
            if rule.activities
            else t("common.not_quantified", lg),
            "confidence": t("page.rules.verified" if verified else "page.rules.to_verify", lg),
        }
        row = {column_label(k, lg): v for k, v in cells.items()}
        rows.append({**row, "url": rule.legal_basis.url, "id": rule.id})
    return pd.DataFrame(rows)


def _rule_detail(rule: Rule, cat: Catalogue, lg: Lang) -> None:
    basis = rule.legal_basis
    st.markdown(f"### {pick(rule.title, lg)}")
    st.markdown(pick(rule.summary, lg))
    eu = f" · {rule.eu_basis}" if rule.eu_basis else ""
    legal_basis = t("page.firm.rule.legal_basis", lg)
    st.markdown(f"**{legal_basis}:** [{basis.law} {basis.article}]({basis.url}){eu}")
    if rule.threshold_note:
        st.markdown(f"**{t('page.rules.threshold', lg)}:** {pick(rule.threshold_note, lg)}")
    until = f" – {fmt_date(rule.valid_until, lg)}" if rule.valid_until else ""
    st.markdown(f"**{t('page.rules.valid', lg)}:** {fmt_date(rule.valid_from, lg)}{until}")
    if rule.workability:
        kind, text, _ = basis_texts(rule.workability.basis, cat, lg)
        grade = workability_label(rule.workability.grade, lg)
        st.markdown(f"**{column_label('workability', lg)}:** {grade} — _{kind}_: {text}")
    st.caption(t("page.rules.confidence", lg, note=rule.confidence.note))
    if rule.activities:
        rows = []
        for a in rule.activities:
            kind, text, _ = basis_texts(a.basis, cat, lg)
            cells = {
                "activity": pick(a.label, lg),
                "hours": fmt_quantity(a.hours, lg),
                "tariff": pick(cat.tariffs[a.tariff].label, lg) if a.tariff in cat.tariffs else "–",
                "external_eur": fmt_eur(a.external_eur, lg),
                "driver": driver_label(a.driver, lg),
                "frequency": fmt_quantity(a.frequency, lg),
                "basis": f"{kind}: {text}",
            }
            rows.append({column_label(k, lg): v for k, v in cells.items()})
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    elif rule.burden_note:
        st.caption(pick(rule.burden_note, lg))
    sources = [cat.sources[s] for s in rule.sources if s in cat.sources]
    if sources:
        st.markdown(f"**{t('page.about.sources', lg)}:**")
        st.markdown("\n".join(f"- [{src.title}]({src.url})" for src in sources))


def main() -> None:
    lg = lang()
    cat = engine_or_stop().catalogue
    st.title(t("page.rules.title", lg))
    st.markdown(t("page.rules.intro", lg))
    domains = sorted({r.domain for r in cat.rules})
    c1, c2 = st.columns([1, 2])
    all_domains = t("page.firm.obligations.all_domains", lg)
    domain = c1.selectbox(
        column_label("domain", lg),
        [None, *domains],
        key="rules_domain",
        format_func=lambda d: all_domains if d is None else domain_label(d, lg),
    )
    query = c2.text_input(
        t("page.rules.search", lg),
        key="rules_search",
        placeholder=t("page.rules.search_placeholder", lg),
    )
    frame = _rule_rows(cat, domain, query, lg)
    st.caption(t("page.rules.count", lg, shown=len(frame), total=len(cat.rules)))
    if frame.empty:
        return
    st.dataframe(
        frame.drop(columns=["id"]),
        hide_index=True,
        width="stretch",
        column_config={"url": st.column_config.LinkColumn(column_label("law_url", lg))},
    )
    by_id = cat.rules_by_id
    rid = st.selectbox(
        t("page.rules.details", lg),
        list(frame["id"]),
        key="rules_pick",
        format_func=lambda i: pick(by_id[i].title, lg),
    )
    _rule_detail(by_id[rid], cat, lg)


main()
