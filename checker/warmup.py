"""Warm the app before the first visitor: imports, the rule catalogue, the first engine runs.

Called by ``serve.py`` when the server starts (and cheap to call again: everything it touches
is cached per process).  Nothing here changes a result; it only makes sure the first visit does
not pay for Python imports, catalogue validation and first-call costs (Babel locale data, the
message catalogue, pandas' Styler templates, the SBI list, one firm check with its intervals,
one growth sweep).
"""

from __future__ import annotations

import datetime as dt
import logging
import time

LOG = logging.getLogger(__name__)


def warm_up() -> float:
    """Import and run what the firm pages need; returns the seconds it took (logged)."""
    started = time.perf_counter()
    try:
        _warm()
    except Exception:  # a warm-up failure must never stop the server; the page reports it
        LOG.exception("warm-up failed; the first visit will load everything itself")
    elapsed = time.perf_counter() - started
    LOG.info("warm-up done in %.1f s", elapsed)
    return elapsed


def _warm() -> None:
    import altair  # noqa: F401  (charts)
    import pandas as pd

    from checker.api import check, load
    from checker.growth import cliff_curve, headcount_sweep
    from checker.history import then_and_now
    from checker.i18n import fmt_date, fmt_eur, messages
    from checker.profile import parse_profile
    from checker.scenario_model import DEFAULT_SCENARIO
    from checker.ui import charts, firm_tables, headline, overrides  # noqa: F401
    from checker.ui.sbi_list import load_sbi

    messages()
    load_sbi()
    for lang in ("nl", "en"):
        fmt_eur(1234.5, lang)
        fmt_date(dt.date(2020, 1, 1), lang)
    engine = load()
    today = dt.date.today()
    profile = parse_profile({"employees": 12})
    result = check(profile, DEFAULT_SCENARIO, today, engine=engine)
    headline.headline(result, "nl")
    firm_tables.obligations_frame(result, "nl")
    then_and_now(engine, profile, dt.date(2020, 1, 1), today)
    cliff_curve(headcount_sweep(engine, {"employees": 12}, result.scenario, today))
    right: dict[str, str] = {"text-align": "right"}
    pd.DataFrame({"a": ["x"]}).style.set_properties(subset=["a"], **right).to_html()
