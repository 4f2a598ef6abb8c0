"""Proposals ("scenarios") as validated, serialisable data: a diff on the law, never code.

A proposal never edits a rule.  It says, for firms inside a threshold, which rules become
exempt or lighter (by default, per domain, per rule), may move a law's own threshold
(``law_changes``), may phase its relief out above the threshold instead of a hard cliff
(``phase_in``), and may take effect in steps (``steps``).  Because a lighter variant can only
lower the figures of an existing activity, an exemption can only remove a rule and a law
change can only narrow where a rule applies, a proposal can never add burden;
:mod:`checker.catalogue` checks the structure, the property tests the rest.

:class:`Threshold` owns the one interpretation of "≤ 25" / "< 25" used everywhere.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from checker.bilingual import Lang, Text
from checker.parsing.numbers import plain_number

# The proposal the app, the CLI and the API use unless told otherwise.
DEFAULT_SCENARIO = "metaalunie-25"

TreatmentKind = Literal["exempt", "lighter", "unchanged"]
MAX_GRACE_YEARS = 3


def _finite(value: float) -> float:
    if isinstance(value, bool) or not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


def _number_words(value: float, lang: Lang) -> str:
    """A threshold as a reader writes it: 25, 1.000.000 (nl) / 1,000,000 (en), 2,5 / 2.5."""
    from checker.i18n import fmt_number

    decimals = 0 if float(value).is_integer() else 2
    return (
        fmt_number(value, lang, decimals=decimals).rstrip("0").rstrip(",.")
        if decimals
        else (fmt_number(value, lang))
    )


def _not_bool(value: Any) -> Any:
    """YAML ``true`` is not the number 1: a threshold must be written as a number."""
    if isinstance(value, bool):
        raise ValueError("must be a number, not true/false")
    return value


# A finite number that is not a boolean (YAML ``true`` or ``.nan`` is refused with a message).
Number = Annotated[float, BeforeValidator(_not_bool), AfterValidator(_finite)]

# The largest threshold any proposal may have, on any measure: a threshold may be in euros
# (turnover, balance total), so the bound is an amount, far above any count of people.  The
# file, an 'id@N' reference, the CLI and the builder all use this one bound.
MAX_THRESHOLD = 1e12


class Threshold(BaseModel):
    """Firms with ``measure ≤ value`` (inclusive) or ``measure < value`` are inside."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    measure: str = "employees"
    value: Number = Field(ge=0, le=MAX_THRESHOLD)
    inclusive: bool = True

    def contains(self, values: Any) -> np.ndarray:
        """Which values lie inside the threshold (NaN is outside)."""
        arr = np.asarray(values, dtype=np.float64)
        return np.asarray(arr <= self.value if self.inclusive else arr < self.value)

    def first_outside(self) -> int:
        """The smallest whole count outside: 26 for '≤ 25', 25 for '< 25'."""
        if self.inclusive:
            return math.floor(self.value) + 1
        return math.ceil(self.value)

    def last_inside(self) -> int:
        return self.first_outside() - 1

    def symbol(self, inside: bool = True) -> str:
        if inside:
            return "≤" if self.inclusive else "<"
        return ">" if self.inclusive else "≥"

    def describe(self, lang: Lang = "nl") -> str:
        """'≤ 25', or '≤ € 12.000.000' for a threshold in euros (turnover, balance total)."""
        from checker.measures import MEASURES

        measure = MEASURES.get(self.measure)
        euro = "€\u00a0" if measure is not None and measure.unit == "eur" else ""
        return f"{self.symbol()} {euro}{_number_words(self.value, lang)}"

    def with_value(self, value: float) -> Threshold:
        return Threshold(measure=self.measure, value=value, inclusive=self.inclusive)


