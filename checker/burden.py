"""Standard Cost Model burden: activities become coefficient matrices over cost drivers.

For one activity, yearly cost = frequency × driver quantity × (hours × tariff + external €),
as in the Handboek Meting Regeldrukkosten (price × quantity).  Summed per rule this is a
linear function of a handful of firm drivers (1 per firm, employees, hires, sick cases …),
so a rule's burden for any number of firms is ``drivers @ coefficients``.  That keeps the
population run vectorised and makes the single-firm breakdown an exact expansion of the
same numbers, never a second calculation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from checker.rule_model import DRIVERS, Activity, Rule
from checker.scenario_model import ActivityChange, Treatment

COST_TYPES: tuple[str, ...] = ("administrative", "substantive", "financial")


@dataclass(frozen=True)
class ActivityLine:
    """One activity with the numbers that a scenario may have reduced."""

    activity: Activity
    hours: float
    external_eur: float
    frequency: float
    tariff_eur: float

    @property
    def cost_per_unit(self) -> float:
        """Euros per driver unit (per year unless one-off)."""
        return self.frequency * (self.hours * self.tariff_eur + self.external_eur)

    @property
    def hours_per_unit(self) -> float:
        return self.frequency * self.hours


def activity_lines(
    rule: Rule, tariffs: dict[str, float], treatment: Treatment | None = None
) -> list[ActivityLine]:
    """The rule's activities, with a 'lighter' treatment applied when given."""
    lines: list[ActivityLine] = []
    factor = 1.0
    changes: dict[str, ActivityChange] = {}
    if treatment is not None and treatment.treatment == "lighter":
        if treatment.factor is not None:
            factor = treatment.factor
        changes = treatment.activities
    for act in rule.activities:
        change = changes.get(act.id)
        if change is not None and change.drop:
            continue
        hours = act.hours if change is None or change.hours is None else change.hours
        external = (
            act.external_eur
            if change is None or change.external_eur is None
            else change.external_eur
        )
        frequency = (
            act.frequency if change is None or change.frequency is None else change.frequency
        )
        tariff = tariffs[act.tariff] if act.tariff else 0.0
        lines.append(ActivityLine(act, hours * factor, external * factor, frequency, tariff))
    return lines


@dataclass
class Coefficients:
    """Per rule (rows) and driver (columns): € and hours per driver unit."""

    cost: np.ndarray  # R × K, yearly
    hours: np.ndarray  # R × K, yearly
    cost_one_off: np.ndarray  # R × K
    hours_one_off: np.ndarray  # R × K
    cost_by_type: np.ndarray  # T × R × K, yearly

    @classmethod
    def zeros(cls, n_rules: int) -> Coefficients:
        k = len(DRIVERS)
        return cls(
            np.zeros((n_rules, k)), np.zeros((n_rules, k)), np.zeros((n_rules, k)),
            np.zeros((n_rules, k)), np.zeros((len(COST_TYPES), n_rules, k)),
        )  # fmt: skip


def build_coefficients(
    rules: list[Rule],
    tariffs: dict[str, float],
    treatments: list[Treatment | None] | None = None,
) -> Coefficients:
    coef = Coefficients.zeros(len(rules))
    driver_index = {d: i for i, d in enumerate(DRIVERS)}
    type_index = {t: i for i, t in enumerate(COST_TYPES)}
    for r, rule in enumerate(rules):
        treatment = treatments[r] if treatments is not None else None
        for line in activity_lines(rule, tariffs, treatment):
            k = driver_index[line.activity.driver]
            if line.activity.one_off:
                coef.cost_one_off[r, k] += line.cost_per_unit
                coef.hours_one_off[r, k] += line.hours_per_unit
            else:
                coef.cost[r, k] += line.cost_per_unit
                coef.hours[r, k] += line.hours_per_unit
                coef.cost_by_type[type_index[line.activity.cost_type], r, k] += line.cost_per_unit
    return coef
