"""What is wrong with a proposal, said in the reader's language and pointing at the field.

The schema (:mod:`checker.scenario_model`, pydantic) and the catalogue checks
(:mod:`checker.proposal_checks`) report in English for developers and the CLI.  A policy
officer who uploads a file, opens a shared link or builds a proposal in the app must read
the same problem in Dutch (or English), with the place named in words ("Regel 'RI&E
opstellen', factor") and the key path the file uses (``treatments.arbo_rie.factor``) beside
it.  This module is that translation; a message it does not know is still shown (in English,
marked as such), never dropped and never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from checker.bilingual import Lang, pick
from checker.i18n import domain_label, kind_label, t, treatment_label
from checker.i18n.messages import messages, placeholders
from checker.measures import MEASURES
from checker.problems import Problem

if TYPE_CHECKING:
    from pydantic import ValidationError

    from checker.catalogue import Catalogue

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class ProposalProblem:
    """One problem: the file's key path, where that is in words, and what is wrong (nl/en)."""

    field: str  # e.g. "treatments.arbo_rie.factor"; "-" for the whole file
    where_nl: str
    where_en: str
    nl: str
    en: str
    level: Level = "error"

    def message(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en

    def where(self, lang: Lang) -> str:
        return self.where_nl if lang == "nl" else self.where_en

    def text(self, lang: Lang) -> str:
        """'Regel 'x', factor (treatments.x.factor): moet minstens 0 zijn'."""
        place = self.where(lang)
        if self.field not in ("-", "") and self.field != place:
            place = f"{place} ({self.field})"
        return f"{place}: {self.message(lang)}"


def problem(
    field: str,
    code: str,
    catalogue: Catalogue | None = None,
    level: Level = "error",
    **fields: Any,
) -> ProposalProblem:
    """A problem whose message is ``workbench.problem.<code>`` with ``fields`` filled in."""
    where = {lg: field_place(field, catalogue, lg) for lg in ("nl", "en")}
    texts = {
        lg: t(f"workbench.problem.{code}", lg, **_localised(fields, lg)) for lg in ("nl", "en")
    }
    return ProposalProblem(field, where["nl"], where["en"], texts["nl"], texts["en"], level)


def _localised(fields: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """Fields may be given per language as ``{"nl": …, "en": …}``."""
    return {k: (v[lang] if isinstance(v, dict) and lang in v else v) for k, v in fields.items()}


# -- where: a key path in words -----------------------------------------------------------------

# Top-level keys of a proposal file and the keys below them that have a name in words.
PLACES = (
    "id",
    "name",
    "title",
    "description",
    "variant",
    "family",
    "threshold",
    "phase_in",
    "scope",
    "default_treatment",
    "default_factor",
    "default_rationale",
    "sources",
    "extends",
)
KEYS = (
    "measure",
    "value",
    "inclusive",
    "kind",
    "until",
    "years",
    "from",
    "treatment",
    "factor",
    "rationale",
    "eu_room",
    "threshold",
    "activities",
    "rule",
    "to",
    "domains",
    "ministries",
    "include_eu_derived",
    "cost_types",
    "nl",
    "en",
)
_INDEXED = re.compile(r"^(?P<name>[a-z_]+)\[(?P<index>\d+)\]$")


def _rule_title(rule_id: str, catalogue: Catalogue | None, lang: Lang) -> str:
    rule = catalogue.rules_by_id.get(rule_id) if catalogue is not None else None
    return pick(rule.title, lang) if rule is not None else rule_id


def field_place(field: str, catalogue: Catalogue | None, lang: Lang) -> str:
    """``treatments.arbo_rie.factor`` → "Regel 'RI&E opstellen' › factor" (in ``lang``)."""
    if field in ("", "-"):
        return t("workbench.where.file", lang)
    parts = field.split(".")
    head, rest = parts[0], parts[1:]
    indexed = _INDEXED.match(head)
    if head in ("treatments", "domains") and rest:
        name = (
            _rule_title(rest[0], catalogue, lang)
            if head == "treatments"
            else domain_label(rest[0], lang)
        )
        place = t(f"workbench.where.{head}", lang, name=name)
        rest = rest[1:]
    elif indexed is not None and indexed["name"] in ("steps", "law_changes"):
        place = t(f"workbench.where.{indexed['name']}", lang, number=int(indexed["index"]) + 1)
    else:
        place = t(f"workbench.where.{head}", lang) if head in PLACES else head
    for part in rest:
        place += " › " + (t(f"workbench.key.{part}", lang) if part in KEYS else part)
    return place


# -- the schema (pydantic) ----------------------------------------------------------------------

# Pydantic's location parts for validators and union members: not a key the author wrote.
_TYPE_TAG = re.compile(r"^(function-\w+\[.*\]|constrained-\w+|float|int|str|bool|date)$")

# Pydantic error types and the catalogue text that says the same (fields from ``ctx``).
_PYDANTIC: dict[str, str] = {
    "missing": "missing",
    "extra_forbidden": "unknown_key",
    "greater_than_equal": "at_least",
    "greater_than": "more_than",
    "less_than_equal": "at_most",
    "less_than": "less_than",
    "float_parsing": "number",
    "float_type": "number",
    "int_parsing": "whole_number",
    "int_type": "whole_number",
    "int_from_float": "whole_number",
    "finite_number": "number",
    "bool_parsing": "bool",
    "bool_type": "bool",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
    "date_type": "date",
    "string_type": "text",
    "string_too_short": "text_empty",
    "string_too_long": "text_long",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "list_type": "list",
    "literal_error": "one_of",
}

# The model validators' own messages (English, from checker.scenario_model) → catalogue text,
# and the field a whole-proposal check is about (pydantic reports those at the top).
_VALUE_ERRORS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), code, field)
    for pattern, code, field in (
        (r"^must be a finite number$", "number", ""),
        (r"^must be a number, not true/false$", "number_not_bool", ""),
        (r"^text must not be empty$", "text_empty", ""),
        (r"^a linear phase-in needs 'until'", "linear_needs_until", ""),
        (r"^a grace period needs 'years'", "grace_needs_years", ""),
        (r"^include_eu_derived needs eu_room", "scope_needs_eu_room", "scope.eu_room"),
        (r"^'lighter' needs a factor \(0–1\) or activity", "lighter_needs_factor", ""),
        (r"^'lighter' needs a factor", "lighter_needs_factor", ""),
        (r"^'lighter' takes either a factor", "factor_or_activities", ""),
        (r"^'(?P<treatment>\w+)' takes no factor", "no_factor", ""),
        (r"^default_treatment 'lighter' needs", "lighter_needs_factor", "default_factor"),
        (r"^default_factor only goes with", "default_factor_alone", "default_factor"),
        (r"^steps must be in increasing date order", "steps_order", "steps"),
        (
            r"^phase_in\.until \((?P<until>[^)]*)\) must lie above the threshold "
            r"\((?P<threshold>[^)]*)\)",
            "until_above_threshold",
            "phase_in.until",
        ),
    )
)


