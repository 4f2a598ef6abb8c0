"""Groeiplanner / drempels: what hiring does to a firm's obligations and yearly burden.

One engine call evaluates this firm at 1…250 employees (:func:`checker.growth.headcount_sweep`);
the cliff chart, the threshold list and the growth planner are read from that run.
"""

from __future__ import annotations

import streamlit as st

from app_pages._shared import engine_or_stop, lang, scenario_controls, store
from checker.bilingual import pick
from checker.growth import (
    MAX_HEADCOUNT,
    cliff_curve,
    employee_thresholds,
    growth_plan,
    headcount_sweep,
)
from checker.i18n import tr
from checker.numbers import fmt_eur
from checker.profile import ProfileError, parse_profile
from checker.rule_model import DOMAIN_LABELS
from checker.ui.charts import cliff_chart
from checker.ui.labels import measure_test
from checker.ui.tables import NOT_QUANTIFIED


def main() -> None:
    lg = lang()
    engine = engine_or_stop()
    s = store()
    scenario, _sid, date = scenario_controls(engine)
    st.title(tr("Groeiplanner en drempels", "Growth planner and cliffs", lg))
    st.markdown(tr(
        "Wat gebeurt er met uw regeldruk als u mensen aanneemt? De lijn toont de lasten per jaar "
        "voor uw bedrijf bij 1 tot 250 werknemers, nu en onder het voorstel. Elke stippellijn is "
        "een wettelijke drempel. Omzet, loonsom en fte groeien naar verhouding mee (aanname).",
        "What happens to your regulatory burden when you hire? The line shows the yearly burden "
        "for your firm at 1 to 250 employees, now and under the proposal. Each dashed line is a "
        "legal threshold. Turnover, wage bill and FTE grow in proportion (assumption).", lg))  # fmt: skip
    values = dict(s["values"])
    try:
        parse_profile(values)
    except ProfileError as exc:
        st.error(tr(f"Het profiel is ongeldig ({exc.field}: {exc.text('nl')}); pas het aan op de Bedrijfscheck.",
                    f"The profile is invalid ({exc.field}: {exc.text('en')}); fix it on the Firm check page.", lg))  # fmt: skip
        return
    current = int(values.get("employees") or 0)
    max_n = max(MAX_HEADCOUNT, current + 1)
    with st.spinner(tr("Berekenen voor 1…250 werknemers…", "Computing for 1…250 employees…", lg)):
        ev = headcount_sweep(engine, values, scenario, date, max_n)
        curve = cliff_curve(ev)
        thresholds = employee_thresholds(engine.catalogue, date, lg, max_n)
    scen_at = None
    if scenario is not None and scenario.threshold.measure == "employees":
        v = scenario.threshold.value
        scen_at = int(v) + 1 if scenario.threshold.inclusive else int(v)
    st.caption(tr(f"Uw bedrijf: {current} werknemers (groene lijn).",
                  f"Your firm: {current} employees (green line).", lg))  # fmt: skip
    st.altair_chart(cliff_chart(curve, thresholds, lg, current=current or None, scenario_at=scen_at),
                    width="stretch")  # fmt: skip

    st.subheader(tr("Als u groeit", "If you grow", lg))
    extra = st.number_input(tr("Hoeveel werknemers erbij?", "How many more employees?", lg),
                            min_value=1, max_value=max_n - max(current, 1), value=min(10, max_n - max(current, 1)),
                            step=1, key="grow_extra")  # fmt: skip
    start = max(current, 1)
    plan = growth_plan(ev, start, int(extra), lg)
    target = min(max_n, start + int(extra))
    before, after = curve.iloc[start - 1], curve.iloc[target - 1]
    diff_now = after["cost_now"] - before["cost_now"]
    diff_scen = after["cost_scen"] - before["cost_scen"]
    starts = plan[plan["change"] == "start"]
    st.markdown(tr(
        f"Met **{int(extra)} werknemers meer** (van {start} naar {target}) beginnen "
        f"**{len(starts)}** nieuwe verplichtingen. Uw lasten per jaar stijgen nu met "
        f"**{fmt_eur(diff_now, 0, lg)}**, onder het voorstel met **{fmt_eur(diff_scen, 0, lg)}** "
        "(inclusief de lasten die met elke werknemer meegroeien).",
        f"With **{int(extra)} more employees** (from {start} to {target}) **{len(starts)}** new "
        f"obligations start. Your yearly burden rises by **{fmt_eur(diff_now, 0, lg)}** now, "
        f"by **{fmt_eur(diff_scen, 0, lg)}** under the proposal (including the costs that grow "
        "with every employee).", lg))  # fmt: skip
    if not plan.empty:
        shown = plan.assign(
            change=plan["change"].map({"start": tr("begint", "starts", lg), "stop": tr("vervalt", "ends", lg)}),
            domain=[pick(DOMAIN_LABELS.get(d), lg, d) for d in plan["domain"]],
            cost=[fmt_eur(c, 0, lg) if q else NOT_QUANTIFIED[lg] for c, q in zip(plan["cost_now"], plan["quantified"], strict=True)],
            cost_s=[fmt_eur(c, 0, lg) if q else NOT_QUANTIFIED[lg] for c, q in zip(plan["cost_scen"], plan["quantified"], strict=True)],
        )[["title", "domain", "change", "at", "cost", "cost_s"]].rename(columns={
            "title": tr("Verplichting", "Obligation", lg), "domain": tr("Domein", "Domain", lg),
            "change": tr("Wat", "What", lg), "at": tr("Vanaf werknemers", "From employees", lg),
            "cost": tr("€/jaar nu", "€/year now", lg), "cost_s": tr("€/jaar voorstel", "€/year proposal", lg),
        })  # fmt: skip
        st.dataframe(shown, hide_index=True, width="stretch")

    st.subheader(tr("Alle drempels op het aantal werknemers", "All headcount thresholds", lg))
    if thresholds.empty:
        st.info(tr("Geen drempels gevonden.", "No thresholds found.", lg))
    else:
        table = thresholds.assign(
            test=[measure_test(m, o, v, lg)
                  for m, o, v in zip(thresholds["measure"], thresholds["op"], thresholds["value"], strict=True)],
        )[["at", "title", "test", "article"]].rename(columns={
            "at": tr("Verandert bij", "Changes at", lg), "title": tr("Regel", "Rule", lg),
            "test": tr("Toets", "Test", lg), "article": tr("Artikel", "Article", lg),
        })  # fmt: skip
        st.dataframe(table, hide_index=True, width="stretch")


main()
