"""Python API for notebooks, the app, the CLI and the export — all on the same engine.

    >>> from checker.api import load, check
    >>> result = check({"employees": 30, "legal_form": "bv", "sector_sbi": "25.62"})
    >>> result.totals["saved_eur"]

``check`` evaluates one firm (a population of one) and adds the per-rule trace and the SCM
breakdown; ``evaluate_frame`` runs any DataFrame of profiles through the same engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import Lang, pick
from checker.burden import activity_lines
from checker.catalogue import Catalogue, load_catalogue
from checker.defaults import DEFAULTS_BY_FIELD
from checker.engine import Engine, Evaluation, RuleTreatment
from checker.measures import MEASURES
from checker.numbers import fmt_number
from checker.profile import FirmProfile, parse_profile, profiles_to_frame
from checker.rule_model import DRIVER_COLUMNS, Rule
from checker.scenario_model import Scenario
from checker.trace import Explainer, TraceNode

DEFAULT_SCENARIO = "metaalunie-25"


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
    rule: Rule
    applies_now: bool
    applies_scenario: bool
    treatment: str
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
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
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
) -> CheckResult:
    """Evaluate one firm: what applies now and under the scenario, why, and what it costs."""
    engine = engine or load()
    if not isinstance(profile, FirmProfile):
        profile = parse_profile(profile)
    date = date or dt.date.today()
    scen = resolve_scenario(engine, scenario)
    ev = engine.evaluate(profiles_to_frame([profile]), date, scen, trace=True, tariffs=tariffs)
    return build_check_result(engine, ev, profile, 0, lang, tariffs)


def build_check_result(
    engine: Engine,
    ev: Evaluation,
    profile: FirmProfile,
    row: int,
    lang: Lang,
    tariffs: dict[str, float] | None = None,
) -> CheckResult:
    cat = engine.catalogue
    tariff_values = tariffs if tariffs is not None else engine.tariffs
    assert ev.context is not None, "evaluate(..., trace=True) is needed for a per-firm result"
    explainer = Explainer(
        ev.context, ev.assumed, row, lang, {k: d.label for k, d in cat.definitions.items()}
    )
    values = ev.rule_values()
    qualifies = bool(ev.qualifies[row])
    frame_row = ev.frame.iloc[row]
    results: list[RuleResult] = []
    for r, rule in enumerate(ev.rules):
        applies_now = bool(ev.applies_now[row, r])
        full = bool(ev.full_scen[row, r])
        light = bool(ev.light_scen[row, r])
        rt = ev.treatments[r]
        node = explainer.explain_rule(rule, ev.date)
        treatment = _effective_treatment(applies_now, qualifies, rt, ev.scenario)
        reason = _reason(rule, applies_now, node, lang)
        scen_reason = _scenario_reason(treatment, rt, ev, row, lang)
        acts_now = _activities(rule, tariff_values, None, frame_row, lang) if applies_now else []
        if light:
            acts_scen = _activities(rule, tariff_values, rt.spec, frame_row, lang)
        elif full:
            acts_scen = acts_now
        else:
            acts_scen = []
        results.append(RuleResult(
            rule=rule, applies_now=applies_now, applies_scenario=full or light, treatment=treatment,
            hours_now=float(values["hours_now"][row, r]), cost_now_eur=float(values["cost_now"][row, r]),
            hours_scenario=float(values["hours_scen"][row, r]),
            cost_scenario_eur=float(values["cost_scen"][row, r]),
            one_off_now_eur=float(values["one_off_now"][row, r]),
            one_off_scenario_eur=float(values["one_off_scen"][row, r]),
            reason=reason, scenario_reason=scen_reason, trace=node,
            activities_now=acts_now, activities_scenario=acts_scen,
        ))  # fmt: skip
    totals_row = ev.firm_totals().iloc[row]
    totals = {
        "hours_now": float(totals_row["hours_now"]),
        "cost_now_eur": float(totals_row["cost_now"]),
        "hours_scenario": float(totals_row["hours_scen"]),
        "cost_scenario_eur": float(totals_row["cost_scen"]),
        "saved_hours": float(totals_row["saved_hours"]),
        "saved_eur": float(totals_row["saved_eur"]),
        "one_off_now_eur": float(totals_row["one_off_now"]),
        "one_off_scenario_eur": float(totals_row["one_off_scen"]),
        "obligations_now": float(totals_row["obligations_now"]),
        "obligations_scenario": float(totals_row["obligations_scen"]),
    }
    # The Standard Cost Model counts administrative burden and substantive compliance costs as
    # regeldruk; financial costs (sick pay, severance) are shown apart so nobody mistakes one
    # for the other.
    by_type = ev.firm_cost_by_type().iloc[row]
    for cost_type in ("administrative", "substantive", "financial"):
        totals[f"{cost_type}_now_eur"] = float(by_type[f"{cost_type}_now"])
        totals[f"{cost_type}_scenario_eur"] = float(by_type[f"{cost_type}_scen"])
    assumptions = [
        Assumption(f, _jsonable(frame_row[f]), pick(DEFAULTS_BY_FIELD[f].explain, lang))
        for f, mask in ev.assumed.items()
        if bool(mask[row])
    ]
    completed = {k: _jsonable(frame_row[k]) for k in ev.frame.columns if k != "name"}
    return CheckResult(
        date=ev.date, scenario=ev.scenario, profile=profile, completed=completed,
        assumptions=assumptions, rules=results, totals=totals, evaluation=ev, lang=lang,
        catalogue_version=cat.version_hash,
    )  # fmt: skip


def _effective_treatment(
    applies_now: bool, qualifies: bool, rt: RuleTreatment, scenario: Scenario | None
) -> str:
    if not applies_now:
        return "not_applicable"
    if scenario is None or not qualifies:
        return "unchanged"
    return rt.treatment


def _reason(rule: Rule, applies: bool, node: TraceNode, lang: Lang) -> str:
    head = (
        ("van toepassing" if applies else "niet van toepassing")
        if lang == "nl"
        else ("applies" if applies else "does not apply")
    )
    basis = f"{rule.legal_basis.law} {rule.legal_basis.article}"
    return f"{head}: {node.text} — {basis}"


def _scenario_reason(
    treatment: str, rt: RuleTreatment, ev: Evaluation, row: int, lang: Lang
) -> str:
    """Why the scenario treats this rule as it does for this firm, in the user's language."""
    scen = ev.scenario
    if scen is None or treatment == "not_applicable":
        return ""
    th = scen.threshold
    measure = MEASURES[th.measure]
    column = ev.columns.get(th.measure)
    value = float(column[row]) if column is not None else float("nan")
    inside = bool(ev.qualifies[row])
    sign = ("≤" if th.inclusive else "<") if inside else (">" if th.inclusive else "≥")
    shown = fmt_number(value, 0 if value.is_integer() else 1, lang)
    firm = f"{shown} {pick(measure.label, lang)} {sign} {fmt_number(th.value, 0, lang)}"
    why = rt.rationale if lang == "nl" else rt.rationale_en
    if treatment == "unchanged" and not inside:
        return (
            f"ongewijzigd: boven de drempel ({firm})"
            if lang == "nl"
            else f"unchanged: above the threshold ({firm})"
        )
    labels = (
        {"exempt": "vrijgesteld", "lighter": "lichter regime", "unchanged": "ongewijzigd"}
        if lang == "nl"
        else {"exempt": "exempt", "lighter": "lighter regime", "unchanged": "unchanged"}
    )
    return f"{labels[treatment]} ({firm}): {why}"


