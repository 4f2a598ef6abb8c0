"""UI language helpers: Dutch first, English switchable.

Pages keep their strings next to the code as (nl, en) pairs via :func:`tr`; the chosen
language lives in Streamlit's session state under ``"lang"`` (set by app.py).
"""

from __future__ import annotations

from checker.bilingual import Lang


def tr(nl: str, en: str, lang: Lang) -> str:
    """Pick the Dutch or English variant of a UI string."""
    return nl if lang == "nl" else en
