"""Python API for notebooks, the app, the CLI and the export — all on the same engine.

    >>> from checker.api import load, check
    >>> result = check({"employees": 30, "legal_form": "bv", "sector_sbi": "25.62"})
    >>> result.totals["saved_eur"]

``check`` evaluates one firm (a population of one) and adds the per-rule trace and the SCM
breakdown; ``evaluate_frame`` runs any DataFrame of profiles through the same engine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from checker.assumptions import Overrides
from checker.assumptions import apply as apply_overrides
from checker.bilingual import Lang, pick
from checker.burden import activity_lines
from checker.catalogue import Catalogue, load_catalogue
from checker.defaults import DEFAULTS_BY_FIELD
from checker.engine import Engine
from checker.evaluation import Evaluation
from checker.i18n import fmt_date, fmt_number, fmt_percent, fmt_quantity, t, treatment_label
from checker.measures import MEASURES
from checker.profile import FirmProfile, parse_profile, profiles_to_frame
from checker.relief import RuleTreatment
from checker.rule_model import DRIVER_COLUMNS, Rule
from checker.scenario_model import DEFAULT_SCENARIO, Scenario
from checker.trace import Explainer, TraceNode
from checker.uncertainty import DEFAULT_DRAWS, DEFAULT_SEED, draw, firm_draws, interval

__all__ = ["DEFAULT_SCENARIO", "CheckResult", "RuleResult", "check", "evaluate_frame", "load"]


@lru_cache(maxsize=4)
def _load_cached(rules_dir: str | None, data_dir: str | None) -> tuple[Catalogue, Engine]:
    cat = load_catalogue(
        Path(rules_dir) if rules_dir else None, Path(data_dir) if data_dir else None
    )
    return cat, Engine(cat)


def load(rules_dir: str | Path | None = None, data_dir: str | Path | None = None) -> Engine:
    """The engine for the shipped catalogue (cached per directory)."""
    return _load_cached(str(rules_dir) if rules_dir else None, str(data_dir) if data_dir else None)[
        1
    ]


_WITH_OVERRIDES: dict[tuple[str, str], Engine] = {}


def with_overrides(engine: Engine, overrides: Overrides | None) -> Engine:
    """An engine on ``engine``'s catalogue with the user's changed assumptions applied
    (cached per set of overrides; the engine itself when there are none).

    Raises :class:`checker.assumptions.OverrideError` (with nl/en text) for unusable ones.
    """
    if overrides is None or overrides.empty:
        return engine
    key = (engine.catalogue.version_hash, overrides.key())
    found = _WITH_OVERRIDES.get(key)
    if found is None:
        if len(_WITH_OVERRIDES) > 32:
            _WITH_OVERRIDES.clear()
        found = _WITH_OVERRIDES[key] = Engine(apply_overrides(engine.catalogue, overrides))
    return found


def resolve_scenario(engine: Engine, scenario: str | Scenario | None) -> Scenario | None:
    if scenario is None or isinstance(scenario, Scenario):
        return scenario
    return engine.catalogue.scenario(scenario)


@dataclass
class ActivityResult:
    id: str
    label: str
    cost_type: str
    driver: str
    quantity: float
    hours: float
    tariff_id: str | None
    tariff_eur: float
    external_eur: float
    frequency: float
    one_off: bool
    basis: str
    assumption: bool
    hours_total: float
    cost_total: float


@dataclass
class RuleResult:
    """One rule for one firm: does it apply, what the proposal does to it, what it costs.

    ``treatment`` is the proposal's effect on this firm (exempt, lighter, unchanged,
    not_applicable); ``relief_share`` how much of the relief it gets (1 inside the threshold,
    less in a phase-in); ``generic_treatment`` what the proposal says about the rule in general.
    """

    rule: Rule
    applies_now: bool
    applies_scenario: bool
    treatment: str
    relief_share: float
    generic_treatment: str
    pending: bool
    hours_now: float
    cost_now_eur: float
    hours_scenario: float
    cost_scenario_eur: float
    one_off_now_eur: float
    one_off_scenario_eur: float
    reason: str
    scenario_reason: str
    trace: TraceNode
    activities_now: list[ActivityResult]
    activities_scenario: list[ActivityResult]

    @property
    def quantified(self) -> bool:
        return bool(self.rule.activities)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.rule.id,
            "applies_now": self.applies_now,
            "applies_scenario": self.applies_scenario,
            "treatment": self.treatment,
            "relief_share": round(self.relief_share, 4),
            "pending": self.pending,
            "hours_now": round(self.hours_now, 2),
            "cost_now_eur": round(self.cost_now_eur, 2),
            "hours_scenario": round(self.hours_scenario, 2),
            "cost_scenario_eur": round(self.cost_scenario_eur, 2),
            "reason": self.reason,
        }


@dataclass
class Assumption:
    field: str
    value: Any
    explanation: str


@dataclass
class CheckResult:
    date: dt.date
    scenario: Scenario | None
    profile: FirmProfile
    completed: dict[str, Any]
    assumptions: list[Assumption]
    rules: list[RuleResult]
    totals: dict[str, float]
    evaluation: Evaluation
    lang: Lang
    catalogue_version: str
    pending_totals: dict[str, float] = field(default_factory=dict)

    @property
    def catalogue(self) -> Catalogue:
        return self.evaluation.catalogue

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "date": self.date.isoformat(),
            "scenario": self.scenario.id if self.scenario else None,
            "profile": self.profile.model_dump(mode="json", exclude_none=True),
            "rules": [r.to_json() for r in self.rules],
            "totals": {k: round(v, 2) for k, v in self.totals.items()},
            "assumptions": [
                {"field": a.field, "value": _jsonable(a.value), "explanation": a.explanation}
                for a in self.assumptions
            ],
            "catalogue_version": self.catalogue_version,
        }
        if self.pending_totals:
            out["pending_totals"] = {k: round(v, 2) for k, v in self.pending_totals.items()}
        return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def check(
    profile: FirmProfile | dict[str, Any],
    scenario: str | Scenario | None = DEFAULT_SCENARIO,
    date: dt.date | None = None,
    *,
    lang: Lang = "nl",
    engine: Engine | None = None,
    tariffs: dict[str, float] | None = None,
    include_pending: bool = False,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> CheckResult:
    """Evaluate one firm: what applies now and under the proposal, why, and what it costs.

    Totals carry a 5–95 % interval from ``draws`` Monte Carlo draws over the figures' ranges
    (``draws=0`` leaves it out).  Only law in force on ``date`` counts; ``include_pending``
    lists bills and announced acts too, with their cost reported apart.
    """
    engine = engine or load()
    if not isinstance(profile, FirmProfile):
        profile = parse_profile(profile)
    date = date or dt.date.today()
    scen = resolve_scenario(engine, scenario)
    ev = engine.evaluate(
        profiles_to_frame([profile]),
        date,
        scen,
        trace=True,
        tariffs=tariffs,
        include_pending=include_pending,
    )
    return build_check_result(ev, profile, 0, lang, draws=draws, seed=seed)


# Totals that are money and get an interval.
_MONEY_TOTALS = {
    "cost_now_eur": "cost_now",
    "cost_scenario_eur": "cost_scen",
    "saved_eur": "cost_saved",
    "regulatory_now_eur": "regulatory_now",
    "regulatory_scenario_eur": "regulatory_scen",
    "regulatory_saved_eur": "regulatory_saved",
    "financial_now_eur": "financial_now",
    "financial_scenario_eur": "financial_scen",
    "financial_saved_eur": "financial_saved",
    "transferred_eur": "transferred",
}


def _totals(ev: Evaluation, row: int, which: str) -> dict[str, float]:
    t = ev.firm_totals(which).iloc[row]  # type: ignore[arg-type]
    out = {
        "hours_now": float(t["hours_now"]),
        "cost_now_eur": float(t["cost_now"]),
        "hours_scenario": float(t["hours_scen"]),
        "cost_scenario_eur": float(t["cost_scen"]),
        "saved_hours": float(t["saved_hours"]),
        "saved_eur": float(t["saved_eur"]),
        "one_off_now_eur": float(t["one_off_now"]),
        "one_off_scenario_eur": float(t["one_off_scen"]),
        "obligations_now": float(t["obligations_now"]),
        "obligations_scenario": float(t["obligations_scen"]),
    }
    # The Standard Cost Model counts administrative burden and substantive compliance costs as
    # regeldruk; financial costs (sick pay, severance) are shown apart so nobody mistakes one
    # for the other.
    for cost_type in ("administrative", "substantive", "financial", "regulatory"):
        out[f"{cost_type}_now_eur"] = float(t[f"{cost_type}_now"])
        out[f"{cost_type}_scenario_eur"] = float(t[f"{cost_type}_scen"])
    out["regulatory_saved_eur"] = float(t["saved_regulatory"])
    out["financial_saved_eur"] = float(t["saved_financial"])
    # Part of the saving the proposal moves to someone else (UWV, from a premium): not a saving
    # for employers as a group, so it is reported beside the saving, never inside the headline.
    out["transferred_eur"] = float(t["transferred"])
    return out


def _with_intervals(
    ev: Evaluation, row: int, totals: dict[str, float], n_draws: int, seed: int
) -> dict[str, float]:
    if n_draws <= 0:
        return totals
    samples = firm_draws(ev, draw(ev, n_draws, seed))
    out = dict(totals)
    for key, sample_key in _MONEY_TOTALS.items():
        low, high = interval(totals[key], samples[sample_key][row])
        out[f"{key}_low"] = float(low)
        out[f"{key}_high"] = float(high)
    return out


def build_check_result(
    ev: Evaluation,
    profile: FirmProfile,
    row: int,
    lang: Lang,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> CheckResult:
    """The per-firm result (trace, SCM breakdown, totals) for row ``row`` of ``ev``."""
    cat = ev.catalogue
    assert ev.context is not None, "evaluate(..., trace=True) is needed for a per-firm result"
    explainer = Explainer(
        ev.context, ev.assumed, row, lang, {k: d.label for k, d in cat.definitions.items()}
    )
    values = ev.rule_values()
    frame_row = ev.frame.iloc[row]
    relief = ev.relief[row]
    still = ev.applies_scen[row]
    results: list[RuleResult] = []
    for r, rule in enumerate(ev.rules):
        applies_now = bool(ev.applies_now[row, r])
        plan = ev.treatments[r]
        share = float(relief[r])
        treatment = _effect(applies_now, bool(still[r]), share, plan, ev, row, r)
        node = explainer.explain_rule(rule, ev.date)
        acts_now = _activities(rule, ev.tariffs, None, frame_row, lang) if applies_now else []
        acts_scen = _scenario_activities(rule, ev, plan, share, bool(still[r]), frame_row, lang)
        results.append(
            RuleResult(
                rule=rule,
                applies_now=applies_now,
                applies_scenario=bool(still[r]),
                treatment=treatment,
                relief_share=share,
                generic_treatment=plan.treatment,
                pending=bool(ev.pending[r]),
                hours_now=float(values["hours_now"][row, r]),
                cost_now_eur=float(values["cost_now"][row, r]),
                hours_scenario=float(values["hours_scen"][row, r]),
                cost_scenario_eur=float(values["cost_scen"][row, r]),
                one_off_now_eur=float(values["one_off_now"][row, r]),
                one_off_scenario_eur=float(values["one_off_scen"][row, r]),
                reason=_reason(rule, applies_now, node, lang),
                scenario_reason=_scenario_reason(treatment, share, plan, ev, row, r, lang),
                trace=node,
                activities_now=acts_now,
                activities_scenario=acts_scen,
            )
        )
    totals = _with_intervals(ev, row, _totals(ev, row, "law"), draws, seed)
    pending_totals = _totals(ev, row, "pending") if ev.pending.any() else {}
    assumptions = [
        Assumption(f, _jsonable(frame_row[f]), pick(DEFAULTS_BY_FIELD[f].explain, lang))
        for f, mask in ev.assumed.items()
        if bool(mask[row])
    ]
    completed = {k: _jsonable(frame_row[k]) for k in ev.frame.columns if k != "name"}
    return CheckResult(
        date=ev.date,
        scenario=ev.scenario,
        profile=profile,
        completed=completed,
        assumptions=assumptions,
        rules=results,
        totals=totals,
        evaluation=ev,
        lang=lang,
        catalogue_version=cat.version_hash,
        pending_totals=pending_totals,
    )


def _effect(
    applies_now: bool,
    still: bool,
    share: float,
    plan: RuleTreatment,
    ev: Evaluation,
    row: int,
    r: int,
) -> str:
    """The proposal's effect on this rule for this firm."""
    if not applies_now:
        return "not_applicable"
    lifted = r in ev.keep and not bool(ev.keep[r][row])
    if lifted or not still:
        return "exempt"
    if share > 0:
        return "lighter"
    return "unchanged"


