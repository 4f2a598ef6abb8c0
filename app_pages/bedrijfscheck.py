"""Bedrijfscheck: which obligations apply now, under the proposal, why, and what it saves.

Layout only: every number comes from :func:`checker.api.check` and the helpers in
:mod:`checker.ui`.  The answer comes first (the saving), the details below it.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from app_pages._shared import (
    engine_or_stop,
    field_key,
    lang,
    scenario_controls,
    seed_widgets,
    store,
)
from checker.api import CheckResult, RuleResult, check
from checker.bilingual import Lang, pick
from checker.export import firm_workbook_bytes
from checker.i18n import tr
from checker.numbers import fmt_eur, fmt_number
from checker.parsing.errors import InputError
from checker.profile import LEGAL_FORM_LABELS, ProfileError, parse_profile
from checker.rule_model import DOMAIN_LABELS
from checker.trace import TraceNode
from checker.ui.charts import domain_chart, matrix_chart
from checker.ui.markdown import escape
from checker.ui.profiles import (
    EXAMPLE_FIRMS,
    EXAMPLES_BY_ID,
    FORM_FIELDS,
    LEGAL_FORMS,
    FieldSpec,
    amount_text,
    amounts_from_form,
    clean_values,
    encode_query,
    parse_amount,
    profile_json,
    values_from_json,
)
from checker.ui.sbi_list import sbi_codes, sbi_label
from checker.ui.tables import (
    activity_frame,
    display_frame,
    domain_burden,
    matrix_frame,
    results_csv,
)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _excel_bytes(result: CheckResult, lg: Lang) -> Callable[[], bytes]:
    """Deferred Excel: built only when the button is clicked."""
    return lambda: firm_workbook_bytes(result, lang=lg)


def _pdf_bytes(result: CheckResult, lg: Lang) -> Callable[[], bytes]:
    """Deferred PDF report: rendered only when the button is clicked (it draws a chart)."""

    def build() -> bytes:
        from checker.export.pdf_report import firm_report_pdf

        return firm_report_pdf(result, lg)

    return build


def _load_example(example_id: str) -> None:
    values = dict(EXAMPLES_BY_ID[example_id].values)
    store()["values"] = values
    seed_widgets(values, force=True)


def _load_upload() -> None:
    upload = st.session_state.get("profile_upload")
    if upload is None:
        return
    try:
        values = values_from_json(upload.getvalue())
    except ProfileError as exc:
        st.session_state["upload_error"] = escape(
            f"{exc.field}: {exc.text(st.session_state.get('lang', 'nl'))}"
        )
        return
    st.session_state.pop("upload_error", None)
    store()["values"] = values
    seed_widgets(values, force=True)


def _widget(spec: FieldSpec, lg: Lang) -> Any:
    key = field_key(spec.name)
    label, help_text = pick(spec.label, lg), pick(spec.help, lg)
    empty = tr("leeg = aangenomen", "empty = assumed", lg)
    if spec.kind == "int":
        if spec.name == "employees":
            if st.session_state.get(key) is None:
                st.session_state[key] = 0
            return st.number_input(label, min_value=0, max_value=1_000_000, step=1, key=key,
                                   help=help_text)  # fmt: skip
        return st.number_input(label, min_value=0, step=1, value=None, key=key, help=help_text,
                               placeholder=empty)  # fmt: skip
    if spec.kind == "eur":
        return _amount_widget(key, label, help_text, empty, lg)
    if spec.kind == "float":
        if isinstance(st.session_state.get(key), int):
            st.session_state[key] = float(st.session_state[key])
        fmt = "%.1f" if spec.step < 1 else "%.0f"
        return st.number_input(label, min_value=0.0, step=float(spec.step), value=None, key=key,
                               help=help_text, placeholder=empty, format=fmt)  # fmt: skip
    if spec.kind == "bool":
        words = {None: tr("aangenomen", "assumed", lg), True: tr("ja", "yes", lg),
                 False: tr("nee", "no", lg)}  # fmt: skip
        return st.selectbox(label, [None, True, False], key=key, help=help_text,
                            placeholder=words[None],
                            format_func=lambda v: words[v])  # fmt: skip
    if spec.kind == "legal_form":
        return st.selectbox(
            label, [None, *LEGAL_FORMS], key=key, help=help_text,
            placeholder=tr("aangenomen: bv", "assumed: bv", lg),
            format_func=lambda v: tr("aangenomen: bv", "assumed: bv", lg) if v is None
            else pick(LEGAL_FORM_LABELS[v], lg),
        )  # fmt: skip
    codes = sbi_codes()
    current = st.session_state.get(key)
    options: list[str | None] = [None, *codes]
    if current and current not in codes:
        options.append(current)
    return st.selectbox(
        label, options, key=key, help=help_text,
        placeholder=tr("aangenomen: 25 metaalproducten", "assumed: 25 metal products", lg),
        format_func=lambda v: tr("aangenomen: 25 metaalproducten", "assumed: 25 metal products", lg)
        if v is None else sbi_label(v, lg),
    )  # fmt: skip


def _amount_widget(key: str, label: str, help_text: str, empty: str, lg: Lang) -> str:
    """An amount typed as text (3.000.000 or 3000000), shown with thousands separators.

    What was typed is rewritten in the UI language's notation on the next run (3000000 ->
    3.000.000), so the field shows the amount as understood; text typed in the other language
    is read in the language it was typed in, so "1.900" typed in Dutch never becomes 1.9.
    Unreadable text stays as typed; the message beside the form says what is wrong.
    """
    current, typed_in = st.session_state.get(key), st.session_state.get(f"{key}__lang")
    if isinstance(current, int | float) and not isinstance(current, bool):
        st.session_state[key] = amount_text(current, lg)
    elif isinstance(current, str) and current.strip():
        with contextlib.suppress(InputError):
            st.session_state[key] = amount_text(parse_amount(current, typed_in or lg), lg)
    elif current is None:
        st.session_state[key] = ""
    st.session_state[f"{key}__lang"] = lg
    return str(st.text_input(label, key=key, help=help_text, placeholder=empty))


def profile_form(lg: Lang) -> dict[str, Any]:
    """The company profile form; returns the given (non-empty) values."""
    seed_widgets(store()["values"])
    values: dict[str, Any] = {}
    for spec in FORM_FIELDS:
        if spec.group == "main":
            values[spec.name] = _widget(spec, lg)
    with st.expander(
        tr("Omzet, balans, loonsom en energie", "Turnover, balance, wage bill, energy", lg)
    ):
        for spec in FORM_FIELDS:
            if spec.group == "finance":
                values[spec.name] = _widget(spec, lg)
    with st.expander(tr("Meer gegevens (optioneel)", "More details (optional)", lg)):
        for spec in FORM_FIELDS:
            if spec.group == "more":
                values[spec.name] = _widget(spec, lg)
    values = clean_values(values)
    # Keep given values that have no widget (e.g. from an uploaded JSON or a shared link).
    extra = {k: v for k, v in store()["values"].items() if k not in {f.name for f in FORM_FIELDS}}
    return {**extra, **values}


def _trace_lines(node: TraceNode, lg: Lang, depth: int = 0) -> list[str]:
    mark = "✅" if node.result else "❌"
    text = node.text.replace("(aangenomen)", "(**aangenomen**)").replace(
        "(assumed)", "(**assumed**)"
    )
    lines = [f"{'  ' * depth}- {mark} {text}"]
    for child in node.children:
        lines += _trace_lines(child, lg, depth + 1)
    return lines


def _md_table(frame: pd.DataFrame) -> str:
    """A small table as Markdown: much lighter in the browser than a grid per expander."""

    def cell(v: object) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    head = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def _rule_details(rr: RuleResult, lg: Lang) -> None:
    rule = rr.rule
    st.markdown(pick(rule.summary, lg))
    basis = rule.legal_basis
    st.markdown(
        f"**{tr('Grondslag', 'Legal basis', lg)}:** [{basis.law} {basis.article}]({basis.url})"
    )
    st.markdown(f"**{tr('Waarom', 'Why', lg)}:**")
    st.markdown("\n".join(_trace_lines(rr.trace, lg)))
    if rule.threshold_note:
        st.caption(pick(rule.threshold_note, lg))
    if rr.scenario_reason:
        st.markdown(
            f"**{tr('Onder het voorstel', 'Under the proposal', lg)}:** {rr.scenario_reason}"
        )
    if rule.confidence.level == "to_verify":
        st.caption("⚠️ " + tr("Nog te verifiëren: ", "To be verified: ", lg) + rule.confidence.note)
    if not rr.quantified:
        st.info(tr("Voor deze regel zijn (nog) geen lastencijfers: niet gekwantificeerd.",
                   "No burden figures for this rule (yet): not quantified.", lg))  # fmt: skip
        if rule.burden_note:
            st.caption(pick(rule.burden_note, lg))
        return
    acts = rr.activities_now if rr.applies_now else rr.activities_scenario
    if acts:
        st.markdown(
            f"**{tr('Lasten per activiteit (uren × tarief × frequentie × aantal)', 'Burden per activity (hours × tariff × frequency × quantity)', lg)}**"
        )
        st.markdown(_md_table(activity_frame(acts, lg)))
    if rr.applies_now and rr.activities_scenario and rr.treatment == "lighter":
        st.markdown(f"**{tr('Onder het voorstel (lichter)', 'Under the proposal (lighter)', lg)}**")
        st.markdown(_md_table(activity_frame(rr.activities_scenario, lg)))


def _headline(result: CheckResult, lg: Lang, scenario_name: str | None) -> None:
    t = result.totals
    saved = t["saved_eur"]
    if scenario_name is None:
        st.info(tr(f"Uw bedrijf heeft nu **{fmt_number(t['obligations_now'], 0, lg)}** verplichtingen "
                   f"uit de catalogus, samen **{fmt_eur(t['cost_now_eur'], 0, lg)} per jaar**. "
                   "Kies links een voorstel om te zien wat het scheelt.",
                   f"Your firm now has **{fmt_number(t['obligations_now'], 0, lg)}** obligations from "
                   f"the catalogue, together **{fmt_eur(t['cost_now_eur'], 0, lg)} per year**. "
                   "Pick a proposal on the left to see what it saves.", lg))  # fmt: skip
    elif saved > 0.5:
        st.success(tr(f"### Onder het voorstel bespaart u {fmt_eur(saved, 0, lg)} per jaar",
                      f"### Under the proposal you save {fmt_eur(saved, 0, lg)} per year", lg)
                   + "\n\n" + tr(f"en {fmt_number(t['saved_hours'], 0, lg)} uur eigen tijd; "
                                 f"{fmt_number(t['obligations_now'] - t['obligations_scenario'], 0, lg)} "
                                 "verplichtingen vervallen.",
                                 f"and {fmt_number(t['saved_hours'], 0, lg)} hours of your own time; "
                                 f"{fmt_number(t['obligations_now'] - t['obligations_scenario'], 0, lg)} "
                                 "obligations lapse.", lg))  # fmt: skip
    else:
        qualifies = bool(result.evaluation.qualifies[0])
        why = "" if qualifies else tr(
            " Uw bedrijf valt boven de drempel van het voorstel.",
            " Your firm is above the proposal's threshold.", lg)  # fmt: skip
        st.info(tr("### Onder het voorstel bespaart u € 0 per jaar", "### Under the proposal you save € 0 per year", lg)
                + "\n\n" + tr("Er verandert niets aan uw verplichtingen.", "Your obligations do not change.", lg)
                + why)  # fmt: skip
    # Each figure in its own metric: "€ 35.355 → € 27.419" in one metric is cut off ("€ 27.…")
    # in the narrow result column, and a truncated amount cannot be defended.
    c1, c2, c3 = st.columns(3)
    c1.metric(tr("Kosten per jaar nu", "Cost per year now", lg), fmt_eur(t["cost_now_eur"], 0, lg))
    c2.metric(
        tr("Kosten onder het voorstel", "Cost under the proposal", lg),
        fmt_eur(t["cost_scenario_eur"], 0, lg),
    )
    c3.metric(tr("Besparing per jaar", "Saving per year", lg), fmt_eur(saved, 0, lg))
    c4, c5 = st.columns(2)
    c4.metric(
        tr("Verplichtingen (nu → voorstel)", "Obligations (now → proposal)", lg),
        f"{fmt_number(t['obligations_now'], 0, lg)} → {fmt_number(t['obligations_scenario'], 0, lg)}",
    )
    c5.metric(
        tr("Uren per jaar (nu → voorstel)", "Hours per year (now → proposal)", lg),
        f"{fmt_number(t['hours_now'], 0, lg)} → {fmt_number(t['hours_scenario'], 0, lg)}",
    )
    st.caption(tr(
        f"Waarvan regeldruk (administratieve lasten en nalevingskosten): "
        f"{fmt_eur(t['administrative_now_eur'] + t['substantive_now_eur'], 0, lg)} nu → "
        f"{fmt_eur(t['administrative_scenario_eur'] + t['substantive_scenario_eur'], 0, lg)}; "
        f"financiële lasten (zoals loondoorbetaling bij ziekte en transitievergoeding): "
        f"{fmt_eur(t['financial_now_eur'], 0, lg)} nu → {fmt_eur(t['financial_scenario_eur'], 0, lg)}.",
        f"Of which regulatory burden (administrative and compliance costs): "
        f"{fmt_eur(t['administrative_now_eur'] + t['substantive_now_eur'], 0, lg)} now → "
        f"{fmt_eur(t['administrative_scenario_eur'] + t['substantive_scenario_eur'], 0, lg)}; "
        f"financial costs (such as sick pay and severance): "
        f"{fmt_eur(t['financial_now_eur'], 0, lg)} now → {fmt_eur(t['financial_scenario_eur'], 0, lg)}.",
        lg,
    ))  # fmt: skip
    if t["one_off_now_eur"] > 0:
        st.caption(tr(f"Eenmalige kosten (niet in de jaartotalen): {fmt_eur(t['one_off_now_eur'], 0, lg)} nu, "
                      f"{fmt_eur(t['one_off_scenario_eur'], 0, lg)} onder het voorstel.",
                      f"One-off costs (not in the yearly totals): {fmt_eur(t['one_off_now_eur'], 0, lg)} now, "
                      f"{fmt_eur(t['one_off_scenario_eur'], 0, lg)} under the proposal.", lg))  # fmt: skip


def main() -> None:
    started = time.perf_counter()
    lg = lang()
    engine = engine_or_stop()
    s = store()
    scenario, sid, date = scenario_controls(engine)

    st.title(tr("Bedrijfscheck", "Firm check", lg))
    st.markdown(tr(
        "Vul in hoe groot uw bedrijf is. U ziet meteen welke wettelijke verplichtingen nu voor u "
        "gelden, wat ze u per jaar kosten, en wat een voorstel als dat van de Metaalunie "
        "(minder regels tot en met 25 werknemers) u zou besparen. Velden die u leeg laat, vullen "
        "we in met een onderbouwde aanname; dat staat er dan bij.",
        "Enter the size of your firm. You immediately see which legal obligations apply to you "
        "now, what they cost you per year, and what a proposal like Metaalunie's (fewer rules up "
        "to 25 employees) would save you. Fields left empty are filled with a documented "
        "assumption, and marked as such.", lg))  # fmt: skip
    for problem in s.get("url_errors", []):
        field, message = escape(problem.field, 60), escape(problem.text(lg))
        st.warning(tr(f"Link bevat een ongeldige waarde voor '{field}': {message}. Die is genegeerd.",
                      f"The link has an invalid value for '{field}': {message}. It was ignored.", lg))  # fmt: skip

    st.caption(tr("Voorbeeldbedrijven:", "Example firms:", lg))
    cols = st.columns(len(EXAMPLE_FIRMS))
    for col, ex in zip(cols, EXAMPLE_FIRMS, strict=True):
        col.button(pick(ex.name, lg), key=f"example_{ex.id}", on_click=_load_example, args=(ex.id,),
                   width="stretch")  # fmt: skip

    left, right = st.columns([1, 1.6], gap="large")
    with left:
        st.subheader(tr("Uw bedrijf", "Your firm", lg))
        values = profile_form(lg)
    try:
        values = amounts_from_form(values, lg)
        profile = parse_profile(values)
    except ProfileError as exc:
        labels = {f.name: pick(f.label, lg) for f in FORM_FIELDS}
        name, why = labels.get(exc.field) or escape(exc.field, 80), escape(exc.text(lg))
        with right:
            st.error(tr(f"Controleer '{name}': {why}", f"Please check '{name}': {why}", lg),
                     icon="⚠️")  # fmt: skip
        return
    s["values"] = values
    st.query_params.from_dict(encode_query(values, scenario=sid, threshold=s["threshold"],
                                           date=date, lang=lg))  # fmt: skip
    result = check(profile, scenario, date, lang=lg, engine=engine)

    with left:
        if result.assumptions:
            with st.expander(tr(f"Aangenomen waarden ({len(result.assumptions)})",
                                f"Assumed values ({len(result.assumptions)})", lg)):  # fmt: skip
                for a in result.assumptions:
                    shown = fmt_number(a.value, 0 if float(a.value).is_integer() else 1, lg) \
                        if isinstance(a.value, int | float) and not isinstance(a.value, bool) else a.value  # fmt: skip
                    st.markdown(
                        f"- `{a.field}` = **{shown}** · _{tr('aangenomen', 'assumed', lg)}_ — {a.explanation}"
                    )
        with st.expander(tr("Profiel opslaan of laden", "Save or load the profile", lg)):
            st.download_button(tr("Profiel downloaden (JSON)", "Download profile (JSON)", lg),
                               profile_json(values), file_name="bedrijfsprofiel.json",
                               mime="application/json", key="dl_profile", on_click="ignore")  # fmt: skip
            st.file_uploader(tr("Profiel laden (JSON)", "Load a profile (JSON)", lg), type=["json"],
                             key="profile_upload", on_change=_load_upload)  # fmt: skip
            if st.session_state.get("upload_error"):
                st.error(tr("Dit profiel kan niet worden geladen: ", "This profile cannot be loaded: ", lg)
                         + st.session_state["upload_error"])  # fmt: skip
            st.caption(tr("De link in de adresbalk bevat dit profiel; deel hem om de uitkomst te delen.",
                          "The link in the address bar holds this profile; share it to share the result.", lg))  # fmt: skip

    with right:
        scen_name = pick(scenario.title, lg) if scenario else None
        _headline(result, lg, scen_name)
        st.download_button(tr("Resultaat als CSV", "Result as CSV", lg), results_csv(result, lg),
                           file_name="drempelcheck.csv", mime="text/csv", key="dl_csv",
                           on_click="ignore")  # fmt: skip
        st.download_button(tr("Resultaat als Excel", "Result as Excel", lg), _excel_bytes(result, lg),
                           file_name="drempelcheck.xlsx", mime=XLSX_MIME, key="dl_xlsx",
                           on_click="ignore")  # fmt: skip
        st.download_button(
            tr("Rapport als pdf (A4)", "Report as PDF (A4)", lg),
            _pdf_bytes(result, lg),
            file_name=tr("drempelcheck-rapport.pdf", "drempelcheck-report.pdf", lg),
            mime="application/pdf",
            key="dl_pdf",
            on_click="ignore",
        )

    st.divider()
    st.subheader(tr("Uw verplichtingen", "Your obligations", lg))
    domains = sorted({rr.rule.domain for rr in result.rules})
    f1, f2 = st.columns([2, 1])
    domain = f1.selectbox(tr("Domein", "Domain", lg), [None, *domains], key="domain_filter",
                          format_func=lambda d: tr("alle domeinen", "all domains", lg) if d is None
                          else pick(DOMAIN_LABELS.get(d), lg, d))  # fmt: skip
    show_all = f2.checkbox(tr("Ook regels die niet gelden", "Include rules that do not apply", lg),
                           key="show_all")  # fmt: skip
    table = display_frame(result, lg, domain=domain, only_relevant=not show_all)
    law_col = tr("Wet", "Law", lg)
    st.dataframe(table.drop(columns=["id"]) if not table.empty else table, hide_index=True,
                 width="stretch",
                 column_config={law_col: st.column_config.LinkColumn(law_col, display_text=tr("wettekst", "law text", lg))})  # fmt: skip
    st.caption(tr("€ en uren volgen het standaardkostenmodel; 'niet gekwantificeerd' betekent dat er "
                  "(nog) geen onderbouwd cijfer is — niet dat het niets kost.",
                  "€ and hours follow the Standard Cost Model; 'not quantified' means there is no "
                  "supported figure (yet) — not that it costs nothing.", lg))  # fmt: skip

    st.markdown(f"**{tr('Waarom? Per verplichting', 'Why? Per obligation', lg)}**")
    shown_ids = set(table["id"]) if not table.empty else set()
    for rr in result.rules:
        if rr.rule.id not in shown_ids:
            continue
        cost = (
            fmt_eur(rr.cost_now_eur, 0, lg)
            if rr.quantified
            else tr("niet gekwantificeerd", "not quantified", lg)
        )
        label = f"{pick(rr.rule.title, lg)} · {cost}"
        if rr.applies_now and not rr.applies_scenario:
            label += " · " + tr("vervalt onder voorstel", "lapses under proposal", lg)
        with st.expander(label):
            _rule_details(rr, lg)
    reliefs = [rr for rr in result.rules if rr.rule.kind != "obligation" and rr.applies_now]
    if reliefs:
        with st.expander(tr(f"Regelingen en indelingen die voor u gelden ({len(reliefs)})",
                            f"Reliefs and classifications that apply to you ({len(reliefs)})", lg)):  # fmt: skip
            for rr in reliefs:
                st.markdown(f"- **{pick(rr.rule.title, lg)}** — {pick(rr.rule.summary, lg)} "
                            f"([{rr.rule.legal_basis.law}]({rr.rule.legal_basis.url}))")  # fmt: skip

    st.divider()
    tab1, tab2 = st.tabs([tr("Lasten per domein", "Burden per domain", lg),
                          tr("Regeldrukmatrix", "Burden matrix", lg)])  # fmt: skip
    with tab1:
        frame = domain_burden(result, lg)
        if frame.empty:
            st.info(tr("Geen gekwantificeerde lasten.", "No quantified burden.", lg))
        else:
            st.altair_chart(domain_chart(frame, lg), width="stretch")
    with tab2:
        mframe = matrix_frame(result, lg)
        st.caption(tr("Kosten per verplichting tegen werkbaarheid, zoals in de methode van de "
                      "MKB-indicatorbedrijven. Rechtsboven: duur én slecht werkbaar. Een ruit betekent "
                      "dat het werkbaarheidscijfer een aanname is.",
                      "Cost per obligation against workability, as in the SME reference-firm method. "
                      "Top right: costly and hardly workable. A diamond means the workability grade "
                      "is an assumption.", lg))  # fmt: skip
        if mframe.empty:
            st.info(tr("Geen verplichtingen met kosten en werkbaarheidscijfer.",
                       "No obligations with both cost and a workability grade.", lg))  # fmt: skip
        else:
            st.altair_chart(matrix_chart(mframe, lg), width="stretch")
    st.caption(tr(f"Catalogusversie {result.catalogue_version} · berekend in "
                  f"{fmt_number((time.perf_counter() - started) * 1000, 0, lg)} ms",
                  f"Catalogue version {result.catalogue_version} · computed in "
                  f"{fmt_number((time.perf_counter() - started) * 1000, 0, lg)} ms", lg))  # fmt: skip


main()
