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

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

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
from checker.i18n import fmt_date, fmt_eur, fmt_number, fmt_percent, t
from checker.i18n.vocabulary import domain_label
from checker.ui.charts import eur_axis

if TYPE_CHECKING:
    from checker.catalogue import Catalogue

LEVEL_FIGURE = "eim_2012_al_per_employee"  # the published level the model is set beside
# Open published classes ("100 of meer") are drawn up to this size.
OPEN_CLASS_DRAWN_TO = 250
MODEL_ADMIN_COLOR, MODEL_REGELDRUK_COLOR = "#2e86c1", "#1b4f72"
# The model's class averages: a light shade of the model's blue, so the legend tells them
# apart from the representative firms' line (the segments are also dashed).
MODEL_CLASS_COLOR = "#85c1e9"
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
        return pd.DataFrame(
            columns=["size_class", "model_share", "published_share", "source_id", "year"]
        )
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
                "year": published.year if published else None,
            }
        )
    return pd.DataFrame(rows)


def obligation_counts(cal: Calibration) -> tuple[dict[int, int], PublishedFigure | None]:
    """The catalogue's obligations per representative firm, and the published count."""
    published = next((f for f in cal.published if f.kind == "obligation_count"), None)
    return {p.employees: p.obligations for p in cal.points}, published


# Within this share of the published figure the model counts as level with it ("about the
# same"); outside it the page says "lower" or "higher" and explains only the gap it found.
LEVEL_TOLERANCE = 0.10


def direction(model: float, published: float) -> str:
    """'lower', 'higher' or 'level': how the model's figure stands to the published one.

    The page's sentence is chosen by this, so it can never say "lower" of a model that a
    changed catalogue has made higher."""
    if published and abs(model - published) <= LEVEL_TOLERANCE * abs(published):
        return "level"
    return "lower" if model < published else "higher"


def catalogue_domains(domains: Sequence[str], lang: Lang) -> pd.DataFrame:
    """The catalogue's obligations per domain (``domains``: one entry per rule in force),
    most first: what the coverage section says the catalogue counts, read from the rules."""
    counts = pd.Series(list(domains), dtype=object).value_counts()
    return pd.DataFrame(
        {
            "domain": list(counts.index),
            "label": [domain_label(str(d), lang) for d in counts.index],
            "obligations": [int(n) for n in counts],
        }
    )


def _publisher(sources: Mapping[str, Any], source_id: str) -> str:
    """The publisher a published figure is credited to, as the source list names it."""
    return str(getattr(sources.get(source_id), "publisher", "") or source_id)


def level_text(cal: Calibration, lang: Lang) -> str | None:
    """The model's level beside the published per-employee figures, each class said as the
    data names it and 'lower/higher/about level' chosen from the numbers."""
    published = published_per_employee(cal, lang)
    eim = published[published["figure_id"] == LEVEL_FIGURE]
    if cal.classes is None or len(eim) != 2:
        return None
    model = cal.classes.administrative
    pub = [float(v) for v in eim["eur_per_employee"]]
    ways = [direction(m, p) for m, p in zip(model, pub, strict=True)]
    text = t(
        "page.calibration.level.text",
        lang,
        small_class=eim["size_class"].iloc[0],
        larger_class=eim["size_class"].iloc[1],
        model_small=fmt_eur(model[0], lang),
        model_larger=fmt_eur(model[1], lang),
        published_small=fmt_eur(pub[0], lang),
        published_larger=fmt_eur(pub[1], lang),
        dir_small=t(f"calibration.direction.{ways[0]}", lang),
        dir_larger=t(f"calibration.direction.{ways[1]}", lang),
    )
    if all(w == "lower" for w in ways):
        text += " " + t("page.calibration.level.why_lower", lang)
    elif "higher" in ways:
        text += " " + t("page.calibration.level.why_higher", lang)
    return text


def shares_text(cal: Calibration, sources: Mapping[str, Any], lang: Lang) -> str | None:
    """Who bears the burden, in the model and as published, with the published classes, year
    and publisher from the data; the gap explained only when the model's small share is lower."""
    shares = share_table(cal, lang)
    if not len(shares):
        return None
    small_model, small_published = shares["model_share"].iloc[0], shares["published_share"].iloc[0]
    text = t(
        "page.calibration.shares.text",
        lang,
        small_class=shares["size_class"].iloc[0],
        large_class=shares["size_class"].iloc[-1],
        small_model=fmt_percent(small_model, lang),
        small_published=fmt_percent(small_published, lang),
        large_model=fmt_percent(shares["model_share"].iloc[-1], lang),
        large_published=fmt_percent(shares["published_share"].iloc[-1], lang),
        publisher=_publisher(sources, str(shares["source_id"].iloc[0])),
        year=shares["year"].iloc[0],
    )
    if direction(float(small_model), float(small_published)) == "lower":
        text += " " + t("page.calibration.shares.why_lower", lang)
    return text


def times_text(value: float, lang: Lang) -> str:
    """A ratio as the page and the workbook write it ('3,2×')."""
    return t("calibration.times", lang, ratio=fmt_number(value, lang, decimals=1))


# The data's explanation of a small firm's ratio below the published ones (coverage.yaml).
RATIO_EXPLANATION = "representative_firm_ratio"


def ratio_explanation(cal: Calibration, lang: Lang) -> str | None:
    """Why the firm of :data:`SMALL_FIRM` against :data:`LARGER_FIRM` falls below the published
    ratios; ``None`` when it does not.  The reasons that hold whatever the numbers come from
    the data (class averages against one firm, burdens the catalogue leaves out); what the
    like-for-like class comparison shows is said from the numbers (between, below or above
    the published ratios), so the text can never contradict the tiles beside it."""
    low, high = cal.published_range()
    if cal.ratio(SMALL_FIRM, LARGER_FIRM) >= low:
        return None
    explanation = cal.coverage.explanation(RATIO_EXPLANATION)
    parts = [explanation.note.get(lang)] if explanation is not None else []
    if cal.classes is not None:
        ratio = cal.classes.administrative_ratio
        where = "between" if low <= ratio <= high else ("below" if ratio < low else "above")
        small, larger = cal.classes.small, cal.classes.larger
        parts.append(
            t(
                f"calibration.class_ratio.{where}",
                lang,
                small=f"{small[0]}–{small[1]}",
                larger=f"{larger[0]}–{larger[1]}",
                ratio=times_text(ratio, lang),
                low=times_text(low, lang),
                high=times_text(high, lang),
            )
        )
    return " ".join(parts) or None


def coverage_intro(cal: Calibration, catalogue: Catalogue, lang: Lang) -> str:
    """What the catalogue counts on the calibration's date, read from the rules in force:
    how many obligations, in which domains (most first).  Only obligations: a relief or a
    classification rule in force is no duty of its own, and counting it made the page say
    more obligations than the catalogue holds."""
    obligations = [r for r in catalogue.rules_valid_on(cal.date) if r.kind == "obligation"]
    domains = catalogue_domains([r.domain for r in obligations], lang)
    listed = ", ".join(
        f"{label} ({fmt_number(count, lang)})"
        for label, count in zip(domains["label"], domains["obligations"], strict=True)
    )
    return t(
        "page.calibration.coverage.intro",
        lang,
        count=fmt_number(int(domains["obligations"].sum()), lang),
        domains=fmt_number(len(domains), lang),
        date=fmt_date(cal.date, lang),
        listed=listed,
    )


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
    if cal.classes is not None:  # the model's class averages in the model's blue, lighter
        colors[-1] = MODEL_CLASS_COLOR
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
