"""Proposals as data: thresholds, phase-ins, steps, per-domain thresholds, law changes, EU room.

The expected values are written out by hand from what each proposal says ("up to and
including 25", "linear to 35"), not computed by the code under test.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest

from checker.api import check
from checker.catalogue import Catalogue
from checker.engine import DateOutOfRange, Engine
from checker.proposal_checks import check_proposal
from checker.relief import share_for
from checker.scenario_model import DEFAULT_SCENARIO, PhaseIn, Scenario, Threshold
from tests.conftest import REFERENCE_DATE

TEXT = {"nl": "test", "en": "test"}


def proposal(**fields: Any) -> Scenario:
    data: dict[str, Any] = {
        "id": "test",
        "title": {"nl": "Testvoorstel: drempel", "en": "Test proposal: threshold"},
        "description": TEXT,
        "threshold": {"measure": "employees", "value": 25, "inclusive": True},
        "default_rationale": TEXT,
    }
    data.update(fields)
    return Scenario.model_validate(data)


# -- the threshold ----------------------------------------------------------------------------


def test_up_to_and_including_25_contains_24_and_25_not_26() -> None:
    th = Threshold(measure="employees", value=25, inclusive=True)
    assert th.contains([24, 25, 26]).tolist() == [True, True, False]
    assert th.first_outside() == 26
    assert th.describe("nl") == "≤ 25"


def test_fewer_than_25_contains_24_not_25() -> None:
    th = Threshold(measure="employees", value=25, inclusive=False)
    assert th.contains([24, 25, 26]).tolist() == [True, False, False]
    assert th.first_outside() == 25


def test_a_missing_value_is_outside_the_threshold() -> None:
    th = Threshold(measure="fte", value=25)
    assert th.contains([float("nan")]).tolist() == [False]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -1])
def test_a_threshold_must_be_a_finite_number_from_zero(bad: float) -> None:
    with pytest.raises(ValueError):
        Threshold(measure="employees", value=bad)


# -- phase-in ---------------------------------------------------------------------------------


def test_linear_phase_in_from_25_to_35() -> None:
    """Full relief up to 25, 90 % at 26, half at 30, none from 35."""
    th = Threshold(value=25)
    share = share_for(th, PhaseIn(kind="linear", until=35), np.array([25, 26, 30, 34, 35, 36]))
    assert share.tolist() == pytest.approx([1.0, 0.9, 0.5, 0.1, 0.0, 0.0])


def test_grace_period_of_two_years_keeps_relief_after_crossing() -> None:
    """A firm that had 25 employees one or two years ago keeps the relief; three years: not."""
    th = Threshold(value=25)
    now = np.array([30.0, 30.0, 30.0, 30.0])
    history = [
        np.array([25.0, 30, 30, 30]),
        np.array([30.0, 25, 30, 30]),
        np.array([30.0, 30, 25, 30]),
    ]
    share = share_for(th, PhaseIn(kind="grace", years=2), now, history)
    assert share.tolist() == [1.0, 1.0, 0.0, 0.0]


def test_linear_phase_in_must_end_above_the_threshold() -> None:
    with pytest.raises(ValueError, match="above the threshold"):
        proposal(phase_in={"kind": "linear", "until": 20})


def test_phase_in_softens_the_step_from_25_to_26(engine: Engine) -> None:
    """Pure threshold: the 26th employee costs the whole relief; linear to 35: a tenth of it."""
    frame = pd.DataFrame({"employees": [25, 26], "legal_form": "bv", "sector_sbi": "25"})
    pure = engine.evaluate(frame, REFERENCE_DATE, proposal()).firm_totals()
    phased = engine.evaluate(
        frame, REFERENCE_DATE, proposal(phase_in={"kind": "linear", "until": 35})
    ).firm_totals()
    step_pure = pure["cost_scen"][1] - pure["cost_scen"][0]
    step_phased = phased["cost_scen"][1] - phased["cost_scen"][0]
    assert phased["saved_eur"][1] > 0 == pure["saved_eur"][1]
    assert step_phased < step_pure


# -- steps and dates --------------------------------------------------------------------------


def test_steps_move_the_threshold_on_their_dates() -> None:
    p = proposal(steps=[{"from": "2027-01-01", "value": 25}, {"from": "2029-01-01", "value": 50}])
    assert not p.in_effect(dt.date(2026, 12, 31))
    assert p.threshold_on(dt.date(2027, 1, 1)).value == 25
    assert p.threshold_on(dt.date(2028, 12, 31)).value == 25
    assert p.threshold_on(dt.date(2029, 1, 1)).value == 50


def test_a_proposal_saves_nothing_before_it_starts(engine: Engine) -> None:
    p = proposal(steps=[{"from": "2027-01-01", "value": 25}])
    before = check({"employees": 20}, p, dt.date(2026, 12, 1), engine=engine, draws=0)
    after = check({"employees": 20}, p, dt.date(2027, 1, 1), engine=engine, draws=0)
    assert before.totals["saved_eur"] == 0
    assert after.totals["saved_eur"] > 0
    assert any("gaat pas in" in r.scenario_reason for r in before.rules if r.applies_now)


def test_a_date_before_2020_is_refused(engine: Engine) -> None:
    with pytest.raises(DateOutOfRange, match="1 januari 2020"):
        check({"employees": 20}, None, dt.date(2019, 12, 31), engine=engine)


# -- per-domain thresholds and law changes ----------------------------------------------------


def test_a_domain_threshold_of_50_relieves_sick_leave_duties_at_40(engine: Engine) -> None:
    p = proposal(
        domains={"verzuim": {"treatment": "exempt", "threshold": {"value": 50}, "rationale": TEXT}}
    )
    result = check({"employees": 40}, p, REFERENCE_DATE, engine=engine, draws=0)
    by_id = {r.rule.id: r for r in result.rules}
    assert by_id["wvp_tweede_spoor"].treatment == "exempt"
    assert by_id["arbo_basiscontract"].treatment == "unchanged"  # default threshold 25


def test_moving_the_works_council_from_50_to_75(engine: Engine) -> None:
    """WOR art. 2: a works council from 50 persons; the proposal moves it to 75."""
    p = proposal(
        default_treatment="unchanged",
        law_changes=[
            {
                "rule": "wor_ondernemingsraad",
                "measure": "persons_wor",
                "from": 50,
                "to": 75,
                "rationale": TEXT,
            }
        ],
    )
    assert [x for x in check_proposal(p, engine.catalogue, "test") if x.level == "error"] == []
    outcome = {}
    for persons in (49, 50, 74, 75, 76):
        r = check({"employees": persons}, p, REFERENCE_DATE, engine=engine, draws=0)
        outcome[persons] = next(x for x in r.rules if x.rule.id == "wor_ondernemingsraad").treatment
    assert outcome == {
        49: "not_applicable",
        50: "exempt",
        74: "exempt",
        75: "unchanged",
        76: "unchanged",
    }


def test_a_law_change_must_name_a_threshold_the_rule_has(catalogue: Catalogue) -> None:
    p = proposal(
        law_changes=[
            {
                "rule": "wor_ondernemingsraad",
                "measure": "persons_wor",
                "from": 40,
                "to": 75,
                "rationale": TEXT,
            }
        ]
    )
    messages = [x.message for x in check_proposal(p, catalogue, "test")]
    assert any("no test on 'persons_wor' with value 40" in m for m in messages)


# -- EU room ----------------------------------------------------------------------------------


def test_an_eu_duty_needs_the_eu_room_the_proposal_uses(catalogue: Catalogue) -> None:
    rule = next(r for r in catalogue.rules if r.eu_derived and r.kind == "obligation")
    bare = proposal(treatments={rule.id: {"treatment": "exempt", "rationale": TEXT}})
    cited = proposal(
        treatments={rule.id: {"treatment": "exempt", "rationale": TEXT, "eu_room": TEXT}}
    )
    assert any(p.field.endswith("eu_room") for p in check_proposal(bare, catalogue, "t"))
    assert not any(p.field.endswith("eu_room") for p in check_proposal(cited, catalogue, "t"))


def test_an_eu_duty_without_room_can_never_be_exempted(catalogue: Catalogue) -> None:
    rule = next(r for r in catalogue.rules if r.eu_derived and r.kind == "obligation")
    fixed = catalogue.rules_by_id[rule.id].model_copy(update={"eu_fixed": True})
    cat = Catalogue(
        **{
            **catalogue.__dict__,
            "rules": [fixed if r.id == rule.id else r for r in catalogue.rules],
        }
    )
    p = proposal(treatments={rule.id: {"treatment": "exempt", "rationale": TEXT, "eu_room": TEXT}})
    assert any("leaves no room" in x.message for x in check_proposal(p, cat, "t"))


def test_the_shipped_default_proposal_exists(catalogue: Catalogue) -> None:
    assert DEFAULT_SCENARIO in catalogue.scenarios


def test_a_threshold_variant_never_keeps_the_old_threshold_in_its_title(
    catalogue: Catalogue,
) -> None:
    base = catalogue.scenario(DEFAULT_SCENARIO)
    variant = catalogue.scenario(f"{DEFAULT_SCENARIO}@50")
    old = f"{base.threshold.value:g}"
    assert variant.threshold.value == 50
    assert f"tot en met {old} werknemers" not in variant.title.nl
    assert "tot en met 50 werknemers" in variant.title.nl
    assert f"up to and including {old} employees" not in variant.title.en


def test_a_title_that_names_another_threshold_is_refused(catalogue: Catalogue) -> None:
    """Moving the threshold (25 → 20) without the title would print "tot en met 25" over
    figures for 20."""
    stale = proposal(
        title={"nl": "Voorstel: tot en met 25 werknemers", "en": "Proposal: up to 25 employees"},
        threshold={"measure": "employees", "value": 20, "inclusive": True},
    )
    problems = check_proposal(stale, catalogue, "t")
    assert {(p.field, p.level) for p in problems} == {("title.nl", "error"), ("title.en", "error")}
    right = proposal(
        title={"nl": "Voorstel: tot en met 20 werknemers", "en": "Proposal: up to 20 employees"},
        threshold={"measure": "employees", "value": 20, "inclusive": True},
        description={
            "nl": "Een bedrijf met 21 werknemers bespaart niets; de OR-plicht vanaf 50 werknemers "
            "schuift naar 75 werknemers.",
            "en": "A firm with 21 employees saves nothing.",
        },
        law_changes=[
            {
                "rule": "wor_ondernemingsraad",
                "measure": "persons_wor",
                "from": 50,
                "to": 75,
                "rationale": TEXT,
            }
        ],
    )
    assert check_proposal(right, catalogue, "t") == []


def test_a_description_may_name_other_counts(catalogue: Catalogue) -> None:
    """A description may rightly name another law's threshold; only the title is held to it."""
    p = proposal(description={"nl": "De bhv-plicht bij 30 werknemers blijft.", "en": "x"})
    assert check_proposal(p, catalogue, "t") == []


