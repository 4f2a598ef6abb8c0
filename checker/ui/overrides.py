"""The user's changed assumptions in the app: which figures can be changed, and how they travel.

The Aannames panel lets a user put their own figure in place of a sourced one: an hourly tariff,
the absence rate, the audit fee, the hours of any activity.  The change is a
:class:`checker.assumptions.Overrides`; this module knows

* which figures the panel offers and their sourced (catalogue) values — :func:`tariff_items`,
  :func:`rate_items`, :func:`audit_items`, :func:`hour_items`;
* how overrides go into a shareable link and back — :func:`encode_overrides` /
  :func:`decode_overrides` (``t.<tariff>``, ``r.<rate>``, ``f.<rule>.<activity>.<field>``);
* what differs from the sources, in words — :func:`changed_items`.

No Streamlit here, so all of it is tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from checker.assumptions import (
    FIGURE_FIELDS,
    MAX_OVERRIDES,
    Overrides,
    validate,
)
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.i18n import fmt_eur, fmt_exact, fmt_frequency, t
from checker.parsing.errors import InputError
from checker.parsing.numbers import parse_number, plain_number
from checker.reference_data import Basis
from checker.ui.refused_value import RefusedValue

Group = Literal["tariffs", "rates", "figures"]
PREFIX: dict[Group, str] = {"tariffs": "t", "rates": "r", "figures": "f"}
_GROUP_OF_PREFIX = {v: k for k, v in PREFIX.items()}
# The rates the panel offers (the brief: the absence rate; others stay the sourced value).
PANEL_RATES: tuple[str, ...] = ("absence_rate",)
AUDIT_RULE = "accountantscontrole"
MAX_PARAM_CHARS = 40


@dataclass(frozen=True)
class Item:
    """One changeable figure: where it lives, its label, its sourced value and its basis."""

    group: Group
    key: str  # tariff id, rate id, or rule.activity.field
    label: str
    sourced: float
    unit: str  # "eur_per_hour", "share", "eur", "hours"
    basis: Basis
    low: float | None = None
    high: float | None = None
    owner: str = ""  # the obligation's title, for an activity's figure

    @property
    def param(self) -> str:
        """The URL parameter that carries this figure ('t.intern', 'f.rule.act.hours')."""
        return f"{PREFIX[self.group]}.{self.key}"

    @property
    def full_label(self) -> str:
        """The figure named on its own: 'Accountantscontrole – Controle door de accountant'."""
        return f"{self.owner} – {self.label}" if self.owner else self.label


def tariff_items(catalogue: Catalogue, lang: Lang) -> list[Item]:
    return [
        Item(
            "tariffs",
            tid,
            pick(tr.label, lang),
            tr.eur_per_hour,
            "eur_per_hour",
            tr.basis,
            tr.low,
            tr.high,
        )
        for tid, tr in catalogue.tariffs.items()
    ]


def _rate_item(catalogue: Catalogue, rid: str, lang: Lang) -> Item | None:
    rate = catalogue.rates.get(rid)
    if rate is None:
        return None
    label = pick(rate.label, lang)
    return Item("rates", rid, label, rate.value, "share", rate.basis, rate.low, rate.high)


def rate_items(catalogue: Catalogue, lang: Lang) -> list[Item]:
    found = (_rate_item(catalogue, rid, lang) for rid in PANEL_RATES)
    return [item for item in found if item is not None]


def _activity_item(catalogue: Catalogue, rule_id: str, act: Any, field: str, lang: Lang) -> Item:
    low, central, high = act.spread(field)
    unit = {"hours": "hours", "external_eur": "eur", "frequency": "frequency"}[field]
    label = pick(act.label, lang)
    rule = catalogue.rules_by_id.get(rule_id)
    owner = pick(rule.title, lang) if rule is not None else ""
    key = f"{rule_id}.{act.id}.{field}"
    return Item("figures", key, label, central, unit, act.basis, low, high, owner)


def audit_items(catalogue: Catalogue, lang: Lang) -> list[Item]:
    """The external € of the statutory-audit activities (the audit fee, fixed and per employee)."""
    rule = catalogue.rules_by_id.get(AUDIT_RULE)
    if rule is None:
        return []
    return [
        _activity_item(catalogue, rule.id, act, "external_eur", lang)
        for act in rule.activities
        if act.external_eur > 0
    ]


def hour_items(catalogue: Catalogue, rule_id: str, lang: Lang) -> list[Item]:
    """The hours per occurrence of every activity of one rule that takes internal time."""
    rule = catalogue.rules_by_id.get(rule_id)
    if rule is None:
        return []
    return [
        _activity_item(catalogue, rule.id, act, "hours", lang)
        for act in rule.activities
        if act.hours > 0 or act.tariff
    ]


def item_for(catalogue: Catalogue, group: Group, key: str, lang: Lang) -> Item | None:
    """The changeable figure behind an override key (None when the catalogue lacks it)."""
    if group == "tariffs":
        return next((i for i in tariff_items(catalogue, lang) if i.key == key), None)
    if group == "rates":
        return _rate_item(catalogue, key, lang)
    parts = key.split(".")
    if len(parts) != 3 or parts[2] not in FIGURE_FIELDS:
        return None
    rule = catalogue.rules_by_id.get(parts[0])
    act = next((a for a in rule.activities if a.id == parts[1]), None) if rule else None
    if act is None:
        return None
    return _activity_item(catalogue, parts[0], act, parts[2], lang)


def with_value(overrides: Overrides, item: Item, value: float | None) -> Overrides:
    """``overrides`` with ``item`` set to ``value``; the sourced value (or None) removes it."""
    data: dict[str, dict[str, float]] = {
        "tariffs": dict(overrides.tariffs),
        "rates": dict(overrides.rates),
        "figures": dict(overrides.figures),
    }
    if value is None or abs(value - item.sourced) < 1e-9:
        data[item.group].pop(item.key, None)
    else:
        data[item.group][item.key] = float(value)
    return Overrides(**data)


def current_value(overrides: Overrides, item: Item) -> float:
    return float(getattr(overrides, item.group).get(item.key, item.sourced))


# The largest figure a user may put in, per unit (a tariff of € 999 an hour, half the working
# days absent, € 10 mln audit fee, 10.000 hours or times a year): beyond these a typo, not a firm.
LIMITS: dict[str, float] = {
    "eur_per_hour": 999.0,
    "share": 0.5,
    "eur": 10_000_000.0,
    "hours": 10_000.0,
    "frequency": 10_000.0,
}


def describe(item: Item, value: float, lang: Lang, *, unit: bool = True) -> str:
    """The figure in words with its unit, exactly as given: '€ 70,50 per uur', '5,25%',
    '4,5 uur', '0,25 keer per jaar' — a typed figure is never rounded for display."""
    if item.unit == "share":
        return fmt_exact(100 * value, lang, most=4) + "%"
    if item.unit in ("eur", "eur_per_hour"):
        amount = fmt_eur(value, lang, decimals=0 if float(value).is_integer() else 2)
        if item.unit == "eur" or not unit:
            return amount
        return t("firm.assumptions.per_hour", lang, amount=amount)
    if item.unit == "frequency":
        return t("firm.assumptions.per_year", lang, count=fmt_frequency(value, lang))
    return t("firm.assumptions.hours", lang, hours=fmt_exact(value, lang, most=4))


def check_limits(item: Item, value: float) -> None:
    """Refuse a figure no firm has (negative, a zero tariff, beyond :data:`LIMITS`); the
    message is the reason only (the caller names the figure)."""
    if value < 0:
        raise InputError("mag niet negatief zijn", "must not be negative")
    if value == 0 and item.unit == "eur_per_hour":
        raise InputError("de waarde moet groter zijn dan 0", "the value must be above 0")
    limit = LIMITS[item.unit]
    if value > limit:
        top = describe(item, limit, "nl"), describe(item, limit, "en")
        raise InputError(f"ten hoogste {top[0]}", f"at most {top[1]}")


@dataclass(frozen=True)
class Changed:
    """A figure the user changed: the item with its sourced and its own value."""

    item: Item
    value: float


def changed_items(catalogue: Catalogue, overrides: Overrides, lang: Lang) -> list[Changed]:
    """Every overridden figure that differs from the sourced one, tariffs first."""
    out: list[Changed] = []
    groups: tuple[Group, ...] = ("tariffs", "rates", "figures")
    for group in groups:
        for key, value in getattr(overrides, group).items():
            item = item_for(catalogue, group, key, lang)
            if item is not None and abs(value - item.sourced) > 1e-9:
                out.append(Changed(item, float(value)))
    return out


# ---------------------------------------------------------------------------------------------
# In the link and in the saved profile


def encode_overrides(overrides: Overrides | None) -> dict[str, str]:
    """URL parameters for the overrides (plain numbers, as the profile fields are written)."""
    if overrides is None:
        return {}
    out: dict[str, str] = {}
    for group, prefix in PREFIX.items():
        for key, value in sorted(getattr(overrides, group).items()):
            out[f"{prefix}.{key}"] = plain_number(value)
    return out


def is_override_param(name: str) -> bool:
    prefix, dot, rest = name.partition(".")
    return bool(dot and rest) and prefix in _GROUP_OF_PREFIX


def param_label(name: str, catalogue: Catalogue, lang: Lang) -> str | None:
    """The figure a link parameter changes, in the reader's words with its unit
    ('Accountantscontrole – Controle door de accountant (€)'); None if it names nothing."""
    if not is_override_param(name):
        return None
    prefix, _, key = name.partition(".")
    item = item_for(catalogue, _GROUP_OF_PREFIX[prefix], key, lang)
    if item is None:
        return None
    return f"{item.full_label} ({t(f'firm.assumptions.unit.{item.unit}', lang)})"


def decode_overrides(
    params: dict[str, Any], catalogue: Catalogue
) -> tuple[Overrides, list[RefusedValue]]:
    """Overrides from URL parameters; each unusable one is left out and reported.

    A parameter that names nothing in the catalogue, is not a plain number, or is outside the
    figure's limits (:func:`check_limits`, the Aannames panel's limits, and
    :func:`checker.assumptions.validate`) is refused; the others still apply, so the rest of a
    shared link works.  A problem carries the reason only: the page names the figure by its
    label (:func:`param_label`), never by the parameter.
    """
    data: dict[str, dict[str, float]] = {"tariffs": {}, "rates": {}, "figures": {}}
    problems: list[RefusedValue] = []
    for name, raw in params.items():
        if not is_override_param(name):
            continue
        text = str(raw[-1] if isinstance(raw, list) and raw else raw).strip()
        prefix, _, key = name.partition(".")
        group = _GROUP_OF_PREFIX[prefix]
        try:
            if len(text) > MAX_PARAM_CHARS:
                raise InputError("waarde is te lang", "value is too long")
            parsed = parse_number(text, "decimal", "en")
            if parsed.ambiguous:
                raise InputError(
                    "getal is dubbelzinnig; schrijf het zonder scheidingstekens",
                    "number is ambiguous; write it without separators",
                )
            value = float(parsed.value)
            item = item_for(catalogue, group, key, "nl")
            if item is not None:  # the panel's limits first: they are said in the figure's unit
                check_limits(item, value)
            found = validate(catalogue, Overrides(**{group: {key: value}}))
            if found:
                raise InputError(*found[0].reason)
        except InputError as exc:
            problems.append(RefusedValue(name[:60], exc.nl, exc.en))
            continue
        data[group][key] = value
    overrides = Overrides(**data)
    count = sum(len(v) for v in data.values())
    if count > MAX_OVERRIDES:  # keep none rather than an arbitrary part
        too_many = validate(catalogue, overrides)[0]
        return Overrides(), [RefusedValue("assumptions", too_many.nl, too_many.en)]
    return overrides, problems


def overrides_from_json(raw: Any, catalogue: Catalogue) -> tuple[Overrides, list[RefusedValue]]:
    """The ``assumptions`` block of a saved profile ({tariffs, rates, figures}), validated."""
    if raw is None:
        return Overrides(), []
    try:
        overrides = Overrides.model_validate(raw)
    except ValueError:
        return Overrides(), [
            RefusedValue(
                "assumptions",
                "het blok 'assumptions' heeft niet de vorm {tariffs, rates, figures}",
                "the 'assumptions' block is not of the form {tariffs, rates, figures}",
            )
        ]
    found = validate(catalogue, overrides)
    if found:
        return Overrides(), [RefusedValue("assumptions", found[0].nl, found[0].en)]
    return overrides, []
