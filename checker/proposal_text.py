"""A proposal's definition in plain rows, so a reader of a comparison can rebuild it.

Every part of a proposal that changes its outcome is listed — threshold, steps, phase-in,
scope and EU room, default treatment, domains, rules (by title), moved law thresholds — with
its rationale.  The comparison workbook, its PDF and the builder page show these rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.bilingual import Lang, pick
from checker.i18n import domain_label, fmt_date, fmt_number, t, treatment_label
from checker.measures import MEASURES
from checker.scenario_model import Scenario, Threshold

if TYPE_CHECKING:
    from checker.catalogue import Catalogue


def _number(value: float, lang: Lang) -> str:
    return fmt_number(value, lang, decimals=0 if float(value).is_integer() else 2)


def threshold_words(threshold: Threshold, lang: Lang) -> str:
    """'≤ 25 werknemers (in de regel)'."""
    measure = MEASURES.get(threshold.measure)
    name = pick(measure.label, lang).lower() if measure is not None else threshold.measure
    return f"{threshold.symbol()} {_number(threshold.value, lang)} {name}"


def phase_in_words(scenario: Scenario, lang: Lang) -> str:
    """'de verlichting neemt lineair af tot 35' ('geen' without a phase-in)."""
    phase_in = scenario.phase_in
    if phase_in is None:
        return t("workbench.compare.none", lang)
    if phase_in.kind == "linear" and phase_in.until is not None:
        return t("workbench.phase_words.linear", lang, until=_number(phase_in.until, lang))
    return t("workbench.phase_words.grace", lang, years=phase_in.years or 0)


def _treatment(treatment: str, factor: float | None, lang: Lang) -> str:
    words = treatment_label(treatment, lang)
    if treatment == "lighter" and factor is not None:
        words += " " + t(
            "workbench.draft.factor", lang, factor=fmt_number(factor, lang, decimals=2)
        )
    return words


def definition_rows(
    scenario: Scenario, catalogue: Catalogue, lang: Lang, *, brief: bool = False
) -> list[tuple[str, str]]:
    """(item, value) rows describing ``scenario`` completely, in ``lang``.

    ``brief`` (the printed report) leaves out the description and puts the rules treated one
    by one in a single row, without their rationales (the workbook has them in full).
    """
    rows: list[tuple[str, str]] = [
        (t("workbench.def.title", lang), scenario.title.get(lang)),
        (t("workbench.def.id", lang), scenario.id),
        (t("workbench.def.description", lang), scenario.description.get(lang)),
        (t("workbench.def.threshold", lang), threshold_words(scenario.threshold, lang)),
    ]
    for step in scenario.steps:
        rows.append(
            (
                t("workbench.def.step", lang, date=fmt_date(step.from_, lang)),
                threshold_words(scenario.threshold.with_value(step.value), lang),
            )
        )
    if scenario.phase_in is not None:
        rows.append((t("workbench.def.phase_in", lang), phase_in_words(scenario, lang)))
    scope = scenario.scope
    everything = t("common.all", lang)
    rows.append((t("workbench.def.ministries", lang), ", ".join(scope.ministries) or everything))
    rows.append(
        (
            t("workbench.def.domains", lang),
            ", ".join(domain_label(d, lang) for d in scope.domains) or everything,
        )
    )
    rows.append(
        (
            t("workbench.def.eu", lang),
            pick(scope.eu_room, lang)
            if scope.include_eu_derived
            else t("workbench.def.eu_stays", lang),
        )
    )
    rows.append(
        (
            t("workbench.def.default", lang),
            f"{_treatment(scenario.default_treatment, scenario.default_factor, lang)}: "
            f"{scenario.default_rationale.get(lang)}",
        )
    )
    for domain, entry in sorted(scenario.domains.items()):
        words = _treatment(entry.treatment, entry.factor, lang)
        if entry.threshold is not None:
            own = entry.threshold.apply(scenario.threshold)
            words += f" ({threshold_words(own, lang)})"
        rows.append(
            (
                t("workbench.def.domain", lang, domain=domain_label(domain, lang)),
                f"{words}: {entry.rationale.get(lang)}",
            )
        )
    rules = catalogue.rules_by_id
    one_by_one: list[str] = []
    for rid, treatment in sorted(
        scenario.treatments.items(),
        key=lambda item: pick(rules[item[0]].title, lang) if item[0] in rules else item[0],
    ):
        title = pick(rules[rid].title, lang) if rid in rules else rid
        words = _treatment(treatment.treatment, treatment.factor, lang)
        if treatment.treatment == "lighter" and treatment.factor is None:
            words += " " + t("workbench.def.per_activity", lang)
        if brief:
            one_by_one.append(f"{title}: {words}")
            continue
        text = f"{words}: {treatment.rationale.get(lang)}"
        if treatment.eu_room is not None:
            text += " " + t("workbench.def.eu_room", lang, room=treatment.eu_room.get(lang))
        rows.append((t("workbench.def.rule", lang, rule=title), text))
    if one_by_one:
        rows.append(
            (
                t("workbench.def.rules", lang),
                t("workbench.def.rules_brief", lang, count=len(one_by_one)),
            )
        )
    for change in scenario.law_changes:
        title = pick(rules[change.rule].title, lang) if change.rule in rules else change.rule
        measure = MEASURES.get(change.measure)
        name = pick(measure.label, lang).lower() if measure is not None else change.measure
        rows.append(
            (
                t("workbench.def.law_change", lang, rule=title),
                t(
                    "workbench.def.law_change_value",
                    lang,
                    measure=name,
                    old=_number(change.from_, lang),
                    new=_number(change.to, lang),
                    rationale=change.rationale.get(lang),
                ),
            )
        )
    if scenario.sources:
        titles = [
            catalogue.sources[s].title if s in catalogue.sources else s for s in scenario.sources
        ]
        rows.append((t("workbench.def.sources", lang), "; ".join(titles)))
    if brief:
        left_out = (
            t("workbench.def.description", lang),
            t("workbench.def.sources", lang),
            t("workbench.def.id", lang),
        )
        rows = [r for r in rows if r[0] not in left_out]
    return rows
