"""What was wrong with a shared link, said in the reader's words on every page.

A link (query parameters) carries the profile, the settings and the user's own figures; each
unusable value is left out and reported (:func:`checker.ui.profiles.decode_query`,
:func:`checker.ui.overrides.decode_overrides`).  The report names the field as the page does —
the form's label, the sidebar's words, or the figure's title and activity — never the parameter
(``employees``, ``t.intern``, ``f.accountantscontrole.controle_accountant.external_eur``).

No Streamlit here: tested directly.
"""

from __future__ import annotations

from checker.bilingual import Lang
from checker.catalogue import Catalogue
from checker.i18n import msg_key, t
from checker.profile import PROFILE_FIELDS
from checker.ui.markdown import escape
from checker.ui.overrides import is_override_param, param_label
from checker.ui.profiles import Q_DATE, Q_LANG, Q_SCENARIO, Q_THRESHOLD, field_label
from checker.ui.refused_value import RefusedValue

# The sidebar's own words for the settings a link carries.
SETTING_LABELS = {
    Q_SCENARIO: msg_key("app.sidebar.proposal"),
    Q_THRESHOLD: msg_key("app.sidebar.threshold"),
    Q_DATE: msg_key("app.sidebar.date"),
    Q_LANG: msg_key("firm.link.field.lang"),
    "assumptions": msg_key("firm.link.field.assumptions"),
    "name": msg_key("page.firm.form.name"),
}


def link_field_label(name: str, catalogue: Catalogue | None, lang: Lang) -> str:
    """A link parameter as the page names it ('Werknemers (personen)', 'Peildatum',
    'Accountantscontrole – … (€)'); a figure the catalogue does not know is 'een aangepaste
    aanname' — the parameter itself is never shown."""
    if name in SETTING_LABELS:
        return t(SETTING_LABELS[name], lang)
    if name in PROFILE_FIELDS:
        return field_label(name, lang)
    if is_override_param(name):
        found = param_label(name, catalogue, lang) if catalogue is not None else None
        return found or t("firm.link.field.unknown_assumption", lang)
    return t("firm.link.field.unknown", lang)


def link_warning(problem: RefusedValue, catalogue: Catalogue | None, lang: Lang) -> str:
    """One refused link value as a sentence (Markdown-safe): which field, why, what now."""
    label = escape(link_field_label(problem.field, catalogue, lang), 200)
    return t("page.firm.link_error", lang, field=label, message=escape(problem.text(lang)))
