"""Checks on an uploaded .xlsx before openpyxl opens it: a small file must stay small.

Why: an .xlsx is a zip of XML.  A 1 MB zip can hold gigabytes of XML (a "zip bomb"), and a
4.7 KB workbook can declare a sheet of A1:XFD1048576, which openpyxl's read-only reader then
pads cell by cell — both used several gigabytes of memory.  This module reads only the zip's
central directory (no decompression) and refuses archives whose declared sizes or
compression ratios are out of all proportion to a member list; :func:`check_dimensions`
refuses a declared sheet size beyond the row and column limits.  The XML itself is parsed by
openpyxl with ``defusedxml`` (a dependency), so entity expansion and external entities are
refused there.

The uncompressed sizes in the central directory are what Python's ``zipfile`` enforces while
reading (it stops at the declared size and checks the CRC), so a lying header cannot smuggle
in more data than was checked here.
"""

from __future__ import annotations

import io
import zipfile

from checker.parsing.errors import InputError

MAX_ENTRIES = 500
MAX_UNCOMPRESSED_BYTES = 100_000_000
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1_000_000  # small parts may compress better than the ratio; harmless


def _nl(value: float) -> str:
    """A whole number with Dutch thousands dots (12.345)."""
    return f"{value:,.0f}".replace(",", ".")


def check_xlsx_zip(data: bytes) -> None:
    """Raise :class:`InputError` when ``data`` is not a zip or would expand too far."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(
            "dit is geen geldig Excel-bestand (.xlsx); sla het in Excel op als 'Excel-werkmap'",
            "this is not a valid Excel file (.xlsx); save it in Excel as 'Excel Workbook'",
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise InputError(
                f"het Excel-bestand bevat {len(infos)} onderdelen; het maximum is {MAX_ENTRIES}",
                f"the Excel file has {len(infos)} parts; the maximum is {MAX_ENTRIES}",
            )
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
                raise InputError(
                    f"het Excel-bestand pakt uit tot {_nl(info.file_size / 1e6)} MB "
                    f"(onderdeel '{info.filename[:60]}', {_nl(ratio)} keer zo groot); zo'n "
                    "bestand wordt niet geopend",
                    f"the Excel file unpacks to {info.file_size / 1e6:,.0f} MB (part "
                    f"'{info.filename[:60]}', {ratio:,.0f} times larger); such a file is not "
                    "opened",
                )
        if total > MAX_UNCOMPRESSED_BYTES:
            raise InputError(
                f"het Excel-bestand pakt uit tot {_nl(total / 1e6)} MB; het maximum is "
                f"{MAX_UNCOMPRESSED_BYTES // 1_000_000} MB",
                f"the Excel file unpacks to {total / 1e6:,.0f} MB; the maximum is "
                f"{MAX_UNCOMPRESSED_BYTES // 1_000_000} MB",
            )


def check_dimensions(
    sheet: str, rows: int | None, columns: int | None, max_rows: int, max_columns: int
) -> None:
    """Refuse a sheet whose declared size (its ``<dimension>``) exceeds the limits.

    openpyxl's read-only reader pads every row to the declared width and yields every declared
    row, so this check runs before a single cell is read.
    """
    if rows is None or columns is None:
        return
    if rows > max_rows or columns > max_columns:
        raise InputError(
            f"werkblad '{sheet[:40]}' is opgegeven als {_nl(rows)} rijen × {_nl(columns)} "
            f"kolommen; het maximum is {_nl(max_rows)} rijen × {max_columns} kolommen. "
            "Kopieer alleen de ledenlijst naar een nieuw werkblad",
            f"sheet '{sheet[:40]}' declares {rows:,} rows × {columns:,} columns; the maximum "
            f"is {max_rows:,} rows × {max_columns} columns. Copy just the member list to a new "
            "sheet",
        )
