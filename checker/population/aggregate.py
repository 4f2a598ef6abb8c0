"""Population outcomes of a scenario: firms reached and burden saved, by rule/size/sector/domain.

Everything here is a weighted sum over the engine's own per-firm and per-rule results
(:meth:`Evaluation.firm_totals`, :meth:`Evaluation.rule_aggregates`); no rule is re-evaluated
outside :class:`checker.engine.Engine`, so a population figure is exactly the sum of the
single-firm checks of its firms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.engine import Engine, Evaluation
from checker.i18n import domain_label
from checker.population.synthetic import SIZE_CLASS_ORDER, Population
from checker.scenario_model import DEFAULT_SCENARIO, Scenario

VARIANT_ORDER = ("conservative", "default", "maximal")
TOTAL_KEYS = (
    "firms",
    "firms_reached",
    "hours_now",
    "cost_now",
    "hours_scen",
    "cost_scen",
    "saved_hours",
    "saved_eur",
)
# Regeldruk (administrative + substantive) and financial costs apart, and the part of the
# saving the proposal shifts to someone else (UWV): issue 9, words that mean one thing.
SPLIT_KEYS = ("saved_regulatory", "saved_financial", "transferred")


def resolve(engine: Engine, scenario: str | Scenario) -> Scenario:
    """A scenario object from an id ('metaalunie-25', 'metaalunie-25@30') or as given."""
    return scenario if isinstance(scenario, Scenario) else engine.catalogue.scenario(scenario)


def reached_mask(ev: Evaluation) -> np.ndarray:
    """Per firm: does the scenario exempt or lighten at least one obligation that applies now?"""
    return ev.reached()


@dataclass
class PopulationResult:
    """Weighted outcome of one scenario over one population, with its breakdowns."""

    population: Population
    evaluation: Evaluation
    scenario: Scenario
    totals: dict[str, float]
    by_rule: pd.DataFrame
    by_size_class: pd.DataFrame
    by_sector: pd.DataFrame
    by_domain: pd.DataFrame

    def firm_results(self) -> pd.DataFrame:
        """Per (weighted) row: engine firm totals plus sector, size class and reached flag."""
        ft = self.evaluation.firm_totals().copy()
        ft["reached"] = reached_mask(self.evaluation)
        for col in ("sector", "size_class", "persons"):
            ft[col] = self.population.frame[col].to_numpy()
        ft["employees"] = self.evaluation.frame["employees"].to_numpy()
        return ft

    def to_json(self) -> dict[str, Any]:
        def records(df: pd.DataFrame) -> list[dict[str, Any]]:
            return [
                {str(k): (round(v, 2) if isinstance(v, float) else v) for k, v in row.items()}
                for row in df.to_dict(orient="records")
            ]

        return {
            "population": self.population.label,
            "scenario": self.scenario.id,
            "threshold": self.scenario.threshold.model_dump(),
            "date": self.evaluation.date.isoformat(),
            "totals": {k: round(v, 2) for k, v in self.totals.items()},
            "by_rule": records(self.by_rule),
            "by_size_class": records(self.by_size_class),
            "by_sector": records(self.by_sector),
            "by_domain": records(self.by_domain),
            "assumptions": _assumption_summary(self.population),
        }


def _assumption_summary(pop: Population) -> dict[str, Any]:
    a = pop.assumptions
    split = pop.extra.get("class_split")
    return {
        "alpha": a["headcount_interpolation"]["alpha"],
        "class_split": split.to_json() if split is not None else None,
        "estimate": pop.extra.get("estimate"),
        "seed": pop.seed,
        "rows": pop.rows,
        "firms": pop.firms,
    }


def _grouped(ft: pd.DataFrame, key: str, order: list[str] | None = None) -> pd.DataFrame:
    w = ft["weight"].to_numpy()
    data = pd.DataFrame(
        {
            key: ft[key].to_numpy(),
            "firms": w,
            "firms_reached": w * ft["reached"].to_numpy(),
            "hours_now": w * ft["hours_now"].to_numpy(),
            "cost_now": w * ft["cost_now"].to_numpy(),
            "hours_scen": w * ft["hours_scen"].to_numpy(),
            "cost_scen": w * ft["cost_scen"].to_numpy(),
            "saved_hours": w * ft["saved_hours"].to_numpy(),
            "saved_eur": w * ft["saved_eur"].to_numpy(),
            **{k: w * ft[k].to_numpy() for k in SPLIT_KEYS},
        }
    )
    out = data.groupby(key, sort=False).sum().reset_index()
    if order is not None:
        rank = {v: i for i, v in enumerate(order)}
        out = out.sort_values(key, key=lambda s: s.map(lambda v: rank.get(v, len(rank))))
    return out.reset_index(drop=True)


def evaluate_population(
    population: Population,
    engine: Engine,
    scenario: str | Scenario = DEFAULT_SCENARIO,
    date: dt.date | None = None,
) -> PopulationResult:
    """One engine run of the whole population: baseline and scenario, with all breakdowns."""
    scen = resolve(engine, scenario)
    ev = engine.evaluate(population.frame, date or dt.date.today(), scen)
    ft = ev.firm_totals().copy()
    reached = reached_mask(ev)
    ft["reached"] = reached
    ft["size_class"] = population.frame["size_class"].to_numpy()
    ft["sector"] = population.frame["sector"].to_numpy()
    w = ev.weights
    totals = {
        "firms": float(w.sum()),
        "firms_reached": float(w @ reached),
        **{k: float(w @ ft[k].to_numpy()) for k in TOTAL_KEYS[2:]},
        "one_off_now": float(w @ ft["one_off_now"].to_numpy()),
        "one_off_scen": float(w @ ft["one_off_scen"].to_numpy()),
        **{k: float(w @ ft[k].to_numpy()) for k in SPLIT_KEYS},
    }
    by_rule = ev.rule_aggregates()
    by_rule["firms_affected"] = by_rule["firms_exempted"] + by_rule["firms_lighter"]
    dom = (
        by_rule.groupby("domain", sort=False)[
            ["hours_now", "cost_now", "hours_scen", "cost_scen", "saved_hours", "saved_eur"]
        ]
        .sum()
        .reset_index()
    )
    dom["label_nl"] = dom["domain"].map(lambda d: domain_label(d, "nl"))
    dom["label_en"] = dom["domain"].map(lambda d: domain_label(d, "en"))
    return PopulationResult(
        population=population,
        evaluation=ev,
        scenario=scen,
        totals=totals,
        by_rule=by_rule,
        by_size_class=_grouped(ft, "size_class", list(SIZE_CLASS_ORDER)),
        by_sector=_grouped(ft, "sector"),
        by_domain=dom,
    )


def family_variants(engine: Engine, scenario: str | Scenario) -> list[Scenario]:
    """The conservative/default/maximal scenarios sharing the family of ``scenario``, at its
    threshold: a shipped proposal moved to another threshold ('metaalunie-25@30') gets its
    variants moved along, so the range is never quoted at the shipped threshold.  A proposal of
    the user's own (a file, a builder draft) has no variants: only it is returned."""
    scen = resolve(engine, scenario)
    catalogue = engine.catalogue
    if not scen.family or scen.id.partition("@")[0] not in catalogue.scenarios:
        return [scen]
    if catalogue.scenario(scen.id) != scen:  # a user's proposal under a shipped id
        return [scen]
    members = [s for s in catalogue.scenarios.values() if s.family == scen.family]
    members = [s for s in members if s.variant in VARIANT_ORDER] or [scen]
    if "@" in scen.id:
        th = scen.threshold
        members = [
            scen if s.variant == scen.variant else s.at_threshold(th.value, th.measure)
            for s in members
        ]
    return sorted(
        members, key=lambda s: VARIANT_ORDER.index(s.variant) if s.variant in VARIANT_ORDER else 9
    )


