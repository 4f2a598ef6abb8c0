"""Reference data that the burden model and the profile defaults rely on.

Every number here is either backed by a source from ``data/sources.yaml`` or explicitly an
assumption with a written rationale.  That split is what lets a policy officer defend a
figure in front of a ministry, and lets a user see which figures are ours to change.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from checker.bilingual import Text


class Basis(BaseModel):
    """Where a figure comes from: a cited source, or an assumption with its rationale.

    ``note`` and ``assumption`` are for developers (derivations, pages, tables) and are never
    shown to users; ``rationale`` is the short text a reader sees next to the figure and its
    range, in Dutch and English.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str | None = Field(default=None, description="id in data/sources/*.yaml")
    note: str | None = Field(default=None, description="developer note: page, table, derivation")
    assumption: str | None = Field(
        default=None, description="developer rationale when no source exists"
    )
    rationale: Text | None = Field(
        default=None, description="what a reader sees: why this figure and this range"
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Basis:
        if (self.source is None) == (self.assumption is None):
            raise ValueError("give either 'source' (a source id) or 'assumption' (a rationale)")
        if self.assumption is not None and len(self.assumption.strip()) < 15:
            raise ValueError("an assumption needs a rationale of at least 15 characters")
        return self

    @property
    def is_assumption(self) -> bool:
        return self.assumption is not None

    def describe(self) -> str:
        if self.assumption is not None:
            return f"aanname: {self.assumption}"
        return f"{self.source}" + (f" ({self.note})" if self.note else "")


class Spread(BaseModel):
    """A low–high range around a central figure (the uncertainty a reader should see)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    low: float = Field(ge=0)
    high: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Spread:
        if self.low > self.high:
            raise ValueError(f"low {self.low:g} is above high {self.high:g}")
        return self

    def around(self, central: float) -> tuple[float, float, float]:
        if not self.low - 1e-12 <= central <= self.high + 1e-12:
            raise ValueError(f"{central:g} lies outside its range {self.low:g}–{self.high:g}")
        return self.low, central, self.high


class Source(BaseModel):
    """A document cited by rules, rates, tariffs or population data."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    url: str
    publisher: str | None = None
    date: str | None = None
    kind: Literal["law", "official", "statistics", "research", "secondary", "eu"] = "secondary"
    note: str | None = None


class Tariff(BaseModel):
    """An hourly tariff class of the Standard Cost Model (euros per hour)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: Text
    eur_per_hour: float = Field(gt=0, lt=1000)
    low: float | None = Field(default=None, gt=0, lt=1000)
    high: float | None = Field(default=None, gt=0, lt=1000)
    year: int = Field(ge=2000, le=2100)
    basis: Basis

    @model_validator(mode="after")
    def _in_range(self) -> Tariff:
        _check_range(self.low, self.eur_per_hour, self.high)
        return self

    @property
    def spread(self) -> tuple[float, float, float]:
        """(low, central, high); a figure without a range has none."""
        return _spread(self.low, self.eur_per_hour, self.high)


class SizeValue(BaseModel):
    """A rate's value for one size class (e.g. absence by company size, CBS)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_employees: int = Field(ge=0)
    value: float = Field(ge=0)


class Rate(BaseModel):
    """A driver rate or ratio (e.g. long-term sick cases per employee per year).

    ``by_section`` overrides the value for an SBI section letter (A–U), because many
    ratios (wages, turnover) differ strongly between industry and the rest of the economy.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: Text
    value: float = Field(ge=0)
    unit: str
    year: int = Field(ge=1990, le=2100)
    low: float | None = Field(default=None, ge=0)
    high: float | None = Field(default=None, ge=0)
    basis: Basis
    by_section: dict[str, float] = Field(default_factory=dict)
    by_size: list[SizeValue] = Field(
        default_factory=list,
        description="values by size class (employees from min_employees up to the next class)",
    )

    @model_validator(mode="after")
    def _checks(self) -> Rate:
        _check_range(self.low, self.value, self.high)
        mins = [s.min_employees for s in self.by_size]
        if mins != sorted(mins) or len(set(mins)) != len(mins):
            raise ValueError("by_size classes must be in increasing min_employees order")
        if self.by_size and mins[0] != 0:
            raise ValueError("by_size must start at min_employees 0")
        return self

    @property
    def spread(self) -> tuple[float, float, float]:
        return _spread(self.low, self.value, self.high)


def _check_range(low: float | None, value: float, high: float | None) -> None:
    if (low is None) != (high is None):
        raise ValueError("give both low and high, or neither")
    if low is not None and high is not None and not low - 1e-12 <= value <= high + 1e-12:
        raise ValueError(f"value {value:g} lies outside its range {low:g}–{high:g}")


def _spread(low: float | None, value: float, high: float | None) -> tuple[float, float, float]:
    return (value if low is None else low, value, value if high is None else high)


class DatedValue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    valid_from: dt.date
    value: float
    basis: Basis


class Parameter(BaseModel):
    """A legal amount that changes over time (e.g. the Whk small-employer wage-bill limit)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: Text
    unit: str
    values: list[DatedValue] = Field(min_length=1)

    @model_validator(mode="after")
    def _sorted_unique(self) -> Parameter:
        dates = [v.valid_from for v in self.values]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError("values must be in increasing valid_from order without duplicates")
        return self

    def value_on(self, date: dt.date) -> float | None:
        """The value in force on ``date`` (None before the first value)."""
        current: float | None = None
        for item in self.values:
            if item.valid_from <= date:
                current = item.value
        return current

    def entry_on(self, date: dt.date) -> DatedValue | None:
        current: DatedValue | None = None
        for item in self.values:
            if item.valid_from <= date:
                current = item
        return current
