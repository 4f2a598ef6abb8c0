"""The one engine: evaluates the catalogue and a scenario over a DataFrame of firms.

A single firm is a one-row frame; a population is a weighted frame of millions of rows.
Both go through :meth:`Engine.evaluate`, so a firm's result and the matching row of a
population run cannot disagree.  Conditions become boolean column operations, burdens a
matrix product of applicability with per-driver coefficients (see :mod:`checker.burden`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from checker.burden import COST_TYPES, Coefficients, build_coefficients
from checker.catalogue import Catalogue
from checker.conditions import EvalContext, evaluate
from checker.defaults import columns_to_frame, complete_columns
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


def pattern_codes(
    applies: np.ndarray, extra: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Group firms by their applicability pattern (which rules apply, plus an optional flag).

    ``applies`` is rule-major (R × n).  Returns (code per firm, index of one representative
    firm per pattern).  Exact: rules are packed 64 to a machine word and the words are
    factorised one after the other, so two different patterns never share a code.  A
    population of millions has only a few hundred patterns, which is what makes totals,
    breakdowns and threshold sweeps cheap.
    """
    r, n = applies.shape
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    key: np.ndarray | None = None
    size = 1
    for start in range(0, max(r, 1), 64):
        block = applies[start : start + 64]
        word = np.zeros(n, dtype=np.uint64)
        for b0 in range(0, len(block), 8):
            byte = np.zeros(n, dtype=np.uint8)
            for j, row in enumerate(block[b0 : b0 + 8]):
                byte |= row.view(np.uint8) << np.uint8(j)
            word |= byte.astype(np.uint64) << np.uint64(b0)
        codes, uniques = pd.factorize(word)
        key = codes.astype(np.int64) if key is None else key * len(uniques) + codes
        key, uniq = pd.factorize(key)
        size = len(uniq)
    assert key is not None
    if extra is not None:
        key, uniq = pd.factorize(key * 2 + extra.astype(np.int64))
        size = len(uniq)
    key = np.asarray(key, dtype=np.int64)
    first = np.full(size, n, dtype=np.int64)
    np.minimum.at(first, key, np.arange(n, dtype=np.int64))
    return key, first


