"""Invariants of every proposal the builder can produce (hypothesis).

The builder (:mod:`checker.proposal_builder`) adds shapes the shipped proposals do not have:
a threshold on another measure, domain and rule choices on top of a shipped proposal, EU room
typed by the user, later steps, moved law thresholds.  For whatever the builder accepts:

- no firm's burden ever goes up, for any rule, cost type or one-off cost;
- a phase-in (linear or a grace period) never makes a larger cliff than the same proposal as a
  pure threshold, and never costs a firm more anywhere;
- a firm above every threshold of the proposal and above the end of its phase-in gets no
  relief (the builder refuses the shapes where the relief would run on without end);
- the proposal survives its own file and its own link unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checker.api import load
from checker.growth import sweep_frame
from checker.proposal_builder import (
    THRESHOLD_MEASURES,
    DomainChoice,
    Draft,
    LawChoice,
    RuleChoice,
    build,
    changeable_rules,
    draft_from_scenario,
    law_thresholds,
)
from checker.proposal_io import decode_link, dump_proposal, encode_link, parse_proposal
from checker.relief import measure_values
from checker.scenario_model import Scenario, TreatmentKind
from tests.test_properties import profiles

ENGINE = load()
CAT = ENGINE.catalogue
RULES = changeable_rules(CAT)
LAW_TESTS = [(r.id, t) for r in RULES for t in law_thresholds(r, CAT)]
DOMAINS = sorted({r.domain for r in CAT.rules})
MINISTRIES = sorted({r.ministry for r in CAT.rules})
TREATMENT: st.SearchStrategy[TreatmentKind] = st.sampled_from(["exempt", "lighter", "unchanged"])
FACTOR = st.floats(0, 1).map(lambda f: round(f, 2))
DATES = st.sampled_from([dt.date(2024, 3, 1), dt.date(2026, 11, 27), dt.date(2029, 7, 1)])
ROOM = "Richtlijn 89/391/EEG art. 9 lid 2 (eigenschapstest)"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Counts for people, euros for money: a threshold value on the measure's own scale.
SCALE = {"turnover_eur": 1e5, "balance_total_eur": 1e5}


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    """Any set of choices the builder page offers, optionally on top of a shipped proposal."""
    base = draw(st.sampled_from([None, *sorted(CAT.scenarios)]))
    draft = draft_from_scenario(CAT.scenarios[base] if base else None, new_id="eigenschap")
    measure = draw(st.sampled_from(THRESHOLD_MEASURES))
    scale = SCALE.get(measure, 1.0)
    value = draw(st.integers(0, 120)) * scale
    default = draw(TREATMENT)
    domains: dict[str, DomainChoice] = dict(draft.domains)
    for domain in draw(st.lists(st.sampled_from(DOMAINS), max_size=3, unique=True)):
        treatment = draw(TREATMENT)
        own = draw(
            st.one_of(st.none(), st.integers(-10, 60).map(lambda v: max(0, value + v * scale)))
        )
        factor = draw(FACTOR) if treatment == "lighter" else None
        domains[domain] = DomainChoice(treatment, factor, own)
    rules: dict[str, RuleChoice] = dict(draft.rules)
    for rule in draw(st.lists(st.sampled_from(RULES), max_size=4, unique_by=lambda r: r.id)):
        treatment = draw(TREATMENT)
        factor = draw(FACTOR) if treatment == "lighter" else None
        rules[rule.id] = RuleChoice(treatment, factor, ROOM if rule.eu_derived else "")
    steps: tuple[tuple[dt.date, float], ...] = ()
    start = draw(st.sampled_from([None, dt.date(2025, 1, 1), dt.date(2027, 1, 1)]))
    if start is not None:
        later = draw(st.lists(st.integers(0, 120), max_size=2))
        steps = tuple(
            (dt.date(start.year + 2 * (i + 1), 1, 1), v * scale) for i, v in enumerate(later)
        )
    # The phase-in ends above the default threshold and its steps (the schema requires it);
    # it may end below a domain threshold, which the builder must refuse.
    highest = max([value, *(v for _, v in steps)])
    phase = draw(st.sampled_from(["none", "linear", "grace"]))
    laws = tuple(
        LawChoice(rid, test.measure, test.value, float(draw(st.integers(0, 200))))
        for rid, test in draw(st.lists(st.sampled_from(LAW_TESTS), max_size=2, unique=True))
    )
    return draft.replace(
        measure=measure,
        value=value,
        inclusive=draw(st.booleans()),
        default_treatment=default,
        default_factor=draw(FACTOR) if default == "lighter" else None,
        ministries=tuple(draw(st.lists(st.sampled_from(MINISTRIES), max_size=2, unique=True))),
        scope_domains=tuple(draw(st.lists(st.sampled_from(DOMAINS), max_size=2, unique=True))),
        eu_room=draw(st.sampled_from(["", ROOM])),
        domains=domains,
        rules=rules,
        phase=phase,
        until=highest + draw(st.integers(1, 40)) * scale if phase == "linear" else None,
        years=draw(st.integers(1, 3)) if phase == "grace" else None,
        start=start,
        later_steps=steps,
        law_changes=laws,
    )


def built(draft: Draft) -> Scenario:
    result = build(draft, CAT)
    assume(result.scenario is not None)
    assert result.scenario is not None
    return result.scenario


def with_history(rows: list[dict[str, Any]], grew_by: int) -> pd.DataFrame:
    """Firms that had ``grew_by`` fewer employees one and two years ago (for grace periods)."""
    frame = pd.DataFrame(rows)
    for past in ("employees_1y_ago", "employees_2y_ago"):
        frame[past] = np.maximum(frame["employees"] - grew_by, 0)
    return frame


@SETTINGS
@given(st.lists(profiles(), min_size=1, max_size=6), drafts(), DATES)
def test_no_built_proposal_ever_adds_burden(
    rows: list[dict[str, Any]], draft: Draft, date: dt.date
) -> None:
    proposal = built(draft)
    ev = ENGINE.evaluate(with_history(rows, 3), date, proposal)
    values = ev.rule_values()
    for key in ("cost", "hours", "one_off", "administrative", "substantive", "financial"):
        assert np.all(values[f"{key}_scen"] <= values[f"{key}_now"] + 1e-6), key
    assert not np.any(ev.applies_scen & ~ev.applies_now)
    assert np.all(ev.firm_totals()["saved_eur"] >= -1e-6)
    assert np.all((ev.relief >= 0) & (ev.relief <= 1))


@SETTINGS
@given(profiles(), drafts(), DATES)
def test_a_phase_in_never_makes_a_larger_cliff_than_the_pure_threshold(
    row: dict[str, Any], draft: Draft, date: dt.date
) -> None:
    assume(draft.phase != "none")
    phased = built(draft)
    pure = built(draft.replace(phase="none", until=None, years=None))
    th = pure.threshold_on(date)
    top = int(min(max(th.first_outside(), 1) + 40, 200))
    frame = sweep_frame(row, top)
    for past in ("employees_1y_ago", "employees_2y_ago", "employees_3y_ago"):
        frame[past] = np.maximum(frame["employees"] - 1, 0)  # every firm grew by one a year
    pure_cost = ENGINE.evaluate(frame, date, pure).firm_totals()["cost_scen"].to_numpy()
    phased_cost = ENGINE.evaluate(frame, date, phased).firm_totals()["cost_scen"].to_numpy()
    assert np.all(phased_cost <= pure_cost + 1e-6)
    if th.measure == "employees" and 1 <= th.last_inside() < top:
        i = th.last_inside() - 1  # row i has i + 1 employees
        assert phased_cost[i + 1] - phased_cost[i] <= pure_cost[i + 1] - pure_cost[i] + 1e-6


def _reach(proposal: Scenario) -> float:
    """The largest size any threshold or the phase-in of ``proposal`` still relieves."""
    values = [proposal.threshold.value, *(s.value for s in proposal.steps)]
    values += [
        d.threshold.value
        for d in proposal.domains.values()
        if d.threshold and d.threshold.value is not None
    ]
    values += [
        t.threshold.value
        for t in proposal.treatments.values()
        if t.threshold is not None and t.threshold.value is not None
    ]
    if proposal.phase_in is not None and proposal.phase_in.until is not None:
        values.append(proposal.phase_in.until)
    return max(values)


@SETTINGS
@given(st.lists(profiles(), min_size=1, max_size=8), drafts(), DATES)
def test_firms_above_every_threshold_get_no_relief(
    rows: list[dict[str, Any]], draft: Draft, date: dt.date
) -> None:
    proposal = built(draft)
    frame = with_history(rows, 0)  # no grace: the firms were as big a year ago
    ev = ENGINE.evaluate(frame, date, proposal)
    measure = measure_values(proposal.threshold.measure, ev.columns, ev.inputs, CAT.rate_values())
    above = measure > _reach(proposal)
    assert np.all(ev.relief[above] == 0)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_a_built_proposal_survives_its_file_and_its_link(draft: Draft) -> None:
    proposal = built(draft)
    assert parse_proposal(dump_proposal(proposal), CAT).scenario == proposal
    try:
        token = encode_link(proposal)
    except ValueError:  # too long for a link: the page says so and offers the file
        return
    assert decode_link(token, CAT).scenario == proposal
