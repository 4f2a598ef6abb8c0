"""Drempelcheck for users: ``streamlit run serve.py`` serves ``app.py`` warmed up.

A Streamlit script runs only when the first visitor arrives, so without this the first visit
after a server start pays for every import (pandas, numpy, altair, the export libraries), for
loading and validating the rule catalogue and for the first engine run — about five seconds.
Here the server does that work while it starts (:func:`checker.warmup.warm_up`, before it
answers its first request), and the first visitor gets the page in under three seconds.  ``streamlit run app.py`` still works, just without the warm-up.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st

from checker.warmup import warm_up

APP = Path(__file__).resolve().parent / "app.py"


@asynccontextmanager
async def _lifespan(_app: Any) -> AsyncIterator[None]:
    warm_up()  # before the server answers: its first visitor finds everything loaded
    yield


app = st.App(str(APP), lifespan=_lifespan)
