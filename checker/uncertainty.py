"""Intervals for every total: seeded, vectorised Monte Carlo over the figures' ranges.

Every hours / € / frequency figure, every tariff and every driver rate has a low–central–high
range (see :mod:`checker.reference_data`).  A draw takes each figure from a triangular
distribution over its range (a tariff or a rate is one figure shared by every rule that uses
it), rebuilds the coefficient matrices and the assumed driver quantities, and recomputes the
totals.

Two modelling choices, both stated to users on the Over page:

* The central figure is read as the *expected* value (the best estimate of the Standard Cost
  Model), so each triangle's peak is placed where its mean equals the central figure
  (``3 × central − low − high``, kept inside the range).  Totals of central figures — what every
  breakdown and the workbook's formulas add up to — then sit in the middle of their interval
  instead of at its edge when ranges are skewed (most assumptions are more likely too low than
  too high).
* Figures are not independent: estimates made the same way tend to err the same way.  Draws
  share one common factor (a Gaussian copula with correlation :data:`SHARED_ERROR`), so the
  interval of a sector total does not shrink to nothing just because it adds many figures.  Because a total is linear in the per-pattern driver
sums, D draws cost D small matrix products — not D engine runs — so 1,000 draws over the
whole Dutch business population take well under a second once the run itself is done.

Not varied: the inputs that decide *whether* a rule applies (e.g. the balance-sheet default
that decides the audit duty); their effect is shown separately as a sensitivity.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from checker.burden import COST_TYPES, FIGURES, REGULATORY_TYPES
from checker.evaluation import Evaluation, Which
from checker.rule_model import DRIVER_COLUMNS, DRIVERS

DEFAULT_DRAWS = 1000
DEFAULT_SEED = 20261201
LOW_PCT, HIGH_PCT = 5.0, 95.0
# Correlation between the errors of any two figures (an assumption: figures estimated by the same
# method share part of their error; 0 would treat a sector total as almost exact).
SHARED_ERROR = 0.3

# The rate behind each driver when the user did not give it (profile defaults).
DRIVER_RATES: dict[str, str] = {
    "hire": "hires_per_employee",
    "dismissal": "dismissals_per_employee",
    "sick_case_6w": "sick_6w_per_employee",
    "sick_case_1y": "sick_1y_per_employee",
    "sick_case_2y": "sick_2y_per_employee",
    "wage_bill_eur": "annual_wage_per_job",
    "sick_wage_eur": "absence_rate",
}
# Totals reported with an interval; each is Σ over cost types of now / scen / saved.
TOTALS: dict[str, tuple[str, ...]] = {
    "cost": COST_TYPES,
    "regulatory": REGULATORY_TYPES,
    "financial": ("financial",),
}


@dataclass(frozen=True)
class Draws:
    """D draws of every uncertain figure of one run."""

    figures: dict[str, np.ndarray]  # hours / external_eur / frequency: D × L
    tariffs: np.ndarray  # D × tariffs
    driver_factor: np.ndarray  # D × K: assumed driver quantity relative to the central one

    @property
    def n(self) -> int:
        return len(self.tariffs)


def _normal_cdf(z: np.ndarray) -> np.ndarray:
    """Φ(z) to within 2·10⁻⁴ (the logistic-tanh form), vectorised: plenty for turning
    correlated normals into uniforms, and 100× faster than math.erf per element."""
    return np.asarray(0.5 * (1.0 + np.tanh(0.7978845608 * (z + 0.044715 * z**3))))


class _Uniforms:
    """Correlated uniforms: one shared normal factor per draw plus one per figure.

    Each figure's own draws come from a stream keyed by the figure's name (rule, activity,
    figure; a tariff or rate id), so a figure gets the same draws whichever other figures are
    in the run — switching on announced rules does not move the law's own interval.
    """

    def __init__(self, seed: int, n: int) -> None:
        self.seed = seed
        self.n = n
        self.shared = np.random.default_rng([seed, 0]).standard_normal((n, 1))

    def __call__(self, keys: Sequence[str]) -> np.ndarray:
        own = np.empty((self.n, len(keys)))
        for j, key in enumerate(keys):
            stream = zlib.crc32(key.encode("utf-8"))
            own[:, j] = np.random.default_rng([self.seed, 1, stream]).standard_normal(self.n)
        z = math.sqrt(SHARED_ERROR) * self.shared + math.sqrt(1.0 - SHARED_ERROR) * own
        return _normal_cdf(z)


def mean_matching_mode(spread: np.ndarray) -> np.ndarray:
    """The triangle's peak that makes its mean equal the central figure, kept in range."""
    low, central, high = spread[:, 0], spread[:, 1], spread[:, 2]
    return np.clip(3.0 * central - low - high, low, high)


