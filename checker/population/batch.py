"""Member-list batch: a CSV or XLSX of firm profiles -> per-firm results and totals.

Why this shape: a trade association uploads its member file as it is.  Headers may be Dutch
or English (:data:`HEADER_ALIASES`); every row is validated with the same
:func:`checker.profile.parse_profile` as the single-firm check, errors are reported per row
and column while the valid rows are still evaluated — in ONE engine call, so member results
equal single-firm checks.  Files are never trusted: size and row limits, cells are read as
text (CSV) or as stored values with formulas kept as text (XLSX, never evaluated), and text
that a spreadsheet would run as a formula is neutralised when results are written back.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from checker.engine import Engine
from checker.export.safe_text import neutralise
from checker.population.aggregate import reached_mask, resolve
from checker.profile import (
    BOOL_FIELDS,
    PROFILE_FIELDS,
    ProfileError,
    parse_profile,
    profiles_to_frame,
)
from checker.scenario_model import DEFAULT_SCENARIO, Scenario

MAX_FILE_BYTES = 5_000_000
MAX_ROWS = 20_000
MAX_CELL_CHARS = 1_000

# Accepted headers (lower-cased, spaces/dashes -> '_') per profile field; field names themselves
# are always accepted.  Documented in the Ledenbestand page and `drempelcheck batch --help`.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("naam", "bedrijfsnaam", "bedrijf", "company", "company_name"),
    "employees": ("werknemers", "aantal_werknemers", "personeel", "medewerkers", "staff"),
    "fte": ("fte", "voltijdbanen", "full_time_equivalents"),
    "legal_form": ("rechtsvorm", "legal_form", "form"),
    "sector_sbi": ("sbi", "sbi_code", "sector", "nace"),
    "turnover_eur": ("omzet", "omzet_eur", "turnover", "revenue"),
    "balance_total_eur": ("balanstotaal", "balans_totaal", "balance_total", "total_assets"),
    "wage_bill_eur": ("loonsom", "loonsom_eur", "wage_bill", "payroll"),
    "temp_workers": ("uitzendkrachten", "flexkrachten", "temp_workers", "agency_workers"),
    "working_owners": ("eigenaren", "meewerkende_eigenaren", "owners"),
    "electricity_kwh": ("elektriciteit_kwh", "stroomverbruik", "electricity"),
    "gas_m3": ("gas_m3", "gasverbruik", "gas"),
    "has_works_council": ("ondernemingsraad", "or", "works_council"),
}
_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0"}


class BatchFileError(ValueError):
    """The file as a whole cannot be processed (too big, unreadable, no usable columns)."""


@dataclass(frozen=True)
class RowError:
    row: int  # row number as shown in the file (header = 1)
    column: str  # header as in the file, or the profile field
    message: str  # Dutch
    message_en: str = ""  # English (empty: same as the Dutch text)

    def text(self, lang: str = "nl") -> str:
        return self.message if lang == "nl" or not self.message_en else self.message_en


@dataclass
class BatchInput:
    rows: list[int]  # file row number per valid profile
    profiles: list[Any]
    names: list[str]
    errors: list[RowError]
    columns: dict[str, str]  # file header -> profile field
    ignored_columns: list[str]
    total_rows: int


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
            "columns": self.input.columns,
            "ignored_columns": self.input.ignored_columns,
            "totals": {k: round(v, 2) for k, v in self.totals.items()},
            "firms": [
                {k: (round(v, 2) if isinstance(v, float) else v) for k, v in r.items()}
                for r in self.per_firm.to_dict(orient="records")
            ],
        }


def _norm(header: str) -> str:
    return "_".join(str(header).strip().lower().replace("-", " ").split())


def header_map(headers: list[str]) -> tuple[dict[str, str], list[str]]:
    """File header -> profile field; unknown headers are returned separately (ignored)."""
    lookup = {f: f for f in PROFILE_FIELDS}
    for fld, aliases in HEADER_ALIASES.items():
        for a in aliases:
            lookup.setdefault(a, fld)
    mapping: dict[str, str] = {}
    ignored: list[str] = []
    used: set[str] = set()
    for h in headers:
        found = lookup.get(_norm(h))
        if found is None or found in used:
            ignored.append(str(h))
            continue
        mapping[str(h)] = found
        used.add(found)
    return mapping, ignored


def _read_csv(data: bytes) -> pd.DataFrame:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise BatchFileError("tekencodering niet herkend; sla het bestand op als UTF-8 CSV")
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                           nrows=MAX_ROWS + 1, engine="python")  # fmt: skip
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise BatchFileError(f"CSV kan niet worden gelezen: {str(exc).splitlines()[0]}") from None


def _read_xlsx(data: bytes) -> pd.DataFrame:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise BatchFileError(f"XLSX kan niet worden gelezen: {type(exc).__name__}") from None
    try:
        ws = wb.worksheets[0]
        rows: list[list[str]] = []
        for i, values in enumerate(ws.iter_rows(values_only=True)):
            if i > MAX_ROWS + 1:
                break
            rows.append(["" if v is None else str(v) for v in values])  # formulas stay text
    finally:
        wb.close()
    if not rows:
        raise BatchFileError("het werkblad is leeg")
    header = rows[0]
    width = len(header)
    body = [(r + [""] * width)[:width] for r in rows[1:]]
    return pd.DataFrame(body, columns=[str(h) for h in header], dtype=str)


def read_member_file(data: bytes, filename: str) -> BatchInput:
    """Read and validate a member file; raises :class:`BatchFileError` for the whole file."""
    if len(data) > MAX_FILE_BYTES:
        raise BatchFileError(
            f"bestand is {len(data) / 1e6:.1f} MB; het maximum is {MAX_FILE_BYTES // 1_000_000} MB"
        )
    if not data.strip():
        raise BatchFileError("het bestand is leeg")
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        frame = _read_xlsx(data)
    elif lower.endswith((".csv", ".txt")):
        frame = _read_csv(data)
    else:
        raise BatchFileError(f"'{filename}': alleen .csv en .xlsx worden ondersteund")
    if len(frame) > MAX_ROWS:
        raise BatchFileError(f"meer dan {MAX_ROWS:,} rijen; splits het bestand".replace(",", "."))
    mapping, ignored = header_map(list(frame.columns))
    if "employees" not in mapping.values():
        raise BatchFileError(
            "kolom 'werknemers' (of 'employees') ontbreekt; zie de toegestane kolomnamen"
        )
    inverse = {v: k for k, v in mapping.items()}
    rows: list[int] = []
    profiles: list[Any] = []
    names: list[str] = []
    errors: list[RowError] = []
    records = frame[list(mapping)].to_dict(orient="records")
    for i, rec in enumerate(records):
        file_row = i + 2
        raw: dict[str, Any] = {}
        bad = False
        for key, value in rec.items():
            header = str(key)
            text = "" if value is None else str(value).strip()
            if not text:
                continue
            fld = mapping[header]
            if len(text) > MAX_CELL_CHARS:
                errors.append(
                    RowError(
                        file_row,
                        header,
                        f"cel is langer dan {MAX_CELL_CHARS} tekens",
                        f"cell is longer than {MAX_CELL_CHARS} characters",
                    )
                )
                bad = True
                continue
            if text.startswith("=") and fld != "name":
                errors.append(
                    RowError(
                        file_row,
                        header,
                        "formule niet toegestaan; vul een waarde in",
                        "formula not allowed; enter a value",
                    )
                )
                bad = True
                continue
            raw[fld] = _coerce(fld, text)
        if bad:
            continue
        if not raw:
            continue  # empty line
        try:
            profiles.append(parse_profile(raw))
        except ProfileError as exc:
            errors.append(
                RowError(file_row, inverse.get(exc.field, exc.field), exc.message, exc.message_en)
            )
            continue
        rows.append(file_row)
        names.append(str(raw.get("name", "")))
    return BatchInput(rows, profiles, names, errors, mapping, ignored, len(records))


def _coerce(fld: str, text: str) -> Any:
    if fld in BOOL_FIELDS:
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        return text  # let the profile validation name the error
    if fld in ("name", "legal_form", "sector_sbi"):
        return text.lower() if fld == "legal_form" else text
    cleaned = text.replace("€", "").replace(" ", "")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")  # Dutch 1.234,5
    elif "," in cleaned:
        cleaned = cleaned.replace(",", ".")
    return cleaned


def safe_text(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (the export's one rule for it)."""
    return neutralise(value) if isinstance(value, str) else value


