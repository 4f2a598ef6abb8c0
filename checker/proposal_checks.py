"""Validating a proposal against the catalogue: all-or-nothing, with file/field problems.

The pydantic model (:mod:`checker.scenario_model`) checks a proposal's shape; this module
checks what needs the law: the rules, domains, measures and sources it names exist, a
lighter variant never raises a figure, EU-derived duties are only touched where the proposal
cites the EU room it uses (and never where the EU act leaves none), a moved law threshold
exists in the rule, the title names the threshold the proposal has, and — as a warning — a
treatment that can never take effect at its threshold.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from checker.bilingual import LANGS, Lang, Text
from checker.conditions import ParamRef, numeric_tests
from checker.measures import MEASURES
from checker.problems import Problem
from checker.proposal_title import Nameable, nameable, named_counts, names, unit_of_measure
from checker.rule_model import DOMAINS, Rule
from checker.scenario_model import Scenario, Threshold

if TYPE_CHECKING:
    from checker.catalogue import Catalogue

Add = Callable[..., None]
Level = Literal["error", "warning"]

# What each check says, in English for developers and the CLI; the app words the same code in
# the reader's language (workbench.problem.<code>), so nothing here is parsed back.
MESSAGES: dict[str, str] = {
    "unknown_domain": "unknown domain '{domain}'",
    "unknown_source": "unknown source '{source}'",
    "unknown_rule": "unknown rule '{rule_id}'",
    "unknown_measure": "unknown measure '{measure_id}'",
    "measure_not_numeric": "a threshold measure must be numeric",
    "not_obligation": "rule '{rule}' is a {kind}, not an obligation; only 'unchanged' fits",
    "eu_fixed": "rule '{rule}' implements EU law that leaves no room for an exemption",
    "eu_fixed_law_change": "rule '{rule}' implements EU law that leaves no room to move it",
    "eu_room_needed": "rule '{rule}' derives from EU law: cite the EU room used",
    "unknown_activity": "rule '{rule}' has no activity '{activity}'",
    "adds_burden": "{new} is more than the base value {old}: a proposal may not add burden",
    "never_inside": (
        "the treatment never takes effect: the rule only applies from {measure} {start}, "
        "outside the threshold {threshold}"
    ),
    "no_such_law_threshold": "rule '{rule}' has no test on '{measure}' with value {value} to move",
    "financial_share_rest_moves": (
        "a financial cost does not disappear: the part beyond share {share} is counted as "
        "moved to others (unnamed), not as saved"
    ),
    "text_names_other_threshold": (
        "the text names '{named}' but the proposal's threshold is {threshold}: say the "
        "threshold it has"
    ),
}


def check_proposal(scenario: Scenario, cat: Catalogue, file: str) -> list[Problem]:
    """Every problem of ``scenario`` against ``cat`` (errors and warnings)."""
    sid = scenario.id
    problems: list[Problem] = []

    def add(fld: str, code: str, level: str = "error", **fields: Any) -> None:
        problems.append(
            Problem(
                file,
                sid,
                fld,
                MESSAGES[code].format(**_english(fields)),
                "warning" if level == "warning" else "error",
                code=code,
                fields=fields,
            )
        )

    _check_measure(scenario.threshold.measure, "threshold.measure", add)
    for dom in scenario.scope.domains:
        if dom not in DOMAINS:
            add("scope.domains", "unknown_domain", domain=dom)
    for dom, entry in scenario.domains.items():
        if dom not in DOMAINS:
            add(f"domains.{dom}", "unknown_domain", domain=dom)
        if entry.threshold is not None and entry.threshold.measure is not None:
            _check_measure(entry.threshold.measure, f"domains.{dom}.threshold.measure", add)
    for src in scenario.sources:
        if src not in cat.sources:
            add("sources", "unknown_source", source=src)
    rules = cat.rules_by_id
    for rid, treatment in scenario.treatments.items():
        fld = f"treatments.{rid}"
        rule = rules.get(rid)
        if rule is None:
            add(fld, "unknown_rule", rule_id=rid)
            continue
        if treatment.threshold is not None and treatment.threshold.measure is not None:
            _check_measure(treatment.threshold.measure, f"{fld}.threshold.measure", add)
        if treatment.treatment != "unchanged":
            if rule.kind != "obligation":
                add(fld, "not_obligation", rule=rid, kind=rule.kind)
            if rule.eu_fixed:
                add(fld, "eu_fixed", rule=rid)
            elif (
                rule.eu_derived
                and treatment.eu_room is None
                and not (scenario.scope.include_eu_derived and scenario.scope.eu_room is not None)
            ):
                add(f"{fld}.eu_room", "eu_room_needed", rule=rid)
        _check_activity_changes(rule, treatment.activities, fld, add)
        threshold = scenario.threshold_for(rule.id, rule.domain)
        if treatment.treatment != "unchanged" and threshold is not None:
            never = _never_inside(rule, threshold, scenario, cat)
            if never is not None:
                add(fld, "never_inside", "warning", **never)
    _check_counts_in_text(scenario, add, cat)
    for i, change in enumerate(scenario.law_changes):
        fld = f"law_changes[{i}]"
        rule = rules.get(change.rule)
        if rule is None:
            add(f"{fld}.rule", "unknown_rule", rule_id=change.rule)
            continue
        _check_measure(change.measure, f"{fld}.measure", add)
        if rule.eu_fixed:
            add(fld, "eu_fixed_law_change", rule=change.rule)
        if not _has_test(rule, change.measure, change.from_, cat):
            add(
                fld,
                "no_such_law_threshold",
                rule=change.rule,
                measure=change.measure,
                value=f"{change.from_:g}",
            )
    return problems


def _check_counts_in_text(scenario: Scenario, add: Add, cat: Catalogue) -> None:
    """The title names the threshold the proposal really has (the rule:
    :mod:`checker.proposal_title`).

    The threshold is data, the title is prose printed on every page and document: when someone
    moves the threshold (25 → 20) and forgets the title, every document would print "tot en met
    25" over figures for 20.  The title is held to this strictly, the rationales with a
    warning (see :func:`_texts`).
    """
    allowed = nameable(scenario)
    th = scenario.threshold
    measure = MEASURES.get(th.measure)
    # "werknemers (in de regel) ≤ 25": with its measure, so "25 werknemers" over a threshold
    # in fte does not read as "25, but the threshold is 25".
    said = {
        lg: f"{measure.label.get(lg) if measure else th.measure} {th.describe(lg)}" for lg in LANGS
    }
    for fld, text, level, rule_id in _texts(scenario):
        # a treatment's rationale may name its own law's thresholds and the EU room it cites
        # ("lidstaten mogen werkgevers met minder dan 50 werknemers vrijstellen")
        may_name = allowed + (_cited_counts(scenario, rule_id, cat) if rule_id else [])
        for lang in LANGS:
            for count in named_counts(text.get(lang), lang):
                if not any(names(count, allowed_th) for allowed_th in may_name):
                    add(
                        f"{fld}.{lang}",
                        "text_names_other_threshold",
                        level,
                        named=count.text,
                        threshold=said,
                    )


def _texts(scenario: Scenario) -> list[tuple[str, Text, Level, str | None]]:
    """The proposal's prose with how strictly it is held to the threshold (and the rule a
    treatment's rationale belongs to): the title is an error; the rationales, printed beside
    each relieved obligation ("vrijgesteld (28 werknemers ≤ 30): …"), a warning, since they may
    rightly name another count ("de OR-plicht geldt vanaf 50 werkzame personen").  The
    description is free: it tells where the proposal comes from, in that source's numbers."""
    texts: list[tuple[str, Text, Level, str | None]] = [
        ("title", scenario.title, "error", None),
        ("default_rationale", scenario.default_rationale, "warning", None),
    ]
    for domain, entry in scenario.domains.items():
        texts.append((f"domains.{domain}.rationale", entry.rationale, "warning", None))
    for rule, treatment in scenario.treatments.items():
        texts.append((f"treatments.{rule}.rationale", treatment.rationale, "warning", rule))
    return texts


