"""The Metadata sheet: how this file was made and how to make it again.

The tool and catalogue version (with a '+…' suffix when the user changed assumptions), the
reference date, the proposal written out in full so a reader can rebuild it, the run's own
facts, and the check the export did: the calculation engine's totals as fixed values next to
which the live formulas of the other sheets can be compared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook

from checker import __version__
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.export.reader_words import rule_names, threshold_text
from checker.export.workbook_common import BOLD, EUR, LEFT_WRAP, add_sheet
from checker.i18n import column_label, domain_label, fmt_date, fmt_quantity, t, treatment_label
from checker.scenario_model import Scenario


def _treatment_text(treatment: str, factor: float | None, lang: Lang) -> str:
    label = treatment_label(treatment, lang)
    if factor is None:
        return label
    return t("export.meta.with_factor", lang, treatment=label, share=fmt_quantity(factor, lang))


def scenario_rows(
    scenario: Scenario | None, catalogue: Catalogue, lang: Lang
) -> list[tuple[str, Any]]:
    """The proposal's definition in plain rows, so a reader can rebuild it."""
    if scenario is None:
        return [(t("workbook.meta.proposal", lang), t("common.none", lang))]
    scope = scenario.scope
    everything = t("common.all", lang)
    domains = ", ".join(domain_label(d, lang) for d in scope.domains)
    rows: list[tuple[str, Any]] = [
        (t("workbook.meta.proposal_id", lang), scenario.id),
        (t("workbook.meta.proposal", lang), pick(scenario.title, lang)),
        (column_label("description", lang), pick(scenario.description, lang)),
        (t("workbook.meta.threshold", lang), threshold_text(scenario, lang)),
    ]
    if scenario.phase_in is not None:
        rows.append((t("export.meta.phase_in", lang), scenario.phase_in.describe(lang)))
    for step in scenario.steps:
        rows.append(
            (
                t("export.meta.step", lang, date=fmt_date(step.from_, lang)),
                threshold_text(
                    scenario.model_copy(
                        update={"threshold": scenario.threshold.with_value(step.value)}
                    ),
                    lang,
                ),
            )
        )
    rows += [
        (t("workbook.meta.scope_domains", lang), domains or everything),
        (t("workbook.meta.scope_ministries", lang), ", ".join(scope.ministries) or everything),
        (t("workbook.meta.eu_included", lang), scope.include_eu_derived),
        (
            t("workbook.meta.default_treatment", lang),
            f"{_treatment_text(scenario.default_treatment, scenario.default_factor, lang)}: "
            f"{pick(scenario.default_rationale, lang)}",
        ),
    ]
    for domain, per_domain in sorted(scenario.domains.items()):
        rows.append(
            (
                t("export.meta.domain_treatment", lang, domain=domain_label(domain, lang)),
                f"{_treatment_text(per_domain.treatment, per_domain.factor, lang)}: "
                f"{pick(per_domain.rationale, lang)}",
            )
        )
    names = rule_names(catalogue.rules, lang)
    for rid, treatment in sorted(
        scenario.treatments.items(), key=lambda kv: names.get(kv[0], kv[0])
    ):
        label = _treatment_text(treatment.treatment, treatment.factor, lang)
        if treatment.factor is None and treatment.activities:
            label = t("export.meta.some_activities", lang, treatment=label)
        rows.append(
            (
                t("workbook.meta.treatment_of", lang, rule=names.get(rid, rid)),
                f"{label}: {pick(treatment.rationale, lang)}",
            )
        )
    for change in scenario.law_changes:
        rows.append(
            (
                t("export.meta.law_change", lang, rule=names.get(change.rule, change.rule)),
                f"{change.from_:g} → {change.to:g}: {pick(change.rationale, lang)}",
            )
        )
    return rows


def write_metadata_sheet(
    wb: Workbook,
    catalogue: Catalogue,
    scenario: Scenario | None,
    date: dt.date,
    lang: Lang,
    extra: Sequence[tuple[str, Any]] = (),
    engine_totals: Mapping[str, float] | None = None,
) -> None:
    w = add_sheet(wb, "metadata", lang)
    w.title_row(1, t("workbook.meta.title", lang))
    hdr = 3
    w.header(hdr, [t("workbook.meta.item", lang), column_label("value", lang)])
    changed = catalogue.sourced is not None
    rows: list[tuple[str, Any]] = [
        (t("workbook.meta.tool", lang), f"Drempelcheck {__version__}"),
        (t("workbook.meta.catalogue_version", lang), catalogue.version_hash),
    ]
    if changed:
        rows.append((t("export.meta.changed", lang), t("export.meta.changed_note", lang)))
    rows += [
        (t("workbook.meta.rule_count", lang), len(catalogue.rules)),
        (t("app.sidebar.date", lang), date),
        (t("workbook.meta.created", lang), dt.datetime.now().replace(microsecond=0)),
        (t("workbook.meta.language", lang), t(f"export.language.{lang}", lang)),
        *scenario_rows(scenario, catalogue, lang),
        *extra,
    ]
    row = hdr
    for key, value in rows:
        row += 1
        w.put(row, 1, key, font=BOLD, wrap=True)
        fmt = "d-m-yyyy hh:mm" if isinstance(value, dt.datetime) else None
        w.put(row, 2, value, fmt).alignment = LEFT_WRAP  # dates and counts read as text here
    if engine_totals:
        row += 2
        w.section(row, t("export.meta.check", lang), 2)
        row += 1
        w.note(row, t("export.meta.check_note", lang), 2)
        for key in (
            "regulatory_now",
            "regulatory_scen",
            "financial_now",
            "financial_scen",
            "cost_now",
            "cost_scen",
        ):
            row += 1
            w.put(row, 1, t(f"export.total.{key}", lang), wrap=True)
            w.put(row, 2, engine_totals[key], EUR).alignment = LEFT_WRAP
    w.widths([40, 100])
    w.finish(hdr)
