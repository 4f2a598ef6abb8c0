"""Explaining a result: why a rule applies to this firm, traced back to the article.

The trace reads the boolean arrays the vectorised engine produced for each condition node
(row ``i`` of a run), so the explanation describes exactly the computation that was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from checker.bilingual import Lang, pick
from checker.conditions import (
    NEGATED_OP,
    OP_SYMBOL,
    AllOf,
    Always,
    AnyOf,
    AtLeast,
    Between,
    Compare,
    EvalContext,
    InSet,
    IsTrue,
    NotOf,
    Prefix,
    Ref,
)
from checker.measures import MEASURES
from checker.numbers import fmt_measure_value

_WORDS = {
    "nl": {"assumed": "aangenomen", "yes": "ja", "no": "nee", "of": "van", "always": "geldt altijd",
           "not": "niet", "in": "is een van", "notin": "is geen van", "starts": "begint met",
           "notstarts": "begint niet met", "between": "tussen", "outside": "niet tussen", "and": "en",
           "exception": "uitzondering geldt"},
    "en": {"assumed": "assumed", "yes": "yes", "no": "no", "of": "of", "always": "always applies",
           "not": "not", "in": "is one of", "notin": "is none of", "starts": "starts with",
           "notstarts": "does not start with", "between": "between", "outside": "not between", "and": "and",
           "exception": "exception applies"},
}  # fmt: skip


@dataclass
class TraceNode:
    result: bool
    text: str
    kind: str
    measure: str | None = None
    value: Any = None
    threshold: Any = None
    op: str | None = None
    article: str | None = None
    assumed: bool = False
    children: list[TraceNode] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"result": self.result, "text": self.text, "kind": self.kind}
        for key in ("measure", "value", "threshold", "op", "article"):
            val = getattr(self, key)
            if val is not None:
                out[key] = val
        if self.assumed:
            out["assumed"] = True
        if self.children:
            out["children"] = [c.to_dict() for c in self.children]
        return out

    def leaves(self) -> list[TraceNode]:
        if not self.children:
            return [self]
        return [leaf for c in self.children for leaf in c.leaves()]


_UNITS = {
    "werknemers": {"nl": "werknemers", "en": "employees"},
    "personen": {"nl": "personen", "en": "persons"},
    "ontslagen": {"nl": "ontslagen", "en": "dismissals"},
    "uur/week": {"nl": "uur/week", "en": "hours/week"},
    "ton": {"nl": "ton", "en": "tonnes"},
}


class Explainer:
    def __init__(self, ctx: EvalContext, assumed: dict[str, np.ndarray], row: int, lang: Lang,
                 definition_labels: dict[str, Any]) -> None:  # fmt: skip
        self.ctx = ctx
        self.assumed = assumed
        self.row = row
        self.lang = lang
        self.words = _WORDS[lang]
        self.definition_labels = definition_labels

    def result(self, node: Any) -> bool:
        arr = self.ctx.results.get(id(node))
        if arr is None:  # not evaluated (e.g. short-circuit never happens here, but be safe)
            raise KeyError("condition node was not evaluated in this run")
        return bool(arr[self.row])

    def _value(self, measure: str) -> Any:
        col = self.ctx.columns[measure]
        value = col[self.row]
        if isinstance(value, np.generic):
            value = value.item()
        return value

    def _is_assumed(self, measure: str) -> bool:
        m = MEASURES[measure]
        return any(
            bool(self.assumed.get(f, np.zeros(self.row + 1, bool))[self.row]) for f in m.inputs
        )

    def _fmt(self, measure: str, value: Any, with_unit: bool = True) -> str:
        m = MEASURES[measure]
        if m.kind == "number":
            unit = _UNITS.get(m.unit, {}).get(self.lang, m.unit)
            if not with_unit and m.unit != "eur":
                unit = ""
            return fmt_measure_value(float(value), unit, self.lang)
        if m.kind == "bool":
            return self.words["yes"] if value else self.words["no"]
        return str(value)

    def explain_rule(self, rule: Any, date: Any) -> TraceNode:
        """The base rule and, when one holds, the exception that lifts it (with its article)."""
        base = self.explain(rule.applies_when)
        exceptions = rule.exceptions_on(date)
        if not exceptions:
            return base
        holding = [e for e in exceptions if self.result(e.when)]
        kids = [base]
        for exc in exceptions:
            node = self.explain(exc.when)
            node.article = node.article or exc.article
            node.text = f"{pick(exc.label, self.lang)} [{exc.article}]: {node.text}"
            kids.append(node)
        if not base.result or not holding:
            return TraceNode(base.result and not holding, base.text, "rule", children=kids)
        lifted = "; ".join(f"{pick(e.label, self.lang)} [{e.article}]" for e in holding)
        text = f"{base.text}; {self.words['exception']}: {lifted}"
        return TraceNode(False, text, "rule", article=holding[0].article, children=kids)

    def explain(self, node: Any) -> TraceNode:
        res = self.result(node)
        label = pick(node.label, self.lang) if getattr(node, "label", None) else ""
        article = getattr(node, "article", None)
        if isinstance(node, Compare | Between | InSet | Prefix | IsTrue):
            return self._leaf(node, res, label, article)
        if isinstance(node, Always):
            return TraceNode(res, label or self.words["always"], "always", article=article)
        if isinstance(node, Ref):
            definition = self.ctx.definitions[node.ref]
            child = self.explain(definition)
            def_label = self.definition_labels.get(node.ref)
            head = pick(def_label, self.lang) if def_label else node.ref
            text = f"{head}: {child.text}"
            return TraceNode(res, text, "ref", article=article, children=[child])
        if isinstance(node, NotOf):
            child = self.explain(node.not_)
            if res:  # the excluded situation does not occur: say what the exclusion was
                text = f"{label} ({child.text})" if label else child.text
            else:  # the exception holds: state it as the decisive fact
                has_label = getattr(node.not_, "label", None) is not None
                text = child.text if has_label else f"{self.words['exception']}: {child.text}"
            return TraceNode(res, text, "not", article=article, children=[child])
        kids = [
            self.explain(c)
            for c in (
                node.all
                if isinstance(node, AllOf)
                else node.any
                if isinstance(node, AnyOf)
                else node.of
            )
        ]
        if isinstance(node, AllOf):
            decisive = kids if res else [k for k in kids if not k.result]
        elif isinstance(node, AnyOf):
            decisive = [k for k in kids if k.result] if res else kids
        else:
            assert isinstance(node, AtLeast)
            passing = [k for k in kids if k.result]
            decisive = passing if res else kids
        body = "; ".join(k.text for k in decisive)
        if isinstance(node, AtLeast):
            count = sum(k.result for k in kids)
            body = f"{count} {self.words['of']} {len(kids)} (≥ {node.at_least}): {body}"
        text = f"{label} ({body})" if label else body
        return TraceNode(res, text, type(node).__name__.lower(), article=article, children=kids)

    def _leaf(self, node: Any, res: bool, label: str, article: str | None) -> TraceNode:
        measure = node.measure
        value = self._value(measure)
        m = MEASURES[measure]
        shown = self._fmt(measure, value)
        assumed = self._is_assumed(measure)
        threshold: Any = None
        op: str | None = None
        if isinstance(node, Compare):
            threshold = self.ctx.resolve(node.value)
            op = node.op
            symbol = OP_SYMBOL[node.op] if res else NEGATED_OP[node.op]
            body = f"{shown} {symbol} {self._fmt(measure, threshold, with_unit=False)}"
        elif isinstance(node, Between):
            lo, hi = (self.ctx.resolve(v) for v in node.between)
            threshold = [lo, hi]
            word = self.words["between"] if res else self.words["outside"]
            body = (
                f"{shown} {word} {self._fmt(measure, lo, False)} {self.words['and']} "
                f"{self._fmt(measure, hi, False)}"
            )
        elif isinstance(node, InSet):
            threshold = list(node.in_)
            word = self.words["in"] if res else self.words["notin"]
            body = f"{pick(m.label, self.lang)} '{shown}' {word} {', '.join(node.in_)}"
        elif isinstance(node, Prefix):
            threshold = list(node.prefix)
            word = self.words["starts"] if res else self.words["notstarts"]
            body = f"{pick(m.label, self.lang)} {shown or '–'} {word} {', '.join(node.prefix)}"
        else:
            threshold = node.is_
            body = shown if label else f"{pick(m.label, self.lang)}: {shown}"
        if isinstance(node, Compare | Between) and m.unit in (
            "eur",
            "kWh",
            "m3",
            "TJ",
            "ton",
            "uur/week",
        ):
            body = f"{pick(m.label, self.lang)} {body}"
        if assumed:
            body += f" ({self.words['assumed']})"
        if article:
            body += f" [{article}]"
        if label and not isinstance(node, Compare | Between):
            body = f"{label}: {body}"
        return TraceNode(res, body, "leaf", measure=measure, value=value, threshold=threshold, op=op,
                         article=article, assumed=assumed)  # fmt: skip
