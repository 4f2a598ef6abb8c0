"""Benchmark of the population paths: ``python benchmarks/bench_population.py [--no-flat]``.

Prints one table with the figures the issue asks for (this is a benchmark, not a timed test):
the whole NL population (CBS 81588NED 2024 Q2, ~2.3 million firms) through the full catalogue,
baseline and scenario; a 46-value threshold sweep; a 15,000-member batch; per-firm speed of
the vectorised path against one-at-a-time ``check()``; and peak memory.  The population is
stored as weighted distinct profiles (weights = number of identical firms); ``--no-flat``
skips the extra run over the expanded one-row-per-firm frame (2.3 million rows, chunked).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from checker.api import check, load
from checker.population import build_population, evaluate_population, run_batch, sweep
from checker.population.aggregate import chunked_totals
from checker.scenario_model import DEFAULT_SCENARIO
from checker.uncertainty import population_intervals

DATE = dt.date(2026, 1, 1)
SCENARIO = DEFAULT_SCENARIO


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(func):
    t = time.perf_counter()
    out = func()
    return out, time.perf_counter() - t


def member_csv(n: int, seed: int = 7) -> bytes:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "naam": [f"Lid {i}" for i in range(n)],
            "werknemers": rng.integers(0, 120, n),
            "rechtsvorm": rng.choice(["bv", "eenmanszaak", "vof"], n, p=[0.7, 0.2, 0.1]),
            "sbi": rng.choice(["24", "25", "2562", "28", "33"], n),
            "omzet": np.round(rng.lognormal(14, 1, n)),
        }
    )
    buf = io.StringIO()
    frame.to_csv(buf, index=False, sep=";")
    return buf.getvalue().encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-flat", action="store_true", help="skip the one-row-per-firm run")
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str]] = []

    def add(name: str, value: str, target: str, ok: bool | None) -> None:
        rows.append((name, value, target, "" if ok is None else ("ok" if ok else "NOT MET")))

    engine, t_load = timed(load)
    add("load catalogue", f"{t_load:.2f} s", "-", None)
    pop, t_pop = timed(lambda: build_population("nl", engine))
    add(
        "build NL population",
        f"{t_pop:.2f} s ({pop.firms:,.0f} firms, {pop.rows:,} rows)",
        "-",
        None,
    )

    engine.evaluate(pop.frame.head(100), DATE, engine.catalogue.scenario(SCENARIO))  # warm caches
    res, t_eval = timed(lambda: evaluate_population(pop, engine, SCENARIO, DATE))
    add("NL × catalogue × baseline+scenario", f"{t_eval:.2f} s", "< 1 s", t_eval < 1.0)
    add("  saved per year (check)", f"€ {res.totals['saved_eur']:,.0f}", "-", None)

    sw, t_sweep = timed(lambda: sweep(pop, engine, SCENARIO, range(5, 51), DATE))
    add(
        "sweep 5…50 (46 values)",
        f"{t_sweep:.2f} s",
        "< 10 s",
        t_sweep < 10.0 and len(sw.table) == 46,
    )

    data = member_csv(15_000)
    batch, t_batch = timed(lambda: run_batch(data, "leden.csv", engine, SCENARIO, DATE))
    add(
        "batch 15,000 members",
        f"{t_batch:.2f} s ({len(batch.per_firm):,} valid)",
        "< 5 s",
        t_batch < 5.0,
    )

    profiles = [{"employees": int(e), "legal_form": "bv", "sector_sbi": "25"} for e in range(0, 60)]
    _, t_single = timed(lambda: [check(p, SCENARIO, DATE, engine=engine) for p in profiles])
    per_single = t_single / len(profiles)
    per_vec = t_batch / max(len(batch.per_firm), 1)
    per_pop = t_eval / pop.firms
    add("one at a time: check() per firm", f"{per_single * 1e3:.2f} ms", "-", None)
    add(
        "vectorised per firm (batch)",
        f"{per_vec * 1e6:.1f} µs ({per_single / per_vec:,.0f}×)",
        "≥ 100×",
        per_single / per_vec >= 100,
    )
    add(
        "vectorised per firm (population)",
        f"{per_pop * 1e9:.0f} ns ({per_single / per_pop:,.0f}×)",
        "≥ 100×",
        per_single / per_pop >= 100,
    )
    add("peak memory (weighted population)", f"{peak_mb():,.0f} MB", "< 2048 MB", peak_mb() < 2048)

    if not args.no_flat:
        flat, t_expand = timed(pop.expand)
        add("expand to one row per firm", f"{t_expand:.2f} s ({len(flat.frame):,} rows)", "-", None)
        totals, t_flat = timed(lambda: chunked_totals(flat.frame, engine, res.scenario, DATE))
        same = abs(totals["saved_eur"] - res.totals["saved_eur"]) <= 1e-6 * abs(
            res.totals["saved_eur"]
        )
        add(
            "one row per firm, chunked engine run",
            f"{t_flat:.2f} s (totals equal: {same})",
            "-",
            same,
        )
        scenario = engine.catalogue.scenario(SCENARIO)

        def one_run() -> float:
            ev = engine.evaluate(flat.frame, DATE, scenario)
            return float(ev.rule_aggregates()["saved_eur"].sum())

        one_run()  # warm-up (first touch of the arrays)
        saved_flat, t_one = timed(one_run)
        same_one = abs(saved_flat - res.totals["saved_eur"]) <= 1e-6 * abs(res.totals["saved_eur"])
        add(
            "one row per firm, one engine run (2.3 M rows)",
            f"{t_one:.2f} s (totals equal: {same_one})",
            "< 1 s",
            t_one < 1.0 and same_one,
        )
        ev_flat = engine.evaluate(flat.frame, DATE, scenario)
        ev_flat.firm_totals()

        def monte_carlo() -> dict[str, tuple[float, float, float]]:
            return population_intervals(ev_flat, n_draws=1000)

        mc, t_mc = timed(monte_carlo)
        central, low, high = mc["regulatory_saved"]
        add(
            "Monte Carlo: 1,000 draws × 2.3 M firms (baseline + proposal)",
            f"{t_mc:.2f} s (regeldruk saved € {central / 1e6:,.0f} M, "
            f"€ {low / 1e6:,.0f}–{high / 1e6:,.0f} M)",
            "< 5 s",
            t_mc < 5.0,
        )
        del ev_flat, mc  # one evaluation of 2.3 M firms at a time
        _, t_mc_total = timed(
            lambda: population_intervals(engine.evaluate(flat.frame, DATE, scenario), n_draws=1000)
        )
        add(
            "  engine run + 1,000 draws from scratch",
            f"{t_mc_total:.2f} s",
            "< 5 s",
            t_mc_total < 5.0,
        )
        # The input alone is ~1.1 GB (2.3 M rows × 61 profile columns, all given); the run adds
        # applicability (R × n booleans), the measure columns and the per-firm totals.
        add(
            "peak memory (incl. one row per firm)",
            f"{peak_mb():,.0f} MB",
            "< 2560 MB",
            peak_mb() < 2560,
        )

    width = [max(len(r[i]) for r in rows) for i in range(4)]
    head = ("measure", "value", "target", "")
    width = [max(w, len(h)) for w, h in zip(width, head, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(head, width, strict=True))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, width, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
