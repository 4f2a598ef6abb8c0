"""Altair chart builders for the app: pure functions from DataFrames to ``alt.Chart``.

Kept out of the pages so the chart specs can be tested (encodings, data) without Streamlit.
Every euro axis on every page uses :func:`eur_axis`, which writes amounts exactly as the tables
do (``€ 12.345`` in Dutch, ``€12,345`` in English); tooltips show pre-formatted text columns
for the same reason, never Vega's US-style ``12,345``.
"""

from __future__ import annotations

import re
from typing import Any

import altair as alt
import pandas as pd

from checker.bilingual import Lang
from checker.i18n import fmt_eur, fmt_number, t, workability_label
from checker.i18n.formatting import vega_eur_expr, vega_number_expr

NOW_COLOR, SCEN_COLOR = "#c0392b", "#2e86c1"
FIRM_COLOR = "#1e8449"


def eur_axis(title: str | None, lang: Lang, **kwargs: Any) -> alt.Axis:
    """An axis of whole euros in the reader's notation (the one helper for every chart)."""
    return alt.Axis(title=title, labelExpr=vega_eur_expr(lang), **kwargs)


def count_axis(title: str | None, lang: Lang, **kwargs: Any) -> alt.Axis:
    """An axis of counts (firms, employees) with the reader's thousands separator."""
    return alt.Axis(title=title, labelExpr=vega_number_expr(lang), **kwargs)


def domain_chart(
    frame: pd.DataFrame,
    lang: Lang = "nl",
    *,
    axis_title: str | None = None,
    full_labels: bool = False,
) -> alt.Chart:
    """Grouped bars: yearly € per domain, now vs under the proposal (see tables.domain_burden).

    ``axis_title`` says what the bars add up to (the firm page: "lasten in totaal …");
    ``full_labels`` never cuts a domain name off and puts the legend on top (the app's wide
    page; the A4 report keeps the compact layout).
    """
    now, scen = t("common.now", lang), t("common.proposal", lang)
    title = axis_title or t("chart.eur_per_year", lang)
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(
                "domain:N",
                title=None,
                sort="-x",
                axis=alt.Axis(labelLimit=0 if full_labels else 280),
            ),
            x=alt.X("eur:Q", axis=eur_axis(title, lang)),
            yOffset=alt.YOffset("when:N", sort=[now, scen]),
            color=alt.Color(
                "when:N",
                title=None,
                sort=[now, scen],
                scale=alt.Scale(domain=[now, scen], range=[NOW_COLOR, SCEN_COLOR]),
                legend=alt.Legend(orient="top") if full_labels else alt.Legend(),
            ),
            tooltip=[
                alt.Tooltip("domain:N", title=t("column.domain", lang)),
                alt.Tooltip("when:N", title=" "),
                alt.Tooltip("eur_text:N", title=title),
            ],
        )
        .properties(height=alt.Step(14))
    )


def log_ticks(low: float, high: float) -> list[float]:
    """Round euro amounts (1, 3, 10, 30, 100 …) spanning ``low``…``high`` for a log axis."""
    ticks: list[float] = []
    base = 1.0
    while base <= max(high, 1.0) * 10:
        for step in (1, 3):
            value = base * step
            if low / 3 <= value <= high * 3:
                ticks.append(value)
        base *= 10
    return ticks


def matrix_points(frame: pd.DataFrame, lang: Lang = "nl") -> pd.DataFrame:
    """The matrix points numbered by cost (1 = most costly), with words for the legend."""
    points = frame[frame["cost_now_eur"] > 0].sort_values(
        ["cost_now_eur", "title"], ascending=[False, True], ignore_index=True
    )
    points["number"] = range(1, len(points) + 1)
    # Points of one grade and similar cost would sit on top of each other: spread them a little
    # up and down (in order of cost, so the same result always looks the same).
    rank = points.groupby("workability").cumcount()
    points["grade_pos"] = points["workability"] + ((rank % 5) - 2) * 0.13
    points["grade_basis"] = [
        t("chart.matrix.grade_assumed" if assumed else "chart.matrix.grade_sourced", lang)
        for assumed in points["workability_assumed"]
    ]
    return points


