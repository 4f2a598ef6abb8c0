"""Altair chart builders for the app: pure functions from DataFrames to ``alt.Chart``.

Kept out of the pages so the chart specs can be tested (encodings, data) without Streamlit.
Amount axes use Dutch-style labels via a Vega expression ('€ 12.345').
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from checker.bilingual import Lang
from checker.i18n import tr

# Vega expression: thousands with '.', prefixed by '€ ' (Dutch notation on chart axes).
_EUR_AXIS = "'€ ' + replace(format(datum.value, ',.0f'), /,/g, '.')"
NOW_COLOR, SCEN_COLOR = "#c0392b", "#2e86c1"


def _eur_axis(title: str) -> alt.Axis:
    return alt.Axis(title=title, labelExpr=_EUR_AXIS)


def domain_chart(frame: pd.DataFrame, lang: Lang = "nl") -> alt.Chart:
    """Grouped bars: yearly € per domain, now vs under the proposal (see tables.domain_burden)."""
    now, scen = tr("nu", "now", lang), tr("voorstel", "proposal", lang)
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("domain:N", title=None, sort="-x"),
            x=alt.X("eur:Q", axis=_eur_axis(tr("€ per jaar", "€ per year", lang))),
            yOffset=alt.YOffset("when:N", sort=[now, scen]),
            color=alt.Color(
                "when:N",
                title=None,
                sort=[now, scen],
                scale=alt.Scale(domain=[now, scen], range=[NOW_COLOR, SCEN_COLOR]),
            ),
            tooltip=[
                alt.Tooltip("domain:N", title=tr("Domein", "Domain", lang)),
                alt.Tooltip("when:N", title=""),
                alt.Tooltip("eur_text:N", title="€"),
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
    x_title = tr("kosten per jaar voor dit bedrijf", "cost per year for this firm", lang)
    base = alt.Chart(frame).encode(
        x=alt.X("cost_now_eur:Q", scale=alt.Scale(type="symlog"), axis=_eur_axis(x_title)),
        y=alt.Y("workability:Q", scale=alt.Scale(domain=[0.5, 4.5]),
                axis=alt.Axis(title=tr("werkbaarheid (1 goed … 4 niet werkbaar)",
                                       "workability (1 good … 4 not workable)", lang),
                              values=[1, 2, 3, 4], format="d")),
        color=alt.Color("domain_label:N", title=tr("Domein", "Domain", lang)),
        tooltip=[alt.Tooltip("title:N", title=tr("Verplichting", "Obligation", lang)),
                 alt.Tooltip("eur_text:N", title="€/jaar" if lang == "nl" else "€/year"),
                 alt.Tooltip("workability_label:N", title=tr("Werkbaarheid", "Workability", lang))],
    )  # fmt: skip
    shape_title = tr("cijfer aangenomen", "grade assumed", lang)
    points = base.mark_point(size=120, filled=True).encode(
        shape=alt.Shape("workability_assumed:N", title=shape_title,
                        scale=alt.Scale(domain=[False, True], range=["circle", "diamond"])),
    )  # fmt: skip
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
    now, scen = tr("huidige regels", "current rules", lang), tr("voorstel", "proposal", lang)
    long = curve.melt(id_vars="employees", value_vars=["cost_now", "cost_scen"],
                      var_name="series", value_name="eur")  # fmt: skip
    long["series"] = long["series"].map({"cost_now": now, "cost_scen": scen})
    y_title = tr("regeldruk € per jaar", "regulatory burden € per year", lang)
    lines = (
        alt.Chart(long)
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X(
                "employees:Q",
                title=tr("aantal werknemers", "number of employees", lang),
                scale=alt.Scale(domain=[1, int(curve["employees"].max())]),
            ),
            y=alt.Y(
                "eur:Q",
                axis=_eur_axis(y_title),
            ),
            color=alt.Color(
                "series:N",
                title=None,
                sort=[now, scen],
                scale=alt.Scale(domain=[now, scen], range=[NOW_COLOR, SCEN_COLOR]),
            ),
            tooltip=[
                alt.Tooltip("employees:Q", title=tr("werknemers", "employees", lang)),
                alt.Tooltip("series:N", title=""),
                alt.Tooltip("eur:Q", title="€", format=",.0f"),
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
                alt.Tooltip("at:Q", title=tr("vanaf", "from", lang)),
                alt.Tooltip("rules:N", title=tr("drempel", "threshold", lang)),
            ],
        )
    )
    layers: list[alt.Chart] = [lines, rules]
    extra = []
    if scenario_at is not None:
        extra.append(
            {"at": scenario_at, "label": tr("drempel voorstel", "proposal threshold", lang)}
        )
    if current is not None:
        extra.append({"at": current, "label": tr("uw bedrijf", "your firm", lang)})
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
