"""The Bronnen sheet: every document the figures cite, as a reader cites it, and the laws.

A source is listed by its title, publisher and year with a working link, and with what it is
used for in words (obligations by title, tariffs and ratios by name) — never by an internal id.
The legal bases follow: each obligation with its law, article and link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl import Workbook

from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.export.reader_words import source_kind, source_words
from checker.export.report_content import plain_text
from checker.export.workbook_common import add_sheet
from checker.i18n import column_label, t
from checker.rule_model import Rule
from checker.scenario_model import Scenario


def cited_sources(
    catalogue: Catalogue,
    rules: Sequence[Rule],
    rule_names: dict[str, str],
    scenario: Scenario | None,
    date: dt.date,
    lang: Lang,
) -> dict[str, list[str]]:
    """Source id → what cites it, in words (obligations, tariffs, ratios, amounts, proposal)."""
    cited: dict[str, list[str]] = {}

    def cite(src: str | None, by: str) -> None:
        if src and src in catalogue.sources and by not in cited.setdefault(src, []):
            cited[src].append(by)

    for rule in rules:
        name = rule_names.get(rule.id, pick(rule.title, lang))
        for src in [*rule.sources, *rule.confidence.sources]:
            cite(src, name)
        for act in rule.activities:
            cite(act.basis.source, name)
        if rule.workability is not None:
            cite(rule.workability.basis.source, name)
    for tariff in catalogue.tariffs.values():
        cite(tariff.basis.source, t("export.sources.tariff", lang, name=pick(tariff.label, lang)))
    for rate in catalogue.rates.values():
        cite(rate.basis.source, t("export.sources.rate", lang, name=pick(rate.label, lang)))
    for param in catalogue.parameters.values():
        entry = param.entry_on(date)
        if entry is not None:
            cite(entry.basis.source, t("export.sources.amount", lang, name=pick(param.label, lang)))
    if scenario is not None:
        for src in scenario.sources:
            cite(src, t("export.sources.proposal", lang, name=pick(scenario.title, lang)))
    return cited


def write_sources_sheet(
    wb: Workbook,
    catalogue: Catalogue,
    rules: Sequence[Rule],
    rule_names: dict[str, str],
    scenario: Scenario | None,
    date: dt.date,
    lang: Lang,
) -> None:
    w = add_sheet(wb, "sources", lang)
    w.title_row(1, t("sheet.sources", lang))
    hdr = 3
    w.header(
        hdr,
        [
            column_label("title", lang),
            column_label("publisher", lang),
            column_label("year", lang),
            column_label("kind", lang),
            t("export.link", lang),
            t("export.sources.used_for", lang),
        ],
    )
    row = hdr
    cited = cited_sources(catalogue, rules, rule_names, scenario, date, lang)
    listed = sorted(cited, key=lambda s: source_words(catalogue.sources[s], lang).title.lower())
    for sid in listed:
        src = catalogue.sources[sid]
        words = source_words(src, lang)
        row += 1
        w.put(row, 1, words.title, wrap=True)
        w.put(row, 2, words.publisher, wrap=True)
        w.put(row, 3, words.year)
        w.put(row, 4, source_kind(src, lang))
        w.link(row, 5, src.url, src.url)
        w.put(row, 6, "; ".join(cited[sid]), wrap=True)
    row += 2
    w.section(row, t("workbook.sources.legal_bases", lang), 6)
    row += 1
    w.header(
        row,
        [
            column_label("obligation", lang),
            t("workbook.sources.law", lang),
            column_label("article", lang),
            t("workbook.sources.eu_basis", lang),
            t("export.link", lang),
        ],
    )
    for rule in rules:
        lb = rule.legal_basis
        row += 1
        w.put(row, 1, rule_names.get(rule.id, pick(rule.title, lang)), wrap=True)
        w.put(row, 2, plain_text(lb.law), wrap=True)
        w.put(row, 3, plain_text(lb.article), wrap=True)
        w.put(row, 4, rule.eu_basis, wrap=True)
        w.link(row, 5, lb.url, lb.url)
    w.widths([52, 30, 8, 12, 40, 60])
    w.finish(hdr)
