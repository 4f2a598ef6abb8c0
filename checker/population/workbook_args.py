"""The arguments of :func:`checker.export.population_workbook_bytes` for each kind of run.

Why one place: the CLI's ``--xlsx`` and the app's Excel buttons must produce the same
workbook for the same run, so both build the evaluation, the result tables and the metadata
here.  Table keys are the ones the export names in both languages (``per_grootteklasse``,
``per_sector``, ``sweep``, ``leden``, ``fouten``); the per-rule figures are the workbook's own
Verplichtingen sheet.  The size-class and sector tables keep regeldruk and financial costs in
columns of their own.  Nothing is recomputed when the caller already has the evaluation
(population, batch); a sweep without one costs one extra engine run at the scenario's own
threshold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import Lang
from checker.engine import Engine
from checker.evaluation import Evaluation
from checker.i18n import msg_key
from checker.population.aggregate import PopulationResult, reached_mask
from checker.population.batch import BatchResult
from checker.population.member_messages import member_messages
from checker.population.sweep import SweepResult
from checker.population.synthetic import Population
from checker.profile import profiles_to_frame

POPULATION_NOTE = msg_key("export.population.note")  # shown in the reader's language


@dataclass
class WorkbookArgs:
    """Everything ``population_workbook_bytes`` needs, in its keyword form."""

    evaluation: Evaluation
    tables: dict[str, pd.DataFrame]
    meta: dict[str, Any] = field(default_factory=dict)

    def to_bytes(self, lang: Lang = "nl") -> bytes:
        """The .xlsx; imported lazily so the population package works without openpyxl."""
        from checker.export import population_workbook_bytes

        return population_workbook_bytes(
            self.evaluation, tables=self.tables, meta=self.meta, lang=lang
        )


SPLIT_COLUMNS = (
    "firms",
    "firms_reached",
    "regulatory_now",
    "regulatory_scen",
    "regulatory_saved",
    "financial_now",
    "financial_scen",
    "financial_saved",
    "saved_hours",
)


def split_table(
    ev: Evaluation, key: str, groups: Any, order: list[str] | None = None
) -> pd.DataFrame:
    """Per group (size class, sector): firms, firms reached, and the yearly regeldruk and
    financial costs now, under the proposal and saved — weighted, never added together."""
    totals = ev.firm_totals()
    w = ev.weights
    data = pd.DataFrame(
        {
            key: np.asarray(groups),
            "firms": w,
            "firms_reached": w * reached_mask(ev),
            "regulatory_now": w * totals["regulatory_now"].to_numpy(),
            "regulatory_scen": w * totals["regulatory_scen"].to_numpy(),
            "regulatory_saved": w * totals["saved_regulatory"].to_numpy(),
            "financial_now": w * totals["financial_now"].to_numpy(),
            "financial_scen": w * totals["financial_scen"].to_numpy(),
            "financial_saved": w * totals["saved_financial"].to_numpy(),
            "saved_hours": w * totals["saved_hours"].to_numpy(),
        }
    )
    out = data.groupby(key, sort=False).sum().reset_index()
    if order is not None:
        rank = {v: i for i, v in enumerate(order)}
        out = out.sort_values(key, key=lambda s: s.map(lambda v: rank.get(v, len(rank))))
    return out.reset_index(drop=True)[[key, *SPLIT_COLUMNS]]


def population_args(
    result: PopulationResult, sweep_result: SweepResult | None = None
) -> WorkbookArgs:
    """A population run (optionally with its threshold sweep as an extra sheet)."""
    from checker.population.synthetic import SIZE_CLASS_ORDER

    ev = result.evaluation
    frame = result.population.frame
    tables = {
        "per_grootteklasse": split_table(
            ev, "size_class", frame["size_class"].to_numpy(), list(SIZE_CLASS_ORDER)
        ),
        "per_sector": split_table(ev, "sector", frame["sector"].to_numpy()),
    }
    if sweep_result is not None:
        tables["sweep"] = sweep_result.table
    meta: dict[str, Any] = {
        "kind": "population",
        "scenario_id": result.scenario.id,
        "date": result.evaluation.date,
        "population": result.population.label,
        "notes": [POPULATION_NOTE],
    }
    if sweep_result is not None and sweep_result.bunching_share > 0:
        meta["bunching_share"] = sweep_result.bunching_share
        meta["bunching_window"] = sweep_result.bunching_window
    return WorkbookArgs(result.evaluation, tables, meta)


def sweep_args(
    population: Population,
    engine: Engine,
    sweep_result: SweepResult,
    date: dt.date,
    evaluation: Evaluation | None = None,
) -> WorkbookArgs:
    """A sweep run; the Berekening sheet shows the scenario at its own threshold."""
    ev = evaluation or engine.evaluate(population.frame, date, sweep_result.scenario)
    meta = {
        "kind": "sweep",
        "scenario_id": sweep_result.scenario.id,
        "date": date,
        "population": population.label,
        "notes": [POPULATION_NOTE],
    }
    return WorkbookArgs(ev, {"sweep": sweep_result.table}, meta)


def batch_args(
    result: BatchResult, engine: Engine, file_name: str, lang: Lang = "nl"
) -> WorkbookArgs | None:
    """A member batch; ``None`` when no row was valid (there is nothing to calculate).

    The Fouten sheet lists every message about the file in ``lang``: skipped rows and values
    left out by row and member name, numbers read in the file's notation, and the notices
    about the whole file (:func:`checker.population.member_messages.member_messages`)."""

    if not result.input.profiles:
        return None
    ev = engine.evaluate(profiles_to_frame(result.input.profiles), result.date, result.scenario)
    meta = {
        "kind": "batch",
        "scenario_id": result.scenario.id,
        "date": result.date,
        "file": file_name,
    }
    errors = member_messages(result.input, lang)
    return WorkbookArgs(ev, {"leden": result.per_firm, "fouten": errors}, meta)