def scenario_range(
    population: Population,
    engine: Engine,
    scenario: str | Scenario = DEFAULT_SCENARIO,
    date: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """Totals for each variant of the scenario family: the range users should quote."""
    variants = family_variants(engine, scenario)
    rows = []
    for i, scen in enumerate(variants):
        res = evaluate_population(population, engine, scen, date)
        rows.append({"variant": scen.variant, "scenario": scen.id, **res.totals})
        if progress:
            progress(i + 1, len(variants))
    return pd.DataFrame(rows)


def chunked_totals(
    frame: pd.DataFrame,
    engine: Engine,
    scenario: Scenario,
    date: dt.date,
    chunk_rows: int = 250_000,
) -> dict[str, float]:
    """Totals of a one-row-per-firm frame evaluated in chunks, keeping memory bounded."""
    acc = dict.fromkeys(TOTAL_KEYS, 0.0)
    for start in range(0, len(frame), chunk_rows):
        ev = engine.evaluate(frame.iloc[start : start + chunk_rows], date, scenario)
        ft = ev.firm_totals()
        w = ev.weights
        acc["firms"] += float(w.sum())
        acc["firms_reached"] += float(w @ reached_mask(ev))
        for k in TOTAL_KEYS[2:]:
            acc[k] += float(w @ ft[k].to_numpy())
        del ev, ft
    return acc
