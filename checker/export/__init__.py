"""Excel export: the firm workbook and the population/sweep/batch workbook (openpyxl).

The app's download buttons, the CLI's ``export`` command and the population commands'
``--xlsx`` output all go through these two functions, so every workbook has the same
structure, the same safety (no formula injection, no external links) and the same live
formulas over the tariffs on the Aannames sheet.

The workbook modules (and openpyxl) are imported on first use, so code that only needs
:func:`neutralise` (the CSV downloads, the member-file reader) does not pay for them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from checker.export.safe_text import neutralise

if TYPE_CHECKING:
    from checker.export.firm_workbook import cliff_frame, firm_workbook_bytes
    from checker.export.population_workbook import population_workbook_bytes

__all__ = ["cliff_frame", "firm_workbook_bytes", "neutralise", "population_workbook_bytes"]

_LAZY = {
    "cliff_frame": "checker.export.firm_workbook",
    "firm_workbook_bytes": "checker.export.firm_workbook",
    "population_workbook_bytes": "checker.export.population_workbook",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'checker.export' has no attribute {name!r}")