class ThresholdOverride(BaseModel):
    """A per-domain or per-rule threshold: only the keys given replace the proposal's."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    measure: str | None = None
    value: Number | None = Field(default=None, ge=0, le=MAX_THRESHOLD)
    inclusive: bool | None = None

    def apply(self, base: Threshold) -> Threshold:
        return Threshold(
            measure=self.measure or base.measure,
            value=base.value if self.value is None else self.value,
            inclusive=base.inclusive if self.inclusive is None else self.inclusive,
        )


class PhaseIn(BaseModel):
    """An ingroeiregeling: relief fades out above the threshold instead of stopping at once.

    * ``linear``: full relief up to the threshold, none from ``until`` on, linear in between.
    * ``grace``: a firm keeps the relief for ``years`` years after it crosses the threshold
      (as BW 2:396 keeps a size class until two balance dates in a row are on the other side);
      read from the firm's headcount in earlier years.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["linear", "grace"]
    until: Number | None = Field(default=None, ge=0, le=MAX_THRESHOLD)
    years: int | None = Field(default=None, ge=1, le=MAX_GRACE_YEARS)

    @model_validator(mode="after")
    def _shape(self) -> PhaseIn:
        if self.kind == "linear" and (self.until is None or self.years is not None):
            raise ValueError("a linear phase-in needs 'until' (the size where relief ends)")
        if self.kind == "grace" and (self.years is None or self.until is not None):
            raise ValueError(f"a grace period needs 'years' (1 to {MAX_GRACE_YEARS})")
        return self

    def describe(self, lang: Lang = "nl") -> str:
        if self.kind == "linear":
            until = _number_words(self.until or 0.0, lang)
            return (
                f"ingroeiregeling: lineair afnemend tot {until}"
                if lang == "nl"
                else f"phase-in: tapering off linearly up to {until}"
            )
        return (
            f"ingroeiregeling: {self.years} jaar behoud na overschrijding"
            if lang == "nl"
            else f"phase-in: relief kept for {self.years} years after crossing"
        )


class Step(BaseModel):
    """From this date the proposal's default threshold has this value."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: dt.date = Field(alias="from")
    value: Number = Field(ge=0, le=MAX_THRESHOLD)


class Scope(BaseModel):
    """Which rules the default treatment reaches.  Empty lists mean: no restriction."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    domains: list[str] = Field(default_factory=list)
    ministries: list[str] = Field(default_factory=list)
    include_eu_derived: bool = False
    eu_room: Text | None = Field(
        default=None, description="the EU provisions that leave room, when EU rules are in scope"
    )
    cost_types: list[Literal["administrative", "substantive", "financial"]] = Field(
        default_factory=list
    )

    @model_validator(mode="after")
    def _eu(self) -> Scope:
        if self.include_eu_derived and self.eu_room is None:
            raise ValueError("include_eu_derived needs eu_room: which EU provisions leave room")
        return self