@dataclass
class Evaluation:
    """Result of one engine run over n firms and R rules valid on ``date``.

    Applicability is stored rule-major (``_applies``: R × n) because conditions produce one
    contiguous column per rule; ``applies_now`` etc. are n × R views of it.
    """

    date: dt.date
    scenario: Scenario | None
    rules: list[Rule]
    inputs: dict[str, Any]  # completed profile columns (numpy / categorical), + weight
    assumed: dict[str, np.ndarray]
    columns: dict[str, Any]  # measure columns
    _drivers: list[np.ndarray]  # K arrays of n: quantity of each cost driver (no copies)
    _applies: np.ndarray  # R × n bool
    qualifies: np.ndarray  # n bool: firm within the scenario threshold
    treatments: list[RuleTreatment]
    coef: Coefficients
    coef_light: Coefficients
    weights: np.ndarray  # n
    tariffs: dict[str, float] = field(default_factory=dict)  # € per hour used for the burden
    context: EvalContext | None = None
    _cache: dict[str, Any] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.weights)

    @property
    def drivers(self) -> np.ndarray:
        """n × K quantities of each cost driver per firm (1, employees, hires, sick cases …)."""
        if "drivers" not in self._cache:
            self._cache["drivers"] = np.stack(self._drivers, axis=1)
        return self._cache["drivers"]

    @property
    def frame(self) -> pd.DataFrame:
        """The completed profiles as a DataFrame (built on first use; populations rarely need it)."""
        if "frame" not in self._cache:
            self._cache["frame"] = columns_to_frame(self.inputs)
        return self._cache["frame"]

    @property
    def rule_ids(self) -> list[str]:
        return [r.id for r in self.rules]

    @property
    def exempt_cols(self) -> np.ndarray:
        return np.array([t.treatment == "exempt" for t in self.treatments], dtype=bool)

    @property
    def light_cols(self) -> np.ndarray:
        return np.array([t.treatment == "lighter" for t in self.treatments], dtype=bool)

    def _scenario_split(self, applies: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(full, light) rule-major matrices for applicability ``applies`` and flags ``q``."""
        light = applies & q[None, :] & self.light_cols[:, None]
        full = applies & ~(q[None, :] & (self.exempt_cols | self.light_cols)[:, None])
        return full, light

    @property
    def applies_now(self) -> np.ndarray:
        """n × R: the rule applies under current law."""
        return self._applies.T

    @property
    def full_scen(self) -> np.ndarray:
        """n × R: applies under the scenario with its full burden."""
        return self._split()[0].T

    @property
    def light_scen(self) -> np.ndarray:
        """n × R: applies under the scenario in its lighter form."""
        return self._split()[1].T

    @property
    def applies_scen(self) -> np.ndarray:
        full, light = self._split()
        return (full | light).T

    def _split(self) -> tuple[np.ndarray, np.ndarray]:
        if "split" not in self._cache:
            self._cache["split"] = self._scenario_split(self._applies, self.qualifies)
        return self._cache["split"]

    # -- patterns ------------------------------------------------------------------------------
    def patterns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(code per firm, applies R×u, full R×u, light R×u, qualifies u) per distinct pattern."""
        if "patterns" not in self._cache:
            base_codes, _first = self._base_patterns()
            key, uniq = pd.factorize(base_codes * 2 + self.qualifies.astype(np.int64))
            codes = np.asarray(key, dtype=np.int64)
            first = np.full(len(uniq), self.n, dtype=np.int64)
            np.minimum.at(first, codes, np.arange(self.n, dtype=np.int64))
            a_u = self._applies[:, first]
            q_u = self.qualifies[first]
            full_u, light_u = self._scenario_split(a_u, q_u)
            self._cache["patterns"] = (codes, a_u, full_u, light_u, q_u)
        return self._cache["patterns"]

    def _base_patterns(self) -> tuple[np.ndarray, np.ndarray]:
        """Pattern codes of current-law applicability only (shared by threshold variants)."""
        if "base_codes" not in self._cache:
            self._cache["base_codes"] = pattern_codes(self._applies)
        return self._cache["base_codes"]

    # -- per firm × rule (small n only: n × R floats) ------------------------------------------
    def rule_values(self) -> dict[str, np.ndarray]:
        """n × R arrays of hours and € (yearly and one-off), now and under the scenario."""
        if "rule_values" not in self._cache:
            d = self.drivers
            a = self.applies_now
            full, light = self.full_scen, self.light_scen
            c, cl = self.coef, self.coef_light
            out = {
                "cost_now": a * (d @ c.cost.T),
                "hours_now": a * (d @ c.hours.T),
                "cost_scen": full * (d @ c.cost.T) + light * (d @ cl.cost.T),
                "hours_scen": full * (d @ c.hours.T) + light * (d @ cl.hours.T),
                "one_off_now": a * (d @ c.cost_one_off.T),
                "one_off_scen": full * (d @ c.cost_one_off.T) + light * (d @ cl.cost_one_off.T),
            }
            self._cache["rule_values"] = out
        return self._cache["rule_values"]

    # -- per firm totals (any n) ---------------------------------------------------------------
    def _per_pattern(self, base: np.ndarray, light: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """K × u coefficient sums per pattern, now and under the scenario."""
        _codes, a_u, full_u, light_u, _q = self.patterns()
        now = base.T @ a_u.astype(np.float64)
        scen = base.T @ full_u.astype(np.float64) + light.T @ light_u.astype(np.float64)
        return now, scen

    def _firm_sum(self, per_pattern: np.ndarray) -> np.ndarray:
        codes = self.patterns()[0]
        out = np.empty(self.n)
        for start in range(0, self.n, CHUNK_ROWS):
            sl = slice(start, min(self.n, start + CHUNK_ROWS))
            d = np.stack([x[sl] for x in self._drivers])
            out[sl] = np.einsum("ki,ki->i", d, per_pattern[:, codes[sl]])
        return out

    def firm_totals(self) -> pd.DataFrame:
        """Per firm: obligations and yearly hours/€ now and under the scenario, and savings."""
        if "firm_totals" in self._cache:
            return self._cache["firm_totals"]
        c, cl = self.coef, self.coef_light
        out: dict[str, np.ndarray] = {}
        for name, base, light in (
            ("cost", c.cost, cl.cost),
            ("hours", c.hours, cl.hours),
            ("one_off", c.cost_one_off, cl.cost_one_off),
        ):
            now, scen = self._per_pattern(base, light)
            out[f"{name}_now"] = self._firm_sum(now)
            out[f"{name}_scen"] = self._firm_sum(scen)
        frame = pd.DataFrame(out)
        codes, a_u, full_u, light_u, _q = self.patterns()
        obligation = np.array([r.kind == "obligation" for r in self.rules], dtype=bool)
        frame["obligations_now"] = a_u[obligation].sum(axis=0)[codes]
        frame["obligations_scen"] = (full_u | light_u)[obligation].sum(axis=0)[codes]
        frame["saved_eur"] = frame["cost_now"] - frame["cost_scen"]
        frame["saved_hours"] = frame["hours_now"] - frame["hours_scen"]
        frame["qualifies"] = self.qualifies
        frame["weight"] = self.weights
        self._cache["firm_totals"] = frame
        return frame

    def firm_cost_by_type(self) -> pd.DataFrame:
        """Per firm yearly € by cost type, now and under the scenario."""
        cols: dict[str, np.ndarray] = {}
        for t, name in enumerate(COST_TYPES):
            now, scen = self._per_pattern(
                self.coef.cost_by_type[t], self.coef_light.cost_by_type[t]
            )
            cols[f"{name}_now"] = self._firm_sum(now)
            cols[f"{name}_scen"] = self._firm_sum(scen)
        return pd.DataFrame(cols)

    # -- weighted per rule aggregates (any n) --------------------------------------------------
    def rule_driver_sums(
        self, mask: np.ndarray | None = None, groups: np.ndarray | None = None, n_groups: int = 1
    ) -> dict[str, np.ndarray]:
        """Per rule × driver: Σ weight × driver over firms where the rule applies.

        ``now`` for current law, ``full`` and ``light`` for the scenario's full and lighter
        regimes (R × K; with ``groups`` — an integer code per firm — G × R × K).  Multiplying
        by the coefficient matrices gives € and hours, which is what the Excel export writes
        as live formulas.  Also returns weighted firm counts per rule (R, or G × R).
        """
        codes, a_u, full_u, light_u, _q = self.patterns()
        u = a_u.shape[1]
        w = self.weights if mask is None else self.weights * mask
        g = (
            np.zeros(self.n, dtype=np.int64)
            if groups is None
            else np.asarray(groups, dtype=np.int64)
        )
        size = u * n_groups
        key = codes * n_groups + g
        k = len(DRIVERS)
        wd = np.empty((u, n_groups, k))
        for j in range(k):
            wd[:, :, j] = np.bincount(key, weights=w * self._drivers[j], minlength=size).reshape(
                u, n_groups
            )
        wc = np.bincount(key, weights=w, minlength=size).reshape(u, n_groups)
        a, f, li = (m.astype(np.float64) for m in (a_u, full_u, light_u))
        out = {
            "now": np.einsum("ru,ugk->grk", a, wd),
            "full": np.einsum("ru,ugk->grk", f, wd),
            "light": np.einsum("ru,ugk->grk", li, wd),
            "firms_now": a @ wc,
            "firms_scen": (f + li) @ wc,
            "firms_light": li @ wc,
            "firms_exempted": (a - f - li) @ wc,
        }
        for name in ("firms_now", "firms_scen", "firms_light", "firms_exempted"):
            out[name] = out[name].T  # G × R
        if groups is None:
            out = {name: value[0] for name, value in out.items()}
        return out

    def rule_aggregates(self, mask: np.ndarray | None = None) -> pd.DataFrame:
        """Per rule: weighted firms reached now / under scenario, and total hours/€ now, scenario."""
        s = self.rule_driver_sums(mask)
        return self._aggregate_frame(s)

    def rule_aggregates_by(self, groups: np.ndarray, labels: list[str]) -> pd.DataFrame:
        """:meth:`rule_aggregates` for every group (e.g. size class or sector) in one pass."""
        s = self.rule_driver_sums(groups=groups, n_groups=len(labels))
        frames = []
        for gi, label in enumerate(labels):
            frame = self._aggregate_frame({k: v[gi] for k, v in s.items()})
            frame.insert(0, "group", label)
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def _aggregate_frame(self, s: dict[str, np.ndarray]) -> pd.DataFrame:
        def dot(x: np.ndarray, y: np.ndarray) -> np.ndarray:
            return np.einsum("rk,rk->r", x, y)

        cost_now = dot(s["now"], self.coef.cost)
        hours_now = dot(s["now"], self.coef.hours)
        cost_scen = dot(s["full"], self.coef.cost) + dot(s["light"], self.coef_light.cost)
        hours_scen = dot(s["full"], self.coef.hours) + dot(s["light"], self.coef_light.hours)
        return pd.DataFrame(
            {
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
            }
        )

    def with_threshold(self, value: float) -> Evaluation:
        """The same firms and current-law results under the scenario at another threshold.

        Applicability under current law does not depend on the scenario, so a threshold sweep
        only recomputes who qualifies — not the conditions, and not the patterns of the law.
        """
        if self.scenario is None:
            raise ValueError("no scenario to move the threshold of")
        scenario = self.scenario.with_threshold(value)
        measure = self.columns[scenario.threshold.measure]
        qualifies = np.asarray(
            measure <= value if scenario.threshold.inclusive else measure < value
        )
        shared = {"base_codes": self._base_patterns()}
        return dataclasses.replace(self, scenario=scenario, qualifies=qualifies, _cache=shared)


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
        frame, assumed = complete_columns(profiles, cat.rates)
        n = len(profiles)
        columns = compute_columns(frame, cat.rate_values())
        ctx = EvalContext(
            columns=columns, n=n, date=date, params=cat.params_on(date),
            definitions={k: v.condition for k, v in cat.definitions.items()},
        )  # fmt: skip
        applies = np.zeros((len(rules), n), dtype=bool)
        for r, rule in enumerate(rules):
            applies[r] = evaluate(rule.applies_when, ctx)
            for exception in rule.exceptions_on(date):
                applies[r] &= ~evaluate(exception.when, ctx)

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
        tariff_values = tariffs if tariffs is not None else self.tariffs
        coef, coef_light = self._coefficients(rules, treatments, tariff_values, scenario)

        drivers: list[np.ndarray] = []
        for driver in DRIVERS:
            col = DRIVER_COLUMNS[driver]
            drivers.append(np.ones(n) if col is None else np.asarray(frame[col], dtype=np.float64))
        if weights is None:
            weights = frame["weight"] if "weight" in frame else np.ones(n)
        return Evaluation(
            date=date, scenario=scenario, rules=rules, inputs=frame, assumed=assumed,
            columns=columns, _drivers=drivers, _applies=applies, qualifies=qualifies,
            treatments=treatments, coef=coef,
            coef_light=coef_light, weights=np.asarray(weights, dtype=np.float64),
            tariffs=dict(tariff_values),
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
