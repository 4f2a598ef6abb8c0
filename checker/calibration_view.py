"""What the calibration page and the workbook's calibration sheet show, as plain tables.

:func:`checker.calibration.calibrate` measures; this module lays the measurements out for a
reader, in one place for both the Kalibratie page and the Excel export, so the two never
disagree: the model's burden per employee for representative firms, the published aggregates
beside it, the ratios between small and larger firms, the shares borne by the smallest firms,
the number of obligations, and what the catalogue does and does not cover.

Every table has stable snake_case columns with raw numbers (the page formats them, a workbook
keeps them as numbers); words come from the message catalogue and the calibration data in the
reader's language.  :func:`per_employee_chart` draws the comparison.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from checker.bilingual import Lang
from checker.calibration import (
    LARGER_FIRM,
    RATIO_FIGURES,
    SMALL_FIRM,
    Calibration,
    PublishedFigure,
    SizeClassValue,
)
from checker.i18n import fmt_eur, fmt_number, t
from checker.ui.charts import eur_axis

# Open published classes ("100 of meer") are drawn up to this size.
OPEN_CLASS_DRAWN_TO = 250
MODEL_ADMIN_COLOR, MODEL_REGELDRUK_COLOR = "#2e86c1", "#1b4f72"
PUBLISHED_COLORS = ("#c0392b", "#e67e22", "#8e44ad")


def class_label(value: SizeClassValue, lang: Lang) -> str:
    return value.label.get(lang)


def representative_table(cal: Calibration) -> pd.DataFrame:
    """Per representative firm: obligations, € per year and € per employee by cost type."""
    rows = [
        {
            "employees": p.employees,
            "obligations": p.obligations,
            "administrative_eur": p.administrative_eur,
            "regulatory_eur": p.administrative_eur + p.substantive_eur,
            "financial_eur": p.financial_eur,
            "administrative_per_employee": p.administrative_per_employee,
            "regulatory_per_employee": p.regeldruk_per_employee,
            "financial_per_employee": p.financial_per_employee,
        }
        for p in cal.points
    ]
    return pd.DataFrame(rows)


def published_per_employee(cal: Calibration, lang: Lang) -> pd.DataFrame:
    """The published per-employee figures, one row per size class."""
    rows = [
        {
            "figure_id": f.id,
            "figure": f.title.get(lang),
            "size_class": class_label(c, lang),
            "min_employees": c.min_employees,
            "max_employees": c.max_employees,
            "eur_per_employee": c.value,
            "year": f.year,
            "source_id": f.source,
        }
        for f in cal.published
        if f.kind == "per_employee_by_size"
        for c in f.classes
    ]
    return pd.DataFrame(rows)


def ratio_table(cal: Calibration, lang: Lang) -> pd.DataFrame:
    """Burden per employee of small against larger firms: the model's and the published."""
    rows: list[dict[str, Any]] = [
        {
            "comparison": t(
                "calibration.ratio.model_firms",
                lang,
                small=fmt_number(SMALL_FIRM, lang),
                larger=fmt_number(LARGER_FIRM, lang),
            ),
            "source": "model",
            "administrative": cal.ratio(SMALL_FIRM, LARGER_FIRM, "administrative"),
            "regulatory": cal.ratio(SMALL_FIRM, LARGER_FIRM, "regeldruk"),
        }
    ]
    if cal.classes is not None:
        small, larger = cal.classes.small, cal.classes.larger
        rows.append(
            {
                "comparison": t(
                    "calibration.ratio.model_classes",
                    lang,
                    small=f"{small[0]}–{small[1]}",
                    larger=f"{larger[0]}–{larger[1]}",
                ),
                "source": "model",
                "administrative": cal.classes.administrative_ratio,
                "regulatory": cal.classes.regeldruk_ratio,
            }
        )
    for figure in cal.published:
        if figure.id in RATIO_FIGURES and figure.ratio:
            rows.append(
                {
                    "comparison": figure.title.get(lang),
                    "source": figure.source,
                    "administrative": figure.ratio,
                    "regulatory": None,
                }
            )
    return pd.DataFrame(rows)


def share_table(cal: Calibration, lang: Lang) -> pd.DataFrame:
    """Share of all administrative burden borne by the smallest and the largest firms."""
    if cal.classes is None:
        return pd.DataFrame(columns=["size_class", "model_share", "published_share", "source_id"])
    published = next((f for f in cal.published if f.id == "eim_2002_share_small"), None)
    model = {0: cal.classes.share_small, 1: cal.classes.share_large}
    rows = []
    for i, cls in enumerate(published.classes if published else []):
        rows.append(
            {
                "size_class": class_label(cls, lang),
                "model_share": model.get(i),
                "published_share": cls.value,
                "source_id": published.source if published else "",
            }
        )
    return pd.DataFrame(rows)


def obligation_counts(cal: Calibration) -> tuple[dict[int, int], PublishedFigure | None]:
    """The catalogue's obligations per representative firm, and the published count."""
    published = next((f for f in cal.published if f.kind == "obligation_count"), None)
    return {p.employees: p.obligations for p in cal.points}, published


