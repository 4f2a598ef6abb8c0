"""Applicability conditions: a small declarative tree over profile measures.

Conditions are data (YAML), never code: comparisons, ranges, set membership, SBI prefixes,
booleans, ``all``/``any``/``not``, ``at_least k of`` (the jaarrekening "two of three" test)
and ``ref`` to a named definition.  They are evaluated column-wise over a DataFrame of firms,
so one firm and two million firms go through exactly the same code.

Each node type owns every operation on it — evaluation, explanation, the numeric tests it
makes (for the growth view and validation), the values of a measure for which it can hold,
its own validation, and the substitution of a threshold (for a proposal that moves a law's
threshold) — so a new node type is added in one place.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal

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

if TYPE_CHECKING:
    from checker.trace import Explainer, TraceNode


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
MeasureKind = Literal["number", "bool", "category"]


@dataclass(frozen=True)
class NumericTest:
    """One numeric comparison a node makes: ``measure op value``."""

    measure: str
    op: str
    value: Value
    article: str | None


@dataclass(frozen=True)
class Interval:
    """Values of one measure for which a condition can hold (closed, possibly unbounded)."""

    lo: float = -math.inf
    hi: float = math.inf

    @property
    def empty(self) -> bool:
        return self.lo > self.hi

    def meet(self, other: Interval) -> Interval:
        return Interval(max(self.lo, other.lo), min(self.hi, other.hi))

    def join(self, other: Interval) -> Interval:
        if self.empty:
            return other
        if other.empty:
            return self
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))


EVERYTHING = Interval()
NOTHING = Interval(math.inf, -math.inf)


def _interval(op: str, value: float) -> Interval:
    if op == ">=":
        return Interval(value, math.inf)
    if op == ">":
        return Interval(math.nextafter(value, math.inf), math.inf)
    if op == "<=":
        return Interval(-math.inf, value)
    if op == "<":
        return Interval(-math.inf, math.nextafter(value, -math.inf))
    if op == "==":
        return Interval(value, value)
    return EVERYTHING


class ConditionChecker:
    """What node-level validation needs: measure kinds, parameters, definitions."""

    def __init__(
        self,
        measure_kinds: dict[str, str],
        parameters: dict[str, float | None],
        definitions: dict[str, Any],
    ) -> None:
        self.measure_kinds = measure_kinds
        self.parameters = parameters  # latest value of each parameter (None if unknown)
        self.definitions = definitions
        self.problems: list[str] = []

    def latest(self, value: Value) -> float | None:
        if isinstance(value, ParamRef):
            return self.parameters.get(value.param)
        return float(value)

    def measure(self, node: _Node, measure: str, wants: MeasureKind) -> None:
        kind = self.measure_kinds.get(measure)
        if kind is None:
            self.problems.append(f"unknown measure '{measure}'")
        elif kind != wants:
            self.problems.append(f"measure '{measure}' is {kind}, not usable in a {wants} test")

    def value(self, value: Value) -> None:
        if isinstance(value, ParamRef) and value.param not in self.parameters:
            self.problems.append(f"unknown parameter '{value.param}'")


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    label: Text | None = Field(default=None, description="plain-language name of this test")
    article: str | None = Field(
        default=None, description="article/lid where this test is laid down"
    )

    # -- structure -------------------------------------------------------------------------
    def children(self) -> list[Any]:
        return []

    def own_measure(self) -> str | None:
        return None

    def numeric_tests(self) -> list[NumericTest]:
        """The numeric comparisons this node itself makes (not its children's)."""
        return []

    # -- semantics ------------------------------------------------------------------------
    def compute(self, ctx: EvalContext) -> np.ndarray:
        raise NotImplementedError

    def explain(self, ex: Explainer) -> TraceNode:
        raise NotImplementedError

    def bounds(
        self, measure: str, definitions: dict[str, Any], params: dict[str, float]
    ) -> Interval:
        """Values of ``measure`` for which this node can hold, other measures left free."""
        return EVERYTHING

    def check(self, checker: ConditionChecker) -> None:
        """Node-level validation; problems are appended to the checker."""

    def substitute(self, measure: str, old: float, new: float, params: dict[str, float]) -> Any:
        """This node with every numeric test ``measure … old`` moved to ``new``."""
        kids = self.children()
        if not kids:
            return self
        return self._with_children([child.substitute(measure, old, new, params) for child in kids])

    def _with_children(self, kids: list[Any]) -> Any:
        return self


# ---------------------------------------------------------------------------------------------
# Leaves


def _resolved(value: Value, params: dict[str, float]) -> float | None:
    if isinstance(value, ParamRef):
        return params.get(value.param)
    return float(value)


class Compare(_Node):
    measure: str
    op: Literal[">=", ">", "<=", "<", "==", "!="]
    value: Value

    def own_measure(self) -> str | None:
        return self.measure

    def numeric_tests(self) -> list[NumericTest]:
        return [NumericTest(self.measure, self.op, self.value, self.article)]

    def compute(self, ctx: EvalContext) -> np.ndarray:
        threshold = ctx.resolve(self.value)
        key: tuple[Any, ...] = ("cmp", self.measure, self.op, threshold)
        hit = ctx.leaf_results.get(key)
        if hit is None:
            hit = np.asarray(OPS[self.op](ctx.columns[self.measure], threshold))
            ctx.leaf_results[key] = hit
        return hit

    def explain(self, ex: Explainer) -> TraceNode:
        res = ex.result(self)
        threshold = ex.ctx.resolve(self.value)
        symbol = OP_SYMBOL[self.op] if res else NEGATED_OP[self.op]
        shown = ex.fmt(self.measure, ex.value(self.measure))
        body = f"{shown} {symbol} {ex.fmt(self.measure, threshold, with_unit=False)}"
        return ex.leaf(self, res, body, threshold=threshold, op=self.op)

    def bounds(
        self, measure: str, definitions: dict[str, Any], params: dict[str, float]
    ) -> Interval:
        value = _resolved(self.value, params)
        if measure != self.measure or value is None:
            return EVERYTHING
        return _interval(self.op, value)

    def check(self, checker: ConditionChecker) -> None:
        checker.measure(self, self.measure, "number")
        checker.value(self.value)

    def substitute(self, measure: str, old: float, new: float, params: dict[str, float]) -> Any:
        value = _resolved(self.value, params)
        if measure == self.measure and value is not None and math.isclose(value, old):
            return self.model_copy(update={"value": float(new)})
        return self


class Between(_Node):
    """Inclusive range: lo <= measure <= hi."""

    measure: str
    between: tuple[Value, Value]

    def own_measure(self) -> str | None:
        return self.measure

    def numeric_tests(self) -> list[NumericTest]:
        lo, hi = self.between
        return [
            NumericTest(self.measure, ">=", lo, self.article),
            NumericTest(self.measure, "<=", hi, self.article),
        ]

    def compute(self, ctx: EvalContext) -> np.ndarray:
        col = ctx.columns[self.measure]
        lo, hi = (ctx.resolve(v) for v in self.between)
        key = ("between", self.measure, lo, hi)
        hit = ctx.leaf_results.get(key)
        if hit is None:
            hit = np.asarray((col >= lo) & (col <= hi))
            ctx.leaf_results[key] = hit
        return hit

    def explain(self, ex: Explainer) -> TraceNode:
        res = ex.result(self)
        lo, hi = (ex.ctx.resolve(v) for v in self.between)
        word = ex.words["between"] if res else ex.words["outside"]
        shown = ex.fmt(self.measure, ex.value(self.measure))
        body = (
            f"{shown} {word} {ex.fmt(self.measure, lo, False)} {ex.words['and']} "
            f"{ex.fmt(self.measure, hi, False)}"
        )
        return ex.leaf(self, res, body, threshold=[lo, hi])

    def bounds(
        self, measure: str, definitions: dict[str, Any], params: dict[str, float]
    ) -> Interval:
        lo, hi = (_resolved(v, params) for v in self.between)
        if measure != self.measure or lo is None or hi is None:
            return EVERYTHING
        return Interval(lo, hi)

    def check(self, checker: ConditionChecker) -> None:
        checker.measure(self, self.measure, "number")
        for value in self.between:
            checker.value(value)
        lo, hi = (checker.latest(v) for v in self.between)
        if lo is not None and hi is not None and lo > hi:
            checker.problems.append(f"between: lower bound {lo:g} above upper bound {hi:g}")

    def substitute(self, measure: str, old: float, new: float, params: dict[str, float]) -> Any:
        if measure != self.measure:
            return self
        values = [
            float(new) if (r := _resolved(v, params)) is not None and math.isclose(r, old) else v
            for v in self.between
        ]
        return self.model_copy(update={"between": (values[0], values[1])})


class InSet(_Node):
    measure: str
    in_: list[str] = Field(alias="in", min_length=1)

    def own_measure(self) -> str | None:
        return self.measure

    def compute(self, ctx: EvalContext) -> np.ndarray:
        allowed = set(self.in_)
        return _category_test(ctx.columns[self.measure], lambda v: v in allowed)

    def explain(self, ex: Explainer) -> TraceNode:
        res = ex.result(self)
        word = ex.words["in"] if res else ex.words["notin"]
        shown = ex.fmt(self.measure, ex.value(self.measure))
        body = f"{ex.measure_label(self.measure)} '{shown}' {word} {', '.join(self.in_)}"
        return ex.leaf(self, res, body, threshold=list(self.in_))

    def check(self, checker: ConditionChecker) -> None:
        checker.measure(self, self.measure, "category")


class Prefix(_Node):
    """Category measure starts with one of the prefixes (SBI '28' covers '2841')."""

    measure: str
    prefix: list[str] = Field(min_length=1)

    def own_measure(self) -> str | None:
        return self.measure

    def compute(self, ctx: EvalContext) -> np.ndarray:
        prefixes = tuple(self.prefix)
        return _category_test(ctx.columns[self.measure], lambda v: v.startswith(prefixes))

    def explain(self, ex: Explainer) -> TraceNode:
        res = ex.result(self)
        word = ex.words["starts"] if res else ex.words["notstarts"]
        shown = ex.fmt(self.measure, ex.value(self.measure))
        body = f"{ex.measure_label(self.measure)} {shown or '–'} {word} {', '.join(self.prefix)}"
        return ex.leaf(self, res, body, threshold=list(self.prefix))

    def check(self, checker: ConditionChecker) -> None:
        checker.measure(self, self.measure, "category")


class IsTrue(_Node):
    measure: str
    is_: bool = Field(alias="is")

    def own_measure(self) -> str | None:
        return self.measure

    def compute(self, ctx: EvalContext) -> np.ndarray:
        col = ctx.columns[self.measure].astype(bool)
        return col if self.is_ else ~col

    def explain(self, ex: Explainer) -> TraceNode:
        res = ex.result(self)
        shown = ex.fmt(self.measure, ex.value(self.measure))
        body = shown if self.label else f"{ex.measure_label(self.measure)}: {shown}"
        return ex.leaf(self, res, body, threshold=self.is_)

    def check(self, checker: ConditionChecker) -> None:
        checker.measure(self, self.measure, "bool")


# ---------------------------------------------------------------------------------------------
# Combinators


class AllOf(_Node):
    all: list[Condition] = Field(min_length=1)

    def children(self) -> list[Any]:
        return list(self.all)

    def _with_children(self, kids: list[Any]) -> Any:
        return self.model_copy(update={"all": kids})

    def compute(self, ctx: EvalContext) -> np.ndarray:
        out = evaluate(self.all[0], ctx).copy()
        for child in self.all[1:]:
            np.logical_and(out, evaluate(child, ctx), out=out)
        return out

    def explain(self, ex: Explainer) -> TraceNode:
        res = ex.result(self)
        kids = [ex.explain(c) for c in self.all]
        decisive = kids if res else [k for k in kids if not k.result]
        return ex.group(self, res, kids, "; ".join(k.text for k in decisive), "allof")

    def bounds(
        self, measure: str, definitions: dict[str, Any], params: dict[str, float]
    ) -> Interval:
        out = EVERYTHING
        for child in self.all:
            out = out.meet(child.bounds(measure, definitions, params))
        return out

    def check(self, checker: ConditionChecker) -> None:
        bounds: dict[str, Interval] = {}
        for child in self.all:
            for test in child.numeric_tests():
                value = checker.latest(test.value)
                if value is None or test.op == "!=":
                    continue
                cur = bounds.get(test.measure, EVERYTHING).meet(_interval(test.op, value))
                bounds[test.measure] = cur
                if cur.empty:
                    checker.problems.append(
                        f"contradictory thresholds on '{test.measure}': no value satisfies "
                        "all tests in this 'all'"
                    )
                    return


class AnyOf(_Node):
    any: list[Condition] = Field(min_length=1)

    def children(self) -> list[Any]:
        return list(self.any)

    def _with_children(self, kids: list[Any]) -> Any:
        return self.model_copy(update={"any": kids})

    def compute(self, ctx: EvalContext) -> np.ndarray:
        out = evaluate(self.any[0], ctx).copy()
        for child in self.any[1:]:
            np.logical_or(out, evaluate(child, ctx), out=out)
        return out

    def explain(self, ex: Explainer) -> TraceNode:
        res = ex.result(self)
        kids = [ex.explain(c) for c in self.any]
        decisive = [k for k in kids if k.result] if res else kids
        return ex.group(self, res, kids, "; ".join(k.text for k in decisive), "anyof")

    def bounds(
        self, measure: str, definitions: dict[str, Any], params: dict[str, float]
    ) -> Interval:
        out = NOTHING
        for child in self.any:
            out = out.join(child.bounds(measure, definitions, params))
        return out


class NotOf(_Node):
    not_: Condition = Field(alias="not")

    def children(self) -> list[Any]:
        return [self.not_]

    def _with_children(self, kids: list[Any]) -> Any:
        return self.model_copy(update={"not_": kids[0]})

    def compute(self, ctx: EvalContext) -> np.ndarray:
        return ~evaluate(self.not_, ctx)

    def explain(self, ex: Explainer) -> TraceNode:
        res = ex.result(self)
        child = ex.explain(self.not_)
        label = ex.label(self)
        if res:  # the excluded situation does not occur: say what the exclusion was
            text = f"{label} ({child.text})" if label else child.text
        else:  # the excluded situation holds: state it as the decisive fact
            has_label = getattr(self.not_, "label", None) is not None
            text = child.text if has_label else f"{ex.words['exception']}: {child.text}"
        return ex.node(res, text, "not", article=self.article, children=[child])

    def bounds(
        self, measure: str, definitions: dict[str, Any], params: dict[str, float]
    ) -> Interval:
        # The complement of an interval is only exact for a single test on this measure; for a
        # combination ("not (few employees and listed)") nothing can be said.
        if not (isinstance(self.not_, Compare | Between) and self.not_.measure == measure):
            return EVERYTHING
        inner = self.not_.bounds(measure, definitions, params)
        if inner.lo == -math.inf and inner.hi < math.inf:
            return Interval(math.nextafter(inner.hi, math.inf), math.inf)
        if inner.hi == math.inf and inner.lo > -math.inf:
            return Interval(-math.inf, math.nextafter(inner.lo, -math.inf))
        return EVERYTHING


class AtLeast(_Node):
    at_least: int = Field(ge=1)
    of: list[Condition] = Field(min_length=1)

    @model_validator(mode="after")
    def _k_le_n(self) -> AtLeast:
        if self.at_least > len(self.of):
            raise ValueError(f"at_least {self.at_least} of only {len(self.of)} conditions")
        return self

    def children(self) -> list[Any]:
        return list(self.of)

    def _with_children(self, kids: list[Any]) -> Any:
        return self.model_copy(update={"of": kids})

    def compute(self, ctx: EvalContext) -> np.ndarray:
        count = np.zeros(ctx.n, dtype=np.uint8)
        for child in self.of:
            count += evaluate(child, ctx).view(np.uint8)
        return count >= self.at_least

    def explain(self, ex: Explainer) -> TraceNode:
        res = ex.result(self)
        kids = [ex.explain(c) for c in self.of]
        passing = [k for k in kids if k.result]
        decisive = passing if res else kids
        body = "; ".join(k.text for k in decisive)
        body = f"{len(passing)} {ex.words['of']} {len(kids)} (≥ {self.at_least}): {body}"
        return ex.group(self, res, kids, body, "atleast")

    def bounds(
        self, measure: str, definitions: dict[str, Any], params: dict[str, float]
    ) -> Interval:
        out = NOTHING
        for child in self.of:
            out = out.join(child.bounds(measure, definitions, params))
        return out if self.at_least == 1 else EVERYTHING


class Ref(_Node):
    ref: str

    def compute(self, ctx: EvalContext) -> np.ndarray:
        return evaluate(ctx.definitions[self.ref], ctx)

    def explain(self, ex: Explainer) -> TraceNode:
        res = ex.result(self)
        child = ex.explain(ex.ctx.definitions[self.ref])
        label = ex.definition_labels.get(self.ref)
        head = label.get(ex.lang) if label is not None else self.ref
        return ex.node(res, f"{head}: {child.text}", "ref", article=self.article, children=[child])

    def bounds(
        self, measure: str, definitions: dict[str, Any], params: dict[str, float]
    ) -> Interval:
        target = definitions.get(self.ref)
        return EVERYTHING if target is None else target.bounds(measure, definitions, params)

    def check(self, checker: ConditionChecker) -> None:
        if self.ref not in checker.definitions:
            checker.problems.append(f"dangling reference '{self.ref}'")

    def substitute(self, measure: str, old: float, new: float, params: dict[str, float]) -> Any:
        # A definition is shared law (e.g. the jaarrekening classes); a proposal's law change
        # names the rule it moves, so shared definitions are not rewritten through a ref.
        return self


class Always(_Node):
    always: Literal[True]

    def compute(self, ctx: EvalContext) -> np.ndarray:
        return np.ones(ctx.n, dtype=bool)

    def explain(self, ex: Explainer) -> TraceNode:
        res = ex.result(self)
        return ex.node(res, ex.label(self) or ex.words["always"], "always", article=self.article)


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
UNION_TAGS = frozenset(tag for _key, tag in _KEY_TAGS)
_CLASS_TAGS: dict[type, str] = {
    AllOf: "all",
    AnyOf: "any",
    NotOf: "not",
    AtLeast: "at_least",
    Ref: "ref",
    Always: "always",
    Between: "between",
    InSet: "in",
    Prefix: "prefix",
    IsTrue: "is",
    Compare: "compare",
}


def _discriminate(value: Any) -> str | None:
    if isinstance(value, dict):
        for key, tag in _KEY_TAGS:
            if key in value:
                return tag
        return None
    return _CLASS_TAGS.get(type(value))


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

for _model in (AllOf, AnyOf, NotOf, AtLeast):
    _model.model_rebuild()


def walk(node: Any) -> Iterator[Any]:
    """All nodes of a condition tree, depth first (refs are not followed)."""
    yield node
    for child in node.children():
        yield from walk(child)


def walk_through_refs(node: Any, definitions: dict[str, Any], depth: int = 0) -> Iterator[Any]:
    """All nodes, following refs into their definitions (cycles are cut at depth 20)."""
    if depth > 20:
        return
    yield node
    if isinstance(node, Ref) and node.ref in definitions:
        yield from walk_through_refs(definitions[node.ref], definitions, depth + 1)
    for child in node.children():
        yield from walk_through_refs(child, definitions, depth)


def measures_used(node: Any, definitions: dict[str, Any] | None = None) -> list[str]:
    """Measures a condition reads, following refs into definitions; in first-use order."""
    seen: list[str] = []
    for n in walk_through_refs(node, definitions or {}):
        measure = n.own_measure()
        if measure and measure not in seen:
            seen.append(measure)
    return seen


def numeric_tests(node: Any, definitions: dict[str, Any] | None = None) -> list[NumericTest]:
    """Every numeric comparison in a condition, following refs into definitions."""
    return [t for n in walk_through_refs(node, definitions or {}) for t in n.numeric_tests()]


def check_condition(node: Any, checker: ConditionChecker) -> list[str]:
    """Validate every node of a condition (refs are checked, not followed)."""
    checker.problems = []
    for n in walk(node):
        n.check(checker)
    return list(dict.fromkeys(checker.problems))


# ---------------------------------------------------------------------------------------------
# Vectorised evaluation


@dataclass
class EvalContext:
    """Everything a condition needs: measure columns, resolved params, named definitions.

    ``results`` caches each node's boolean column by ``id(node)`` so that a shared definition
    is evaluated once per run, and so that the trace reads the very arrays the engine used.
    """

    columns: dict[str, Any]
    n: int
    date: dt.date
    params: dict[str, float]
    definitions: dict[str, Any]
    results: dict[int, np.ndarray] = field(default_factory=dict)
    leaf_results: dict[tuple[Any, ...], np.ndarray] = field(default_factory=dict)
    # Keep every node's column (for the trace of a firm) or only the shared definitions' (a
    # population of millions: a column per node would cost hundreds of megabytes).
    keep_all: bool = True
    # Keeps evaluated nodes alive so that ``id(node)`` keys in ``results`` stay unique.
    _alive: list[Any] = field(default_factory=list)
    _shared: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._shared = {id(d) for d in self.definitions.values()}

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
    result = node.compute(ctx)
    if ctx.keep_all or key in ctx._shared:
        ctx.results[key] = result
        ctx._alive.append(node)
    return result


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
