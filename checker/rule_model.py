"""The rule catalogue schema: obligations, their legal basis, conditions and SCM activities.

These pydantic models are the contract for every YAML file under ``rules/``.  Unknown keys
are rejected, so a typo can never silently drop a condition or a cost line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from checker.bilingual import Text
from checker.conditions import Condition
from checker.reference_data import Basis, Spread

Domain = Literal[
    "arbo",
    "verzuim",
    "ontslag",
    "medezeggenschap",
    "gelijke_kansen",
    "premies",
    "ondernemingsrecht",
    "duurzaamheid",
    "energie",
    "privacy_cyber",
    "fiscaal",
]
DOMAINS: tuple[str, ...] = Domain.__args__  # type: ignore[attr-defined]
Ministry = Literal["SZW", "JenV", "Fin", "KGG", "EZ", "IenW", "BZK", "VWS", "LVVN", "BHO"]

Driver = Literal[
    "firm",
    "employee",
    "hire",
    "dismissal",
    "sick_case_6w",
    "sick_case_1y",
    "sick_case_2y",
    "wage_bill_eur",
    "sick_wage_eur",
]
DRIVERS: tuple[str, ...] = Driver.__args__  # type: ignore[attr-defined]
# The profile column that gives the yearly quantity of each driver.
DRIVER_COLUMNS: dict[str, str | None] = {
    "firm": None,
    "employee": "employees",
    "hire": "hires_per_year",
    "dismissal": "dismissals_per_year",
    "sick_case_6w": "sick_cases_6w_per_year",
    "sick_case_1y": "sick_cases_1y_per_year",
    "sick_case_2y": "sick_cases_2y_per_year",
    "wage_bill_eur": "wage_bill_eur",
    "sick_wage_eur": "sick_wage_eur",
}

CostType = Literal["administrative", "substantive", "financial"]

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_BWB_RE = re.compile(r"^BWBR\d{7}$")
_CELEX_RE = re.compile(r"^3\d{4}[A-Z]\d{4}$")


_OFFICIAL_URLS = (
    "https://wetten.overheid.nl/",
    "https://eur-lex.europa.eu/",
    "https://zoek.officielebekendmakingen.nl/",
    "https://www.tweedekamer.nl/",
    "https://www.eerstekamer.nl/",
)


def _official_url(v: str) -> str:
    if not v.startswith(_OFFICIAL_URLS):
        raise ValueError(
            "url must be a wetten.overheid.nl, EUR-Lex, officielebekendmakingen or parliament link"
        )
    return v


class LegalBasis(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    law: str = Field(min_length=3)
    article: str = Field(min_length=2, description="article and lid, e.g. 'art. 14 lid 1 sub a'")
    bwb_id: str | None = None
    celex: str | None = None
    url: str

    @field_validator("bwb_id")
    @classmethod
    def _bwb(cls, v: str | None) -> str | None:
        if v is not None and not _BWB_RE.match(v):
            raise ValueError(f"'{v}' is not a BWB id (BWBR + 7 digits)")
        return v

    @field_validator("celex")
    @classmethod
    def _celex(cls, v: str | None) -> str | None:
        if v is not None and not _CELEX_RE.match(v):
            raise ValueError(f"'{v}' is not a CELEX number such as 32023L0970")
        return v

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return _official_url(v)

    @model_validator(mode="after")
    def _has_id(self) -> LegalBasis:
        if (
            self.bwb_id is None
            and self.celex is None
            and "officielebekendmakingen" not in self.url
            and "kamer.nl" not in self.url
        ):
            raise ValueError("give bwb_id (national law) or celex (EU law)")
        return self


class Confidence(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    level: Literal["verified", "to_verify"]
    note: str = Field(min_length=10)
    sources: list[str] = Field(default_factory=list, description="source ids")


class Workability(BaseModel):
    """Werkbaarheid as in the MKB-indicatorbedrijven method: 1 good … 4 not workable."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    grade: int = Field(ge=1, le=4)
    basis: Basis


class ActivityRange(BaseModel):
    """The spread of an activity's figures; a figure without one is treated as exact."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hours: Spread | None = None
    external_eur: Spread | None = None
    frequency: Spread | None = None

    @field_validator("hours", "external_eur", "frequency", mode="before")
    @classmethod
    def _pair(cls, value: object) -> object:
        if isinstance(value, list | tuple) and len(value) == 2:
            return {"low": value[0], "high": value[1]}
        return value


class Activity(BaseModel):
    """One Standard Cost Model line: hours × tariff (+ external €) × frequency × driver."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: Text
    hours: float = Field(ge=0, le=10_000, description="internal hours per occurrence")
    tariff: str | None = Field(default=None, description="tariff class id in data/tariffs.yaml")
    external_eur: float = Field(
        default=0.0, ge=0, le=10_000_000, description="out-of-pocket € per occurrence"
    )
    driver: Driver
    frequency: float = Field(
        gt=0, le=10_000, description="occurrences per driver unit (per year unless one_off)"
    )
    one_off: bool = False
    cost_type: CostType
    basis: Basis
    range: ActivityRange | None = Field(
        default=None, description="low–high around hours, external_eur and frequency"
    )

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID_RE.match(v):
            raise ValueError("activity id must be lower_snake_case")
        return v

    @model_validator(mode="after")
    def _tariff_needed(self) -> Activity:
        if self.hours > 0 and self.tariff is None:
            raise ValueError("an activity with hours needs a tariff class")
        if self.hours == 0 and self.external_eur == 0:
            raise ValueError("an activity needs hours or external_eur (or both)")
        if self.range is not None:
            for name in ("hours", "external_eur", "frequency"):
                spread = getattr(self.range, name)
                if spread is not None:
                    spread.around(getattr(self, name))
        return self

    def spread(self, name: str) -> tuple[float, float, float]:
        """(low, central, high) of 'hours', 'external_eur' or 'frequency'."""
        central = float(getattr(self, name))
        spread = getattr(self.range, name) if self.range is not None else None
        return (central, central, central) if spread is None else spread.around(central)