def matrix_chart(frame: pd.DataFrame, lang: Lang = "nl") -> alt.LayerChart:
    """Regeldrukmatrix: € per obligation (x, log) against workability (y, 1 good … 4 not).

    Points in the upper right (costly and hardly workable) are where relief helps most, as in
    the MKB-indicatorbedrijven method.  Each point carries its number from :func:`matrix_list`
    (readable without hovering); a filled circle has a sourced grade, a hollow diamond an
    assumed one, and the legend says so in words.
    """
    points = matrix_points(frame, lang)
    low, high = float(points["cost_now_eur"].min()), float(points["cost_now_eur"].max())
    grades = {g: workability_label(g, lang) for g in (1, 2, 3, 4)}
    label_expr = " : ".join(f"datum.value == {g} ? '{w}'" for g, w in grades.items()) + " : ''"
    x = alt.X(
        "cost_now_eur:Q",
        scale=alt.Scale(type="log", domain=[max(low / 1.5, 1.0), high * 1.5], nice=False),
        axis=eur_axis(t("chart.matrix.x", lang), lang, values=log_ticks(low, high)),
    )
    y = alt.Y(
        "grade_pos:Q",
        scale=alt.Scale(domain=[0.5, 4.5]),
        axis=alt.Axis(
            title=t("chart.matrix.y", lang),
            values=[1, 2, 3, 4],
            labelExpr=label_expr,
            labelLimit=0,
            grid=False,
        ),
    )
    sourced, assumed = t("chart.matrix.grade_sourced", lang), t("chart.matrix.grade_assumed", lang)
    base = alt.Chart(points).encode(
        x=x,
        y=y,
        tooltip=[
            alt.Tooltip("number:N", title="#"),
            alt.Tooltip("title:N", title=t("column.obligation", lang)),
            alt.Tooltip("eur_text:N", title=t("chart.eur_per_year", lang)),
            alt.Tooltip("workability_label:N", title=t("column.workability", lang)),
        ],
    )
    dots = base.mark_point(size=130, filled=True, opacity=0.85).encode(
        color=alt.Color(
            "domain_label:N",
            title=t("column.domain", lang),
            legend=alt.Legend(orient="bottom", columns=3, labelLimit=0, symbolLimit=0),
        ),
        shape=alt.Shape(
            "grade_basis:N",
            title=None,
            scale=alt.Scale(domain=[sourced, assumed], range=["circle", "diamond"]),
            legend=alt.Legend(orient="top", labelLimit=0),
        ),
    )
    numbers = base.mark_text(dx=9, dy=-8, fontSize=11, fontWeight="bold", color="#333").encode(
        text="number:N"
    )
    chart = alt.layer(dots, numbers).properties(height=420)
    if not isinstance(chart, alt.LayerChart):
        raise TypeError(f"matrix_chart: expected a LayerChart, got {type(chart).__name__}")
    return chart


def matrix_list(frame: pd.DataFrame, lang: Lang = "nl") -> str:
    """The matrix points as a numbered Markdown list (the key to the numbers in the chart)."""
    points = matrix_points(frame, lang)
    lines = [
        f"{n}. {_md(title)} — {eur} · {_md(grade)}"
        for n, title, eur, grade in zip(
            points["number"],
            points["title"],
            points["eur_text"],
            points["workability_label"],
            strict=True,
        )
    ]
    return "\n".join(lines)


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]|<>#])", r"\\\1", str(text))


SERIES = {
    "regulatory": ("regulatory_now", "regulatory_scen"),
    "total": ("cost_now", "cost_scen"),
}


