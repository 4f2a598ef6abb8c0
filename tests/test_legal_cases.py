"""Legal cases: the law's own boundaries, written by hand from the statute wording.

Every file under ``tests/cases/`` holds cases a policy officer can read: a firm, a date, the
article and its wording ("in de regel ten hoogste 25 werknemers"), and what the law says for
that firm ("applies" or "not_applicable").  The expectations are typed from the statute, never
computed from the catalogue, so a ``>`` where the law says ``≥`` fails here even though the
generated plumbing tests in ``test_boundaries.py`` would still pass.

A second group of tests walks the catalogue itself: every rule has a status, a dated validity,
an article and a link of the right shape, and every size threshold in force has a case just
below, at and just above it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, Field

from checker.api import CheckResult, check
from checker.catalogue import Catalogue
from checker.conditions import Between, Compare, ParamRef, Ref, walk
from checker.measures import MEASURES
from checker.rule_model import COVERED_FROM, Rule

CASES_DIR = Path(__file__).parent / "cases"


class Boundary(BaseModel):
    """Which size threshold a case probes: the measure and the statutory number N."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    measure: str
    at: float


class LegalCase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=10)
    rule: str
    article: str
    wording: str = Field(min_length=3)
    date: dt.date
    profile: dict[str, Any]
    expect: str = Field(pattern="^(applies|not_applicable)$")
    boundary: Boundary | None = None
    proposal: str | None = None
    expect_proposal: str | None = Field(
        default=None, pattern="^(exempt|lighter|unchanged|not_applicable)$"
    )


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    law: str
    cases: list[LegalCase] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedCase:
    file: str
    case: LegalCase


@cache
def _load_cases() -> tuple[LoadedCase, ...]:
    import yaml

    out: list[LoadedCase] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = CaseFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        out.extend(LoadedCase(path.name, c) for c in data.cases)
    return tuple(out)


CASES = _load_cases()


@cache
def _result(index: int) -> CheckResult:
    case = CASES[index].case
    return check(case.profile, scenario=case.proposal, date=case.date)


def _applies(result: CheckResult, rule_id: str) -> tuple[bool, str]:
    """(applies, effective proposal treatment); a rule that is not law that day does not apply."""
    for r in result.rules:
        if r.rule.id == rule_id:
            return r.applies_now, r.treatment
    return False, "not_applicable"


def test_case_files_exist_and_names_are_unique() -> None:
    assert len(CASES) >= 200
    names = [c.case.name for c in CASES]
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c.case.name for c in CASES])
def test_legal_case(index: int, catalogue: Catalogue) -> None:
    loaded = CASES[index]
    case = loaded.case
    assert case.rule in catalogue.rules_by_id, f"{loaded.file}: unknown rule {case.rule}"
    applies, treatment = _applies(_result(index), case.rule)
    assert ("applies" if applies else "not_applicable") == case.expect, (
        f"{loaded.file}: {case.article} — '{case.wording}'"
    )
    if case.expect_proposal is not None:
        assert treatment == case.expect_proposal, f"{loaded.file}: proposal {case.proposal}"


# ---------------------------------------------------------------------------------------------
# The catalogue's own shape: status, dates, article, link


_BWB_URL = re.compile(r"^https://wetten\.overheid\.nl/(jci1\.3:c:)?(BWBR\d{7})")
_EURLEX_URL = re.compile(
    r"^https://eur-lex\.europa\.eu/legal-content/[A-Z]{2}/TXT/\?uri=CELEX:(3\d{4}[A-Z]\d{4})"
)
_BILL_URL = ("https://www.tweedekamer.nl/", "https://zoek.officielebekendmakingen.nl/")

# Rules whose article number was not found in any text read; the citation names the duty
# instead of guessing a number (the guess stays in confidence.note).  Each entry is a known gap.
_ARTICLE_NUMBER_NOT_FOUND = {
    "onderzoeksplicht_energiebesparing": "Bal article not in the texts read (possibly art. 5.15d)",
}


def test_every_rule_has_status_dates_article_and_link(catalogue: Catalogue) -> None:
    problems: list[str] = []
    for rule in catalogue.rules:
        lb = rule.legal_basis
        if rule.status != "in_force" and rule.legislative_ref is None:
            problems.append(f"{rule.id}: status {rule.status} without legislative_ref")
        if rule.valid_until is not None and rule.valid_until < rule.valid_from:
            problems.append(f"{rule.id}: validity ends before it starts")
        if not re.search(r"\d", lb.article) and rule.id not in _ARTICLE_NUMBER_NOT_FOUND:
            problems.append(f"{rule.id}: article '{lb.article}' names no article number")
        if rule.id in _ARTICLE_NUMBER_NOT_FOUND and re.search(r"\d", lb.article):
            problems.append(f"{rule.id}: article number found, drop it from the known gaps")
        if lb.bwb_id is not None:
            m = _BWB_URL.match(lb.url)
            if m is None or m.group(2) != lb.bwb_id:
                problems.append(
                    f"{rule.id}: national law needs a wetten.overheid.nl link with {lb.bwb_id}"
                )
        elif lb.celex is not None:
            m = _EURLEX_URL.match(lb.url)
            if m is None or m.group(1) != lb.celex:
                problems.append(f"{rule.id}: EU law needs an EUR-Lex link with CELEX {lb.celex}")
        elif not (rule.status == "bill" and lb.url.startswith(_BILL_URL)):
            problems.append(f"{rule.id}: no BWB id or CELEX (only a bill may link to parliament)")
        if rule.eu_fixed and not rule.eu_derived:
            problems.append(f"{rule.id}: eu_fixed without eu_derived")
    assert problems == []


