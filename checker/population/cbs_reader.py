"""Reader for a user-downloaded CBS StatLine CSV of tables 81588NED / 81589NED.

Why: the size distribution of the metal divisions (SBI 24, 25, 28, 33 …) is not in the
stored data, so users download it from StatLine and load it here.  The classic StatLine CSV
is semicolon-separated with every field quoted: a title line, one or more topic header lines
(the last one names the columns, e.g. "20 tot 50 werkzame personen"), a unit line whose first
cells name the row dimensions ("Bedrijfstakken/branches (SBI 2008)", "Perioden"), data rows
and a "©" footer.  Special cells: ``.`` unknown, ``x`` secret, ``-`` nil (0); a period may
end in ``*`` (provisional) or ``**`` (revised provisional).  Anything else gives a
:class:`CbsFormatError` that says what was expected.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd

from checker.population.size_classes import (
    COUNT_COLUMNS,
    SizeClass,
    finest_partition,
    parse_class_label,
)

MAX_BYTES = 10_000_000
MISSING_SYMBOLS = {".": "onbekend", "x": "geheim", "..": "onbekend"}
NIL_SYMBOLS = {"-"}
_PERIOD = re.compile(r"^\s*(\d{4})(.*?)(\*{0,2})\s*$")
_TOTAL_LABELS = ("totaal bedrijven", "bedrijven totaal", "totaal")


class CbsFormatError(ValueError):
    """The file is not a readable 81588NED/81589NED StatLine CSV; ``line`` is 1-based or 0."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(f"regel {line}: {message}" if line else message)
        self.line = line
        self.message = message


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise CbsFormatError("dit is geen tekstbestand (CSV); download de tabel als CSV")
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise CbsFormatError("tekencodering niet herkend")  # pragma: no cover - latin-1 decodes all


def read_statline(source: str | Path | bytes) -> pd.DataFrame:
    """Parse the CSV into long form: one row per (sector, period, size class).

    Columns: ``sector``, ``sbi``, ``period``, ``provisional`` ('', '*', '**'), ``lo``, ``hi``,
    ``count`` (NaN when the cell is ``.`` or ``x``), ``symbol`` (the raw special symbol) and
    ``line`` (line number in the file).  Aggregate classes are kept; see :func:`to_counts`.
    """
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    if len(data) > MAX_BYTES:
        raise CbsFormatError(f"bestand is groter dan {MAX_BYTES // 1_000_000} MB")
    if not data.strip():
        raise CbsFormatError("het bestand is leeg")
    text = _decode(data)
    if ";" not in text:
        raise CbsFormatError(
            "geen puntkomma's gevonden: verwacht een CBS StatLine-CSV (scheidingsteken ';')"
        )
    try:
        lines = list(csv.reader(io.StringIO(text), delimiter=";", quotechar='"'))
    except csv.Error as exc:
        raise CbsFormatError(f"CSV kan niet worden gelezen: {exc}") from None

    header_idx = -1
    classes: dict[int, SizeClass] = {}
    for i, cells in enumerate(lines):
        parsed = {j: parse_class_label(c) for j, c in enumerate(cells)}
        found = {j: c for j, c in parsed.items() if c is not None}
        if found:
            header_idx, classes = i, found
            break
    if header_idx < 0:
        raise CbsFormatError(
            "geen kolommen met grootteklassen ('… werkzame personen') gevonden; dit lijkt geen "
            "CBS-tabel 81588NED of 81589NED (kies bij 'Onderwerpen' de bedrijfsgrootte)"
        )
    header = lines[header_idx]
    total_col = next(
        (j for j, c in enumerate(header) if c.strip().lower() in _TOTAL_LABELS and j > 0), None
    )
    n_labels = min([*classes, *([total_col] if total_col is not None else [])])
    if n_labels == 0:
        raise CbsFormatError(
            "de eerste kolom is een grootteklasse; de rijlabels ontbreken", header_idx + 1
        )
    unit_idx = header_idx + 1
    if unit_idx >= len(lines):
        raise CbsFormatError("na de kolomkoppen volgen geen gegevens", header_idx + 1)
    dims = [c.strip() for c in lines[unit_idx][:n_labels]]
    period_pos = next((j for j, d in enumerate(dims) if "period" in d.lower()), None)

    records = []
    for i in range(unit_idx + 1, len(lines)):
        cells = lines[i]
        if not cells or all(not c.strip() for c in cells):
            continue
        first = cells[0].strip()
        if first.startswith("©") or first.lower().startswith(("bron:", "source:")):
            continue
        if len(cells) < len(header):
            raise CbsFormatError(
                f"{len(cells)} kolommen, verwacht {len(header)} (zoals in de kolomkoppen)", i + 1
            )
        labels = [c.strip() for c in cells[:n_labels]]
        period_raw = labels[period_pos] if period_pos is not None else ""
        m = _PERIOD.match(period_raw) if period_raw else None
        if period_pos is not None and m is None:
            raise CbsFormatError(f"periode '{period_raw}' niet herkend", i + 1)
        period = (m.group(1) + m.group(2)).strip() if m else ""
        provisional = m.group(3) if m else ""
        sector_labels = [lab for j, lab in enumerate(labels) if j != period_pos]
        sector = " ".join(sector_labels).strip() or "(sector onbekend)"
        for j, cls in classes.items():
            count, symbol = _cell(cells[j], i + 1, header[j])
            records.append((sector, _sbi_code(sector), period, provisional, cls.lo,
                            float(cls.hi) if cls.hi is not None else np.nan, count, symbol, i + 1))  # fmt: skip
        if total_col is not None:
            count, symbol = _cell(cells[total_col], i + 1, header[total_col])
            records.append(
                (sector, _sbi_code(sector), period, provisional, -1, np.nan, count, symbol, i + 1)
            )
    if not records:
        raise CbsFormatError("de tabel bevat geen gegevensregels")
    return pd.DataFrame(records, columns=["sector", "sbi", "period", "provisional", "lo", "hi",
                                          "count", "symbol", "line"])  # fmt: skip