def _cited_counts(scenario: Scenario, rule_id: str, cat: Catalogue) -> list[Nameable]:
    """The counts a treatment's rationale may cite: those the rule's own conditions test (the
    law's thresholds) and those its EU room names (the directive's room it relies on)."""
    rule = cat.rules_by_id.get(rule_id)
    tests = _tests(rule, cat) if rule is not None else []
    found = [Nameable(unit_of_measure(measure), value, None) for measure, value in tests]
    room = scenario.treatments[rule_id].eu_room
    if room is not None:
        for lang in LANGS:
            found += [
                Nameable(count.unit, count.value, None)
                for count in named_counts(room.get(lang), lang)
                if count.value is not None
            ]
    return found


def _check_measure(measure: str, fld: str, add: Add) -> None:
    m = MEASURES.get(measure)
    if m is None:
        add(fld, "unknown_measure", measure_id=measure)
    elif m.kind != "number":
        add(fld, "measure_not_numeric")


def _check_activity_changes(rule: Rule, changes: dict[str, Any], fld: str, add: Add) -> None:
    base = {a.id: a for a in rule.activities}
    for aid, change in changes.items():
        base_act = base.get(aid)
        if base_act is None:
            add(f"{fld}.activities.{aid}", "unknown_activity", rule=rule.id, activity=aid)
            continue
        for attr in ("hours", "external_eur", "frequency"):
            new = getattr(change, attr)
            old = getattr(base_act, attr)
            if new is not None and new > old + 1e-12:
                add(
                    f"{fld}.activities.{aid}.{attr}",
                    "adds_burden",
                    new=f"{new:g}",
                    old=f"{old:g}",
                )
        transfer = change.transfer
        if transfer is not None and transfer.share < 1 and base_act.cost_type == "financial":
            # a financial cost never disappears (checker.burden._transfer): the rest is counted
            # as moved to unnamed others, not saved — say so rather than imply a saving
            add(
                f"{fld}.activities.{aid}.transfer.share",
                "financial_share_rest_moves",
                "warning",
                share=f"{transfer.share:g}",
            )


