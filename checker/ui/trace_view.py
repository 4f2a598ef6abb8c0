"""The "Waarom?" of an obligation, written for an owner: each condition once, in words.

The engine's trace (:class:`checker.trace.TraceNode`) repeats itself on purpose — a group's
one-line text is its children's texts joined — and marks a test "(aangenomen)" when any input
behind it was filled in by a default, even when the owner typed the number shown.  Here the
trace is turned into a list an owner can read:

* every condition is shown once: a group shows its own words (or "all of these", "one of
  these"), never its children's texts again, and a sub-condition that appears twice says
  "see above";
* every state is written out ("voldaan", "niet voldaan"; for an exception "van toepassing"),
  the ✅/❌ is decoration beside the word, never the only sign;
* what was assumed is named with the field's label and why (the default's own explanation),
  and only where an assumption is behind the test;
* only the conditions that decide the outcome are listed (as the engine decides: a failed
  "all of" shows what failed, a met "one of" shows what was met).

No Streamlit here: tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.bilingual import Lang, pick
from checker.growth import HEADCOUNT_MEASURES
from checker.i18n import fmt_exact, has_message, legal_form_label, t
from checker.measures import MEASURES
from checker.trace import TraceNode
from checker.ui.firm_tables import md
from checker.ui.profiles import field_label

ICON = {True: "✅", False: "❌"}
COUNT_UNITS = ("werknemers", "personen")
INDENT = "  "


@dataclass(frozen=True)
class Assumed:
    """A profile input the owner left empty: the value used and the default's explanation."""

    value: Any
    explanation: str


@dataclass
class _Writer:
    lang: Lang
    assumed: Mapping[str, Assumed]
    lines: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    explained: set[str] = field(default_factory=set)  # assumed inputs already explained

    # -- words ---------------------------------------------------------------------------------
    def state(self, node: TraceNode) -> str:
        if node.role == "exception":
            if node.result:
                return t("firm.trace.exception_holds", self.lang)
            return t("firm.trace.exception_not", self.lang)
        return t("firm.trace.met" if node.result else "firm.trace.not_met", self.lang)

    def value(self, name: str, value: Any) -> str:
        if isinstance(value, bool):
            return t("common.yes" if value else "common.no", self.lang)
        if isinstance(value, int | float):
            return fmt_exact(float(value), self.lang, max_decimals=2)
        if name == "legal_form":
            return legal_form_label(str(value), self.lang)
        return str(value)

    def assumed_note(self, node: TraceNode) -> str:
        """'Uitzendkrachten langer dan 24 maanden: niet ingevuld — Aangenomen: geen …'."""
        parts = []
        for name in node.assumed_fields:
            found = self.assumed.get(name)
            if found is None:
                continue
            label = md(input_label(name, self.lang))
            if name in self.explained:  # said once; later only named
                parts.append(t("firm.trace.assumed_again", self.lang, field=label))
                continue
            self.explained.add(name)
            explanation = md(found.explanation)
            parts.append(t("firm.trace.assumed", self.lang, field=label, explanation=explanation))
        return " ".join(parts)

    def leaf_text(self, node: TraceNode, label: str | None = None) -> str:
        """A test in words: its label, the firm's value against the threshold, the article."""
        label = node.label if label is None else label
        measure = MEASURES.get(node.measure or "")
        statement = node.statement or node.text
        if measure is not None and measure.kind == "bool" and label:
            shown = self.value(measure.id, node.value)  # 'geen OR (heeft een OR: nee)'
            text = f"{md(label)} ({md(pick(measure.label, self.lang))}: {shown})"
            return self.decorated(node, text)
        if measure is not None and _own_count(measure.id):
            statement += f" ({pick(measure.label, self.lang)})"  # which law's count this is
        text = f"{md(label)}: {md(statement)}" if label else md(statement)
        return self.decorated(node, text)

    def decorated(self, node: TraceNode, text: str) -> str:
        """``text`` with the article and, where an input was assumed, what and why."""
        if node.article:
            text += f" \\[{md(node.article)}\\]"
        note = self.assumed_note(node)
        return f"{text} — _{note}_" if note else text

    # -- structure -----------------------------------------------------------------------------
    def line(self, depth: int, node: TraceNode, text: str) -> None:
        self.lines.append(f"{INDENT * depth}- {ICON[node.result]} **{self.state(node)}** — {text}")

    def heading(self, kind: str, label: str, article: str | None) -> str:
        """A group's own words; a group without a label says how its parts combine."""
        text = md(label) if label else t(f"firm.trace.group.{kind}", self.lang)
        if article:
            text += f" \\[{md(article)}\\]"
        return text

    def write(self, node: TraceNode, depth: int) -> None:
        if not node.children:
            self.line(depth, node, self.leaf_text(node))
            return
        kids = decisive(node)
        if node.kind == "not" and not node.label and len(kids) == 1 and not kids[0].children:
            # "not (has a works council)": the fact is the inner test; the state is the outer
            self.line(depth, node, self.leaf_text(kids[0]))
            return
        if node.kind != "not" and len(kids) == 1:
            only = kids[0]
            if not only.children:  # 'werkgever (ten minste één werknemer): 18 werknemers ≥ 1'
                label = node.label or only.label
                self.line(depth, node, self.leaf_text(only, label=label))
                return
            if node.kind == "ref" or not node.label or not only.label:
                # a named definition and its body, or a group in a group: one heading
                merged = node.label or only.label
                self.write_group(node, depth, merged, decisive(only), kind=only.kind)
                return
        self.write_group(node, depth, node.label, kids)

    def write_group(
        self,
        node: TraceNode,
        depth: int,
        label: str,
        kids: list[TraceNode],
        *,
        kind: str | None = None,
    ) -> None:
        text = self.heading(kind or node.kind, label, node.article)
        key = f"{node.kind}|{label}|{node.text}"
        if key in self.seen:
            self.line(depth, node, f"{text} {t('firm.trace.seen_above', self.lang)}")
            return
        self.seen.add(key)
        self.line(depth, node, text)
        shown: set[str] = set()
        for kid in kids:
            before = len(self.lines)
            self.write(kid, depth + 1)
            first = self.lines[before] if len(self.lines) > before else ""
            if first in shown:  # the same condition twice side by side: once is enough
                del self.lines[before:]
            shown.add(first)


