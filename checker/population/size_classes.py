"""CBS size classes (werkzame personen) and the firm-count tables the population is built from.

CBS publishes firm counts per size class of *werkzame personen* (owners + employees), with
half-open classes: "20 tot 50" means 20–49.  No class boundary falls at 25, so any statement
about "firms with at most 25 employees" needs an interpolation inside a class.  This module
keeps that interpolation explicit: :func:`headcount_distribution` spreads a class over its
integer headcounts with a power law whose exponent comes from
``data/population/assumptions.yaml``; the class that holds a proposal's threshold can be split
there by an explicit share instead (:mod:`checker.population.class_split`).

A *counts table* is a DataFrame with one row per (sector, size class):
``sector`` (label), ``sbi`` (SBI code or section letter), ``lo`` (inclusive), ``hi``
(exclusive, ``NaN`` for an open top class), ``count`` (firms), ``source`` (table + period).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import BilingualError
from checker.yaml_loading import load_yaml

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "population"
SNAPSHOTS_CSV = "cbs_firm_counts_snapshots.csv"
ASSUMPTIONS_YAML = "assumptions.yaml"
COUNT_COLUMNS = ("sector", "sbi", "lo", "hi", "count", "source")

# Upper bound used for an open top class ("100 of meer", "2000 of meer") when drawing headcounts.
OPEN_CLASS_CAP_FACTOR = 20.0


class CountsError(BilingualError):
    """A counts table is unusable (no classes, negative counts, overlapping classes)."""


@dataclass(frozen=True)
class SizeClass:
    """A half-open class [lo, hi) of werkzame personen; ``hi`` None = open ("100 of meer")."""

    lo: int
    hi: int | None

    @property
    def label(self) -> str:
        if self.hi is None:
            return f"{self.lo}+"
        if self.hi == self.lo + 1:
            return str(self.lo)
        return f"{self.lo}–{self.hi - 1}"

    def contains(self, other: SizeClass) -> bool:
        hi = self.hi if self.hi is not None else 10**12
        ohi = other.hi if other.hi is not None else 10**12
        return self.lo <= other.lo and ohi <= hi and (self.lo, hi) != (other.lo, ohi)


# Upper bound for any class boundary: the largest Dutch firms have some 10^5 werkzame personen,
# and a bound of 2,000,000,000 once tried to allocate 15 GiB for the headcount spread.
MAX_CLASS_BOUND = 1_000_000

_PERSONS = r"werkza(?:am|me)\s+perso(?:on|nen)"
_ONE = re.compile(rf"^\s*(\d+)\s+{_PERSONS}\s*$", re.I)
_RANGE = re.compile(rf"^\s*(\d+)\s*tot\s*(\d+)\s+{_PERSONS}\s*$", re.I)
_THROUGH = re.compile(
    rf"^\s*(\d+)\s*(?:t/m|t\.m\.|tm|tot\s+en\s+met)\s*(\d+)\s+{_PERSONS}\s*$", re.I
)
_DASH = re.compile(rf"^\s*(\d+)\s*(?:-|–|—)\s*(\d+)\s+{_PERSONS}\s*$", re.I)
_OPEN = re.compile(rf"^\s*(\d+)\s*(?:of meer|en meer|\+)\s+{_PERSONS}\s*$", re.I)
_OPEN2 = re.compile(rf"^\s*(\d+)\s+{_PERSONS}\s+(?:of|en)\s+meer\s*$", re.I)
_CLASS_WORDS = re.compile(r"werkz|persone|persoon|werknemer|medewerker|employ", re.I)


def parse_class_label(label: str, dash_inclusive: bool = True) -> SizeClass | None:
    """'20 tot 50 werkzame personen' -> SizeClass(20, 50); None if not a size-class label.

    "tot" is exclusive (CBS: "20 tot 50" = 20–49), "t/m" and "tot en met" inclusive
    ("20 t/m 49" = 20–49).  A dash is read as inclusive ("20-49"), or exclusive when the caller
    found that the file's dashed labels touch ("10-20", "20-50"); see :func:`parse_header_classes`.
    """
    text = str(label).strip().strip('"')
    m = _ONE.match(text)
    if m:
        n = int(m.group(1))
        return SizeClass(n, n + 1)
    m = _RANGE.match(text)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
        return SizeClass(lo, hi) if hi > lo else None
    m = _THROUGH.match(text) or _DASH.match(text)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
        inclusive = dash_inclusive or m.re is _THROUGH
        top = hi + 1 if inclusive else hi
        return SizeClass(lo, top) if top > lo else None
    m = _OPEN.match(text) or _OPEN2.match(text)
    if m:
        return SizeClass(int(m.group(1)), None)
    return None


def looks_like_class_label(label: str) -> bool:
    """True for a header that mentions persons or employees (a size class we may not read)."""
    return bool(_CLASS_WORDS.search(str(label)))


def parse_header_classes(cells: list[str]) -> dict[int, SizeClass]:
    """Size classes of a header row by column; dashed labels inclusive unless they touch."""
    found = {j: c for j, c in ((j, parse_class_label(x)) for j, x in enumerate(cells)) if c}
    dashed = [j for j in found if _DASH.match(str(cells[j]).strip().strip('"'))]
    exclusive = {j: parse_class_label(cells[j], dash_inclusive=False) for j in dashed}
    ends = {c.hi for c in exclusive.values() if c is not None}
    if any(c is not None and c.lo in ends for c in exclusive.values()):
        found.update({j: c for j, c in exclusive.items() if c is not None})
    return found


def finest_partition(classes: list[SizeClass]) -> list[SizeClass]:
    """Drop aggregate classes (0–50, 0–250, 100+ when 100–150… exist) and keep the finest ones."""
    unique = sorted(set(classes), key=lambda c: (c.lo, c.hi or 10**12))
    kept = [c for c in unique if not any(c.contains(o) for o in unique if o != c)]
    # Drop the zero-person lower bound aggregates that survive (e.g. only "0 tot 50" given).
    return kept


@lru_cache(maxsize=1)
def assumptions(path: str | None = None) -> dict[str, Any]:
    """The population assumptions (interpolation, legal forms, noise) with their bases."""
    p = Path(path) if path else DATA_DIR / ASSUMPTIONS_YAML
    data: dict[str, Any] = load_yaml(
        p
    )  # strict: a duplicated key is an error, not a silent overwrite
    return data


def _read_snapshots() -> list[dict[str, str]]:
    with (DATA_DIR / SNAPSHOTS_CSV).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _section_code(label: str) -> str:
    """'C Industrie' -> 'C'; 'O-Q Overheid en zorg' -> 'O-Q'; '245 Metaalgieterijen' -> '245'."""
    head = label.split(" ", 1)[0]
    return head


def counts_from_snapshot(table: str, period: str, sector: str) -> dict[str, int]:
    """The raw measures of one sector row of the stored CBS snapshots (measure label -> count)."""
    out: dict[str, int] = {}
    for row in _read_snapshots():
        if row["table_id"] == table and row["period"] == period and row["sbi_label"] == sector:
            out[row["measure"]] = int(row["value"])
    if not out:
        raise CountsError(
            f"geen CBS-cijfers voor '{sector}' in {table} {period}",
            f"no CBS figures for '{sector}' in {table} {period}",
        )
    return out


# Sections of 81588NED 2024 Q2 that together cover A-U (R-U is the residual, see sidecar).
NL_PERIOD_SECTIONS = "2024 2e kwartaal*"
NL_SECTION_LABELS = (
    "A Landbouw, bosbouw en visserij",
    "B Delfstoffenwinning",
    "C Industrie",
    "D Energievoorziening",
    "E Waterbedrijven en afvalbeheer",
    "F Bouwnijverheid",
    "G Handel",
    "H Vervoer en opslag",
    "I Horeca",
    "J Informatie en communicatie",
    "K Financiële dienstverlening",
    "L Verhuur en handel van onroerend goed",
    "M Specialistische zakelijke diensten",
    "N Verhuur en overige zakelijke diensten",
    "O-Q Overheid en zorg",
)
NL_LABEL = "A-U Alle economische activiteiten"
SHAPE_PERIOD = "2025 1e kwartaal*"


def detailed_shape() -> dict[SizeClass, float]:
    """Shares of the detailed classes inside 2–49 and 50–249, from NL 81589NED 2025 Q1 [D].

    81588NED 2024 Q2 gives sections only as 1 / 0–49 / 0–249 / 250–499 / total.  The split of
    2–49 into 2, 3–4, 5–9, 10–19, 20–49 uses the all-NL shares of 81589NED 2025 Q1; the split
    of 50–249 into 50–99 and 100–249 uses NL 50–99 (2025 Q1) against NL 50–249 (2024 Q2).
    """
    nl = counts_from_snapshot("81589NED", SHAPE_PERIOD, NL_LABEL)
    nl24 = counts_from_snapshot("81588NED", NL_PERIOD_SECTIONS, NL_LABEL)
    small = {
        SizeClass(2, 3): nl["2 werkzame personen"],
        SizeClass(3, 5): nl["3 tot 5 werkzame personen"],
        SizeClass(5, 10): nl["5 tot 10 werkzame personen"],
        SizeClass(10, 20): nl["10 tot 20 werkzame personen"],
        SizeClass(20, 50): nl["20 tot 50 werkzame personen"],
    }
    total_small = sum(small.values())
    shape = {c: v / total_small for c, v in small.items()}
    mid = nl24["0 tot 250 werkzame personen"] - nl24["0 tot 50 werkzame personen"]
    share_50_99 = min(1.0, nl["50 tot 100 werkzame personen"] / mid)
    shape[SizeClass(50, 100)] = share_50_99
    shape[SizeClass(100, 250)] = 1.0 - share_50_99
    return shape


def _split(count: float, parts: dict[SizeClass, float]) -> dict[SizeClass, int]:
    """Split an integer count over classes by shares, largest remainder so the sum is exact."""
    raw = {c: count * s for c, s in parts.items()}
    floor = {c: int(np.floor(v)) for c, v in raw.items()}
    rest = round(count) - sum(floor.values())
    for c in sorted(raw, key=lambda k: raw[k] - floor[k], reverse=True)[: max(rest, 0)]:
        floor[c] += 1
    return floor


def section_counts(label: str, period: str = NL_PERIOD_SECTIONS) -> pd.DataFrame:
    """Counts table of one 81588NED section, detailed classes via :func:`detailed_shape`."""
    raw = counts_from_snapshot("81588NED", period, label)
    return _coarse_to_table(label, _section_code(label), raw, f"CBS 81588NED {period}")


def _coarse_to_table(label: str, code: str, raw: dict[str, int], source: str) -> pd.DataFrame:
    total = raw["Totaal bedrijven"]
    one = raw["1 werkzaam persoon"]
    lt50 = raw["0 tot 50 werkzame personen"]
    lt250 = raw["0 tot 250 werkzame personen"]
    c250 = raw["250 tot 500 werkzame personen"]
    shape = detailed_shape()
    rows: list[tuple[SizeClass, int]] = [(SizeClass(1, 2), one)]
    small = {c: s for c, s in shape.items() if c.hi is not None and c.hi <= 50}
    mid = {c: s for c, s in shape.items() if c.lo >= 50}
    rows += list(_split(max(lt50 - one, 0), small).items())
    rows += list(_split(max(lt250 - lt50, 0), mid).items())
    rows.append((SizeClass(250, 500), c250))
    rows.append((SizeClass(500, None), max(total - lt250 - c250, 0)))
    return pd.DataFrame(
        [(label, code, c.lo, float(c.hi) if c.hi else np.nan, float(n), source) for c, n in rows],
        columns=list(COUNT_COLUMNS),
    )


def nl_counts() -> pd.DataFrame:
    """All of the Netherlands by section (81588NED 2024 Q2), R-U as the residual of A-U."""
    parts = [section_counts(lbl) for lbl in NL_SECTION_LABELS]
    total = counts_from_snapshot("81588NED", NL_PERIOD_SECTIONS, NL_LABEL)
    sums: dict[str, int] = {}
    for lbl in NL_SECTION_LABELS:
        for k, v in counts_from_snapshot("81588NED", NL_PERIOD_SECTIONS, lbl).items():
            sums[k] = sums.get(k, 0) + v
    residual = {k: max(total[k] - sums.get(k, 0), 0) for k in total}
    parts.append(
        _coarse_to_table(
            "R-U Overige diensten (restpost)",
            "R-U",
            residual,
            f"CBS 81588NED {NL_PERIOD_SECTIONS} (A-U min secties)",
        )
    )
    return pd.concat(parts, ignore_index=True)


def division_counts(label: str, period: str = "2026 1e kwartaal*") -> pd.DataFrame:
    """Detailed-class counts of a 81589NED row (e.g. '245 Metaalgieterijen'); 100+ as residual."""
    raw = counts_from_snapshot("81589NED", period, label)
    rows = []
    for measure, value in raw.items():
        cls = parse_class_label(measure)
        if cls is not None:
            rows.append((cls, value))
    known = sum(v for _, v in rows)
    rows.append((SizeClass(100, None), max(raw.get("Totaal bedrijven", known) - known, 0)))
    code = _section_code(label)
    src = f"CBS 81589NED {period}"
    return pd.DataFrame(
        [(label, code, c.lo, float(c.hi) if c.hi else np.nan, float(n), src) for c, n in rows],
        columns=list(COUNT_COLUMNS),
    )


def available_scopes() -> dict[str, str]:
    """Scope id -> label of the built-in populations (NL, the metal sector, the sections and
    the stored divisions).  The metal sector is an estimate and its label says so."""
    from checker.population.metal import METAL_SCOPE, metal_estimate

    scopes = {"nl": "Nederland (A-U, CBS 81588NED 2024 K2)"}
    scopes[METAL_SCOPE] = f"{metal_estimate().label.nl} uit CBS-sectie C (81588NED 2024 K2)"
    for lbl in NL_SECTION_LABELS:
        scopes[f"section:{_section_code(lbl)}"] = f"{lbl} (CBS 81588NED 2024 K2)"
    for row in _read_snapshots():
        if row["table_id"] == "81589NED" and row["period"] == "2026 1e kwartaal*":
            scopes.setdefault(
                f"division:{row['sbi_label']}", f"{row['sbi_label']} (CBS 81589NED 2026 K1)"
            )
    return scopes


def scope_counts(scope: str) -> pd.DataFrame:
    """Counts table for a scope id from :func:`available_scopes`."""
    from checker.population.metal import METAL_SCOPE, metal_counts

    if scope == "nl":
        return nl_counts()
    if scope == METAL_SCOPE:
        return metal_counts()
    kind, _, key = scope.partition(":")
    if kind == "section":
        for lbl in NL_SECTION_LABELS:
            if _section_code(lbl) == key:
                return section_counts(lbl)
    elif kind == "division":
        return division_counts(key)
    known = ", ".join(available_scopes())
    raise CountsError(
        f"onbekende populatie '{scope}' (bekend: {known})",
        f"unknown population '{scope}' (known: {known})",
    )


def validate_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Check a counts table (columns, non-negative counts, no overlapping classes per sector)."""
    missing = [c for c in ("sector", "sbi", "lo", "hi", "count") if c not in counts.columns]
    if missing:
        raise CountsError(
            f"telling mist kolommen: {', '.join(missing)}",
            f"the counts lack columns: {', '.join(missing)}",
        )
    if counts.empty:
        raise CountsError("telling bevat geen grootteklassen", "the counts have no size classes")
    if (counts["count"] < 0).any() or counts["count"].isna().any():
        raise CountsError(
            "telling bevat negatieve of ontbrekende aantallen",
            "the counts contain negative or missing numbers",
        )
    bounds = pd.concat([counts["lo"], counts["hi"].dropna()])
    if (bounds > MAX_CLASS_BOUND).any() or (counts["lo"] < 0).any():
        raise CountsError(
            f"telling bevat een grootteklasse buiten 0…{MAX_CLASS_BOUND:,} werkzame personen".replace(
                ",", "."
            ),
            f"the counts contain a size class outside 0…{MAX_CLASS_BOUND:,} persons employed",
        )
    for sector, grp in counts.groupby("sector", sort=False):
        g = grp.sort_values("lo")
        his = g["hi"].to_numpy()
        los = g["lo"].to_numpy()
        if (np.isnan(his[:-1])).any() or (los[1:] < his[:-1]).any():
            raise CountsError(
                f"overlappende grootteklassen in '{sector}'",
                f"overlapping size classes in '{sector}'",
            )
    return counts


