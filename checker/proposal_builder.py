"""The proposal builder's choices (what a policy officer sets in the app) → a validated proposal.

A :class:`Draft` holds exactly what the builder page asks — a default threshold, the default
treatment and its scope, treatments per domain and per rule, a phase-in, a start date with
later steps, moved law thresholds — and :func:`build` turns it into a
:class:`~checker.scenario_model.Scenario` through the same reader as a proposal file
(:func:`checker.proposal_io.proposal_from_data`), so the builder can produce nothing a file
could not, and every problem comes back with its field, in Dutch and English.

Entries a shipped proposal brings along (a rule's own rationale, its EU room, its changes per
activity) are kept as they are while the user leaves them alone: starting from the Metaalunie
proposal and changing only the threshold must not rewrite its reasoning.

On top of what a file must satisfy the builder refuses an identifier that is a shipped
proposal's and later steps without a start date (or before it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from checker.bilingual import Lang, Text, pick
from checker.conditions import ParamRef, numeric_tests
from checker.i18n import domain_label, fmt_date, fmt_number, t, treatment_label
from checker.measures import MEASURES
from checker.proposal_io import ProposalLoad, proposal_from_data
from checker.proposal_problems import problem
from checker.rule_model import Rule
from checker.scenario_model import (
    MAX_GRACE_YEARS,
    DomainTreatment,
    Scenario,
    Treatment,
    TreatmentKind,
)

if TYPE_CHECKING:
    from checker.catalogue import Catalogue

PhaseKind = Literal["none", "linear", "grace"]
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
NEW_ID = "eigen-voorstel"
MAX_STEPS = 4
# Measures offered for the proposal's threshold: counts of people first, then money.
THRESHOLD_MEASURES: tuple[str, ...] = (
    "employees",
    "fte",
    "persons_total",
    "employees_avg_fy",
    "turnover_eur",
    "balance_total_eur",
)


@dataclass(frozen=True)
class DomainChoice:
    """How the proposal treats one domain; ``threshold`` is its own value (same measure)."""

    treatment: TreatmentKind
    factor: float | None = None
    threshold: float | None = None
    original: DomainTreatment | None = None  # the entry a loaded proposal had, kept if unchanged


@dataclass(frozen=True)
class RuleChoice:
    """How the proposal treats one rule; ``eu_room`` is the EU provision the user cites."""

    treatment: TreatmentKind
    factor: float | None = None
    eu_room: str = ""
    original: Treatment | None = None


@dataclass(frozen=True)
class LawChoice:
    """Move one numeric test of a rule (``measure`` at ``old``) to ``new``."""

    rule: str
    measure: str
    old: float
    new: float
    rationale: str = ""


@dataclass(frozen=True)
class Draft:
    """Everything the builder asks.  Texts typed once serve both languages when the other is
    left empty; generated texts are in both."""

    id: str = NEW_ID
    title_nl: str = ""
    title_en: str = ""
    explanation_nl: str = ""
    explanation_en: str = ""
    measure: str = "employees"
    value: float = 25
    inclusive: bool = True
    default_treatment: TreatmentKind = "exempt"
    default_factor: float | None = None
    ministries: tuple[str, ...] = ()
    scope_domains: tuple[str, ...] = ()
    eu_room: str = ""  # non-empty: EU-derived rules come into scope, citing this room
    domains: Mapping[str, DomainChoice] = field(default_factory=dict)
    rules: Mapping[str, RuleChoice] = field(default_factory=dict)
    phase: PhaseKind = "none"
    until: float | None = None
    years: int | None = None
    start: dt.date | None = None
    later_steps: tuple[tuple[dt.date, float], ...] = ()
    law_changes: tuple[LawChoice, ...] = ()
    origin: Scenario | None = None  # the proposal loaded into the builder (entries kept)
    base: Scenario | None = None  # the shipped proposal it is built on (named in the text)

    def replace(self, **changes: Any) -> Draft:
        return dataclasses.replace(self, **changes)


# -- from a proposal ----------------------------------------------------------------------------


def draft_from_scenario(
    scenario: Scenario | None, *, new_id: str | None = None, own: bool = False, lang: Lang = "nl"
) -> Draft:
    """The builder's choices for ``scenario`` (a fresh draft when None).

    ``own`` is a proposal the user made (a saved file, a link): it is edited further as it
    is, and its rationale is the explanation.  Otherwise (a shipped proposal) the draft is a
    new proposal built on it, and its description says so.
    """
    if scenario is None:  # a title in the user's language; the other follows until typed
        title = t("workbench.draft.new_title", lang)
        return Draft(
            id=new_id or NEW_ID,
            title_nl=title if lang == "nl" else "",
            title_en=title if lang == "en" else "",
        )
    th = scenario.threshold
    steps = list(scenario.steps)
    value = steps[0].value if steps else th.value
    scope = scenario.scope
    phase: PhaseKind = scenario.phase_in.kind if scenario.phase_in is not None else "none"
    draft = Draft(
        id=new_id or scenario.id,
        title_nl=scenario.title.nl,
        title_en=scenario.title.en,
        measure=th.measure,
        value=value,
        inclusive=th.inclusive,
        default_treatment=scenario.default_treatment,
        default_factor=scenario.default_factor,
        ministries=tuple(scope.ministries),
        scope_domains=tuple(scope.domains),
        eu_room=scope.eu_room.nl if scope.include_eu_derived and scope.eu_room else "",
        domains={
            d: DomainChoice(
                entry.treatment,
                entry.factor,
                entry.threshold.value if entry.threshold is not None else None,
                entry,
            )
            for d, entry in scenario.domains.items()
        },
        rules={
            rid: RuleChoice(
                entry.treatment,
                entry.factor,
                entry.eu_room.nl if entry.eu_room is not None else "",
                entry,
            )
            for rid, entry in scenario.treatments.items()
        },
        phase=phase,
        until=scenario.phase_in.until if scenario.phase_in is not None else None,
        years=scenario.phase_in.years if scenario.phase_in is not None else None,
        start=steps[0].from_ if steps else None,
        later_steps=tuple((s.from_, s.value) for s in steps[1:]),
        law_changes=tuple(
            LawChoice(c.rule, c.measure, c.from_, c.to, c.rationale.nl)
            for c in scenario.law_changes
        ),
        origin=scenario,
        base=None if own else scenario,
    )
    if own and scenario.default_rationale.model_dump() != _default_rationale(draft):
        draft = draft.replace(
            explanation_nl=scenario.default_rationale.nl,
            explanation_en=scenario.default_rationale.en,
        )
    return draft


def derived_id(base_id: str, taken: Sequence[str]) -> str:
    """An identifier for a proposal built on ``base_id`` that no other proposal uses."""
    stem = re.sub(r"[^a-z0-9-]+", "-", base_id.lower().split("@")[0]).strip("-")[:48] or "voorstel"
    candidate = f"{stem}-eigen"
    number = 2
    while candidate in taken:
        candidate = f"{stem}-eigen-{number}"
        number += 1
    return candidate


# -- to a proposal ------------------------------------------------------------------------------


def _text(nl: str, en: str) -> Text | None:
    nl, en = nl.strip(), en.strip()
    if not nl and not en:
        return None
    return Text(nl=nl or en, en=en or nl)


def _chosen(lang: Lang, treatment: str, factor: float | None) -> str:
    words = treatment_label(treatment, lang)
    if treatment == "lighter" and factor is not None:
        words += " " + t(
            "workbench.draft.factor", lang, factor=fmt_number(factor, lang, decimals=2)
        )
    return words


def _generated(code: str, **fields: Any) -> dict[str, str]:
    """``workbench.draft.<code>`` in both languages; ``fields`` may be callables of the language."""
    return {
        lg: t(
            f"workbench.draft.{code}",
            lg,
            **{k: (v(lg) if callable(v) else v) for k, v in fields.items()},
        )
        for lg in ("nl", "en")
    }


def _threshold_words(draft: Draft, lang: Lang) -> str:
    measure = MEASURES.get(draft.measure)
    name = pick(measure.label, lang).lower() if measure is not None else draft.measure
    symbol = "≤" if draft.inclusive else "<"
    return f"{symbol} {fmt_number(draft.value, lang, decimals=_decimals(draft.value))} {name}"


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else 2


def summary(draft: Draft, catalogue: Catalogue, lang: Lang) -> str:
    """The draft in one sentence: threshold, scope, phase-in, start (the description)."""
    parts = [t("workbench.summary.threshold", lang, threshold=_threshold_words(draft, lang))]
    parts.append(
        t(
            "workbench.summary.default",
            lang,
            treatment=_chosen(lang, draft.default_treatment, draft.default_factor),
        )
    )
    if draft.ministries:
        parts.append(
            t("workbench.summary.ministries", lang, ministries=", ".join(draft.ministries))
        )
    if draft.scope_domains:
        names = ", ".join(domain_label(d, lang) for d in draft.scope_domains)
        parts.append(t("workbench.summary.domains", lang, domains=names))
    for domain, choice in sorted(draft.domains.items()):
        words = _chosen(lang, choice.treatment, choice.factor)
        if choice.threshold is not None:
            own = fmt_number(choice.threshold, lang, decimals=_decimals(choice.threshold))
            words += " " + t("workbench.summary.own_threshold", lang, value=own)
        parts.append(f"{domain_label(domain, lang)}: {words}")
    if draft.rules:
        parts.append(t("workbench.summary.rules", lang, count=len(draft.rules)))
    parts.append(
        t("workbench.summary.eu_room", lang)
        if draft.eu_room.strip()
        else t("workbench.summary.eu_stays", lang)
    )
    if draft.phase == "linear" and draft.until is not None:
        until = fmt_number(draft.until, lang, decimals=_decimals(draft.until))
        parts.append(t("workbench.summary.linear", lang, until=until))
    elif draft.phase == "grace" and draft.years is not None:
        parts.append(t("workbench.summary.grace", lang, years=draft.years))
    if draft.start is not None:
        parts.append(t("workbench.summary.start", lang, date=fmt_date(draft.start, lang)))
    for when, value in draft.later_steps:
        shown = fmt_number(value, lang, decimals=_decimals(value))
        parts.append(t("workbench.summary.step", lang, date=fmt_date(when, lang), value=shown))
    for change in draft.law_changes:
        rule = catalogue.rules_by_id.get(change.rule)
        title = pick(rule.title, lang) if rule is not None else change.rule
        parts.append(
            t(
                "workbench.summary.law_change",
                lang,
                rule=title,
                old=fmt_number(change.old, lang, decimals=_decimals(change.old)),
                new=fmt_number(change.new, lang, decimals=_decimals(change.new)),
            )
        )
    return "; ".join(parts) + "."


def _default_rationale(draft: Draft) -> dict[str, str]:
    return _generated(
        "default_rationale",
        treatment=lambda lg: _chosen(lg, draft.default_treatment, draft.default_factor),
        threshold=lambda lg: _threshold_words(draft, lg),
    )


def _law_entry(change: LawChoice, origin: Scenario | None) -> dict[str, Any]:
    for kept in origin.law_changes if origin is not None else []:
        same = (kept.rule, kept.measure, kept.from_, kept.to) == (
            change.rule,
            change.measure,
            change.old,
            change.new,
        )
        if same and kept.rationale.nl == change.rationale.strip():
            return kept.model_dump(mode="json", by_alias=True)
    text = change.rationale.strip()
    return {
        "rule": change.rule,
        "measure": change.measure,
        "from": change.old,
        "to": change.new,
        "rationale": {"nl": text, "en": text} if text else _generated("law_change_rationale"),
    }


def _domain_entry(choice: DomainChoice, rationale: dict[str, str]) -> dict[str, Any]:
    original = choice.original
    if original is not None:
        kept_threshold = original.threshold.value if original.threshold is not None else None
        if (original.treatment, original.factor, kept_threshold) == (
            choice.treatment,
            choice.factor,
            choice.threshold,
        ):
            return original.model_dump(mode="json", exclude_none=True)
    entry: dict[str, Any] = {
        "treatment": choice.treatment,
        "rationale": rationale
        or _generated(
            "domain_rationale",
            treatment=lambda lg: _chosen(lg, choice.treatment, choice.factor),
        ),
    }
    if choice.treatment == "lighter":
        entry["factor"] = choice.factor
    if choice.threshold is not None:
        entry["threshold"] = {"value": choice.threshold}
    return entry


def _rule_entry(choice: RuleChoice, rationale: dict[str, str]) -> dict[str, Any]:
    original = choice.original
    room = choice.eu_room.strip()
    if original is not None:
        original_room = original.eu_room.nl if original.eu_room is not None else ""
        if (original.treatment, original.factor, original_room) == (
            choice.treatment,
            choice.factor,
            room,
        ) or (
            original.treatment == choice.treatment == "lighter"
            and original.activities
            and choice.factor is None
            and original_room == room
        ):
            return original.model_dump(mode="json", by_alias=True, exclude_none=True)
    entry: dict[str, Any] = {
        "treatment": choice.treatment,
        "rationale": rationale
        or _generated(
            "rule_rationale",
            treatment=lambda lg: _chosen(lg, choice.treatment, choice.factor),
        ),
    }
    if choice.treatment == "lighter":
        entry["factor"] = choice.factor
    if room and choice.treatment != "unchanged":
        entry["eu_room"] = {"nl": room, "en": room}
    return entry


def _retitled(draft: Draft, title: Text | None) -> Text | None:
    """The loaded proposal's title, untouched by the user, follows a changed threshold the
    way :meth:`Scenario.at_threshold` retitles (so "tot en met 25 werknemers" never stands over
    a threshold of 20); a title the user typed is theirs and stays as typed."""
    origin = draft.origin
    if origin is None or title != origin.title:
        return title
    if (draft.measure, draft.value) == (origin.threshold.measure, origin.threshold.value):
        return title
    return origin.at_threshold(draft.value, draft.measure).title


def scenario_data(draft: Draft, catalogue: Catalogue) -> dict[str, Any]:
    """The proposal file's mapping for ``draft`` (validated by :func:`build`)."""
    base, origin = draft.base, draft.origin
    explanation = _text(draft.explanation_nl, draft.explanation_en)
    title = _retitled(draft, _text(draft.title_nl, draft.title_en))
    description = {lg: summary(draft, catalogue, lg) for lg in ("nl", "en")}
    if explanation is not None:
        description = {lg: f"{description[lg]} {explanation.get(lg)}" for lg in ("nl", "en")}
    if base is not None:
        description = {
            lg: description[lg] + " " + t("workbench.draft.based_on", lg, title=base.title.get(lg))
            for lg in ("nl", "en")
        }
    if explanation is not None:
        default_rationale = explanation.model_dump()
    elif origin is not None and (origin.default_treatment, origin.default_factor) == (
        draft.default_treatment,
        draft.default_factor,
    ):
        default_rationale = origin.default_rationale.model_dump()
    else:
        default_rationale = _default_rationale(draft)
    entry_rationale = explanation.model_dump() if explanation is not None else {}
    data: dict[str, Any] = {
        "id": draft.id,
        "title": title.model_dump() if title is not None else None,
        "description": description,
        "variant": "other",
        "threshold": {"measure": draft.measure, "value": draft.value, "inclusive": draft.inclusive},
        "default_treatment": draft.default_treatment,
        "default_rationale": default_rationale,
    }
    if draft.default_treatment == "lighter":
        data["default_factor"] = draft.default_factor
    scope: dict[str, Any] = {"include_eu_derived": bool(draft.eu_room.strip())}
    if draft.ministries:
        scope["ministries"] = list(draft.ministries)
    if draft.scope_domains:
        scope["domains"] = list(draft.scope_domains)
    if draft.eu_room.strip():
        room = draft.eu_room.strip()
        kept = origin.scope.eu_room if origin is not None else None
        scope["eu_room"] = (
            kept.model_dump() if kept and kept.nl == room else {"nl": room, "en": room}
        )
    data["scope"] = scope
    if draft.phase == "linear":
        data["phase_in"] = {"kind": "linear", "until": draft.until}
    elif draft.phase == "grace":
        data["phase_in"] = {"kind": "grace", "years": draft.years}
    if draft.start is not None:
        data["steps"] = [
            {"from": draft.start.isoformat(), "value": draft.value},
            *({"from": d.isoformat(), "value": v} for d, v in draft.later_steps),
        ]
    if draft.domains:
        data["domains"] = {
            d: _domain_entry(choice, entry_rationale) for d, choice in sorted(draft.domains.items())
        }
    if draft.rules:
        data["treatments"] = {
            rid: _rule_entry(choice, entry_rationale) for rid, choice in sorted(draft.rules.items())
        }
    if draft.law_changes:
        data["law_changes"] = [_law_entry(c, origin) for c in draft.law_changes]
    if origin is not None and origin.sources:
        data["sources"] = list(origin.sources)
    return {k: v for k, v in data.items() if v is not None}


