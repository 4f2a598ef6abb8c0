"""Groeiplanner / drempels: what hiring does to a firm's obligations and yearly burden.

One engine call evaluates this firm at 1…250 employees (:func:`checker.growth.headcount_sweep`);
the cliff chart, the threshold list and the growth planner are read from that run.  The chart
shows 1…60 employees around a small firm (1…250 on request), labels every threshold, marks the
firm once, and its y axis says whether it adds up regeldruk or lasten in totaal.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages._shared import (
    coded_selectbox,
    engine_or_stop,
    lang,
    scenario_controls,
    store,
    working_engine,
    wrapped_table,
)
from checker.bilingual import Lang
from checker.growth import MAX_HEADCOUNT, cliff_curve, employee_thresholds, headcount_sweep
from checker.i18n import column_label, fmt_number, t
from checker.profile import ProfileError, parse_profile
from checker.scenario_model import Scenario
from checker.ui.charts import cliff_chart
from checker.ui.growth_view import (
    chart_range,
    counting_notes,
    growth_step,
    plan_table,
    step_summary,
)
from checker.ui.labels import measure_test
from checker.ui.link_problems import link_field_label
from checker.ui.markdown import escape


def _measure_label(measure: str, lg: Lang) -> str:
    return t(f"page.growth.measure.{measure}", lg)


def _proposal_edge(scenario: Scenario | None, date: dt.date) -> int | None:
    """The first headcount outside the proposal on ``date`` (26 for 'up to and including 25')."""
    if scenario is None:
        return None
    threshold = scenario.threshold_on(date)
    return threshold.first_outside() if threshold.measure == "employees" else None


def main() -> None:
    lg = lang()
    engine = engine_or_stop()
    s = store()
    scenario, _sid, date = scenario_controls(engine)
    engine = working_engine(engine)
    st.title(t("page.growth.title", lg))
    st.markdown(t("page.growth.intro", lg))
    values = dict(s["values"])
    try:
        parse_profile(values)
    except ProfileError as exc:
        st.error(
            t(
                "page.growth.profile_error",
                lg,
                field=escape(link_field_label(exc.field, None, lg), 100),
                message=escape(exc.text(lg)),
            )
        )
        return
    current = max(1, int(values.get("employees") or 0))
    max_n = max(MAX_HEADCOUNT, current + 1)
    with st.spinner(t("page.growth.computing", lg)):
        ev = headcount_sweep(engine, values, scenario, date, max_n)
        curve = cliff_curve(ev)
        thresholds = employee_thresholds(engine.catalogue, date, lg, max_n)
    edge = _proposal_edge(scenario, date)

    c1, c2 = st.columns([1.2, 1])
    with c1:
        measure = coded_selectbox(
            t("page.growth.measure.label", lg),
            ["regulatory", "total"],
            key="growth_measure",
            option_label=_measure_label,
        )
    wide = c2.toggle(t("page.growth.wide", lg, max=fmt_number(max_n, lg)), key="growth_wide")
    lo, hi = chart_range(current, wide, max_n)
    st.altair_chart(
        cliff_chart(
            curve,
            thresholds,
            lg,
            current=current,
            scenario_at=edge,
            measure=measure,
            x_range=(lo, hi),
        ),
        width="stretch",
    )
    legend = t("page.growth.legend", lg, count=fmt_number(current, lg))
    if edge is not None:
        legend += " " + t("page.growth.legend_proposal", lg, count=fmt_number(edge, lg))
    st.caption(legend)

    st.subheader(t("page.growth.grow.heading", lg))
    default = edge if edge is not None and edge > current else min(max_n, current + 10)
    chosen = st.session_state.get("grow_target")
    if not isinstance(chosen, int) or not current < chosen <= max_n:
        st.session_state["grow_target"] = max(current + 1, min(default, max_n))
    target = st.number_input(
        t("page.growth.grow.target", lg),
        min_value=current + 1 if current < max_n else max_n,
        max_value=max_n,
        step=1,
        key="grow_target",
        help=t("page.growth.grow.target_help", lg, count=fmt_number(current, lg)),
    )
    with_proposal = scenario is not None
    step = growth_step(ev, curve, current, int(target), lg)
    st.markdown(step_summary(step, lg, with_proposal))
    right = [
        t("growth.column.from", lg),
        t("growth.column.cost_now", lg),
        t("growth.column.cost_scen", lg),
    ]
    groups = ["start", "stop"]
    if with_proposal:
        groups.insert(1, "returns")
    for change in groups:
        part = step.of(change)
        if part.empty:
            continue
        starts_at = sorted(set(part["at"]))
        if change == "returns" and len(starts_at) > 1:  # from different sizes: see the table
            heading = t("page.growth.plan.returns_from_table", lg)
        else:
            heading = t(f"page.growth.plan.{change}", lg, target=fmt_number(starts_at[0], lg))
        st.markdown(f"**{heading}**")
        wrapped_table(plan_table(part, lg, with_proposal=with_proposal), right)
    notes = counting_notes(ev, step, thresholds, lg)
    if notes:  # 24 in the table while the law says 'more than 25': say which count does that
        lines = "\n".join(f"- {note}" for note in notes)
        st.markdown(f"**{t('growth.counting.heading', lg)}**\n\n{lines}")
    st.caption(t("page.growth.plan.note", lg))

    st.subheader(t("page.growth.thresholds.heading", lg))
    if thresholds.empty:
        st.info(t("page.growth.thresholds.none", lg))
        return
    tests = zip(thresholds["measure"], thresholds["op"], thresholds["value"], strict=True)
    table = pd.DataFrame(
        {
            t("page.growth.thresholds.changes_at", lg): [
                fmt_number(a, lg) for a in thresholds["at"]
            ],
            column_label("rule", lg): list(thresholds["title"]),
            t("page.growth.thresholds.test", lg): [measure_test(m, o, v, lg) for m, o, v in tests],
            column_label("article", lg): list(thresholds["article"]),
        }
    )
    wrapped_table(table, [t("page.growth.thresholds.changes_at", lg)])


main()
