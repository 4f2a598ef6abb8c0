"""One error type for unusable input, with the message in Dutch and English.

It subclasses :class:`checker.bilingual.BilingualError` so the profile validation, the CLI and
the app show it the same way (``nl`` and ``en`` attributes; ``str()`` is the Dutch text).
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.bilingual import BilingualError


class InputError(BilingualError):
    """Input that cannot be used as given; the message says what was expected."""


@dataclass(frozen=True)
class Notice:
    """Something about a whole input the user should know (Dutch and English), not an error."""

    nl: str
    en: str

    def text(self, lang: str = "nl") -> str:
        return self.nl if lang == "nl" else self.en
