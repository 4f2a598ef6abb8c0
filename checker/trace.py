"""Explaining a result: why a rule applies to this firm, traced back to the article.

The trace reads the boolean arrays the vectorised engine produced for each condition node
(row ``i`` of a run), so the explanation describes exactly the computation that was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from checker.bilingual import Lang, pick
from checker.conditions import EvalContext
from checker.i18n import fmt_measure_value, msg_key, t
from checker.measures import MEASURES

# Words of the explanation: message keys (checker/i18n/messages.yaml), looked up per language.
_WORDS = {
    "assumed": msg_key("common.assumed"),
    "yes": msg_key("common.yes"),
    "no": msg_key("common.no"),
    "of": msg_key("trace.of"),
    "always": msg_key("trace.always"),
    "not": msg_key("trace.not"),
    "in": msg_key("trace.in"),
    "notin": msg_key("trace.notin"),
    "starts": msg_key("trace.starts"),
    "notstarts": msg_key("trace.notstarts"),
    "between": msg_key("trace.between"),
    "outside": msg_key("trace.outside"),
    "and": msg_key("trace.and"),
    "exception": msg_key("trace.exception"),
}


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
    # For a reader's rendering (checker.ui.trace_view), beside the one-line ``text``:
    label: str = ""  # the condition's own words ('geen ondernemingsraad'), '' when it has none
    statement: str = ""  # a leaf's test without label, article or marks ('18 personen ≥ 10')
    assumed_fields: tuple[str, ...] = ()  # profile inputs behind this leaf that were assumed
    role: str = ""  # 'exception' for an exception of the rule (it holds = the rule is lifted)

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
    "werknemers": msg_key("unit.employees"),
    "personen": msg_key("unit.persons"),
    "ontslagen": msg_key("unit.dismissals"),
    "uur/week": msg_key("unit.hours_per_week"),
    "ton": msg_key("unit.tonnes"),
    "jaarwerkeenheden": msg_key("unit.annual_work_units"),
    "boekjaar": msg_key("unit.financial_year"),
    "klasse": msg_key("unit.size_class"),
    "uur": msg_key("unit.hours"),
}


class Explainer:
    """Explains one firm (row ``row``) of an evaluated run; node types supply the wording."""

    def __init__(
        self,
        ctx: EvalContext,
        assumed: dict[str, np.ndarray],
        row: int,
        lang: Lang,
        definition_labels: dict[str, Any],
    ) -> None:
        self.ctx = ctx
        self.assumed = assumed
        self.row = row
        self.lang = lang
        self.words = {word: t(key, lang) for word, key in _WORDS.items()}
        self.definition_labels = definition_labels

    # -- used by the node types --------------------------------------------------------------
    def result(self, node: Any) -> bool:
        arr = self.ctx.results.get(id(node))
        if arr is None:
            raise KeyError("condition node was not evaluated in this run")
        return bool(arr[self.row])

    def value(self, measure: str) -> Any:
        value = self.ctx.columns[measure][self.row]
        if isinstance(value, np.generic):
            value = value.item()
        return value

    def measure_label(self, measure: str) -> str:
        return pick(MEASURES[measure].label, self.lang)

    def label(self, node: Any) -> str:
        return pick(node.label, self.lang) if getattr(node, "label", None) else ""

    def is_assumed(self, measure: str) -> bool:
        return bool(self.assumed_fields(measure))

    def assumed_fields(self, measure: str) -> tuple[str, ...]:
        """The inputs of ``measure`` that were not given for this firm but assumed."""
        m = MEASURES[measure]
        return tuple(
            f for f in m.inputs if bool(self.assumed.get(f, np.zeros(self.row + 1, bool))[self.row])
        )

    def fmt(self, measure: str, value: Any, with_unit: bool = True) -> str:
        m = MEASURES[measure]
        if m.kind == "number":
            unit = t(_UNITS[m.unit], self.lang) if m.unit in _UNITS else m.unit
            if not with_unit and m.unit != "eur":
                unit = ""
            return fmt_measure_value(float(value), unit, self.lang)
        if m.kind == "bool":
            return self.words["yes"] if value else self.words["no"]
        return str(value)

    def node(
        self,
        result: bool,
        text: str,
        kind: str,
        *,
        article: str | None = None,
        children: list[TraceNode] | None = None,
    ) -> TraceNode:
        return TraceNode(result, text, kind, article=article, children=children or [])

    def group(self, node: Any, res: bool, kids: list[TraceNode], body: str, kind: str) -> TraceNode:
        label = self.label(node)
        text = f"{label} ({body})" if label else body
        return TraceNode(res, text, kind, article=node.article, children=kids, label=label)

    def leaf(
        self, node: Any, res: bool, body: str, *, threshold: Any = None, op: str | None = None
    ) -> TraceNode:
        measure = node.measure
        m = MEASURES[measure]
        label = self.label(node)
        numeric = node.numeric_tests()
        if numeric and m.unit in ("eur", "kWh", "m3", "TJ", "ton", "uur/week"):
            body = f"{pick(m.label, self.lang)} {body}"
        statement = body
        assumed_fields = self.assumed_fields(measure)
        assumed = bool(assumed_fields)
        if assumed:
            body += f" ({self.words['assumed']})"
        if node.article:
            body += f" [{node.article}]"
        if label and not numeric:
            body = f"{label}: {body}"
        return TraceNode(
            res,
            body,
            "leaf",
            measure=measure,
            value=self.value(measure),
            threshold=threshold,
            op=op,
            article=node.article,
            assumed=assumed,
            label=label,
            statement=statement,
            assumed_fields=assumed_fields,
        )

    # -- entry points ------------------------------------------------------------------------
    def explain(self, node: Any) -> TraceNode:
        out: TraceNode = node.explain(self)
        if not out.label:  # a referenced definition is named by its own label
            ref = getattr(node, "ref", None)
            label = self.definition_labels.get(ref) if isinstance(ref, str) else None
            out.label = self.label(node) or (label.get(self.lang) if label is not None else "")
        return out

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
            node.label, node.role = pick(exc.label, self.lang), "exception"
            node.text = f"{pick(exc.label, self.lang)} [{exc.article}]: {node.text}"
            kids.append(node)
        if not base.result or not holding:
            return TraceNode(base.result and not holding, base.text, "rule", children=kids)
        lifted = "; ".join(f"{pick(e.label, self.lang)} [{e.article}]" for e in holding)
        text = f"{base.text}; {self.words['exception']}: {lifted}"
        return TraceNode(False, text, "rule", article=holding[0].article, children=kids)
