"""A problem found while validating the catalogue or a proposal, with where it is."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True)
class Problem:
    """``file: rule id: field: message``; warnings never stop a catalogue from loading.

    ``message`` is English for developers and the CLI; ``code`` and ``fields`` say the same
    as data, so the app can say it in the reader's language without parsing the English
    (``workbench.problem.<code>`` in the message catalogue).
    """

    file: str
    rule: str
    field: str
    message: str
    level: Literal["error", "warning"] = "error"
    code: str | None = None
    # the values of the message placeholders; not part of the hash (a dict cannot be hashed)
    fields: Mapping[str, Any] = dataclasses.field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        head = "" if self.level == "error" else "waarschuwing: "
        return f"{head}{self.file}: {self.rule}: {self.field}: {self.message}"
