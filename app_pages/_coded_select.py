"""A selection list whose value is a code, shown in the reader's language, that survives a
language switch.

Streamlit keeps a select box's typed text when only its option *labels* change: after NL→EN
the box still reads "Nederland, alle bedrijven" although every option is now English.  So the
chosen code is kept in plain session state (``state``), and the widget itself gets one key per
language, seeded from that code before it is drawn.  The value a page reads is always the code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from checker.bilingual import Lang

T = TypeVar("T")


def widget_key(state: str, lang: Lang) -> str:
    return f"{state}__{lang}"


def coded_selectbox(
    label: str,
    options: Sequence[T],
    state: str,
    lang: Lang,
    format_func: Callable[[T], str],
) -> T:
    """``st.selectbox`` over ``options`` (codes), remembered in ``st.session_state[state]``."""
    current = st.session_state.get(state)
    value = current if current in options else options[0]
    key = widget_key(state, lang)
    if st.session_state.get(key) != value:
        st.session_state[key] = value  # seed (or re-sync) this language's widget
    chosen = st.selectbox(
        label, options, key=key, format_func=format_func, on_change=_remember, args=(state, key)
    )
    st.session_state[state] = chosen
    return chosen


def _remember(state: str, key: str) -> None:
    """The user picked an option: that code is the choice, in every language."""
    st.session_state[state] = st.session_state[key]
