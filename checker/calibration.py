"""Calibration: the model's burden per employee by company size next to published aggregates.

The best-known published fact about regulatory burden is that small firms pay far more per
employee than larger ones (Panteia/EIM: about €2,900 below 10 employees against €900 at
100–250, 2012).  A model that is to be quoted to a ministry must show the same scale effect
through figures that are each defensible on their own — never by tuning figures to hit the
ratio.  This module therefore only *measures*: it evaluates representative firms (and, when
asked, the synthetic population) with the public engine API and sets the result beside the
published figures in ``data/calibration/``, with what the catalogue does and does not cover.

Two comparisons, because they answer different questions:

* representative firms (5, 20, 35, 75, 120, 175 employees, profile defaults otherwise): what
  one firm of that size pays per employee — the numbers a firm sees in the app;
* class averages over a population (employee-weighted, classes 1–9 and 100–249 employees):
  the same construct as the published figures, which average whole size classes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from checker.bilingual import Text
from checker.yaml_loading import load_yaml

if TYPE_CHECKING:
    from checker.engine import Engine
    from checker.population.synthetic import Population

CALIBRATION_DIR = Path(__file__).resolve().parent.parent / "data" / "calibration"
REPRESENTATIVE_SIZES: tuple[int, ...] = (5, 20, 35, 75, 120, 175)
# The ratio the issue asks about, and the published pair it is compared with.
SMALL_FIRM, LARGER_FIRM = 5, 120
SMALL_CLASS: tuple[int, int] = (1, 9)
LARGER_CLASS: tuple[int, int] = (100, 249)
# Published per-employee figures that span the ratio range (the Belgian figures and the
# shares of effects are context only).
RATIO_FIGURES: tuple[str, ...] = ("eim_2012_al_per_employee", "eim_1995_al_per_employee")

Kind = Literal[
    "per_employee_by_size",
    "per_firm_by_size",
    "per_hour_by_size",
    "share_by_size",
    "obligation_count",
    "total",
]


class SizeClassValue(BaseModel):
    """A published value for employees from ``min_employees`` to ``max_employees`` (incl.)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_employees: int = Field(ge=0)
    max_employees: int | None = Field(default=None, ge=0)
    value: float
    label: Text


class PublishedFigure(BaseModel):
    """One published aggregate: what it measures, for which years and firms, and its source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: Text
    kind: Kind
    cost_types: list[Literal["administrative", "substantive", "financial"]]
    year: int = Field(ge=1990, le=2100)
    unit: str
    source: str
    classes: list[SizeClassValue] = Field(default_factory=list)
    value: float | None = None
    low: float | None = None
    high: float | None = None
    ratio: float | None = Field(default=None, description="first class / last class, as published")
    note: Text
    developer_note: str | None = None


class CoverageItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: Text
    note: Text
    developer_note: str | None = None


class Coverage(BaseModel):
    """What the catalogue covers, what it leaves out, and explanations of known gaps."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    covered: list[CoverageItem]
    not_covered: list[CoverageItem]
    explanations: list[CoverageItem] = Field(default_factory=list)

    def explanation(self, item_id: str) -> CoverageItem | None:
        return next((e for e in self.explanations if e.id == item_id), None)


def load_published(data_dir: Path = CALIBRATION_DIR) -> list[PublishedFigure]:
    raw = load_yaml(data_dir / "published_aggregates.yaml")
    return [PublishedFigure.model_validate(item) for item in raw]


def load_coverage(data_dir: Path = CALIBRATION_DIR) -> Coverage:
    return Coverage.model_validate(load_yaml(data_dir / "coverage.yaml"))


@dataclass(frozen=True)
class ModelPoint:
    """The model's yearly burden for one representative firm."""

    employees: int
    administrative_eur: float
    substantive_eur: float
    financial_eur: float
    obligations: int

    @property
    def administrative_per_employee(self) -> float:
        return self.administrative_eur / self.employees

    @property
    def regeldruk_per_employee(self) -> float:
        """Administrative burden plus substantive compliance costs (Handboek definition)."""
        return (self.administrative_eur + self.substantive_eur) / self.employees

    @property
    def financial_per_employee(self) -> float:
        return self.financial_eur / self.employees


@dataclass(frozen=True)
class ClassAverages:
    """Employee-weighted burden per employee of two size classes of a population."""

    small: tuple[int, int]
    larger: tuple[int, int]
    administrative: tuple[float, float]
    regeldruk: tuple[float, float]
    share_small: float  # share of all administrative burden borne by firms < 10 employees
    share_large: float  # … and by firms with 100 or more employees

    @property
    def administrative_ratio(self) -> float:
        return self.administrative[0] / self.administrative[1]

    @property
    def regeldruk_ratio(self) -> float:
        return self.regeldruk[0] / self.regeldruk[1]


