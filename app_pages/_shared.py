"""State and widgets shared by the firm pages: engine, profile store, scenario settings.

Streamlit forgets a widget's value when a page that does not show it runs, so the profile
and the settings live in a plain session-state store (``_store``) that the widgets are
seeded from and written back to.  The URL (query parameters) is read once per session and
written after every firm check, so a result can be shared as a link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from checker.api import DEFAULT_SCENARIO, load, with_overrides
from checker.assumptions import OverrideError, Overrides
from checker.bilingual import Lang, pick
from checker.catalogue import Catalogue, CatalogueError
from checker.engine import Engine
from checker.i18n import fmt_date, fmt_quantity, t
from checker.period import COVERED_FROM, COVERED_UNTIL
from checker.profile import printable
from checker.scenario_model import Scenario
from checker.ui.link_problems import link_warning
from checker.ui.overrides import decode_overrides, encode_overrides
from checker.ui.profiles import (
    FORM_FIELD_NAMES,
    NO_SCENARIO,
    THRESHOLD_MAX,
    THRESHOLD_MIN,
    decode_query,
    encode_query,
)
from checker.ui.refused_value import RefusedValue

DEFAULT_VALUES: dict[str, Any] = {"employees": 12}
STORE = "_store"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD-MM-YYYY"  # Dutch order in every date widget
Q_PENDING = "pending"  # URL: also show announced rules


def lang() -> Lang:
    value = st.session_state.get("lang", "nl")
    return "en" if value == "en" else "nl"


@st.cache_resource(show_spinner="Regelcatalogus laden… / Loading the rule catalogue…")
def get_engine() -> Engine:
    """The engine for the shipped catalogue, loaded once per server process."""
    return load()


def engine_or_stop() -> Engine:
    """The engine; if the catalogue does not validate, say so plainly and stop the page."""
    try:
        return get_engine()
    except CatalogueError as exc:
        st.error(t("app.catalogue_error", lang()))
        st.code("\n".join(str(p) for p in exc.problems[:30]))
        st.stop()
        raise  # unreachable; keeps type checkers happy


def _known_scenarios() -> set[str] | None:
    """Scenario ids of the catalogue; None when it does not load (the page says so)."""
    try:
        return set(get_engine().catalogue.scenarios)
    except CatalogueError:
        return None


def store() -> dict[str, Any]:
    """The per-session store; initialised once from the URL (or the shipped defaults).

    Every URL value is validated (:func:`checker.ui.profiles.decode_query`, and the scenario
    against the catalogue); a refused value is reported in ``url_errors`` and replaced by its
    fallback, so it never reaches a widget or stays in the session.
    """
    if STORE not in st.session_state:
        decoded = decode_query(st.query_params.to_dict())
        errors = list(decoded.errors or [])
        scenario, threshold = decoded.scenario, decoded.threshold
        known = _known_scenarios()
        if scenario is not None and known is not None and scenario not in (*known, NO_SCENARIO):
            shown = printable(scenario, 40)
            nl, en = (t("app.url.unknown_proposal", lg, shown=shown) for lg in ("nl", "en"))
            errors.append(RefusedValue("scenario", nl, en))
            scenario, threshold = None, None
        values = {**DEFAULT_VALUES, **decoded.values} if decoded.values else dict(DEFAULT_VALUES)
        overrides, override_errors = _overrides_from_url()
        errors += [p for p in override_errors]
        st.session_state[STORE] = {
            "values": values,
            "scenario": scenario or DEFAULT_SCENARIO,
            "threshold": threshold,
            "date": decoded.date or dt.date.today(),
            "url_errors": errors,
            "overrides": overrides,
            "pending": st.query_params.get(Q_PENDING) == "1",
        }
        if decoded.lang:
            st.session_state["lang"] = decoded.lang
    stored: dict[str, Any] = st.session_state[STORE]
    return stored


def _dismiss_link_warnings() -> None:
    store()["url_errors"] = []


def link_warnings() -> None:
    """Every refused value of the link the session was opened with, on whichever page reads
    it, named by its label (never the parameter), until the user closes the message."""
    problems = store().get("url_errors") or []
    if not problems:
        return
    lg = lang()
    try:
        catalogue: Catalogue | None = get_engine().catalogue
    except CatalogueError:
        catalogue = None
    for problem in problems:
        st.warning(link_warning(problem, catalogue, lg), icon=":material/link_off:")
    st.button(
        t("firm.link.dismiss", lg), key="link_warnings_dismiss", on_click=_dismiss_link_warnings
    )


def _overrides_from_url() -> tuple[Overrides, list[RefusedValue]]:
    """The changed assumptions in a shared link (none when the catalogue does not load)."""
    try:
        catalogue = get_engine().catalogue
    except CatalogueError:
        return Overrides(), []
    return decode_overrides(st.query_params.to_dict(), catalogue)


def overrides() -> Overrides:
    """The user's changed assumptions (the Aannames panel), shared by the firm pages."""
    found = store().get("overrides")
    return found if isinstance(found, Overrides) else Overrides()


