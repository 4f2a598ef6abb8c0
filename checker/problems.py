"""A problem found while validating the catalogue or a proposal, with where it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Problem:
    """``file: rule id: field: message``; warnings never stop a catalogue from loading."""

    file: str
    rule: str
    field: str
    message: str
    level: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        head = "" if self.level == "error" else "waarschuwing: "
        return f"{head}{self.file}: {self.rule}: {self.field}: {self.message}"
