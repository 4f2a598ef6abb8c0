"""Formula-injection neutralising for text that ends up in a spreadsheet cell.

A workbook from Drempelcheck is forwarded to ministries and MPs and opened in Excel or
LibreOffice.  Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
can be read as a formula (CSV/DDE injection) — by openpyxl when writing, by a spreadsheet
when a reader re-enters the cell, or by a tool that copies it to CSV.  Every text cell the
export writes goes through :func:`neutralise`, which prefixes such text with an apostrophe
(OWASP advice): the content stays readable and can never run.
"""

from __future__ import annotations

import re

DANGEROUS_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
# Control characters other than tab/newline/CR are illegal in XML and would corrupt the file.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_CELL_CHARS = 32_000  # Excel's limit is 32,767 characters per cell


def neutralise(text: str) -> str:
    """Return ``text`` safe for a cell: inert if it looks like a formula, no illegal chars."""
    clean = _ILLEGAL_XML.sub("", text)
    if len(clean) > MAX_CELL_CHARS:
        clean = clean[:MAX_CELL_CHARS] + "…"
    if clean.startswith(DANGEROUS_PREFIXES):
        return "'" + clean
    return clean


def is_inert(text: str) -> bool:
    """True when a cell text cannot be taken for a formula (used by tests and callers)."""
    return not text.startswith(DANGEROUS_PREFIXES)


def safe_url(url: str | None) -> str | None:
    """Only plain web links become hyperlinks; anything else (file:, javascript:) is dropped."""
    if not url:
        return None
    url = url.strip()
    if re.match(r"^https?://[^\s\"<>]+$", url):
        return url
    return None
