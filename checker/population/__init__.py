"""Policy modelling over firm populations: CBS counts -> synthetic firms -> the one engine.

Python API::

    from checker.api import load
    from checker.population import build_population, evaluate_population, sweep, run_batch

    engine = load()
    pop = build_population("nl", engine)              # or "section:C", a CBS CSV path/bytes
    result = evaluate_population(pop, engine, "metaalunie-25")
    result.totals["saved_eur"], result.by_size_class
    curve = sweep(pop, engine, "metaalunie-25", bunching_share=0.1).table
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from checker.engine import Engine
from checker.population.aggregate import (
    PopulationResult,
    evaluate_population,
    family_variants,
    scenario_range,
)
from checker.population.batch import (
    HEADER_ALIASES,
    MAX_FILE_BYTES,
    BatchResult,
    read_member_file,
    run_batch,
)
from checker.population.cbs_reader import CbsFormatError, read_counts, read_statline
from checker.population.class_split import ClassSplit, describe_split, split_at_for
from checker.population.member_file import MAX_ROWS, BatchFileError
from checker.population.size_classes import CountsError, available_scopes, scope_counts
from checker.population.sweep import DEFAULT_THRESHOLDS, SweepResult, sweep
from checker.population.synthetic import Population, generate


def build_population(
    source: str | Path | bytes | pd.DataFrame,
    engine: Engine,
    *,
    seed: int | None = None,
    split_at: int | None = None,
    split_share: float | None = None,
    alpha: float | None = None,
) -> Population:
    """A synthetic population from a scope id ('nl', 'metaal', 'section:C', 'division:…'), a
    StatLine CSV (path or bytes) or a counts table.

    ``split_at`` is the proposal's threshold in werkzame personen (see
    :func:`checker.population.class_split.split_at_for`): the CBS class holding it is split
    there, by the Pareto interpolation or by ``split_share`` when given; the split is recorded
    in ``pop.extra["class_split"]``.
    """
    if isinstance(source, pd.DataFrame):
        counts, label = source, "eigen telling"
    elif isinstance(source, bytes):
        counts, label = read_counts(source), "CBS-download"
    elif isinstance(source, str) and source in available_scopes():
        counts, label = scope_counts(source), available_scopes()[source]
    elif Path(source).is_file():
        counts, label = read_counts(Path(source)), Path(source).name
    else:
        known = ", ".join(available_scopes())
        raise CountsError(
            f"'{source}' is geen bestand en geen bekende populatie ({known})",
            f"'{source}' is neither a file nor a known population ({known})",
        )
    pop = generate(
        counts,
        engine.catalogue,
        seed=seed,
        alpha=alpha,
        split_at=split_at,
        split_share=split_share,
        label=label,
    )
    if split_at is not None:
        interpolation = float(pop.assumptions["headcount_interpolation"]["alpha"])
        pop.extra["class_split"] = describe_split(
            counts, split_at, split_share, interpolation if alpha is None else alpha
        )
    pop.extra["warnings"] = list(counts.attrs.get("warnings", []))
    estimate = counts.attrs.get("estimate")
    if estimate is not None:
        pop.extra["estimate"] = estimate
    return pop


__all__ = [
    "DEFAULT_THRESHOLDS",
    "HEADER_ALIASES",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "BatchFileError",
    "BatchResult",
    "CbsFormatError",
    "ClassSplit",
    "CountsError",
    "Population",
    "PopulationResult",
    "SweepResult",
    "available_scopes",
    "build_population",
    "evaluate_population",
    "family_variants",
    "generate",
    "read_counts",
    "read_member_file",
    "read_statline",
    "run_batch",
    "scenario_range",
    "scope_counts",
    "split_at_for",
    "sweep",
]
