"""Drempelcheck — Streamlit entry point (``streamlit run app.py``).

Sets up the page, the language switch (Dutch first; stored in ``st.session_state["lang"]``)
and the navigation.  The pages contain no rule logic: they call the ``checker`` package.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages._shared import store
from checker.bilingual import Lang
from checker.i18n import tr

HERE = Path(__file__).resolve().parent
PAGES = HERE / "app_pages"

st.set_page_config(page_title="Drempelcheck", page_icon=":material/straighten:", layout="wide")

store()  # reads the URL once per session (profile, proposal, date, language)
if st.session_state.get("lang") not in ("nl", "en"):
    st.session_state["lang"] = "nl"
with st.sidebar:
    st.segmented_control(
        "Taal / Language",
        ["nl", "en"],
        key="lang",
        format_func=lambda v: {"nl": "Nederlands", "en": "English"}[v],
    )
if st.session_state.get("lang") is None:  # segmented control deselected: keep Dutch
    st.session_state["lang"] = "nl"
lang: Lang = "en" if st.session_state["lang"] == "en" else "nl"

firm = [
    st.Page(str(PAGES / "bedrijfscheck.py"), title=tr("Bedrijfscheck", "Firm check", lang),
            icon=":material/factory:", url_path="bedrijfscheck", default=True),
    st.Page(str(PAGES / "groeiplanner.py"), title=tr("Groeiplanner / drempels", "Growth planner / cliffs", lang),
            icon=":material/trending_up:", url_path="groeiplanner"),
    st.Page(str(PAGES / "regels.py"), title=tr("Regels", "Rules", lang), icon=":material/menu_book:", url_path="regels"),
]  # fmt: skip
policy = [
    st.Page(str(PAGES / f"{name}.py"), title=title, icon=icon, url_path=name)
    for name, title, icon in (
        (
            "sectoranalyse",
            tr("Sectoranalyse", "Sector analysis", lang),
            ":material/account_balance:",
        ),
        ("ledenbestand", tr("Ledenbestand", "Member file", lang), ":material/folder_shared:"),
    )
]
about = [
    st.Page(
        str(PAGES / "over.py"),
        title=tr("Over", "About", lang),
        icon=":material/info:",
        url_path="over",
    )
]
sections = {tr("Voor bedrijven", "For firms", lang): firm}
sections[tr("Voor beleid", "For policy", lang)] = policy
sections[tr("Achtergrond", "Background", lang)] = about
st.navigation(sections).run()
