"""The arguments of :func:`checker.export.population_workbook_bytes` for each kind of run.

Why one place: the CLI's ``--xlsx`` and the app's Excel buttons must produce the same
workbook for the same run, so both build the evaluation, the result tables and the metadata
here.  Table keys are the ones the export names in both languages (``per_grootteklasse``,
``per_sector``, ``per_regel``, ``sweep``, ``leden``, ``fouten``).  Nothing is recomputed when
the caller already has the evaluation (population, batch); a sweep without one costs one
extra engine run at the scenario's own threshold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from checker.bilingual import Lang
from checker.engine import Engine, Evaluation
from checker.i18n import msg_key, t
from checker.population.aggregate import PopulationResult
from checker.population.batch import BatchResult
from checker.population.sweep import SweepResult
from checker.population.synthetic import Population
from checker.profile import profiles_to_frame

POPULATION_NOTE = msg_key("workbook.population.note")  # shown in the reader's language
ERROR_COLUMNS = ["row", "column", "message"]


@dataclass
class WorkbookArgs:
    """Everything ``population_workbook_bytes`` needs, in its keyword form."""

    evaluation: Evaluation
    tables: dict[str, pd.DataFrame]
    meta: dict[str, Any] = field(default_factory=dict)
    engine: Engine | None = None  # the engine that computed the evaluation (its catalogue)

    def to_bytes(self, lang: Lang = "nl") -> bytes:
        """The .xlsx; imported lazily so the population package works without openpyxl."""
        from checker.export import population_workbook_bytes

        return population_workbook_bytes(
            self.evaluation, tables=self.tables, meta=self.meta, lang=lang, engine=self.engine
        )


def population_args(
    result: PopulationResult,
    sweep_result: SweepResult | None = None,
    engine: Engine | None = None,
) -> WorkbookArgs:
    """A population run (optionally with its threshold sweep as an extra sheet)."""
    tables = {
        "per_grootteklasse": result.by_size_class,
        "per_sector": result.by_sector,
        "per_regel": result.by_rule,
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
    return WorkbookArgs(result.evaluation, tables, meta, engine)


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
    return WorkbookArgs(ev, {"sweep": sweep_result.table}, meta, engine)


def errors_frame(
    result: BatchResult, lang: str = "nl", include_warnings: bool = False
) -> pd.DataFrame:
    """The member file's row errors as a table (row, column, message in ``lang``).

    With ``include_warnings`` the values that were ignored for a member who was still counted
    are listed too (their message says so), so the workbook names everything left out.
    """
    lg: Lang = "en" if lang == "en" else "nl"
    listed = [(e, False) for e in result.input.errors]
    if include_warnings:
        listed += [(w, True) for w in result.input.warnings]
        listed.sort(key=lambda item: item[0].row)
    rows = [
        {
            "row": e.row,
            "column": e.column,
            "message": (
                t("sheet.fouten.member_counted", lg, message=e.text(lg)) if kept else e.text(lg)
            ),
        }
        for e, kept in listed
    ]
    return pd.DataFrame(rows, columns=ERROR_COLUMNS)


def batch_args(result: BatchResult, engine: Engine, file_name: str) -> WorkbookArgs | None:
    """A member batch; ``None`` when no row was valid (there is nothing to calculate)."""
    if not result.input.profiles:
        return None
    ev = engine.evaluate(profiles_to_frame(result.input.profiles), result.date, result.scenario)
    meta = {
        "kind": "batch",
        "scenario_id": result.scenario.id,
        "date": result.date,
        "file": file_name,
    }
    errors = errors_frame(result, include_warnings=True)
    return WorkbookArgs(ev, {"leden": result.per_firm, "fouten": errors}, meta, engine)
