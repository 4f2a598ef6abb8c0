"""Charts for proposals side by side: the comparison, and the growth incentive (the yearly
burden of the next employee) — pure functions, shared by the app's compare section and the
printed report.

The comparison is one panel per figure (saving with its interval as an error bar, financial
effect apart, firms reached, firms just above the threshold, cliff, obligations changed),
each with its own axis in the reader's notation, and one colour per proposal throughout.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

from checker.bilingual import Lang
from checker.i18n import fmt_eur, fmt_number, t
from checker.scenario_model import Scenario
from checker.ui.charts import NOW_COLOR, count_axis, eur_axis
from checker.ui.compare_table import (
    NOT_IN_FORCE_BLANK,
    money_range,
    money_text,
    withheld,
    withheld_text,
)

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


# Room to the right of the longest bar for its value ("€ 11.899.231"), as a share of the axis.
VALUE_ROOM = 0.35
# Each proposal takes two lines of a panel: its name, then its bar with the value after it.
# Both lines are sub-bands of the proposal's band (a y offset, as grouped bars are drawn), so
# whatever height a line gets — the app's or a printed one — a name stays with its own bar.
LINE_STEP = 18  # px per line
BAR_HEIGHT = 13  # px, centred on its line as the value after it (less than a line)
NAME, BAR = "name", "bar"
_LINES = alt.Scale(domain=[NAME, BAR], paddingInner=0, paddingOuter=0)


def _line(which: str) -> alt.YOffset:
    """The line of a proposal's band a layer is drawn on (its name or its bar)."""
    return alt.YOffset(datum=which, scale=_LINES)


def _domain(values: pd.Series, lows: pd.Series | None, highs: pd.Series | None) -> list[float]:
    """The x range of a panel: zero included, and room after the longest bar for its label."""
    finite = [float(v) for v in values if np.isfinite(v)]
    for extra in (lows, highs):
        if extra is not None:
            finite += [float(v) for v in extra if np.isfinite(v)]
    lo, hi = min([0.0, *finite]), max([0.0, *finite])
    span = (hi - lo) or 1.0
    return [lo, hi + VALUE_ROOM * span]


def _panel(
    frame: pd.DataFrame,
    column: str,
    unit: str,
    title: str,
    lang: Lang,
    order: list[str],
    titled: bool = True,
    kind: str = "firm",
    date: dt.date | None = None,
) -> alt.LayerChart:
    """One figure for every proposal: the proposal's name above its bar, the value after it.

    Names sit above the bars rather than beside them, so the bars get the chart's whole width
    on a phone as on a laptop; counts get whole-number ticks only (no '0, 1, 1, 2').  Amounts
    are written as the comparison table beside the chart writes them (rounded for a firm as
    its headline, for a population as the sector page: ``kind``), so the two never differ.
    A figure the table leaves out for a proposal not yet in force on ``date`` gets no bar,
    only the table's '–' and reason."""
    values = frame[column].astype(float)
    data = pd.DataFrame({"label": frame["label"], "value": values})
    money = unit == "eur"

    def fmt(v: float) -> str:
        return money_text(v, kind, lang) if money else fmt_number(v, lang)

    data["text"] = [
        fmt(v) if np.isfinite(v) else withheld_text(lang, date) if withheld(column, record) else "–"
        for v, (_, record) in zip(values, frame.iterrows(), strict=True)
    ]
    has_interval = f"{column}_low" in frame.columns
    if has_interval:
        data["low"] = frame[f"{column}_low"].astype(float)
        data["high"] = frame[f"{column}_high"].astype(float)
        data["range"] = [
            money_range(lo, hi, kind, lang) if money else f"{fmt(lo)} – {fmt(hi)}"
            for lo, hi in zip(data["low"], data["high"], strict=True)
        ]
    axis_kw = {"tickMinStep": 1, "grid": True}
    axis = eur_axis(None, lang, **axis_kw) if money else count_axis(None, lang, **axis_kw)
    scale = alt.Scale(
        domain=_domain(
            values,
            data["low"] if has_interval else None,
            data["high"] if has_interval else None,
        ),
        nice=False,
    )
    colors = alt.Scale(domain=order, range=list(PROPOSAL_COLORS[: len(order)]))
    tooltip = [
        alt.Tooltip("label:N", title=t("workbench.compare.col.proposal", lang)),
        alt.Tooltip("text:N", title=title),
    ]
    if has_interval:
        tooltip.append(alt.Tooltip("range:N", title=t("workbench.compare.interval", lang)))
    # The value after the bar (after its interval's high end); a missing one at the axis start.
    ends = data["high"] if has_interval else values
    data["at"] = [
        float(end) if np.isfinite(v) and np.isfinite(end) else 0.0
        for v, end in zip(values, ends, strict=True)
    ]
    rows = alt.Scale(paddingInner=0.15, paddingOuter=0.05)
    base = alt.Chart(data).encode(y=alt.Y("label:N", sort=order, title=None, axis=None, scale=rows))
    bars = base.mark_bar(height=BAR_HEIGHT).encode(
        x=alt.X("value:Q", axis=axis, scale=scale, title=None),
        yOffset=_line(BAR),
        color=alt.Color("label:N", scale=colors, legend=None),
        tooltip=tooltip,
    )
    names = base.mark_text(
        align="left", baseline="middle", color="#31333f", fontSize=12, limit=2000
    ).encode(x=alt.value(0), yOffset=_line(NAME), text="label:N")
    layers: list[alt.Chart] = [bars, names]
    if has_interval:
        layers.append(
            base.mark_rule(color="#1d2733", strokeWidth=1.5).encode(
                x="low:Q", x2="high:Q", yOffset=_line(BAR)
            )
        )
        for end in ("low", "high"):
            layers.append(
                base.mark_tick(color="#1d2733", thickness=1.5, size=12).encode(
                    x=f"{end}:Q", yOffset=_line(BAR)
                )
            )
    layers.append(
        base.mark_text(align="left", dx=4, baseline="middle", color="#1d2733", fontSize=11).encode(
            x=alt.X("at:Q"), yOffset=_line(BAR), text="text:N"
        )
    )
    chart = alt.layer(*layers).properties(height=alt.Step(LINE_STEP))
    if titled:
        chart = chart.properties(title=alt.TitleParams(title, anchor="start", fontSize=13))
    if not isinstance(chart, alt.LayerChart):  # pragma: no cover - alt.layer always layers
        raise TypeError("comparison panel: expected a LayerChart")
    return chart


