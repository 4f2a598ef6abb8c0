"""Assumptions a user changes: the result follows, the catalogue is untouched, bad input is refused."""

from __future__ import annotations

import pytest

from checker.api import check
from checker.assumptions import OverrideError, Overrides, apply, validate
from checker.catalogue import Catalogue
from checker.engine import Engine
from checker.scenario_model import DEFAULT_SCENARIO
from tests.conftest import REFERENCE_DATE

FIRM = {"employees": 18, "legal_form": "bv", "sector_sbi": "25.62"}


def test_no_overrides_is_the_catalogue_itself(catalogue: Catalogue) -> None:
    assert apply(catalogue, Overrides()) is catalogue


def test_a_higher_internal_tariff_raises_the_burden_in_proportion(catalogue: Catalogue) -> None:
    tid = next(t for t in catalogue.tariffs if catalogue.tariffs[t].eur_per_hour > 0)
    old = catalogue.tariffs[tid].eur_per_hour
    changed = apply(catalogue, Overrides(tariffs={tid: old * 2}))
    base = check(FIRM, DEFAULT_SCENARIO, REFERENCE_DATE, engine=Engine(catalogue), draws=0)
    new = check(FIRM, DEFAULT_SCENARIO, REFERENCE_DATE, engine=Engine(changed), draws=0)
    hours_cost = sum(
        a.hours_total * a.tariff_eur
        for r in base.rules
        for a in r.activities_now
        if a.tariff_id == tid and not a.one_off
    )
    assert new.totals["cost_now_eur"] == pytest.approx(base.totals["cost_now_eur"] + hours_cost)
    assert new.catalogue_version != base.catalogue_version
    assert catalogue.tariffs[tid].eur_per_hour == old  # the shipped catalogue is untouched


def test_a_figure_override_changes_that_rule_only(catalogue: Catalogue) -> None:
    rule = next(r for r in catalogue.rules if r.activities and r.activities[0].external_eur > 0)
    act = rule.activities[0]
    half = act.external_eur / 2
    changed = apply(catalogue, Overrides(figures={f"{rule.id}.{act.id}.external_eur": half}))
    new_act = next(a for a in changed.rules_by_id[rule.id].activities if a.id == act.id)
    assert new_act.external_eur == half
    assert new_act.spread("external_eur")[0] <= half <= new_act.spread("external_eur")[2]
    others = [r for r in changed.rules if r.id != rule.id]
    assert others == [r for r in catalogue.rules if r.id != rule.id]


def test_a_rate_override_moves_its_size_classes_along(catalogue: Catalogue) -> None:
    rate = catalogue.rates["absence_rate"]
    changed = apply(catalogue, Overrides(rates={"absence_rate": rate.value * 1.5})).rates[
        "absence_rate"
    ]
    for old, new in zip(rate.by_size, changed.by_size, strict=True):
        assert new.value == pytest.approx(old.value * 1.5)


@pytest.mark.parametrize(
    "overrides",
    [
        Overrides(tariffs={"bestaat_niet": 50.0}),
        Overrides(rates={"absence_rate": -1.0}),
        Overrides(figures={"arbo_rie.opstellen.uren": 3.0}),
        Overrides(figures={"bestaat_niet.x.hours": 3.0}),
        Overrides(figures={"arbo_rie.opstellen.hours": 10.0}),  # a line without an hourly tariff
        Overrides(tariffs={"intern": float("nan")}),
    ],
)
def test_unusable_overrides_get_a_message_in_both_languages(
    catalogue: Catalogue, overrides: Overrides
) -> None:
    problems = validate(catalogue, overrides)
    assert problems and all(p.nl and p.en for p in problems)
    with pytest.raises(OverrideError):
        apply(catalogue, overrides)


def test_an_owner_may_say_an_outsourced_line_costs_them_nothing(catalogue: Catalogue) -> None:
    """The audit line has no own hours; an owner whose auditor is paid by the parent company
    enters € 0. That is a fact about the firm, so it is accepted and the line counts nothing."""
    key = "accountantscontrole.controle_accountant.external_eur"
    assert validate(catalogue, Overrides(figures={key: 0.0})) == []
    changed = apply(catalogue, Overrides(figures={key: 0.0}))
    act = next(
        a
        for a in changed.rules_by_id["accountantscontrole"].activities
        if a.id == "controle_accountant"
    )
    assert (act.hours, act.external_eur) == (0.0, 0.0)


def test_a_refused_change_names_the_obligation_by_its_title(catalogue: Catalogue) -> None:
    problems = validate(catalogue, Overrides(figures={"arbo_rie.opstellen.hours": 10.0}))
    rule = catalogue.rules_by_id["arbo_rie"]
    assert len(problems) == 1
    assert problems[0].nl.startswith(rule.title.nl)
    assert "arbo_rie" not in problems[0].nl and "arbo_rie" not in problems[0].en


def test_a_lower_own_figure_never_makes_a_lighter_proposal_add_burden(catalogue: Catalogue) -> None:
    """A proposal's lighter figure is written for the sourced value (RI&E upkeep 8 → 6 hours);
    when the user lowers the base to 2 hours, the lighter regime costs at most those 2."""
    from checker.scenario_model import Scenario

    text = {"nl": "test", "en": "test"}
    lighter = Scenario.model_validate(
        {
            "id": "rie-lichter",
            "title": text,
            "description": text,
            "threshold": {"value": 25},
            "default_treatment": "unchanged",
            "default_rationale": text,
            "treatments": {
                "arbo_rie": {
                    "treatment": "lighter",
                    "activities": {"eigen_tijd": {"hours": 6}},
                    "rationale": text,
                    "eu_room": text,
                }
            },
        }
    )
    changed = apply(catalogue, Overrides(figures={"arbo_rie.eigen_tijd.hours": 2.0}))
    result = check(FIRM, lighter, REFERENCE_DATE, engine=Engine(changed), draws=0)
    rie = next(r for r in result.rules if r.rule.id == "arbo_rie")
    assert rie.treatment == "lighter"
    assert rie.cost_scenario_eur <= rie.cost_now_eur + 1e-9
