"""The Aannames panel: the user puts their own figure in place of a sourced one.

Tariffs, the absence rate, the audit fee and the hours of any obligation's activities can be
changed.  Each field shows the sourced value, its range and its basis (rationale and source as a
reader sees them); a changed value is listed with the sourced one beside it, and one button puts
everything back.  The changes live in the session store as :class:`checker.assumptions.Overrides`
— the page recomputes with :func:`checker.api.with_overrides` at once, writes them into the
shareable link and the saved profile, and passes the overridden result to the downloads.

Figures are typed as text in the reader's notation (``12.000``, ``4,8``), read with the same
parser as the amount fields, so a Dutch "4,8" is never 48 and "12.000" never 12.
"""

from __future__ import annotations

import streamlit as st

from app_pages._shared import coded_selectbox, lang, overrides, store
from checker.assumptions import Overrides
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue
from checker.i18n import fmt_exact, fmt_number, t
from checker.parsing.errors import InputError
from checker.parsing.numbers import Kind, parse_number
from checker.ui.markdown import escape
from checker.ui.overrides import (
    Item,
    audit_items,
    changed_items,
    check_limits,
    current_value,
    describe,
    hour_items,
    rate_items,
    tariff_items,
    with_value,
)
from checker.ui.sources import reader_basis

PREFIX = "ov_"


def _shown(item: Item, value: float, lg: Lang) -> str:
    """The figure as the field shows it: as typed, never rounded (a percentage for a rate;
    cents only when there are any)."""
    if item.unit == "share":
        return fmt_exact(100 * value, lg, max_decimals=4)
    if item.unit in ("eur", "eur_per_hour"):
        return fmt_number(value, lg, decimals=0 if float(value).is_integer() else 2)
    return fmt_exact(value, lg, max_decimals=4)


def _parse(item: Item, text: str, lg: Lang) -> float:
    """Typed text → the figure (a percentage for a rate); raises InputError (nl + en)."""
    kind: Kind = "amount" if item.unit in ("eur", "eur_per_hour") else "decimal"
    parsed = parse_number(text, kind, lg)
    value = float(parsed.value) / (100 if item.unit == "share" else 1)
    check_limits(item, value)
    return value


def _on_change(item: Item, key: str) -> None:
    lg = lang()
    text = str(st.session_state.get(key) or "").strip()
    try:
        value = item.sourced if not text else _parse(item, text, lg)
    except InputError as exc:
        st.session_state[f"{key}__error"] = exc.nl if lg == "nl" else exc.en
        return
    st.session_state.pop(f"{key}__error", None)
    store()["overrides"] = with_value(overrides(), item, value)


def _figure_input(item: Item, catalogue: Catalogue, lg: Lang) -> None:
    key = f"{PREFIX}{item.param}"
    value = current_value(overrides(), item)
    shown = (value, lg)
    # Re-fill the field when the figure or the language changed, and when Streamlit dropped the
    # widget's state (it does for widgets a visited page did not draw).
    if key not in st.session_state:
        st.session_state.pop(f"{key}__error", None)  # an old message for text no longer shown
    refill = key not in st.session_state or st.session_state.get(f"{key}__shown") != shown
    if refill and f"{key}__error" not in st.session_state:
        st.session_state[key] = _shown(item, value, lg)
        st.session_state[f"{key}__shown"] = shown
    unit = t(f"firm.assumptions.unit.{item.unit}", lg)
    st.text_input(
        f"{item.label} ({unit})",
        key=key,
        on_change=_on_change,
        args=(item, key),
        help=reader_basis(item.basis, catalogue, lg).text(lg),
    )
    error = st.session_state.get(f"{key}__error")
    if error:
        st.error(escape(error))
    sourced = describe(item, item.sourced, lg)
    if item.low is not None and item.high is not None and item.low < item.high:
        low, high = (describe(item, v, lg, unit=False) for v in (item.low, item.high))
        span = f"{low} – {high}"
        note = t("firm.assumptions.sourced_range", lg, value=sourced, range=span)
    else:
        note = t("firm.assumptions.sourced", lg, value=sourced)
    if abs(value - item.sourced) > 1e-9:
        note = "**" + t("firm.assumptions.changed_mark", lg) + "** · " + note
    st.caption(note)


def _reset() -> None:
    store()["overrides"] = Overrides()
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[key]


def _hour_rules(catalogue: Catalogue, relevant: list[str], lg: Lang) -> list[str]:
    """Obligations with internal hours: the ones that apply to this firm first, then the rest."""
    with_hours = [r.id for r in catalogue.rules if hour_items(catalogue, r.id, lg)]
    first = [rid for rid in relevant if rid in with_hours]
    titles = catalogue.rules_by_id
    rest = sorted(
        (r for r in with_hours if r not in first), key=lambda r: pick(titles[r].title, lg)
    )
    return first + rest


def changed_summary(catalogue: Catalogue, lg: Lang) -> list[str]:
    """'Tarief intern: € 60 per uur (bron: € 54 per uur)' for every changed figure."""
    return [
        t(
            "firm.assumptions.changed_line",
            lg,
            label=c.item.full_label,
            value=describe(c.item, c.value, lg),
            sourced=describe(c.item, c.item.sourced, lg),
        )
        for c in changed_items(catalogue, overrides(), lg)
    ]


def assumptions_panel(catalogue: Catalogue, relevant: list[str]) -> None:
    """The Aannames panel (an expander, closed unless something was changed)."""
    lg = lang()
    changes = changed_summary(catalogue, lg)
    title = t("firm.assumptions.heading", lg)
    if changes:
        title += " · " + t("firm.assumptions.count", lg, count=len(changes))
    with st.expander(title, expanded=bool(changes), icon=":material/tune:"):
        st.markdown(t("firm.assumptions.intro", lg))
        if changes:
            st.markdown("\n".join(f"- {escape(line)}" for line in changes))
            st.button(
                t("firm.assumptions.reset", lg),
                key="assumptions_reset",
                on_click=_reset,
                icon=":material/restart_alt:",
            )
        tabs = st.tabs(
            [
                t("firm.assumptions.tab.tariffs", lg),
                t("firm.assumptions.tab.absence", lg),
                t("firm.assumptions.tab.audit", lg),
                t("firm.assumptions.tab.hours", lg),
            ]
        )
        with tabs[0]:
            cols = st.columns(2)
            for i, item in enumerate(tariff_items(catalogue, lg)):
                with cols[i % 2]:
                    _figure_input(item, catalogue, lg)
        with tabs[1]:
            for item in rate_items(catalogue, lg):
                _figure_input(item, catalogue, lg)
                st.caption(reader_basis(item.basis, catalogue, lg).text(lg))
        with tabs[2]:
            st.caption(t("firm.assumptions.audit_note", lg))
            for item in audit_items(catalogue, lg):
                _figure_input(item, catalogue, lg)
        with tabs[3]:
            rules = _hour_rules(catalogue, relevant, lg)
            if rules:
                titles = catalogue.rules_by_id
                rid = coded_selectbox(
                    t("firm.assumptions.pick_rule", lg),
                    rules,
                    key="assumptions_rule",
                    option_label=lambda r, lg2: pick(titles[r].title, lg2),
                )
                for item in hour_items(catalogue, rid, lg):
                    _figure_input(item, catalogue, lg)
