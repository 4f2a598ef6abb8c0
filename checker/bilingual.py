"""Bilingual (Dutch-first) text used throughout the catalogue and the UI.

Dutch is the primary language of the users; English must always be present as well so
that every rule, measure and message can be shown in either language without gaps.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")


class Text(BaseModel):
    """A short text in Dutch and English; both are required and non-empty."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nl: str
    en: str

    @field_validator("nl", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text must not be empty")
        return value.strip()

    def get(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en


class BilingualError(ValueError):
    """A message for the user in Dutch and English (the UI shows the user's language).

    Every error a user can fix (a bad profile field, a changed assumption, an unreadable file,
    a CLI option) is one of these, so every caller shows it the same way: ``text(lang)``.
    """

    def __init__(self, nl: str, en: str | None = None) -> None:
        super().__init__(nl)
        self.nl = nl
        self.en = en or nl

    def text(self, lang: str = "nl") -> str:
        return self.nl if lang == "nl" else self.en


def pick(text: Text | None, lang: Lang, fallback: str = "") -> str:
    return text.get(lang) if text is not None else fallback
