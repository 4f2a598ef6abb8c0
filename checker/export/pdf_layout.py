"""The printed report's building blocks on fpdf2: title, headline box, sections, tables, images.

One look for every report: A4 portrait, Liberation Sans (embedded, covers € ë ≤ –), the
app's colours (proposal blue, current-law red), numbers right-aligned, and a footer on every
page with the proposal, reference date, catalogue version and page number, so a single
printed page still says what it is.  Blocks that must stay together (a section heading and
its first rows, a chart and its caption) move to the next page as a whole.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from checker.export.chart_images import FONT_DIR

FONT = "LiberationSans"
INK = (29, 39, 51)
MUTED = (95, 107, 122)
ACCENT = (46, 134, 193)  # the app's proposal colour (checker.ui.charts.SCEN_COLOR)
ACCENT_LIGHT = (234, 243, 250)
NOW = (192, 57, 43)  # the app's current-law colour (checker.ui.charts.NOW_COLOR)
RULE = (213, 219, 225)
ZEBRA = (246, 248, 250)
HEADER_FILL = (236, 240, 244)

Align = Literal["L", "R", "C"]


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # mm
    align: Align = "L"


@dataclass(frozen=True)
class Cell:
    text: str
    sub: str = ""  # a second, smaller grey line (e.g. the law under an obligation's title)
    bold: bool = False


# A hyphen inside a compound word: 'Metaalunie-voorstel', not '-5' or '2020–2024'.
_COMPOUND_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W_])")


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, read from the PNG header (IHDR)."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


class ReportPdf(FPDF):
    """An A4 report page set with the report's fonts, colours and footer."""

    def __init__(self, footer_lines: Sequence[str], lang: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font(FONT, "", str(FONT_DIR / "LiberationSans-Regular.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "LiberationSans-Bold.ttf"))
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=20)
        self.footer_lines = list(footer_lines)
        self.set_lang(lang)
        self.set_creator("Drempelcheck")
        self.add_page()

    def normalize_text(self, text: str) -> str:
        """Keep '€' with its amount and '≤' with its number on one line."""
        text = text.replace("€ ", "€\u00a0").replace("≤ ", "≤\u00a0")
        return str(super().normalize_text(text))

    # -- page furniture --------------------------------------------------------------------
    @property
    def content_width(self) -> float:
        return float(self.w - self.l_margin - self.r_margin)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.2)
        page = f"{self.page_no()} / {{nb}}"
        room = self.content_width - 14
        for i, line in enumerate(self.footer_lines):
            size = 7.0
            self._font(size, color=MUTED)
            while self.get_string_width(line) > room and size > 5:  # a long title: smaller
                size -= 0.25
                self._font(size, color=MUTED)
            self.cell(room, 3.4, line, new_x=XPos.RIGHT, new_y=YPos.TOP)
            self._font(7, color=MUTED)
            self.cell(14, 3.4, page if i == 0 else "", align="R")
            self.ln(3.4)

    def _font(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*color)

    def fits(self, height: float) -> bool:
        return bool(self.get_y() + height <= self.page_break_trigger)

    def ensure_space(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit on this one."""
        if not self.fits(height):
            self.add_page()

    # -- text blocks -----------------------------------------------------------------------
    def kicker(self, left: str, right: str) -> None:
        """The small line above the title: what this document is, and when it was made."""
        self._font(8, bold=True, color=ACCENT)
        self.cell(self.content_width / 2, 4, left.upper())
        self._font(8, color=MUTED)
        self.cell(self.content_width / 2, 4, right, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def report_title(self, text: str, subtitle_lines: Sequence[str] = ()) -> None:
        self._font(17, bold=True)
        self.multi_cell(0, 7.4, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(0.8)
        self._font(9.5, color=MUTED)
        for line in subtitle_lines:
            self.multi_cell(0, 4.6, line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)

    def _text_height(self, width: float, line_h: float, text: str) -> float:
        lines = self.multi_cell(width, line_h, text, dry_run=True, output="LINES")
        assert isinstance(lines, list)
        return len(lines) * line_h

    def headline(self, big: str, lines: Sequence[str], note: str = "") -> None:
        """The answer in one box: the amount, what it consists of, and the separate figure."""
        pad, bar = 5.0, 1.6
        inner = self.content_width - 2 * pad - bar
        self._font(19, bold=True)
        h_big = self._text_height(inner, 8.6, big)
        self._font(9.5)
        h_lines = sum(self._text_height(inner, 4.7, t) + 1.2 for t in lines)
        self._font(8.5)
        h_note = self._text_height(inner, 4.2, note) + 2.5 if note else 0.0
        height = pad + h_big + 1.5 + h_lines + h_note + pad - 1.2
        self.ensure_space(height)
        x, y = self.l_margin, self.get_y()
        self.set_fill_color(*ACCENT_LIGHT)
        self.rect(x, y, self.content_width, height, style="F")
        self.set_fill_color(*ACCENT)
        self.rect(x, y, bar, height, style="F")
        left = x + bar + pad
        self.set_xy(left, y + pad)
        self._font(19, bold=True, color=ACCENT)
        self.multi_cell(inner, 8.6, big, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.ln(1.5)
        self._font(9.5)
        for text in lines:
            self.set_x(left)
            self.multi_cell(inner, 4.7, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.ln(1.2)
        if note:
            self.ln(1.3)
            self.set_draw_color(*RULE)
            self.line(left, self.get_y() - 0.6, left + inner, self.get_y() - 0.6)
            self.set_x(left)
            self._font(8.5, color=MUTED)
            self.multi_cell(inner, 4.2, note, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_xy(self.l_margin, y + height + 5)

    def section(self, text: str, keep_with: float = 20) -> None:
        """A section heading; moves to the next page with ``keep_with`` mm of what follows."""
        self.ensure_space(9 + keep_with)
        self.ln(1)
        self._font(11.5, bold=True)
        self.cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.4)
        self.line(self.l_margin, self.get_y() + 0.3, self.l_margin + 16, self.get_y() + 0.3)
        self.set_line_width(0.2)
        self.ln(2.6)

    def paragraph(
        self,
        text: str,
        size: float = 9,
        color: tuple[int, int, int] = INK,
        line_h: float | None = None,
        after: float = 1.6,
        bold: bool = False,
    ) -> None:
        self._font(size, bold=bold, color=color)
        lh = line_h or size * 0.47
        self.ensure_space(self._text_height(self.content_width, lh, text))  # never split
        self.multi_cell(0, lh, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(after)

    def bullets(
        self, items: Sequence[str], size: float = 8.5, color: tuple[int, int, int] = INK
    ) -> None:
        lh = size * 0.46
        for item in items:
            self._font(size, color=color)
            self.ensure_space(lh)
            y = self.get_y()
            self.set_x(self.l_margin)
            self.cell(4, lh, "•")
            self.set_xy(self.l_margin + 4, y)
            self.multi_cell(
                self.content_width - 4, lh, item, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            self.ln(0.7)

    def image_png(self, png: bytes, width: float, caption: str = "") -> None:
        """A chart image centred at ``width`` mm, kept on one page with its caption."""
        px_w, px_h = png_size(png)
        height = width * px_h / px_w
        self.ensure_space(height + (6 if caption else 1))
        x = self.l_margin + (self.content_width - width) / 2
        self.image(io.BytesIO(png), x=x, y=self.get_y(), w=width)
        self.set_y(self.get_y() + height + 1)
        if caption:
            self.paragraph(caption, size=7.5, color=MUTED, after=2)

    # -- tables ----------------------------------------------------------------------------
    def data_table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell]],
        total: Sequence[Cell] | None = None,
        size: float = 8.3,
        compact: bool = False,
        groups: Sequence[tuple[str, Sequence[Sequence[Cell]]]] = (),
    ) -> None:
        """A table that fits the text width: wrapped text, right-aligned figures, zebra rows.

        A row never splits over two pages, the header is repeated after a page break, and the
        total stays with the last row.  ``groups`` follow the total, each under a heading row
        across the table (e.g. financial costs, kept apart from the regeldruk total).
        """
        self._pad_y = 0.7 if compact else 1.25
        scale = self.content_width / sum(c.width for c in columns)
        cols = [Column(c.title, c.width * scale, c.align) for c in columns]
        total_h = self._row_height(cols, total, size) if total is not None else 0.0
        self._table_header(cols, size)
        for i, row in enumerate(rows):
            height = self._row_height(cols, row, size)
            needed = height + (total_h if i == len(rows) - 1 else 0.0)
            if not self.fits(needed):
                self.add_page()
                self._table_header(cols, size)
            self._row(cols, row, size, height, fill=ZEBRA if i % 2 else None)
        if total is not None:
            self.set_draw_color(*INK)
            self.line(self.l_margin, self.get_y(), self.l_margin + self.content_width, self.get_y())
            self._row(cols, total, size, total_h, fill=None)
        for heading, group_rows in groups:
            self._group(cols, heading, group_rows, size)
        self.ln(2.5)

    def _group(
        self, cols: Sequence[Column], heading: str, rows: Sequence[Sequence[Cell]], size: float
    ) -> None:
        span = [Column(heading, self.content_width)]
        head = [Cell(heading, bold=True)]
        head_h = self._row_height(span, head, size) + 1.5
        first_h = self._row_height(cols, rows[0], size) if rows else 0.0
        if not self.fits(head_h + first_h):
            self.add_page()
            self._table_header(cols, size)
        self.set_y(self.get_y() + 1.5)
        self._row(span, head, size, head_h - 1.5, fill=HEADER_FILL)
        for i, row in enumerate(rows):
            height = self._row_height(cols, row, size)
            if not self.fits(height):
                self.add_page()
                self._table_header(cols, size)
            self._row(cols, row, size, height, fill=ZEBRA if i % 2 else None)

    _PAD_X = 1.6
    _pad_y = 1.25

    def _line_h(self, size: float) -> float:
        return size * 0.45

    def _breakable(self, text: str, width: float) -> str:
        """``text`` with a break allowed after the hyphen of a compound word too wide for the
        cell ('Metaalunie-|voorstel'), so it is never cut inside a part ('Metaalunie-voorst|el').
        Only such words are touched (a zero-width space after the hyphen)."""
        words = text.split(" ")
        for i, word in enumerate(words):
            # multi_cell keeps its cell margin on both sides of the text
            if "-" in word and self.get_string_width(word) > width - 2 * self.c_margin:
                words[i] = _COMPOUND_HYPHEN.sub("-\u200b", word)
        return " ".join(words)

    def _cell_height(self, col: Column, cell: Cell, size: float) -> float:
        width = col.width - 2 * self._PAD_X
        self._font(size, bold=cell.bold)
        text = self._breakable(cell.text or " ", width)
        h = self._text_height(width, self._line_h(size), text)
        if cell.sub:
            self._font(size - 1.3)
            h += 0.4 + self._text_height(width, self._line_h(size - 1.3), cell.sub)
        return h + 2 * self._pad_y

    def _row_height(self, cols: Sequence[Column], row: Sequence[Cell], size: float) -> float:
        return max(self._cell_height(c, cell, size) for c, cell in zip(cols, row, strict=True))

    def _table_header(self, cols: Sequence[Column], size: float) -> None:
        header = [Cell(c.title, bold=True) for c in cols]
        height = self._row_height(cols, header, size - 0.5)
        self._row(cols, header, size - 0.5, height, fill=HEADER_FILL, color=MUTED)

    def _row(
        self,
        cols: Sequence[Column],
        row: Sequence[Cell],
        size: float,
        height: float,
        fill: tuple[int, int, int] | None,
        color: tuple[int, int, int] = INK,
    ) -> None:
        y = self.get_y()
        x = self.l_margin
        if fill is not None:
            self.set_fill_color(*fill)
            self.rect(x, y, self.content_width, height, style="F")
        for col, cell in zip(cols, row, strict=True):
            width = col.width - 2 * self._PAD_X
            self.set_xy(x + self._PAD_X, y + self._pad_y)
            self._font(size, bold=cell.bold, color=color)
            self.multi_cell(
                width,
                self._line_h(size),
                self._breakable(cell.text, width),
                align=col.align,
                new_x=XPos.LEFT,
                new_y=YPos.NEXT,
            )
            if cell.sub:
                self.set_y(self.get_y() + 0.4)
                self.set_x(x + self._PAD_X)
                self._font(size - 1.3, color=MUTED)
                self.multi_cell(
                    width,
                    self._line_h(size - 1.3),
                    cell.sub,
                    align=col.align,
                    new_x=XPos.LEFT,
                    new_y=YPos.NEXT,
                )
            x += col.width
        self.set_draw_color(*RULE)
        self.line(self.l_margin, y + height, self.l_margin + self.content_width, y + height)
        self.set_xy(self.l_margin, y + height)

    def to_bytes(self) -> bytes:
        return bytes(self.output())
