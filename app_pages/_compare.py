"""Proposals side by side: one section the firm, sector and member-list pages show in one line.

    compare_section(engine, date, profile=profile, key="firm")
    compare_section(engine, date, frame=pop.frame, context=pop.label, key="sector")
    compare_section(engine, res.date, profiles=res.input.profiles, context=name, key="members")

The user picks up to four proposals (shipped or built in this session); the section shows one
table and one chart (saving with its 5–95% range, financial effect apart, firms reached,
firms just above the threshold, the cliff, obligations changed), the growth incentive (what
the next employee costs, N = 1 … 100, and the firms just above each threshold) and offers the
comparison as Excel and PDF.  It runs as a fragment, so changing the selection recomputes the
comparison only, not the page around it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from app_pages._proposals import proposal_by_id, proposal_ids, proposal_label
from app_pages._shared import XLSX_MIME, lang, wrapped_table
from checker.bilingual import Lang
from checker.compare import MAX_PROPOSALS
from checker.engine import Engine
from checker.export.comparison import (
    ComparisonReport,
    comparison_pdf_bytes,
    comparison_report,
    comparison_workbook_bytes,
)
from checker.i18n import fmt_date, fmt_eur, fmt_number, t
from checker.incentive import largest_step
from checker.profile import FirmProfile, profiles_to_frame
from checker.proposal_io import proposal_data
from checker.ui.compare_charts import comparison_panels, marginal_chart, short_labels
from checker.ui.compare_table import display_table
from checker.ui.markdown import escape

CACHE = "_compare_cache"
CACHE_SIZE = 6


def _digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()


def _frame_digest(frame: pd.DataFrame) -> str:
    return str(int(pd.util.hash_pandas_object(frame, index=False).sum()))


def _cached(key: str, compute: Callable[[], ComparisonReport]) -> ComparisonReport:
    """One comparison per input in this session (a rerun of the page does not recompute)."""
    cache: dict[str, ComparisonReport] = st.session_state.setdefault(CACHE, {})
    if key not in cache:
        if len(cache) >= CACHE_SIZE:
            cache.pop(next(iter(cache)))
        cache[key] = compute()
    return cache[key]


def firm_context(profile: FirmProfile, lg: Lang) -> str:
    """What a firm comparison was computed for, in words."""
    employees = fmt_number(profile.employees, lg)
    if profile.name:
        return t("workbench.compare.context_named", lg, name=profile.name, employees=employees)
    return t("workbench.compare.context_firm", lg, employees=employees)


def _default_selection(options: list[str]) -> list[str]:
    """Nothing until the user picks (a comparison costs a run per proposal)."""
    return [sid for sid in st.session_state.get("_compare_last", []) if sid in options][
        :MAX_PROPOSALS
    ]


def compare_section(
    engine: Engine,
    date: dt.date,
    *,
    profile: FirmProfile | None = None,
    frame: pd.DataFrame | None = None,
    profiles: Sequence[FirmProfile] | None = None,
    context: str = "",
    key: str = "cmp",
) -> None:
    """The side-by-side section (see the module docstring); one call per page."""
    if profiles is not None:
        frame = profiles_to_frame(list(profiles))
    _section(engine, date, profile, frame, context, key)


@st.fragment
def _section(
    engine: Engine,
    date: dt.date,
    profile: FirmProfile | None,
    frame: pd.DataFrame | None,
    context: str,
    key: str,
) -> None:
    lg = lang()
    cat = engine.catalogue
    st.divider()
    st.subheader(t("workbench.compare.heading", lg))
    st.caption(t("workbench.compare.intro", lg, most=MAX_PROPOSALS))
    options = proposal_ids(cat)
    widget = f"cmp_{key}_ids"
    if widget not in st.session_state:
        st.session_state[widget] = _default_selection(options)
    st.session_state[widget] = [sid for sid in st.session_state[widget] if sid in options]
    chosen = st.multiselect(
        t("workbench.compare.choose", lg),
        options,
        key=widget,
        max_selections=MAX_PROPOSALS,
        select_all=False,  # at most four, and Streamlit's 'Select all' is English only
        format_func=lambda sid: proposal_label(cat, sid, lg),
        placeholder=t("workbench.compare.placeholder", lg),
    )
    if not chosen:
        st.info(t("workbench.compare.empty", lg))
        return
    st.session_state["_compare_last"] = list(chosen)
    proposals = [proposal_by_id(cat, sid) for sid in chosen]
    for p in proposals:
        start = p.effective_from()
        if start is not None and not p.in_effect(date):
            st.info(
                t(
                    "workbench.compare.not_yet",
                    lg,
                    proposal=escape(p.short_name(lg), 120),
                    start=fmt_date(start, lg),
                    date=fmt_date(date, lg),
                )
            )
    if profile is not None:
        subject = profile.model_dump_json()
    elif frame is not None:
        subject = _frame_digest(frame)
    else:
        return
    cache_key = _digest(
        key, cat.version_hash, date, lg, subject, context, [proposal_data(p) for p in proposals]
    )
    with st.spinner(t("workbench.compare.computing", lg)):
        report = _cached(
            cache_key,
            lambda: comparison_report(
                engine,
                proposals,
                date,
                lg,
                profile=profile,
                frame=frame,
                context=context or (firm_context(profile, lg) if profile is not None else ""),
            ),
        )
    _show(report, lg, key)


def _show(report: ComparisonReport, lg: Lang, key: str) -> None:
    cmp = report.comparison
    labels = short_labels(cmp.proposals, lg)
    st.table(display_table(cmp, labels, lg).set_index(t("workbench.compare.figure", lg)))
    for title, panel in comparison_panels(
        cmp.table, labels, lg, cmp.kind, titled=False, date=cmp.date
    ):
        st.markdown(f"**{escape(title, 200)}**")
        st.altair_chart(panel, width="stretch")
    st.caption(t("workbench.export.note", lg))
    st.markdown(f"**{t('workbench.export.incentive_title', lg)}**")
    if report.curves is not None:
        st.altair_chart(marginal_chart(report.curves, labels, lg), width="stretch")
        who = (
            t("workbench.compare.for_this_firm", lg)
            if cmp.kind == "firm"
            else t("workbench.compare.for_representative", lg)
        )
        peaks = largest_step(report.curves)
        lines = [
            t(
                "workbench.compare.peak",
                lg,
                proposal=escape(labels.get(str(r["proposal"]), str(r["proposal"])), 120),
                n=int(r["employees"]),
                next=int(r["employees"]) + 1,
                amount=fmt_eur(float(r["marginal_scen"]), lg),
            )
            for r in peaks.to_dict(orient="records")
        ]
        st.caption(who + " " + " ".join(lines))
    if report.thresholds is not None and len(report.thresholds):
        shown = pd.DataFrame(
            {
                t("workbench.compare.col.proposal", lg): [
                    escape(labels.get(p, p), 200) for p in report.thresholds["proposal"]
                ],
                t("workbench.export.where", lg): [
                    escape(w, 200) for w in report.thresholds["where"]
                ],
                t("workbench.compare.col.threshold", lg): [
                    fmt_number(v, lg, decimals=0 if float(v).is_integer() else 2)
                    for v in report.thresholds["threshold"]
                ],
                t("workbench.export.firms_inside", lg): [
                    fmt_number(v, lg) for v in report.thresholds["firms_inside"]
                ],
                t("workbench.compare.col.firms_just_above", lg): [
                    fmt_number(v, lg) for v in report.thresholds["firms_just_above"]
                ],
            }
        )
        # A wrapping table: every column on screen, also on a phone.
        wrapped_table(shown, right=list(shown.columns[2:]))
    buttons = st.container(horizontal=True)
    buttons.download_button(
        t("workbench.compare.download_excel", lg),
        lambda: comparison_workbook_bytes(report, lg),
        t("workbench.compare.file_excel", lg),
        XLSX_MIME,
        key=f"dl_cmp_{key}_xlsx",
        on_click="ignore",
    )
    buttons.download_button(
        t("workbench.compare.download_pdf", lg),
        lambda: comparison_pdf_bytes(report, lg),
        t("workbench.compare.file_pdf", lg),
        "application/pdf",
        key=f"dl_cmp_{key}_pdf",
        on_click="ignore",
    )
