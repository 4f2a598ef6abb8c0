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

from app_pages._compare import compare_section
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
from checker.i18n import (
    column_label,
    domain_label,
    fmt_eur,
    fmt_number,
    fmt_quantity,
    legal_form_label,
    t,
)
from checker.parsing.errors import InputError
from checker.profile import ProfileError, parse_profile
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
    field_label,
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
    not_quantified,
    results_csv,
)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _excel_bytes(result: CheckResult, lg: Lang) -> Callable[[], bytes]:
    """Deferred Excel: built (and openpyxl imported) only when the button is clicked."""

    def build() -> bytes:
        from checker.export import firm_workbook_bytes

        return firm_workbook_bytes(result, lang=lg)

    return build


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
    label, help_text = spec.label(lg), spec.help(lg)
    empty = t("page.firm.form.empty_assumed", lg)
    if spec.kind == "int":
        if spec.name == "employees":
            if st.session_state.get(key) is None:
                st.session_state[key] = 0
            return st.number_input(
                label, min_value=0, max_value=1_000_000, step=1, key=key, help=help_text
            )
        return st.number_input(
            label, min_value=0, step=1, value=None, key=key, help=help_text, placeholder=empty
        )
    if spec.kind == "eur":
        return _amount_widget(key, label, help_text, empty, lg)
    if spec.kind == "float":
        if isinstance(st.session_state.get(key), int):
            st.session_state[key] = float(st.session_state[key])
        fmt = "%.1f" if spec.step < 1 else "%.0f"
        return st.number_input(
            label,
            min_value=0.0,
            step=float(spec.step),
            value=None,
            key=key,
            help=help_text,
            placeholder=empty,
            format=fmt,
        )
    if spec.kind == "bool":
        words = {
            None: t("common.assumed", lg),
            True: t("common.yes", lg),
            False: t("common.no", lg),
        }
        return st.selectbox(
            label,
            [None, True, False],
            key=key,
            help=help_text,
            placeholder=words[None],
            format_func=lambda v: words[v],
        )
    if spec.kind == "legal_form":
        assumed_form = t("page.firm.form.assumed_legal_form", lg)
        return st.selectbox(
            label,
            [None, *LEGAL_FORMS],
            key=key,
            help=help_text,
            placeholder=assumed_form,
            format_func=lambda v: assumed_form if v is None else legal_form_label(v, lg),
        )
    codes = sbi_codes()
    current = st.session_state.get(key)
    options: list[str | None] = [None, *codes]
    if current and current not in codes:
        options.append(current)
    assumed_sector = t("page.firm.form.assumed_sector", lg)
    return st.selectbox(
        label,
        options,
        key=key,
        help=help_text,
        placeholder=assumed_sector,
        format_func=lambda v: assumed_sector if v is None else sbi_label(v, lg),
    )


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
    with st.expander(t("page.firm.form.finance", lg)):
        for spec in FORM_FIELDS:
            if spec.group == "finance":
                values[spec.name] = _widget(spec, lg)
    with st.expander(t("page.firm.form.more", lg)):
        for spec in FORM_FIELDS:
            if spec.group == "more":
                values[spec.name] = _widget(spec, lg)
    values = clean_values(values)
    # Keep given values that have no widget (e.g. from an uploaded JSON or a shared link).
    extra = {k: v for k, v in store()["values"].items() if k not in {f.name for f in FORM_FIELDS}}
    return {**extra, **values}


def _trace_lines(node: TraceNode, lg: Lang, depth: int = 0) -> list[str]:
    mark = "✅" if node.result else "❌"
    assumed = t("common.assumed", lg)
    text = node.text.replace(f"({assumed})", f"(**{assumed}**)")
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
        f"**{t('page.firm.rule.legal_basis', lg)}:** [{basis.law} {basis.article}]({basis.url})"
    )
    st.markdown(f"**{t('page.firm.rule.why', lg)}:**")
    st.markdown("\n".join(_trace_lines(rr.trace, lg)))
    if rule.threshold_note:
        st.caption(pick(rule.threshold_note, lg))
    if rr.scenario_reason:
        st.markdown(f"**{t('page.firm.rule.under_proposal', lg)}:** {rr.scenario_reason}")
    if rule.confidence.level == "to_verify":
        st.caption("⚠️ " + t("page.firm.rule.to_verify", lg, note=rule.confidence.note))
    if not rr.quantified:
        st.info(t("page.firm.rule.not_quantified", lg))
        if rule.burden_note:
            st.caption(pick(rule.burden_note, lg))
        return
    acts = rr.activities_now if rr.applies_now else rr.activities_scenario
    if acts:
        st.markdown(f"**{t('page.firm.rule.activities', lg)}**")
        st.markdown(_md_table(activity_frame(acts, lg)))
    if rr.applies_now and rr.activities_scenario and rr.treatment == "lighter":
        st.markdown(f"**{t('page.firm.rule.activities_lighter', lg)}**")
        st.markdown(_md_table(activity_frame(rr.activities_scenario, lg)))


