"""Regels: the rule catalogue with, per rule, its status, validity, exceptions, EU room, history
and the basis of its figures — as a reader sees them (no developer notes, no ids)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages._shared import coded_selectbox, engine_or_stop, lang, wrapped_table
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.i18n import (
    column_label,
    domain_label,
    driver_label,
    fmt_date,
    fmt_eur,
    fmt_frequency,
    t,
    workability_label,
)
from checker.rule_model import Rule
from checker.ui.firm_tables import law_link, md
from checker.ui.sources import citation, reader_basis


def status_label(rule: Rule, lg: Lang) -> str:
    return t(f"page.rules.status.{rule.status}", lg)


def validity(rule: Rule, lg: Lang) -> str:
    """'1 januari 2020 – 30 juni 2023' or 'vanaf 1 juli 2016'."""
    start = fmt_date(rule.valid_from, lg)
    if rule.valid_until is None:
        return t("page.rules.valid_from", lg, date=start)
    return f"{start} – {fmt_date(rule.valid_until, lg)}"


def eu_label(rule: Rule, lg: Lang, *, short: bool = False) -> str:
    """National law, EU law, or EU law that leaves no room for a national exemption."""
    if rule.eu_fixed:
        return t("page.rules.eu.fixed_short" if short else "page.rules.eu.fixed", lg)
    if rule.eu_derived:
        return t("page.rules.eu.derived", lg)
    return t("page.rules.eu.national", lg)


def _matches(rule: Rule, domain: str | None, query: str) -> bool:
    if domain and rule.domain != domain:
        return False
    if not query:
        return True
    text = " ".join(
        [rule.title.nl, rule.title.en, rule.summary.nl, rule.summary.en, rule.legal_basis.law]
    )
    return query.lower() in text.lower()


def rule_rows(rules: list[Rule], lg: Lang) -> pd.DataFrame:
    """The overview: one row per rule, text that wraps (nothing cut off), the law as a link."""
    rows = [
        {
            column_label("rule", lg): md(pick(rule.title, lg)),
            column_label("domain", lg): domain_label(rule.domain, lg),
            t("page.rules.column.status", lg): status_label(rule, lg),
            t("page.rules.column.valid", lg): validity(rule, lg),
            column_label("law", lg): law_link(rule),
            t("page.rules.column.origin", lg): eu_label(rule, lg, short=True),
        }
        for rule in rules
    ]
    return pd.DataFrame(rows)


def _status_block(rule: Rule, lg: Lang) -> None:
    line = f"**{t('page.rules.column.status', lg)}:** {status_label(rule, lg)}"
    line += f" · **{t('page.rules.column.valid', lg)}:** {validity(rule, lg)}"
    st.markdown(line)
    ref = rule.legislative_ref
    if ref is not None:
        stage = f" — {md(pick(ref.stage, lg))}" if ref.stage else ""
        st.markdown(f"**{t('page.rules.reference', lg)}:** [{md(ref.reference)}]({ref.url}){stage}")
    if rule.status in ("bill", "eu_not_transposed"):
        st.caption(t("page.rules.pending_note", lg))


def _exceptions(rule: Rule, lg: Lang) -> None:
    if not rule.exceptions:
        return
    st.markdown(f"**{t('page.rules.exceptions', lg)}**")
    lines = []
    for e in rule.exceptions:
        when = ""
        if e.valid_from or e.valid_until:
            start = fmt_date(e.valid_from, lg) if e.valid_from else "…"
            end = fmt_date(e.valid_until, lg) if e.valid_until else "…"
            when = f" ({start} – {end})"
        lines.append(f"- {md(pick(e.label, lg))} — _{md(e.article)}_{when}")
    st.markdown("\n".join(lines))


def _lineage(rule: Rule, cat: Catalogue, lg: Lang) -> None:
    """Other versions of the same obligation over time (e.g. an act replaced by a new one)."""
    versions = [r for r in cat.rules if r.lineage_id == rule.lineage_id and r.id != rule.id]
    if not versions:
        return
    st.markdown(f"**{t('page.rules.lineage', lg)}**")
    versions.sort(key=lambda r: r.valid_from)
    st.markdown(
        "\n".join(
            f"- {md(pick(r.title, lg))} — {validity(r, lg)} · {law_link(r)}" for r in versions
        )
    )


def _figures(rule: Rule, cat: Catalogue, lg: Lang) -> None:
    if rule.workability:
        grade = workability_label(rule.workability.grade, lg)
        basis = reader_basis(rule.workability.basis, cat, lg).markdown(lg)
        st.markdown(f"**{column_label('workability', lg)}:** {grade} — {basis}")
    if not rule.activities:
        if rule.burden_note:
            st.caption(pick(rule.burden_note, lg))
        return
    st.markdown(f"**{t('page.rules.activities', lg)}**")
    rows = []
    for a in rule.activities:
        tariff = pick(cat.tariffs[a.tariff].label, lg) if a.tariff in cat.tariffs else "–"
        rows.append(
            {
                column_label("activity", lg): md(pick(a.label, lg)),
                column_label("hours", lg): fmt_frequency(a.hours, lg),
                column_label("tariff", lg): tariff,
                column_label("external_eur", lg): fmt_eur(a.external_eur, lg),
                column_label("frequency", lg): fmt_frequency(a.frequency, lg),
                column_label("driver", lg): driver_label(a.driver, lg),
                column_label("basis", lg): reader_basis(a.basis, cat, lg).markdown(lg),
            }
        )
    numbers = [column_label(k, lg) for k in ("hours", "external_eur", "frequency")]
    wrapped_table(pd.DataFrame(rows), numbers)


def rule_detail(rule: Rule, cat: Catalogue, lg: Lang) -> None:
    st.markdown(f"### {md(pick(rule.title, lg))}")
    st.markdown(pick(rule.summary, lg))
    eu = f" · {md(rule.eu_basis)}" if rule.eu_basis else ""
    st.markdown(f"**{t('page.firm.rule.legal_basis', lg)}:** {law_link(rule)}{eu}")
    _status_block(rule, lg)
    st.markdown(f"**{t('page.rules.column.origin', lg)}:** {eu_label(rule, lg)}")
    if rule.threshold_note:
        st.markdown(f"**{t('page.rules.threshold', lg)}:** {pick(rule.threshold_note, lg)}")
    _exceptions(rule, lg)
    _lineage(rule, cat, lg)
    verified = rule.confidence.level == "verified"
    st.caption(t("page.rules.verified_note" if verified else "page.rules.not_verified_note", lg))
    _figures(rule, cat, lg)
    sources = [cat.sources[s] for s in rule.sources if s in cat.sources]
    if sources:
        st.markdown(f"**{t('page.about.sources', lg)}:**")
        st.markdown("\n".join(f"- [{md(citation(src, lg))}]({src.url})" for src in sources))


def main() -> None:
    lg = lang()
    cat = engine_or_stop().catalogue
    st.title(t("page.rules.title", lg))
    st.markdown(t("page.rules.intro", lg))
    domains = sorted({r.domain for r in cat.rules})
    c1, c2 = st.columns([1, 2])
    with c1:
        domain = coded_selectbox(
            column_label("domain", lg),
            [None, *domains],
            key="rules_domain",
            option_label=lambda d, lg2: (
                t("page.firm.obligations.all_domains", lg2) if d is None else domain_label(d, lg2)
            ),
        )
    query = c2.text_input(
        t("page.rules.search", lg),
        key="rules_search",
        placeholder=t("page.rules.search_placeholder", lg),
    )
    rules = [r for r in cat.rules if _matches(r, domain, query)]
    st.caption(t("page.rules.count", lg, shown=len(rules), total=len(cat.rules)))
    if not rules:
        return
    by_id = cat.rules_by_id
    rid = coded_selectbox(
        t("page.rules.details", lg),
        [r.id for r in rules],
        key="rules_pick",
        option_label=lambda i, lg2: pick(by_id[i].title, lg2),
    )
    with st.container(border=True):
        rule_detail(by_id[rid], cat, lg)
    st.markdown(f"#### {t('page.rules.overview', lg)}")
    st.caption(t("page.rules.origin_note", lg))
    wrapped_table(rule_rows(rules, lg))


main()