def _triangular(uniforms: _Uniforms, spread: np.ndarray, keys: Sequence[str]) -> np.ndarray:
    """D × m draws for m (low, central, high) rows named ``keys``; a zero-width range gives
    its value."""
    low, high = spread[:, 0], spread[:, 2]
    mode = mean_matching_mode(spread)
    width = high - low
    u = uniforms(keys)
    with np.errstate(divide="ignore", invalid="ignore"):
        cut = np.where(width > 0, (mode - low) / width, 0.5)
        left = low + np.sqrt(u * width * (mode - low))
        right = high - np.sqrt((1 - u) * width * (high - mode))
    out = np.where(u < cut, left, right)
    return np.where(width > 0, out, spread[:, 1])


def draw(ev: Evaluation, n_draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED) -> Draws:
    """Seeded draws for the figures of ``ev`` (same seed, same draws, same intervals)."""
    uniforms = _Uniforms(seed, n_draws)
    cat = ev.catalogue
    figures = {
        f: _triangular(uniforms, ev.lines.figures[f], [f"{key}.{f}" for key in ev.lines.keys])
        for f in FIGURES
    }
    tariff_spread = np.array(
        [_tariff_spread(ev, t) for t in ev.lines.tariff_ids], dtype=np.float64
    ).reshape(-1, 3)
    tariffs = _triangular(uniforms, tariff_spread, [f"tariff.{t}" for t in ev.lines.tariff_ids])
    factor = np.ones((n_draws, len(DRIVERS)))
    for k, driver in enumerate(DRIVERS):
        rate_id = DRIVER_RATES.get(driver, "")
        rate = cat.rates.get(rate_id)
        if rate is None or rate.value <= 0:
            continue
        low, mid, high = rate.spread
        spread = np.array([[low, mid, high]])
        factor[:, k] = _triangular(uniforms, spread, [f"rate.{rate_id}"])[:, 0] / mid
    _sick_wage_follows_the_wage(ev, factor)
    return Draws(figures, tariffs, factor)


def _sick_wage_follows_the_wage(ev: Evaluation, factor: np.ndarray) -> None:
    """An assumed sick wage is wage bill × absence rate; where the wage bill is assumed too,
    its uncertainty is part of the sick wage's, in the same draw (a high wage draw raises both
    the wage-bill lines and sick pay).

    Decided per run: where every firm with an assumed sick wage also has an assumed wage bill
    (a population, a firm that gave neither) this is exact; where no such firm has one (a firm
    that gave its wage bill) the absence rate alone varies; a member list that mixes both
    takes the wider of the two, so an interval is never narrower than the inputs allow.
    """
    sick, wage = DRIVERS.index("sick_wage_eur"), DRIVERS.index("wage_bill_eur")
    sick_assumed = ev.assumed.get(DRIVER_COLUMNS["sick_wage_eur"] or "")
    wage_assumed = ev.assumed.get(DRIVER_COLUMNS["wage_bill_eur"] or "")
    if sick_assumed is None or wage_assumed is None:
        return
    if np.any(np.asarray(sick_assumed) & np.asarray(wage_assumed)):
        factor[:, sick] *= factor[:, wage]


def _tariff_spread(ev: Evaluation, tariff_id: str) -> tuple[float, float, float]:
    """The tariff's range, shifted to the value this run uses (a user may have changed it)."""
    central = ev.tariffs[tariff_id]
    tariff = ev.catalogue.tariffs.get(tariff_id)
    if tariff is None:
        return central, central, central
    low, mid, high = tariff.spread
    scale = central / mid if mid > 0 else 1.0
    return low * scale, central, high * scale