def _headline(result: CheckResult, lg: Lang, scenario_name: str | None) -> None:
    tot = result.totals
    saved = tot["saved_eur"]
    obligations_now = fmt_number(tot["obligations_now"], lg)
    if scenario_name is None:
        st.info(
            t(
                "page.firm.headline.no_proposal",
                lg,
                count=obligations_now,
                cost=fmt_eur(tot["cost_now_eur"], lg),
            )
        )
    elif saved > 0.5:
        lapsing = fmt_number(tot["obligations_now"] - tot["obligations_scenario"], lg)
        st.success(
            t("page.firm.headline.saved", lg, amount=fmt_eur(saved, lg))
            + "\n\n"
            + t(
                "page.firm.headline.saved_detail",
                lg,
                hours=fmt_number(tot["saved_hours"], lg),
                count=lapsing,
            )
        )
    else:
        qualifies = bool(result.evaluation.qualifies[0])
        why = "" if qualifies else " " + t("page.firm.headline.above_threshold", lg)
        st.info(
            t("page.firm.headline.saved", lg, amount=fmt_eur(0, lg))
            + "\n\n"
            + t("page.firm.headline.nothing_changes", lg)
            + why
        )
    # Each figure in its own metric: "€ 35.355 → € 27.419" in one metric is cut off ("€ 27.…")
    # in the narrow result column, and a truncated amount cannot be defended.
    c1, c2, c3 = st.columns(3)
    c1.metric(t("page.firm.metric.cost_now", lg), fmt_eur(tot["cost_now_eur"], lg))
    c2.metric(t("page.firm.metric.cost_scen", lg), fmt_eur(tot["cost_scenario_eur"], lg))
    c3.metric(t("metric.saved_per_year", lg), fmt_eur(saved, lg))
    c4, c5 = st.columns(2)
    c4.metric(
        t("page.firm.metric.obligations", lg),
        f"{obligations_now} → {fmt_number(tot['obligations_scenario'], lg)}",
    )
    c5.metric(
        t("page.firm.metric.hours", lg),
        f"{fmt_number(tot['hours_now'], lg)} → {fmt_number(tot['hours_scenario'], lg)}",
    )
    regulatory_now = tot["administrative_now_eur"] + tot["substantive_now_eur"]
    regulatory_scen = tot["administrative_scenario_eur"] + tot["substantive_scenario_eur"]
    st.caption(
        t(
            "page.firm.headline.split",
            lg,
            regulatory=t("cost.regulatory", lg),
            regulatory_now=fmt_eur(regulatory_now, lg),
            regulatory_scen=fmt_eur(regulatory_scen, lg),
            financial=t("cost.financial", lg),
            financial_now=fmt_eur(tot["financial_now_eur"], lg),
            financial_scen=fmt_eur(tot["financial_scenario_eur"], lg),
        )
    )
    if tot["one_off_now_eur"] > 0:
        st.caption(
            t(
                "page.firm.headline.one_off",
                lg,
                now=fmt_eur(tot["one_off_now_eur"], lg),
                scen=fmt_eur(tot["one_off_scenario_eur"], lg),
            )
        )


def _example_buttons(lg: Lang) -> None:
    st.caption(t("page.firm.examples", lg))
    cols = st.columns(len(EXAMPLE_FIRMS))
    for col, ex in zip(cols, EXAMPLE_FIRMS, strict=True):
        col.button(
            ex.name(lg),
            key=f"example_{ex.id}",
            on_click=_load_example,
            args=(ex.id,),
            width="stretch",
        )


def _assumptions_and_profile(result: CheckResult, values: dict[str, Any], lg: Lang) -> None:
    """The left column under the form: assumed values, and saving/loading the profile."""
    if result.assumptions:
        with st.expander(t("page.firm.assumed_values", lg, count=len(result.assumptions))):
            for a in result.assumptions:
                number = isinstance(a.value, int | float) and not isinstance(a.value, bool)
                shown = fmt_quantity(a.value, lg) if number else a.value
                label = field_label(a.field, lg)
                st.markdown(
                    f"- {label}: **{shown}** · _{t('common.assumed', lg)}_ — {a.explanation}"
                )
    with st.expander(t("page.firm.profile.heading", lg)):
        st.download_button(
            t("page.firm.profile.download", lg),
            profile_json(values),
            file_name="bedrijfsprofiel.json",
            mime="application/json",
            key="dl_profile",
            on_click="ignore",
        )
        st.file_uploader(
            t("page.firm.profile.upload", lg),
            type=["json"],
            key="profile_upload",
            on_change=_load_upload,
        )
        if st.session_state.get("upload_error"):
            st.error(
                t("page.firm.profile.upload_error", lg, error=st.session_state["upload_error"])
            )
        st.caption(t("page.firm.profile.link", lg))