def _builder_problems(draft: Draft, catalogue: Catalogue) -> list[Any]:
    found = []
    if not ID_PATTERN.match(draft.id):
        found.append(problem("id", "bad_id"))
    elif draft.id in catalogue.scenarios:
        found.append(problem("id", "shipped_id", proposal=draft.id))
    if draft.start is None and draft.later_steps:
        found.append(problem("steps[0]", "steps_need_start"))
    if draft.start is not None:
        for i, (when, _value) in enumerate(draft.later_steps, start=1):
            if when <= draft.start:
                found.append(problem(f"steps[{i}]", "step_before_start"))
    if draft.phase == "grace" and (draft.years is None or not 1 <= draft.years <= MAX_GRACE_YEARS):
        found.append(problem("phase_in.years", "grace_years", most=MAX_GRACE_YEARS))
    return found


def build(draft: Draft, catalogue: Catalogue) -> ProposalLoad:
    """The proposal for ``draft``, validated like a file; None with problems if it is not valid."""
    own = _builder_problems(draft, catalogue)
    loaded = proposal_from_data(scenario_data(draft, catalogue), catalogue)
    if not own:
        return loaded
    return ProposalLoad(None, (*own, *loaded.problems))


# -- what the builder offers ----------------------------------------------------------------------


@dataclass(frozen=True)
class LawThreshold:
    """One numeric test of a rule that a law change can move."""

    measure: str
    op: str
    value: float
    article: str
    in_exception: bool

    def describe(self, lang: Lang) -> str:
        measure = MEASURES.get(self.measure)
        name = pick(measure.label, lang) if measure is not None else self.measure
        symbol = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠"}.get(self.op, self.op)
        text = f"{name} {symbol} {fmt_number(self.value, lang, decimals=_decimals(self.value))}"
        if self.article:
            text += f" ({self.article})"
        if self.in_exception:
            text += " — " + t("workbench.law.in_exception", lang)
        return text