def _coefficient_draws(ev: Evaluation, draws: Draws, which: Which) -> dict[str, np.ndarray]:
    """Per cost type, D × R × K coefficient draws for the base and the lighter variants."""
    lines = ev.lines
    k = len(DRIVERS)
    r_count = lines.n_rules
    rows = ev.rows(which)
    keep_line = rows[lines.rule] if lines.n_lines else np.zeros(0, dtype=bool)
    # Lines → the (rule, driver) cells they add to: a small L × U one-hot over the U cells used.
    cells, column = np.unique(lines.rule * k + lines.driver, return_inverse=True)
    onehot = np.zeros((lines.n_lines, len(cells)))
    onehot[np.arange(lines.n_lines), column] = 1.0

    def spread(per_line: np.ndarray) -> np.ndarray:
        full = np.zeros((draws.n, r_count * k))
        full[:, cells] = per_line @ onehot
        return full.reshape(draws.n, r_count, k)

    out: dict[str, np.ndarray] = {}
    costs = {}
    for variant, lighter in (("base", False), ("light", True)):
        cost = lines.draw_costs(draws.tariffs, draws.figures, lighter=lighter)
        cost = cost * keep_line
        costs[variant] = cost
        for t, name in enumerate(COST_TYPES):
            out[f"{variant}_{name}"] = spread(cost * (lines.cost_type == t))
    out["transfer"] = spread((costs["base"] - costs["light"]) * lines.transfer)
    return out


def _split_drivers(ev: Evaluation) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """(given, assumed) driver quantities per firm; a driver is assumed where its input is."""
    given, assumed = [], []
    for k, driver in enumerate(DRIVERS):
        column = DRIVER_COLUMNS[driver]
        values = ev._drivers[k]
        mask = ev.assumed.get(column) if column is not None else None
        if mask is None or driver not in DRIVER_RATES:
            given.append(values)
            assumed.append(np.zeros_like(values))
        else:
            given.append(np.where(mask, 0.0, values))
            assumed.append(np.where(mask, values, 0.0))
    return given, assumed


def aggregate_draws(
    ev: Evaluation,
    draws: Draws,
    *,
    mask: np.ndarray | None = None,
    which: Which = "law",
) -> dict[str, np.ndarray]:
    """Weighted totals over the firms (optionally masked), one value per draw.

    Keys ``{cost,regulatory,financial}_{now,scen,saved}``; each is an array of D draws.
    """
    coef = _coefficient_draws(ev, draws, which)
    given, assumed = _split_drivers(ev)
    sums = {
        "given": ev.rule_driver_sums(mask, drivers=given),
        "assumed": ev.rule_driver_sums(mask, drivers=assumed),
    }
    per_type: dict[str, dict[str, np.ndarray]] = {}
    for name in COST_TYPES:
        base, light = coef[f"base_{name}"], coef[f"light_{name}"]
        now = np.einsum("rk,drk->d", sums["given"]["now"], base) + np.einsum(
            "rk,dk,drk->d", sums["assumed"]["now"], draws.driver_factor, base
        )
        scen = (
            np.einsum("rk,drk->d", sums["given"]["full"], base)
            + np.einsum("rk,drk->d", sums["given"]["light"], light)
            + np.einsum("rk,dk,drk->d", sums["assumed"]["full"], draws.driver_factor, base)
            + np.einsum("rk,dk,drk->d", sums["assumed"]["light"], draws.driver_factor, light)
        )
        per_type[name] = {"now": now, "scen": scen}
    moved = coef["transfer"]
    transferred = np.einsum("rk,drk->d", sums["given"]["light"], moved) + np.einsum(
        "rk,dk,drk->d", sums["assumed"]["light"], draws.driver_factor, moved
    )
    return {**_combine(per_type), "transferred": transferred}


# Up to this many firms, per-firm draws go line by line (cheap for one firm: the app's reruns);
# above it, through the per-pattern coefficient draws.
DIRECT_FIRMS = 64


def firm_draws(ev: Evaluation, draws: Draws, *, which: Which = "law") -> dict[str, np.ndarray]:
    """Per firm and draw (n × D) totals; for a firm or a member list, not for millions."""
    if ev.n <= DIRECT_FIRMS:
        return _firm_draws_by_line(ev, draws, which)
    coef = _coefficient_draws(ev, draws, which)
    given, assumed = _split_drivers(ev)
    p = ev.patterns()
    codes, a_u, full_u, light_u = p.codes, p.applies, p.full, p.light
    g = np.stack(given, axis=1)  # n × K
    h = np.stack(assumed, axis=1)
    per_type: dict[str, dict[str, np.ndarray]] = {}
    for name in COST_TYPES:
        base, light = coef[f"base_{name}"], coef[f"light_{name}"]
        now_u = np.einsum("ru,drk->udk", a_u.astype(np.float64), base)
        scen_u = np.einsum("ru,drk->udk", full_u, base) + np.einsum("ru,drk->udk", light_u, light)
        per_type[name] = {
            "now": _per_firm(now_u, codes, g, h, draws.driver_factor),
            "scen": _per_firm(scen_u, codes, g, h, draws.driver_factor),
        }
    moved_u = np.einsum("ru,drk->udk", light_u, coef["transfer"])
    transferred = _per_firm(moved_u, codes, g, h, draws.driver_factor)
    return {**_combine(per_type), "transferred": transferred}