def _latest_params(cat: Catalogue) -> dict[str, float]:
    return {pid: p.values[-1].value for pid, p in cat.parameters.items()}


def _never_inside(
    rule: Rule, threshold: Threshold, scenario: Scenario, cat: Catalogue
) -> dict[str, Any] | None:
    """The warning's fields when the rule only applies to firms above the proposal's
    threshold (None when the treatment can take effect)."""
    defs = {k: d.condition for k, d in cat.definitions.items()}
    bounds = rule.applies_when.bounds(threshold.measure, defs, _latest_params(cat))
    reach = max([threshold.value, *(s.value for s in scenario.steps)])
    if scenario.phase_in is not None and scenario.phase_in.until is not None:
        reach = max(reach, scenario.phase_in.until)
    outside = bounds.lo > reach if threshold.inclusive else bounds.lo >= reach
    if not outside:
        return None
    whole = round(bounds.lo)
    more = bounds.lo > whole
    start = {
        "nl": f"meer dan {whole:g}" if more else f"{bounds.lo:g}",
        "en": f"more than {whole:g}" if more else f"{bounds.lo:g}",
    }
    return {
        "measure": threshold.measure,
        "start": start,
        "threshold": _both(threshold.describe),
    }


def _both(describe: Callable[[Lang], str]) -> dict[str, str]:
    return {"nl": describe("nl"), "en": describe("en")}


def _english(fields: dict[str, Any]) -> dict[str, Any]:
    """Fields given per language ({"nl": …, "en": …}) in English, for the developer message."""
    return {k: (v["en"] if isinstance(v, dict) else v) for k, v in fields.items()}


def _tests(rule: Rule, cat: Catalogue) -> list[tuple[str, float]]:
    """(measure, value) of every numeric test in the rule and its exceptions, parameters read
    at their latest value."""
    params = _latest_params(cat)
    found: list[tuple[str, float]] = []
    for cond in [rule.applies_when, *(e.when for e in rule.exceptions)]:
        for test in numeric_tests(cond):
            value = (
                params.get(test.value.param)
                if isinstance(test.value, ParamRef)
                else float(test.value)
            )
            if value is not None:
                found.append((test.measure, value))
    return found


def _has_test(rule: Rule, measure: str, value: float, cat: Catalogue) -> bool:
    return any(m == measure and abs(v - value) < 1e-9 for m, v in _tests(rule, cat))