def cliff_chart(
    curve: pd.DataFrame,
    thresholds: pd.DataFrame,
    lang: Lang = "nl",
    *,
    current: int | None = None,
    scenario_at: int | None = None,
    measure: str = "regulatory",
    x_range: tuple[int, int] | None = None,
) -> alt.LayerChart:
    """Yearly burden against headcount, now and under the proposal, every cliff labelled.

    ``curve`` comes from :func:`checker.growth.cliff_curve` (per headcount the
    regeldruk and the lasten in totaal, now and under the proposal); ``measure`` picks which one
    the y axis shows, and the axis title says what it adds up to.  ``thresholds`` comes from
    :func:`checker.growth.employee_thresholds`: each dashed line carries its headcount on top.
    ``scenario_at`` (the first headcount outside the proposal) gets its own labelled line, and
    ``current`` one marker on the curve, named "uw bedrijf".  Tooltips are pre-formatted text in
    the reader's notation.
    """
    now_col, scen_col = SERIES[measure]
    lo, hi = x_range or (1, int(curve["employees"].max()))
    part = curve[(curve["employees"] >= lo) & (curve["employees"] <= hi)]
    now, scen = t("chart.cliff.now", lang), t("chart.cliff.proposal", lang)
    long = part.melt(
        id_vars="employees", value_vars=[now_col, scen_col], var_name="series", value_name="eur"
    )
    long["series"] = long["series"].map({now_col: now, scen_col: scen})
    long["eur_text"] = [fmt_eur(v, lang) for v in long["eur"]]
    long["employees_text"] = [fmt_number(v, lang) for v in long["employees"]]
    y_title = t(f"chart.cliff.y.{measure}", lang)
    x = alt.X(
        "employees:Q",
        title=t("chart.cliff.x", lang),
        scale=alt.Scale(domain=[lo, hi], nice=False),
        axis=count_axis(t("chart.cliff.x", lang), lang),
    )
    lines = (
        alt.Chart(long)
        .mark_line(interpolate="step-after", strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("eur:Q", axis=eur_axis(y_title, lang)),
            color=alt.Color(
                "series:N",
                title=None,
                sort=[now, scen],
                scale=alt.Scale(domain=[now, scen], range=[NOW_COLOR, SCEN_COLOR]),
                legend=alt.Legend(orient="top", labelLimit=0),
            ),
            tooltip=[
                alt.Tooltip("employees_text:N", title=t("column.employees", lang)),
                alt.Tooltip("series:N", title=" "),
                alt.Tooltip("eur_text:N", title=y_title),
            ],
        )
    )
    marks = thresholds[(thresholds["at"] >= lo) & (thresholds["at"] <= hi)]
    marks = marks.groupby("at", as_index=False).agg(
        rules=("title", lambda s: "; ".join(sorted(set(s))))
    )
    marks["at_text"] = [fmt_number(v, lang) for v in marks["at"]]
    rules = alt.Chart(marks).encode(
        x=alt.X("at:Q", scale=alt.Scale(domain=[lo, hi], nice=False)),
        tooltip=[
            alt.Tooltip("at_text:N", title=t("chart.cliff.from", lang)),
            alt.Tooltip("rules:N", title=t("chart.cliff.threshold", lang)),
        ],
    )
    layers: list[alt.Chart] = [
        lines,
        rules.mark_rule(strokeDash=[4, 3], color="#7f8c8d"),
        rules.mark_text(dy=-6, fontSize=10, color="#555", baseline="bottom").encode(
            text="at_text:N", y=alt.value(0)
        ),
    ]
    if scenario_at is not None and lo <= scenario_at <= hi:
        label = t("chart.cliff.proposal_threshold", lang, count=fmt_number(scenario_at, lang))
        proposal = alt.Chart(pd.DataFrame({"at": [scenario_at], "label": [label]})).encode(
            x=alt.X("at:Q", scale=alt.Scale(domain=[lo, hi], nice=False)),
            tooltip=[alt.Tooltip("label:N", title=" ")],
        )
        layers.append(proposal.mark_rule(strokeWidth=2, color=SCEN_COLOR, strokeDash=[6, 3]))
        layers.append(
            proposal.mark_text(align="left", dx=4, dy=14, fontSize=11, color=SCEN_COLOR).encode(
                text="label:N", y=alt.value(0)
            )
        )
    if current is not None and lo <= current <= hi:
        row = curve[curve["employees"] == current]
        if not row.empty:
            value = float(row[now_col].iloc[0])
            label = t("chart.cliff.your_firm", lang, count=fmt_number(current, lang))
            firm = alt.Chart(
                pd.DataFrame(
                    {
                        "employees": [current],
                        "eur": [value],
                        "label": [label],
                        "eur_text": [fmt_eur(value, lang)],
                    }
                )
            ).encode(
                x=alt.X("employees:Q", scale=alt.Scale(domain=[lo, hi], nice=False)),
                y="eur:Q",
                tooltip=[
                    alt.Tooltip("label:N", title=" "),
                    alt.Tooltip("eur_text:N", title=y_title),
                ],
            )
            layers.append(firm.mark_point(size=160, filled=True, color=FIRM_COLOR))
            layers.append(
                firm.mark_text(
                    align="right", dx=-10, dy=-14, fontSize=12, fontWeight="bold", color=FIRM_COLOR
                ).encode(text="label:N")
            )
    chart = alt.layer(*layers).properties(height=380)
    if not isinstance(chart, alt.LayerChart):  # only with shared facet encodings; none here
        raise TypeError(f"cliff_chart: expected a LayerChart, got {type(chart).__name__}")
    return chart
