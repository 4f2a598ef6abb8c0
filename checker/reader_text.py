"""What a reader must never see in a text meant for users.

Figures, sources and proposals carry two kinds of text: developer notes (derivations, pages,
verification status) and the short rationale a ministry official or an SME owner reads.  The
pattern below catches developer notes that leak into reader text: file names, section signs,
research jargon and internal lower_snake_case ids.  Tests run it over every reader-facing
text; the app and the exports can use it as a last guard.

Citations (an article with its lid, a source's title and publisher) are shown in the app, the
workbook and the PDF report as they stand.  Their typical leak is a research trail: which
mirror the text was read in, or that a lid was not read or is still to be verified.  That
belongs in ``confidence.note`` or the source's ``note``; ``citation_notes`` finds it.
"""

from __future__ import annotations

import re

DEVELOPER_STRINGS = re.compile(
    r"\.ya?ml\b|\.md\b|\.py\b|§|recalled|to_verify|not read|NOT FOUND|SECONDARY|VERIFIED|"
    r"DERIVED|ASSUMPTION|planning value|burden-figures|obligations\.md|legal-verification|"
    r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b",
)

# Research-trail remarks in citations: where a text was read and what was not (yet) checked.
# 'via' alone is ordinary Dutch ('via art. 2:395a ook micro'); only '(via …' names a mirror.
CITATION_NOTES = re.compile(
    r"laws-markdown|statengeneraal|tkconv|opentk|mirror|\(via\b|tekst gelezen|text read|"
    r"read via|niet gelezen|niet geverifieerd|verifiëren|niet gevonden|volgens eerdere bronnen|"
    r"mogelijk art\.|lidnummer|artikelnummer|not verified|not found|constructed|BWBR\d+",
    re.IGNORECASE,
)


# A parenthesised remark made for the maintainers ('(lidnummer te verifiëren)', '(BWBR…)'):
# the export drops the whole remark from a citation or source title (report_content).
RESEARCH_REMARK = re.compile(
    r"verifi|laws-markdown|statengeneraal|BWBR\d|CELEX|TODO|\bvia\b|consolidated|mirror|"
    r"geconsolideerd|tekst vóór|text read|version \d{4}|lidnummer|not read|recalled",
    re.IGNORECASE,
)
# The edition a source title was read in (', consolidated pre-2017 text …'): not the title.
EDITION_TAIL = re.compile(
    r",?\s*(?:consolidated|geconsolideerde (?:tekst|versie)|version \d{4}|\d{4} text|"
    r"tekst vóór|tekst \d{4})\b.*$",
    re.IGNORECASE,
)


def developer_strings(text: str) -> list[str]:
    """The developer strings in ``text`` (empty when it reads cleanly)."""
    return [m.group(0) for m in DEVELOPER_STRINGS.finditer(text)]


def citation_notes(text: str) -> list[str]:
    """Developer strings and research-trail remarks in a citation shown to readers."""
    return developer_strings(text) + [m.group(0) for m in CITATION_NOTES.finditer(text)]