def _reason(rule: Rule, applies: bool, node: TraceNode, lang: Lang) -> str:
    head = t("status.applies", lang) if applies else treatment_label("not_applicable", lang)
    basis = f"{rule.legal_basis.law} {rule.legal_basis.article}"
    return f"{head}: {node.text} — {basis}"


def _scenario_reason(
    treatment: str,
    share: float,
    plan: RuleTreatment,
    ev: Evaluation,
    row: int,
    r: int,
    lang: Lang,
) -> str:
    """Why the proposal treats this rule as it does for this firm, in the user's language."""
    scen = ev.scenario
    if scen is None or treatment == "not_applicable":
        return ""
    if not ev.in_effect:
        start = scen.effective_from()
        return t("reason.not_started", lang, date=fmt_date(start, lang) if start else "")
    if r in ev.keep and not bool(ev.keep[r][row]):
        change = plan.law_changes[0]
        return t(
            "reason.law_lifted",
            lang,
            measure=pick(MEASURES[change.measure].label, lang),
            old=fmt_number(change.from_, lang),
            new=fmt_number(change.to, lang),
            why=plan.reason.get(lang),
        )
    th = plan.threshold
    firm = ""
    inside = False
    if th is not None:
        column = ev.columns.get(th.measure)
        if column is None:
            column = MEASURES[th.measure].compute(ev.inputs, ev.catalogue.rate_values())
        value = float(column[row])
        inside = bool(th.contains([value])[0])
        shown = fmt_quantity(value, lang)
        label = pick(MEASURES[th.measure].label, lang)
        firm = f"{shown} {label} {th.symbol(inside)} {fmt_number(th.value, lang)}"
    why = plan.reason.get(lang)
    word = treatment_label(treatment, lang)
    if treatment == "unchanged":
        if th is not None and not inside:
            return t("reason.above_threshold", lang, treatment=word, firm=firm)
        return f"{word}: {why}"
    if treatment == "lighter" and 0 < share < 1:
        phase = t("reason.phase_in", lang, share=fmt_percent(share, lang))
        return f"{word} ({firm}; {phase}): {why}"
    return f"{word} ({firm}): {why}"


