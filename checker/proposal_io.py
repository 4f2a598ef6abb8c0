"""A proposal as a file and as a link: one writer and one reader for the app, the CLI and tests.

* :func:`dump_proposal` writes the YAML the catalogue reads from ``rules/scenarios/*.yaml``
  (same keys, same order as the model, no empty entries, whole numbers without ``.0``),
  so a proposal built in the app runs unchanged through ``python -m checker``.
* :func:`parse_proposal` reads one back all-or-nothing: size limit, the strict YAML reader
  (duplicate keys and alias bombs refused), ``extends:`` resolved against the shipped
  proposals, the schema, then the catalogue checks (and a linear phase-in must end above
  every threshold of the proposal, or its relief would never end).  Every problem names its
  field and is worded in Dutch and English (:mod:`checker.proposal_problems`); nothing raises.
* :func:`encode_link` / :func:`decode_link` carry a proposal in one URL parameter: compact
  JSON, zlib, base64url, with a length limit (:class:`LinkTooLong` says by how much) and a
  bounded decompression, so a crafted link cannot blow up the server.

``dump → parse`` gives back an equal :class:`~checker.scenario_model.Scenario` (tested).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from checker.problems import Problem
from checker.proposal_checks import check_proposal
from checker.proposal_problems import (
    ProposalProblem,
    from_check,
    from_validation_error,
    problem,
)
from checker.scenario_model import Scenario
from checker.yaml_loading import DuplicateKeyError, ExpansionError, loads_yaml

if TYPE_CHECKING:
    from checker.catalogue import Catalogue

MAX_PROPOSAL_BYTES = 200_000  # the largest shipped proposal is about 12 kB
MAX_LINK_CHARS = 6_000  # far below what browsers and servers accept in a URL
LINK_PARAM = "voorstel"
LINK_VERSION = "v1"


# -- writing ------------------------------------------------------------------------------------


def _tidy(value: Any) -> Any:
    """No empty lists/maps, no ``drop: false``, whole floats as ints (25 not 25.0)."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            item = _tidy(item)
            if item is None or item == [] or item == {}:
                continue
            if key == "drop" and item is False:
                continue
            out[key] = item
        return out
    if isinstance(value, list):
        return [_tidy(item) for item in value]
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def proposal_data(scenario: Scenario) -> dict[str, Any]:
    """The proposal as the plain mapping a proposal file holds (JSON types; dates as text)."""
    data = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    tidy: dict[str, Any] = _tidy(data)
    if "scope" not in tidy:
        tidy["scope"] = {"include_eu_derived": False}
    return tidy


def dump_proposal(scenario: Scenario, comment: str = "") -> str:
    """The proposal file (YAML) exactly as ``rules/scenarios/*.yaml`` is written."""
    data = proposal_data(scenario)
    for step in data.get("steps", []):
        step["from"] = dt.date.fromisoformat(step["from"])  # written as a plain YAML date
    body = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    head = "".join(f"# {line}\n".replace("# \n", "#\n") for line in comment.splitlines())
    return head + body


