"""The one engine: evaluates the catalogue and a scenario over a DataFrame of firms.

A single firm is a one-row frame; a population is a weighted frame of millions of rows.
Both go through :meth:`Engine.evaluate`, so a firm's result and the matching row of a
population run cannot disagree.  Conditions become boolean column operations, burdens a
matrix product of applicability with per-driver coefficients (see :mod:`checker.burden`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from checker.burden import COST_TYPES, Coefficients, build_coefficients
from checker.catalogue import Catalogue
from checker.conditions import EvalContext, evaluate
from checker.defaults import complete
from checker.measures import MEASURES, compute_columns
from checker.rule_model import DRIVER_COLUMNS, DRIVERS, Rule
from checker.scenario_model import Scenario, Treatment

CHUNK_ROWS = 262_144


@dataclass(frozen=True)
class RuleTreatment:
    """How a scenario treats one rule, and why (for the trace and the export)."""

    treatment: str  # exempt | lighter | unchanged
    in_scope: bool
    explicit: bool
    rationale: str
    rationale_en: str
    spec: Treatment | None


def resolve_treatments(scenario: Scenario | None, rules: list[Rule]) -> list[RuleTreatment]:
    out: list[RuleTreatment] = []
    for rule in rules:
        if scenario is None:
            out.append(
                RuleTreatment("unchanged", False, False, "geen scenario", "no scenario", None)
            )
            continue
        explicit = scenario.treatments.get(rule.id)
        in_scope = _in_scope(scenario, rule)
        if rule.kind != "obligation":
            out.append(
                RuleTreatment(
                    "unchanged",
                    False,
                    explicit is not None,
                    "geen verplichting (regeling of indeling)",
                    "not an obligation (relief or classification)",
                    explicit,
                )
            )
        elif explicit is not None:
            out.append(
                RuleTreatment(
                    explicit.treatment,
                    True,
                    True,
                    explicit.rationale.nl,
                    explicit.rationale.en,
                    explicit,
                )
            )
        elif in_scope:
            spec = None
            if scenario.default_treatment == "lighter":
                spec = Treatment(
                    treatment="lighter",
                    factor=scenario.default_factor,
                    rationale=scenario.default_rationale,
                )
            out.append(
                RuleTreatment(
                    scenario.default_treatment,
                    True,
                    False,
                    scenario.default_rationale.nl,
                    scenario.default_rationale.en,
                    spec,
                )
            )
        else:
            why_nl = (
                "EU-recht (geen nationale ruimte)"
                if rule.eu_derived and not scenario.scope.include_eu_derived
                else "buiten de reikwijdte van het scenario"
            )
            why_en = (
                "EU law (no national room)"
                if rule.eu_derived and not scenario.scope.include_eu_derived
                else "outside the scenario's scope"
            )
            out.append(RuleTreatment("unchanged", False, False, why_nl, why_en, None))
    return out


def _in_scope(scenario: Scenario, rule: Rule) -> bool:
    scope = scenario.scope
    if rule.kind != "obligation":
        return False
    if rule.eu_derived and not scope.include_eu_derived:
        return False
    if scope.domains and rule.domain not in scope.domains:
        return False
    if scope.ministries and rule.ministry not in scope.ministries:
        return False
    return not scope.cost_types or any(a.cost_type in scope.cost_types for a in rule.activities)


@dataclass
class Evaluation:
    """Result of one engine run over n firms and R rules valid on ``date``."""

    date: dt.date
    scenario: Scenario | None
    rules: list[Rule]
    frame: pd.DataFrame  # completed profile columns (+ weight)
    assumed: dict[str, np.ndarray]
    columns: dict[str, Any]  # measure columns
    drivers: np.ndarray  # n × K
    applies_now: np.ndarray  # n × R bool
    full_scen: np.ndarray  # n × R bool: applies under the scenario with the full burden
    light_scen: np.ndarray  # n × R bool: applies under the scenario, lighter
    qualifies: np.ndarray  # n bool: firm within the scenario threshold
    treatments: list[RuleTreatment]
    coef: Coefficients
    coef_light: Coefficients
    weights: np.ndarray  # n
    context: EvalContext | None = None
    _cache: dict[str, Any] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.weights)

    @property
    def rule_ids(self) -> list[str]:
        return [r.id for r in self.rules]

    @property
    def applies_scen(self) -> np.ndarray:
        return self.full_scen | self.light_scen

    # -- per firm × rule (small n only: n × R floats) ------------------------------------------
    def rule_values(self) -> dict[str, np.ndarray]:
        """n × R arrays of hours and € (yearly and one-off), now and under the scenario."""
        if "rule_values" not in self._cache:
            d = self.drivers
            out = {
                "cost_now": self.applies_now * (d @ self.coef.cost.T),
                "hours_now": self.applies_now * (d @ self.coef.hours.T),
                "cost_scen": self.full_scen * (d @ self.coef.cost.T)
                + self.light_scen * (d @ self.coef_light.cost.T),
                "hours_scen": self.full_scen * (d @ self.coef.hours.T)
                + self.light_scen * (d @ self.coef_light.hours.T),
                "one_off_now": self.applies_now * (d @ self.coef.cost_one_off.T),
                "one_off_scen": self.full_scen * (d @ self.coef.cost_one_off.T)
                + self.light_scen * (d @ self.coef_light.cost_one_off.T),
            }
            self._cache["rule_values"] = out
        return self._cache["rule_values"]

    # -- per firm totals (any n, chunked) -------------------------------------------------------
    def firm_totals(self) -> pd.DataFrame:
        """Per firm: obligations and yearly hours/€ now and under the scenario, and savings."""
        if "firm_totals" in self._cache:
            return self._cache["firm_totals"]
        n = self.n
        names = ("cost_now", "hours_now", "cost_scen", "hours_scen", "one_off_now", "one_off_scen")
        out = {k: np.empty(n) for k in names}
        base = np.hstack([self.coef.cost, self.coef.hours, self.coef.cost_one_off])  # R × 3K
        light = np.hstack(
            [self.coef_light.cost, self.coef_light.hours, self.coef_light.cost_one_off]
        )
        k = len(DRIVERS)
        for start in range(0, n, CHUNK_ROWS):
            sl = slice(start, min(n, start + CHUNK_ROWS))
            d = self.drivers[sl]
            now = self.applies_now[sl].astype(np.float64) @ base  # chunk × 3K
            scen = (
                self.full_scen[sl].astype(np.float64) @ base
                + self.light_scen[sl].astype(np.float64) @ light
            )
            out["cost_now"][sl] = np.einsum("ij,ij->i", d, now[:, :k])
            out["hours_now"][sl] = np.einsum("ij,ij->i", d, now[:, k : 2 * k])
            out["one_off_now"][sl] = np.einsum("ij,ij->i", d, now[:, 2 * k :])
            out["cost_scen"][sl] = np.einsum("ij,ij->i", d, scen[:, :k])
            out["hours_scen"][sl] = np.einsum("ij,ij->i", d, scen[:, k : 2 * k])
            out["one_off_scen"][sl] = np.einsum("ij,ij->i", d, scen[:, 2 * k :])
        frame = pd.DataFrame(out)
        frame["obligations_now"] = self._count(self.applies_now)
        frame["obligations_scen"] = self._count(self.applies_scen)
        frame["saved_eur"] = frame["cost_now"] - frame["cost_scen"]
        frame["saved_hours"] = frame["hours_now"] - frame["hours_scen"]
        frame["qualifies"] = self.qualifies
        frame["weight"] = self.weights
        self._cache["firm_totals"] = frame
        return frame

    def _count(self, matrix: np.ndarray) -> np.ndarray:
        obligation = np.array([r.kind == "obligation" for r in self.rules], dtype=bool)
        return matrix[:, obligation].sum(axis=1)

    def firm_cost_by_type(self) -> pd.DataFrame:
        """Per firm yearly € by cost type, now and under the scenario."""
        cols: dict[str, np.ndarray] = {}
        for t, name in enumerate(COST_TYPES):
            cols[f"{name}_now"] = np.einsum(
                "ij,ij->i", self.drivers, self.applies_now.astype(float) @ self.coef.cost_by_type[t]
            )
            cols[f"{name}_scen"] = np.einsum(
                "ij,ij->i", self.drivers,
                self.full_scen.astype(float) @ self.coef.cost_by_type[t]
                + self.light_scen.astype(float) @ self.coef_light.cost_by_type[t],
            )  # fmt: skip
        return pd.DataFrame(cols)

    # -- weighted per rule aggregates (any n, chunked) ------------------------------------------
    def rule_driver_sums(self, mask: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Per rule × driver: Σ weight × driver over firms where the rule applies (R × K).

        ``now`` for the current law, ``full`` and ``light`` for the scenario's full and lighter
        regimes.  Multiplying by the coefficient matrices gives € and hours, which is what the
        Excel export writes as live formulas.  Also returns weighted firm counts per rule.
        """
        w = self.weights if mask is None else self.weights * mask
        r = len(self.rules)
        k = len(DRIVERS)
        out = {name: np.zeros((r, k)) for name in ("now", "full", "light")}
        counts = {
            name: np.zeros(r)
            for name in ("firms_now", "firms_scen", "firms_light", "firms_exempted")
        }
        for start in range(0, self.n, CHUNK_ROWS):
            sl = slice(start, min(self.n, start + CHUNK_ROWS))
            ws = w[sl]
            wd = self.drivers[sl] * ws[:, None]
            a_now = self.applies_now[sl]
            a_full = self.full_scen[sl]
            a_light = self.light_scen[sl]
            a_scen = a_full | a_light
            counts["firms_now"] += ws @ a_now
            counts["firms_scen"] += ws @ a_scen
            counts["firms_light"] += ws @ a_light
            counts["firms_exempted"] += ws @ (a_now & ~a_scen)
            out["now"] += a_now.T.astype(np.float64) @ wd
            out["full"] += a_full.T.astype(np.float64) @ wd
            out["light"] += a_light.T.astype(np.float64) @ wd
        return {**out, **counts}

    def rule_aggregates(self, mask: np.ndarray | None = None) -> pd.DataFrame:
        """Per rule: weighted firms reached now / under scenario, and total hours/€ now, scenario."""
        s = self.rule_driver_sums(mask)

        def dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
            return np.einsum("rk,rk->r", a, b)

        cost_now = dot(s["now"], self.coef.cost)
        hours_now = dot(s["now"], self.coef.hours)
        cost_scen = dot(s["full"], self.coef.cost) + dot(s["light"], self.coef_light.cost)
        hours_scen = dot(s["full"], self.coef.hours) + dot(s["light"], self.coef_light.hours)
        return pd.DataFrame({
            "rule_id": self.rule_ids,
            "domain": [x.domain for x in self.rules],
            "kind": [x.kind for x in self.rules],
            "treatment": [t.treatment for t in self.treatments],
            "firms_now": s["firms_now"],
            "firms_scen": s["firms_scen"],
            "firms_exempted": s["firms_exempted"],
            "firms_lighter": s["firms_light"],
            "hours_now": hours_now,
            "cost_now": cost_now,
            "hours_scen": hours_scen,
            "cost_scen": cost_scen,
            "saved_eur": cost_now - cost_scen,
            "saved_hours": hours_now - hours_scen,
        })  # fmt: skip


