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
    """Where a figure comes from: a cited source, or an assumption with its rationale."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str | None = Field(default=None, description="id in data/sources.yaml")
    note: str | None = Field(default=None, description="page, table or derivation")
    assumption: str | None = Field(default=None, description="rationale when no source exists")

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
    year: int = Field(ge=2000, le=2100)
    basis: Basis


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
    basis: Basis
    by_section: dict[str, float] = Field(default_factory=dict)

    def for_section(self, section: str | None) -> float:
        if section and section in self.by_section:
            return self.by_section[section]
        return self.value


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
