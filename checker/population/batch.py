"""Member-list batch: a CSV or XLSX of firm profiles -> per-firm results and totals.

Why this shape: a trade association uploads its member file as it is.  Headers may be Dutch
or English (:data:`HEADER_ALIASES`); :mod:`checker.population.member_file` splits the file
into rows (encodings, ``sep=;``, title rows, short rows); here every row becomes a profile
validated by the same :func:`checker.profile.parse_profile` as the single-firm check, and the
valid rows are evaluated in ONE engine call, so member results equal single-firm checks.

Nothing is dropped without a word.  Numbers are read by :func:`checker.parsing.numbers.parse_number`
with the column's evident notation (Dutch "1.000" is a thousand); legal forms by their common
spellings.  Only a missing or unusable headcount skips a row (:attr:`BatchInput.errors`); an
unusable optional value (legal form "Holding", turnover "onbekend", an unknown SBI code) is
left out — the member keeps the documented default — and listed in :attr:`BatchInput.warnings`;
what applies to the whole file (encoding, header position, notation assumed, other sheets) is
in :attr:`BatchInput.notices`.  Files are never trusted: size, row, column and cell limits,
formulas are never evaluated, and text a spreadsheet would run as a formula is neutralised
when results are written back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import Lang
from checker.engine import Engine
from checker.parsing.errors import InputError
from checker.parsing.legal_forms import normalise_legal_form
from checker.parsing.numbers import (
    Convention,
    ConventionEvidence,
    Kind,
    cell_evidence,
    parse_number,
)
from checker.population.aggregate import reached_mask, resolve
from checker.population.member_file import (
    BatchFileError,
    Notice,
    RawRow,
    RawTable,
    read_csv,
    read_xlsx,
)
from checker.profile import (
    BOOL_FIELDS,
    NUMERIC_FIELDS,
    PROFILE_FIELDS,
    BilingualError,
    FirmProfile,
    ProfileError,
    normalise_sbi,
    parse_profile,
    printable,
    profiles_to_frame,
)
from checker.sbi import is_known_code
from checker.scenario_model import DEFAULT_SCENARIO, Scenario, Threshold

MAX_FILE_BYTES = 5_000_000
MAX_CELL_CHARS = 1_000

# Accepted headers (lower-cased, spaces/dashes -> '_') per profile field; field names themselves
# are always accepted.  Documented in the Ledenbestand page and `drempelcheck batch --help`.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("naam", "bedrijfsnaam", "bedrijf", "company", "company_name", "lid", "naam_lid"),
    "employees": (
        "werknemers",
        "aantal_werknemers",
        "personeel",
        "medewerkers",
        "staff",
        "werknemers_(personen)",
        "number_of_employees",
    ),
    "fte": ("fte", "voltijdbanen", "full_time_equivalents", "aantal_fte"),
    "legal_form": ("rechtsvorm", "legal_form", "form"),
    "sector_sbi": ("sbi", "sbi_code", "sbi-code", "sector", "nace"),
    "turnover_eur": ("omzet", "omzet_eur", "omzet_(€)", "netto_omzet", "turnover", "revenue"),
    "balance_total_eur": ("balanstotaal", "balans_totaal", "balance_total", "total_assets"),
    "wage_bill_eur": ("loonsom", "loonsom_eur", "wage_bill", "payroll"),
    "temp_workers": ("uitzendkrachten", "flexkrachten", "temp_workers", "agency_workers"),
    "working_owners": ("eigenaren", "meewerkende_eigenaren", "owners"),
    "electricity_kwh": ("elektriciteit_kwh", "stroomverbruik", "electricity"),
    "gas_m3": ("gas_m3", "gasverbruik", "gas"),
    "has_works_council": ("ondernemingsraad", "or", "works_council"),
}
_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0"}
_INT_FIELDS = frozenset(
    n for n, f in FirmProfile.model_fields.items() if f.annotation in (int, int | None)
)


@dataclass(frozen=True)
class RowError:
    row: int  # row number as shown in the file
    column: str  # header as in the file, or the profile field
    message: str  # Dutch
    message_en: str = ""  # English (empty: same as the Dutch text)
    name: str = ""  # the member's name as typed in that row (shortened, no control characters)

    def text(self, lang: str = "nl") -> str:
        return self.message if lang == "nl" or not self.message_en else self.message_en


@dataclass
class BatchInput:
    rows: list[int]  # file row number per valid profile
    profiles: list[Any]
    names: list[str]
    errors: list[RowError]  # rows skipped (no usable headcount, or the line could not be split)
    columns: dict[str, str]  # file header -> profile field
    ignored_columns: list[str]
    total_rows: int
    warnings: list[RowError] = field(default_factory=list)  # member kept, value left out
    notices: list[Notice] = field(default_factory=list)  # about the whole file
    header_row: int = 1
    # Each number read in the notation the column or file suggests ('1.000' as a thousand):
    # the member is kept; the reading is named per row so a download can show it.
    readings: list[RowError] = field(default_factory=list)


@dataclass
class BatchResult:
    input: BatchInput
    per_firm: pd.DataFrame
    totals: dict[str, float]
    scenario: Scenario
    date: dt.date
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.id,
            "date": self.date.isoformat(),
            "rows_total": self.input.total_rows,
            "rows_valid": len(self.input.profiles),
            "rows_with_errors": len({e.row for e in self.input.errors}),
            "errors": [e.__dict__ for e in self.input.errors],
            "warnings": [e.__dict__ for e in self.input.warnings],
            "readings": [e.__dict__ for e in self.input.readings],
            "notices": [{"nl": n.nl, "en": n.en} for n in self.input.notices],
            "header_row": self.input.header_row,
            "columns": self.input.columns,
            "ignored_columns": self.input.ignored_columns,
            "totals": {k: round(v, 2) for k, v in self.totals.items()},
            "firms": [
                {k: (round(v, 2) if isinstance(v, float) else v) for k, v in r.items()}
                for r in self.per_firm.to_dict(orient="records")
            ],
        }


# ---------------------------------------------------------------------------------------------
# Headers


def _norm(header: str) -> str:
    return "_".join(str(header).strip().lower().replace("-", " ").split())


def _lookup() -> dict[str, str]:
    lookup = {f: f for f in PROFILE_FIELDS}
    for fld, aliases in HEADER_ALIASES.items():
        for a in aliases:
            lookup.setdefault(_norm(a), fld)
    return lookup


_HEADERS = _lookup()


def recognised_fields(headers: list[str]) -> set[str]:
    """The profile fields a row of headers names (used to find the header row)."""
    return {_HEADERS[_norm(h)] for h in headers if _norm(h) in _HEADERS}


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def header_map(headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """Column index -> profile field; unknown headers are returned separately (ignored).

    Two columns that mean the same field are an error that names both: which one to use is
    the user's decision, not ours.
    """
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    first: dict[str, int] = {}
    for i, h in enumerate(headers):
        found = _HEADERS.get(_norm(h))
        if found is None:
            if str(h).strip():
                ignored.append(printable(h))
            continue
        if found in first:
            a, b = first[found], i
            raise BatchFileError(
                f"de kolommen '{printable(headers[a])}' (kolom {_letter(a)}) en "
                f"'{printable(h)}' (kolom {_letter(b)}) betekenen allebei '{found}'; "
                "laat er één staan",
                f"the columns '{printable(headers[a])}' (column {_letter(a)}) and "
                f"'{printable(h)}' (column {_letter(b)}) both mean '{found}'; keep one",
            )
        first[found] = i
        mapping[i] = found
    return mapping, ignored


# ---------------------------------------------------------------------------------------------
# Notation per column


def _kind(fld: str) -> Kind:
    if fld in _INT_FIELDS:
        return "int"
    return "amount" if fld.endswith("_eur") else "decimal"


_BASIS: dict[str, tuple[str, str]] = {
    "column": ("de notatie elders in deze kolom", "the notation elsewhere in this column"),
    "file": ("de notatie in de andere kolommen", "the notation in the other columns"),
    "separator": (
        "het scheidingsteken ';' (Nederlandse Excel)",
        "the separator ';' (Dutch Excel)",
    ),
    "assumed": (
        "een aanname: er is geen andere aanwijzing in het bestand",
        "an assumption: there is no other clue in the file",
    ),
}


@dataclass
class _Column:
    index: int
    header: str
    name: str  # the profile field
    convention: Convention | None = None
    basis: str = "assumed"
    mixed: bool = False
    resolved: list[tuple[int, str, int | float]] = field(default_factory=list)


def _columns(table: RawTable, mapping: dict[int, str]) -> list[_Column]:
    """Columns with the notation their ambiguous numbers are read in, and on what basis."""
    cols = [_Column(i, table.header[i], f) for i, f in mapping.items()]
    evidence: dict[int, ConventionEvidence] = {}
    for col in cols:
        if col.name not in NUMERIC_FIELDS:
            continue
        nl = en = 0
        for row in table.rows:
            cell = row.cells[col.index] if col.index < len(row.cells) else ""
            if isinstance(cell, str):
                found = cell_evidence(cell)
                nl += found == "nl"
                en += found == "en"
        evidence[col.index] = ConventionEvidence(nl, en)
    in_file = sum(evidence.values(), ConventionEvidence())
    for col in cols:
        own = evidence.get(col.index)
        if own is None:
            continue
        col.mixed = own.mixed
        if own.convention is not None:
            col.convention, col.basis = own.convention, "column"
        elif not own.mixed and in_file.convention is not None:
            col.convention, col.basis = in_file.convention, "file"
        elif not own.mixed and table.convention_hint is not None:
            col.convention, col.basis = table.convention_hint, "separator"
    return cols


def _notation_notices(cols: list[_Column]) -> list[Notice]:
    notices: list[Notice] = []
    for col in cols:
        name = printable(col.header)
        if col.mixed:
            notices.append(
                Notice(
                    f"kolom '{name}' mengt Nederlandse (1.234,5) en Engelse (1,234.5) notatie; "
                    "controleer de getallen in deze kolom",
                    f"column '{name}' mixes Dutch (1.234,5) and English (1,234.5) notation; check "
                    "the numbers in this column",
                )
            )
        if not col.resolved:
            continue
        row, text, value = col.resolved[0]
        basis_nl, basis_en = _BASIS[col.basis]
        more_nl = f" en {len(col.resolved) - 1} andere waarde(n)" if len(col.resolved) > 1 else ""
        more_en = f" and {len(col.resolved) - 1} other value(s)" if len(col.resolved) > 1 else ""
        notices.append(
            Notice(
                f"kolom '{name}': '{printable(text)}' (rij {row}){more_nl} gelezen als "
                f"{_shown(value, 'nl')}, op grond van {basis_nl}",
                f"column '{name}': '{printable(text)}' (row {row}){more_en} read as "
                f"{_shown(value, 'en')}, based on {basis_en}",
            )
        )
    return notices


def _readings(cols: list[_Column], names: dict[int, str]) -> list[RowError]:
    """Every ambiguous number and how it was read, by row and member (in file order)."""
    out: list[RowError] = []
    for col in cols:
        basis_nl, basis_en = _BASIS[col.basis]
        for row, text, value in col.resolved:
            out.append(
                RowError(
                    row,
                    col.header,
                    f"'{printable(text)}' gelezen als {_shown(value, 'nl')}, op grond van {basis_nl}",
                    f"'{printable(text)}' read as {_shown(value, 'en')}, based on {basis_en}",
                    names.get(row, ""),
                )
            )
    return sorted(out, key=lambda r: r.row)


def _shown(value: int | float, lang: str) -> str:
    """How an ambiguous number was read, unmistakably: '480.000 (480 duizend)', so a reader
    who meant 480 sees at once that it was not read that way."""
    from checker.parsing.numbers import format_plain

    convention: Lang = "nl" if lang == "nl" else "en"
    shown = format_plain(value, convention)
    for size, nl, en in ((1e6, "miljoen", "million"), (1e3, "duizend", "thousand")):
        if abs(value) >= size:
            scaled = format_plain(round(value / size, 2), convention)
            return f"{shown} ({scaled} {nl if lang == 'nl' else en})"
    return shown


# ---------------------------------------------------------------------------------------------
# Rows


class _Unusable(Exception):
    def __init__(self, nl: str, en: str) -> None:
        super().__init__(nl)
        self.nl, self.en = nl, en


def _cell_value(col: _Column, cell: Any, row: int) -> Any:
    """The profile value of one cell; raises :class:`_Unusable` with the reason."""
    fld = col.name
    text = cell if isinstance(cell, str) else None
    if text is not None and len(text) > MAX_CELL_CHARS:
        raise _Unusable(
            f"cel is langer dan {MAX_CELL_CHARS} tekens",
            f"cell is longer than {MAX_CELL_CHARS} characters",
        )
    if text is not None and text.startswith("=") and fld != "name":
        raise _Unusable(
            "formule niet toegestaan; vul een waarde in", "formula not allowed; enter a value"
        )
    if fld == "name":
        return str(cell)
    if fld in BOOL_FIELDS:
        return _bool(cell)
    if fld == "legal_form":
        form = normalise_legal_form(str(cell))
        if form is None:
            raise _Unusable(
                f"onbekende rechtsvorm '{printable(cell)}'",
                f"unknown legal form '{printable(cell)}'",
            )
        return form
    if fld == "sector_sbi":
        return _sbi(cell)
    return _number(col, cell, row)


def _bool(cell: Any) -> bool:
    if isinstance(cell, bool):
        return cell
    low = str(cell).strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise _Unusable(
        f"'{printable(cell)}' is geen ja of nee", f"'{printable(cell)}' is not yes or no"
    )


def _sbi(cell: Any) -> str:
    raw = str(int(cell)) if isinstance(cell, float) and cell.is_integer() else str(cell)
    try:
        code = normalise_sbi(raw)
    except BilingualError as exc:
        raise _Unusable(exc.nl, exc.en) from None
    if not is_known_code(code):
        raise _Unusable(
            f"SBI-code '{printable(raw)}' bestaat niet",
            f"SBI code '{printable(raw)}' does not exist",
        )
    return code


def _number(col: _Column, cell: Any, row: int) -> int | float:
    if isinstance(cell, dt.date | dt.datetime | dt.time):
        raise _Unusable(
            "een datum is geen getal; maak de cel een getal",
            "a date is not a number; make the cell a number",
        )
    try:
        parsed = parse_number(cell, _kind(col.name), col.convention)
    except InputError as exc:
        raise _Unusable(exc.nl, exc.en) from None
    if parsed.ambiguous:
        col.resolved.append((row, str(cell), parsed.value))
    return parsed.value


def _dropped(fld: str) -> tuple[str, str]:
    if fld == "name":
        return "naam leeg gelaten", "name left empty"
    return (
        "waarde genegeerd; de standaardaanname is gebruikt",
        "value ignored; the default assumption was used",
    )


MAX_NAME_CHARS = 120  # a member's name as shown in a message (the file keeps it whole)


def row_name(record: RawRow, cols: list[_Column]) -> str:
    """The member's name as typed in this row (empty without a name column or cell), so a
    skipped row or an ignored value can be named by the member, not only by its row."""
    col = next((c for c in cols if c.name == "name"), None)
    if col is None or col.index >= len(record.cells) or record.cells[col.index] is None:
        return ""
    return printable(str(record.cells[col.index]).strip(), MAX_NAME_CHARS)


def _row_profile(
    record: RawRow, cols: list[_Column]
) -> tuple[FirmProfile | None, str, list[RowError], RowError | None]:
    """(profile, name, warnings, error) for one data row; error means the row is skipped."""
    warnings: list[RowError] = []
    raw: dict[str, Any] = {}
    by_field = {c.name: c for c in cols}
    name = row_name(record, cols)
    for col in cols:
        cell = record.cells[col.index] if col.index < len(record.cells) else ""
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        cell = cell.strip() if isinstance(cell, str) else cell
        try:
            raw[col.name] = _cell_value(col, cell, record.number)
        except _Unusable as exc:
            if col.name == "employees":
                return (
                    None,
                    name,
                    warnings,
                    RowError(record.number, col.header, exc.nl, exc.en, name),
                )
            note_nl, note_en = _dropped(col.name)
            warnings.append(
                RowError(
                    record.number, col.header, f"{exc.nl}; {note_nl}", f"{exc.en}; {note_en}", name
                )
            )
    if "employees" not in raw:
        header = by_field["employees"].header
        return (
            None,
            name,
            warnings,
            RowError(
                record.number,
                header,
                "aantal werknemers ontbreekt",
                "number of employees is missing",
                name,
            ),
        )
    for _ in range(len(raw)):
        try:
            return parse_profile(raw), str(raw.get("name", "")), warnings, None
        except ProfileError as exc:
            header = by_field[exc.field].header if exc.field in by_field else exc.field
            if exc.field in ("employees", "profile") or exc.field not in raw:
                return (
                    None,
                    name,
                    warnings,
                    RowError(record.number, header, exc.nl, exc.en, name),
                )
            note_nl, note_en = _dropped(exc.field)
            warnings.append(
                RowError(
                    record.number,
                    header,
                    f"{exc.nl}; {note_nl}",
                    f"{exc.en}; {note_en}",
                    name,
                )
            )
            raw.pop(exc.field)
    return (
        None,
        name,
        warnings,
        RowError(record.number, "-", "rij onbruikbaar", "row unusable", name),
    )  # pragma: no cover


def read_member_file(data: bytes, filename: str) -> BatchInput:
    """Read and validate a member file; raises :class:`BatchFileError` for the whole file."""
    if len(data) > MAX_FILE_BYTES:
        raise BatchFileError(
            f"bestand is {len(data) / 1e6:.1f} MB; het maximum is {MAX_FILE_BYTES // 1_000_000} MB".replace(
                ".", ",", 1
            ),
            f"file is {len(data) / 1e6:.1f} MB; the maximum is {MAX_FILE_BYTES // 1_000_000} MB",
        )
    if not data.strip():
        raise BatchFileError("het bestand is leeg", "the file is empty")
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        table = read_xlsx(data, recognised_fields)
    elif lower.endswith((".csv", ".txt", ".tsv")):
        table = read_csv(data, recognised_fields)
    else:
        raise BatchFileError(
            f"'{printable(filename)}': alleen .csv en .xlsx worden ondersteund",
            f"'{printable(filename)}': only .csv and .xlsx are supported",
        )
    mapping, ignored = header_map(table.header)
    cols = _columns(table, mapping)
    inp = BatchInput(
        [],
        [],
        [],
        [],
        {table.header[i]: f for i, f in mapping.items()},
        ignored,
        len(table.rows),
        notices=list(table.notices),
        header_row=table.header_row,
    )
    names: dict[int, str] = {}
    for record in table.rows:
        names[record.number] = row_name(record, cols)
        if record.problem is not None:
            inp.errors.append(
                RowError(
                    record.number, "", record.problem.nl, record.problem.en, names[record.number]
                )
            )
            continue
        profile, name, warnings, error = _row_profile(record, cols)
        inp.warnings += warnings
        if error is not None:
            inp.errors.append(error)
            continue
        inp.rows.append(record.number)
        inp.profiles.append(profile)
        inp.names.append(name)
    inp.notices += _notation_notices(cols)
    inp.readings = _readings(cols, names)
    return inp


# Employee bands that match the CBS size classes of *werkzame personen* for a firm with one
# working owner (CBS "1" = 0 employees, "2" = 1, "3 tot 5" = 2–3, …), so a member list can be
# set beside the population figures.  A member's owners are not in the file, hence one.
MEMBER_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 0, "0"),
    (1, 1, "1"),
    (2, 3, "2–3"),
    (4, 8, "4–8"),
    (9, 18, "9–18"),
    (19, 48, "19–48"),
    (49, 98, "49–98"),
    (99, 248, "99–248"),
    (249, 10**9, "249+"),
)


def member_bands(threshold: Threshold | None = None) -> tuple[tuple[int, int, str], ...]:
    """:data:`MEMBER_BANDS`, with the band that holds the proposal's threshold split at it.

    At '≤ 25 employees' the band 19–48 becomes 19–25 and 26–48, so every band is either wholly
    inside or wholly outside the proposal.  A threshold on another measure (fte, turnover)
    cannot be read from the employee count, so the bands stay as they are.
    """
    if threshold is None or threshold.measure != "employees":
        return MEMBER_BANDS
    inside, outside = threshold.last_inside(), threshold.first_outside()
    bands: list[tuple[int, int, str]] = []
    for lo, hi, label in MEMBER_BANDS:
        if lo <= inside and outside <= hi:
            bands.append((lo, inside, _band_label(lo, inside)))
            bands.append((outside, hi, _band_label(outside, hi)))
        else:
            bands.append((lo, hi, label))
    return tuple(bands)


def _band_label(lo: int, hi: int) -> str:
    if hi >= MEMBER_BANDS[-1][1]:
        return f"{lo}+"
    return str(lo) if lo == hi else f"{lo}–{hi}"


def by_size_band(per_firm: pd.DataFrame, threshold: Threshold | None = None) -> pd.DataFrame:
    """Members, members reached and € saved per employee band (bands in size order), split at
    the proposal's ``threshold`` when given (see :func:`member_bands`); regeldruk and financial
    savings per band too when ``per_firm`` has the columns ``saved_regulatory`` and
    ``saved_financial``."""
    bands = member_bands(threshold)
    labels = [label for _lo, _hi, label in bands]
    bins = [-1] + [hi for _lo, hi, _label in bands]
    band = pd.cut(per_firm["employees"], bins=bins, labels=labels)
    data = pd.DataFrame(
        {
            "size_class": band,
            "firms": 1.0,
            "firms_reached": per_firm["reached"].astype(float),
            "saved_eur": per_firm["saved_eur"],
        }
    )
    for split in ("saved_regulatory", "saved_financial"):  # when the caller added them
        if split in per_firm.columns:
            data[split] = per_firm[split]
    out = data.groupby("size_class", observed=True).sum().reset_index()
    return out.assign(size_class=out["size_class"].astype(str))


def run_batch(
    data: bytes,
    filename: str,
    engine: Engine,
    scenario: str | Scenario = DEFAULT_SCENARIO,
    date: dt.date | None = None,
) -> BatchResult:
    """Validate the file and evaluate all valid rows in one engine call."""
    inp = read_member_file(data, filename)
    scen = resolve(engine, scenario)
    date = date or dt.date.today()
    if not inp.profiles:
        empty = pd.DataFrame(
            columns=["row", "name", "employees", "cost_now", "cost_scen", "saved_eur"]
        )
        return BatchResult(
            inp,
            empty,
            dict.fromkeys(
                (
                    "firms",
                    "firms_reached",
                    "cost_now",
                    "cost_scen",
                    "saved_eur",
                    "hours_now",
                    "hours_scen",
                    "saved_hours",
                ),
                0.0,
            ),
            scen,
            date,
        )
    ev = engine.evaluate(profiles_to_frame(inp.profiles), date, scen)
    ft = ev.firm_totals()
    reached = reached_mask(ev)
    per_firm = pd.DataFrame(
        {
            "row": inp.rows,
            "name": list(inp.names),  # as typed; neutralised where a spreadsheet is written
            "employees": ev.frame["employees"].to_numpy(),
            "qualifies": ev.qualifies,
            "reached": reached,
            "obligations_now": ft["obligations_now"].to_numpy(),
            "obligations_scen": ft["obligations_scen"].to_numpy(),
            "hours_now": ft["hours_now"].to_numpy(),
            "cost_now": ft["cost_now"].to_numpy(),
            "hours_scen": ft["hours_scen"].to_numpy(),
            "cost_scen": ft["cost_scen"].to_numpy(),
            "saved_hours": ft["saved_hours"].to_numpy(),
            "saved_eur": ft["saved_eur"].to_numpy(),
        }
    )
    totals = {
        "firms": float(len(per_firm)),
        "firms_reached": float(np.sum(reached)),
        **{
            k: float(per_firm[k].sum())
            for k in (
                "hours_now",
                "cost_now",
                "hours_scen",
                "cost_scen",
                "saved_hours",
                "saved_eur",
            )
        },
    }
    # The evaluation stays with the result: the page reports the regeldruk saving with its
    # interval (checker.uncertainty) from it, without a second engine run.
    return BatchResult(inp, per_firm, totals, scen, date, extra={"evaluation": ev})