def test_arbowet_links_share_one_consolidation_date(catalogue: Catalogue) -> None:
    dates = {
        re.search(r"&z=(\d{4}-\d{2}-\d{2})", r.legal_basis.url).group(1)  # type: ignore[union-attr]
        for r in catalogue.rules
        if r.legal_basis.bwb_id == "BWBR0010346"
    }
    assert len(dates) == 1, dates


def test_proposals_leave_eu_fixed_rules_unchanged(catalogue: Catalogue) -> None:
    fixed = {r.id for r in catalogue.rules if r.eu_fixed}
    for scenario in catalogue.scenarios.values():
        bad = [
            rid
            for rid, t in scenario.treatments.items()
            if rid in fixed and t.treatment != "unchanged"
        ]
        assert bad == [], scenario.id
        if scenario.scope.include_eu_derived:
            assert scenario.default_treatment == "unchanged" or all(
                rid in scenario.treatments for rid in fixed
            ), scenario.id


# ---------------------------------------------------------------------------------------------
# Every size threshold in force has cases at N−1, N and N+1


# Measures that are codes or categories, not a headcount or an amount: no N±1 boundary.
_NOT_A_SIZE = {"annual_accounts_class_prev", "financial_year_number"}


def _step(measure: str) -> float:
    return 0.01 if MEASURES[measure].unit == "TJ" else 1.0


@dataclass(frozen=True)
class Threshold:
    owner: str  # a rule id, or a definition id reached through a rule
    measure: str
    value: float | str  # a number, or the id of a dated parameter
    users: frozenset[str] = field(default_factory=frozenset)  # rules a case may name


def _numeric_tests(cond: Any) -> list[tuple[str, float | str]]:
    out: list[tuple[str, float | str]] = []
    for node in walk(cond):
        if isinstance(node, Compare):
            out.append((node.measure, _raw(node.value)))
        elif isinstance(node, Between):
            out.extend((node.measure, _raw(v)) for v in node.between)
    return [(m, v) for m, v in out if m not in _NOT_A_SIZE]


def _raw(value: Any) -> float | str:
    return value.param if isinstance(value, ParamRef) else float(value)


def _refs(cond: Any, catalogue: Catalogue, seen: frozenset[str] = frozenset()) -> set[str]:
    found: set[str] = set()
    for node in walk(cond):
        if isinstance(node, Ref) and node.ref not in seen:
            found.add(node.ref)
            found |= _refs(catalogue.definitions[node.ref].condition, catalogue, seen | {node.ref})
    return found


def _law_in_covered_period(rule: Rule) -> bool:
    """Law (not a bill or untransposed directive) on some date from 2020 on."""
    ends_in_time = rule.valid_until is None or rule.valid_until >= COVERED_FROM
    return rule.status in ("in_force", "adopted") and ends_in_time


def _thresholds(catalogue: Catalogue) -> list[Threshold]:
    rules = [r for r in catalogue.rules if _law_in_covered_period(r)]
    users: dict[str, set[str]] = {}
    out: list[Threshold] = []
    for rule in rules:
        conditions = [rule.applies_when, *(e.when for e in rule.exceptions)]
        for cond in conditions:
            out += [Threshold(rule.id, m, v, frozenset({rule.id})) for m, v in _numeric_tests(cond)]
            for ref in _refs(cond, catalogue):
                users.setdefault(ref, set()).add(rule.id)
    for did, definition in catalogue.definitions.items():
        if did in users:  # a definition no rule uses has no outcome to test
            out += [
                Threshold(did, m, v, frozenset(users[did]))
                for m, v in _numeric_tests(definition.condition)
            ]
    return sorted(set(out), key=lambda t: (t.owner, t.measure, str(t.value)))


def _probe_values(catalogue: Catalogue) -> dict[tuple[str, str, float], set[float]]:
    """(rule, measure, N) -> the measure values the cases actually probe (read from the engine)."""
    seen: dict[tuple[str, str, float], set[float]] = {}
    for i, loaded in enumerate(CASES):
        b = loaded.case.boundary
        if b is None:
            continue
        value = float(_result(i).evaluation.columns[b.measure][0])
        seen.setdefault((loaded.case.rule, b.measure, float(b.at)), set()).add(round(value, 6))
    return seen


def test_every_size_threshold_has_cases_below_at_and_above(catalogue: Catalogue) -> None:
    probes = _probe_values(catalogue)
    missing: list[str] = []
    for t in _thresholds(catalogue):
        if isinstance(t.value, str):
            candidates = [v.value for v in catalogue.parameters[t.value].values]
        else:
            candidates = [t.value]
        step = _step(t.measure)
        covered = False
        for n in candidates:
            want = {round(n - step, 6), round(n, 6), round(n + step, 6)}
            got: set[float] = set()
            for rid in t.users:
                got |= probes.get((rid, t.measure, float(n)), set())
            if want <= got:
                covered = True
                break
        if not covered:
            missing.append(f"{t.owner}: {t.measure} {t.value}")
    assert missing == [], f"{len(missing)} thresholds without N−1/N/N+1 cases"


def test_boundary_cases_probe_what_they_say(catalogue: Catalogue) -> None:
    """A case that names a boundary sits within one step of it (a typo would hide a gap)."""
    wrong = []
    for i, loaded in enumerate(CASES):
        b = loaded.case.boundary
        if b is None:
            continue
        assert b.measure in MEASURES, loaded.case.name
        value = float(_result(i).evaluation.columns[b.measure][0])
        if abs(value - b.at) > _step(b.measure) + 1e-6:
            wrong.append(f"{loaded.case.name}: {b.measure} = {value:g}, boundary {b.at:g}")
    assert wrong == []
