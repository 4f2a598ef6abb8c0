"""The result of one engine run over n firms: applicability, relief and burden.

An :class:`Evaluation` carries the catalogue it was computed with, so anything built from it
(export, growth view, population tables) uses that catalogue and never a global one.

Applicability is stored rule-major (``_applies``: R × n) because conditions produce one
contiguous column per rule.  Under a proposal each rule has, per firm, a relief share
``s ∈ [0, 1]`` and (for moved law thresholds) a keep mask; the burden is
``applies × keep × ((1 − s) × base + s × lighter)``.  Firms are grouped by their exact
pattern of applicability and relief, so totals over millions of firms cost a few hundred
pattern rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from checker.bilingual import Text
from checker.burden import COST_TYPES, REGULATORY_TYPES, Coefficients, LineTable
from checker.defaults import columns_to_frame
from checker.patterns import combine_codes, pattern_codes
from checker.relief import RuleTreatment
from checker.rule_model import DRIVER_COLUMNS, DRIVERS, Rule
from checker.scenario_model import PhaseIn, Scenario, Threshold

if TYPE_CHECKING:
    from checker.catalogue import Catalogue
    from checker.conditions import EvalContext

CHUNK_ROWS = 262_144
Which = Literal["law", "pending", "all"]


@dataclass(frozen=True)
class Patterns:
    """Firms grouped by pattern: code per firm, first firm per pattern, and per pattern (R × u)
    whether each rule applies now, the weights of its full and lighter burden under the
    proposal, and whether it still applies under the proposal."""

    codes: np.ndarray
    first: np.ndarray
    applies: np.ndarray
    full: np.ndarray
    light: np.ndarray
    still: np.ndarray


@dataclass
class Evaluation:
    """One engine run: n firms × R rules valid on ``date`` (plus pending rules when asked)."""

    catalogue: Catalogue
    date: dt.date
    scenario: Scenario | None
    rules: list[Rule]
    pending: np.ndarray  # R bool: announced, not law on the date (bills, …)
    inputs: dict[str, Any]  # completed profile columns (numpy / categorical)
    assumed: dict[str, np.ndarray]
    columns: dict[str, Any]  # measure columns
    _drivers: list[np.ndarray]  # K arrays of n: quantity of each cost driver
    _applies: np.ndarray  # R × n bool
    treatments: list[RuleTreatment]
    in_effect: bool  # the proposal has started on the date (see Scenario.steps)
    spec_of_rule: np.ndarray  # R ints into ``shares``; -1 where the rule gets no relief
    shares: list[np.ndarray]  # relief share per firm for each distinct (threshold, phase-in)
    specs: list[tuple[Threshold, PhaseIn | None]]
    keep: dict[int, np.ndarray]  # rule -> n bool, for rules whose own threshold is moved
    qualifies: np.ndarray  # n bool: inside the proposal's default threshold on the date
    lines: LineTable
    tariffs: dict[str, float]
    weights: np.ndarray  # n
    params: dict[str, float]
    context: EvalContext | None = None
    _cache: dict[str, Any] = field(default_factory=dict)

    # -- basics --------------------------------------------------------------------------------
    @property
    def n(self) -> int:
        return len(self.weights)

    @property
    def rule_ids(self) -> list[str]:
        return [r.id for r in self.rules]

    @property
    def catalogue_version(self) -> str:
        return self.catalogue.version_hash

    @property
    def drivers(self) -> np.ndarray:
        """n × K quantities of each cost driver per firm (1, employees, hires, sick cases …)."""
        if "drivers" not in self._cache:
            self._cache["drivers"] = np.stack(self._drivers, axis=1)
        return self._cache["drivers"]

    @property
    def frame(self) -> pd.DataFrame:
        """The completed profiles as a DataFrame (built on first use)."""
        if "frame" not in self._cache:
            self._cache["frame"] = columns_to_frame(self.inputs)
        return self._cache["frame"]

    @property
    def obligation_rows(self) -> np.ndarray:
        return np.array([r.kind == "obligation" for r in self.rules], dtype=bool)

    def rows(self, which: Which = "law") -> np.ndarray:
        """R bool: the rules that count for ``which`` (law in force, pending, or both)."""
        if which == "law":
            return ~self.pending
        if which == "pending":
            return self.pending.copy()
        return np.ones(len(self.rules), dtype=bool)

    @property
    def coef(self) -> Coefficients:
        if "coef" not in self._cache:
            self._cache["coef"] = self.lines.coefficients(self._tariff_vector())
        return self._cache["coef"]

    @property
    def coef_light(self) -> Coefficients:
        """The lighter variant of each rule (zero for exempted rules, the base if unchanged)."""
        if "coef_light" not in self._cache:
            self._cache["coef_light"] = self.lines.coefficients(self._tariff_vector(), lighter=True)
        return self._cache["coef_light"]

    def _tariff_vector(self) -> np.ndarray:
        return np.array([self.tariffs[t] for t in self.lines.tariff_ids], dtype=np.float64)

    # -- relief --------------------------------------------------------------------------------
    def _relief_rows(self, firms: np.ndarray | slice) -> tuple[np.ndarray, np.ndarray]:
        """(share R × m, keep R × m) for the firms selected by ``firms``."""
        m = len(self.weights[firms])
        share = np.zeros((len(self.rules), m))
        keep = np.ones((len(self.rules), m), dtype=bool)
        if self.in_effect:
            for r, spec in enumerate(self.spec_of_rule):
                if spec >= 0:
                    share[r] = self.shares[spec][firms]
        for r, mask in self.keep.items():
            keep[r] = mask[firms]
        return share, keep

    def _split(
        self, applies: np.ndarray, share: np.ndarray, keep: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """(full, light) weights (R × m floats) of each rule's base and lighter burden."""
        on = (applies & keep).astype(np.float64)
        return on * (1.0 - share), on * share

    @property
    def applies_now(self) -> np.ndarray:
        """n × R: the rule applies under current law."""
        return self._applies.T

    def _per_firm_split(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if "firm_split" not in self._cache:
            share, keep = self._relief_rows(slice(None))
            full, light = self._split(self._applies, share, keep)
            self._cache["firm_split"] = (full, light, share * (self._applies & keep))
        return self._cache["firm_split"]

    @property
    def full_scen(self) -> np.ndarray:
        """n × R: weight of the rule's full burden under the proposal (1 − relief share)."""
        return self._per_firm_split()[0].T

    @property
    def light_scen(self) -> np.ndarray:
        """n × R: weight of the rule's lighter burden under the proposal (the relief share)."""
        return self._per_firm_split()[1].T

    @property
    def relief(self) -> np.ndarray:
        """n × R: relief share of each applicable rule (0 none … 1 fully relieved)."""
        return self._per_firm_split()[2].T

    @property
    def exempt_rows(self) -> np.ndarray:
        return np.array([t.treatment == "exempt" for t in self.treatments], dtype=bool)

    @property
    def applies_scen(self) -> np.ndarray:
        """n × R: the rule still applies (fully, lighter or phased) under the proposal."""
        p = self.patterns()
        return p.still[:, p.codes].T

    # -- patterns ------------------------------------------------------------------------------
    def _base_patterns(self) -> tuple[np.ndarray, np.ndarray]:
        """Pattern codes of current-law applicability only (shared by proposal variants)."""
        if "base_codes" not in self._cache:
            self._cache["base_codes"] = pattern_codes(self._applies)
        return self._cache["base_codes"]

    def patterns(self) -> Patterns:
        """Firms grouped by their exact pattern of applicability and relief."""
        if "patterns" not in self._cache:
            base, _first = self._base_patterns()
            extra: list[np.ndarray] = []
            if self.in_effect:
                extra += [self.shares[s] for s in sorted(set(self.spec_of_rule) - {-1})]
            extra += [self.keep[r] for r in sorted(self.keep)]
            codes, first = combine_codes(base, *extra)
            a_u = self._applies[:, first]
            share, keep = self._relief_rows(first)
            full_u, light_u = self._split(a_u, share, keep)
            lifted = self.exempt_rows[:, None] & (share >= 1.0)
            still_u = a_u & ((full_u > 0) | ((light_u > 0) & ~lifted))
            self._cache["patterns"] = Patterns(codes, first, a_u, full_u, light_u, still_u)
        return self._cache["patterns"]

    def reached(self, which: Which = "law") -> np.ndarray:
        """Per firm: does the proposal exempt or lighten at least one obligation that applies?"""
        p = self.patterns()
        rows = self.rows(which) & self.obligation_rows
        per_pattern = (p.applies & (p.full < 1.0))[rows].any(axis=0)
        return per_pattern[p.codes] if len(p.codes) else np.zeros(0, dtype=bool)

    def transfer_targets(self, row: int | None = None, which: Which = "law") -> list[Text | None]:
        """Who pays the costs this proposal moves off the firm (``row``) or the firms: the
        payers the proposal names, and ``None`` for costs it drops without saying who pays."""
        p = self.patterns()
        relief = p.light[:, p.codes[row]] if row is not None else p.light.max(axis=1, initial=0)
        counted = self.rows(which)
        light = self.lines.light
        reduced = np.minimum(np.minimum(light["hours"], light["external_eur"]), light["frequency"])
        out: list[Text | None] = []
        for line, share in enumerate(self.lines.transfer):
            r = int(self.lines.rule[line])
            if share > 0 and reduced[line] < 1 and counted[r] and relief[r] > 0:
                for to in self.lines.transfer_to[line]:
                    if to not in out:
                        out.append(to)
        return out

    # -- per firm × rule (small n only: n × R floats) ------------------------------------------
    def rule_values(self) -> dict[str, np.ndarray]:
        """n × R arrays of hours and € (yearly and one-off), now and under the proposal."""
        if "rule_values" not in self._cache:
            d = self.drivers
            a = self.applies_now.astype(np.float64)
            full, light = self.full_scen, self.light_scen
            c, cl = self.coef, self.coef_light
            out = {
                "cost_now": a * (d @ c.cost.T),
                "hours_now": a * (d @ c.hours.T),
                "cost_scen": full * (d @ c.cost.T) + light * (d @ cl.cost.T),
                "hours_scen": full * (d @ c.hours.T) + light * (d @ cl.hours.T),
                "one_off_now": a * (d @ c.cost_one_off.T),
                "one_off_scen": full * (d @ c.cost_one_off.T) + light * (d @ cl.cost_one_off.T),
                "transferred": light * (d @ cl.cost_transfer.T),
            }
            for t, name in enumerate(COST_TYPES):
                out[f"{name}_now"] = a * (d @ c.cost_by_type[t].T)
                out[f"{name}_scen"] = full * (d @ c.cost_by_type[t].T) + light * (
                    d @ cl.cost_by_type[t].T
                )
            self._cache["rule_values"] = out
        return self._cache["rule_values"]

    # -- per firm totals (any n) ---------------------------------------------------------------
    def _per_pattern(self, base: np.ndarray, light: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """K × u coefficient sums per pattern, now and under the proposal."""
        p = self.patterns()
        now = base.T @ p.applies.astype(np.float64)
        scen = base.T @ p.full + light.T @ p.light
        return now, scen

    def _firm_sums(self, per_pattern: np.ndarray) -> np.ndarray:
        """Q × n: for each quantity q, Σ_k driver_k × per_pattern[q, k, pattern of the firm]."""
        codes = self.patterns().codes
        out = np.empty((per_pattern.shape[0], self.n))
        step = CHUNK_ROWS // 4
        for start in range(0, self.n, step):
            sl = slice(start, min(self.n, start + step))
            d = np.stack([x[sl] for x in self._drivers])
            out[:, sl] = np.einsum("ki,qki->qi", d, per_pattern[:, :, codes[sl]])
        return out

    def firm_totals(self, which: Which = "law") -> pd.DataFrame:
        """Per firm: obligations, yearly hours/€ now and under the proposal, savings.

        ``cost_*`` is the whole yearly burden; ``regulatory_*`` the regeldruk (administrative
        burden plus substantive compliance costs) and ``financial_*`` the financial costs
        (e.g. continued pay during sickness), which are never part of regeldruk.
        ``transferred`` is the part of the saving that the proposal moves to someone else
        (e.g. UWV, paid from a premium): a shift, not a saving for employers as a group.
        """
        key = f"firm_totals_{which}"
        if key in self._cache:
            return self._cache[key]
        rows = self.rows(which)
        c, cl = self.coef.masked(rows), self.coef_light.masked(rows)
        quantities = (
            ("cost", c.cost, cl.cost),
            ("hours", c.hours, cl.hours),
            ("one_off", c.cost_one_off, cl.cost_one_off),
            *(
                (cost_type, c.cost_by_type[t], cl.cost_by_type[t])
                for t, cost_type in enumerate(COST_TYPES)
            ),
        )
        names: list[str] = []
        per_pattern: list[np.ndarray] = []
        for name, base, light in quantities:
            now, scen = self._per_pattern(base, light)
            names += [f"{name}_now", f"{name}_scen"]
            per_pattern += [now, scen]
        p = self.patterns()
        names.append("transferred")
        per_pattern.append(cl.cost_transfer.T @ p.light)
        sums = self._firm_sums(np.stack(per_pattern))
        out = {name: sums[q] for q, name in enumerate(names)}
        frame = pd.DataFrame(out)
        for when in ("now", "scen"):
            frame[f"regulatory_{when}"] = sum(frame[f"{t}_{when}"] for t in REGULATORY_TYPES)
        counted = self.obligation_rows & rows
        frame["obligations_now"] = p.applies[counted].sum(axis=0)[p.codes]
        frame["obligations_scen"] = p.still[counted].sum(axis=0)[p.codes]
        frame["saved_eur"] = frame["cost_now"] - frame["cost_scen"]
        frame["saved_hours"] = frame["hours_now"] - frame["hours_scen"]
        frame["saved_regulatory"] = frame["regulatory_now"] - frame["regulatory_scen"]
        frame["saved_financial"] = frame["financial_now"] - frame["financial_scen"]
        frame["qualifies"] = self.qualifies
        frame["weight"] = self.weights
        self._cache[key] = frame
        return frame

    def firm_cost_by_type(self, which: Which = "law") -> pd.DataFrame:
        """Per firm yearly € by cost type, now and under the proposal."""
        totals = self.firm_totals(which)
        cols = [f"{t}_{w}" for t in COST_TYPES for w in ("now", "scen")]
        return totals[cols]

    # -- weighted per rule aggregates (any n) --------------------------------------------------
    def rule_driver_sums(
        self,
        mask: np.ndarray | None = None,
        groups: np.ndarray | None = None,
        n_groups: int = 1,
        drivers: list[np.ndarray] | None = None,
    ) -> dict[str, np.ndarray]:
        """Per rule × driver: Σ weight × driver over firms where the rule applies.

        ``now`` for current law, ``full`` and ``light`` for the proposal's full and lighter
        burden (R × K; with ``groups`` — an integer code per firm — G × R × K).  Multiplying
        by the coefficient matrices gives € and hours, which is what the Excel export writes
        as live formulas.  Also returns weighted firm counts per rule (R, or G × R).
        ``drivers`` replaces the firms' driver quantities (e.g. only the assumed part).
        """
        p = self.patterns()
        codes, a_u, full_u, light_u = p.codes, p.applies, p.full, p.light
        u = a_u.shape[1]
        w = self.weights if mask is None else self.weights * mask
        g = np.zeros(self.n, dtype=np.int64) if groups is None else np.asarray(groups, np.int64)
        size = u * n_groups
        key = codes * n_groups + g
        source = self._drivers if drivers is None else drivers
        k = len(DRIVERS)
        wd = np.empty((u, n_groups, k))
        for j in range(k):
            wd[:, :, j] = np.bincount(key, weights=w * source[j], minlength=size).reshape(
                u, n_groups
            )
        wc = np.bincount(key, weights=w, minlength=size).reshape(u, n_groups)
        a = a_u.astype(np.float64)
        still = p.still.astype(np.float64)
        relieved = ((light_u > 0) & p.still).astype(np.float64)
        out = {
            "now": np.einsum("ru,ugk->grk", a, wd),
            "full": np.einsum("ru,ugk->grk", full_u, wd),
            "light": np.einsum("ru,ugk->grk", light_u, wd),
            "firms_now": a @ wc,
            "firms_scen": still @ wc,
            "firms_light": relieved @ wc,
            "firms_exempted": (a - still) @ wc,
        }
        for name in ("firms_now", "firms_scen", "firms_light", "firms_exempted"):
            out[name] = out[name].T  # G × R
        if groups is None:
            out = {name: value[0] for name, value in out.items()}
        return out

    def rule_aggregates(self, mask: np.ndarray | None = None) -> pd.DataFrame:
        """Per rule: weighted firms reached now / under the proposal, hours and € totals.

        ``treatment`` is the proposal's generic treatment of the rule; ``effect`` what it did
        to these firms (``none`` when no firm here is relieved, e.g. a rule that only starts
        above the threshold).
        """
        s = self.rule_driver_sums(mask)

        def dot(x: np.ndarray, y: np.ndarray) -> np.ndarray:
            return np.einsum("rk,rk->r", x, y)

        c, cl = self.coef, self.coef_light
        cost_now, hours_now = dot(s["now"], c.cost), dot(s["now"], c.hours)
        cost_scen = dot(s["full"], c.cost) + dot(s["light"], cl.cost)
        hours_scen = dot(s["full"], c.hours) + dot(s["light"], cl.hours)
        effect = np.where(
            s["firms_exempted"] > 0,
            "exempt",
            np.where(s["firms_light"] > 0, "lighter", "none"),
        )
        return pd.DataFrame(
            {
                "rule_id": self.rule_ids,
                "domain": [x.domain for x in self.rules],
                "kind": [x.kind for x in self.rules],
                "pending": self.pending,
                "treatment": [t.treatment for t in self.treatments],
                "effect": effect,
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

    # -- variants ------------------------------------------------------------------------------
    def under(self, scenario: Scenario | None, engine: Any | None = None) -> Evaluation:
        """The same firms and current-law results under another proposal.

        Applicability under current law does not depend on the proposal, so a threshold sweep
        or a side-by-side comparison only recomputes the relief — not the conditions, and not
        the patterns of the law.
        """
        from checker.engine import Engine

        # Only an engine over this very catalogue may reuse its cached figures.
        if isinstance(engine, Engine) and engine.catalogue is self.catalogue:
            return engine.apply_proposal(self, scenario)
        return Engine(self.catalogue).apply_proposal(self, scenario)

    def with_relief(self, **changes: Any) -> Evaluation:
        shared = {"base_codes": self._base_patterns()}
        if "drivers" in self._cache:
            shared["drivers"] = self._cache["drivers"]
        return dataclasses.replace(self, _cache=shared, **changes)


def driver_columns(frame: dict[str, Any], n: int) -> list[np.ndarray]:
    """The quantity of each cost driver per firm (no copies where the column exists)."""
    out: list[np.ndarray] = []
    for driver in DRIVERS:
        col = DRIVER_COLUMNS[driver]
        out.append(np.ones(n) if col is None else np.asarray(frame[col], dtype=np.float64))
    return out
