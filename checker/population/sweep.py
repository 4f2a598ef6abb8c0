"""Threshold sweep: the same scenario overlay at thresholds 5…50 (step 1).

Why two engine runs suffice: in :meth:`Engine.evaluate` the threshold only enters through
``qualifies = measure <= T``; a firm that does not qualify keeps today's burden, a firm that
qualifies gets the scenario's treatment, which does not depend on T.  So the engine is run
once with the baseline and the overlay applied to *every* firm (threshold ``+inf``), and the
result at T is the per-firm saving masked with ``measure <= T``.  ``method="direct"`` re-runs
the engine per threshold (``catalogue.scenario('id@T')``); the tests check both agree.

The cliff at T is what a representative firm loses when it grows from T to T+1 employees:
burden now at T+1 minus burden under the scenario at T, both from one engine run.  Bunching
is an explicit what-if, never part of the main figures: a share of the firms just above the
threshold is assumed to stay at it and so to get its saving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.engine import Engine
from checker.population.aggregate import resolve
from checker.population.synthetic import Population
from checker.relief import measure_values
from checker.scenario_model import DEFAULT_SCENARIO, Scenario

DEFAULT_THRESHOLDS: tuple[int, ...] = tuple(range(5, 51))
UNBOUNDED = 1e12
DEFAULT_REPRESENTATIVE: dict[str, Any] = {"legal_form": "bv", "sector_sbi": "25"}


@dataclass
class SweepResult:
    table: pd.DataFrame
    scenario: Scenario
    current_threshold: float
    bunching_share: float
    bunching_window: int
    representative: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario.id,
            "measure": self.scenario.threshold.measure,
            "current_threshold": self.current_threshold,
            "bunching": {
                "share": self.bunching_share,
                "window": self.bunching_window,
                "note": "what-if: dit aandeel van de bedrijven net boven de drempel blijft op de drempel",
            },
            "representative_firm": self.representative,
            "rows": [
                {
                    k: (round(float(v), 2) if isinstance(v, float | np.floating) else v)
                    for k, v in r.items()
                }
                for r in self.table.to_dict(orient="records")
            ],
        }


def sweep(
    population: Population,
    engine: Engine,
    scenario: str | Scenario = DEFAULT_SCENARIO,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
    date: dt.date | None = None,
    *,
    bunching_share: float = 0.0,
    bunching_window: int = 5,
    representative: dict[str, Any] | None = None,
    method: str = "auto",
    progress: Callable[[int, int], None] | None = None,
) -> SweepResult:
    """Firms reached, total saved, saved per firm and the cliff at each threshold.

    ``method``: ``decomposed`` (one run with the relief for everyone, masked per threshold:
    exact for a pure threshold), ``direct`` (the relief recomputed per threshold on the same
    run: exact for any proposal, e.g. with a phase-in), or ``auto`` (decomposed when exact).
    """
    if not 0.0 <= bunching_share <= 1.0:
        raise ValueError(f"bunching_share: {bunching_share} ligt niet tussen 0 en 1")
    if bunching_window < 1:
        raise ValueError("bunching_window: moet ten minste 1 zijn")
    if method not in ("auto", "decomposed", "direct"):
        raise ValueError(f"method: '{method}' is onbekend (auto, decomposed of direct)")
    base = resolve(engine, scenario)
    if method == "decomposed" and not base.is_pure_threshold:
        raise ValueError("method 'decomposed' is only exact for a pure threshold")
    if method == "auto":
        method = "decomposed" if base.is_pure_threshold else "direct"
    date = date or dt.date.today()
    everyone = base.at_threshold(UNBOUNDED)
    ev_all = engine.evaluate(population.frame, date, everyone)
    ft_all = ev_all.firm_totals()
    w = ev_all.weights
    measure = measure_values(
        base.threshold.measure, ev_all.columns, ev_all.inputs, engine.catalogue.rate_values()
    )
    affected = ev_all.reached()
    saved_all = ft_all["saved_eur"].to_numpy()
    saved_reg_all = ft_all["saved_regulatory"].to_numpy()
    saved_h_all = ft_all["saved_hours"].to_numpy()
    cost_now_total = float(w @ ft_all["cost_now"].to_numpy())

    rep = dict(DEFAULT_REPRESENTATIVE if representative is None else representative)
    cliffs = _cliffs(engine, base, date, thresholds, rep)

    rows = []
    for i, t in enumerate(thresholds):
        threshold = base.threshold.with_value(float(t))
        if method == "direct":
            ev = ev_all.under(base.at_threshold(float(t)), engine)
            ft = ev.firm_totals()
            reached = float(w @ ev.reached())
            saved = float(w @ ft["saved_eur"].to_numpy())
            saved_reg = float(w @ ft["saved_regulatory"].to_numpy())
            saved_h = float(w @ ft["saved_hours"].to_numpy())
        else:
            q = threshold.contains(measure)
            reached = float(w @ (q & affected))
            saved = float(w @ (q * saved_all))
            saved_reg = float(w @ (q * saved_reg_all))
            saved_h = float(w @ (q * saved_h_all))
        above = ~threshold.contains(measure) & threshold.with_value(
            float(t) + bunching_window
        ).contains(measure)
        rows.append(
            {
                "threshold": t,
                "firms_reached": reached,
                "saved_eur": saved,
                "saved_regulatory": saved_reg,
                "saved_hours": saved_h,
                "saved_per_firm_eur": saved / reached if reached else 0.0,
                "saved_share": saved / cost_now_total if cost_now_total else 0.0,
                "cliff_eur": cliffs[i],
                "firms_just_above": float(w @ above),
                "bunching_extra_firms": bunching_share * float(w @ (above & affected)),
                "bunching_extra_saved_eur": bunching_share * float(w @ (above * saved_all)),
            }
        )
        if progress:
            progress(i + 1, len(thresholds))
    return SweepResult(
        table=pd.DataFrame(rows),
        scenario=base,
        current_threshold=base.threshold.value,
        bunching_share=bunching_share,
        bunching_window=bunching_window,
        representative=rep,
    )


def _cliffs(
    engine: Engine,
    base: Scenario,
    date: dt.date,
    thresholds: Sequence[float],
    rep: dict[str, Any],
) -> list[float]:
    """Yearly burden added when a representative firm grows across each threshold.

    Under the proposal at threshold T: burden at the first size outside minus burden at the
    last size inside (with a phase-in, the first step of the fade-out).
    """
    edges = [base.threshold.with_value(float(t)) for t in thresholds]
    sizes = sorted({e.last_inside() for e in edges} | {e.first_outside() for e in edges})
    sizes = [s for s in sizes if s >= 0]
    frame = pd.DataFrame([{**rep, "employees": s} for s in sizes])
    ev = engine.evaluate(frame, date, None)
    out = []
    for t in thresholds:
        th = base.threshold.with_value(float(t))
        inside, outside = th.last_inside(), th.first_outside()
        cost = ev.under(base.at_threshold(float(t)), engine).firm_totals()["cost_scen"].to_numpy()
        at = dict(zip(sizes, cost, strict=True))
        out.append(float(at.get(outside, np.nan) - at.get(inside, np.nan)))
    return out