def coverage_table(cal: Calibration, lang: Lang) -> pd.DataFrame:
    """What the catalogue counts and what it leaves out, one row per item."""
    rows = [
        {"part": part, "label": item.label.get(lang), "note": item.note.get(lang)}
        for part, items in (
            ("covered", cal.coverage.covered),
            ("not_covered", cal.coverage.not_covered),
        )
        for item in items
    ]
    return pd.DataFrame(rows)


def sources_table(cal: Calibration, sources: Mapping[str, Any], lang: Lang) -> pd.DataFrame:
    """The published figures with a readable source: title, publisher, year and link."""
    rows = []
    for figure in cal.published:
        src = sources.get(figure.source)
        rows.append(
            {
                "figure": figure.title.get(lang),
                "note": figure.note.get(lang),
                "title": getattr(src, "title", figure.source),
                "publisher": getattr(src, "publisher", ""),
                "date": str(getattr(src, "date", "")),
                "url": str(getattr(src, "url", "") or ""),
            }
        )
    return pd.DataFrame(rows)


def _model_lines(cal: Calibration, lang: Lang) -> pd.DataFrame:
    admin, regeldruk = (
        t("calibration.chart.model_admin", lang),
        t("calibration.chart.model_regeldruk", lang),
    )
    rows = []
    for p in cal.points:
        for series, value in (
            (admin, p.administrative_per_employee),
            (regeldruk, p.regeldruk_per_employee),
        ):
            rows.append(
                {
                    "employees": p.employees,
                    "series": series,
                    "eur": value,
                    "eur_text": fmt_eur(value, lang),
                    "what": t(
                        "calibration.chart.firm_of", lang, employees=fmt_number(p.employees, lang)
                    ),
                }
            )
    return pd.DataFrame(rows)


def _class_segments(cal: Calibration, lang: Lang) -> pd.DataFrame:
    """Published classes, and the model's averages of the same classes, as segments."""
    rows = []
    for figure in cal.published:
        if figure.kind != "per_employee_by_size" or figure.id not in RATIO_FIGURES:
            continue
        name = t("calibration.chart.published", lang, year=figure.year)
        for cls in figure.classes:
            rows.append(
                {
                    "series": name,
                    "from": max(cls.min_employees, 1),
                    "to": cls.max_employees or OPEN_CLASS_DRAWN_TO,
                    "eur": cls.value,
                    "eur_text": fmt_eur(cls.value, lang),
                    "what": class_label(cls, lang),
                }
            )
    if cal.classes is not None:
        name = t("calibration.chart.model_class", lang)
        for bounds, value in zip(
            (cal.classes.small, cal.classes.larger), cal.classes.administrative, strict=True
        ):
            rows.append(
                {
                    "series": name,
                    "from": bounds[0],
                    "to": bounds[1],
                    "eur": value,
                    "eur_text": fmt_eur(value, lang),
                    "what": f"{bounds[0]}–{bounds[1]}",
                }
            )
    return pd.DataFrame(rows)


def per_employee_chart(cal: Calibration, lang: Lang = "nl") -> alt.LayerChart:
    """€ per employee by company size: the model's representative firms (lines), the model's
    class averages and the published class figures (horizontal segments over their class)."""
    lines = _model_lines(cal, lang)
    segments = _class_segments(cal, lang)
    series = [*dict.fromkeys(lines["series"]), *dict.fromkeys(segments["series"])]
    colors = [MODEL_ADMIN_COLOR, MODEL_REGELDRUK_COLOR, *PUBLISHED_COLORS][: len(series)]
    if cal.classes is not None:  # the model's class averages in the model's colour
        colors[-1] = MODEL_ADMIN_COLOR
    color = alt.Color(
        "series:N",
        title=None,
        sort=series,
        scale=alt.Scale(domain=series, range=colors),
        legend=alt.Legend(orient="top", columns=2, labelLimit=420),
    )
    x = alt.X(
        "employees:Q",
        scale=alt.Scale(type="log", domain=[1, 300]),
        axis=alt.Axis(values=[1, 2, 5, 10, 20, 50, 100, 200], format="d"),
        title=t("calibration.chart.x", lang),
    )
    y_axis = eur_axis(t("calibration.chart.y", lang), lang)
    tips = [
        alt.Tooltip("what:N", title=""),
        alt.Tooltip("series:N", title=""),
        alt.Tooltip("eur_text:N", title=t("calibration.chart.y", lang)),
    ]
    model = (
        alt.Chart(lines)
        .mark_line(point=True)
        .encode(x=x, y=alt.Y("eur:Q", axis=y_axis), color=color, tooltip=tips)
    )
    published = (
        alt.Chart(segments)
        .mark_rule(strokeWidth=5, opacity=0.8)
        .encode(
            x=alt.X("from:Q", scale=alt.Scale(type="log", domain=[1, 300])),
            x2="to:Q",
            y=alt.Y("eur:Q", axis=y_axis),
            color=color,
            strokeDash=alt.condition(
                alt.datum.series == t("calibration.chart.model_class", lang),
                alt.value([6, 3]),
                alt.value([1, 0]),
            ),
            tooltip=tips,
        )
    )
    return (model + published).properties(height=360)
