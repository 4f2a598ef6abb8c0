"""Altair charts for the Sectoranalyse and Ledenbestand pages (pure functions, testable).

Euro and count axes come from :mod:`checker.ui.charts` (:func:`eur_axis`, :func:`count_axis`),
so amounts read the same as on the firm pages and in the tables: ``€ 12.345`` in Dutch,
``€12,345`` in English.  Tooltips show pre-formatted text for the same reason.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from checker.bilingual import Lang
from checker.i18n import column_label, fmt_eur, fmt_number, t
from checker.population.synthetic import SIZE_CLASS_ORDER
from checker.ui.charts import count_axis, eur_axis


def size_class_chart(
    by_size_class: pd.DataFrame, lang: Lang = "nl", x_title: str | None = None
) -> alt.VConcatChart:
    """Two bar panels per size class: € saved per year and firms reached.

    Classes are drawn in CBS order; classes the CBS order does not know (e.g. the member
    page's employee bands) keep the order of the table, never alphabetical ("2–3" after "19–48").
    """
    data = by_size_class[["size_class", "saved_eur", "firms_reached", "firms"]].copy()
    data["saved_text"] = [fmt_eur(v, lang) for v in data["saved_eur"]]
    data["reached_text"] = [fmt_number(v, lang) for v in data["firms_reached"]]
    data["firms_text"] = [fmt_number(v, lang) for v in data["firms"]]
    present = [str(c) for c in data["size_class"]]
    order = [c for c in SIZE_CLASS_ORDER if c in set(present)]
    order += [c for c in present if c not in set(order)]
    x = alt.X(
        "size_class:N",
        sort=order,
        title=x_title or t("chart.size_class.x", lang),
        axis=alt.Axis(labelAngle=0),
    )
    class_tip = alt.Tooltip("size_class:N", title=t("chart.size_class.class", lang))
    saved = (
        alt.Chart(data)
        .mark_bar(color="#2e86c1")
        .encode(
            x=x,
            y=alt.Y("saved_eur:Q", axis=eur_axis(column_label("saved_eur", lang), lang)),
            tooltip=[class_tip, alt.Tooltip("saved_text:N", title=t("chart.eur_per_year", lang))],
        )
        .properties(height=220)
    )
    reached = (
        alt.Chart(data)
        .mark_bar(color="#7f8c8d")
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


def sweep_chart(table: pd.DataFrame, current: float, lang: Lang = "nl") -> alt.LayerChart:
    """Total saved per threshold, with the current proposal marked by a rule and label."""
    data = table[["threshold", "saved_eur", "firms_reached", "cliff_eur"]].copy()
    data["saved_text"] = [fmt_eur(v, lang) for v in data["saved_eur"]]
    data["reached_text"] = [fmt_number(v, lang) for v in data["firms_reached"]]
    data["cliff_text"] = [fmt_eur(v, lang) for v in data["cliff_eur"]]
    x = alt.X("threshold:Q", title=t("column.threshold", lang))
    line = (
        alt.Chart(data)
        .mark_line(point=True, color="#2e86c1")
        .encode(
            x=x,
            y=alt.Y("saved_eur:Q", axis=eur_axis(column_label("saved_eur", lang), lang)),
            tooltip=[
                alt.Tooltip("threshold:Q", title=t("chart.sweep.threshold", lang)),
                alt.Tooltip("saved_text:N", title=t("chart.eur_per_year", lang)),
                alt.Tooltip("reached_text:N", title=t("chart.reached", lang)),
                alt.Tooltip("cliff_text:N", title=t("chart.sweep.cliff", lang)),
            ],
        )
    )
    mark = pd.DataFrame({"threshold": [current], "label": [t("chart.sweep.current", lang)]})
    rule = alt.Chart(mark).mark_rule(color="#c0392b", strokeDash=[4, 3]).encode(x="threshold:Q")
    text = (
        alt.Chart(mark)
        .mark_text(align="left", dx=4, dy=-6, color="#c0392b")
        .encode(x="threshold:Q", y=alt.value(10), text="label:N")
    )
    return (line + rule + text).properties(height=300)