def _own_count(measure: str) -> bool:
    """A head count that a law makes in its own way (not simply the employees typed)."""
    unit = MEASURES[measure].unit
    return measure in HEADCOUNT_MEASURES and measure != "employees" and unit in COUNT_UNITS


def input_label(name: str, lang: Lang) -> str:
    """A profile input named on its own ('Uitzendkrachten langer dan 24 maanden'): the
    stand-alone ``field_alone.<name>`` words where the form's label leans on the field above
    it ('…waarvan langer dan 24 maanden')."""
    if has_message(f"field_alone.{name}"):
        return t(f"field_alone.{name}", lang)
    return field_label(name, lang)


def decisive(node: TraceNode) -> list[TraceNode]:
    """The children that decide the outcome, as the engine decides it."""
    kids = node.children
    if node.kind == "allof":
        return kids if node.result else [k for k in kids if not k.result]
    if node.kind in ("anyof", "atleast"):
        return [k for k in kids if k.result] if node.result else kids
    return kids


def assumed_inputs(assumptions: Any) -> dict[str, Assumed]:
    """The check's assumptions (``CheckResult.assumptions``) by field."""
    return {a.field: Assumed(a.value, a.explanation) for a in assumptions}


def trace_markdown(root: TraceNode, lang: Lang, assumed: Mapping[str, Assumed]) -> str:
    """The trace as a Markdown list under a sentence that says whether the rule applies."""
    writer = _Writer(lang, assumed)
    intro = t("firm.trace.applies" if root.result else "firm.trace.not_applies", lang)
    tops = root.children if root.kind == "rule" else [root]  # base rule and exceptions
    for top in tops:
        if top.kind == "allof" and not top.label and top.result and top.role != "exception":
            for kid in top.children:  # 'all of these' at the top is the sentence above
                writer.write(kid, 0)
        else:
            writer.write(top, 0)
    return intro + "\n\n" + "\n".join(writer.lines)