def working_engine(engine: Engine) -> Engine:
    """The engine with the user's changed assumptions applied (the engine itself without)."""
    try:
        return with_overrides(engine, overrides())
    except OverrideError as exc:  # cannot happen for validated overrides; never a traceback
        st.warning(exc.text(lang()))
        store()["overrides"] = Overrides()
        return engine


def write_url(values: dict[str, Any], scenario_id: str, date: dt.date) -> None:
    """Put the profile and every setting in the address bar, so the link shares the result."""
    s = store()
    params = encode_query(
        values, scenario=scenario_id, threshold=s["threshold"], date=date, lang=lang()
    )
    params.update(encode_overrides(overrides()))
    if s.get("pending"):
        params[Q_PENDING] = "1"
    st.query_params.from_dict(params)


def labels_to_codes(options: Sequence[Any], label: Callable[[Any, Lang], str]) -> dict[str, Any]:
    """Every option's label in both languages, mapped back to the option's code."""
    return {label(code, lg): code for code in options for lg in ("nl", "en")}


def coded_selectbox(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    option_label: Callable[[Any, Lang], str],
    container: Any = None,
    **kwargs: Any,
) -> Any:
    """A select whose value is always one of ``options`` (a code), never a shown label.

    The browser keeps a select's value as its shown text; after a language switch that text is
    the other language's label, which Streamlit would hand back as the value ("Eenmanszaak"
    instead of ``eenmanszaak``).  The current value is therefore read back as a code and put
    into the session state before the widget is drawn, so the widget is redrawn with the new
    language's label for the same code; a label that still arrives is mapped to its code.
    """
    lg = lang()
    target = container if container is not None else st
    current = st.session_state.get(key)
    if current not in options:
        current = labels_to_codes(options, option_label).get(str(current))
        if current not in options:
            current = options[0] if options else None
    st.session_state[key] = current
    if None in options:  # Streamlit shows a None value as the placeholder: give it the label
        kwargs.setdefault("placeholder", option_label(None, lg))
    value = target.selectbox(
        label, options, key=key, format_func=lambda v: option_label(v, lg), **kwargs
    )
    if value not in options:
        value = labels_to_codes(options, option_label).get(str(value), current)
    return value


def field_key(name: str) -> str:
    return f"f_{name}"


def seed_widgets(values: dict[str, Any], *, force: bool = False) -> None:
    """Put profile values into the form widgets' session state (before they are drawn)."""
    for name in FORM_FIELD_NAMES:
        key = field_key(name)
        if force or key not in st.session_state:
            st.session_state[key] = values.get(name)


def _keep(key: str, fallback: Any) -> None:
    """Re-assign a settings widget's value so it survives a page switch.

    A widget with the same key on another page starts from its default unless the value was
    set through the Session State API; re-assigning the current value does exactly that.
    """
    st.session_state[key] = st.session_state.get(key, fallback)