def _loc(loc: Iterable[Any]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif not _TYPE_TAG.match(str(item)):
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "-"


def _treatment_word(code: str) -> dict[str, str]:
    return {lg: treatment_label(code, lg) for lg in ("nl", "en")}


def _from_value_error(field: str, message: str, catalogue: Catalogue | None) -> ProposalProblem:
    for pattern, code, own_field in _VALUE_ERRORS:
        found = pattern.search(message)
        if found is None:
            continue
        fields: dict[str, Any] = dict(found.groupdict())
        if "treatment" in fields:
            fields["treatment"] = _treatment_word(fields["treatment"])
        return problem(
            own_field if field == "-" and own_field else field, code, catalogue, **fields
        )
    return problem(field, "untranslated", catalogue, message=message)


def from_validation_error(
    exc: ValidationError, catalogue: Catalogue | None = None
) -> list[ProposalProblem]:
    """Every schema problem of one proposal, translated; one per field and message."""
    out: list[ProposalProblem] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors():
        field = _loc(err["loc"])
        kind = str(err["type"])
        ctx = err.get("ctx") or {}
        if kind == "value_error":
            found = _from_value_error(
                field, str(err["msg"]).removeprefix("Value error, "), catalogue
            )
        elif kind in _PYDANTIC:
            fields: dict[str, Any] = {
                "limit": _number(ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt", ""))))),
                "expected": str(ctx.get("expected", "")).replace("'", ""),
                "max": ctx.get("max_length", ""),
            }
            code = _PYDANTIC[kind]
            found = problem(field, code, catalogue, **_used(code, fields))
        else:
            found = problem(field, "untranslated", catalogue, message=str(err["msg"]))
        if (found.field, found.en) not in seen:
            seen.add((found.field, found.en))
            out.append(found)
    return out


def _used(code: str, fields: dict[str, Any]) -> dict[str, Any]:
    wanted = placeholders(messages()[f"workbench.problem.{code}"].nl)
    return {k: v for k, v in fields.items() if k in wanted}


def _number(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return str(value)


# -- the catalogue checks (checker.proposal_checks) ---------------------------------------------


def _rule_fields(catalogue: Catalogue | None) -> Callable[[str], dict[str, str]]:
    def rule(rule_id: str) -> dict[str, str]:
        return {lg: _rule_title(rule_id, catalogue, lg) for lg in ("nl", "en")}

    return rule


def _measure(measure: str) -> dict[str, str]:
    m = MEASURES.get(measure)
    if m is None:
        return {"nl": measure, "en": measure}
    return {lg: pick(m.label, lg).lower() for lg in ("nl", "en")}


# The catalogue's own loading errors about ``extends`` (raised as text by the loader).
_EXTENDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^extends unknown scenario '(?P<parent>[^']*)'$"), "extends_unknown"),
    (re.compile(r"^extends chain is too long"), "extends_loop"),
)


def from_check(found: Problem, catalogue: Catalogue | None = None) -> ProposalProblem:
    """One problem of :func:`checker.proposal_checks.check_proposal`, translated by its code
    (names of rules, measures and kinds put in words); an ``extends`` error of the loader by
    its fixed English text.  Anything else is still shown, marked as untranslated."""
    code, fields = found.code, dict(found.fields)
    if code is None:
        for pattern, key in _EXTENDS:
            match = pattern.search(found.message)
            if match is not None:
                code, fields = key, dict(match.groupdict())
                break
    if code is None:
        return problem(found.field, "untranslated", catalogue, found.level, message=found.message)
    rule = _rule_fields(catalogue)
    if "rule" in fields:
        fields["rule"] = rule(fields["rule"])
    if "measure" in fields:
        fields["measure"] = _measure(fields["measure"])
    if "kind" in fields:
        fields["kind"] = {lg: kind_label(fields["kind"], lg) for lg in ("nl", "en")}
    return problem(found.field, code, catalogue, found.level, **fields)