def law_thresholds(rule: Rule, catalogue: Catalogue) -> list[LawThreshold]:
    """The numeric tests of ``rule`` (its base condition and exceptions) a law change can move.

    Read the way :mod:`checker.proposal_checks` and the engine read them: tests in the rule's
    own conditions (not in shared definitions), parameters at their latest value.
    """
    params = {pid: p.values[-1].value for pid, p in catalogue.parameters.items()}
    out: list[LawThreshold] = []
    seen: set[tuple[str, float]] = set()
    conditions = [(rule.applies_when, False), *((e.when, True) for e in rule.exceptions)]
    for cond, in_exception in conditions:
        for test in numeric_tests(cond):
            value = (
                params.get(test.value.param)
                if isinstance(test.value, ParamRef)
                else float(test.value)
            )
            measure = MEASURES.get(test.measure)
            if value is None or measure is None or measure.kind != "number":
                continue
            if (test.measure, value) in seen:
                continue
            seen.add((test.measure, value))
            out.append(LawThreshold(test.measure, test.op, value, test.article or "", in_exception))
    return out


def changeable_rules(catalogue: Catalogue) -> list[Rule]:
    """Obligations a proposal may treat (EU law without room excluded), by domain and title."""
    return sorted(
        (r for r in catalogue.rules if r.kind == "obligation" and not r.eu_fixed),
        key=lambda r: (r.domain, r.title.nl),
    )


def fixed_rules(catalogue: Catalogue) -> list[Rule]:
    """Obligations from EU law that leaves no room for a small-firm exemption."""
    return sorted(
        (r for r in catalogue.rules if r.kind == "obligation" and r.eu_fixed),
        key=lambda r: r.title.nl,
    )