# -- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalLoad:
    """What reading a proposal gave: the proposal (None when any error) and every problem."""

    scenario: Scenario | None
    problems: tuple[ProposalProblem, ...]

    @property
    def errors(self) -> list[ProposalProblem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[ProposalProblem]:
        return [p for p in self.problems if p.level == "warning"]


def _failed(*problems: ProposalProblem) -> ProposalLoad:
    return ProposalLoad(None, tuple(problems))


_DUPLICATE = re.compile(r"^duplicate key '(?P<key>.*)' \(line (?P<line>\d+)\)$")


def _yaml_problem(exc: Exception) -> ProposalProblem:
    if isinstance(exc, DuplicateKeyError) and (found := _DUPLICATE.match(str(exc))):
        return problem("-", "duplicate_key", name=found["key"][:80], line=found["line"])
    if isinstance(exc, ExpansionError):
        return problem("-", "expansion")
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    detail = str(getattr(exc, "problem", None) or exc).strip()
    if line is not None:
        return problem("-", "yaml_line", line=line, detail=detail)
    return problem("-", "yaml", detail=detail)


def _shipped_raw(catalogue: Catalogue) -> dict[str, Any]:
    """What a user's file may extend: the shipped proposals and their abstract bases."""
    shipped = {sid: proposal_data(s) for sid, s in catalogue.scenarios.items()}
    return {**catalogue.scenario_bases, **shipped}


# Control characters (other than tab and newline) are invisible, break XML and crash the chart
# renderer; a proposal's texts may not contain them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _control_characters(raw: Any, path: str = "") -> list[ProposalProblem]:
    if isinstance(raw, dict):
        return [
            p
            for key, value in raw.items()
            for p in _control_characters(value, f"{path}.{key}" if path else str(key))
        ]
    if isinstance(raw, list):
        return [p for i, v in enumerate(raw) for p in _control_characters(v, f"{path}[{i}]")]
    if isinstance(raw, str) and _CONTROL.search(raw):
        return [problem(path or "-", "control_character")]
    return []


def proposal_from_data(raw: Any, catalogue: Catalogue) -> ProposalLoad:
    """Validate a proposal mapping (``extends`` resolved) against the schema and the law."""
    from checker.catalogue import resolve_extends

    if not isinstance(raw, dict):
        return _failed(problem("-", "not_mapping"))
    if raw.get("abstract") is True:
        return _failed(problem("abstract", "abstract_base", id=str(raw.get("id", "…"))))
    hidden = _control_characters(raw)
    if hidden:
        return _failed(*hidden[:20])
    try:
        merged = resolve_extends(raw, _shipped_raw(catalogue))
    except ValueError as exc:
        return _failed(from_check(Problem("-", "-", "extends", str(exc)), catalogue))
    try:
        scenario = Scenario.model_validate(merged)
    except ValidationError as exc:
        return _failed(*from_validation_error(exc, catalogue))
    found = (
        *_endless_phase_in(scenario),
        *(from_check(p, catalogue) for p in check_proposal(scenario, catalogue, "-")),
    )
    has_error = any(p.level == "error" for p in found)
    return ProposalLoad(None if has_error else scenario, found)


def _endless_phase_in(scenario: Scenario) -> list[ProposalProblem]:
    """A linear phase-in must end above every threshold of the proposal: above a domain or
    rule threshold it has no range to taper over, and the relief would run on without end."""
    phase_in = scenario.phase_in
    if phase_in is None or phase_in.kind != "linear" or phase_in.until is None:
        return []
    until = phase_in.until
    own = [(f"domains.{d}.threshold", e.threshold) for d, e in sorted(scenario.domains.items())]
    own += [
        (f"treatments.{r}.threshold", e.threshold) for r, e in sorted(scenario.treatments.items())
    ]
    return [
        problem(
            field,
            "until_above_domain",
            until=_both(until),
            threshold=_both(override.value),
        )
        for field, override in own
        if override is not None and override.value is not None and override.value >= until
    ]


def _both(value: float) -> dict[str, str]:
    from checker.i18n import fmt_number

    decimals = 0 if float(value).is_integer() else 2
    return {lg: fmt_number(value, lg, decimals=decimals) for lg in ("nl", "en")}


def parse_proposal(data: bytes | str, catalogue: Catalogue) -> ProposalLoad:
    """Read a proposal file (YAML text or bytes); never raises on bad input."""
    size = len(data.encode("utf-8") if isinstance(data, str) else data)
    if size > MAX_PROPOSAL_BYTES:
        return _failed(problem("-", "too_large", size=_kb(size), limit=_kb(MAX_PROPOSAL_BYTES)))
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return _failed(problem("-", "not_utf8"))
    else:
        text = data
    try:
        raw = loads_yaml(text)
    except yaml.YAMLError as exc:
        return _failed(_yaml_problem(exc))
    except (RecursionError, ValueError) as exc:
        return _failed(problem("-", "yaml", detail=str(exc)))
    return proposal_from_data(raw, catalogue)


def load_proposal_file(path: Path, catalogue: Catalogue) -> ProposalLoad:
    """A proposal file from disk (the CLI's ``scenarios validate FILE``)."""
    try:
        size = path.stat().st_size
        if size > MAX_PROPOSAL_BYTES:
            return _failed(problem("-", "too_large", size=_kb(size), limit=_kb(MAX_PROPOSAL_BYTES)))
        return parse_proposal(path.read_bytes(), catalogue)
    except OSError as exc:
        return _failed(problem("-", "unreadable", detail=exc.strerror or str(exc)))


def _kb(size: int) -> str:
    return f"{math.ceil(size / 1000):d} kB"


# -- links --------------------------------------------------------------------------------------


class LinkTooLong(ValueError):
    """The proposal does not fit in a link; ``length`` and ``limit`` in characters."""

    def __init__(self, length: int, limit: int = MAX_LINK_CHARS) -> None:
        super().__init__(f"the link would be {length} characters (limit {limit})")
        self.length = length
        self.limit = limit


def encode_link(scenario: Scenario) -> str:
    """The URL parameter value that carries ``scenario`` (``v1.<base64url(zlib(json))>``)."""
    payload = json.dumps(
        proposal_data(scenario), separators=(",", ":"), ensure_ascii=False, sort_keys=False
    ).encode("utf-8")
    packed = base64.urlsafe_b64encode(zlib.compress(payload, 9)).rstrip(b"=").decode("ascii")
    token = f"{LINK_VERSION}.{packed}"
    if len(token) > MAX_LINK_CHARS:
        raise LinkTooLong(len(token))
    return token


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key '{key}'")
        out[key] = value
    return out


def decode_link(token: str, catalogue: Catalogue) -> ProposalLoad:
    """The proposal a link carries, validated like a file; a broken link is one problem."""
    token = token.strip()
    if len(token) > MAX_LINK_CHARS:
        return _failed(problem("-", "link_too_long", length=len(token), limit=MAX_LINK_CHARS))
    version, _, packed = token.partition(".")
    if version != LINK_VERSION or not packed:
        return _failed(problem("-", "link_broken"))
    try:
        compressed = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
        inflater = zlib.decompressobj()
        payload = inflater.decompress(compressed, MAX_PROPOSAL_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            return _failed(problem("-", "link_broken"))
        raw = json.loads(payload.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError, RecursionError):
        return _failed(problem("-", "link_broken"))
    return proposal_from_data(raw, catalogue)
