"""Loading and validating the catalogue: rules, definitions, scenarios and reference data.

Validation reports *every* problem as ``file: rule id: field: message`` rather than stopping
at the first, because the people who maintain rule files need the whole list to fix a batch
of edits.  Cross-file checks (duplicate ids, unknown measures, dangling references,
contradictory thresholds, scenarios naming unknown rules) run after each file parses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from checker.conditions import (
    UNION_TAGS,
    ConditionChecker,
    Ref,
    check_condition,
    measures_used,
    walk,
)
from checker.measures import MEASURES
from checker.problems import Problem
from checker.proposal_checks import check_proposal
from checker.reference_data import Basis, Parameter, Rate, Source, Tariff
from checker.rule_model import Definition, Omission, Rule, RuleFile
from checker.scenario_model import MAX_THRESHOLD, Scenario
from checker.yaml_loading import load_yaml

REPO_ROOT = Path(__file__).resolve().parents[1]


def default_root() -> Path:
    return Path(os.environ.get("DREMPELCHECK_ROOT", REPO_ROOT))


class CatalogueError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if p.level == "error"]
        problems = self.problems
        head = "\n".join(str(p) for p in problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the catalogue:\n{head}{more}")


@dataclass
class Catalogue:
    """The validated rule set with its reference data; immutable once loaded."""

    rules: list[Rule]
    definitions: dict[str, Definition]
    omissions: list[Omission]
    scenarios: dict[str, Scenario]
    sources: dict[str, Source]
    tariffs: dict[str, Tariff]
    rates: dict[str, Rate]
    parameters: dict[str, Parameter]
    rule_files: dict[str, str] = field(default_factory=dict)
    version_hash: str = ""
    # Abstract proposals (shared parts such as a family's threshold) as written, so a user's
    # file may ``extends:`` them as the shipped variants do.
    scenario_bases: dict[str, dict[str, Any]] = field(default_factory=dict)
    # With the user's changed assumptions applied (checker.assumptions.apply): the catalogue as
    # sourced, so every document can list what differs from the sourced values.
    sourced: Catalogue | None = field(default=None, compare=False, repr=False)

    @property
    def rules_by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def rules_valid_on(self, date: dt.date, *, include_pending: bool = False) -> list[Rule]:
        """The law on ``date``; with ``include_pending`` also bills and announced acts."""
        return [
            r
            for r in self.rules
            if r.counts_as_law(date) or (include_pending and r.pending_on(date))
        ]

    def params_on(self, date: dt.date) -> dict[str, float]:
        out: dict[str, float] = {}
        for pid, param in self.parameters.items():
            value = param.value_on(date)
            if value is not None:
                out[pid] = value
        return out

    def rate_values(self) -> dict[str, float]:
        return {rid: r.value for rid, r in self.rates.items()}

    def scenario(self, scenario_id: str) -> Scenario:
        """A shipped proposal, or one at another threshold via 'id@N' (e.g. metaalunie-25@50)
        or 'id@N@measure'."""
        base_id, _, value = scenario_id.partition("@")
        if base_id not in self.scenarios:
            known = ", ".join(sorted(self.scenarios))
            raise KeyError(f"unknown scenario '{base_id}' (known: {known})")
        scenario = self.scenarios[base_id]
        if not value:
            return scenario
        measure = None
        if "@" in value:
            value, measure = value.split("@", 1)
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            raise KeyError(f"threshold '{value}' in '{scenario_id}' is not a number") from None
        if not math.isfinite(number) or not 0 <= number <= MAX_THRESHOLD:
            raise KeyError(
                f"threshold '{value}' in '{scenario_id}' must be a number from 0 to {MAX_THRESHOLD:g}"
            )
        if measure is not None and (measure not in MEASURES or MEASURES[measure].kind != "number"):
            raise KeyError(f"unknown numeric measure '{measure}' in '{scenario_id}'")
        return scenario.at_threshold(number, measure)

    def basis_counts(self) -> dict[str, int]:
        """How many burden figures are sourced and how many are assumptions."""
        sourced = assumed = 0
        for rule in self.rules:
            for act in rule.activities:
                if act.basis.is_assumption:
                    assumed += 1
                else:
                    sourced += 1
        for t in self.tariffs.values():
            sourced, assumed = (
                (sourced, assumed + 1) if t.basis.is_assumption else (sourced + 1, assumed)
            )
        for r in self.rates.values():
            sourced, assumed = (
                (sourced, assumed + 1) if r.basis.is_assumption else (sourced + 1, assumed)
            )
        return {"sourced": sourced, "assumption": assumed}


# ---------------------------------------------------------------------------------------------
# Loading


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _loc_to_field(loc: Iterable[Any]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "-"


def _pydantic_problems(
    exc: ValidationError, file: str, raw: Any, list_key: str | None, id_default: str
) -> list[Problem]:
    problems = []
    errors = exc.errors()
    # A value that fails every member of a union (a number or {param: …}) reports one error
    # per member; the "not a ParamRef" alternative only hides the useful one.
    specific = {tuple(e["loc"])[:-1] for e in errors if e["type"] not in _ALTERNATIVE_TYPES}
    for err in errors:
        if err["type"] in _ALTERNATIVE_TYPES and tuple(err["loc"])[:-1] in specific:
            continue
        loc = list(err["loc"])
        rule_id = id_default
        if list_key and len(loc) >= 2 and loc[0] == list_key and isinstance(loc[1], int):
            try:
                rule_id = str(raw[list_key][loc[1]].get("id", f"#{loc[1] + 1}"))
            except (AttributeError, IndexError, KeyError, TypeError):
                rule_id = f"#{loc[1] + 1}"
            loc = loc[2:]
        # Drop the union tags pydantic inserts (e.g. 'compare', 'all') from the location.
        loc = [p for p in loc if p not in _UNION_TAGS and not _is_type_tag(p)]
        message = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown key"
        problems.append(Problem(file, rule_id, _loc_to_field(loc), message))
    return problems


_UNION_TAGS = UNION_TAGS
_ALTERNATIVE_TYPES = {"model_type", "dict_type", "model_attributes_type"}
# Parts pydantic adds to a location for validators and union members ("function-before[…]",
# "float", "ParamRef"): not a field a rule author wrote.
_TYPE_TAG = re.compile(r"^(function-\w+\[.*\]|constrained-\w+|float|int|str|bool|ParamRef)$")


def _is_type_tag(part: Any) -> bool:
    return isinstance(part, str) and bool(_TYPE_TAG.match(part))


def _load_list(
    path: Path, root: Path, model: type[BaseModel], problems: list[Problem]
) -> list[Any]:
    file = _rel(path, root)
    try:
        raw = load_yaml(path)
    except Exception as exc:  # yaml errors carry their own line info
        problems.append(Problem(file, "-", "-", f"YAML error: {exc}"))
        return []
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(Problem(file, "-", "-", "expected a list of entries"))
        return []
    out = []
    adapter = TypeAdapter(model)
    for i, item in enumerate(raw):
        item_id = item.get("id", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
        try:
            out.append(adapter.validate_python(item))
        except ValidationError as exc:
            problems.extend(_pydantic_problems(exc, file, item, None, str(item_id)))
    return out


def _yaml_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_catalogue(rules_dir: Path | None = None, data_dir: Path | None = None) -> Catalogue:
    """Load and validate everything; raise :class:`CatalogueError` listing all problems."""
    catalogue, problems = _load(rules_dir, data_dir)
    if any(p.level == "error" for p in problems):
        raise CatalogueError(problems)
    assert catalogue is not None
    return catalogue


def validate(
    rules_dir: Path | None = None, data_dir: Path | None = None
) -> tuple[Catalogue | None, list[Problem]]:
    return _load(rules_dir, data_dir)


@dataclass
class _Reference:
    sources: dict[str, Source]
    tariffs: dict[str, Tariff]
    rates: dict[str, Rate]
    parameters: dict[str, Parameter]


@dataclass
class _RuleFiles:
    rules: list[Rule] = field(default_factory=list)
    definitions: dict[str, Definition] = field(default_factory=dict)
    omissions: list[Omission] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # rule/definition id -> file


def _load(rules_dir: Path | None, data_dir: Path | None) -> tuple[Catalogue | None, list[Problem]]:
    root = default_root()
    rules_dir = Path(rules_dir) if rules_dir else root / "rules"
    if data_dir is None:
        sibling = rules_dir.parent / "data"
        data_dir = sibling if (sibling / "tariffs.yaml").exists() else root / "data"
    base = rules_dir.parent
    problems: list[Problem] = []
    if not rules_dir.is_dir():
        return None, [Problem(str(rules_dir), "-", "-", "rules directory not found")]
    digest = hashlib.sha256()
    reference = _load_reference(data_dir, base, problems, digest)
    found = _load_rule_files(rules_dir, base, problems, digest)
    scenarios, scenario_files, bases = _load_proposals(
        rules_dir / "scenarios", base, problems, digest
    )
    catalogue = Catalogue(
        rules=found.rules,
        definitions=found.definitions,
        omissions=found.omissions,
        scenarios=scenarios,
        sources=reference.sources,
        tariffs=reference.tariffs,
        rates=reference.rates,
        parameters=reference.parameters,
        rule_files=found.files,
        version_hash=digest.hexdigest()[:12],
        scenario_bases=bases,
    )
    problems.extend(_cross_checks(catalogue, scenario_files))
    return catalogue, problems


def _load_reference(data_dir: Path, base: Path, problems: list[Problem], digest: Any) -> _Reference:
    """Sources, tariffs, rates and dated parameters (each file also feeds the version hash)."""
    sources: dict[str, Source] = {}
    for path in _yaml_files(data_dir / "sources"):
        for src in _load_list(path, base, Source, problems):
            if src.id in sources:
                problems.append(Problem(_rel(path, base), src.id, "id", "duplicate source id"))
            sources[src.id] = src
    tariffs = _index(
        _load_list(data_dir / "tariffs.yaml", base, Tariff, problems), "tariffs.yaml", problems
    )
    rates = _index(
        _load_list(data_dir / "rates.yaml", base, Rate, problems), "rates.yaml", problems
    )
    param_items: list[Any] = _load_list(data_dir / "parameters.yaml", base, Parameter, problems)
    for path in _yaml_files(data_dir / "parameters"):
        param_items.extend(_load_list(path, base, Parameter, problems))
    parameters = _index(param_items, "parameters.yaml", problems)
    for path in [
        data_dir / "tariffs.yaml",
        data_dir / "rates.yaml",
        data_dir / "parameters.yaml",
        *_yaml_files(data_dir / "parameters"),
        *_yaml_files(data_dir / "sources"),
    ]:
        if path.exists():
            digest.update(path.read_bytes())
    return _Reference(sources, tariffs, rates, parameters)


def _load_rule_files(
    rules_dir: Path, base: Path, problems: list[Problem], digest: Any
) -> _RuleFiles:
    """Rules, definitions and omissions from every file; ids unique across files."""
    found = _RuleFiles()
    seen_ids: dict[str, str] = {}
    for path in _yaml_files(rules_dir):
        file = _rel(path, base)
        digest.update(path.name.encode() + path.read_bytes())
        parsed = _parse_rule_file(path, file, problems)
        if parsed is None:
            continue
        items: list[Rule | Definition | Omission] = [
            *parsed.rules,
            *parsed.definitions,
            *parsed.omissions,
        ]
        for item in items:
            if item.id in seen_ids:
                problems.append(
                    Problem(file, item.id, "id", f"duplicate id (also in {seen_ids[item.id]})")
                )
                continue
            seen_ids[item.id] = file
        for rule in parsed.rules:
            found.rules.append(rule)
            found.files[rule.id] = file
        for definition in parsed.definitions:
            found.definitions[definition.id] = definition
            found.files[definition.id] = file
        found.omissions.extend(parsed.omissions)
    return found


def _parse_rule_file(path: Path, file: str, problems: list[Problem]) -> RuleFile | None:
    try:
        raw = load_yaml(path)
    except Exception as exc:  # YAML errors (syntax, duplicate keys, expansion) carry their line
        problems.append(Problem(file, "-", "-", f"YAML error: {exc}"))
        return None
    if raw is None:
        return None
    if not isinstance(raw, dict):
        problems.append(
            Problem(file, "-", "-", "expected a mapping with 'rules', 'definitions' or 'omissions'")
        )
        return None
    try:
        return RuleFile.model_validate(raw)
    except ValidationError as exc:
        problems.extend(_rule_file_problems(exc, file, raw))
        # Keep the entries that are valid so cross checks still run on them.
        return _salvage(raw)


def _load_proposals(
    directory: Path, base: Path, problems: list[Problem], digest: Any
) -> tuple[dict[str, Scenario], dict[str, str], dict[str, dict[str, Any]]]:
    """The shipped proposals, their files and the abstract bases; one may ``extends: <id>``
    another and override only what differs, so a variant at another threshold or on FTE is a
    few lines of data, not a copied file."""
    scenarios: dict[str, Scenario] = {}
    scenario_files: dict[str, str] = {}
    raw_scenarios: list[tuple[str, Any]] = []
    for path in _yaml_files(directory):
        file = _rel(path, base)
        digest.update(path.name.encode() + path.read_bytes())
        try:
            raw_scenarios.append((file, load_yaml(path)))
        except Exception as exc:  # YAML errors carry their line
            problems.append(Problem(file, path.stem, "-", f"YAML error: {exc}"))
    raw_by_id = {
        str(raw.get("id")): raw
        for _f, raw in raw_scenarios
        if isinstance(raw, dict) and "id" in raw
    }
    for file, raw in raw_scenarios:
        sid = str(raw.get("id", "-")) if isinstance(raw, dict) else "-"
        if isinstance(raw, dict) and raw.get("abstract") is True:
            continue  # shared parts for `extends:` (e.g. the threshold of a family), not a proposal
        try:
            merged = resolve_extends(raw, raw_by_id)
        except ValueError as exc:
            problems.append(Problem(file, sid, "extends", str(exc)))
            continue
        try:
            scenario = Scenario.model_validate(merged)
        except ValidationError as exc:
            problems.extend(_pydantic_problems(exc, file, merged, None, sid))
            continue
        if scenario.id in scenarios:
            also = scenario_files[scenario.id]
            problems.append(
                Problem(file, scenario.id, "id", f"duplicate scenario id (also in {also})")
            )
        scenarios[scenario.id] = scenario
        scenario_files[scenario.id] = file
    bases = {
        sid: raw
        for sid, raw in raw_by_id.items()
        if isinstance(raw, dict) and raw.get("abstract") is True
    }
    return scenarios, scenario_files, bases


def resolve_extends(raw: Any, raw_by_id: dict[str, Any], depth: int = 0) -> Any:
    """Merge a scenario with the one it extends: its own keys win; treatments merge per rule."""
    if not isinstance(raw, dict) or "extends" not in raw:
        return raw
    parent_id = str(raw["extends"])
    if depth > 5:
        raise ValueError("extends chain is too long (or circular)")
    if parent_id not in raw_by_id:
        raise ValueError(f"extends unknown scenario '{parent_id}'")
    parent = resolve_extends(raw_by_id[parent_id], raw_by_id, depth + 1)
    merged = {k: v for k, v in parent.items() if k not in ("extends", "abstract")}
    for key, value in raw.items():
        if key == "extends":
            continue
        if (key in ("treatments", "domains") and isinstance(value, dict)) or (
            key in ("threshold", "scope") and isinstance(value, dict)
        ):
            merged[key] = {**parent.get(key, {}), **value}
        else:
            merged[key] = value
    return merged


def _index(items: list[Any], file: str, problems: list[Problem]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in items:
        if item.id in out:
            problems.append(Problem(f"data/{file}", item.id, "id", "duplicate id"))
        out[item.id] = item
    return out


def _rule_file_problems(exc: ValidationError, file: str, raw: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for key in ("rules", "definitions", "omissions"):
        items = raw.get(key) or []
        if not isinstance(items, list):
            problems.append(Problem(file, "-", key, "expected a list"))
            continue
        models: dict[str, type[BaseModel]] = {
            "rules": Rule,
            "definitions": Definition,
            "omissions": Omission,
        }
        model = models[key]
        for i, item in enumerate(items):
            item_id = item.get("id", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
            try:
                model.model_validate(item)
            except ValidationError as inner:
                problems.extend(_pydantic_problems(inner, file, item, None, str(item_id)))
    for key in raw:
        if key not in ("rules", "definitions", "omissions"):
            problems.append(Problem(file, "-", str(key), "unknown key"))
    if not problems:
        problems.extend(_pydantic_problems(exc, file, raw, "rules", "-"))
    return problems


def _salvage(raw: dict[str, Any]) -> RuleFile:
    out = RuleFile()
    for key, model in (("rules", Rule), ("definitions", Definition), ("omissions", Omission)):
        items = raw.get(key) or []
        if not isinstance(items, list):
            continue
        for item in items:
            try:
                getattr(out, key).append(model.model_validate(item))
            except ValidationError:
                continue
    return out


# ---------------------------------------------------------------------------------------------
# Cross-file checks


def _cross_checks(cat: Catalogue, scenario_files: dict[str, str]) -> list[Problem]:
    problems: list[Problem] = []
    defs = {k: v.condition for k, v in cat.definitions.items()}

    def basis_problem(file: str, rid: str, fld: str, basis: Basis) -> None:
        if basis.source is not None and basis.source not in cat.sources:
            problems.append(Problem(file, rid, fld, f"unknown source '{basis.source}'"))

    checker = ConditionChecker(
        {mid: m.kind for mid, m in MEASURES.items()},
        {pid: p.values[-1].value for pid, p in cat.parameters.items()},
        defs,
    )

    def check_cond(file: str, rid: str, fld: str, cond: Any) -> None:
        for message in check_condition(cond, checker):
            problems.append(Problem(file, rid, fld, message))

    for did, definition in cat.definitions.items():
        check_cond(cat.rule_files.get(did, "?"), did, "condition", definition.condition)
    cycle = _ref_cycle(defs)
    if cycle:
        problems.append(
            Problem(
                cat.rule_files.get(cycle[0], "?"),
                cycle[0],
                "condition",
                f"reference cycle: {' -> '.join(cycle)}",
            )
        )

    for rule in cat.rules:
        file = cat.rule_files.get(rule.id, "?")
        check_cond(file, rule.id, "applies_when", rule.applies_when)
        for i, exc in enumerate(rule.exceptions):
            check_cond(file, rule.id, f"exceptions[{i}].when", exc.when)
        if not measures_used(rule.applies_when, defs) and rule.kind == "obligation":
            problems.append(
                Problem(
                    file,
                    rule.id,
                    "applies_when",
                    "condition names no measure (every obligation has a size test or at least 'employees >= 1')",
                )
            )
        for i, act in enumerate(rule.activities):
            if act.tariff is not None and act.tariff not in cat.tariffs:
                problems.append(
                    Problem(
                        file,
                        rule.id,
                        f"activities[{i}].tariff",
                        f"unknown tariff class '{act.tariff}'",
                    )
                )
            basis_problem(file, rule.id, f"activities[{i}].basis", act.basis)
        for src in [*rule.sources, *rule.confidence.sources]:
            if src not in cat.sources:
                problems.append(Problem(file, rule.id, "sources", f"unknown source '{src}'"))
        if rule.workability:
            basis_problem(file, rule.id, "workability.basis", rule.workability.basis)

    for tid, tariff in cat.tariffs.items():
        basis_problem("data/tariffs.yaml", tid, "basis", tariff.basis)
    for rid, rate in cat.rates.items():
        basis_problem("data/rates.yaml", rid, "basis", rate.basis)
    for pid, param in cat.parameters.items():
        for i, value in enumerate(param.values):
            basis_problem("data/parameters.yaml", pid, f"values[{i}].basis", value.basis)

    from checker.defaults import RATES_USED

    for rate_id in [*RATES_USED, "gas_mj_per_m3"]:
        if cat.rates and rate_id not in cat.rates:
            problems.append(
                Problem(
                    "data/rates.yaml",
                    rate_id,
                    "id",
                    "rate needed by the profile defaults is missing",
                )
            )

    for sid, scenario in cat.scenarios.items():
        problems.extend(check_proposal(scenario, cat, scenario_files.get(sid, "?")))
    return problems


def _ref_cycle(defs: dict[str, Any]) -> list[str] | None:
    def refs(cond: Any) -> list[str]:
        return [n.ref for n in walk(cond) if isinstance(n, Ref)]

    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        stack.append(name)
        for r in refs(defs.get(name)) if name in defs else []:
            if state.get(r) == 1:
                return [*stack[stack.index(r) :], r]
            if state.get(r) is None and r in defs:
                found = visit(r)
                if found:
                    return found
        stack.pop()
        state[name] = 2
        return None

    for name in defs:
        if name not in state:
            found = visit(name)
            if found:
                return found
    return None