@dataclass(frozen=True)
class Calibration:
    date: dt.date
    points: list[ModelPoint]
    published: list[PublishedFigure]
    coverage: Coverage
    classes: ClassAverages | None = None

    def point(self, employees: int) -> ModelPoint:
        return next(p for p in self.points if p.employees == employees)

    def ratio(
        self,
        small: int = SMALL_FIRM,
        larger: int = LARGER_FIRM,
        measure: Literal["administrative", "regeldruk"] = "administrative",
    ) -> float:
        """Burden per employee of the small firm divided by that of the larger one."""
        a, b = self.point(small), self.point(larger)
        if measure == "administrative":
            return a.administrative_per_employee / b.administrative_per_employee
        return a.regeldruk_per_employee / b.regeldruk_per_employee

    def published_ratios(self) -> dict[str, float]:
        return {f.id: f.ratio for f in self.published if f.id in RATIO_FIGURES and f.ratio}

    def published_range(self) -> tuple[float, float]:
        ratios = list(self.published_ratios().values())
        return min(ratios), max(ratios)

    def within_published_range(self, ratio: float) -> bool:
        low, high = self.published_range()
        return low <= ratio <= high

    def table(self, lang: Literal["nl", "en"] = "nl") -> pd.DataFrame:
        """Per representative firm: € and € per employee by cost type (for a page or sheet)."""
        nl = lang == "nl"
        return pd.DataFrame(
            {
                "werknemers" if nl else "employees": [p.employees for p in self.points],
                "verplichtingen" if nl else "obligations": [p.obligations for p in self.points],
                "administratieve lasten" if nl else "administrative burden": [
                    p.administrative_eur for p in self.points
                ],
                "administratieve lasten per werknemer"
                if nl
                else "administrative burden per employee": [
                    p.administrative_per_employee for p in self.points
                ],
                "regeldruk per werknemer" if nl else "regulatory burden per employee": [
                    p.regeldruk_per_employee for p in self.points
                ],
                "financiële lasten per werknemer" if nl else "financial costs per employee": [
                    p.financial_per_employee for p in self.points
                ],
            }
        )


def representative_points(
    engine: Engine,
    date: dt.date,
    sizes: tuple[int, ...] = REPRESENTATIVE_SIZES,
    profile: dict[str, object] | None = None,
) -> list[ModelPoint]:
    """Evaluate one firm per size with the profile defaults (or ``profile`` fields) otherwise."""
    columns: dict[str, list[object]] = {"employees": list(sizes)}
    for name, value in (profile or {}).items():
        columns[name] = [value] * len(sizes)
    frame = pd.DataFrame(columns)
    ev = engine.evaluate(frame, date)
    by_type = ev.firm_cost_by_type()
    obligations = ev.firm_totals()["obligations_now"].to_numpy()
    return [
        ModelPoint(
            employees=int(size),
            administrative_eur=float(by_type["administrative_now"].iloc[i]),
            substantive_eur=float(by_type["substantive_now"].iloc[i]),
            financial_eur=float(by_type["financial_now"].iloc[i]),
            obligations=int(obligations[i]),
        )
        for i, size in enumerate(sizes)
    ]


def class_averages(
    engine: Engine,
    date: dt.date,
    population: Population,
    small: tuple[int, int] = SMALL_CLASS,
    larger: tuple[int, int] = LARGER_CLASS,
) -> ClassAverages:
    """Employee-weighted burden per employee of two size classes, as published figures are.

    Also the share of the population's administrative burden borne by firms with fewer than
    10 employees and with 100 or more (EIM put these at 79% and 7% for 2002)."""
    ev = engine.evaluate(population.frame, date)
    by_type = ev.firm_cost_by_type()
    w = ev.weights
    employees = np.asarray(population.frame["employees"], dtype=np.float64)
    admin = by_type["administrative_now"].to_numpy()
    regeldruk = admin + by_type["substantive_now"].to_numpy()

    def per_employee(values: np.ndarray, bounds: tuple[int, int]) -> float:
        mask = (employees >= bounds[0]) & (employees <= bounds[1])
        return float((w * values * mask).sum() / (w * employees * mask).sum())

    total = float((w * admin).sum())
    return ClassAverages(
        small=small,
        larger=larger,
        administrative=(per_employee(admin, small), per_employee(admin, larger)),
        regeldruk=(per_employee(regeldruk, small), per_employee(regeldruk, larger)),
        share_small=float((w * admin * (employees < 10)).sum() / total),
        share_large=float((w * admin * (employees >= 100)).sum() / total),
    )


def calibrate(
    engine: Engine,
    date: dt.date,
    *,
    sizes: tuple[int, ...] = REPRESENTATIVE_SIZES,
    profile: dict[str, object] | None = None,
    population: Population | None = None,
    data_dir: Path = CALIBRATION_DIR,
) -> Calibration:
    """The model's burden by size next to the published aggregates.

    ``population`` (e.g. ``build_population("nl", engine)``) adds the class averages and
    shares; without it only the representative firms are evaluated.
    """
    sizes = tuple(sorted(set(sizes) | {SMALL_FIRM, LARGER_FIRM}))
    return Calibration(
        date=date,
        points=representative_points(engine, date, sizes, profile),
        published=load_published(data_dir),
        coverage=load_coverage(data_dir),
        classes=None if population is None else class_averages(engine, date, population),
    )
