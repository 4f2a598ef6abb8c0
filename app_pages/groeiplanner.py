"""Groeiplanner / drempels: what hiring does to a firm's obligations and yearly burden.

One engine call evaluates this firm at 1…250 employees (:func:`checker.growth.headcount_sweep`);
the cliff chart, the threshold list and the growth planner are read from that run.
"""

from __future__ import annotations

import streamlit as st

from app_pages._shared import engine_or_stop, lang, scenario_controls, store
from checker.growth import (
    MAX_HEADCOUNT,
    cliff_curve,
    employee_thresholds,
    growth_plan,
    headcount_sweep,
)
from checker.i18n import column_label, domain_label, fmt_eur, t
from checker.profile import ProfileError, parse_profile
from checker.ui.charts import cliff_chart
from checker.ui.labels import measure_test
from checker.ui.tables import not_quantified


def main() -> None:
    lg = lang()
    engine = engine_or_stop()
    s = store()
    scenario, _sid, date = scenario_controls(engine)
    st.title(t("page.growth.title", lg))
    st.markdown(t("page.growth.intro", lg))
    values = dict(s["values"])
    try:
        parse_profile(values)
    except ProfileError as exc:
        st.error(t("page.growth.profile_error", lg, field=exc.field, message=exc.text(lg)))
        return
    current = int(values.get("employees") or 0)
    max_n = max(MAX_HEADCOUNT, current + 1)
    with st.spinner(t("page.growth.computing", lg)):
        ev = headcount_sweep(engine, values, scenario, date, max_n)
        curve = cliff_curve(ev)
        thresholds = employee_thresholds(engine.catalogue, date, lg, max_n)
    scen_at = None
    if scenario is not None and scenario.threshold.measure == "employees":
        v = scenario.threshold.value
        scen_at = int(v) + 1 if scenario.threshold.inclusive else int(v)
    st.caption(t("page.growth.your_firm", lg, count=current))
    st.altair_chart(
        cliff_chart(curve, thresholds, lg, current=current or None, scenario_at=scen_at),
        width="stretch",
    )

    st.subheader(t("page.growth.grow.heading", lg))
    extra = st.number_input(
        t("page.growth.grow.how_many", lg),
        min_value=1,
        max_value=max_n - max(current, 1),
        value=min(10, max_n - max(current, 1)),
        step=1,
        key="grow_extra",
    )
    start = max(current, 1)
    plan = growth_plan(ev, start, int(extra), lg)
    target = min(max_n, start + int(extra))
    before, after = curve.iloc[start - 1], curve.iloc[target - 1]
    diff_now = after["cost_now"] - before["cost_now"]
    diff_scen = after["cost_scen"] - before["cost_scen"]
    starts = plan[plan["change"] == "start"]
    st.markdown(
        t(
            "page.growth.grow.summary",
            lg,
            extra=int(extra),
            start=start,
            target=target,
            count=len(starts),
            now=fmt_eur(diff_now, lg),
            scen=fmt_eur(diff_scen, lg),
        )
    )
    if not plan.empty:
        changes = {
            "start": t("effect.starts", lg),
            "stop": t("effect.lapses", lg),
            "returns": t("effect.returns", lg),
        }

        def cost(column: str) -> list[str]:
            return [
                fmt_eur(c, lg) if q else not_quantified(lg)
                for c, q in zip(plan[column], plan["quantified"], strict=True)
            ]

        shown = plan.assign(
            change=plan["change"].map(changes),
            domain=[domain_label(d, lg) for d in plan["domain"]],
            cost=cost("cost_now"),
            cost_s=cost("cost_scen"),
        )[["title", "domain", "change", "at", "cost", "cost_s"]]
        shown.columns = [
            column_label("obligation", lg),
            column_label("domain", lg),
            t("page.growth.plan.what", lg),
            t("page.growth.plan.from_employees", lg),
            column_label("cost_now", lg),
            column_label("cost_scen", lg),
        ]
        st.dataframe(shown, hide_index=True, width="stretch")

    st.subheader(t("page.growth.thresholds.heading", lg))
    if thresholds.empty:
        st.info(t("page.growth.thresholds.none", lg))
    else:
        tests = zip(thresholds["measure"], thresholds["op"], thresholds["value"], strict=True)
        table = thresholds.assign(test=[measure_test(m, o, v, lg) for m, o, v in tests])[
            ["at", "title", "test", "article"]
        ]
        table.columns = [
            t("page.growth.thresholds.changes_at", lg),
            column_label("rule", lg),
            t("page.growth.thresholds.test", lg),
            column_label("article", lg),
        ]
        st.dataframe(table, hide_index=True, width="stretch")


main()
