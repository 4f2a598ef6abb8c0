"""What a proposal does to each rule, and how much relief each firm gets.

Two steps, both pure functions of the proposal and the law:

* :func:`plan_rules` resolves, per rule, the proposal's *generic* treatment (exempt, lighter,
  unchanged), where it comes from (rule, domain, default, out of scope), its rationale and
  the threshold it applies at.  This is what a reader of the proposal sees.
* :func:`relief_shares` turns that into the *effect* per firm: a relief share ``s ∈ [0, 1]``
  (1 inside the threshold, phased out above it, 0 outside) and, for rules whose own
  threshold the proposal moves, a mask of firms that keep the rule.

Under a proposal a rule's burden for a firm is ``applies × keep × ((1 − s) × base + s ×
lighter)`` with ``lighter = 0`` for an exemption, so a proposal never adds burden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from checker.bilingual import Text
from checker.conditions import EvalContext, evaluate
from checker.i18n import msg_key, t
from checker.measures import MEASURES
from checker.rule_model import Rule
from checker.scenario_model import (
    DomainTreatment,
    LawChange,
    PhaseIn,
    Scenario,
    Threshold,
    Treatment,
)

# Profile inputs with the headcount in earlier years (for a grace-period phase-in).
HISTORY_FIELDS: tuple[str, ...] = ("employees_1y_ago", "employees_2y_ago", "employees_3y_ago")


def _reason(key: str) -> Text:
    """A reason for an unchanged rule, in both languages from the message catalogue."""
    return Text(nl=t(key, "nl"), en=t(key, "en"))


_NO_PROPOSAL = _reason(msg_key("reason.unchanged.no_proposal"))
_NOT_OBLIGATION = _reason(msg_key("reason.unchanged.not_obligation"))
_EU_FIXED = _reason(msg_key("reason.unchanged.eu_fixed"))
_EU_NO_ROOM = _reason(msg_key("reason.unchanged.eu_no_room"))
_OUT_OF_SCOPE = _reason(msg_key("reason.unchanged.out_of_scope"))


@dataclass(frozen=True)
class RuleTreatment:
    """How a proposal treats one rule in general, and why (the trace, the export)."""

    treatment: str  # exempt | lighter | unchanged
    origin: str  # rule | domain | default | out_of_scope | eu | not_obligation | no_proposal
    reason: Text
    threshold: Threshold | None = None
    spec: Treatment | None = None  # the lighter variant (factor or activity changes)
    law_changes: tuple[LawChange, ...] = field(default_factory=tuple)
    eu_room: Text | None = None


def plan_rules(
    scenario: Scenario | None, rules: Sequence[Rule], date: dt.date
) -> list[RuleTreatment]:
    """The proposal's generic treatment of every rule (rule entry > domain entry > default)."""
    out: list[RuleTreatment] = []
    for rule in rules:
        if scenario is None:
            out.append(RuleTreatment("unchanged", "no_proposal", _NO_PROPOSAL))
            continue
        changes = tuple(c for c in scenario.law_changes if c.rule == rule.id)
        out.append(_plan_one(scenario, rule, date, changes))
    return out


def _plan_one(
    scenario: Scenario, rule: Rule, date: dt.date, changes: tuple[LawChange, ...]
) -> RuleTreatment:
    if rule.kind != "obligation":
        return RuleTreatment("unchanged", "not_obligation", _NOT_OBLIGATION, law_changes=changes)
    base = scenario.threshold_for(rule.id, rule.domain, date)
    domain = scenario.domains.get(rule.domain)
    explicit = scenario.treatments.get(rule.id)
    if explicit is not None:
        threshold = base
        spec = explicit if explicit.treatment == "lighter" else None
        return RuleTreatment(
            explicit.treatment,
            "rule",
            explicit.rationale,
            threshold,
            spec,
            changes,
            explicit.eu_room,
        )
    if rule.eu_fixed:
        return RuleTreatment("unchanged", "eu", _EU_FIXED, law_changes=changes)
    if domain is not None:
        eu_room = domain.eu_room or (
            scenario.scope.eu_room if scenario.scope.include_eu_derived else None
        )
        if rule.eu_derived and eu_room is None:
            return RuleTreatment("unchanged", "eu", _EU_NO_ROOM, law_changes=changes)
        return RuleTreatment(
            domain.treatment,
            "domain",
            domain.rationale,
            base,
            _domain_spec(domain),
            changes,
            eu_room,
        )
    if rule.eu_derived and not scenario.scope.include_eu_derived:
        return RuleTreatment("unchanged", "eu", _EU_NO_ROOM, law_changes=changes)
    if not _in_scope(scenario, rule):
        return RuleTreatment("unchanged", "out_of_scope", _OUT_OF_SCOPE, law_changes=changes)
    spec = None
    if scenario.default_treatment == "lighter":
        spec = Treatment(
            treatment="lighter",
            factor=scenario.default_factor,
            rationale=scenario.default_rationale,
        )
    return RuleTreatment(
        scenario.default_treatment,
        "default",
        scenario.default_rationale,
        base,
        spec,
        changes,
        scenario.scope.eu_room if rule.eu_derived else None,
    )


