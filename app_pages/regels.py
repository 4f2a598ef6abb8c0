"""Regels: the rule catalogue as a searchable table with the legal basis and burden basis."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages._shared import engine_or_stop, lang
from checker.bilingual import pick
from checker.i18n import tr
from checker.numbers import fmt_date
from checker.rule_model import DOMAIN_LABELS
from checker.ui.tables import WORKABILITY_LABELS


def main() -> None:
    lg = lang()
    cat = engine_or_stop().catalogue
    st.title(tr("Regels", "Rules", lg))
    st.markdown(tr(
        "Alle verplichtingen in de catalogus, met de wettelijke grondslag, de drempel en hoe die "
        "telt, en de onderbouwing van de lastencijfers.",
        "Every obligation in the catalogue, with its legal basis, threshold and how it counts, "
        "and the basis of the burden figures.", lg))  # fmt: skip
    domains = sorted({r.domain for r in cat.rules})
    c1, c2 = st.columns([1, 2])
    domain = c1.selectbox(tr("Domein", "Domain", lg), [None, *domains], key="rules_domain",
                          format_func=lambda d: tr("alle domeinen", "all domains", lg) if d is None
                          else pick(DOMAIN_LABELS.get(d), lg, d))  # fmt: skip
    query = c2.text_input(tr("Zoeken", "Search", lg), key="rules_search",
                          placeholder=tr("bijv. RI&E, ondernemingsraad, jaarrekening", "e.g. works council", lg))  # fmt: skip
    kinds = {"obligation": tr("verplichting", "obligation", lg), "relief": tr("regeling", "relief", lg),
             "classification": tr("indeling", "classification", lg)}  # fmt: skip
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
        rows.append({
            tr("Regel", "Rule", lg): pick(rule.title, lg),
            tr("Domein", "Domain", lg): pick(DOMAIN_LABELS.get(rule.domain), lg, rule.domain),
            tr("Soort", "Kind", lg): kinds[rule.kind],
            tr("Grondslag", "Legal basis", lg): f"{rule.legal_basis.law} {rule.legal_basis.article}",
            tr("EU", "EU", lg): "EU" if rule.eu_derived else "",
            tr("Werkbaarheid", "Workability", lg): WORKABILITY_LABELS[grade][lg] if grade else "–",
            tr("Activiteiten", "Activities", lg): str(len(rule.activities)) if rule.activities else tr("niet gekwantificeerd", "not quantified", lg),
            tr("Status", "Status", lg): tr("geverifieerd", "verified", lg) if rule.confidence.level == "verified"
            else tr("te verifiëren", "to verify", lg),
            "url": rule.legal_basis.url,
            "id": rule.id,
        })  # fmt: skip
    frame = pd.DataFrame(rows)
    st.caption(
        tr(
            f"{len(frame)} van {len(cat.rules)} regels",
            f"{len(frame)} of {len(cat.rules)} rules",
            lg,
        )
    )
    if frame.empty:
        return
    st.dataframe(frame.drop(columns=["id"]), hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn(tr("Wettekst", "Law text", lg))})  # fmt: skip
    by_id = cat.rules_by_id
    rid = st.selectbox(tr("Details van regel", "Details of rule", lg), list(frame["id"]), key="rules_pick",
                       format_func=lambda i: pick(by_id[i].title, lg))  # fmt: skip
    rule = by_id[rid]
    st.markdown(f"### {pick(rule.title, lg)}")
    st.markdown(pick(rule.summary, lg))
    st.markdown(f"**{tr('Grondslag', 'Legal basis', lg)}:** [{rule.legal_basis.law} {rule.legal_basis.article}]({rule.legal_basis.url})"
                + (f" · {rule.eu_basis}" if rule.eu_basis else ""))  # fmt: skip
    if rule.threshold_note:
        st.markdown(f"**{tr('Drempel', 'Threshold', lg)}:** {pick(rule.threshold_note, lg)}")
    st.markdown(f"**{tr('Geldig', 'Valid', lg)}:** {fmt_date(rule.valid_from, lg)}"
                + (f" – {fmt_date(rule.valid_until, lg)}" if rule.valid_until else ""))  # fmt: skip
    if rule.workability:
        b = rule.workability.basis
        st.markdown(f"**{tr('Werkbaarheid', 'Workability', lg)}:** {WORKABILITY_LABELS[rule.workability.grade][lg]} — "
                    + (f"_{tr('aanname', 'assumption', lg)}_: {b.assumption}" if b.is_assumption else b.describe()))  # fmt: skip
    st.caption(tr("Betrouwbaarheid: ", "Confidence: ", lg) + rule.confidence.note)
    if rule.activities:
        st.dataframe(pd.DataFrame([{
            tr("Activiteit", "Activity", lg): pick(a.label, lg),
            tr("Uren", "Hours", lg): a.hours, tr("Tarief", "Tariff", lg): a.tariff or "–",
            tr("Extern €", "External €", lg): a.external_eur, tr("Per", "Per", lg): a.driver,
            tr("Frequentie", "Frequency", lg): a.frequency,
            tr("Bron", "Source", lg): (tr("aanname: ", "assumption: ", lg) + (a.basis.assumption or ""))
            if a.basis.is_assumption else a.basis.describe(),
        } for a in rule.activities]), hide_index=True, width="stretch")  # fmt: skip
    elif rule.burden_note:
        st.caption(pick(rule.burden_note, lg))
    sources = [cat.sources[s] for s in rule.sources if s in cat.sources]
    if sources:
        st.markdown(f"**{tr('Bronnen', 'Sources', lg)}:**")
        st.markdown("\n".join(f"- [{src.title}]({src.url})" for src in sources))


main()
