"""Strict YAML loading: duplicate keys are an error, and no document may expand without bound.

PyYAML keeps the last of two equal keys, which would let a copy-paste slip quietly replace a
threshold.  Rule files are law-as-data, so we refuse them instead.

Aliases (``*name``) share one node, so a 356-byte "billion laughs" document is small while
parsed but expands to billions of values as soon as anything walks it (validation, JSON,
hashing).  Before a document is constructed its expanded size is counted once per distinct
node (linear in the file) and refused above :data:`MAX_EXPANDED_NODES`; recursive aliases and
nesting deeper than :data:`MAX_DEPTH` are refused as well.  The rule files use a handful of
aliases for shared rationales, far below the limit.

Profiles (:func:`loads_profile_yaml`) are read more strictly still: YAML 1.1 reads ``010`` as
8, ``1:30`` as 90 and ``yes``/``no``/``on``/``off`` as booleans, which is never what a firm
owner means.  The profile loader resolves scalars the YAML 1.2 way (only ``true``/``false``
are booleans, decimal numbers only) and refuses the scalars on which 1.1 and 1.2 disagree
with a message that says how to write them; aliases are not allowed in a profile at all.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

MAX_EXPANDED_NODES = 200_000
MAX_DEPTH = 50
MAX_ALIASES_IN_PROFILE = 0


class DuplicateKeyError(yaml.YAMLError):
    pass


class ExpansionError(yaml.YAMLError):
    """The document would expand beyond the limits (aliases, nesting)."""


class ProfileYamlError(yaml.YAMLError):
    """A profile document that is refused; ``nl``/``en`` say why and how to fix it."""

    def __init__(self, nl: str, en: str) -> None:
        super().__init__(en)
        self.nl = nl
        self.en = en


class AmbiguousScalarError(ProfileYamlError):
    """A profile scalar that YAML 1.1 and 1.2 read differently."""


def _expanded_size(root: yaml.Node) -> int:
    """Number of nodes after alias expansion; raises ExpansionError over the limits."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise ExpansionError(f"recursive alias (line {node.start_mark.line + 1})")
        if depth > MAX_DEPTH:
            raise ExpansionError(
                f"nested deeper than {MAX_DEPTH} levels (line {node.start_mark.line + 1})"
            )
        active.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size(child, depth + 1)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                total += size(k, depth + 1) + size(v, depth + 1)
        active.discard(key)
        if total > MAX_EXPANDED_NODES:
            raise ExpansionError(
                f"the document expands to more than {MAX_EXPANDED_NODES:,} values through "
                f"aliases (line {node.start_mark.line + 1})"
            )
        sizes[key] = total
        return total

    return size(root, 0)


class _StrictLoader(yaml.SafeLoader):
    def construct_document(self, node: yaml.Node) -> Any:
        _expanded_size(node)
        return super().construct_document(node)


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value", key_node.start_mark
            ) from None
        if key in mapping:
            raise DuplicateKeyError(f"duplicate key '{key}' (line {key_node.start_mark.line + 1})")
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

# Dates stay strings so that pydantic parses them and can name the field of a bad date
# ("valid_from: Input should be a valid date") instead of a bare YAML error.
_StrictLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# ---------------------------------------------------------------------------------------------
# Profiles: YAML 1.2 scalars, 1.1-only readings refused


_AMBIGUOUS_TAG = "tag:drempelcheck,2026:ambiguous"
_AMBIGUOUS = re.compile(
    r"""^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF
        |[-+]?0[0-7_]+                          # 1.1 octal: 010 -> 8
        |[-+]?0b[01_]+                          # 1.1 binary
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?   # 1.1 base 60: 1:30 -> 90
        |[-+]?[0-9][0-9]*_[0-9_]*(?:\.[0-9_]*)?  # 1_000 is 1000 in 1.1, text in 1.2
        |[-+]?0[0-9]+(?:\.[0-9]*)?)$""",
    re.X,
)
_RESOLVERS_12: tuple[tuple[str, re.Pattern[str], str], ...] = (
    (_AMBIGUOUS_TAG, _AMBIGUOUS, "yYnNoO-+0123456789"),
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    ("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+0123456789.",
    ),
)


def _ambiguous(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(node.value)
    line = node.start_mark.line + 1
    if text.lower() in ("y", "yes", "n", "no", "on", "off"):
        raise AmbiguousScalarError(
            f"regel {line}: '{text}' is in YAML dubbelzinnig (ja/nee of tekst?); schrijf true "
            f"of false, of zet tekst tussen aanhalingstekens",
            f"line {line}: '{text}' is ambiguous in YAML (yes/no or text?); write true or "
            f"false, or put text in quotes",
        )
    return _refuse_number(text, line)


def _refuse_number(text: str, line: int) -> Any:
    raise AmbiguousScalarError(
        f"regel {line}: '{text}' is in YAML dubbelzinnig (oudere lezers maken er een ander getal "
        f"van); schrijf het getal zonder voorloopnul, dubbele punt of liggend streepje, of zet "
        f"tekst tussen aanhalingstekens",
        f"line {line}: '{text}' is ambiguous in YAML (older readers turn it into another "
        f"number); write the number without a leading zero, colon or underscore, or put text "
        f"in quotes",
    )


MAX_INT_DIGITS = 20


def _bounded_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(node.value)
    if sum(c.isdigit() for c in text) > MAX_INT_DIGITS:
        line = node.start_mark.line + 1
        raise ProfileYamlError(
            f"regel {line}: getal met meer dan {MAX_INT_DIGITS} cijfers",
            f"line {line}: number with more than {MAX_INT_DIGITS} digits",
        )
    return int(text)


class _ProfileLoader(_StrictLoader):
    """Strict loader with YAML 1.2 scalar resolution and no aliases (profiles are flat data)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise ProfileYamlError(
                f"regel {event.start_mark.line + 1}: verwijzingen (*naam, &naam) zijn in een "
                "profiel niet toegestaan; schrijf elke waarde uit",
                f"line {event.start_mark.line + 1}: aliases (*name, &name) are not allowed in "
                "a profile; write every value out",
            )
        return super().compose_node(parent, index)


_ProfileLoader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in _RESOLVERS_12:
    for _char in _first:
        _ProfileLoader.yaml_implicit_resolvers.setdefault(_char, []).append((_tag, _regexp))
_ProfileLoader.yaml_implicit_resolvers.setdefault("", []).append(
    ("tag:yaml.org,2002:null", re.compile(r"^$"))
)
_ProfileLoader.add_constructor(_AMBIGUOUS_TAG, _ambiguous)
_ProfileLoader.add_constructor("tag:yaml.org,2002:int", _bounded_int)


def _load(stream: Any, loader: type[_StrictLoader]) -> Any:
    try:
        return yaml.load(stream, Loader=loader)
    except RecursionError:
        raise ExpansionError(f"nested deeper than {MAX_DEPTH} levels") from None


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return _load(handle, _StrictLoader)


def loads_yaml(text: str) -> Any:
    return _load(text, _StrictLoader)


def loads_profile_yaml(text: str) -> Any:
    """A profile document: YAML 1.2 scalars, no aliases, bounded (see the module docstring)."""
    return _load(text, _ProfileLoader)
