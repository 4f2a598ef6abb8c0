"""Dutch words for the texts Streamlit's own widgets write in English.

Streamlit has no setting for the language of its widgets: the file uploader's button says
"Upload" and a filtered selection list says "No results", whatever the page's language.  The
one thing Streamlit does allow is a page stylesheet (``st.html`` with only a ``<style>``
element is applied without taking space), so the English text is hidden and the Dutch words
are drawn in its place with CSS ``content``.  Screen readers still read the button's own
label (the uploader's ``aria-label`` is the page's Dutch label).

Only the texts whose element Streamlit marks with a stable ``data-testid`` are replaced; the
test in ``tests/test_e2e_policy_browser.py`` reads them back from a real browser, so a
Streamlit update that renames an element fails a test instead of silently showing English.
"""

from __future__ import annotations

from checker.bilingual import Lang
from checker.i18n import t

UPLOAD_BUTTON = (
    '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
)
UPLOAD_LIMIT = '[data-testid="stFileUploaderDropzoneInstructions"] span'
NO_RESULTS = '[data-testid="stSelectboxVirtualDropdown"] [role="listbox"][data-empty="true"] span'


def _css_text(text: str) -> str:
    """``text`` as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _replace(selector: str, text: str) -> str:
    return (
        f"{selector} {{ font-size: 0 !important; }}\n"
        f"{selector}::after {{ content: {_css_text(text)}; font-size: 0.875rem; }}\n"
    )


def widget_css(lang: Lang, upload_limit: str | None = None) -> str:
    """The stylesheet that writes Streamlit's English widget texts in ``lang`` ('' for English).

    ``upload_limit`` replaces the uploader's "5MB per file • CSV" line (say it in the page's
    words, e.g. "CSV of Excel, ten hoogste 5 MB").
    """
    if lang == "en":
        return ""
    rules = _replace(UPLOAD_BUTTON, t("widget.upload.button", lang))
    rules += _replace(NO_RESULTS, t("widget.select.no_results", lang))
    if upload_limit:
        rules += _replace(UPLOAD_LIMIT, upload_limit)
    return f"<style>\n{rules}</style>"


def localise_widgets(lang: Lang, upload_limit: str | None = None) -> None:
    """Apply :func:`widget_css` to the current page (nothing in English)."""
    css = widget_css(lang, upload_limit)
    if css:
        import streamlit as st

        st.html(css)
