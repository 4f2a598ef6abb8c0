"""SBI 2008 (the Dutch NACE Rev. 2) helpers: divisions to sections, and names for the UI."""

from __future__ import annotations

import numpy as np
import pandas as pd

# NACE Rev. 2 / SBI 2008 section letters by division range (inclusive).
_SECTION_RANGES: tuple[tuple[int, int, str], ...] = (
    (1, 3, "A"),
    (5, 9, "B"),
    (10, 33, "C"),
    (35, 35, "D"),
    (36, 39, "E"),
    (41, 43, "F"),
    (45, 47, "G"),
    (49, 53, "H"),
    (55, 56, "I"),
    (58, 63, "J"),
    (64, 66, "K"),
    (68, 68, "L"),
    (69, 75, "M"),
    (77, 82, "N"),
    (84, 84, "O"),
    (85, 85, "P"),
    (86, 88, "Q"),
    (90, 93, "R"),
    (94, 96, "S"),
    (97, 98, "T"),
    (99, 99, "U"),
)

_DIVISION_TO_SECTION: dict[str, str] = {
    f"{d:02d}": letter for lo, hi, letter in _SECTION_RANGES for d in range(lo, hi + 1)
}


def section_of(sbi: str | None) -> str | None:
    """Section letter of an SBI code ('2562' -> 'C'); None when unknown."""
    if not sbi:
        return None
    return _DIVISION_TO_SECTION.get(str(sbi)[:2])


def sections_of(sbi: pd.Series) -> np.ndarray:
    """Vectorised :func:`section_of` over a column of SBI codes (as strings)."""
    divisions = sbi.astype("string").str.slice(0, 2)
    mapped = divisions.map(_DIVISION_TO_SECTION)
    return np.asarray(mapped.astype(object).where(mapped.notna(), None))


def is_known_division(sbi: str) -> bool:
    return sbi[:2] in _DIVISION_TO_SECTION
