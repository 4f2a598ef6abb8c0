"""What a reader must never see in a text meant for users.

Figures, sources and proposals carry two kinds of text: developer notes (derivations, pages,
verification status) and the short rationale a ministry official or an SME owner reads.  The
pattern below catches developer notes that leak into reader text: file names, section signs,
research jargon and internal lower_snake_case ids.  Tests run it over every reader-facing
text; the app and the exports can use it as a last guard.
"""

from __future__ import annotations

import re

DEVELOPER_STRINGS = re.compile(
    r"\.ya?ml\b|\.md\b|\.py\b|§|recalled|to_verify|not read|NOT FOUND|SECONDARY|VERIFIED|"
    r"DERIVED|ASSUMPTION|planning value|burden-figures|obligations\.md|legal-verification|"
    r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b",
)


def developer_strings(text: str) -> list[str]:
    """The developer strings in ``text`` (empty when it reads cleanly)."""
    return [m.group(0) for m in DEVELOPER_STRINGS.finditer(text)]
