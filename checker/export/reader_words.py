"""What the documents call things: rule titles, sources and the basis of a figure, for readers.

A workbook or report goes to people who never saw the catalogue: they read an obligation's
title (never its id), a source as title, publisher and year (never its id), and a figure's
rationale as written for them (never the developer note that sits next to it in the data).
Both the workbook sheets and the PDF report take their words from here, so the two documents
name an obligation or a source the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.export.report_content import law_reference, source_title
from checker.i18n import t
from checker.measures import MEASURES
from checker.reader_text import citation_notes
from checker.reference_data import Basis, Source
from checker.rule_model import Rule
from checker.scenario_model import Scenario
from checker.ui.sources import publisher_words


def rule_names(rules: Iterable[Rule], lang: Lang) -> dict[str, str]:
    """Rule id → the title a reader sees, made unique with its article where two share one.

    The workbook's formulas look rules up by this name (SUMIFS over the Berekening sheet), so
    it must be unique within one document.
    """
    listed = list(rules)
    titles = {r.id: pick(r.title, lang) for r in listed}
    counts: dict[str, int] = {}
    for title in titles.values():
        counts[title] = counts.get(title, 0) + 1
    names: dict[str, str] = {}
    used: set[str] = set()
    for rule in listed:
        name = titles[rule.id]
        if counts[name] > 1:
            name = f"{name} ({law_reference(rule)})"
        base, n = name, 2
        while name in used:
            name = f"{base} ({n})"
            n += 1
        used.add(name)
        names[rule.id] = name
    return names


@dataclass(frozen=True)
class SourceWords:
    """A source as a reader cites it."""

    title: str
    publisher: str
    year: str
    url: str | None

    def text(self) -> str:
        tail = ", ".join(p for p in (self.publisher, self.year) if p)
        return f"{self.title} ({tail})" if tail else self.title


def source_words(source: Source, lang: Lang) -> SourceWords:
    year = (source.date or "")[:4]
    return SourceWords(
        title=source_title(source.title),
        publisher=publisher_words(source, lang),
        year=year if year.isdigit() else t("export.undated", lang),
        url=source.url,
    )


def source_kind(source: Source, lang: Lang) -> str:
    """law / official / statistics / … in words ('wet', 'overheid', 'statistiek', …)."""
    return t(f"export.source_kind.{source.kind}", lang)


@dataclass(frozen=True)
class BasisWords:
    """Where a figure comes from, for a reader: source or assumption, why, and a link."""

    is_assumption: bool
    rationale: str
    source: SourceWords | None

    def kind(self, lang: Lang) -> str:
        return t("common.assumption" if self.is_assumption else "common.source", lang)

    def text(self, lang: Lang) -> str:
        """The rationale, then the source it rests on ('Bron: …')."""
        parts = [self.rationale] if self.rationale else []
        if self.source is not None:
            parts.append(t("export.source_is", lang, source=self.source.text()))
        return " ".join(parts)

    @property
    def url(self) -> str | None:
        return self.source.url if self.source is not None else None


def basis_words(basis: Basis, catalogue: Catalogue, lang: Lang) -> BasisWords:
    """The reader's text of a figure's basis: its rationale and its source, never the notes.

    A rationale that still carries a developer note (a file name, an id, 'not read') is left
    out rather than shown; the source, if any, is still named.
    """
    rationale = pick(basis.rationale, lang) if basis.rationale is not None else ""
    if rationale and citation_notes(rationale):
        rationale = ""
    src = catalogue.sources.get(basis.source) if basis.source else None
    return BasisWords(basis.is_assumption, rationale, source_words(src, lang) if src else None)


def threshold_text(scenario: Scenario, lang: Lang, date: dt.date | None = None) -> str:
    """A proposal's threshold in words: 'werknemers (in de regel) ≤ 25' (on ``date`` when
    the proposal takes steps)."""
    th = scenario.threshold_on(date) if date is not None else scenario.threshold
    measure = MEASURES.get(th.measure)
    name = pick(measure.label, lang) if measure is not None else t("export.size", lang)
    return f"{name} {th.describe(lang)}"


def proposal_title(scenario: Scenario | None, lang: Lang) -> str:
    """The proposal by its title (its id is for the Metadata sheet only)."""
    if scenario is None:
        return t("common.none", lang)
    return pick(scenario.title, lang)