def headcount_density(lo: int, hi: float, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    """Integer headcounts in [lo, hi) and the share of the class at each (sums to 1).

    A discrete Pareto density: the share of headcount p is p^-alpha - (p+1)^-alpha, normalised
    within the class.  Open classes (``hi`` NaN) are capped at ``lo * OPEN_CLASS_CAP_FACTOR``.
    A class that starts at 0 werkzame personen (firms without anyone working, e.g. holdings) is
    spread as if it started at 1, so its firms are kept instead of vanishing in a division by
    infinity.
    """
    top = int(max(lo, 1) * OPEN_CLASS_CAP_FACTOR) if np.isnan(hi) else int(hi)
    p = np.arange(lo, max(top, lo + 1), dtype=np.float64)
    q = p + 1.0 if lo == 0 else p  # a class that starts at 0 persons: shift, 0^-alpha is inf
    dens = q**-alpha - (q + 1.0) ** -alpha
    return p, dens / dens.sum()


def headcount_distribution(
    lo: int, hi: float, count: int, alpha: float, override_share: tuple[int, float] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Integer headcounts in [lo, hi) and how many of ``count`` firms have each (sums exactly).

    Firms are spread with :func:`headcount_density`.  ``override_share = (cut, share)`` puts
    exactly ``share`` of the class below ``cut`` (a user's split of the class that holds the
    proposal's threshold, see :class:`ClassSplit`).
    """
    p, dens = headcount_density(lo, hi, alpha)
    if override_share is not None:
        cut, share = override_share
        below = p < cut
        if below.any() and (~below).any():
            dens = np.where(
                below, dens / dens[below].sum() * share, dens / dens[~below].sum() * (1 - share)
            )
    expected = dens * count
    n = np.floor(expected).astype(np.int64)
    rest = int(count - n.sum())
    if rest > 0:
        order = np.argsort(-(expected - n), kind="stable")[:rest]
        n[order] += 1
    return p.astype(np.int64), n