def _firm_draws_by_line(ev: Evaluation, draws: Draws, which: Which) -> dict[str, np.ndarray]:
    """The same totals as :func:`firm_draws`, summed over activity lines for a few firms."""
    lines = ev.lines
    keep_line = ev.rows(which)[lines.rule] if lines.n_lines else np.zeros(0, dtype=bool)
    base = lines.draw_costs(draws.tariffs, draws.figures, lighter=False) * keep_line
    light = lines.draw_costs(draws.tariffs, draws.figures, lighter=True) * keep_line
    moved = (base - light) * lines.transfer
    given, assumed = _split_drivers(ev)
    g = np.stack(given)[lines.driver]  # L × n
    h = np.stack(assumed)[lines.driver]
    factor = draws.driver_factor[:, lines.driver]  # D × L
    applies = ev.applies_now.T[lines.rule].astype(np.float64)  # L × n
    full, light_w = ev.full_scen.T[lines.rule], ev.light_scen.T[lines.rule]

    def total(cost: np.ndarray, weight: np.ndarray) -> np.ndarray:
        return np.asarray(((cost @ (weight * g)) + ((cost * factor) @ (weight * h))).T)

    per_type: dict[str, dict[str, np.ndarray]] = {}
    for t, name in enumerate(COST_TYPES):
        typed = lines.cost_type == t
        b, lt = base * typed, light * typed
        per_type[name] = {"now": total(b, applies), "scen": total(b, full) + total(lt, light_w)}
    return {**_combine(per_type), "transferred": total(moved, light_w)}


def _per_firm(
    per_pattern: np.ndarray, codes: np.ndarray, g: np.ndarray, h: np.ndarray, factor: np.ndarray
) -> np.ndarray:
    out = np.empty((len(codes), per_pattern.shape[1]))
    step = 4096
    for start in range(0, len(codes), step):
        sl = slice(start, start + step)
        p = per_pattern[codes[sl]]  # m × D × K
        out[sl] = np.einsum("mk,mdk->md", g[sl], p) + np.einsum("mk,dk,mdk->md", h[sl], factor, p)
    return out


def _combine(per_type: dict[str, dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for total, types in TOTALS.items():
        now = sum(per_type[t]["now"] for t in types)
        scen = sum(per_type[t]["scen"] for t in types)
        out[f"{total}_now"] = np.asarray(now)
        out[f"{total}_scen"] = np.asarray(scen)
        out[f"{total}_saved"] = np.asarray(now - scen)
    return out


def bounds(values: np.ndarray, axis: int = -1) -> tuple[np.ndarray, np.ndarray]:
    """(low, high): the 5th and 95th percentile over the draws."""
    low, high = np.percentile(values, [LOW_PCT, HIGH_PCT], axis=axis)
    return low, high


def interval(central: float, samples: np.ndarray) -> tuple[float, float]:
    """The reported interval around a central estimate: the 5th–95th percentile of the draws,
    stretched to include the central estimate itself.

    The central estimate is the total of the central figures — the number every breakdown and
    the workbook's formulas add up to.  When many ranges are skewed the same way, the draws'
    percentiles can lie entirely on one side of it; the band is then stretched to reach it,
    so a reader never sees a total outside its own range.
    """
    low, high = bounds(np.asarray(samples, dtype=np.float64))
    return min(float(low), central), max(float(high), central)


def population_intervals(
    ev: Evaluation,
    *,
    mask: np.ndarray | None = None,
    which: Which = "law",
    n_draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> dict[str, tuple[float, float, float]]:
    """{total: (central, low, high)} over the (weighted, optionally masked) firms of ``ev``.

    Keys ``{cost,regulatory,financial}_{now,scen,saved}``.
    """
    totals = ev.firm_totals(which)
    w = ev.weights if mask is None else ev.weights * mask
    central: dict[str, float] = {}
    for total in TOTALS:
        now = float(w @ totals[f"{total}_now"].to_numpy())
        scen = float(w @ totals[f"{total}_scen"].to_numpy())
        central.update({f"{total}_now": now, f"{total}_scen": scen, f"{total}_saved": now - scen})
    central["transferred"] = float(w @ totals["transferred"].to_numpy())
    samples = aggregate_draws(ev, draw(ev, n_draws, seed), mask=mask, which=which)
    return {key: (value, *interval(value, samples[key])) for key, value in central.items()}
