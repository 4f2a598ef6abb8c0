"""Bedrijfscheck: which obligations apply now, what the proposal does to them, and what it saves.

Layout only: every number comes from :func:`checker.api.check` and the helpers in
:mod:`checker.ui`.  The answer comes first — the regeldruk saving with its interval, the
financial effect apart, and the obligations that lapse or get lighter with their € each — and
the details below it.  Every widget stores a code (legal form, SBI code, yes/no, a number),
never a label, so switching the language can never change what was entered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from app_pages._assumptions_panel import assumptions_panel, changed_summary
from app_pages._compare import compare_section
from app_pages._shared import (
    DATE_FORMAT,
    DEFAULT_VALUES,
    coded_selectbox,
    engine_or_stop,
    field_key,
    lang,
    overrides,
    pending_toggle,
    scenario_controls,
    seed_widgets,
    store,
    working_engine,
    wrapped_table,
    write_url,
)
from checker.api import CheckResult, RuleResult, check
from checker.bilingual import Lang, pick
from checker.engine import Engine
from checker.history import then_and_now
from checker.i18n import (
    column_label,
    domain_label,
    fmt_date,
    fmt_eur,
    fmt_number,
    fmt_quantity,
    t,
)
from checker.parsing.errors import InputError
from checker.period import COVERED_FROM
from checker.profile import FirmProfile, ProfileError, normalise_sbi, parse_profile
from checker.ui.firm_tables import (
    activity_frame,
    md,
    numeric_labels,
    obligations_frame,
    pending_frame,
    then_now_frames,
)
from checker.ui.headline import headline, overview, relief_frame, relief_lines
from checker.ui.link_problems import link_field_label
from checker.ui.markdown import escape
from checker.ui.overrides import overrides_from_json
from checker.ui.profiles import (
    ACCOUNTS_CLASSES,
    EXAMPLE_FIRMS,
    EXAMPLES_BY_ID,
    FORM_FIELDS,
    LEGAL_FORMS,
    FieldSpec,
    accounts_class_label,
    amounts_from_form,
    bool_label,
    clean_values,
    field_label,
    form_text,
    legal_form_option,
    parse_form_number,
    profile_json,
    saved_profile_from_json,
    sector_label,
)
from checker.ui.sbi_list import sbi_codes
from checker.ui.tables import results_csv
from checker.ui.trace_view import assumed_inputs, trace_markdown

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NAME_KEY = "f_name"


# -- downloads (built only when clicked) ---------------------------------------------------------


def _excel_bytes(result: CheckResult, lg: Lang) -> Callable[[], bytes]:
    """Deferred Excel: built (and openpyxl imported) only when the button is clicked.

    ``result`` was computed on the engine with the user's changed assumptions, so its catalogue
    carries them; the workbook writes them as its input cells.
    """

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


# -- example firms and saved profiles ------------------------------------------------------------


def _put_profile(values: dict[str, Any]) -> None:
    store()["values"] = values
    seed_widgets(values, force=True)
    st.session_state[NAME_KEY] = values.get("name") or ""


def _load_example(example_id: str) -> None:
    st.session_state.pop("example_pending", None)
    _put_profile(dict(EXAMPLES_BY_ID[example_id].values))


def _typed_profile() -> bool:
    """The form holds something the user typed (not the start values, not an untouched example)."""
    values = clean_values(store()["values"])
    if values == clean_values(DEFAULT_VALUES):
        return False
    return not any(values == clean_values(ex.values) for ex in EXAMPLE_FIRMS)


def _ask_example(example_id: str) -> None:
    """Load an example; first ask when that would replace what the user typed."""
    if _typed_profile():
        st.session_state["example_pending"] = example_id
    else:
        _load_example(example_id)


def _cancel_example() -> None:
    st.session_state.pop("example_pending", None)


def _load_upload() -> None:
    upload = st.session_state.get("profile_upload")
    if upload is None:
        return
    lg = lang()
    try:
        values, raw_assumptions = saved_profile_from_json(upload.getvalue())
    except ProfileError as exc:
        where = link_field_label(exc.field, None, lg) if exc.field != "json" else ""
        st.session_state["upload_error"] = escape(
            f"{where}: {exc.text(lg)}" if where else exc.text(lg)
        )
        return
    found, problems = overrides_from_json(raw_assumptions, engine_or_stop().catalogue)
    st.session_state.pop("upload_error", None)
    if problems:
        st.session_state["upload_error"] = escape(problems[0].text(lg))
    _put_profile(values)
    store()["overrides"] = found
    for key in [k for k in st.session_state if str(k).startswith("ov_")]:
        del st.session_state[key]


def _example_buttons(lg: Lang) -> None:
    st.caption(t("page.firm.examples", lg))
    cols = st.columns(len(EXAMPLE_FIRMS))
    for col, ex in zip(cols, EXAMPLE_FIRMS, strict=True):
        col.button(
            ex.name(lg),
            key=f"example_{ex.id}",
            on_click=_ask_example,
            args=(ex.id,),
            width="stretch",
        )
    asked = st.session_state.get("example_pending")
    if asked in EXAMPLES_BY_ID:
        st.warning(
            t("page.firm.examples.confirm", lg, example=EXAMPLES_BY_ID[asked].name(lg)),
            icon=":material/help:",
        )
        c1, c2, _ = st.columns([1, 1, 2])
        c1.button(
            t("page.firm.examples.replace", lg),
            key="example_confirm",
            on_click=_load_example,
            args=(asked,),
            type="primary",
            width="stretch",
        )
        c2.button(
            t("page.firm.examples.keep", lg),
            key="example_cancel",
            on_click=_cancel_example,
            width="stretch",
        )


# -- the form ------------------------------------------------------------------------------------


def _sector_options() -> list[str | None]:
    codes = sbi_codes()
    options: list[str | None] = [None, *codes]
    current = st.session_state.get(field_key("sector_sbi"))
    if isinstance(current, str) and current not in codes:
        # a valid code the list lacks (e.g. from a link) stays choosable; a label does not
        with contextlib.suppress(ValueError):
            options.append(normalise_sbi(current))
    return options


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
    if spec.kind in ("eur", "float"):
        return _number_text_widget(spec.name, key, label, help_text, empty, lg)
    if spec.kind == "bool":
        return coded_selectbox(
            label, [None, True, False], key=key, option_label=bool_label, help=help_text
        )
    if spec.kind == "legal_form":
        options = [None, *LEGAL_FORMS]
        return coded_selectbox(
            label, options, key=key, option_label=legal_form_option, help=help_text
        )
    if spec.kind == "accounts_class":
        return coded_selectbox(
            label,
            list(ACCOUNTS_CLASSES),
            key=key,
            option_label=accounts_class_label,
            help=help_text,
        )
    return coded_selectbox(
        label, _sector_options(), key=key, option_label=sector_label, help=help_text
    )


def _number_text_widget(
    name: str, key: str, label: str, help_text: str, empty: str, lg: Lang
) -> str:
    """A number typed as text (3.000.000 or 3000000; 12,5 or 12.5 fte), shown back as read.

    What was typed is rewritten in the UI language's notation on the next run (3000000 ->
    3.000.000), so the field shows the number as understood — with every decimal it has, never
    rounded (12,25 fte stays 12,25); text typed in the other language is read in the language it
    was typed in, so "1.900" typed in Dutch never becomes 1.9.  Unreadable text stays as typed;
    the message beside the form says what is wrong.
    """
    current, typed_in = st.session_state.get(key), st.session_state.get(f"{key}__lang")
    if isinstance(current, int | float) and not isinstance(current, bool):
        st.session_state[key] = form_text(name, current, lg)
    elif isinstance(current, str) and current.strip():
        with contextlib.suppress(InputError):
            number = parse_form_number(name, current, typed_in or lg)
            st.session_state[key] = form_text(name, number, lg)
    elif current is None:
        st.session_state[key] = ""
    st.session_state[f"{key}__lang"] = lg
    return str(st.text_input(label, key=key, help=help_text, placeholder=empty))


def profile_form(lg: Lang) -> dict[str, Any]:
    """The company profile form; returns the given (non-empty) values."""
    seed_widgets(store()["values"])
    if NAME_KEY not in st.session_state:
        st.session_state[NAME_KEY] = store()["values"].get("name") or ""
    values: dict[str, Any] = {
        "name": st.text_input(
            t("page.firm.form.name", lg),
            key=NAME_KEY,
            max_chars=200,
            placeholder=t("page.firm.form.name_placeholder", lg),
            help=t("page.firm.form.name_help", lg),
        ).strip()
    }
    for spec in FORM_FIELDS:
        if spec.group == "main":
            values[spec.name] = _widget(spec, lg)
    given = clean_values(store()["values"])

    def has_given(group: str) -> bool:  # open a section that holds something the user typed
        return any(spec.name in given for spec in FORM_FIELDS if spec.group == group)

    with st.expander(t("page.firm.form.finance", lg), expanded=has_given("finance")):
        for spec in FORM_FIELDS:
            if spec.group == "finance":
                values[spec.name] = _widget(spec, lg)
    with st.expander(t("page.firm.form.more", lg), expanded=has_given("more")):
        for spec in FORM_FIELDS:
            if spec.group == "more":
                values[spec.name] = _widget(spec, lg)
    values = clean_values(values)
    # Keep given values that have no widget (e.g. from an uploaded JSON or a shared link).
    asked = {f.name for f in FORM_FIELDS} | {"name"}
    extra = {k: v for k, v in store()["values"].items() if k not in asked}
    return {**extra, **values}


# -- the answer ----------------------------------------------------------------------------------


def _overview_table(result: CheckResult, lg: Lang) -> None:
    rows = overview(result, lg)
    now, scen, diff = (
        t("page.firm.overview.now", lg),
        t("page.firm.overview.proposal", lg),
        t("page.firm.overview.difference", lg),
    )
    if result.scenario is None:
        frame = pd.DataFrame({now: [r.now for r in rows]}, index=[r.label for r in rows])
        right = [now]
    else:
        frame = pd.DataFrame(
            {
                now: [r.now for r in rows],
                scen: [r.scenario for r in rows],
                diff: [r.difference for r in rows],
            },
            index=[r.label for r in rows],
        )
        right = [now, scen, diff]
    wrapped_table(frame.rename_axis("").reset_index(), right)


def _answer(result: CheckResult, changed: int, lg: Lang) -> None:
    hl = headline(result, lg)
    text = hl.saving + (f"\n\n{hl.financial}" if hl.financial else "")
    (st.success if hl.saves else st.info)(text)
    lines = relief_lines(result, lg)
    if lines:
        st.markdown(f"**{t('page.firm.relief.heading', lg, count=len(lines))}**")
        relief = relief_frame(lines, lg)
        relief[relief.columns[0]] = [md(v) for v in relief[relief.columns[0]]]
        wrapped_table(relief, [t("firm.headline.saved_column", lg)])
    _overview_table(result, lg)
    tot = result.totals
    if tot["one_off_now_eur"] > 0:
        st.caption(
            t(
                "page.firm.headline.one_off",
                lg,
                now=fmt_eur(tot["one_off_now_eur"], lg),
                scen=fmt_eur(tot["one_off_scenario_eur"], lg),
            )
        )
    st.caption(t("page.firm.interval_note", lg))
    if changed:
        st.caption(t("page.firm.own_assumptions", lg, count=changed))
    if result.pending_totals:
        st.caption(
            t(
                "page.firm.pending.total",
                lg,
                amount=fmt_eur(result.pending_totals.get("cost_now_eur", 0.0), lg),
            )
        )


def _downloads(result: CheckResult, engine: Engine, lg: Lang) -> None:
    c1, c2, c3 = st.columns(3)
    c1.download_button(
        t("page.firm.download.csv", lg),
        results_csv(result, lg),
        file_name="drempelcheck.csv",
        mime="text/csv",
        key="dl_csv",
        on_click="ignore",
        width="stretch",
    )
    c2.download_button(
        t("page.firm.download.excel", lg),
        _excel_bytes(result, lg),
        file_name="drempelcheck.xlsx",
        mime=XLSX_MIME,
        key="dl_xlsx",
        on_click="ignore",
        width="stretch",
    )
    c3.download_button(
        t("page.firm.download.pdf", lg),
        _pdf_bytes(result, lg),
        file_name=t("page.firm.download.pdf_file", lg),
        mime="application/pdf",
        key="dl_pdf",
        on_click="ignore",
        width="stretch",
    )


def _assumed_and_profile(result: CheckResult, values: dict[str, Any], lg: Lang) -> None:
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
            profile_json(values, overrides()),
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


# -- the details ---------------------------------------------------------------------------------


def _rule_details(rr: RuleResult, result: CheckResult, lg: Lang) -> None:
    rule = rr.rule
    st.markdown(pick(rule.summary, lg))
    basis = rule.legal_basis
    st.markdown(
        f"**{t('page.firm.rule.legal_basis', lg)}:** [{basis.law} {basis.article}]({basis.url})"
    )
    st.markdown(f"**{t('page.firm.rule.why', lg)}**")
    st.markdown(trace_markdown(rr.trace, lg, assumed_inputs(result.assumptions)))
    if rule.threshold_note:
        st.caption(pick(rule.threshold_note, lg))
    if rr.scenario_reason:
        st.markdown(f"**{t('page.firm.rule.under_proposal', lg)}:** {rr.scenario_reason}")
    if rule.confidence.level == "to_verify":
        st.caption("⚠️ " + t("page.firm.rule.not_verified", lg))
    if not rr.quantified:
        st.info(t("page.firm.rule.not_quantified", lg))
        if rule.burden_note:
            st.caption(pick(rule.burden_note, lg))
        return
    acts = rr.activities_now if rr.applies_now else rr.activities_scenario
    if acts:
        st.markdown(f"**{t('page.firm.rule.activities', lg)}**")
        table = activity_frame(acts, rule, result.catalogue, lg)
        st.markdown(table.markdown(_money_columns(lg)))
    if rr.applies_now and rr.activities_scenario and rr.treatment == "lighter":
        st.markdown(f"**{t('page.firm.rule.activities_lighter', lg)}**")
        # the figures of now, changed as the proposal says: its reason stands above, the
        # sources under the table of now — repeating those notes here read as if they held
        lighter = activity_frame(
            rr.activities_scenario, rule, result.catalogue, lg, with_notes=False
        )
        st.markdown(lighter.markdown(_money_columns(lg)))
        st.caption(t("page.firm.rule.activities_lighter_note", lg))


def _money_columns(lg: Lang) -> list[str]:
    keys = ("hours", "tariff", "external_eur", "frequency", "cost_total")
    return [column_label(k, lg) for k in keys]


def _show_frame(frame: pd.DataFrame, right: list[str]) -> None:
    """A table whose text wraps (no sideways scrolling, nothing cut off); amounts right-aligned."""
    wrapped_table(frame.drop(columns=["rule_id"]), right)


def _obligations(result: CheckResult, lg: Lang) -> None:
    """The table of obligations, announced rules apart, and per obligation why and what it costs."""
    st.subheader(t("page.firm.obligations.heading", lg))
    domains = sorted({rr.rule.domain for rr in result.rules if rr.rule.kind == "obligation"})
    f1, f2 = st.columns([2, 1])
    with f1:
        domain = coded_selectbox(
            column_label("domain", lg),
            [None, *domains],
            key="domain_filter",
            option_label=lambda d, lg2: (
                t("page.firm.obligations.all_domains", lg2) if d is None else domain_label(d, lg2)
            ),
        )
    show_all = f2.checkbox(t("page.firm.obligations.show_all", lg), key="show_all")
    frame = obligations_frame(result, lg, domain=domain, show_all=show_all)
    if frame.empty:
        st.info(t("page.firm.obligations.none", lg))
    else:
        _show_frame(frame, numeric_labels(lg))
    st.caption(t("page.firm.obligations.note", lg))

    pending = pending_frame(result, lg)
    if store().get("pending"):
        st.markdown(f"#### {t('page.firm.pending.heading', lg)}")
        if pending.empty:
            st.caption(t("page.firm.pending.none", lg))
        else:
            st.caption(t("page.firm.pending.note", lg))
            _show_frame(pending, [t("firm.pending.column.cost", lg)])

    st.markdown(f"**{t('page.firm.obligations.why', lg)}**")
    shown_ids = set(frame["rule_id"]) if not frame.empty else set()
    shown_ids |= set(pending["rule_id"]) if not pending.empty else set()
    for rr in result.rules:
        if rr.rule.id not in shown_ids:
            continue
        cost = fmt_eur(rr.cost_now_eur, lg) if rr.quantified else t("common.not_quantified", lg)
        label = f"{pick(rr.rule.title, lg)} · {cost}"
        if rr.pending:
            label += " · " + t("page.firm.pending.marker", lg)
        elif rr.applies_now and rr.treatment == "exempt":
            label += " · " + t("page.firm.obligations.lapses", lg)
        elif rr.applies_now and rr.treatment == "lighter":
            label += " · " + t("page.firm.obligations.lighter", lg)
        with st.expander(label):
            _rule_details(rr, result, lg)
    reliefs = [rr for rr in result.rules if rr.rule.kind != "obligation" and rr.applies_now]
    if reliefs:
        with st.expander(t("page.firm.reliefs", lg, count=len(reliefs))):
            for rr in reliefs:
                st.markdown(
                    f"- **{pick(rr.rule.title, lg)}** — {pick(rr.rule.summary, lg)} "
                    f"([{rr.rule.legal_basis.law}]({rr.rule.legal_basis.url}))"
                )


def _charts(result: CheckResult, lg: Lang) -> None:
    from checker.ui.charts import domain_chart, matrix_chart, matrix_list
    from checker.ui.tables import domain_burden, matrix_frame

    tab1, tab2 = st.tabs([t("page.firm.charts.by_domain", lg), t("page.firm.charts.matrix", lg)])
    with tab1:
        frame = domain_burden(result, lg)
        if frame.empty:
            st.info(t("page.firm.charts.no_burden", lg))
        else:
            st.caption(t("page.firm.charts.by_domain_note", lg))
            axis = t("page.firm.charts.by_domain_axis", lg)
            chart = domain_chart(frame, lg, axis_title=axis, full_labels=True)
            st.altair_chart(chart, width="stretch")
    with tab2:
        mframe = matrix_frame(result, lg)
        st.caption(t("page.firm.charts.matrix_note", lg))
        if mframe.empty:
            st.info(t("page.firm.charts.matrix_empty", lg))
        else:
            st.altair_chart(matrix_chart(mframe, lg), width="stretch")
            st.markdown(f"**{t('page.firm.charts.matrix_key', lg)}**")
            lines = matrix_list(mframe, lg).splitlines()
            half = (len(lines) + 1) // 2
            left, right = st.columns(2)
            left.markdown("\n".join(lines[:half]))
            right.markdown("\n".join(lines[half:]))


def _then_and_now(engine: Engine, profile: FirmProfile, date: dt.date, lg: Lang) -> None:
    """The same firm under the law of an earlier date: how its obligations and burden grew."""
    with st.expander(t("page.firm.history.heading", lg), icon=":material/history:"):
        st.markdown(t("page.firm.history.intro", lg))
        default = COVERED_FROM if date > COVERED_FROM else date
        chosen = st.session_state.get("history_then")
        if not isinstance(chosen, dt.date) or not COVERED_FROM <= chosen <= date:
            st.session_state["history_then"] = default
        then = st.date_input(
            t("page.firm.history.then", lg),
            key="history_then",
            min_value=COVERED_FROM,
            max_value=date,
            format=DATE_FORMAT,
        )
        if not isinstance(then, dt.date):
            then = default
        if then >= date:
            st.info(t("page.firm.history.same_date", lg))
            return
        tn = then_and_now(engine, profile, then, date, lg)
        totals, changes = then_now_frames(tn, lg)
        dates = [fmt_date(then, lg), fmt_date(date, lg), t("firm.history.column.difference", lg)]
        wrapped_table(totals, dates)
        if changes.empty:
            st.caption(t("page.firm.history.no_changes", lg))
        else:
            st.markdown(f"**{t('page.firm.history.changes', lg)}**")
            wrapped_table(changes, dates)
        st.caption(t("page.firm.history.note", lg))


# -- the page ------------------------------------------------------------------------------------


def _compute(
    engine: Engine, profile: FirmProfile, scenario: Any, date: dt.date, pending: bool, lg: Lang
) -> CheckResult:
    """The firm check; announced rules on request (never inside the law's totals)."""
    if pending:
        try:
            return check(profile, scenario, date, lang=lg, engine=engine, include_pending=True)
        except KeyError:
            # An announced rule whose legal amounts are not yet set on this date cannot be
            # computed; say so and show the law in force.
            st.warning(t("page.firm.pending.unavailable", lg, date=fmt_date(date, lg)))
    return check(profile, scenario, date, lang=lg, engine=engine)


def main() -> None:
    started = time.perf_counter()
    lg = lang()
    base_engine = engine_or_stop()
    s = store()
    scenario, sid, date = scenario_controls(base_engine)
    pending = pending_toggle()
    engine = working_engine(base_engine)

    st.title(t("page.firm.title", lg))
    st.markdown(t("page.firm.intro", lg))
    _example_buttons(lg)

    left, right = st.columns([1, 1.5], gap="large")
    with left:
        st.subheader(t("page.firm.form.heading", lg))
        values = profile_form(lg)
    try:
        values = amounts_from_form(values, lg)
        profile = parse_profile(values)
    except ProfileError as exc:
        labels = {f.name: f.label(lg) for f in FORM_FIELDS} | {"name": t("page.firm.form.name", lg)}
        name, why = labels.get(exc.field) or escape(exc.field, 80), escape(exc.text(lg))
        with right:
            st.error(t("page.firm.profile_error", lg, field=name, message=why), icon="⚠️")
        return
    s["values"] = values
    write_url(values, sid, date)
    result = _compute(engine, profile, scenario, date, pending, lg)

    with right:
        if profile.name:
            st.markdown(f"#### {escape(profile.name, 200)}")
        _answer(result, len(changed_summary(base_engine.catalogue, lg)), lg)
        _downloads(result, engine, lg)
    with left:
        _assumed_and_profile(result, values, lg)

    relevant = [rr.rule.id for rr in result.rules if rr.applies_now and rr.quantified]
    assumptions_panel(base_engine.catalogue, relevant)
    st.divider()
    _obligations(result, lg)
    st.divider()
    _charts(result, lg)
    _then_and_now(engine, profile, date, lg)
    compare_section(engine, date, profile=profile, key="firm")
    elapsed = fmt_number((time.perf_counter() - started) * 1000, lg)
    st.caption(t("page.firm.footer", lg, version=result.catalogue_version, ms=elapsed))


main()
