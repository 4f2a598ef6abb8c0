"""Text from users, files or links made safe for Streamlit's Markdown.

Why: Streamlit renders warnings, errors and captions as Markdown, so a value from a shared
link such as ``[Officieel bericht](https://evil.example)`` or ``![x](https://…)`` would show
as an official-looking link or image, and ``:red[…]`` or ``:material/…:`` as styled text.
:func:`escape` backslash-escapes every ASCII punctuation character (CommonMark allows that for
all of them, so the text reads the same), breaks what GitHub-flavoured Markdown would turn
into a link by itself (``https://``, ``www.``, ``@``) with an invisible zero-width space, and
flattens line breaks and control characters so no heading, list or quote can be started.
"""

from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_AUTOLINK = re.compile(r":/|(?i:www)\.|@", re.IGNORECASE)
ZWSP = "\u200b"


def escape(text: object, limit: int = 300) -> str:
    """``text`` as literal Markdown: shown exactly (shortened to ``limit``), never as markup."""
    plain = _CONTROL.sub("", _BREAKS.sub(" ", str(text)))
    if len(plain) > limit:
        plain = plain[: limit - 1] + "…"
    # GitHub-flavoured autolinks ("https://…", "www.…", "name@host") are found after escapes
    # are resolved, so a backslash does not stop them; an invisible zero-width space does.
    plain = _AUTOLINK.sub(lambda m: m.group(0)[:-1] + ZWSP + m.group(0)[-1], plain)
    return _PUNCTUATION.sub(r"\\\1", plain)
