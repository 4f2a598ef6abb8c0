"""The one engine: evaluates the catalogue and a proposal over a DataFrame of firms.

A single firm is a one-row frame; a population is a weighted frame of millions of rows.
Both go through :meth:`Engine.evaluate`, so a firm's result and the matching row of a
population run cannot disagree.  Conditions become boolean column operations, burdens a
matrix product of applicability with per-driver coefficients (see :mod:`checker.burden`),
and a proposal a relief share per firm and rule (see :mod:`checker.relief`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import BilingualError
from checker.burden import LineTable
from checker.catalogue import Catalogue
from checker.conditions import EvalContext, evaluate
from checker.defaults import complete_columns
from checker.evaluation import Evaluation, driver_columns
from checker.measures import compute_columns
from checker.parsing.errors import InputError
from checker.relief import law_change_keep, plan_rules, relief_shares
from checker.rule_model import COVERED_FROM
from checker.scenario_model import Scenario


class DateOutOfRange(BilingualError):
    """A date before the covered period: the catalogue does not hold the law of then."""

    def __init__(self, date: dt.date) -> None:
        self.date = date
        super().__init__(
            f"{date.isoformat()} ligt voor {COVERED_FROM.isoformat()}: de regelcatalogus beschrijft "
            "het recht vanaf 1 januari 2020",
            f"{date.isoformat()} is before {COVERED_FROM.isoformat()}: the rule catalogue covers "
            "the law from 1 January 2020",
        )


def _check_counts(profiles: pd.DataFrame, weights: np.ndarray | None) -> None:
    """Every firm needs a headcount and every weight a number: a missing one would turn the
    totals into NaN or count a firm as if it had obligations it cannot be shown to have."""
    if "employees" not in profiles:
        raise InputError("werknemers ontbreken", "employees are missing")
    employees = pd.to_numeric(profiles["employees"], errors="coerce").to_numpy(dtype=np.float64)
    if len(employees) and not (np.isfinite(employees).all() and (employees >= 0).all()):
        raise InputError(
            "elk bedrijf heeft een aantal werknemers van 0 of meer nodig",
            "every firm needs a number of employees of 0 or more",
        )
    w = weights if weights is not None else profiles.get("weight")
    if w is not None:
        values = np.asarray(w, dtype=np.float64)
        if len(values) and not (np.isfinite(values).all() and (values >= 0).all()):
            raise InputError(
                "elk gewicht is een aantal bedrijven van 0 of meer",
                "every weight is a number of firms of 0 or more",
            )


class Engine:
    """Holds a validated catalogue; evaluate() it on any frame of firm profiles."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._lines: dict[tuple[Any, ...], LineTable] = {}

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
        include_pending: bool = False,
    ) -> Evaluation:
        """Run ``profiles`` (one row per firm, optional 'weight') on the law of ``date``.

        Only law in force on the date counts; ``include_pending`` adds bills and announced
        acts, flagged in :attr:`Evaluation.pending` and kept out of the law's totals.
        """
        if date < COVERED_FROM:
            raise DateOutOfRange(date)
        _check_counts(profiles, weights)
        cat = self.catalogue
        rules = cat.rules_valid_on(date, include_pending=include_pending)
        pending = np.array([not r.counts_as_law(date) for r in rules], dtype=bool)
        frame, assumed = complete_columns(profiles, cat.rates)
        n = len(profiles)
        rates = cat.rate_values()
        columns = compute_columns(frame, rates)
        params = cat.params_on(date)
        for rule in rules:
            # An announced rule may use an amount that only starts with it: take the amount in
            # force on its (expected) start date, never a later one for the law of today.
            if not rule.counts_as_law(date) and rule.valid_from > date:
                params = {**cat.params_on(rule.valid_from), **params}
        ctx = EvalContext(
            columns=columns,
            n=n,
            date=date,
            params=params,
            definitions={k: v.condition for k, v in cat.definitions.items()},
            keep_all=trace,
        )
        applies = np.zeros((len(rules), n), dtype=bool)
        for r, rule in enumerate(rules):
            applies[r] = evaluate(rule.applies_when, ctx)
            for exception in rule.exceptions_on(date):
                applies[r] &= ~evaluate(exception.when, ctx)
        if weights is None:
            weights = frame["weight"] if "weight" in frame else np.ones(n)
        base = Evaluation(
            catalogue=cat,
            date=date,
            scenario=None,
            rules=rules,
            pending=pending,
            inputs=frame,
            assumed=assumed,
            columns=columns,
            _drivers=driver_columns(frame, n),
            _applies=applies,
            treatments=plan_rules(None, rules, date),
            in_effect=False,
            spec_of_rule=np.full(len(rules), -1, dtype=np.int64),
            shares=[],
            specs=[],
            keep={},
            qualifies=np.zeros(n, dtype=bool),
            lines=self._line_table(rules, plan_rules(None, rules, date)),
            tariffs=dict(tariffs if tariffs is not None else self.tariffs),
            weights=np.asarray(weights, dtype=np.float64),
            params=params,
            context=ctx if trace else None,
        )
        return self.apply_proposal(base, scenario, ctx)

    def apply_proposal(
        self, ev: Evaluation, scenario: Scenario | None, ctx: EvalContext | None = None
    ) -> Evaluation:
        """The evaluation's firms under ``scenario``: only relief is recomputed."""
        plans = plan_rules(scenario, ev.rules, ev.date)
        rates = self.catalogue.rate_values()
        spec_of_rule, shares, specs = relief_shares(scenario, plans, ev.columns, ev.inputs, rates)
        in_effect = scenario is not None and scenario.in_effect(ev.date)
        keep: dict[int, np.ndarray] = {}
        # A moved law threshold is part of the proposal: nothing changes before it starts.
        if in_effect and any(p.law_changes for p in plans):
            context = (
                ctx
                or ev.context
                or EvalContext(
                    columns=ev.columns,
                    n=ev.n,
                    date=ev.date,
                    params=ev.params,
                    definitions={k: v.condition for k, v in self.catalogue.definitions.items()},
                )
            )
            keep = law_change_keep(ev.rules, plans, context, ev.date)
        if scenario is not None:
            threshold = scenario.threshold_on(ev.date)
            from checker.relief import measure_values

            qualifies = threshold.contains(
                measure_values(threshold.measure, ev.columns, ev.inputs, rates)
            )
        else:
            qualifies = np.zeros(ev.n, dtype=bool)
        return ev.with_relief(
            scenario=scenario,
            treatments=plans,
            in_effect=in_effect,
            spec_of_rule=spec_of_rule,
            shares=shares,
            specs=specs,
            keep=keep,
            qualifies=np.asarray(qualifies & in_effect, dtype=bool),
            lines=self._line_table(ev.rules, plans),
            context=ctx if ctx is not None and ev.context is not None else ev.context,
        )

    def _line_table(self, rules: list[Any], plans: list[Any]) -> LineTable:
        light = [(p.treatment, p.spec) for p in plans]
        key = (
            tuple(r.id for r in rules),
            tuple((t, s.model_dump_json() if s is not None else None) for t, s in light),
        )
        table = self._lines.get(key)
        if table is None:
            table = LineTable.build(rules, tuple(self.catalogue.tariffs), light)
            if len(self._lines) > 64:
                self._lines.clear()
            self._lines[key] = table
        return table
