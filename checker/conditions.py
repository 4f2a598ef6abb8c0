"""Applicability conditions: a small declarative tree over profile measures.

Conditions are data (YAML), never code: comparisons, ranges, set membership, SBI prefixes,
booleans, ``all``/``any``/``not``, ``at_least k of`` (the jaarrekening "two of three" test)
and ``ref`` to a named definition.  They are evaluated column-wise over a DataFrame of firms,
so one firm and two million firms go through exactly the same code.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from checker.bilingual import Text


class ParamRef(BaseModel):
    """A threshold that refers to a dated legal amount in data/parameters.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    param: str


def _plain_number(value: Any) -> Any:
    """A threshold is a finite number: YAML ``true`` is not 1 and ``.nan`` turns no rule off."""
    if isinstance(value, bool):
        raise ValueError("a threshold value must be a number, not true/false")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("a threshold value must be a finite number, not .nan or .inf")
    return value


Value = Annotated[float, BeforeValidator(_plain_number)] | ParamRef

OPS: dict[str, Callable[[Any, Any], Any]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}
OP_SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}
NEGATED_OP = {">=": "<", ">": "≤", "<=": ">", "<": "≥", "==": "≠", "!=": "="}


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    label: Text | None = Field(default=None, description="plain-language name of this test")
    article: str | None = Field(
        default=None, description="article/lid where this test is laid down"
    )


class Compare(_Node):
    measure: str
    op: Literal[">=", ">", "<=", "<", "==", "!="]
    value: Value


class Between(_Node):
    """Inclusive range: lo <= measure <= hi."""

    measure: str
    between: tuple[Value, Value]


class InSet(_Node):
    measure: str
    in_: list[str] = Field(alias="in", min_length=1)


class Prefix(_Node):
    """Category measure starts with one of the prefixes (SBI '28' covers '2841')."""

    measure: str
    prefix: list[str] = Field(min_length=1)


class IsTrue(_Node):
    measure: str
    is_: bool = Field(alias="is")


class AllOf(_Node):
    all: list[Condition] = Field(min_length=1)


class AnyOf(_Node):
    any: list[Condition] = Field(min_length=1)


class NotOf(_Node):
    not_: Condition = Field(alias="not")


class AtLeast(_Node):
    at_least: int = Field(ge=1)
    of: list[Condition] = Field(min_length=1)

    @model_validator(mode="after")
    def _k_le_n(self) -> AtLeast:
        if self.at_least > len(self.of):
            raise ValueError(f"at_least {self.at_least} of only {len(self.of)} conditions")
        return self


class Ref(_Node):
    ref: str


class Always(_Node):
    always: Literal[True]


_KEY_TAGS = (
    ("all", "all"),
    ("any", "any"),
    ("not", "not"),
    ("at_least", "at_least"),
    ("ref", "ref"),
    ("always", "always"),
    ("between", "between"),
    ("in", "in"),
    ("prefix", "prefix"),
    ("is", "is"),
    ("op", "compare"),
)


def _discriminate(value: Any) -> str | None:
    if isinstance(value, dict):
        for key, tag in _KEY_TAGS:
            if key in value:
                return tag
        return None
    for cls, tag in _CLASS_TAGS.items():
        if isinstance(value, cls):
            return tag
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")]
    | Annotated[AtLeast, Tag("at_least")]
    | Annotated[Ref, Tag("ref")]
    | Annotated[Always, Tag("always")]
    | Annotated[Between, Tag("between")]
    | Annotated[InSet, Tag("in")]
    | Annotated[Prefix, Tag("prefix")]
    | Annotated[IsTrue, Tag("is")]
    | Annotated[Compare, Tag("compare")],
    Discriminator(
        _discriminate,
        custom_error_type="condition_kind",
        custom_error_message=(
            "unknown condition: use one of measure+op+value, between, in, prefix, is, "
            "all, any, not, at_least+of, ref, always"
        ),
    ),
]

_CLASS_TAGS: dict[type, str] = {
    AllOf: "all", AnyOf: "any", NotOf: "not", AtLeast: "at_least", Ref: "ref", Always: "always",
    Between: "between", InSet: "in", Prefix: "prefix", IsTrue: "is", Compare: "compare",
}  # fmt: skip

for _model in (AllOf, AnyOf, NotOf, AtLeast):
    _model.model_rebuild()

LeafNode = Compare | Between | InSet | Prefix | IsTrue


def children(node: Any) -> list[Any]:
    if isinstance(node, AllOf):
        return list(node.all)
    if isinstance(node, AnyOf):
        return list(node.any)
    if isinstance(node, NotOf):
        return [node.not_]
    if isinstance(node, AtLeast):
        return list(node.of)
    return []


