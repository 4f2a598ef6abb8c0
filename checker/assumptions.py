"""Assumptions a user changes: tariffs, driver rates and single activity figures.

The catalogue's figures are sourced or labelled assumptions; a user who knows better (their
own accountant's fee, their own absence rate) overrides them.  An override never edits the
catalogue: :func:`apply` returns a new catalogue with the changed figures, a version hash that
says it was changed, and the list of changes, so every result and document computed on it
shows what differs from the sourced values.  An empty set of overrides is the catalogue itself.

Keys: ``tariffs`` by tariff id (€ per hour), ``rates`` by rate id (the rate's all-size value;
size classes and sectors move in proportion), ``figures`` by ``rule.activity.field`` with
field ``hours``, ``external_eur`` or ``frequency``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.bilingual import BilingualError

if TYPE_CHECKING:
    from checker.catalogue import Catalogue

# A profile saved by the app keeps its changed assumptions beside the profile under this key.
SAVED_PROFILE_KEY = "assumptions"

FigureField = Literal["hours", "external_eur", "frequency"]
FIGURE_FIELDS: tuple[str, ...] = ("hours", "external_eur", "frequency")
MAX_OVERRIDES = 200


class OverrideError(BilingualError):
    """An override that names nothing in the catalogue or is not a usable number.

    ``nl``/``en`` are whole sentences that name the figure by its label (never an id);
    ``reason`` is the same message without the figure's name, for a page that names the
    figure itself ("Link bevat een ongeldige waarde voor 'Tarief intern': …").
    """

    def __init__(
        self, nl: str, en: str | None = None, reason: tuple[str, str] | None = None
    ) -> None:
        super().__init__(nl, en)
        self.reason = reason or (self.nl, self.en)


class Overrides(BaseModel):
    """The user's changes to the catalogue's figures (serialisable: URL, saved profile)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tariffs: dict[str, float] = Field(default_factory=dict)
    rates: dict[str, float] = Field(default_factory=dict)
    figures: dict[str, float] = Field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.tariffs or self.rates or self.figures)

    def key(self) -> str:
        """A stable short id of these overrides (for caches and the version hash)."""
        text = json.dumps(self.model_dump(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:8]


def _refused(what: tuple[str, str], nl: str, en: str) -> OverrideError:
    """'Interne uren: mag niet negatief zijn' — the figure by its label, then the reason."""
    return OverrideError(f"{what[0]}: {nl}", f"{what[1]}: {en}", (nl, en))


def _number(value: float, what: tuple[str, str]) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _refused(what, "geen geldig getal", "not a valid number")
    if value < 0:
        raise _refused(what, "mag niet negatief zijn", "must not be negative")
    return float(value)


def _named(label: Any) -> tuple[str, str]:
    return str(label.nl), str(label.en)


def figure_name(rule: Any, activity: Any) -> tuple[str, str]:
    """An activity's figure as a reader knows it: 'Accountantscontrole – Controle …' (nl, en)."""
    return (
        f"{rule.title.nl} – {activity.label.nl}",
        f"{rule.title.en} – {activity.label.en}",
    )


def validate(catalogue: Catalogue, overrides: Overrides) -> list[OverrideError]:
    """Every problem with ``overrides`` against ``catalogue`` (empty when usable)."""
    problems: list[OverrideError] = []
    count = len(overrides.tariffs) + len(overrides.rates) + len(overrides.figures)
    if count > MAX_OVERRIDES:
        problems.append(
            OverrideError(
                f"te veel aangepaste aannames ({count}; ten hoogste {MAX_OVERRIDES})",
                f"too many changed assumptions ({count}; at most {MAX_OVERRIDES})",
            )
        )
    for tid, value in overrides.tariffs.items():
        try:
            if tid not in catalogue.tariffs:
                raise OverrideError(
                    f"onbekend tarief '{tid}'",
                    f"unknown tariff '{tid}'",
                    (
                        "dit uurtarief bestaat niet (meer)",
                        "this hourly tariff does not exist (any more)",
                    ),
                )
            what = _named(catalogue.tariffs[tid].label)
            if not 0 < _number(value, what) < 1000:
                raise _refused(
                    what,
                    "een uurtarief ligt tussen € 0 en € 1.000",
                    "an hourly tariff lies between €0 and €1,000",
                )
        except OverrideError as exc:
            problems.append(exc)
    for rid, value in overrides.rates.items():
        try:
            if rid not in catalogue.rates:
                raise OverrideError(
                    f"onbekend kengetal '{rid}'",
                    f"unknown rate '{rid}'",
                    ("dit kengetal bestaat niet (meer)", "this rate does not exist (any more)"),
                )
            _number(value, _named(catalogue.rates[rid].label))
        except OverrideError as exc:
            problems.append(exc)
    rules = catalogue.rules_by_id
    per_activity: dict[tuple[str, str], dict[str, float]] = {}
    for key, value in overrides.figures.items():
        try:
            _rule, activity, name = _figure_target(rules, key)
            what = figure_name(_rule, activity)
            per_activity.setdefault((_rule.id, activity.id), {})[name] = _number(value, what)
        except OverrideError as exc:
            problems.append(exc)
    for (rule_id, activity_id), values in per_activity.items():
        activity = next(a for a in rules[rule_id].activities if a.id == activity_id)
        problems.extend(_activity_problems(rules[rule_id], activity, values))
    return problems


def _activity_problems(rule: Any, activity: Any, values: dict[str, float]) -> list[OverrideError]:
    """The changed activity must still be a valid activity (hours need a tariff class): the
    schema's own validators decide. One schema rule is for catalogue authors only: a user who
    sets an activity's hours and costs to zero says it costs them nothing, which is a fact about
    their firm, not a malformed rule."""
    from pydantic import ValidationError

    from checker.rule_model import Activity

    data = {**activity.model_dump(), **values, "range": None}
    try:
        Activity.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        detail = str(error["msg"]).removeprefix("Value error, ")
        if detail == _AUTHOR_ONLY:
            return []
        nl, en = _ACTIVITY_RULES.get(detail) or _bound(error) or _ANY_ACTIVITY_RULE
        return [
            _refused(
                figure_name(rule, activity),
                f"deze aanpassing kan niet: {nl}",
                f"this change is not possible: {en}",
            )
        ]
    return []


def _bound(error: Any) -> tuple[str, str] | None:
    """A schema bound ('Input should be less than or equal to 10000000') in the user's words."""
    words = {
        "less_than_equal": ("le", "ten hoogste", "at most"),
        "less_than": ("lt", "minder dan", "less than"),
        "greater_than_equal": ("ge", "ten minste", "at least"),
        "greater_than": ("gt", "meer dan", "more than"),
    }.get(str(error.get("type")))
    if words is None:
        return None
    bound = error.get("ctx", {}).get(words[0])
    if not isinstance(bound, int | float):
        return None
    nl_number = f"{bound:,.0f}".replace(",", ".") if float(bound).is_integer() else f"{bound:g}"
    en_number = f"{bound:,.0f}" if float(bound).is_integer() else f"{bound:g}"
    return (
        f"de waarde moet {words[1]} {nl_number} zijn",
        f"the value must be {words[2]} {en_number}",
    )


# A catalogue author must give an activity some cost; a user may say it costs them nothing.
_AUTHOR_ONLY = "an activity needs hours or external_eur (or both)"

# A schema rule without words of its own: said plainly, never the schema's English text.
_ANY_ACTIVITY_RULE = (
    "de cijfers van deze activiteit passen dan niet meer bij elkaar",
    "the figures of this activity no longer fit together",
)
# The activity schema's rules, in words for the user.
_ACTIVITY_RULES = {
    "an activity with hours needs a tariff class": (
        "deze activiteit heeft geen uurtarief, dus uren tellen hier niet",
        "this activity has no hourly tariff, so hours do not count here",
    ),
}


def _figure_target(rules: dict[str, Any], key: str) -> tuple[Any, Any, str]:
    parts = key.split(".")
    if len(parts) != 3 or parts[2] not in FIGURE_FIELDS:
        raise OverrideError(
            f"'{key}': verwacht regel.activiteit.uren|externe kosten|frequentie",
            f"'{key}': expected rule.activity.hours|external_eur|frequency",
            (
                "dit is geen cijfer dat u kunt aanpassen (uren, externe kosten of frequentie "
                "van een activiteit)",
                "this is not a figure you can change (hours, external cost or frequency of "
                "an activity)",
            ),
        )
    rule = rules.get(parts[0])
    if rule is None:
        raise OverrideError(
            f"onbekende regel '{parts[0]}'",
            f"unknown rule '{parts[0]}'",
            ("deze verplichting bestaat niet (meer)", "this obligation does not exist (any more)"),
        )
    activity = next((a for a in rule.activities if a.id == parts[1]), None)
    if activity is None:
        title_nl, title_en = _named(rule.title)
        raise OverrideError(
            f"{title_nl} heeft geen activiteit '{parts[1]}'",
            f"{title_en} has no activity '{parts[1]}'",
            (
                f"{title_nl} heeft deze activiteit niet (meer)",
                f"{title_en} does not have this activity (any more)",
            ),
        )
    return rule, activity, parts[2]


def apply(catalogue: Catalogue, overrides: Overrides) -> Catalogue:
    """The catalogue with the overrides applied (raises the first :class:`OverrideError`)."""
    if overrides.empty:
        return catalogue
    problems = validate(catalogue, overrides)
    if problems:
        raise problems[0]
    tariffs = dict(catalogue.tariffs)
    for tid, value in overrides.tariffs.items():
        tariffs[tid] = _moved(tariffs[tid], "eur_per_hour", value)
    rates = dict(catalogue.rates)
    for rid, value in overrides.rates.items():
        rates[rid] = _moved_rate(rates[rid], value)
    changed: dict[str, dict[str, dict[str, float]]] = {}
    for key, value in overrides.figures.items():
        rule_id, activity_id, name = key.split(".")
        changed.setdefault(rule_id, {}).setdefault(activity_id, {})[name] = value
    rules = [_moved_rule(r, changed[r.id]) if r.id in changed else r for r in catalogue.rules]
    return dataclasses.replace(
        catalogue,
        rules=rules,
        tariffs=tariffs,
        rates=rates,
        version_hash=f"{catalogue.version_hash}+{overrides.key()}",
        sourced=catalogue.sourced or catalogue,
    )


def _moved(model: Any, attr: str, value: float) -> Any:
    """``model`` with ``attr`` set to ``value``; a low/high range moves along in proportion."""
    old = float(getattr(model, attr))
    update: dict[str, Any] = {attr: value}
    low, high = getattr(model, "low", None), getattr(model, "high", None)
    if low is not None and high is not None:
        scale = value / old if old > 0 else 1.0
        update.update(low=min(low * scale, value), high=max(high * scale, value))
    return model.model_copy(update=update)


def _moved_rate(rate: Any, value: float) -> Any:
    scale = value / rate.value if rate.value > 0 else 1.0
    moved = _moved(rate, "value", value)
    return moved.model_copy(
        update={
            "by_section": {k: v * scale for k, v in rate.by_section.items()},
            "by_size": [s.model_copy(update={"value": s.value * scale}) for s in rate.by_size],
        }
    )


def _moved_rule(rule: Any, per_activity: dict[str, dict[str, float]]) -> Any:
    from checker.reference_data import Spread
    from checker.rule_model import ActivityRange

    activities = []
    for act in rule.activities:
        values = per_activity.get(act.id)
        if not values:
            activities.append(act)
            continue
        spreads: dict[str, Spread | None] = {}
        for name in FIGURE_FIELDS:
            low, central, high = act.spread(name)
            new = values.get(name, central)
            scale = new / central if central > 0 else 1.0
            spreads[name] = Spread(low=min(low * scale, new), high=max(high * scale, new))
        activities.append(act.model_copy(update={**values, "range": ActivityRange(**spreads)}))
    return rule.model_copy(update={"activities": activities})
