"""Sources and assumptions as a reader sees them: title, publisher, year, link and rationale.

A figure's :class:`~checker.reference_data.Basis` carries developer notes (derivations, pages,
verification trails) beside the short rationale written for readers.  The pages show only the
reader's side: the rationale in the reader's language and, for a sourced figure, the source's
title, publisher and year with its link — never ``Basis.describe()``, a source id or a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.i18n import t
from checker.reference_data import Basis, Source

_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def source_year(source: Source) -> str | None:
    """The year a source was published ('2024-07' → '2024'); None when undated ('z.d.')."""
    match = _YEAR.search(source.date or "")
    return match.group(0) if match else None


def citation(source: Source, lang: Lang) -> str:
    """'Title — Publisher, 2024' (what a reader needs to find the document again)."""
    year = source_year(source) or t("firm.source.undated", lang)
    publisher = f"{source.publisher}, " if source.publisher else ""
    return f"{source.title} — {publisher}{year}"


@dataclass(frozen=True)
class ReaderBasis:
    """Where a figure comes from, in words: sourced or assumed, why, and which document."""

    assumed: bool
    rationale: str
    source: Source | None

    def kind(self, lang: Lang) -> str:
        return t("common.assumption" if self.assumed else "common.source", lang)

    def text(self, lang: Lang) -> str:
        """'bron: <citation>. <rationale>' or 'aanname: <rationale>' as one line."""
        if self.source is None:
            return f"{self.kind(lang)}: {self.rationale}".strip()
        cited = citation(self.source, lang)
        return f"{self.kind(lang)}: {cited}" + (f". {self.rationale}" if self.rationale else "")

    def markdown(self, lang: Lang) -> str:
        """As :meth:`text`, with the source's title as a link (for Markdown cells)."""
        if self.source is None:
            return self.text(lang)
        year = source_year(self.source) or t("firm.source.undated", lang)
        publisher = f"{self.source.publisher}, " if self.source.publisher else ""
        title = _md_text(self.source.title)
        link = f"[{title}]({self.source.url}) — {_md_text(publisher)}{year}"
        rationale = f". {_md_text(self.rationale)}" if self.rationale else ""
        return f"{self.kind(lang)}: {link}{rationale}"


def _md_text(text: str) -> str:
    """Text for a Markdown cell: brackets, pipes and stars would change what is shown."""
    return re.sub(r"([\\`*_\[\]|<>#])", r"\\\1", text).replace("\n", " ")


def reader_basis(basis: Basis, catalogue: Catalogue, lang: Lang) -> ReaderBasis:
    """The reader's view of a figure's basis (rationale + cited source, no developer notes)."""
    rationale = pick(basis.rationale, lang) if basis.rationale else ""
    source = catalogue.sources.get(basis.source) if basis.source else None
    return ReaderBasis(assumed=basis.is_assumption, rationale=rationale.strip(), source=source)
