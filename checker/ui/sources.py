"""Sources and assumptions as a reader sees them: title, publisher, year, link and rationale.

A figure's :class:`~checker.reference_data.Basis` carries developer notes (derivations, pages,
verification trails) beside the short rationale written for readers.  The pages show only the
reader's side: the rationale in the reader's language and, for a sourced figure, the source's
title, publisher and year with its link — never ``Basis.describe()``, a source id or a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.i18n import t
from checker.reference_data import Basis, Source

_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def source_year(source: Source) -> str | None:
    """The year a source was published ('2024-07' → '2024'); None when undated ('z.d.')."""
    match = _YEAR.search(source.date or "")
    return match.group(0) if match else None


# Sites that host copies of documents published elsewhere (parliamentary papers, law texts,
# articles).  A figure or rule that rests on such a copy says so: the reader should know that
# the link is not the publisher's own and look the document up at its official place.
COPY_SITES = {
    "berthub.eu": "berthub.eu",
    "opentk.publicaffairs.dev": "OpenTK",
    "studylibnl.com": "Studylib",
    "studylib.net": "Studylib",
    "internet.headliner.nl": "Headliner",
    "hse.sdu.nl": "Sdu",
    "collegebundel.nl": "Collegebundel",
}


def copy_site(source: Source) -> str | None:
    """The name of the third-party site when ``source`` links to a copy, else None."""
    host = (urlparse(source.url).hostname or "").lower().removeprefix("www.")
    return COPY_SITES.get(host)


def publisher_words(source: Source, lang: Lang) -> str:
    """The publisher as a reader needs it: 'Tweede Kamer; kopie op berthub.eu, niet de
    uitgave zelf' when the link is a third party's copy, else the publisher as it is."""
    site = copy_site(source)
    publisher = source.publisher or ""
    if site is None:
        return publisher
    note = t("export.source_copy", lang, site=site)
    if not publisher or site.lower() in publisher.lower():
        return note
    return f"{publisher}; {note}"


def citation(source: Source, lang: Lang) -> str:
    """'Title — Publisher, 2024' (what a reader needs to find the document again)."""
    year = source_year(source) or t("firm.source.undated", lang)
    publisher = publisher_words(source, lang)
    publisher = f"{publisher}, " if publisher else ""
    return f"{source.title} — {publisher}{year}"


@dataclass(frozen=True)
class ReaderBasis:
    """Where a figure comes from, in words: sourced or assumed, why, and which document."""

    assumed: bool
    rationale: str
    source: Source | None

    def kind(self, lang: Lang) -> str:
        return t("common.assumption" if self.assumed else "common.source", lang)

    def _why(self, lang: Lang) -> str:
        """The rationale without a leading 'Aanname:' (the kind is already said in front)."""
        text = self.rationale
        for word in (t("common.assumption", "nl"), t("common.assumption", "en")):
            if text.lower().startswith(word.lower() + ":"):
                text = text[len(word) + 1 :].strip()
        return text[:1].upper() + text[1:] if text else text

    def text(self, lang: Lang) -> str:
        """'bron: <citation>. <rationale>' or 'aanname: <rationale>' as one line."""
        why = self._why(lang)
        if self.source is None:
            return f"{self.kind(lang)}: {why}".strip()
        return f"{self.kind(lang)}: {_joined(citation(self.source, lang), why)}"

    def markdown(self, lang: Lang) -> str:
        """As :meth:`text`, with the source's title as a link (for Markdown cells)."""
        if self.source is None:
            return _md_text(self.text(lang))
        year = source_year(self.source) or t("firm.source.undated", lang)
        publisher = publisher_words(self.source, lang)
        publisher = f"{publisher}, " if publisher else ""
        title = _md_text(self.source.title)
        link = f"[{title}]({self.source.url}) — {_md_text(publisher)}{year}"
        return f"{self.kind(lang)}: {_joined(link, _md_text(self._why(lang)))}"


def _joined(citation_text: str, why: str) -> str:
    """'<citation>. <why>' without a double full stop after 'z.d.'."""
    if not why:
        return citation_text
    return f"{citation_text} {why}" if citation_text.endswith(".") else f"{citation_text}. {why}"


def _md_text(text: str) -> str:
    """Text for a Markdown cell: brackets, pipes and stars would change what is shown."""
    return re.sub(r"([\\`*_\[\]|<>#])", r"\\\1", text).replace("\n", " ")


def reader_basis(basis: Basis, catalogue: Catalogue, lang: Lang) -> ReaderBasis:
    """The reader's view of a figure's basis (rationale + cited source, no developer notes)."""
    rationale = pick(basis.rationale, lang) if basis.rationale else ""
    source = catalogue.sources.get(basis.source) if basis.source else None
    return ReaderBasis(assumed=basis.is_assumption, rationale=rationale.strip(), source=source)


_RULE_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def with_titles(text: str, catalogue: Catalogue, lang: Lang) -> str:
    """Catalogue text with any rule id it names replaced by that rule's title.

    A few explanatory texts (omissions, notes) name another rule by its id; a reader needs
    its title ('avg_verwerkingsregister' → 'Register van verwerkingsactiviteiten (AVG)').
    """
    rules = catalogue.rules_by_id

    def title(match: re.Match[str]) -> str:
        rule = rules.get(match.group(0))
        return f"'{pick(rule.title, lang)}'" if rule else match.group(0)

    return _RULE_ID.sub(title, text)