class Transfer(BaseModel):
    """Who pays a removed cost instead of the firm.

    Dropping the second year of sick pay does not make the cost disappear: UWV pays it,
    financed by a premium.  ``share`` is the part of the removed amount that moves to
    ``to``, so a report can show "verschuift naar UWV (premie)" apart from the real saving
    instead of counting it as one.  For a financial cost the rest moves to unnamed others
    (it never disappears); for regeldruk the rest is saved.
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


class _TreatmentBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    treatment: TreatmentKind
    factor: Number | None = Field(default=None, ge=0, le=1)
    rationale: Text
    threshold: ThresholdOverride | None = None
    eu_room: Text | None = Field(
        default=None, description="the EU provision that leaves room for this treatment"
    )


class Treatment(_TreatmentBase):
    """How a proposal treats one rule (wins over the domain and the default)."""

    activities: dict[str, ActivityChange] = Field(default_factory=dict)

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


class DomainTreatment(_TreatmentBase):
    """How a proposal treats the rules of one domain (wins over the default)."""

    @model_validator(mode="after")
    def _shape(self) -> DomainTreatment:
        if self.treatment == "lighter" and self.factor is None:
            raise ValueError("'lighter' needs a factor (0–1)")
        if self.treatment != "lighter" and self.factor is not None:
            raise ValueError(f"'{self.treatment}' takes no factor")
        return self


class LawChange(BaseModel):
    """Move a law's own threshold (e.g. the works council from 50 to 75 persons).

    Every numeric test on ``measure`` with value ``from`` in the rule (its base condition and
    its exceptions) gets value ``to``.  Where the rule applied before and no longer does, it
    is lifted; a law change can only narrow a rule, never widen it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    rule: str
    measure: str
    from_: Number = Field(alias="from")
    to: Number
    rationale: Text


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=80)
    name: Text | None = Field(
        default=None, description="short name without the threshold, e.g. 'Metaalunie-voorstel'"
    )
    title: Text
    description: Text
    variant: Literal["default", "conservative", "maximal", "other"] = "other"
    family: str | None = Field(
        default=None, description="scenarios giving one range share a family"
    )
    threshold: Threshold
    phase_in: PhaseIn | None = None
    steps: list[Step] = Field(default_factory=list)
    scope: Scope = Field(default_factory=Scope)
    default_treatment: TreatmentKind = "exempt"
    default_factor: float | None = Field(default=None, ge=0, le=1)
    default_rationale: Text
    domains: dict[str, DomainTreatment] = Field(default_factory=dict)
    treatments: dict[str, Treatment] = Field(default_factory=dict)
    law_changes: list[LawChange] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _shape(self) -> Scenario:
        if self.default_treatment == "lighter" and self.default_factor is None:
            raise ValueError("default_treatment 'lighter' needs default_factor")
        if self.default_treatment != "lighter" and self.default_factor is not None:
            raise ValueError("default_factor only goes with default_treatment 'lighter'")
        dates = [s.from_ for s in self.steps]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError("steps must be in increasing date order without duplicates")
        if (
            self.phase_in is not None
            and self.phase_in.kind == "linear"
            and self.phase_in.until is not None
        ):
            highest = max([self.threshold.value, *(s.value for s in self.steps)])
            if self.phase_in.until <= highest:
                raise ValueError(
                    f"phase_in.until ({self.phase_in.until:g}) must lie above the threshold "
                    f"({highest:g})"
                )
        return self

    # -- when and where ------------------------------------------------------------------------
    def effective_from(self) -> dt.date | None:
        return self.steps[0].from_ if self.steps else None

    def in_effect(self, date: dt.date) -> bool:
        first = self.effective_from()
        return first is None or date >= first

    def threshold_on(self, date: dt.date) -> Threshold:
        """The default threshold in force on ``date`` (the last step that has started)."""
        value = self.threshold.value
        for step in self.steps:
            if step.from_ <= date:
                value = step.value
        return self.threshold.with_value(value)

    def _retitled(self, new: Threshold) -> tuple[Text, Text]:
        """Title and description naming the new threshold wherever the old one stood.

        ``metaalunie-25`` at 50 must not keep "… tot en met 25 werknemers": a document with
        that title and a threshold of 50 would say two different things.  Counted in another
        measure the title is rewritten whole (its wording names the old measure's unit).
        """
        from checker.measures import MEASURES

        old = self.threshold
        if (old.value, old.measure) == (new.value, new.measure):
            return self.title, self.description
        titles: dict[str, str] = {}
        descriptions: dict[str, str] = {}
        for lang in ("nl", "en"):
            lg: Lang = "nl" if lang == "nl" else "en"
            value, before = _number_words(new.value, lg), _number_words(old.value, lg)
            if new.measure != old.measure and new.measure in MEASURES:
                label = MEASURES[new.measure].label.get(lg)
                what = f"{label} {new.describe(lg)}"
                note = (
                    f"drempel aangepast: {what}; het voorstel zelf: {old.describe(lg)} "
                    if lg == "nl"
                    else f"threshold changed: {what}; the proposal itself: {old.describe(lg)}"
                ).strip()
                titles[lang] = f"{self.short_name(lg)} ({note})"
                descriptions[lang] = f"{self.description.get(lg)} ({note}.)"
                continue
            note = (
                f"drempel aangepast naar {value}; het voorstel zelf: {before}"
                if lg == "nl"
                else f"threshold changed to {value}; the proposal itself: {before}"
            )
            written = sorted({plain_number(old.value), before}, key=len, reverse=True)
            alternatives = "|".join(re.escape(w) for w in written)
            pattern = rf"(?<![\d.,])(?:{alternatives})(?![\d.,]\d)"
            titles[lang] = f"{re.sub(pattern, value, self.title.get(lg))} ({note})"
            descriptions[lang] = f"{re.sub(pattern, value, self.description.get(lg))} ({note}.)"
        return Text(**titles), Text(**descriptions)

    @property
    def is_pure_threshold(self) -> bool:
        """One threshold, no phase-in, no steps, no moved law thresholds: relief is all or
        nothing at the proposal's threshold (what lets a sweep mask one run per threshold)."""
        overrides = [d.threshold for d in self.domains.values()] + [
            t.threshold for t in self.treatments.values()
        ]
        return (
            self.phase_in is None
            and not self.steps
            and not self.law_changes
            and all(o is None for o in overrides)
        )

    def threshold_for(self, rule_id: str, domain: str, date: dt.date | None = None) -> Threshold:
        """The threshold a rule gets: the default (on ``date``, after its steps), replaced
        where the rule's domain and then the rule itself set their own — the one place this
        order (rule > domain > default) is written down."""
        base = self.threshold_on(date) if date is not None else self.threshold
        entry = self.domains.get(domain)
        if entry is not None and entry.threshold is not None:
            base = entry.threshold.apply(base)
        explicit = self.treatments.get(rule_id)
        if explicit is not None and explicit.threshold is not None:
            base = explicit.threshold.apply(base)
        return base

    def short_name(self, lang: Lang = "nl") -> str:
        if self.name is not None:
            return self.name.get(lang)
        return self.title.get(lang).split(":")[0].strip()

    def at_threshold(self, value: float | None = None, measure: str | None = None) -> Scenario:
        """The same proposal at another default threshold (a parameter, not a copied file).

        The title is rewritten so it never names the old threshold.
        """
        if value is None and measure is None:
            return self
        if value is not None:
            _finite(float(value))
        th = Threshold(
            measure=measure or self.threshold.measure,
            value=self.threshold.value if value is None else float(value),
            inclusive=self.threshold.inclusive,
        )
        suffix = f"@{th.measure}" if measure and measure != self.threshold.measure else ""
        new_id = f"{self.id}@{plain_number(th.value)}{suffix}"
        title, description = self._retitled(th)
        # Steps scale with the new default so a stepped proposal keeps its shape (10 → 25 at
        # 50 becomes 20 → 50); a linear phase-in keeps its width above the threshold.
        scale = th.value / self.threshold.value if self.threshold.value > 0 else 1.0
        steps = [
            Step.model_validate({"from": s.from_, "value": s.value * scale}) for s in self.steps
        ]
        phase_in = self.phase_in
        if phase_in is not None and phase_in.kind == "linear" and phase_in.until is not None:
            width = phase_in.until - max([self.threshold.value, *(s.value for s in self.steps)])
            top = max([th.value, *(s.value for s in steps)])
            phase_in = PhaseIn(kind="linear", until=top + max(width, 1.0))
        return self.model_copy(
            update={
                "id": new_id,
                "title": title,
                "description": description,
                "threshold": th,
                "steps": steps,
                "phase_in": phase_in,
                "name": self.name or Text(nl=self.short_name("nl"), en=self.short_name("en")),
            }
        )