def _cell(raw: str, line: int, column: str) -> tuple[float, str]:
    value = raw.strip()
    if value in MISSING_SYMBOLS:
        return float("nan"), value
    if value in NIL_SYMBOLS or value == "":
        return 0.0, value or "-"
    try:
        number = float(value.replace(" ", "").replace(",", "."))
    except ValueError:
        raise CbsFormatError(
            f"kolom '{column}': '{value[:40]}' is geen getal of CBS-symbool", line
        ) from None
    if number < 0 or not np.isfinite(number):
        raise CbsFormatError(f"kolom '{column}': '{value[:40]}' is geen geldig aantal", line)
    return number, ""


def _sbi_code(sector: str) -> str:
    """'25 Vervaardiging van metaalproducten' -> '25'; 'C Industrie' -> 'C'."""
    head = sector.split(" ", 1)[0]
    return "" if head.startswith("(") else head


def to_counts(long: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """A counts table (see :mod:`size_classes`): per sector its latest period, or ``period``.

    Keeps the finest partition of size classes (drops 0–50, 0–250 and other aggregates);
    unknown/secret cells count as 0 and are listed in ``attrs['missing']``.  The CBS total
    (if present) minus the classes becomes the residual top class when the classes do not
    reach the total (81589NED stops at 50–100), so the population reproduces the total.
    """
    periods = [p for p in dict.fromkeys(long["period"]) if p]
    if period is not None and period not in periods:
        raise CbsFormatError(
            f"periode '{period}' staat niet in het bestand (wel: {', '.join(periods)})"
        )
    rows: list[tuple[str, str, int, float, float, str]] = []
    missing: list[str] = []
    chosen_periods: dict[str, str] = {}
    for sector, all_rows in long.groupby("sector", sort=False):
        own = [p for p in dict.fromkeys(all_rows["period"])]
        if period is not None and period not in own:
            continue
        chosen = period if period is not None else (own[-1] if own else "")
        chosen_periods[str(sector)] = chosen
        grp = all_rows[all_rows["period"] == chosen]
        cls_rows = grp[grp["lo"] >= 0]
        classes = [SizeClass(int(lo), None if np.isnan(hi) else int(hi))
                   for lo, hi in zip(cls_rows["lo"], cls_rows["hi"], strict=True)]  # fmt: skip
        keep = set(finest_partition(classes))
        provisional = grp["provisional"].iloc[0]
        source = f"CBS {chosen}{provisional} (eigen download)"
        total_classes = 0.0
        top = 0
        for row in cls_rows.itertuples(index=False):
            # itertuples fields are typed as generic pandas scalars; the 'count' field also
            # shadows tuple.count for the type checker.  The columns are numeric here.
            lo, hi = int(cast(int, row.lo)), float(cast(float, row.hi))
            raw_count = float(cast(float, row.count))
            cls = SizeClass(lo, None if np.isnan(hi) else int(hi))
            if cls not in keep:
                continue
            count = 0.0 if np.isnan(raw_count) else raw_count
            if np.isnan(raw_count):
                missing.append(f"{sector} {cls.label} ({row.symbol})")
            total_classes += count
            top = max(top, cls.hi if cls.hi is not None else 10**9)
            rows.append((str(sector), str(row.sbi), cls.lo, hi, count, source))
        tot = grp[grp["lo"] < 0]["count"]
        if len(tot) and not np.isnan(tot.iloc[0]) and top < 10**9:
            residual = float(tot.iloc[0]) - total_classes
            if residual > 0:
                rows.append(
                    (
                        str(sector),
                        _sbi_code(str(sector)),
                        top,
                        np.nan,
                        residual,
                        source + " (totaal min klassen)",
                    )
                )
    out = pd.DataFrame(rows, columns=list(COUNT_COLUMNS))
    out.attrs["missing"] = missing
    out.attrs["periods"] = chosen_periods
    if out.empty or out["count"].sum() <= 0:
        raise CbsFormatError("geen bedrijven gevonden in het bestand")
    return out


def read_counts(source: str | Path | bytes, period: str | None = None) -> pd.DataFrame:
    """Read a StatLine CSV straight into a counts table (see :func:`to_counts`)."""
    return to_counts(read_statline(source), period)