# Employee bands that match the CBS size classes of *werkzame personen* for a firm with one
# working owner (CBS "1" = 0 employees, "2" = 1, "3 tot 5" = 2–3, …), so a member list can be
# set beside the population figures.  A member's owners are not in the file, hence one.
MEMBER_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 0, "0"), (1, 1, "1"), (2, 3, "2–3"), (4, 8, "4–8"), (9, 18, "9–18"), (19, 48, "19–48"),
    (49, 98, "49–98"), (99, 248, "99–248"), (249, 10**9, "249+"),
)  # fmt: skip


def by_size_band(per_firm: pd.DataFrame) -> pd.DataFrame:
    """Members, members reached and € saved per employee band (bands in size order)."""
    labels = [label for _lo, _hi, label in MEMBER_BANDS]
    bins = [-1] + [hi for _lo, hi, _label in MEMBER_BANDS]
    band = pd.cut(per_firm["employees"], bins=bins, labels=labels)
    data = pd.DataFrame({
        "size_class": band, "firms": 1.0, "firms_reached": per_firm["reached"].astype(float),
        "saved_eur": per_firm["saved_eur"],
    })  # fmt: skip
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
        return BatchResult(inp, empty, dict.fromkeys(("firms", "firms_reached", "cost_now",
                           "cost_scen", "saved_eur", "hours_now", "hours_scen", "saved_hours"), 0.0),
                           scen, date)  # fmt: skip
    ev = engine.evaluate(profiles_to_frame(inp.profiles), date, scen)
    ft = ev.firm_totals()
    reached = reached_mask(ev)
    per_firm = pd.DataFrame({
        "row": inp.rows,
        "name": [safe_text(n) for n in inp.names],
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
    })  # fmt: skip
    totals = {
        "firms": float(len(per_firm)),
        "firms_reached": float(np.sum(reached)),
        **{k: float(per_firm[k].sum()) for k in
           ("hours_now", "cost_now", "hours_scen", "cost_scen", "saved_hours", "saved_eur")},
    }  # fmt: skip
    return BatchResult(inp, per_firm, totals, scen, date)
