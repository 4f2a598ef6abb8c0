"""Charts for proposals side by side: one stacked chart of the comparison, and the growth
incentive (the yearly burden of the next employee) — pure functions, shared by the app's
compare section and the printed report.

The comparison chart puts one panel per figure under each other (saving with its interval as
an error bar, financial effect apart, firms reached, firms just above the threshold, cliff,
obligations changed), each with its own axis in the reader's notation, and one colour per
proposal throughout.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from checker.bilingual import Lang
from checker.i18n import fmt_eur, fmt_number, t
from checker.scenario_model import Scenario
from checker.ui.charts import NOW_COLOR, count_axis, eur_axis

# One colour per proposal (up to four), never the current-law red.
PROPOSAL_COLORS = ("#2e86c1", "#e67e22", "#16a085", "#8e44ad")

# (table column, kind) — the chart's panels in the order the table shows them; each panel is
# titled like its row of the comparison table (workbench.compare.row.<column>).
PANELS: tuple[tuple[str, str], ...] = (
    ("regulatory_saved", "eur"),
    ("financial_saved", "eur"),
    ("firms_reached", "count"),
    ("firms_just_above", "count"),
    ("cliff_eur", "eur"),
    ("obligations_changed", "count"),
)
# Panels that mean nothing for one firm (reached is 0 or 1; "just above" needs a population).
POPULATION_ONLY = ("firms_reached", "firms_just_above")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def short_labels(proposals: Sequence[Scenario], lang: Lang) -> dict[str, str]:
    """A short, unique name per proposal id for legends and column heads (one line, no
    control characters: the chart renderer cannot draw them)."""
    out: dict[str, str] = {}
    for p in proposals:
        label = _CONTROL.sub("", p.short_name(lang).replace("\n", " ")).strip() or p.id
        if label in out.values():
            label = f"{label} ({p.id})"
        out[p.id] = label
    return out


def _panel(
    frame: pd.DataFrame, column: str, kind: str, title: str, lang: Lang, order: list[str]
) -> alt.LayerChart:
    values = frame[column].astype(float)
    data = pd.DataFrame({"label": frame["label"], "value": values})
    fmt = (lambda v: fmt_eur(v, lang)) if kind == "eur" else (lambda v: fmt_number(v, lang))
    data["text"] = [fmt(v) if np.isfinite(v) else "–" for v in values]
    has_interval = f"{column}_low" in frame.columns
    if has_interval:
        data["low"] = frame[f"{column}_low"].astype(float)
        data["high"] = frame[f"{column}_high"].astype(float)
        data["range"] = [
            f"{fmt(lo)} – {fmt(hi)}" for lo, hi in zip(data["low"], data["high"], strict=True)
        ]
    axis = eur_axis(title, lang) if kind == "eur" else count_axis(title, lang)
    colors = alt.Scale(domain=order, range=list(PROPOSAL_COLORS[: len(order)]))
    tooltip = [
        alt.Tooltip("label:N", title=t("workbench.compare.col.proposal", lang)),
        alt.Tooltip("text:N", title=title),
    ]
    if has_interval:
        tooltip.append(alt.Tooltip("range:N", title=t("workbench.compare.interval", lang)))
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=240)),
    )
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X("value:Q", axis=axis),
        color=alt.Color("label:N", scale=colors, legend=None),
        tooltip=tooltip,
    )
    layers: list[alt.Chart] = [bars]
    if has_interval:
        layers.append(
            base.mark_rule(color="#1d2733", strokeWidth=1.5).encode(x="low:Q", x2="high:Q")
        )
        for end in ("low", "high"):
            layers.append(
                base.mark_tick(color="#1d2733", thickness=1.5, size=12).encode(x=f"{end}:Q")
            )
    layers.append(
        base.mark_text(align="left", dx=4, color="#1d2733", fontSize=11).encode(
            x=alt.X("high:Q" if has_interval else "value:Q"), text="text:N"
        )
    )
    chart = alt.layer(*layers).properties(
        title=alt.TitleParams(title, anchor="start", fontSize=12), height=alt.Step(22)
    )
    if not isinstance(chart, alt.LayerChart):  # pragma: no cover - alt.layer always layers
        raise TypeError("comparison panel: expected a LayerChart")
    return chart


def comparison_chart(
    table: pd.DataFrame, labels: dict[str, str], lang: Lang, kind: str
) -> alt.VConcatChart:
    """One chart of the comparison table (:class:`checker.compare.Comparison`), one panel per
    figure; for one firm (``kind == 'firm'``) the population-only panels are left out."""
    frame = table.assign(label=[labels.get(p, p) for p in table["proposal"]])
    order = list(frame["label"])
    panels = [
        _panel(frame, column, unit, t(f"workbench.compare.row.{column}", lang), lang, order)
        for column, unit in PANELS
        if not (kind == "firm" and column in POPULATION_ONLY)
        and np.isfinite(frame[column].astype(float)).any()
    ]
    return alt.vconcat(*panels, spacing=18).resolve_scale(x="independent")


def marginal_chart(curves: pd.DataFrame, labels: dict[str, str], lang: Lang) -> alt.LayerChart:
    """The yearly burden the (N+1)th employee adds, N = 1 … 100: one line per proposal and
    current law dashed (from :func:`checker.incentive.marginal_curves`)."""
    now = t("workbench.incentive.current_law", lang)
    first = curves["proposal"].iloc[0]
    law = curves[curves["proposal"] == first].assign(series=now, eur=lambda f: f["marginal_now"])
    scen = curves.assign(
        series=[labels.get(p, p) for p in curves["proposal"]], eur=curves["marginal_scen"]
    )
    data = pd.concat([law, scen], ignore_index=True)[["employees", "series", "eur"]]
    data["law"] = data["series"] == now
    data["eur_text"] = [fmt_eur(v, lang) for v in data["eur"]]
    data["step"] = [
        t("workbench.incentive.step", lang, n=int(n), next=int(n) + 1) for n in data["employees"]
    ]
    order = [now, *dict.fromkeys(labels.get(p, p) for p in curves["proposal"])]
    colors = [NOW_COLOR, *PROPOSAL_COLORS[: len(order) - 1]]
    lines = (
        alt.Chart(data)
        .mark_line(interpolate="step-after", strokeWidth=2)
        .encode(
            x=alt.X(
                "employees:Q",
                title=t("workbench.incentive.x", lang),
                scale=alt.Scale(domain=[1, int(data["employees"].max())]),
            ),
            y=alt.Y("eur:Q", axis=eur_axis(t("workbench.incentive.y", lang), lang)),
            color=alt.Color(
                "series:N",
                title=None,
                sort=order,
                scale=alt.Scale(domain=order, range=colors),
                legend=alt.Legend(orient="top", labelLimit=320),
            ),
            strokeDash=alt.StrokeDash(
                "law:N", scale=alt.Scale(domain=[True, False], range=[[5, 4], [1, 0]]), legend=None
            ),
            tooltip=[
                alt.Tooltip("step:N", title=t("workbench.incentive.step_title", lang)),
                alt.Tooltip("series:N", title=""),
                alt.Tooltip("eur_text:N", title=t("workbench.incentive.y", lang)),
            ],
        )
    )
    chart = alt.layer(lines).properties(height=320)
    if not isinstance(chart, alt.LayerChart):  # pragma: no cover - alt.layer always layers
        raise TypeError("marginal_chart: expected a LayerChart")
    return chart