Status = Literal["in_force", "adopted", "bill", "eu_not_transposed"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
# Covered period: any date from this day on gives the law as it stood then.
COVERED_FROM = dt.date(2020, 1, 1)


class LegislativeRef(BaseModel):
    """Where a bill or an adopted act stands: the parliamentary or Staatsblad reference."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reference: str = Field(min_length=5, description="e.g. 'Kamerstukken II 36 869'")
    url: str
    # When the act became public: the date an EU act was adopted (the date in its title) or a
    # bill was sent to parliament.  Before it, nothing was announced, so nothing is pending.
    announced: dt.date | None = None
    stage: Text | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, v: str) -> str:
        return _official_url(v)


class RuleException(BaseModel):
    """A provision that lifts the rule for some firms (Catala's 'exception' to a base rule).

    The base rule (``applies_when``) and each exception live in one place, so the trace can
    say which article made the difference ("uitzondering geldt: art. 14 lid 12 sub b").
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    article: str = Field(min_length=2)
    label: Text
    when: Condition
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID_RE.match(v):
            raise ValueError("exception id must be lower_snake_case")
        return v

    def valid_on(self, date: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and (
            self.valid_until is None or date <= self.valid_until
        )


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str
    kind: Literal["obligation", "relief", "classification"] = "obligation"
    title: Text
    summary: Text
    domain: Domain
    ministry: Ministry
    legal_basis: LegalBasis
    eu_derived: bool
    eu_basis: str | None = Field(
        default=None, description="EU act when eu_derived, e.g. 'Richtlijn (EU) 2019/1937'"
    )
    status: Status = "in_force"
    legislative_ref: LegislativeRef | None = None
    lineage: str | None = Field(
        default=None, description="versions of one obligation over time share a lineage"
    )
    eu_fixed: bool = Field(
        default=False, description="the EU act leaves no room for a small-firm exemption"
    )
    valid_from: dt.date
    valid_until: dt.date | None = None
    confidence: Confidence
    applies_when: Condition
    exceptions: list[RuleException] = Field(default_factory=list)
    threshold_note: Text | None = Field(
        default=None, description="how the threshold is counted, in plain words"
    )
    safety_related: bool = False
    workability: Workability | None = None
    activities: list[Activity] = Field(default_factory=list)
    burden_note: Text | None = None
    sources: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID_RE.match(v):
            raise ValueError("rule id must be lower_snake_case")
        return v

    @model_validator(mode="after")
    def _checks(self) -> Rule:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError(
                f"valid_until {self.valid_until} is before valid_from {self.valid_from}"
            )
        if self.eu_derived and not self.eu_basis:
            raise ValueError("eu_derived rules must name their eu_basis")
        ids = [a.id for a in self.activities]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate activity ids: {', '.join(dupes)}")
        if self.kind != "obligation" and self.activities:
            raise ValueError(f"a {self.kind} carries no burden activities")
        if self.status != "in_force" and (
            self.legislative_ref is None or self.legislative_ref.announced is None
        ):
            raise ValueError(
                f"a rule with status '{self.status}' needs its legislative_ref with the date "
                "it was announced"
            )
        if self.eu_fixed and not self.eu_derived:
            raise ValueError("eu_fixed only applies to eu_derived rules")
        exception_ids = [e.id for e in self.exceptions]
        if len(set(exception_ids)) != len(exception_ids):
            raise ValueError("duplicate exception ids")
        return self

    @property
    def lineage_id(self) -> str:
        return self.lineage or self.id

    def valid_on(self, date: dt.date) -> bool:
        return self.valid_from <= date and (self.valid_until is None or date <= self.valid_until)

    def exceptions_on(self, date: dt.date) -> list[RuleException]:
        return [e for e in self.exceptions if e.valid_on(date)]

    def counts_as_law(self, date: dt.date) -> bool:
        """In force on ``date``: a bill or an untransposed directive never is."""
        return self.status in ("in_force", "adopted") and self.valid_on(date)

    def pending_on(self, date: dt.date) -> bool:
        """Announced but not law on ``date``: a bill, an untransposed directive, or an
        adopted act before its start; never one whose validity has ended, and never before it
        was announced (on 1 January 2020 nobody knew of a bill sent to parliament in 2025)."""
        if self.valid_until is not None and date > self.valid_until:
            return False
        ref = self.legislative_ref
        if ref is not None and ref.announced is not None and date < ref.announced:
            return False
        if self.status in ("bill", "eu_not_transposed"):
            return True
        return self.status == "adopted" and date < self.valid_from


class Definition(BaseModel):
    """A named, reusable condition (e.g. the jaarrekening size classes)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: Text
    legal_basis: LegalBasis | None = None
    condition: Condition


class Omission(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: Text
    reason: Text


class RuleFile(BaseModel):
    """The top level of a file under rules/ (except scenarios)."""

    model_config = ConfigDict(extra="forbid")

    rules: list[Rule] = Field(default_factory=list)
    definitions: list[Definition] = Field(default_factory=list)
    omissions: list[Omission] = Field(default_factory=list)
