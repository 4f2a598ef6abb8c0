"""Standard Cost Model burden: activities become coefficient matrices over cost drivers.

For one activity, yearly cost = frequency × driver quantity × (hours × tariff + external €),
as in the Handboek Meting Regeldrukkosten (price × quantity).  Summed per rule this is a
linear function of a handful of firm drivers (1 per firm, employees, hires, sick cases …),
so a rule's burden for any number of firms is ``drivers @ coefficients``.

All activity lines of the rules in a run sit in one :class:`LineTable` (arrays over lines),
so the central coefficients and any number of Monte Carlo draws of the figures (see
:mod:`checker.uncertainty`) come from the same few array operations: one implementation
for a central figure and for its interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from checker.bilingual import Text
from checker.rule_model import DRIVERS, Activity, Rule
from checker.scenario_model import ActivityChange, Treatment

COST_TYPES: tuple[str, ...] = ("administrative", "substantive", "financial")
# Regeldruk in the Handboek sense: administrative burden plus substantive compliance costs.
REGULATORY_TYPES: tuple[str, ...] = ("administrative", "substantive")
FIGURES: tuple[str, ...] = ("hours", "external_eur", "frequency")


@dataclass(frozen=True)
class ActivityLine:
    """One activity with the numbers that a proposal may have reduced (for the breakdown)."""

    activity: Activity
    hours: float
    external_eur: float
    frequency: float
    tariff_eur: float

    @property
    def cost_per_unit(self) -> float:
        """Euros per driver unit (per year unless one-off)."""
        return self.frequency * (self.hours * self.tariff_eur + self.external_eur)

    @property
    def hours_per_unit(self) -> float:
        return self.frequency * self.hours


def _ratios(act: Activity, treatment: Treatment | None) -> tuple[float, float, float] | None:
    """(hours, external, frequency) of the lighter variant relative to the base; None = dropped."""
    if treatment is None or treatment.treatment != "lighter":
        return 1.0, 1.0, 1.0
    if treatment.factor is not None:
        return treatment.factor, treatment.factor, 1.0
    change: ActivityChange | None = treatment.activities.get(act.id)
    if change is None:
        return 1.0, 1.0, 1.0
    if change.drop:
        return None

    def ratio(new: float | None, base: float) -> float:
        # Never above 1: a lighter figure written for the sourced value must not exceed a base
        # the user lowered (a proposal can never add burden).
        if new is None:
            return 1.0
        return min(1.0, new / base) if base > 0 else 0.0

    return (
        ratio(change.hours, act.hours),
        ratio(change.external_eur, act.external_eur),
        ratio(change.frequency, act.frequency),
    )


def _transfer(
    act: Activity, kind: str, treatment: Treatment | None
) -> tuple[float, tuple[Text | None, ...]]:
    """(share of this line's removed cost that someone else pays, who — None when unnamed).

    A proposal may say who (sick pay in year two: UWV, from a premium).  A financial cost the
    employer no longer pays — wages during sickness, a severance payment — never disappears:
    all of it falls on someone else, so a named share below 1 leaves the rest to unnamed
    others, never to a saving.  Regeldruk (administrative and substantive work) that lapses is
    a real saving, unless the proposal names someone who takes a share of it over.
    """
    if kind == "unchanged":
        return 0.0, ()
    change = treatment.activities.get(act.id) if treatment is not None else None
    named = change.transfer if change is not None else None
    if act.cost_type == "financial":
        if named is None:
            return 1.0, (None,)
        return 1.0, (named.to,) if named.share >= 1 else (named.to, None)
    if named is not None:
        return float(named.share), (named.to,)
    return 0.0, ()


def activity_lines(
    rule: Rule, tariffs: dict[str, float], treatment: Treatment | None = None
) -> list[ActivityLine]:
    """The rule's activities, with a 'lighter' treatment applied when given."""
    lines: list[ActivityLine] = []
    for act in rule.activities:
        ratios = _ratios(act, treatment)
        if ratios is None:
            continue
        rh, re, rf = ratios
        tariff = tariffs[act.tariff] if act.tariff else 0.0
        lines.append(
            ActivityLine(act, act.hours * rh, act.external_eur * re, act.frequency * rf, tariff)
        )
    return lines


@dataclass
class Coefficients:
    """Per rule (rows) and driver (columns): € and hours per driver unit."""

    cost: np.ndarray  # R × K, yearly
    hours: np.ndarray  # R × K, yearly
    cost_one_off: np.ndarray  # R × K
    cost_by_type: np.ndarray  # T × R × K, yearly
    # Of the lighter variant: yearly € removed from the firm that someone else now pays (e.g.
    # sick pay in year two paid by UWV from a premium) — a shift, not a saving.  Zero for the base.
    cost_transfer: np.ndarray  # R × K

    def masked(self, rows: np.ndarray) -> Coefficients:
        """The same coefficients with the rules outside ``rows`` (bool R) set to zero."""
        m = rows.astype(np.float64)[:, None]
        return Coefficients(
            self.cost * m,
            self.hours * m,
            self.cost_one_off * m,
            self.cost_by_type * m[None],
            self.cost_transfer * m,
        )


@dataclass(frozen=True)
class LineTable:
    """Every activity line of a run as arrays over lines (L), for central values and draws.

    ``light`` holds, per line, the lighter variant's figures relative to the base line (0 for
    an exempted rule or a dropped line, 1 where nothing changes).
    """

    rule: np.ndarray  # L ints
    driver: np.ndarray  # L ints
    cost_type: np.ndarray  # L ints
    one_off: np.ndarray  # L bool
    tariff: np.ndarray  # L ints into ``tariff_ids``, -1 without hours
    figures: dict[str, np.ndarray]  # hours / external_eur / frequency: L × 3 (low, central, high)
    light: dict[str, np.ndarray]  # hours / external_eur / frequency: L ratios
    transfer: np.ndarray  # L: share of the line's removed cost that someone else pays
    transfer_to: tuple[tuple[Text | None, ...], ...]  # L: who pays it (None: not named)
    tariff_ids: tuple[str, ...]
    n_rules: int
    keys: tuple[str, ...] = ()  # "rule.activity" per line: a stable name for its random draws

    @classmethod
    def build(
        cls,
        rules: Sequence[Rule],
        tariff_ids: Sequence[str],
        light: Sequence[tuple[str, Treatment | None]] | None = None,
    ) -> LineTable:
        """``light[r]`` is (generic treatment, lighter spec) of rule r under a proposal."""
        t_index = {t: i for i, t in enumerate(tariff_ids)}
        d_index = {d: i for i, d in enumerate(DRIVERS)}
        c_index = {c: i for i, c in enumerate(COST_TYPES)}
        cols: dict[str, list[float | int | bool]] = {
            k: [] for k in ("rule", "driver", "type", "one_off", "tariff")
        }
        keys: list[str] = []
        fig: dict[str, list[tuple[float, float, float]]] = {f: [] for f in FIGURES}
        rel: dict[str, list[float]] = {f: [] for f in FIGURES}
        transfer: list[float] = []
        transfer_to: list[tuple[Text | None, ...]] = []
        for r, rule in enumerate(rules):
            kind, spec = light[r] if light is not None else ("unchanged", None)
            for act in rule.activities:
                keys.append(f"{rule.id}.{act.id}")
                cols["rule"].append(r)
                cols["driver"].append(d_index[act.driver])
                cols["type"].append(c_index[act.cost_type])
                cols["one_off"].append(act.one_off)
                cols["tariff"].append(t_index[act.tariff] if act.tariff else -1)
                for f in FIGURES:
                    fig[f].append(act.spread(f))
                ratios = None if kind == "exempt" else _ratios(act, spec)
                for f, value in zip(FIGURES, ratios or (0.0, 0.0, 0.0), strict=True):
                    rel[f].append(value)
                share, to = _transfer(act, kind, spec)
                transfer.append(share)
                transfer_to.append(to)
        return cls(
            rule=np.asarray(cols["rule"], dtype=np.int64),
            driver=np.asarray(cols["driver"], dtype=np.int64),
            cost_type=np.asarray(cols["type"], dtype=np.int64),
            one_off=np.asarray(cols["one_off"], dtype=bool),
            tariff=np.asarray(cols["tariff"], dtype=np.int64),
            figures={f: np.asarray(v, dtype=np.float64).reshape(-1, 3) for f, v in fig.items()},
            light={f: np.asarray(v, dtype=np.float64) for f, v in rel.items()},
            transfer=np.asarray(transfer, dtype=np.float64),
            transfer_to=tuple(transfer_to),
            tariff_ids=tuple(tariff_ids),
            n_rules=len(rules),
            keys=tuple(keys),
        )

    @property
    def n_lines(self) -> int:
        return len(self.rule)

    def coefficients(
        self,
        tariffs: np.ndarray,
        *,
        lighter: bool = False,
        values: dict[str, np.ndarray] | None = None,
    ) -> Coefficients:
        """Coefficients for one set of figures (central unless ``values`` gives L arrays)."""
        hours, ext, freq = (
            (values[f] if values is not None else self.figures[f][:, 1]) for f in FIGURES
        )
        tariff = np.where(self.tariff >= 0, tariffs[np.maximum(self.tariff, 0)], 0.0)
        base_cost = freq * (hours * tariff + ext)
        if lighter:
            hours = hours * self.light["hours"]
            ext = ext * self.light["external_eur"]
            freq = freq * self.light["frequency"]
        cost = freq * (hours * tariff + ext)
        line_hours = freq * hours
        k = len(DRIVERS)
        flat = self.rule * k + self.driver
        size = self.n_rules * k

        def scatter(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
            return np.bincount(flat[mask], weights=values[mask], minlength=size).reshape(
                self.n_rules, k
            )

        yearly = ~self.one_off
        by_type = np.stack(
            [scatter(cost, yearly & (self.cost_type == t)) for t in range(len(COST_TYPES))]
        )
        moved = self.transfer * (base_cost - cost) if lighter else np.zeros_like(cost)
        return Coefficients(
            cost=scatter(cost, yearly),
            hours=scatter(line_hours, yearly),
            cost_one_off=scatter(cost, self.one_off),
            cost_by_type=by_type,
            cost_transfer=scatter(moved, yearly),
        )

    def draw_costs(
        self, tariffs: np.ndarray, values: dict[str, np.ndarray], *, lighter: bool
    ) -> np.ndarray:
        """Yearly € per line for D draws: ``values[f]`` and ``tariffs`` have D rows (D × L)."""
        hours, ext, freq = (values[f] for f in FIGURES)
        if lighter:
            hours = hours * self.light["hours"]
            ext = ext * self.light["external_eur"]
            freq = freq * self.light["frequency"]
        tariff = np.where(self.tariff >= 0, tariffs[:, np.maximum(self.tariff, 0)], 0.0)
        cost = freq * (hours * tariff + ext)
        cost[:, self.one_off] = 0.0
        return cost
