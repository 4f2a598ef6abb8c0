"""A value a link, a saved file or a form refused (and left out), with why, in both languages.

One type for the profile fields and settings of a link (:mod:`checker.ui.profiles`) and the
user's own figures in it (:mod:`checker.ui.overrides`), so every page reports them the same
way (:func:`checker.ui.link_problems.link_warning`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RefusedValue:
    """``field`` is the parameter or field refused; ``nl``/``en`` say why."""

    field: str
    nl: str
    en: str

    def text(self, lang: str = "nl") -> str:
        return self.nl if lang == "nl" else self.en