def scenario_controls(engine: Engine) -> tuple[Scenario | None, str, dt.date]:
    """Sidebar: proposal, its threshold (slider, same overlay) and the reference date."""
    from app_pages._proposals import proposal_by_id, proposal_ids, proposal_label

    lg = lang()
    s = store()
    cat = engine.catalogue
    options = [*proposal_ids(cat), NO_SCENARIO]
    if s["scenario"] not in options:
        s["scenario"] = options[0] if options else NO_SCENARIO
    _keep("scenario", s["scenario"])
    _keep("ref_date", s["date"])

    def scen_label(sid: str, lg: Lang) -> str:
        if sid == NO_SCENARIO:
            return t("app.sidebar.no_proposal", lg)
        return proposal_label(cat, sid, lg)

    with st.sidebar:
        st.subheader(t("app.sidebar.heading", lg))
        # A radio, not a select: its labels wrap, so no proposal name is cut off in the sidebar.
        sid = st.radio(
            t("app.sidebar.proposal", lg),
            options,
            key="scenario",
            format_func=lambda v: scen_label(v, lg),
        )
        if sid not in options:  # a label from the other language (see coded_selectbox)
            sid = labels_to_codes(options, scen_label).get(str(sid), options[0])
        scenario: Scenario | None = None
        if sid != NO_SCENARIO:
            base = proposal_by_id(cat, sid)
            default = float(s["threshold"] if s["threshold"] is not None else base.threshold.value)
            _keep("threshold", round(default))
            measure = base.threshold.measure
            value = st.slider(
                t("app.sidebar.threshold_employees", lg)
                if measure == "employees"
                else t("app.sidebar.threshold", lg),
                min_value=THRESHOLD_MIN,
                max_value=THRESHOLD_MAX,
                key="threshold",
                help=t(
                    "app.sidebar.threshold_help",
                    lg,
                    default=fmt_quantity(base.threshold.value, lg),
                ),
            )
            scenario = base if value == base.threshold.value else base.at_threshold(float(value))
            s["threshold"] = None if value == base.threshold.value else float(value)
            st.caption(f"**{pick(base.title, lg)}.** {pick(base.description, lg)}")
        else:
            s["threshold"] = None
        date = st.date_input(
            t("app.sidebar.date", lg),
            key="ref_date",
            format=DATE_FORMAT,
            min_value=COVERED_FROM,
            max_value=COVERED_UNTIL,
        )
        if not isinstance(date, dt.date) or not COVERED_FROM <= date <= COVERED_UNTIL:
            date = dt.date.today()
        st.caption(t("app.sidebar.rules_on", lg, date=fmt_date(date, lg)))
    s["scenario"], s["date"] = sid, date
    return scenario, sid, date


def pending_toggle() -> bool:
    """Sidebar switch: also show announced rules (bills, untransposed EU directives), apart."""
    s = store()
    _keep("include_pending", bool(s.get("pending")))
    with st.sidebar:
        on = st.toggle(
            t("page.firm.pending.toggle", lang()),
            key="include_pending",
            help=t("page.firm.pending.toggle_help", lang()),
        )
    s["pending"] = bool(on)
    return bool(on)


def wrapped_table(frame: pd.DataFrame, right: Sequence[str] = (), container: Any = None) -> None:
    """A table whose text wraps: nothing cut off and no sideways scrolling on a laptop screen.

    Cells may hold Markdown links; the columns named in ``right`` (amounts) are right-aligned.
    """
    target = container if container is not None else st
    shown = frame.reset_index(drop=True)
    cols: list[Hashable] = [c for c in right if c in shown.columns]
    # !important: Streamlit writes an inline left alignment on every cell.
    right_aligned = {"text-align": "right !important"}
    data: Any = shown.style.set_properties(subset=cols, **right_aligned) if cols else shown
    target.table(data, hide_index=True)
