"""Drempelcheck — Streamlit entry point (``streamlit run app.py``).

Sets up the page, the language switch (Dutch first; stored in ``st.session_state["lang"]``)
and the navigation.  The pages contain no rule logic: they call the ``checker`` package.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages._shared import link_warnings, store
from checker.bilingual import Lang
from checker.i18n import t
from checker.ui.widget_texts import localise_widgets

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
localise_widgets(lang)  # Streamlit's own "Upload" / "No results" in Dutch on every page

firm = [
    st.Page(
        str(PAGES / "bedrijfscheck.py"),
        title=t("app.nav.firm", lang),
        icon=":material/factory:",
        url_path="bedrijfscheck",
        default=True,
    ),
    st.Page(
        str(PAGES / "groeiplanner.py"),
        title=t("app.nav.growth", lang),
        icon=":material/trending_up:",
        url_path="groeiplanner",
    ),
    st.Page(
        str(PAGES / "regels.py"),
        title=t("app.nav.rules", lang),
        icon=":material/menu_book:",
        url_path="regels",
    ),
]
policy = [
    st.Page(str(PAGES / f"{name}.py"), title=title, icon=icon, url_path=name)
    for name, title, icon in (
        ("sectoranalyse", t("app.nav.sector", lang), ":material/account_balance:"),
        ("ledenbestand", t("app.nav.members", lang), ":material/folder_shared:"),
        ("kalibratie", t("app.nav.calibration", lang), ":material/balance:"),
        ("voorstel", t("workbench.nav", lang), ":material/tune:"),
    )
]
about = [
    st.Page(
        str(PAGES / "over.py"),
        title=t("app.nav.about", lang),
        icon=":material/info:",
        url_path="over",
    )
]
sections = {t("app.section.firms", lang): firm}
sections[t("app.section.policy", lang)] = policy
sections[t("app.section.background", lang)] = about
page = st.navigation(sections)
link_warnings()  # a link's refused values, on whichever page it opens (and after, until closed)
page.run()
