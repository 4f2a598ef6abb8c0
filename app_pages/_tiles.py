"""Headline figures as tiles that wrap instead of cutting a figure off.

Four ``st.columns`` of equal width cut "€ 444 miljoen" to "€ 444 milj…" on a laptop and long
labels on a phone.  Here each tile is as wide as its label and figure, and a row of tiles
wraps to the next line when they do not fit side by side, so every figure stays whole at any
width (checked in a browser at 1280 and 390 px, tests/test_e2e_policy_browser.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class Tile:
    """One headline figure: what it is, the figure in the reader's notation, an optional hint."""

    label: str
    value: str
    help: str | None = None


def metric_tiles(tiles: Sequence[Tile]) -> None:
    """The tiles side by side where they fit, wrapped onto more lines where they do not."""
    row = st.container(horizontal=True, wrap=True, gap="medium")
    for tile in tiles:
        row.metric(tile.label, tile.value, help=tile.help, width="content")
