"""A member file (CSV or XLSX) as a table of raw cells, read the way people save them.

Why a separate reader: a member list arrives as Dutch Excel saves it — semicolons, a
``sep=;`` first line, a title above the header, Windows-1252 or UTF-16 ("Unicode text", tab
separated), rows that stop early because Excel leaves out trailing empty fields, a stray
quote.  ``pandas.read_csv`` rejects or silently misreads most of that.  This module only
splits the file into a header and rows of cells, with line numbers as the user sees them, and
says what it noticed (:class:`Notice`); validating the cells is :mod:`checker.population.batch`.

What a single line gets instead of a whole-file rejection: a badly quoted line or a line with
more fields than the header is kept as a :class:`RawRow` with its ``problem``; the caller
reports it with its line number and goes on with the next line.

Limits (each a clear :class:`BatchFileError`): :data:`MAX_ROWS` data rows,
:data:`MAX_COLUMNS` columns, :data:`MAX_CELLS` cells; an .xlsx is checked by
:mod:`checker.parsing.xlsx_guard` (zip ratio, unpacked size, declared sheet size) before
openpyxl opens it, and rows are never padded beyond the cells that are present.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from checker.bilingual import BilingualError
from checker.parsing.errors import InputError, Notice
from checker.parsing.numbers import Convention
from checker.parsing.xlsx_guard import check_dimensions, check_xlsx_zip

MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000
MAX_HEADER_SEARCH = 20
MAX_LINES_PER_RECORD = 20  # a quoted cell may span lines; a stray quote may not eat the file
MAX_OTHER_SHEET_SCAN = 1_000

HeaderFields = Callable[[list[str]], set[str]]


class BatchFileError(BilingualError):
    """The file as a whole cannot be processed; ``nl``/``en`` say why and what to do."""


@dataclass
class RawRow:
    number: int  # line (CSV) or row (XLSX) number as the user sees it
    cells: list[Any]
    problem: Notice | None = None
    lines: int = 1  # physical lines (a quoted text may span lines)


@dataclass
class RawTable:
    header: list[str]
    header_row: int
    rows: list[RawRow]
    notices: list[Notice] = field(default_factory=list)
    convention_hint: Convention | None = None  # from the separator: ';' = Dutch Excel
    sheet: str = ""


def _nl(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# ---------------------------------------------------------------------------------------------
# Text files


def decode(data: bytes) -> tuple[str, list[Notice]]:
    """Text of a CSV in the encodings Excel writes; a notice when it was not UTF-8."""
    if data.startswith(b"PK\x03\x04"):
        raise BatchFileError(
            "dit is een Excel-bestand met de extensie .csv; geef het de extensie .xlsx",
            "this is an Excel file named .csv; give it the extension .xlsx",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:2000]:
        return _utf16_without_bom(data), []
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    for enc, name in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return text, [
            Notice(
                f"het bestand is geen UTF-8 en is gelezen als {name} (West-Europees, zoals "
                "Excel op Windows opslaat); controleer namen met accenten",
                f"the file is not UTF-8 and was read as {name} (Western European, as Excel "
                "on Windows saves it); check names with accents",
            )
        ]
    raise BatchFileError(
        "tekencodering niet herkend", "character encoding not recognised"
    )  # pragma: no cover


def _utf16_without_bom(data: bytes) -> str:
    """Text with NUL bytes: UTF-16 when every other byte is NUL, else not a text file."""
    head = data[:2000]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        enc = "utf-16-le"
    elif len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        enc = "utf-16-be"
    else:
        raise BatchFileError(
            "dit is geen tekstbestand; sla de ledenlijst op als CSV (UTF-8) of als .xlsx",
            "this is not a text file; save the member list as CSV (UTF-8) or as .xlsx",
        )
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        raise BatchFileError(
            "tekencodering niet herkend (UTF-16 zonder kenmerk); sla het bestand op als CSV UTF-8",
            "character encoding not recognised (UTF-16 without byte order mark); save the "
            "file as CSV UTF-8",
        ) from None


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SEP_DIRECTIVE = re.compile(r"^\s*\"?sep=(.)\"?\s*$", re.IGNORECASE)


def _separator(lines: list[str]) -> tuple[str, int]:
    """The field separator and the number of leading lines that are not data (``sep=;``)."""
    if lines:
        m = _SEP_DIRECTIVE.match(lines[0])
        if m:
            return m.group(1), 1
    sample = [ln for ln in lines[:MAX_HEADER_SEARCH] if ln.strip()]
    counts = {sep: sum(_outside_quotes(ln).count(sep) for ln in sample) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda s: counts[s])
    return (best if counts[best] else ","), 0


def _outside_quotes(line: str) -> str:
    return re.sub(r'"[^"]*"', "", line)


def _records(lines: list[str], sep: str, first: int) -> Iterator[RawRow]:
    """Split physical lines into records; a broken line becomes a RawRow with a problem."""
    i = first
    while i < len(lines):
        start = i
        chunk = lines[i]
        i += 1
        while chunk.count('"') % 2 and i < len(lines) and i - start < MAX_LINES_PER_RECORD:
            chunk += "\n" + lines[i]
            i += 1
        try:
            parsed = list(csv.reader(io.StringIO(chunk), delimiter=sep, strict=True))
        except csv.Error:
            parsed = []
        if len(parsed) == 1 and chunk.count('"') % 2 == 0:
            yield RawRow(start + 1, parsed[0], lines=i - start)
            continue
        if not chunk.strip():
            continue
        i = start + 1  # only the first line is known to be bad; go on with the next one
        yield RawRow(
            start + 1,
            [],
            Notice(
                f'regel {start + 1}: aanhalingstekens kloppen niet (een " opent een tekst '
                "die niet wordt gesloten, of staat midden in een veld); deze regel is "
                "overgeslagen",
                f'line {start + 1}: quotes do not match (a " opens a text that is not closed, '
                "or stands in the middle of a field); this line was skipped",
            ),
        )


def read_csv(data: bytes, header_fields: HeaderFields) -> RawTable:
    text, notices = decode(data)
    lines = _LINE_BREAK.split(text)
    if len(lines) > MAX_ROWS * 2 + MAX_HEADER_SEARCH:
        raise _too_many_rows()
    sep, skip = _separator(lines)
    if skip:
        notices.append(
            Notice(
                f"eerste regel 'sep={sep}' gelezen als scheidingsteken",
                f"first line 'sep={sep}' read as the separator",
            )
        )
    records = _records(lines, sep, skip)
    header_row, header, before = _find_header(records, header_fields)
    notices += before
    if len(header) > MAX_COLUMNS:
        raise _too_many_columns(len(header))
    rows: list[RawRow] = []
    cells = 0
    for record in records:
        if record.problem is None and not any(c.strip() for c in record.cells):
            continue
        rows.append(_fit(record, len(header)))
        cells += len(record.cells)
        if record.lines > 1 and record.problem is None:
            last = record.number + record.lines - 1
            notices.append(
                Notice(
                    f"regels {record.number}–{last} zijn samen één rij: een tekst tussen "
                    "aanhalingstekens loopt over meerdere regels; controleer deze rij",
                    f"lines {record.number}–{last} form one row: a quoted text spans several "
                    "lines; check this row",
                )
            )
        if len(rows) > MAX_ROWS:
            raise _too_many_rows()
        if cells > MAX_CELLS:
            raise _too_many_cells()
    hint: Convention | None = "nl" if sep == ";" else None
    return RawTable(header, header_row, rows, notices, hint)


def _fit(record: RawRow, width: int) -> RawRow:
    """Pad short rows (Excel leaves out trailing empty fields); flag rows with extra fields."""
    cells = record.cells
    if record.problem is not None or len(cells) <= width:
        padded = cells + [""] * (width - len(cells))
        return RawRow(record.number, padded, record.problem, record.lines)
    extra = cells[width:]
    if all(str(c).strip() == "" for c in extra if c is not None):
        return RawRow(record.number, cells[:width], lines=record.lines)
    return RawRow(
        record.number,
        [],
        Notice(
            f"regel {record.number} heeft {len(cells)} velden, de kopregel {width}; waarschijnlijk "
            "staat er een scheidingsteken in een waarde (bijvoorbeeld een komma in een bedrag); "
            "deze regel is overgeslagen",
            f"line {record.number} has {len(cells)} fields, the header {width}; probably a value "
            "contains the separator (for example a comma in an amount); this line was skipped",
        ),
    )


def _find_header(
    records: Iterator[RawRow], header_fields: HeaderFields
) -> tuple[int, list[str], list[Notice]]:
    """The first row (within :data:`MAX_HEADER_SEARCH`) that names the employees column."""
    seen: list[RawRow] = []
    for record in records:
        if record.problem is None and any(str(c).strip() for c in record.cells):
            seen.append(record)
            header = [str(c).strip() for c in record.cells]
            if "employees" in header_fields(header):
                notices = []
                if len(seen) > 1:
                    notices.append(
                        Notice(
                            f"kopregel gevonden in regel {record.number}; de regels erboven "
                            "(titel of toelichting) zijn overgeslagen",
                            f"header found in line {record.number}; the lines above it (title "
                            "or notes) were skipped",
                        )
                    )
                return record.number, header, notices
        if len(seen) >= MAX_HEADER_SEARCH:
            break
    if not seen:
        raise BatchFileError("het bestand bevat geen gegevens", "the file contains no data")
    named = next((r for r in seen if len(header_fields([str(c) for c in r.cells])) >= 2), None)
    if named is not None:
        raise BatchFileError(
            f"de kopregel (regel {named.number}) heeft geen kolom 'werknemers' (of 'employees'); "
            "zie de toegestane kolomnamen",
            f"the header (line {named.number}) has no column 'werknemers' (or 'employees'); see "
            "the accepted column names",
        )
    raise BatchFileError(
        f"geen kopregel met de kolom 'werknemers' (of 'employees') gevonden in de eerste "
        f"{MAX_HEADER_SEARCH} regels; zet de kolomnamen in één regel direct boven de gegevens",
        f"no header with the column 'werknemers' (or 'employees') found in the first "
        f"{MAX_HEADER_SEARCH} lines; put the column names in one line directly above the data",
    )


def _too_many_rows() -> BatchFileError:
    return BatchFileError(
        f"meer dan {_nl(MAX_ROWS)} rijen; splits het bestand",
        f"more than {MAX_ROWS:,} rows; split the file",
    )


def _too_many_columns(count: int) -> BatchFileError:
    return BatchFileError(
        f"de kopregel heeft {_nl(count)} kolommen; het maximum is {MAX_COLUMNS}",
        f"the header has {count:,} columns; the maximum is {MAX_COLUMNS}",
    )


def _too_many_cells() -> BatchFileError:
    return BatchFileError(
        f"meer dan {_nl(MAX_CELLS)} cellen; laat kolommen weg die niet nodig zijn",
        f"more than {MAX_CELLS:,} cells; leave out columns that are not needed",
    )


# ---------------------------------------------------------------------------------------------
# Excel workbooks


def _sheet_rows(ws: Any) -> Iterator[tuple[int, list[Any]]]:
    """(row number, values) of a read-only sheet; rows never padded beyond present cells."""
    ws.reset_dimensions()
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS + MAX_HEADER_SEARCH + 1:
            raise _too_many_rows()
        row = list(values)
        if len(row) > MAX_COLUMNS:
            if any(v not in (None, "") for v in row[MAX_COLUMNS:]):
                raise BatchFileError(
                    f"rij {number} heeft gegevens voorbij kolom {MAX_COLUMNS}; het maximum is "
                    f"{MAX_COLUMNS} kolommen",
                    f"row {number} has data beyond column {MAX_COLUMNS}; the maximum is "
                    f"{MAX_COLUMNS} columns",
                )
            row = row[:MAX_COLUMNS]
        yield number, row


def _has_data(values: list[Any]) -> bool:
    return any(v is not None and str(v).strip() for v in values)


def read_xlsx(data: bytes, header_fields: HeaderFields) -> RawTable:
    from openpyxl import load_workbook

    try:
        check_xlsx_zip(data)
    except InputError as exc:
        raise BatchFileError(exc.nl, exc.en) from None
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise BatchFileError(
            f"XLSX kan niet worden gelezen ({type(exc).__name__}); sla het opnieuw op in Excel",
            f"XLSX cannot be read ({type(exc).__name__}); save it again in Excel",
        ) from None
    try:
        return _read_workbook(wb, header_fields)
    finally:
        wb.close()


def _read_workbook(wb: Any, header_fields: HeaderFields) -> RawTable:
    sheets = list(wb.worksheets)
    if not sheets:
        raise BatchFileError("de werkmap heeft geen werkbladen", "the workbook has no sheets")
    for ws in sheets:
        try:
            check_dimensions(ws.title, ws.max_row, ws.max_column, MAX_ROWS + 1000, MAX_COLUMNS)
        except InputError as exc:
            raise BatchFileError(exc.nl, exc.en) from None
    table: RawTable | None = None
    first_error: BatchFileError | None = None
    for ws in sheets:
        records = (RawRow(n, v) for n, v in _sheet_rows(ws))
        try:
            header_row, header, notices = _find_header(records, header_fields)
        except BatchFileError as exc:
            first_error = first_error or exc
            continue
        table = _xlsx_table(ws.title, header_row, header, notices, records)
        break
    if table is None:
        assert first_error is not None
        raise first_error
    if table.sheet != sheets[0].title:
        table.notices.append(
            Notice(f"gelezen: werkblad '{table.sheet}'", f"read: sheet '{table.sheet}'")
        )
    for ws in sheets:
        if ws.title != table.sheet:
            table.notices += _other_sheet_notice(ws, table.sheet)
    return table


def _xlsx_table(
    title: str, header_row: int, header: list[str], notices: list[Notice], rows: Iterator[RawRow]
) -> RawTable:
    body: list[RawRow] = []
    cells = 0
    for record in rows:
        if not _has_data(record.cells):
            continue
        body.append(
            _fit(RawRow(record.number, ["" if v is None else v for v in record.cells]), len(header))
        )
        cells += len(record.cells)
        if len(body) > MAX_ROWS:
            raise _too_many_rows()
        if cells > MAX_CELLS:
            raise _too_many_cells()
    return RawTable(header, header_row, body, notices, None, title)


def _other_sheet_notice(ws: Any, read: str) -> list[Notice]:
    count = 0
    try:
        for number, values in _sheet_rows(ws):
            if number > MAX_OTHER_SHEET_SCAN:
                break
            count += _has_data(values)
    except BatchFileError:
        count = max(count, 1)
    if not count:
        return []
    return [
        Notice(
            f"werkblad '{ws.title}' bevat ook gegevens ({count} rij(en)); alleen werkblad "
            f"'{read}' is gelezen. Zet alle leden op één werkblad",
            f"sheet '{ws.title}' also contains data ({count} row(s)); only sheet '{read}' was "
            "read. Put all members on one sheet",
        )
    ]
