"""Result tables where no column is lost: small ones wrap, wide ones offer their columns.

A Streamlit data grid wider than the page cuts its right-hand columns off (a reader saw the
"Datum" and "Link" of the sources, and half the member results, only by scrolling sideways
inside the grid, which nothing on screen suggests).  So:

* a small table (few columns, few rows) is an HTML table whose text wraps: every column is
  on screen at any width;
* a wide table shows the columns that fit on a laptop and lists all its columns above the
  grid as buttons to switch on (``column_order``), with a line saying how many are shown and
  that the download holds them all.

The reader's notation and the column labels come from :func:`checker.ui.labels.display_table`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from app_pages._shared import wrapped_table
from checker.bilingual import Lang
from checker.i18n import column_label, fmt_number, t
from checker.ui.labels import DisplayTable, display_table
from checker.ui.markdown import escape

WRAP_MAX_COLUMNS = 5  # at most this many columns wrap readably on a phone
WRAP_MAX_ROWS = 200  # a longer table stays a scrolling grid (an HTML table would be pages)
MAX_CELL_TEXT = 2_000


def fits_wrapped(table: DisplayTable) -> bool:
    """Small enough to show whole as a wrapping HTML table."""
    return len(table.frame.columns) <= WRAP_MAX_COLUMNS and len(table.frame) <= WRAP_MAX_ROWS


def result_table(
    frame: pd.DataFrame,
    lang: Lang,
    columns: Sequence[str],
    *,
    key: str,
    shown: Sequence[str] = (),
    container: Any = None,
) -> list[str]:
    """``frame``'s ``columns`` labelled and formatted, with no column hidden without a word.

    ``shown`` are the column keys a wide table starts with (the rest are offered above the
    grid); empty shows them all.  Returns the labels of the columns on screen."""
    return show_display_table(
        display_table(frame, lang, columns),
        lang,
        key=key,
        shown=[column_label(c, lang) for c in shown],
        container=container,
    )


def show_display_table(
    table: DisplayTable,
    lang: Lang,
    *,
    key: str,
    shown: Sequence[str] = (),
    container: Any = None,
) -> list[str]:
    """A :class:`DisplayTable` as a wrapping table or an offered-columns grid (see module)."""
    target = container if container is not None else st
    labels = [str(c) for c in table.frame.columns]
    if fits_wrapped(table):
        # An HTML table renders Markdown, and cells may hold what a user typed: shown literally.
        literal = table.frame.map(lambda v: escape(v, MAX_CELL_TEXT) if isinstance(v, str) else v)
        wrapped_table(literal, right=table.numeric, container=target)
        return labels
    visible = labels
    start = [label for label in shown if label in labels]
    if start and len(start) < len(labels):
        chosen = target.pills(
            t("table.columns", lang),
            labels,
            selection_mode="multi",
            default=start,
            key=f"table_columns_{key}_{lang}",
            help=t("table.columns.help", lang),
        )
        visible = [label for label in labels if label in (chosen or start)]
        target.caption(
            t(
                "table.columns.shown",
                lang,
                shown=fmt_number(len(visible), lang),
                total=fmt_number(len(labels), lang),
            )
        )
    config = {
        label: st.column_config.TextColumn(
            label, alignment="right" if label in table.numeric else None, help=table.help.get(label)
        )
        for label in labels
    }
    target.dataframe(
        table.frame, hide_index=True, width="stretch", column_config=config, column_order=visible
    )
    return visible
