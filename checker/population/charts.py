"""Altair charts for the Sectoranalyse and Ledenbestand pages (pure functions, testable).

Euro and count axes come from :mod:`checker.ui.charts` (:func:`eur_axis`, :func:`count_axis`),
so amounts read the same as on the firm pages and in the tables: ``€ 12.345`` in Dutch,
``€12,345`` in English.  Tooltips show pre-formatted text for the same reason.  Where a chart
shows savings it keeps regeldruk (administrative burden and substantive compliance costs) and
financial costs apart, in the colours and words of the legend, never one mixed bar.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from checker.bilingual import Lang
from checker.i18n import column_label, fmt_eur, fmt_number, t
from checker.population.synthetic import SIZE_CLASS_ORDER
from checker.ui.charts import count_axis, eur_axis

REGULATORY_COLOR, FINANCIAL_COLOR, WHAT_IF_COLOR = "#2e86c1", "#a9cce3", "#e67e22"
TOTAL_COLOR, REACHED_COLOR, CURRENT_COLOR = "#1b4f72", "#7f8c8d", "#c0392b"


def _class_order(present: list[str]) -> list[str]:
    """CBS order first; classes it does not know (member bands) keep the table's order."""
    order = [c for c in SIZE_CLASS_ORDER if c in set(present)]
    return order + [c for c in present if c not in set(order)]


def _saved_by_kind(data: pd.DataFrame, x: alt.X, lang: Lang) -> alt.Chart:
    """Stacked bars of € saved per class: regeldruk and financial costs, with a legend."""
    regulatory, financial = t("chart.saved.regulatory", lang), t("chart.saved.financial", lang)
    rows = []
    for row in data.itertuples(index=False):
        for kind, amount in ((regulatory, row.saved_regulatory), (financial, row.saved_financial)):
            rows.append(
                {
                    "size_class": row.size_class,
                    "kind": kind,
                    "eur": float(amount),  # type: ignore[arg-type]
                    "eur_text": fmt_eur(float(amount), lang),  # type: ignore[arg-type]
                }
            )
    return (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("sum(eur):Q", axis=eur_axis(column_label("saved_eur", lang), lang)),
            color=alt.Color(
                "kind:N",
                title=None,
                sort=[regulatory, financial],
                scale=alt.Scale(
                    domain=[regulatory, financial], range=[REGULATORY_COLOR, FINANCIAL_COLOR]
                ),
                legend=alt.Legend(orient="top", labelLimit=400),
            ),
            order=alt.Order("kind:N", sort="descending"),
            tooltip=[
                alt.Tooltip("size_class:N", title=t("chart.size_class.class", lang)),
                alt.Tooltip("kind:N", title=""),
                alt.Tooltip("eur_text:N", title=t("chart.eur_per_year", lang)),
            ],
        )
        .properties(height=220)
    )


def size_class_chart(
    by_size_class: pd.DataFrame, lang: Lang = "nl", x_title: str | None = None
) -> alt.VConcatChart:
    """Two bar panels per size class: € saved per year and firms reached.

    With the columns ``saved_regulatory`` and ``saved_financial`` (a population result) the
    saving is split into regeldruk and financial costs; a member list shows one bar.  Classes
    are drawn in CBS order; classes the CBS order does not know (e.g. the member page's
    employee bands) keep the order of the table, never alphabetical ("2–3" after "19–48").
    """
    data = by_size_class.copy()
    data["saved_text"] = [fmt_eur(v, lang) for v in data["saved_eur"]]
    data["reached_text"] = [fmt_number(v, lang) for v in data["firms_reached"]]
    data["firms_text"] = [fmt_number(v, lang) for v in data["firms"]]
    x = alt.X(
        "size_class:N",
        sort=_class_order([str(c) for c in data["size_class"]]),
        title=x_title or t("chart.size_class.x", lang),
        axis=alt.Axis(labelAngle=0),
    )
    class_tip = alt.Tooltip("size_class:N", title=t("chart.size_class.class", lang))
    if {"saved_regulatory", "saved_financial"} <= set(data.columns):
        saved: alt.Chart = _saved_by_kind(data, x, lang)
    else:
        saved = (
            alt.Chart(data)
            .mark_bar(color=REGULATORY_COLOR)
            .encode(
                x=x,
                y=alt.Y("saved_eur:Q", axis=eur_axis(column_label("saved_eur", lang), lang)),
                tooltip=[
                    class_tip,
                    alt.Tooltip("saved_text:N", title=t("chart.eur_per_year", lang)),
                ],
            )
            .properties(height=220)
        )
    reached = (
        alt.Chart(data)
        .mark_bar(color=REACHED_COLOR)
        .encode(
            x=x,
            y=alt.Y(
                "firms_reached:Q",
                axis=count_axis(t("column.firms_reached", lang), lang, tickMinStep=1),
            ),
            tooltip=[
                class_tip,
                alt.Tooltip("reached_text:N", title=t("chart.reached", lang)),
                alt.Tooltip("firms_text:N", title=t("chart.total", lang)),
            ],
        )
        .properties(height=220)
    )
    return alt.vconcat(saved, reached)