def _domain_spec(domain: DomainTreatment) -> Treatment | None:
    if domain.treatment != "lighter":
        return None
    return Treatment(treatment="lighter", factor=domain.factor, rationale=domain.rationale)


def _in_scope(scenario: Scenario, rule: Rule) -> bool:
    scope = scenario.scope
    if scope.domains and rule.domain not in scope.domains:
        return False
    if scope.ministries and rule.ministry not in scope.ministries:
        return False
    return not scope.cost_types or any(a.cost_type in scope.cost_types for a in rule.activities)


# ---------------------------------------------------------------------------------------------
# Effect per firm


def share_for(
    threshold: Threshold,
    phase_in: PhaseIn | None,
    values: np.ndarray,
    history: Sequence[np.ndarray] = (),
) -> np.ndarray:
    """Relief share per firm: 1 inside the threshold, phased out above it, 0 outside.

    ``values`` are the firms' values of the threshold's measure; ``history`` the same measure
    one, two, three years ago (for a grace period).  Missing values (NaN) get no relief.
    """
    inside = threshold.contains(values)
    share = inside.astype(np.float64)
    if phase_in is None:
        return share
    if phase_in.kind == "linear":
        assert phase_in.until is not None
        # The fade starts at the last size inside ("≤ 25": 25; "< 25": 24), so the first size
        # outside already gets less than full relief, whichever way the threshold is written.
        start = float(threshold.last_inside())
        width = phase_in.until - start
        if width <= 0:
            # The phase-in ends at or below this (domain or rule) threshold: nothing to fade out,
            # so the threshold stays a pure one (never relief that does not stop).
            return share
        fading = np.clip((phase_in.until - np.asarray(values, dtype=np.float64)) / width, 0, 1)
        return np.maximum(share, np.nan_to_num(fading, nan=0.0))
    years = phase_in.years or 0
    for past in list(history)[:years]:
        share = np.maximum(share, threshold.contains(past).astype(np.float64))
    return share


def measure_values(
    measure: str, columns: dict[str, Any], inputs: dict[str, Any], rates: dict[str, float]
) -> np.ndarray:
    """The firms' values of a threshold measure (computed when no rule reads it)."""
    col = columns.get(measure)
    if col is None:
        col = MEASURES[measure].compute(inputs, rates)
    return np.asarray(col, dtype=np.float64)


def history_values(measure_now: np.ndarray, inputs: dict[str, Any]) -> list[np.ndarray]:
    """The measure in earlier years, scaled by the headcount then (employees k years ago)."""
    heads = np.asarray(inputs["employees"], dtype=np.float64)
    out = []
    for name in HISTORY_FIELDS:
        past = np.asarray(inputs[name], dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(heads > 0, past / heads, 1.0)
        out.append(np.where(np.isfinite(ratio), measure_now * ratio, measure_now))
    return out


def relief_shares(
    scenario: Scenario | None,
    plans: Sequence[RuleTreatment],
    columns: dict[str, Any],
    inputs: dict[str, Any],
    rates: dict[str, float],
) -> tuple[np.ndarray, list[np.ndarray], list[tuple[Threshold, PhaseIn | None]]]:
    """(spec index per rule or -1, the share per distinct (threshold, phase-in), the specs)."""
    spec_of_rule = np.full(len(plans), -1, dtype=np.int64)
    specs: list[tuple[Threshold, PhaseIn | None]] = []
    shares: list[np.ndarray] = []
    if scenario is None:
        return spec_of_rule, shares, specs
    phase_in = scenario.phase_in
    for r, plan in enumerate(plans):
        if plan.treatment == "unchanged" or plan.threshold is None:
            continue
        key = (plan.threshold, phase_in)
        if key not in specs:
            values = measure_values(plan.threshold.measure, columns, inputs, rates)
            history = (
                history_values(values, inputs)
                if phase_in is not None and phase_in.kind == "grace"
                else []
            )
            specs.append(key)
            shares.append(share_for(plan.threshold, phase_in, values, history))
        spec_of_rule[r] = specs.index(key)
    return spec_of_rule, shares, specs


def law_change_keep(
    rules: Sequence[Rule],
    plans: Sequence[RuleTreatment],
    ctx: EvalContext,
    date: dt.date,
) -> dict[int, np.ndarray]:
    """For rules whose own threshold the proposal moves: which firms still fall under them."""
    keep: dict[int, np.ndarray] = {}
    for r, (rule, plan) in enumerate(zip(rules, plans, strict=True)):
        if not plan.law_changes:
            continue
        base = rule.applies_when
        exceptions = [e.when for e in rule.exceptions_on(date)]
        for change in plan.law_changes:
            base = base.substitute(change.measure, change.from_, change.to, ctx.params)
            exceptions = [
                e.substitute(change.measure, change.from_, change.to, ctx.params)
                for e in exceptions
            ]
        still = evaluate(base, ctx).copy()
        for exc in exceptions:
            still &= ~evaluate(exc, ctx)
        keep[r] = still
    return keep
