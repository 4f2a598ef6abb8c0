"""The app's Altair charts as PNG images for the printed report (vl-convert, no browser).

The report draws the very chart specs the pages show (:mod:`checker.ui.charts`,
:mod:`checker.population.charts`), so colours, axes and labels are the app's.  Only the
frame changes for print: a fixed width instead of the page's container width, the report's
font, and (for stacked panels) a lower height per panel so the chart fits beside the text.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import altair as alt

FONT_DIR = Path(__file__).parent / "fonts"
FONT_FAMILY = "Liberation Sans"
SCALE = 3  # pixels per CSS pixel: sharp when printed at 150 mm


@cache
def _converter() -> Any:
    """vl-convert, with the report's font registered once per process."""
    import vl_convert

    vl_convert.register_font_directory(str(FONT_DIR))
    return vl_convert


def print_spec(
    chart: alt.TopLevelMixin,
    width: int,
    panel_height: int | None = None,
    step: int | None = None,
) -> dict[str, Any]:
    """The chart's Vega-Lite spec framed for print: fixed width, report font, no view border.

    ``panel_height`` replaces the height of each panel of a stacked (vconcat) chart or of a
    single chart that sets one; ``step`` replaces a height given per bar (``alt.Step``).  The
    encodings and colours stay as the app draws them.
    """
    spec: dict[str, Any] = chart.to_dict()
    config = spec.setdefault("config", {})
    config["font"] = FONT_FAMILY
    view = config.setdefault("view", {})
    view.update(continuousWidth=width, discreteWidth=width, stroke=None)
    config.setdefault("legend", {}).update(labelFontSize=12, titleFontSize=12)
    config.setdefault("axis", {}).update(
        labelFontSize=12, titleFontSize=12, labelLimit=260, labelOverlap=True
    )
    for panel in spec.get("vconcat") or [spec]:
        height = panel.get("height")
        if panel_height is not None and height is not None:
            panel["height"] = panel_height
        elif step is not None and isinstance(height, dict) and "step" in height:
            panel["height"] = {"step": step}
    return spec


def chart_png(
    chart: alt.TopLevelMixin,
    width: int = 620,
    panel_height: int | None = None,
    step: int | None = None,
) -> bytes:
    """A PNG of ``chart`` with a plot ``width`` of CSS pixels (rendered at 3× for print)."""
    return spec_png(print_spec(chart, width, panel_height, step))


def spec_png(spec: dict[str, Any]) -> bytes:
    """A PNG of a spec from :func:`print_spec` (rendered at 3× for print)."""
    return _render(json.dumps(spec, sort_keys=True))


@lru_cache(maxsize=16)
def _render(spec_json: str) -> bytes:
    """One rendering per spec: a report laid out again to fit two pages reuses its chart."""
    png: bytes = _converter().vegalite_to_png(spec_json, scale=SCALE)
    return png
