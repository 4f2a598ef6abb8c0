"""Scenarios: proposals as overlays on the base rules ("rule X, except for firms ≤ N").

A scenario never edits a rule.  It names a threshold (measure, value, inclusive), a scope
(domains, ministries, national vs EU-derived), a default treatment for in-scope rules and
per-rule treatments: ``exempt``, ``lighter`` (a factor, or per-activity reductions) or
``unchanged`` with its reason.  Because a lighter variant can only lower the numbers of an
existing activity and an exemption can only remove a rule, a scenario cannot add burden;
:mod:`checker.catalogue` enforces the structural part, the property tests the rest.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from checker.bilingual import Text


class Threshold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    measure: str = "employees"
    value: float = Field(ge=0)
    inclusive: bool = True

    def describe(self, lang: str = "nl") -> str:
        sign = "≤" if self.inclusive else "<"
        return f"{sign} {self.value:g}"


class Scope(BaseModel):
    """Which rules the default treatment reaches.  Empty lists mean: no restriction."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    domains: list[str] = Field(default_factory=list)
    ministries: list[str] = Field(default_factory=list)
    include_eu_derived: bool = False
    cost_types: list[Literal["administrative", "substantive", "financial"]] = Field(
        default_factory=list
    )


class Transfer(BaseModel):
    """Who pays a removed cost instead of the firm.

    Dropping the second year of sick pay does not make the cost disappear: UWV pays it,
    financed by a premium.  ``share`` is the part of the removed amount that moves to
    ``to`` rather than being saved, so a report can show "verschuift naar UWV (premie)"
    apart from the real saving instead of counting it as one.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    to: Text
    share: float = Field(default=1.0, ge=0, le=1)
    rationale: Text


class ActivityChange(BaseModel):
    """A reduction of one base activity; values may only go down (or the line is dropped)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    drop: bool = False
    hours: float | None = Field(default=None, ge=0)
    external_eur: float | None = Field(default=None, ge=0)
    frequency: float | None = Field(default=None, gt=0)
    transfer: Transfer | None = Field(
        default=None, description="the removed cost is paid by someone else, not saved"
    )


class Treatment(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    treatment: Literal["exempt", "lighter", "unchanged"]
    factor: float | None = Field(default=None, ge=0, le=1)
    activities: dict[str, ActivityChange] = Field(default_factory=dict)
    rationale: Text

    @model_validator(mode="after")
    def _shape(self) -> Treatment:
        if self.treatment == "lighter":
            if self.factor is None and not self.activities:
                raise ValueError("'lighter' needs a factor (0–1) or activity changes")
            if self.factor is not None and self.activities:
                raise ValueError("'lighter' takes either a factor or activity changes, not both")
        elif self.factor is not None or self.activities:
            raise ValueError(f"'{self.treatment}' takes no factor or activity changes")
        return self


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: Text
    description: Text
    variant: Literal["default", "conservative", "maximal", "other"] = "other"
    family: str | None = Field(
        default=None, description="scenarios giving one range share a family"
    )
    threshold: Threshold
    scope: Scope = Field(default_factory=Scope)
    default_treatment: Literal["exempt", "lighter", "unchanged"] = "exempt"
    default_factor: float | None = Field(default=None, ge=0, le=1)
    default_rationale: Text
    treatments: dict[str, Treatment] = Field(default_factory=dict)
    sources: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _default_shape(self) -> Scenario:
        if self.default_treatment == "lighter" and self.default_factor is None:
            raise ValueError("default_treatment 'lighter' needs default_factor")
        if self.default_treatment != "lighter" and self.default_factor is not None:
            raise ValueError("default_factor only goes with default_treatment 'lighter'")
        return self

    def with_threshold(
        self, value: float | None = None, measure: str | None = None, inclusive: bool | None = None
    ) -> Scenario:
        """The same overlay at another threshold (a parameter, not a copied file)."""
        if value is None and measure is None and inclusive is None:
            return self
        th = self.threshold.model_copy(
            update={
                k: v
                for k, v in (("value", value), ("measure", measure), ("inclusive", inclusive))
                if v is not None
            }
        )
        suffix = f"@{th.measure}" if measure and measure != self.threshold.measure else ""
        new_id = f"{self.id}@{th.value:g}{suffix}" if (value is not None or suffix) else self.id
        return self.model_copy(
            update={"threshold": Threshold.model_validate(th.model_dump()), "id": new_id}
        )
