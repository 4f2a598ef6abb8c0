"""SBI 2008 (the Dutch NACE Rev. 2) helpers: divisions to sections, and names for the UI."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

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


SBI_CSV = Path(__file__).resolve().parents[1] / "data" / "sbi_2008.csv"

# NACE Rev. 2 divisions that consist of a single class, so e.g. '99.99' is not a code.
_SINGLE_CLASS_DIVISIONS = {
    "12": "1200",
    "36": "3600",
    "37": "3700",
    "75": "7500",
    "97": "9700",
    "99": "9900",
}


@lru_cache(maxsize=1)
def _listed_codes() -> frozenset[str]:
    with SBI_CSV.open(encoding="utf-8", newline="") as fh:
        return frozenset(row["code"] for row in csv.DictReader(fh))


def is_known_code(code: str) -> bool:
    """True for a division in the SBI list, or a class whose division the list allows.

    The list (``data/sbi_2008.csv``) has every division and the classes of the metal divisions
    (24, 25, 28, 33).  Inside a division with listed classes the 4-digit class must be listed;
    elsewhere any class of an existing division is accepted, except in divisions that have a
    single class (``99`` has only ``99.00``).  ``code`` is digits only, as normalised.
    """
    listed = _listed_codes()
    division = code[:2]
    if division not in listed:
        return False
    if len(code) == 2:
        return True
    single = _SINGLE_CLASS_DIVISIONS.get(division)
    if single is not None:
        return code[:4] == single
    detailed = any(len(c) == 4 and c.startswith(division) for c in listed)
    return code[:4] in listed if detailed else True