@pytest.mark.parametrize("bad", ["nan", "-1", "inf", "1e400", "abc"])
def test_a_bad_threshold_in_an_id_is_refused(catalogue: Catalogue, bad: str) -> None:
    with pytest.raises(KeyError):
        catalogue.scenario(f"{DEFAULT_SCENARIO}@{bad}")


@pytest.mark.parametrize("bad", [True, "nan", float("nan")])
def test_a_threshold_written_as_true_or_nan_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError):
        proposal(threshold={"measure": "employees", "value": bad})


def test_a_phase_in_that_ends_below_a_domain_threshold_never_relieves_above_it(
    engine: Engine,
) -> None:
    """Linear to 35 with sick-leave duties at 50: a firm of 500 gets no relief at all."""
    p = proposal(
        phase_in={"kind": "linear", "until": 35},
        domains={"verzuim": {"treatment": "exempt", "threshold": {"value": 50}, "rationale": TEXT}},
    )
    assert share_for(Threshold(value=50), p.phase_in, np.array([49.0, 50, 51, 500])).tolist() == [
        1.0,
        1.0,
        0.0,
        0.0,
    ]
    big = check({"employees": 500}, p, REFERENCE_DATE, engine=engine, draws=0)
    assert big.totals["saved_eur"] == 0


