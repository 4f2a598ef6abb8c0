"""Which catalogue a result was computed with: every export asks here, never a global engine.

A workbook or report states the catalogue's hash, rule count, sources and tariffs; if it
took them from the shipped catalogue while the result came from another rules directory (or
from a catalogue with the user's changed assumptions), the document would cite rules and
figures it never counted.  Every :class:`~checker.evaluation.Evaluation` carries the catalogue
it was computed with, so the export reads it from there — and builds any extra engine run
(the growth curve, the calibration) on that same catalogue.
"""

from __future__ import annotations

from typing import Any

from checker.catalogue import Catalogue
from checker.engine import Engine


def catalogue_of(evaluation: Any) -> Catalogue:
    """The catalogue ``evaluation`` was computed with (refused when it carries none)."""
    catalogue = getattr(evaluation, "catalogue", None)
    if not isinstance(catalogue, Catalogue):
        raise TypeError(
            f"expected an evaluation that carries its catalogue, got {type(evaluation).__name__}"
        )
    return catalogue


def engine_of(evaluation: Any) -> Engine:
    """An engine over the evaluation's own catalogue, for extra runs such as the growth curve."""
    return Engine(catalogue_of(evaluation))