def sweep_lines(table: pd.DataFrame, lang: Lang, bunching: float = 0.0) -> pd.DataFrame:
    """The sweep in long form: one line per kind of saving, and the what-if when it is set."""
    lines = [
        (t("chart.sweep.regulatory", lang), table["saved_regulatory"]),
        (t("chart.sweep.total", lang), table["saved_eur"]),
    ]
    if bunching > 0:
        lines.append(
            (t("chart.sweep.what_if", lang), table["saved_eur"] + table["bunching_extra_saved_eur"])
        )
    frames = []
    for name, values in lines:
        frames.append(
            pd.DataFrame(
                {
                    "threshold": table["threshold"].to_numpy(),
                    "line": name,
                    "eur": values.to_numpy(dtype=float),
                    "eur_text": [fmt_eur(v, lang) for v in values],
                    "reached_text": [fmt_number(v, lang) for v in table["firms_reached"]],
                    "cliff_text": [fmt_eur(v, lang) for v in table["cliff_eur"]],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _x_scale(table: pd.DataFrame) -> alt.Scale:
    """One threshold axis for the sweep and its what-if panel: a bar stands under its point."""
    lo, hi = float(table["threshold"].min()), float(table["threshold"].max())
    return alt.Scale(domain=[lo - 0.5, hi + 0.5], zero=False, nice=False)


def _current_marks(current: float, lang: Lang, label: bool = True) -> alt.LayerChart | alt.Chart:
    mark = pd.DataFrame({"threshold": [current], "label": [t("chart.sweep.current", lang)]})
    rule = alt.Chart(mark).mark_rule(color=CURRENT_COLOR, strokeDash=[4, 3]).encode(x="threshold:Q")
    if not label:
        return rule
    text = (
        alt.Chart(mark)
        .mark_text(align="left", dx=4, dy=-6, color=CURRENT_COLOR)
        .encode(x="threshold:Q", y=alt.value(10), text="label:N")
    )
    return rule + text


def sweep_chart(
    table: pd.DataFrame, current: float, lang: Lang = "nl", bunching: float = 0.0
) -> alt.LayerChart:
    """Total saved per threshold — regeldruk, regeldruk plus financial costs, and, when a
    what-if share is set, the total if that share of firms just above stays at the threshold
    (dashed) — with the current proposal marked by a labelled rule."""
    data = sweep_lines(table, lang, bunching)
    names = list(dict.fromkeys(data["line"]))
    colors = [REGULATORY_COLOR, TOTAL_COLOR, WHAT_IF_COLOR][: len(names)]
    dashes = [[1, 0], [1, 0], [6, 4]][: len(names)]
    line = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("threshold:Q", title=t("column.threshold", lang), scale=_x_scale(table)),
            y=alt.Y("eur:Q", axis=eur_axis(column_label("saved_eur", lang), lang)),
            color=alt.Color(
                "line:N",
                title=None,
                sort=names,
                scale=alt.Scale(domain=names, range=colors),
                legend=alt.Legend(orient="top", labelLimit=400),
            ),
            strokeDash=alt.StrokeDash(
                "line:N", sort=names, scale=alt.Scale(domain=names, range=dashes), legend=None
            ),
            tooltip=[
                alt.Tooltip("threshold:Q", title=t("chart.sweep.threshold", lang)),
                alt.Tooltip("line:N", title=""),
                alt.Tooltip("eur_text:N", title=t("chart.eur_per_year", lang)),
                alt.Tooltip("reached_text:N", title=t("chart.reached", lang)),
                alt.Tooltip("cliff_text:N", title=t("chart.sweep.cliff", lang)),
            ],
        )
    )
    return (line + _current_marks(current, lang)).properties(height=320)


def what_if_chart(table: pd.DataFrame, current: float, lang: Lang = "nl") -> alt.LayerChart:
    """The what-if's extra saving per threshold, in bars under the sweep.

    On the scale of the totals the dashed what-if line lies close to the solid one; these bars
    show what the what-if adds without hovering.
    """
    extra = pd.DataFrame(
        {
            "threshold": table["threshold"].to_numpy(),
            "eur": table["bunching_extra_saved_eur"].to_numpy(dtype=float),
            "eur_text": [fmt_eur(v, lang) for v in table["bunching_extra_saved_eur"]],
            "firms_text": [fmt_number(v, lang) for v in table["bunching_extra_firms"]],
        }
    )
    bars = (
        alt.Chart(extra)
        .mark_bar(color=WHAT_IF_COLOR)
        .encode(
            x=alt.X("threshold:Q", title=t("column.threshold", lang), scale=_x_scale(table)),
            y=alt.Y("eur:Q", axis=eur_axis(t("chart.sweep.what_if_extra", lang), lang)),
            tooltip=[
                alt.Tooltip("threshold:Q", title=t("chart.sweep.threshold", lang)),
                alt.Tooltip("eur_text:N", title=t("chart.sweep.what_if_extra", lang)),
                alt.Tooltip("firms_text:N", title=t("column.bunching_extra_firms", lang)),
            ],
        )
    )
    return (bars + _current_marks(current, lang, label=False)).properties(height=200)