# -- found in review ----------------------------------------------------------------------------


def test_a_moved_law_threshold_waits_for_the_proposal_to_start(engine: Engine) -> None:
    """A stepped proposal has no effect before its first step, law changes included."""
    p = proposal(
        default_treatment="unchanged",
        steps=[{"from": "2028-01-01", "value": 25}],
        law_changes=[
            {
                "rule": "wor_ondernemingsraad",
                "measure": "persons_wor",
                "from": 50,
                "to": 75,
                "rationale": TEXT,
            }
        ],
    )
    before = check({"employees": 60}, p, dt.date(2027, 6, 1), engine=engine, draws=0)
    after = check({"employees": 60}, p, dt.date(2028, 1, 1), engine=engine, draws=0)
    rule = "wor_ondernemingsraad"
    assert next(r for r in before.rules if r.rule.id == rule).treatment == "unchanged"
    assert before.totals["saved_eur"] == 0
    assert next(r for r in after.rules if r.rule.id == rule).treatment == "exempt"


def test_a_stepped_proposal_at_another_threshold_keeps_its_shape() -> None:
    p = proposal(steps=[{"from": "2027-01-01", "value": 10}, {"from": "2029-01-01", "value": 25}])
    moved = p.at_threshold(5)
    assert [s.value for s in moved.steps] == [2, 5]


