"""Altair charts for the Sectoranalyse and Ledenbestand pages (pure functions, testable).

Amount axes use Dutch notation ('€ 12.345') via a Vega expression, like the firm pages;
the English page uses English separators, like its tables and metrics.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from checker.bilingual import Lang
from checker.i18n import tr
from checker.population.synthetic import SIZE_CLASS_ORDER


def _num_axis(lang: Lang) -> str:
    """Axis labels in the notation of the page: '12.345' in Dutch, '12,345' in English."""
    return (
        "replace(format(datum.value, ',.0f'), /,/g, '.')"
        if lang == "nl"
        else "format(datum.value, ',.0f')"
    )


def _eur_axis(lang: Lang) -> str:
    return "'€ ' + " + _num_axis(lang)


def size_class_chart(
    by_size_class: pd.DataFrame, lang: Lang = "nl", x_title: str | None = None
) -> alt.Chart:
    """Two bar panels per size class: € saved per year and firms reached.

    Classes are drawn in CBS order; classes the CBS order does not know (e.g. the member
    page's employee bands) keep the order of the table, never alphabetical ("2–3" after "19–48").
    """
    data = by_size_class[["size_class", "saved_eur", "firms_reached", "firms"]].copy()
    present = [str(c) for c in data["size_class"]]
    order = [c for c in SIZE_CLASS_ORDER if c in set(present)]
    order += [c for c in present if c not in set(order)]
    x = alt.X(
        "size_class:N",
        sort=order,
        title=x_title or tr("Werkzame personen (CBS-klasse)", "Persons employed (CBS class)", lang),
        axis=alt.Axis(labelAngle=0),
    )
    saved = alt.Chart(data).mark_bar(color="#2e86c1").encode(
        x=x,
        y=alt.Y("saved_eur:Q", axis=alt.Axis(title=tr("Besparing € per jaar", "Saved € per year", lang), labelExpr=_eur_axis(lang))),
        tooltip=[alt.Tooltip("size_class:N", title=tr("Klasse", "Class", lang)),
                 alt.Tooltip("saved_eur:Q", format=",.0f", title="€")],
    ).properties(height=220)  # fmt: skip
    reached = alt.Chart(data).mark_bar(color="#7f8c8d").encode(
        x=x,
        y=alt.Y("firms_reached:Q", axis=alt.Axis(title=tr("Bedrijven bereikt", "Firms reached", lang),
                                                 labelExpr=_num_axis(lang), tickMinStep=1)),
        tooltip=[alt.Tooltip("size_class:N", title=tr("Klasse", "Class", lang)),
                 alt.Tooltip("firms_reached:Q", format=",.0f", title=tr("bereikt", "reached", lang)),
                 alt.Tooltip("firms:Q", format=",.0f", title=tr("totaal", "total", lang))],
    ).properties(height=220)  # fmt: skip
    return alt.vconcat(saved, reached)  # type: ignore[return-value]


def sweep_chart(table: pd.DataFrame, current: float, lang: Lang = "nl") -> alt.Chart:
    """Total saved per threshold, with the current proposal marked by a rule and label."""
    data = table[["threshold", "saved_eur", "firms_reached", "cliff_eur"]].copy()
    x = alt.X("threshold:Q", title=tr("Drempel (werknemers)", "Threshold (employees)", lang))
    line = alt.Chart(data).mark_line(point=True, color="#2e86c1").encode(
        x=x,
        y=alt.Y("saved_eur:Q", axis=alt.Axis(title=tr("Besparing € per jaar", "Saved € per year", lang), labelExpr=_eur_axis(lang))),
        tooltip=[alt.Tooltip("threshold:Q", title=tr("Drempel", "Threshold", lang)),
                 alt.Tooltip("saved_eur:Q", format=",.0f", title="€"),
                 alt.Tooltip("firms_reached:Q", format=",.0f", title=tr("bereikt", "reached", lang)),
                 alt.Tooltip("cliff_eur:Q", format=",.0f", title=tr("klif €", "cliff €", lang))],
    )  # fmt: skip
    mark = pd.DataFrame(
        {"threshold": [current], "label": [tr("huidig voorstel", "current proposal", lang)]}
    )
    rule = alt.Chart(mark).mark_rule(color="#c0392b", strokeDash=[4, 3]).encode(x="threshold:Q")
    text = (
        alt.Chart(mark)
        .mark_text(align="left", dx=4, dy=-6, color="#c0392b")
        .encode(x="threshold:Q", y=alt.value(10), text="label:N")
    )
    return (line + rule + text).properties(height=300)
