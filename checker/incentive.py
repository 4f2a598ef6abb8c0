"""The growth incentive of proposals: what the next employee costs, and who stands at the edge.

Two numbers a ministry asks of every threshold proposal:

* :func:`marginal_curves` — for one firm (or a representative one), the yearly burden the
  (N+1)th employee adds for N = 1 … 100, under current law and under each proposal.  A pure
  threshold shows one tall spike (the cliff); a phase-in spreads it.
* :func:`firms_at_thresholds` — for a population, per proposal and per threshold it sets (the
  default, its later steps, per-domain and per-rule thresholds), how many firms lie just above
  it (the first :data:`~checker.compare.JUST_ABOVE` sizes outside): they gain nothing and face
  the cliff when they grow past it.

Both run on the engine once for current law and recompute only the relief per proposal
(:meth:`Evaluation.under`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import Lang
from checker.compare import JUST_ABOVE, MAX_PROPOSALS
from checker.engine import Engine
from checker.growth import headcount_sweep, marginal_burden
from checker.i18n import domain_label, t
from checker.relief import measure_values
from checker.scenario_model import Scenario, Threshold

MAX_N = 100


def marginal_curves(
    engine: Engine,
    values: dict[str, Any],
    proposals: Sequence[Scenario],
    date: dt.date,
    max_n: int = MAX_N,
) -> pd.DataFrame:
    """Long table: proposal, employees N, marginal_now and marginal_scen (€ per year the
    (N+1)th employee adds, all costs) and the same as regeldruk, for N = 1 … ``max_n``."""
    if not 1 <= len(proposals) <= MAX_PROPOSALS:
        raise ValueError(f"1 to {MAX_PROPOSALS} proposals (got {len(proposals)})")
    base = headcount_sweep(engine, values, None, date, max_n + 1)
    parts = []
    for proposal in proposals:
        m = marginal_burden(base.under(proposal, engine))
        parts.append(
            pd.DataFrame(
                {
                    "proposal": proposal.id,
                    "employees": m["employees"].to_numpy(),
                    "marginal_now": m["marginal_cost_now"].to_numpy(),
                    "marginal_scen": m["marginal_cost_scen"].to_numpy(),
                    "marginal_regulatory_now": m["marginal_regulatory_now"].to_numpy(),
                    "marginal_regulatory_scen": m["marginal_regulatory_scen"].to_numpy(),
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


@dataclass(frozen=True)
class ProposalThreshold:
    """One threshold a proposal sets, and where (default, a step, a domain, a rule)."""

    where: str  # default | step | domain | rule
    name: str  # the domain or rule id ('' for the default, the date for a step)
    threshold: Threshold

    def label(self, lang: Lang, titles: dict[str, str] | None = None) -> str:
        if self.where == "domain":
            return t("workbench.incentive.where_domain", lang, name=domain_label(self.name, lang))
        if self.where == "rule":
            name = (titles or {}).get(self.name, self.name)
            return t("workbench.incentive.where_rule", lang, name=name)
        if self.where == "step":
            return t("workbench.incentive.where_step", lang, date=self.name)
        return t("workbench.incentive.where_default", lang)


def thresholds_of(
    proposal: Scenario, date: dt.date, rule_domains: dict[str, str] | None = None
) -> list[ProposalThreshold]:
    """Every threshold of ``proposal`` on ``date``: the default first, then later steps,
    per-domain and per-rule thresholds (a rule's own threshold starts from its domain's)."""
    base = proposal.threshold_on(date)
    out = [ProposalThreshold("default", "", base)]
    for step in proposal.steps:
        if step.from_ > date:
            out.append(
                ProposalThreshold("step", step.from_.isoformat(), base.with_value(step.value))
            )
    for domain, entry in sorted(proposal.domains.items()):
        if entry.threshold is not None:
            out.append(ProposalThreshold("domain", domain, entry.threshold.apply(base)))
    for rid, treatment in sorted(proposal.treatments.items()):
        if treatment.threshold is not None and treatment.treatment != "unchanged":
            domain = (rule_domains or {}).get(rid, "")
            out.append(ProposalThreshold("rule", rid, proposal.threshold_for(rid, domain, date)))
    return out


def firms_at_thresholds(
    engine: Engine,
    frame: pd.DataFrame,
    proposals: Sequence[Scenario],
    date: dt.date,
    lang: Lang = "nl",
) -> pd.DataFrame:
    """Per proposal and threshold: the threshold, its first size outside, the firms inside
    and the firms just above (weighted; a member list has weight 1 per member)."""
    ev = engine.evaluate(frame, date, None)
    rates = engine.catalogue.rate_values()
    titles = {r.id: r.title.get(lang) for r in engine.catalogue.rules}
    domains = {r.id: str(r.domain) for r in engine.catalogue.rules}
    rows = []
    for proposal in proposals:
        for found in thresholds_of(proposal, date, domains):
            th = found.threshold
            values = measure_values(th.measure, ev.columns, ev.inputs, rates)
            outside = th.first_outside()
            just_above = (values >= outside) & (values < outside + JUST_ABOVE)
            rows.append(
                {
                    "proposal": proposal.id,
                    "where": found.label(lang, titles),
                    "measure": th.measure,
                    "threshold": th.value,
                    "first_outside": outside,
                    "firms_inside": float(ev.weights @ th.contains(values)),
                    "firms_just_above": float(ev.weights @ just_above),
                }
            )
    return pd.DataFrame(rows)


def largest_step(curves: pd.DataFrame) -> pd.DataFrame:
    """Per proposal: the largest extra burden of one more employee, and at which size."""
    out = []
    for pid, group in curves.groupby("proposal", sort=False):
        i = int(np.argmax(group["marginal_scen"].to_numpy()))
        out.append(
            {
                "proposal": pid,
                "employees": int(group["employees"].iloc[i]),
                "marginal_scen": float(group["marginal_scen"].iloc[i]),
            }
        )
    return pd.DataFrame(out)
