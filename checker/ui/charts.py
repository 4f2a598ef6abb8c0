"""Altair chart builders for the app: pure functions from DataFrames to ``alt.Chart``.

Kept out of the pages so the chart specs can be tested (encodings, data) without Streamlit.
Every euro axis on every page uses :func:`eur_axis`, which writes amounts exactly as the tables
do (``€ 12.345`` in Dutch, ``€12,345`` in English); tooltips show pre-formatted text columns
for the same reason, never Vega's US-style ``12,345``.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from checker.bilingual import Lang
from checker.i18n import fmt_eur, t
from checker.i18n.formatting import vega_eur_expr, vega_number_expr

NOW_COLOR, SCEN_COLOR = "#c0392b", "#2e86c1"


def eur_axis(title: str | None, lang: Lang, **kwargs: Any) -> alt.Axis:
    """An axis of whole euros in the reader's notation (the one helper for every chart)."""
    return alt.Axis(title=title, labelExpr=vega_eur_expr(lang), **kwargs)


def count_axis(title: str | None, lang: Lang, **kwargs: Any) -> alt.Axis:
    """An axis of counts (firms, employees) with the reader's thousands separator."""
    return alt.Axis(title=title, labelExpr=vega_number_expr(lang), **kwargs)


def domain_chart(frame: pd.DataFrame, lang: Lang = "nl") -> alt.Chart:
    """Grouped bars: yearly € per domain, now vs under the proposal (see tables.domain_burden)."""
    now, scen = t("common.now", lang), t("common.proposal", lang)
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("domain:N", title=None, sort="-x", axis=alt.Axis(labelLimit=280)),
            x=alt.X("eur:Q", axis=eur_axis(t("chart.eur_per_year", lang), lang)),
            yOffset=alt.YOffset("when:N", sort=[now, scen]),
            color=alt.Color(
                "when:N",
                title=None,
                sort=[now, scen],
                scale=alt.Scale(domain=[now, scen], range=[NOW_COLOR, SCEN_COLOR]),
            ),
            tooltip=[
                alt.Tooltip("domain:N", title=t("column.domain", lang)),
                alt.Tooltip("when:N", title=""),
                alt.Tooltip("eur_text:N", title=t("chart.eur_per_year", lang)),
            ],
        )
        .properties(height=alt.Step(14))
    )


def matrix_chart(frame: pd.DataFrame, lang: Lang = "nl") -> alt.Chart:
    """Regeldrukmatrix: € per obligation (x, log) against workability grade (y, 1 good … 4 not).

    Points in the upper right (costly and hardly workable) are where relief helps most, as in
    the MKB-indicatorbedrijven method.  Filled points have a sourced grade, hollow ones an
    assumed grade.
    """
    base = alt.Chart(frame).encode(
        x=alt.X(
            "cost_now_eur:Q",
            scale=alt.Scale(type="symlog"),
            axis=eur_axis(t("chart.matrix.x", lang), lang),
        ),
        y=alt.Y(
            "workability:Q",
            scale=alt.Scale(domain=[0.5, 4.5]),
            axis=alt.Axis(title=t("chart.matrix.y", lang), values=[1, 2, 3, 4], format="d"),
        ),
        color=alt.Color("domain_label:N", title=t("column.domain", lang)),
        tooltip=[
            alt.Tooltip("title:N", title=t("column.obligation", lang)),
            alt.Tooltip("eur_text:N", title=t("chart.eur_per_year", lang)),
            alt.Tooltip("workability_label:N", title=t("column.workability", lang)),
        ],
    )
    points = base.mark_point(size=120, filled=True).encode(
        shape=alt.Shape(
            "workability_assumed:N",
            title=t("chart.matrix.assumed", lang),
            scale=alt.Scale(domain=[False, True], range=["circle", "diamond"]),
        ),
    )
    return points.properties(height=320)


def cliff_chart(
    curve: pd.DataFrame,
    thresholds: pd.DataFrame,
    lang: Lang = "nl",
    current: int | None = None,
    scenario_at: int | None = None,
) -> alt.LayerChart:
    """Yearly burden against headcount 1…250, now and under the proposal, thresholds marked.

    ``curve`` comes from :func:`checker.growth.cliff_curve`, ``thresholds`` from
    :func:`checker.growth.employee_thresholds`; ``scenario_at`` marks the first headcount
    above the proposal's threshold and ``current`` the firm's own size.
    """
    now, scen = t("chart.cliff.now", lang), t("common.proposal", lang)
    long = curve.melt(
        id_vars="employees",
        value_vars=["cost_now", "cost_scen"],
        var_name="series",
        value_name="eur",
    )
    long["series"] = long["series"].map({"cost_now": now, "cost_scen": scen})
    long["eur_text"] = [fmt_eur(v, lang) for v in long["eur"]]
    lines = (
        alt.Chart(long)
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X(
                "employees:Q",
                title=t("chart.cliff.x", lang),
                scale=alt.Scale(domain=[1, int(curve["employees"].max())]),
            ),
            y=alt.Y("eur:Q", axis=eur_axis(t("chart.cliff.y", lang), lang)),
            color=alt.Color(
                "series:N",
                title=None,
                sort=[now, scen],
                scale=alt.Scale(domain=[now, scen], range=[NOW_COLOR, SCEN_COLOR]),
            ),
            tooltip=[
                alt.Tooltip("employees:Q", title=t("column.employees", lang)),
                alt.Tooltip("series:N", title=""),
                alt.Tooltip("eur_text:N", title=t("chart.eur_per_year", lang)),
            ],
        )
    )
    marks = thresholds.groupby("at", as_index=False).agg(
        rules=("title", lambda s: "; ".join(sorted(set(s))))
    )
    rules = (
        alt.Chart(marks)
        .mark_rule(strokeDash=[4, 3], color="#7f8c8d")
        .encode(
            x="at:Q",
            tooltip=[
                alt.Tooltip("at:Q", title=t("chart.cliff.from", lang)),
                alt.Tooltip("rules:N", title=t("chart.cliff.threshold", lang)),
            ],
        )
    )
    layers: list[alt.Chart] = [lines, rules]
    extra = []
    if scenario_at is not None:
        extra.append({"at": scenario_at, "label": t("chart.cliff.proposal_threshold", lang)})
    if current is not None:
        extra.append({"at": current, "label": t("chart.cliff.your_firm", lang)})
    if extra:
        layers.append(
            alt.Chart(pd.DataFrame(extra))
            .mark_rule(strokeWidth=2, color="#27ae60")
            .encode(x="at:Q", tooltip=["label:N", "at:Q"])
        )
    chart = alt.layer(*layers).properties(height=360)
    if not isinstance(chart, alt.LayerChart):  # only with shared facet encodings; none here
        raise TypeError(f"cliff_chart: expected a LayerChart, got {type(chart).__name__}")
    return chart