def _activities(
    rule: Rule, tariffs: dict[str, float], spec: Any, row: pd.Series, lang: Lang
) -> list[ActivityResult]:
    out: list[ActivityResult] = []
    for line in activity_lines(rule, tariffs, spec):
        act = line.activity
        col = DRIVER_COLUMNS[act.driver]
        quantity = 1.0 if col is None else float(row[col])
        out.append(
            ActivityResult(
                id=act.id,
                label=pick(act.label, lang),
                cost_type=act.cost_type,
                driver=act.driver,
                quantity=quantity,
                hours=line.hours,
                tariff_id=act.tariff,
                tariff_eur=line.tariff_eur,
                external_eur=line.external_eur,
                frequency=line.frequency,
                one_off=act.one_off,
                basis=act.basis.describe(),
                assumption=act.basis.is_assumption,
                hours_total=line.hours_per_unit * quantity,
                cost_total=line.cost_per_unit * quantity,
            )
        )
    return out


def _scenario_activities(
    rule: Rule,
    ev: Evaluation,
    plan: RuleTreatment,
    share: float,
    still: bool,
    row: pd.Series,
    lang: Lang,
) -> list[ActivityResult]:
    """The SCM lines under the proposal: the base lines, the lighter ones, or a phase-in mix.

    With a relief share ``s`` between 0 and 1 each line is ``(1 − s) × base + s × lighter``;
    the mix is expressed at the base frequency so hours × tariff × frequency × quantity still
    adds up to the line's cost.
    """
    if not still:
        return []
    base = _activities(rule, ev.tariffs, None, row, lang)
    if share <= 0:
        return base
    exempt = plan.treatment == "exempt"
    light = {} if exempt else {a.id: a for a in _activities(rule, ev.tariffs, plan.spec, row, lang)}
    out: list[ActivityResult] = []
    for b in base:
        lt = light.get(b.id)
        w_base = (1 - share) * b.frequency
        w_light = share * (lt.frequency if lt else 0.0)
        per = 1 / b.frequency if b.frequency else 0.0
        out.append(
            dataclasses.replace(
                b,
                hours=(w_base * b.hours + w_light * (lt.hours if lt else 0.0)) * per,
                external_eur=(w_base * b.external_eur + w_light * (lt.external_eur if lt else 0.0))
                * per,
                hours_total=(1 - share) * b.hours_total + share * (lt.hours_total if lt else 0.0),
                cost_total=(1 - share) * b.cost_total + share * (lt.cost_total if lt else 0.0),
            )
        )
    return out


def evaluate_frame(
    profiles: pd.DataFrame,
    scenario: str | Scenario | None = DEFAULT_SCENARIO,
    date: dt.date | None = None,
    *,
    engine: Engine | None = None,
    include_pending: bool = False,
) -> Evaluation:
    """Run a DataFrame of profiles (optionally with a 'weight' column) through the engine."""
    engine = engine or load()
    return engine.evaluate(
        profiles,
        date or dt.date.today(),
        resolve_scenario(engine, scenario),
        include_pending=include_pending,
    )