def _obligations(result: CheckResult, lg: Lang) -> None:
    """The table of obligations, and per obligation why it applies and what it costs."""
    st.subheader(t("page.firm.obligations.heading", lg))
    domains = sorted({rr.rule.domain for rr in result.rules})
    f1, f2 = st.columns([2, 1])
    all_domains = t("page.firm.obligations.all_domains", lg)
    domain = f1.selectbox(
        column_label("domain", lg),
        [None, *domains],
        key="domain_filter",
        format_func=lambda d: all_domains if d is None else domain_label(d, lg),
    )
    show_all = f2.checkbox(t("page.firm.obligations.show_all", lg), key="show_all")
    table = display_frame(result, lg, domain=domain, only_relevant=not show_all)
    law_col = column_label("law_url", lg)
    st.dataframe(
        table.drop(columns=["id"]) if not table.empty else table,
        hide_index=True,
        width="stretch",
        column_config={
            law_col: st.column_config.LinkColumn(
                law_col, display_text=t("page.firm.obligations.law_link", lg)
            )
        },
    )
    st.caption(t("page.firm.obligations.note", lg))

    st.markdown(f"**{t('page.firm.obligations.why', lg)}**")
    shown_ids = set(table["id"]) if not table.empty else set()
    for rr in result.rules:
        if rr.rule.id not in shown_ids:
            continue
        cost = fmt_eur(rr.cost_now_eur, lg) if rr.quantified else not_quantified(lg)
        label = f"{pick(rr.rule.title, lg)} · {cost}"
        if rr.applies_now and not rr.applies_scenario:
            label += " · " + t("page.firm.obligations.lapses", lg)
        with st.expander(label):
            _rule_details(rr, lg)
    reliefs = [rr for rr in result.rules if rr.rule.kind != "obligation" and rr.applies_now]
    if reliefs:
        with st.expander(t("page.firm.reliefs", lg, count=len(reliefs))):
            for rr in reliefs:
                st.markdown(
                    f"- **{pick(rr.rule.title, lg)}** — {pick(rr.rule.summary, lg)} "
                    f"([{rr.rule.legal_basis.law}]({rr.rule.legal_basis.url}))"
                )


def _charts(result: CheckResult, lg: Lang) -> None:
    tab1, tab2 = st.tabs([t("page.firm.charts.by_domain", lg), t("page.firm.charts.matrix", lg)])
    with tab1:
        frame = domain_burden(result, lg)
        if frame.empty:
            st.info(t("page.firm.charts.no_burden", lg))
        else:
            st.altair_chart(domain_chart(frame, lg), width="stretch")
    with tab2:
        mframe = matrix_frame(result, lg)
        st.caption(t("page.firm.charts.matrix_note", lg))
        if mframe.empty:
            st.info(t("page.firm.charts.matrix_empty", lg))
        else:
            st.altair_chart(matrix_chart(mframe, lg), width="stretch")


def main() -> None:
    started = time.perf_counter()
    lg = lang()
    engine = engine_or_stop()
    s = store()
    scenario, sid, date = scenario_controls(engine)

    st.title(t("page.firm.title", lg))
    st.markdown(t("page.firm.intro", lg))
    for problem in s.get("url_errors", []):
        field, message = escape(problem.field, 60), escape(problem.text(lg))
        st.warning(t("page.firm.link_error", lg, field=field, message=message))
    _example_buttons(lg)

    left, right = st.columns([1, 1.6], gap="large")
    with left:
        st.subheader(t("page.firm.form.heading", lg))
        values = profile_form(lg)
    try:
        values = amounts_from_form(values, lg)
        profile = parse_profile(values)
    except ProfileError as exc:
        labels = {f.name: f.label(lg) for f in FORM_FIELDS}
        name, why = labels.get(exc.field) or escape(exc.field, 80), escape(exc.text(lg))
        with right:
            st.error(t("page.firm.profile_error", lg, field=name, message=why), icon="⚠️")
        return
    s["values"] = values
    st.query_params.from_dict(
        encode_query(values, scenario=sid, threshold=s["threshold"], date=date, lang=lg)
    )
    result = check(profile, scenario, date, lang=lg, engine=engine)

    with left:
        _assumptions_and_profile(result, values, lg)

    with right:
        scen_name = pick(scenario.title, lg) if scenario else None
        _headline(result, lg, scen_name)
        st.download_button(
            t("page.firm.download.csv", lg),
            results_csv(result, lg),
            file_name="drempelcheck.csv",
            mime="text/csv",
            key="dl_csv",
            on_click="ignore",
        )
        st.download_button(
            t("page.firm.download.excel", lg),
            _excel_bytes(result, lg),
            file_name="drempelcheck.xlsx",
            mime=XLSX_MIME,
            key="dl_xlsx",
            on_click="ignore",
        )
        st.download_button(
            t("page.firm.download.pdf", lg),
            _pdf_bytes(result, lg),
            file_name=t("page.firm.download.pdf_file", lg),
            mime="application/pdf",
            key="dl_pdf",
            on_click="ignore",
        )

    st.divider()
    _obligations(result, lg)
    st.divider()
    _charts(result, lg)
    compare_section(engine, date, profile=profile, key="firm")
    elapsed = fmt_number((time.perf_counter() - started) * 1000, lg)
    st.caption(t("page.firm.footer", lg, version=result.catalogue_version, ms=elapsed))


main()