def _activities(
    rule: Rule, tariffs: dict[str, float], spec: Any, row: pd.Series, lang: Lang
) -> list[ActivityResult]:
    out: list[ActivityResult] = []
    for line in activity_lines(rule, tariffs, spec):
        act = line.activity
        col = DRIVER_COLUMNS[act.driver]
        quantity = 1.0 if col is None else float(row[col])
        out.append(ActivityResult(
            id=act.id, label=pick(act.label, lang), cost_type=act.cost_type, driver=act.driver,
            quantity=quantity, hours=line.hours, tariff_id=act.tariff, tariff_eur=line.tariff_eur,
            external_eur=line.external_eur, frequency=line.frequency, one_off=act.one_off,
            basis=act.basis.describe(), assumption=act.basis.is_assumption,
            hours_total=line.hours_per_unit * quantity, cost_total=line.cost_per_unit * quantity,
        ))  # fmt: skip
    return out


def evaluate_frame(
    profiles: pd.DataFrame,
    scenario: str | Scenario | None = DEFAULT_SCENARIO,
    date: dt.date | None = None,
    *,
    engine: Engine | None = None,
) -> Evaluation:
    """Run a DataFrame of profiles (optionally with a 'weight' column) through the engine."""
    engine = engine or load()
    return engine.evaluate(profiles, date or dt.date.today(), resolve_scenario(engine, scenario))