def panel_columns(table: pd.DataFrame, kind: str) -> list[tuple[str, str]]:
    """The (column, unit) of the panels shown: the population-only ones not for one firm, and
    none without a single finite value."""
    return [
        (column, unit)
        for column, unit in PANELS
        if not (kind == "firm" and column in POPULATION_ONLY)
        and np.isfinite(table[column].astype(float)).any()
    ]


def comparison_panels(
    table: pd.DataFrame,
    labels: dict[str, str],
    lang: Lang,
    kind: str,
    *,
    titled: bool = True,
    date: dt.date | None = None,
) -> list[tuple[str, alt.LayerChart]]:
    """One chart per figure of the comparison table (:class:`checker.compare.Comparison`) as
    (title, chart); for one firm (``kind == 'firm'``) the population-only figures are left
    out.  The app shows them one under the other at the container's width (a stacked chart of
    layered panels cannot be fitted to a container and ran off the page) and, with
    ``titled=False``, writes the titles itself so that they wrap on a phone instead of being
    cut; the printed report puts each on the page as an image of its own.

    A proposal not in force on the comparison ``date`` has no threshold yet: its cliff and
    firms just above are left out as in the table (:func:`~checker.ui.compare_table.withheld`)."""
    frame = table.assign(label=[labels.get(p, p) for p in table["proposal"]])
    if "in_effect" in frame.columns:
        pending = ~frame["in_effect"].astype(bool)
        for column in NOT_IN_FORCE_BLANK:
            frame[column] = frame[column].astype(float).mask(pending, np.nan)
    order = list(frame["label"])
    out = []
    for column, unit in panel_columns(frame, kind):
        title = t(f"workbench.compare.row.{column}", lang)
        chart = _panel(frame, column, unit, title, lang, order, titled, kind, date)
        out.append((title, chart))
    return out


def _lines(title: str) -> list[str] | str:
    """A long axis title on two lines at its '; ' (one line ran off a phone's width)."""
    head, sep, tail = title.partition("; ")
    return [head, tail] if sep else title


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
                title=_lines(t("workbench.incentive.x", lang)),
                scale=alt.Scale(domain=[1, int(data["employees"].max())]),
            ),
            y=alt.Y("eur:Q", axis=eur_axis(t("workbench.incentive.y", lang), lang)),
            color=alt.Color(
                "series:N",
                title=None,
                sort=order,
                scale=alt.Scale(domain=order, range=colors),
                # One entry a line: four proposal names side by side ran off a phone and a
                # laptop alike.
                legend=alt.Legend(orient="top", direction="vertical", labelLimit=0),
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
