"""Reader for a user-downloaded CBS StatLine CSV of tables 81588NED / 81589NED.

Why: the size distribution of the metal divisions (SBI 24, 25, 28, 33 …) is not in the
stored data, so users download it from StatLine and load it here.  The classic StatLine CSV
is semicolon-separated with every field quoted: a title line, one or more topic header lines
(the last one names the columns, e.g. "20 tot 50 werkzame personen"), a unit line whose first
cells name the row dimensions ("Bedrijfstakken/branches (SBI 2008)", "Perioden"), data rows
and a "©" footer.  Special cells: ``.`` unknown, ``x`` secret, ``-`` nil (0); a period may
end in ``*`` (provisional) or ``**`` (revised provisional).  Anything else gives a
:class:`CbsFormatError` that says what was expected.

Nothing is dropped without a word: every count in the file ends up in the counts table or in
a listed warning (``attrs['warnings']``, Dutch and English).  A column that mentions persons
but is not a size class we read is reported with the firms in it; a class that the finer
classes do not fully cover, or a total that the classes do not add up to, is reconciled where
that is arithmetic (one unknown part = aggregate − the known parts) and reported otherwise.

Limits: :data:`MAX_BYTES`, :data:`MAX_SECTORS`, class bounds up to
:data:`~checker.population.size_classes.MAX_CLASS_BOUND`, counts up to :data:`MAX_COUNT`.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import BilingualError
from checker.parsing.errors import InputError, Notice
from checker.parsing.numbers import parse_number
from checker.population.size_classes import (
    COUNT_COLUMNS,
    MAX_CLASS_BOUND,
    SizeClass,
    finest_partition,
    looks_like_class_label,
    parse_header_classes,
)

MAX_BYTES = 10_000_000
MAX_SECTORS = 2_000
MAX_COUNT = 10_000_000  # firms in one cell; all of the Netherlands has about 2.5 million
MISSING_SYMBOLS = {".": "onbekend", "x": "geheim", "..": "onbekend", "": "leeg"}
NIL_SYMBOLS = {"-"}
_PERIOD = re.compile(r"^\s*(\d{4})(.*?)(\*{0,2})\s*$")
_TOTAL_LABELS = ("totaal bedrijven", "bedrijven totaal", "totaal")
LONG_COLUMNS = ["sector", "sbi", "period", "provisional", "lo", "hi", "count", "symbol", "line"]
TOTAL_LO = -1  # the 'lo' of a total row in the long form
UNREAD_LO = -2  # the 'lo' of a column that mentions persons but is not a size class we read


class CbsFormatError(BilingualError):
    """The file is not a readable 81588NED/81589NED StatLine CSV; ``line`` is 1-based or 0
    and is named in both languages ("regel 7: …", "line 7: …")."""

    def __init__(self, nl: str, line: int = 0, en: str | None = None) -> None:
        english = en or nl
        super().__init__(
            f"regel {line}: {nl}" if line else nl, f"line {line}: {english}" if line else english
        )
        self.line = line


def _fmt(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


# ---------------------------------------------------------------------------------------------
# The file as lines of cells


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise CbsFormatError(
            "dit is geen tekstbestand (CSV); download de tabel als CSV",
            en="this is not a text file (CSV); download the table as CSV",
        )
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise CbsFormatError(
        "tekencodering niet herkend", en="character encoding not recognised"
    )  # pragma: no cover - latin-1 decodes all


def _lines(source: str | Path | bytes) -> list[list[str]]:
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    if len(data) > MAX_BYTES:
        raise CbsFormatError(
            f"bestand is groter dan {MAX_BYTES // 1_000_000} MB",
            en=f"the file is larger than {MAX_BYTES // 1_000_000} MB",
        )
    if not data.strip():
        raise CbsFormatError("het bestand is leeg", en="the file is empty")
    text = _decode(data)
    if ";" not in text:
        raise CbsFormatError(
            "geen puntkomma's gevonden: verwacht een CBS StatLine-CSV (scheidingsteken ';')",
            en="no semicolons found: expected a CBS StatLine CSV (separator ';')",
        )
    try:
        return list(csv.reader(io.StringIO(text), delimiter=";", quotechar='"'))
    except csv.Error as exc:
        raise CbsFormatError(
            f"CSV kan niet worden gelezen: {exc}", en=f"the CSV cannot be read: {exc}"
        ) from None


@dataclass
class _Layout:
    """Where things are: header and unit line, label columns, class and total columns."""

    header: list[str]
    first_data: int  # index of the first line after the unit line
    n_labels: int
    period_pos: int | None
    classes: dict[int, SizeClass]
    total_col: int | None
    unread: dict[int, str]  # column -> label that mentions persons but is not read


def _layout(lines: list[list[str]]) -> _Layout:
    header_idx, classes = next(
        ((i, found) for i, cells in enumerate(lines) if (found := parse_header_classes(cells))),
        (-1, {}),
    )
    if header_idx < 0:
        raise CbsFormatError(
            "geen kolommen met grootteklassen ('… werkzame personen') gevonden; dit lijkt geen "
            "CBS-tabel 81588NED of 81589NED (kies bij 'Onderwerpen' de bedrijfsgrootte)",
            en="no size-class columns ('… werkzame personen') found; this does not look like CBS "
            "table 81588NED or 81589NED (choose the company size under 'Onderwerpen')",
        )
    header = lines[header_idx]
    _check_bounds(classes, header_idx + 1)
    total_col = next(
        (j for j, c in enumerate(header) if c.strip().lower() in _TOTAL_LABELS and j > 0), None
    )
    n_labels = min([*classes, *([total_col] if total_col is not None else [])])
    if n_labels == 0:
        raise CbsFormatError(
            "de eerste kolom is een grootteklasse; de rijlabels ontbreken",
            header_idx + 1,
            "the first column is a size class; the row labels are missing",
        )
    unit_idx = header_idx + 1
    if unit_idx >= len(lines):
        raise CbsFormatError(
            "na de kolomkoppen volgen geen gegevens",
            header_idx + 1,
            "no data follows the column headers",
        )
    dims = [c.strip() for c in lines[unit_idx][:n_labels]]
    period_pos = next((j for j, d in enumerate(dims) if "period" in d.lower()), None)
    unread = {
        j: c.strip()
        for j, c in enumerate(header)
        if j >= n_labels and j not in classes and j != total_col and looks_like_class_label(c)
    }
    return _Layout(header, unit_idx + 1, n_labels, period_pos, classes, total_col, unread)


def _check_bounds(classes: dict[int, SizeClass], line: int) -> None:
    for cls in classes.values():
        if max(cls.lo, cls.hi or 0) > MAX_CLASS_BOUND:
            raise CbsFormatError(
                f"grootteklasse '{cls.label}' reikt voorbij {_fmt(MAX_CLASS_BOUND)} werkzame "
                "personen; controleer de kolomkoppen",
                line,
                f"size class '{cls.label}' reaches beyond {MAX_CLASS_BOUND:,.0f} persons "
                "employed; check the column headers",
            )


# ---------------------------------------------------------------------------------------------
# Data rows -> long form


@dataclass
class _Row:
    sector: str
    sbi: str
    period: str
    provisional: str
    line: int


def _row_labels(cells: list[str], layout: _Layout, line: int) -> _Row:
    labels = [c.strip() for c in cells[: layout.n_labels]]
    pos = layout.period_pos
    period_raw = labels[pos] if pos is not None else ""
    m = _PERIOD.match(period_raw) if period_raw else None
    if pos is not None and m is None:
        raise CbsFormatError(
            f"periode '{period_raw[:40]}' niet herkend",
            line,
            f"period '{period_raw[:40]}' not recognised",
        )
    period = (m.group(1) + m.group(2)).strip() if m else ""
    sector = " ".join(lab for j, lab in enumerate(labels) if j != pos).strip()
    sector = sector or "(sector onbekend)"
    return _Row(sector, _sbi_code(sector), period, m.group(3) if m else "", line)


def _is_data(cells: list[str]) -> bool:
    if not cells or all(not c.strip() for c in cells):
        return False
    first = cells[0].strip()
    return not (first.startswith("©") or first.lower().startswith(("bron:", "source:")))


def _records(lines: list[list[str]], layout: _Layout) -> tuple[list[tuple[Any, ...]], set[int]]:
    """Long-form records and the lines whose counts used a thousands separator."""
    records: list[tuple[Any, ...]] = []
    grouped: set[int] = set()
    sectors: set[str] = set()
    columns = [
        *(
            (j, cls.lo, float(cls.hi) if cls.hi is not None else np.nan)
            for j, cls in layout.classes.items()
        ),
        *(((layout.total_col, TOTAL_LO, np.nan),) if layout.total_col is not None else ()),
        *((j, UNREAD_LO, np.nan) for j in layout.unread),
    ]
    for i in range(layout.first_data, len(lines)):
        cells = lines[i]
        if not _is_data(cells):
            continue
        if len(cells) < len(layout.header):
            raise CbsFormatError(
                f"{len(cells)} kolommen, verwacht {len(layout.header)} (zoals in de kolomkoppen)",
                i + 1,
                f"{len(cells)} columns, expected {len(layout.header)} (as in the column headers)",
            )
        row = _row_labels(cells, layout, i + 1)
        sectors.add(row.sector)
        if len(sectors) > MAX_SECTORS:
            raise CbsFormatError(
                f"meer dan {_fmt(MAX_SECTORS)} sectoren; kies op StatLine minder bedrijfstakken",
                en=f"more than {MAX_SECTORS:,.0f} sectors; choose fewer industries on StatLine",
            )
        for j, lo, hi in columns:
            count, symbol, separated = _cell(cells[j], i + 1, layout.header[j])
            if separated:
                grouped.add(i + 1)
            records.append(
                (row.sector, row.sbi, row.period, row.provisional, lo, hi, count, symbol, i + 1)
            )
    return records, grouped


def read_statline(source: str | Path | bytes) -> pd.DataFrame:
    """Parse the CSV into long form: one row per (sector, period, size class).

    Columns: ``sector``, ``sbi``, ``period``, ``provisional`` ('', '*', '**'), ``lo``, ``hi``,
    ``count`` (NaN when the cell is ``.``, ``x`` or empty), ``symbol`` (the raw special
    symbol) and ``line`` (line number in the file).  ``lo`` is :data:`TOTAL_LO` for the total
    column and :data:`UNREAD_LO` for a column that mentions persons but is not a size class we
    read (kept so its firms can be reported).  Aggregate classes are kept; see
    :func:`to_counts`.  ``attrs['warnings']`` lists what the reader noticed.
    """
    lines = _lines(source)
    layout = _layout(lines)
    records, grouped = _records(lines, layout)
    if not records:
        raise CbsFormatError(
            "de tabel bevat geen gegevensregels", en="the table contains no data lines"
        )
    long = pd.DataFrame(records, columns=LONG_COLUMNS)
    long.attrs["warnings"] = _reader_warnings(layout, grouped)
    return long


def _reader_warnings(layout: _Layout, grouped: set[int]) -> list[Notice]:
    out: list[Notice] = []
    if grouped:
        first = min(grouped)
        out.append(
            Notice(
                f"aantallen met een punt (zoals '8.520') zijn gelezen als duizendtallen (8520), "
                f"vanaf regel {first}",
                f"counts with a dot (such as '8.520') were read as thousands (8520), from line {first}",
            )
        )
    return out


def _cell(raw: str, line: int, column: str) -> tuple[float, str, bool]:
    """(count, symbol, used a thousands separator) of one cell."""
    value = raw.strip()
    if value in MISSING_SYMBOLS:
        return float("nan"), value, False
    if value in NIL_SYMBOLS:
        return 0.0, value, False
    try:
        parsed = parse_number(value, "int")
    except InputError as exc:
        raise CbsFormatError(
            f"kolom '{column[:60]}': {exc.nl} (verwacht een aantal of een CBS-symbool)",
            line,
            f"column '{column[:60]}': {exc.en} (expected a count or a CBS symbol)",
        ) from None
    number = parsed.value
    if number < 0 or number > MAX_COUNT:
        raise CbsFormatError(
            f"kolom '{column[:60]}': '{value[:40]}' is geen geldig aantal bedrijven "
            f"(0 tot {_fmt(MAX_COUNT)})",
            line,
            f"column '{column[:60]}': '{value[:40]}' is not a valid number of firms "
            f"(0 to {MAX_COUNT:,.0f})",
        )
    return float(number), "", parsed.ambiguous


def _sbi_code(sector: str) -> str:
    """'25 Vervaardiging van metaalproducten' -> '25'; 'C Industrie' -> 'C'."""
    head = sector.split(" ", 1)[0]
    return "" if head.startswith("(") else head


# ---------------------------------------------------------------------------------------------
# Long form -> counts table, with every count accounted for


@dataclass
class _Cls:
    cls: SizeClass
    count: float  # NaN when unknown
    symbol: str


def _span(cls: SizeClass) -> tuple[int, float]:
    return cls.lo, float(cls.hi) if cls.hi is not None else np.inf


def _uncovered(outer: SizeClass, parts: list[SizeClass]) -> list[SizeClass]:
    """The pieces of ``outer`` that no part covers (parts lie inside ``outer``)."""
    pieces: list[SizeClass] = []
    pos: float = outer.lo
    top = _span(outer)[1]
    for part in sorted(parts, key=lambda c: c.lo):
        lo, hi = _span(part)
        if lo > pos:
            pieces.append(SizeClass(int(pos), int(lo)))
        pos = max(pos, hi)
    if pos < top:
        pieces.append(SizeClass(int(pos), None if np.isinf(top) else int(top)))
    return pieces


@dataclass
class _SectorCounts:
    sector: str
    sbi: str
    source: str
    kept: dict[SizeClass, _Cls]
    derived: set[SizeClass]
    warnings: list[Notice]
    missing: list[str]


def _reconcile(
    sc: _SectorCounts, outer: SizeClass, total: float, what_nl: str, what_en: str
) -> None:
    """Make the kept classes inside ``outer`` account for ``total`` firms, or say why not."""
    inside = [c for c in sc.kept if outer.contains(c) or c == outer]
    unknown = [c for c in inside if np.isnan(sc.kept[c].count)]
    known = sum(sc.kept[c].count for c in inside if c not in unknown)
    # "0 tot 50" starts at 0 by name only when the file has no class below 1 person.
    floor = max(outer.lo, min((c.lo for c in sc.kept), default=outer.lo))
    gaps = _uncovered(SizeClass(floor, outer.hi), inside) if floor < _span(outer)[1] else []
    rest = total - known
    if rest == 0:  # the known classes account for all: unknown cells are 0, gaps are empty
        for cls in unknown:
            sc.kept[cls] = _Cls(cls, 0.0, sc.kept[cls].symbol)
            sc.derived.add(cls)
            prefix = f"{sc.sector} {cls.label} "
            sc.missing[:] = [m for m in sc.missing if not m.startswith(prefix)]
        return
    if len(unknown) + len(gaps) == 1 and rest > 0:
        target = unknown[0] if unknown else gaps[0]
        sc.kept[target] = _Cls(target, rest, "")
        sc.derived.add(target)
        if unknown:
            prefix = f"{sc.sector} {target.label} "
            sc.missing[:] = [m for m in sc.missing if not m.startswith(prefix)]
        sc.warnings.append(
            Notice(
                f"{sc.sector}: klasse {target.label} afgeleid uit {what_nl} ({_fmt(total)}) min de "
                f"andere klassen: {_fmt(rest)} bedrijven",
                f"{sc.sector}: class {target.label} derived from {what_en} ({_fmt(total)}) minus the "
                f"other classes: {_fmt(rest)} firms",
            )
        )
        return
    if not unknown and not gaps:
        sc.warnings.append(
            Notice(
                f"{sc.sector}: de klassen tellen op tot {_fmt(known)}, {what_nl} is {_fmt(total)} "
                f"(verschil {_fmt(rest)}); de klassen zijn gebruikt",
                f"{sc.sector}: the classes add up to {_fmt(known)}, {what_en} is {_fmt(total)} "
                f"(difference {_fmt(rest)}); the classes were used",
            )
        )
        return
    sc.warnings.append(
        Notice(
            f"{sc.sector}: {_fmt(max(rest, 0))} bedrijven uit {what_nl} ({_fmt(total)}) vallen in "
            "geen bekende klasse en tellen niet mee",
            f"{sc.sector}: {_fmt(max(rest, 0))} firms of {what_en} ({_fmt(total)}) fall in no known "
            "class and are not counted",
        )
    )


def _sector_counts(sector: str, grp: pd.DataFrame, source: str) -> _SectorCounts:
    rows = [
        _Cls(SizeClass(int(lo), None if np.isnan(hi) else int(hi)), float(n), str(sym))
        for lo, hi, n, sym in zip(grp["lo"], grp["hi"], grp["count"], grp["symbol"], strict=True)
        if lo >= 0
    ]
    sbi = str(grp["sbi"].iloc[0])
    keep = set(finest_partition([r.cls for r in rows]))
    sc = _SectorCounts(
        sector,
        sbi,
        source,
        {r.cls: r for r in rows if r.cls in keep},
        set(),
        [],
        [
            f"{sector} {r.cls.label} ({r.symbol})"
            for r in rows
            if r.cls in keep and np.isnan(r.count)
        ],
    )
    aggregates = sorted(
        (r for r in rows if r.cls not in keep), key=lambda r: _span(r.cls)[1] - r.cls.lo
    )
    for agg in aggregates:
        if not np.isnan(agg.count):
            _reconcile(sc, agg.cls, agg.count, f"klasse {agg.cls.label}", f"class {agg.cls.label}")
    totals = grp[grp["lo"] == TOTAL_LO]["count"]
    if len(totals) and not np.isnan(totals.iloc[0]) and sc.kept:
        start = min(c.lo for c in sc.kept)
        _reconcile(sc, SizeClass(start, None), float(totals.iloc[0]), "het totaal", "the total")
    return sc


def _unread_warnings(long: pd.DataFrame) -> list[Notice]:
    unread = long[long["lo"] == UNREAD_LO]
    if unread.empty:
        return []
    firms = float(np.nansum(unread["count"].to_numpy()))
    return [
        Notice(
            f"{len(unread)} cel(len) in kolommen die niet als grootteklasse worden herkend "
            f"(samen {_fmt(firms)}) zijn niet meegeteld; gebruik labels als '20 tot 50 werkzame "
            "personen' of '20 t/m 49 werkzame personen'",
            f"{len(unread)} cell(s) in columns not recognised as a size class (together "
            f"{_fmt(firms)}) were not counted; use labels such as '20 tot 50 werkzame personen' or "
            "'20 t/m 49 werkzame personen'",
        )
    ]


def _periods(long: pd.DataFrame, period: str | None) -> list[str]:
    periods = [p for p in dict.fromkeys(long["period"]) if p]
    if period is not None and period not in periods:
        raise CbsFormatError(
            f"periode '{period}' staat niet in het bestand (wel: {', '.join(periods[:20])})",
            en=f"period '{period}' is not in the file (it has: {', '.join(periods[:20])})",
        )
    return periods


def to_counts(long: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """A counts table (see :mod:`size_classes`): per sector its latest period, or ``period``.

    Keeps the finest partition of size classes; an aggregate (0–50, or the total) reconciles
    the classes inside it — one unknown or missing class is derived as the aggregate minus the
    others (so 81589NED, which stops at 50–100, gets its 100+ class from the total), any other
    difference is a warning.  Unknown/secret cells count as 0 and are listed in
    ``attrs['missing']``; everything else the reader or this function noticed is in
    ``attrs['warnings']`` (:class:`~checker.parsing.errors.Notice`, Dutch and English).
    """
    _periods(long, period)
    warnings: list[Notice] = list(long.attrs.get("warnings", []))
    long = long.copy(deep=False)
    long.attrs = {}  # pandas deep-copies attrs on every operation; keep the loop linear
    rows: list[tuple[str, str, int, float, float, str]] = []
    missing: list[str] = []
    chosen_periods: dict[str, str] = {}
    for sector, all_rows in long.groupby("sector", sort=False):
        own = list(dict.fromkeys(all_rows["period"]))
        if period is not None and period not in own:
            continue
        chosen = period if period is not None else (own[-1] if own else "")
        chosen_periods[str(sector)] = chosen
        grp = all_rows[all_rows["period"] == chosen]
        source = f"CBS {chosen}{grp['provisional'].iloc[0]} (eigen download)"
        sc = _sector_counts(str(sector), grp, source)
        warnings += sc.warnings
        missing += sc.missing
        for cls, entry in sorted(sc.kept.items(), key=lambda kv: kv[0].lo):
            count = 0.0 if np.isnan(entry.count) else entry.count
            note = " (afgeleid)" if cls in sc.derived else ""
            hi = float(cls.hi) if cls.hi is not None else np.nan
            rows.append((str(sector), sc.sbi, cls.lo, hi, count, source + note))
    chosen_of = long["sector"].map(chosen_periods)
    warnings += _unread_warnings(long[long["period"] == chosen_of])
    if missing:
        warnings.append(
            Notice(
                f"{len(missing)} klasse(n) onbekend of geheim in het CBS-bestand, geteld als 0: "
                + "; ".join(missing[:10])
                + (" …" if len(missing) > 10 else ""),
                f"{len(missing)} class(es) unknown or secret in the CBS file, counted as 0: "
                + "; ".join(missing[:10])
                + (" …" if len(missing) > 10 else ""),
            )
        )
    out = pd.DataFrame(rows, columns=list(COUNT_COLUMNS))
    out.attrs["missing"] = missing
    out.attrs["periods"] = chosen_periods
    out.attrs["warnings"] = warnings
    if out.empty or out["count"].sum() <= 0:
        raise CbsFormatError(
            "geen bedrijven gevonden in het bestand", en="no firms found in the file"
        )
    return out


def read_counts(source: str | Path | bytes, period: str | None = None) -> pd.DataFrame:
    """Read a StatLine CSV straight into a counts table (see :func:`to_counts`)."""
    return to_counts(read_statline(source), period)