def test_a_threshold_is_written_as_a_reader_writes_it() -> None:
    """Counts as numbers, amounts in euros, in the reader's notation."""
    nbsp = "\u00a0"
    turnover = Threshold(measure="turnover_eur", value=12_000_000)
    assert turnover.describe("nl") == f"≤ €{nbsp}12.000.000"
    assert turnover.describe("en") == f"≤ €{nbsp}12,000,000"
    assert Threshold(measure="employees", value=25).describe("nl") == "≤ 25"
    assert Threshold(measure="fte", value=2.5, inclusive=False).describe("nl") == "< 2,5"


def test_a_phase_in_below_an_exclusive_threshold_fades_from_the_first_size_outside() -> None:
    """'< 25' with a fade to 35: 24 inside, 25 outside and already less than full relief."""
    share = share_for(
        Threshold(value=25, inclusive=False),
        PhaseIn(kind="linear", until=35),
        np.array([24, 25, 35]),
    )
    assert share[0] == 1.0 and 0 < share[1] < 1 and share[2] == 0.0


def test_a_firm_without_a_headcount_is_refused(engine: Engine) -> None:
    from checker.parsing.errors import InputError

    with pytest.raises(InputError):
        engine.evaluate(pd.DataFrame({"employees": [3, float("nan")]}), REFERENCE_DATE)
    with pytest.raises(InputError):
        engine.evaluate(pd.DataFrame({"employees": [3], "weight": [float("nan")]}), REFERENCE_DATE)


def test_a_negated_combination_says_nothing_about_one_measure(catalogue: Catalogue) -> None:
    from checker.conditions import EVERYTHING, NotOf

    node = NotOf.model_validate(
        {
            "not": {
                "all": [
                    {"measure": "employees", "op": "<=", "value": 10},
                    {"measure": "listed", "is": True},
                ]
            }
        }
    )
    assert node.bounds("employees", {}, {}) == EVERYTHING  # true at 3 employees when not listed


def test_the_metaalunie_variants_share_one_threshold_from_an_abstract_base(
    catalogue: Catalogue,
) -> None:
    """The 25 is written once (rules/scenarios/metaalunie-basis.yaml); the base is no proposal."""
    assert "metaalunie-basis" not in catalogue.scenarios
    family = [s for s in catalogue.scenarios.values() if s.family == "metaalunie"]
    assert len(family) >= 3
    assert len({s.threshold for s in family}) == 1


def test_the_variant_range_is_quoted_at_the_proposals_own_threshold(catalogue: Catalogue) -> None:
    """'metaalunie-25@30': the cautious and the broad variant are computed at 30 as well, never
    at the shipped threshold; a proposal of the user's own has no variants to quote."""
    from checker.population import family_variants

    engine = Engine(catalogue)
    shipped = catalogue.scenario(DEFAULT_SCENARIO)
    moved_to = shipped.threshold.first_outside() + 4
    variants = family_variants(engine, catalogue.scenario(f"{DEFAULT_SCENARIO}@{moved_to}"))
    assert len(variants) == 3
    assert {v.threshold.value for v in variants} == {moved_to}
    assert {v.variant for v in variants} == {"conservative", "default", "maximal"}
    own = shipped.model_copy(update={"id": "mijn-voorstel"})
    assert family_variants(engine, own) == [own]
    edited = shipped.model_copy(update={"default_treatment": "lighter"})  # same id, other content
    assert family_variants(engine, edited) == [edited]


# The share a rationale names, written out by hand, and the factor it means (the lighter regime
# costs factor × the current burden).
NAMED_SHARES = {
    "halvering": 0.5,
    "halving": 0.5,
    "een kwart minder": 0.75,
    "a quarter less": 0.75,
    "daalt met een kwart": 0.75,
    "falls by a quarter": 0.75,
}


def test_a_rationale_that_names_a_share_applies_that_share(catalogue: Catalogue) -> None:
    """'Halvering van de kosten is een aanname' over a factor of 0,75 tells the reader one
    thing and computes another."""
    checked = 0
    for scenario in catalogue.scenarios.values():
        entries = [*scenario.treatments.items(), *scenario.domains.items()]
        for name, entry in entries:
            if entry.factor is None:
                continue
            for lang in ("nl", "en"):
                text = entry.rationale.get(lang).lower()
                named = [f for words, f in NAMED_SHARES.items() if words in text]
                assert named, (scenario.id, name, lang, "names no share")
                assert set(named) == {entry.factor}, (scenario.id, name, lang, named, entry.factor)
                checked += 1
    assert checked >= 10
