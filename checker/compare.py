"""Proposals side by side: for one firm, a population or a member list, on one engine run.

Current-law applicability does not depend on a proposal, so the firms are evaluated once and
every proposal only recomputes the relief (:meth:`Evaluation.under`).  Per proposal the table
gives what a ministry asks: the regulatory-burden saving with its interval, the financial
effect apart, firms reached, firms just above the threshold (who gain nothing and face the
cliff), the cliff itself (the yearly burden the first employee above the threshold adds) and
the number of obligations the proposal changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import Lang
from checker.engine import Engine
from checker.evaluation import Evaluation
from checker.growth import sizes_frame
from checker.i18n.vocabulary import transfer_words
from checker.profile import FirmProfile, profiles_to_frame
from checker.relief import measure_values
from checker.scenario_model import Scenario
from checker.uncertainty import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    draw,
    firm_draws,
    interval,
    population_intervals,
)

MAX_PROPOSALS = 4
JUST_ABOVE = 5  # "just above": the first five sizes outside the threshold
REPRESENTATIVE: dict[str, Any] = {"legal_form": "bv", "sector_sbi": "25"}


@dataclass(frozen=True)
class Comparison:
    """One row per proposal (same columns for a firm and a population)."""

    table: pd.DataFrame
    proposals: list[Scenario]
    date: dt.date
    kind: str  # firm | population
    catalogue_version: str


def _check_count(proposals: Sequence[Scenario]) -> None:
    if not 1 <= len(proposals) <= MAX_PROPOSALS:
        raise ValueError(f"compare 1 to {MAX_PROPOSALS} proposals (got {len(proposals)})")


def _cliff(engine: Engine, values: dict[str, Any], proposal: Scenario, date: dt.date) -> float:
    """Yearly burden the first employee outside the threshold adds, for this profile."""
    th = proposal.threshold_on(date)
    if th.measure != "employees":
        return float("nan")
    inside, outside = th.last_inside(), th.first_outside()
    if inside < 1:
        return float("nan")
    frame = sizes_frame(values, [inside, outside])
    totals = engine.evaluate(frame, date, proposal).firm_totals()["cost_scen"].to_numpy()
    return float(totals[1] - totals[0])


def _changed(ev: Evaluation, mask: np.ndarray | None = None) -> int:
    agg = ev.rule_aggregates(mask)
    return int(((agg["effect"] != "none") & (agg["kind"] == "obligation") & ~agg["pending"]).sum())


def _row(proposal: Scenario, date: dt.date, lang: Lang) -> dict[str, Any]:
    th = proposal.threshold_on(date)
    return {
        "proposal": proposal.id,
        "title": proposal.title.get(lang),
        "threshold": f"{th.describe(lang)} ({th.measure})",
        "phase_in": proposal.phase_in.describe(lang) if proposal.phase_in else "",
        "in_effect": proposal.in_effect(date),
    }


def compare_firm(
    engine: Engine,
    profile: FirmProfile,
    proposals: Sequence[Scenario],
    date: dt.date,
    *,
    lang: Lang = "nl",
    n_draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> Comparison:
    """The proposals for one firm: what each saves it, and the cliff it would face."""
    _check_count(proposals)
    base = engine.evaluate(profiles_to_frame([profile]), date, None)
    values = profile.model_dump()
    rows = []
    for proposal in proposals:
        ev = base.under(proposal, engine)
        t = ev.firm_totals().iloc[0]
        samples = firm_draws(ev, draw(ev, n_draws, seed)) if n_draws > 0 else {}
        row = _row(proposal, date, lang)
        row["transferred"] = float(t["transferred"])
        row["transferred_to"] = transfer_words(ev.transfer_targets(0), lang)
        for key, column in (
            ("regulatory_saved", "saved_regulatory"),
            ("financial_saved", "saved_financial"),
            ("cost_saved", "saved_eur"),
        ):
            central = float(t[column])
            low, high = interval(central, samples[key][0]) if samples else (central, central)
            row.update({key: central, f"{key}_low": low, f"{key}_high": high})
        row.update(
            firms_reached=float(ev.reached()[0]),
            firms_just_above=float("nan"),
            cliff_eur=_cliff(engine, values, proposal, date),
            obligations_changed=_changed(ev),
            obligations_now=float(t["obligations_now"]),
            obligations_scen=float(t["obligations_scen"]),
        )
        rows.append(row)
    return Comparison(pd.DataFrame(rows), list(proposals), date, "firm", base.catalogue_version)


def compare_population(
    engine: Engine,
    frame: pd.DataFrame,
    proposals: Sequence[Scenario],
    date: dt.date,
    *,
    lang: Lang = "nl",
    representative: dict[str, Any] | None = None,
    n_draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> Comparison:
    """The proposals for a (weighted) population or a member list (weight 1 per member)."""
    _check_count(proposals)
    base = engine.evaluate(frame, date, None)
    rep = dict(REPRESENTATIVE if representative is None else representative)
    rates = engine.catalogue.rate_values()
    rows = []
    for proposal in proposals:
        ev = base.under(proposal, engine)
        table = population_intervals(ev, n_draws=max(n_draws, 1), seed=seed)
        row = _row(proposal, date, lang)
        row["transferred"] = table["transferred"][0]
        row["transferred_to"] = transfer_words(ev.transfer_targets(), lang)
        for key in ("regulatory_saved", "financial_saved", "cost_saved"):
            central, low, high = table[key]
            if n_draws <= 0:
                low = high = central
            row.update({key: central, f"{key}_low": low, f"{key}_high": high})
        th = proposal.threshold_on(date)
        measure = measure_values(th.measure, ev.columns, ev.inputs, rates)
        outside = th.first_outside()
        just_above = (measure >= outside) & (measure < outside + JUST_ABOVE)
        totals = ev.firm_totals()
        row.update(
            firms_reached=float(ev.weights @ ev.reached()),
            firms_just_above=float(ev.weights @ just_above),
            cliff_eur=_cliff(engine, {**rep, "employees": outside}, proposal, date),
            obligations_changed=_changed(ev),
            obligations_now=float(ev.weights @ totals["obligations_now"]),
            obligations_scen=float(ev.weights @ totals["obligations_scen"]),
        )
        rows.append(row)
    return Comparison(
        pd.DataFrame(rows), list(proposals), date, "population", base.catalogue_version
    )