def walk(node: Any) -> Iterator[Any]:
    """All nodes of a condition tree, depth first (refs are not followed)."""
    yield node
    for child in children(node):
        yield from walk(child)


def measures_used(node: Any, definitions: dict[str, Any] | None = None) -> list[str]:
    """Measures a condition reads, following refs into definitions; in first-use order."""
    seen: list[str] = []

    def visit(n: Any, depth: int) -> None:
        if depth > 20:
            return
        if isinstance(n, Ref) and definitions and n.ref in definitions:
            visit(definitions[n.ref], depth + 1)
            return
        m = getattr(n, "measure", None)
        if m and m not in seen:
            seen.append(m)
        for c in children(n):
            visit(c, depth)

    visit(node, 0)
    return seen


# ---------------------------------------------------------------------------------------------
# Vectorised evaluation


@dataclass
class EvalContext:
    """Everything a condition needs: measure columns, resolved params, named definitions.

    ``results`` caches each node's boolean column by ``id(node)`` so that a shared definition
    is evaluated once per run, and so that the trace reads the very arrays the engine used.
    """

    columns: dict[str, np.ndarray]
    n: int
    date: dt.date
    params: dict[str, float]
    definitions: dict[str, Any]
    results: dict[int, np.ndarray] = field(default_factory=dict)
    leaf_results: dict[tuple[Any, ...], np.ndarray] = field(default_factory=dict)

    def resolve(self, value: Value) -> float:
        if isinstance(value, ParamRef):
            if value.param not in self.params:
                raise KeyError(f"parameter '{value.param}' has no value on {self.date}")
            return self.params[value.param]
        return float(value)


def evaluate(node: Any, ctx: EvalContext) -> np.ndarray:
    key = id(node)
    cached = ctx.results.get(key)
    if cached is not None:
        return cached
    result = _evaluate(node, ctx)
    ctx.results[key] = result
    return result


def _evaluate(node: Any, ctx: EvalContext) -> np.ndarray:
    if isinstance(node, Compare):
        key: tuple[Any, ...] = ("cmp", node.measure, node.op, ctx.resolve(node.value))
        hit = ctx.leaf_results.get(key)
        if hit is None:
            hit = np.asarray(OPS[node.op](ctx.columns[node.measure], ctx.resolve(node.value)))
            ctx.leaf_results[key] = hit
        return hit
    if isinstance(node, Between):
        col = ctx.columns[node.measure]
        lo, hi = (ctx.resolve(v) for v in node.between)
        key = ("between", node.measure, lo, hi)
        hit = ctx.leaf_results.get(key)
        if hit is None:
            hit = np.asarray((col >= lo) & (col <= hi))
            ctx.leaf_results[key] = hit
        return hit
    if isinstance(node, InSet):
        return _category_test(ctx.columns[node.measure], lambda v: v in set(node.in_))
    if isinstance(node, Prefix):
        prefixes = tuple(node.prefix)
        return _category_test(ctx.columns[node.measure], lambda v: v.startswith(prefixes))
    if isinstance(node, IsTrue):
        col = ctx.columns[node.measure].astype(bool)
        return col if node.is_ else ~col
    if isinstance(node, AllOf):
        out = evaluate(node.all[0], ctx).copy()
        for child in node.all[1:]:
            np.logical_and(out, evaluate(child, ctx), out=out)
        return out
    if isinstance(node, AnyOf):
        out = evaluate(node.any[0], ctx).copy()
        for child in node.any[1:]:
            np.logical_or(out, evaluate(child, ctx), out=out)
        return out
    if isinstance(node, NotOf):
        return ~evaluate(node.not_, ctx)
    if isinstance(node, AtLeast):
        count = np.zeros(ctx.n, dtype=np.uint8)
        for child in node.of:
            count += evaluate(child, ctx).view(np.uint8)
        return count >= node.at_least
    if isinstance(node, Ref):
        return evaluate(ctx.definitions[node.ref], ctx)
    if isinstance(node, Always):
        return np.ones(ctx.n, dtype=bool)
    raise TypeError(f"not a condition node: {node!r}")


def _category_test(col: Any, predicate: Callable[[str], bool]) -> np.ndarray:
    """Test a categorical column by evaluating the predicate once per distinct value."""
    import pandas as pd

    if isinstance(col, pd.Categorical):
        mask = np.array([predicate(str(c)) for c in col.categories] + [False], dtype=bool)
        return mask[np.where(col.codes < 0, len(col.categories), col.codes)]
    values = np.asarray(col, dtype=object)
    uniques, inverse = np.unique(values.astype(str), return_inverse=True)
    mask = np.array([predicate(u) for u in uniques], dtype=bool)
    return mask[inverse]