class Engine:
    """Holds a validated catalogue; evaluate() it on any frame of firm profiles."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._coef_cache: dict[tuple[Any, ...], tuple[Coefficients, Coefficients]] = {}

    @property
    def tariffs(self) -> dict[str, float]:
        return {tid: t.eur_per_hour for tid, t in self.catalogue.tariffs.items()}

    def evaluate(
        self,
        profiles: pd.DataFrame,
        date: dt.date,
        scenario: Scenario | None = None,
        *,
        trace: bool = False,
        tariffs: dict[str, float] | None = None,
        weights: np.ndarray | None = None,
    ) -> Evaluation:
        cat = self.catalogue
        rules = cat.rules_valid_on(date)
        frame, assumed = complete(profiles, cat.rates)
        n = len(frame)
        columns = compute_columns(frame, cat.rate_values())
        ctx = EvalContext(
            columns=columns, n=n, date=date, params=cat.params_on(date),
            definitions={k: v.condition for k, v in cat.definitions.items()},
        )  # fmt: skip
        applies = np.zeros((n, len(rules)), dtype=bool)
        for r, rule in enumerate(rules):
            applies[:, r] = evaluate(rule.applies_when, ctx)

        treatments = resolve_treatments(scenario, rules)
        if scenario is not None:
            measure: Any = columns.get(scenario.threshold.measure)
            if measure is None:
                measure = MEASURES[scenario.threshold.measure].compute(frame, cat.rate_values())
            value = scenario.threshold.value
            qualifies = np.asarray(
                measure <= value if scenario.threshold.inclusive else measure < value
            )
        else:
            qualifies = np.zeros(n, dtype=bool)
        kinds = np.array([t.treatment for t in treatments])
        exempt_cols = kinds == "exempt"
        light_cols = kinds == "lighter"
        q = qualifies[:, None]
        light_scen = applies & q & light_cols[None, :]
        full_scen = applies & ~(q & (exempt_cols | light_cols)[None, :])

        tariff_values = tariffs if tariffs is not None else self.tariffs
        coef, coef_light = self._coefficients(rules, treatments, tariff_values, scenario)

        drivers = np.empty((n, len(DRIVERS)), dtype=np.float64)
        for k, driver in enumerate(DRIVERS):
            col = DRIVER_COLUMNS[driver]
            drivers[:, k] = 1.0 if col is None else frame[col].to_numpy(dtype=np.float64)
        if weights is None:
            weights = (
                frame["weight"].to_numpy(dtype=np.float64) if "weight" in frame else np.ones(n)
            )
        return Evaluation(
            date=date, scenario=scenario, rules=rules, frame=frame, assumed=assumed,
            columns=columns, drivers=drivers, applies_now=applies, full_scen=full_scen,
            light_scen=light_scen, qualifies=qualifies, treatments=treatments, coef=coef,
            coef_light=coef_light, weights=np.asarray(weights, dtype=np.float64),
            context=ctx if trace else None,
        )  # fmt: skip

    def _coefficients(
        self,
        rules: list[Rule],
        treatments: list[RuleTreatment],
        tariffs: dict[str, float],
        scenario: Scenario | None,
    ) -> tuple[Coefficients, Coefficients]:
        key = (
            tuple(r.id for r in rules),
            tuple(sorted(tariffs.items())),
            scenario.model_dump_json() if scenario is not None else None,
        )
        cached = self._coef_cache.get(key)
        if cached is None:
            base = build_coefficients(rules, tariffs)
            light = build_coefficients(
                rules, tariffs, [t.spec if t.treatment == "lighter" else None for t in treatments]
            )
            cached = (base, light)
            if len(self._coef_cache) > 64:
                self._coef_cache.clear()
            self._coef_cache[key] = cached
        return cached
