"""A proposal at another threshold must not keep a title that names the old one.

``metaalunie-25`` at 50 is still titled "… tot en met 25 werknemers"; a workbook or a table
with that title and a threshold of 50 says two different things.  :func:`retitled` writes the
new value into the title and the description wherever the old value stands as a number, and
says that the threshold was changed, so every document shows the threshold it computed with.
"""

from __future__ import annotations

import re

from checker.bilingual import Text
from checker.measures import MEASURES
from checker.scenario_model import Scenario


def _number(value: float) -> str:
    return f"{value:g}"


def _replace(text: str, old: float, new: float) -> str:
    return re.sub(rf"(?<![\d.,]){re.escape(_number(old))}(?![\d.,]\d)", _number(new), text)


def retitled(variant: Scenario, base: Scenario) -> Scenario:
    """``variant`` (``base`` at another threshold or measure) with an honest title."""
    old, new = base.threshold, variant.threshold
    if (old.value, old.measure) == (new.value, new.measure):
        return variant
    label = MEASURES[new.measure].label if new.measure in MEASURES else None
    note_nl = f"drempel aangepast naar {_number(new.value)}"
    note_en = f"threshold changed to {_number(new.value)}"
    if new.measure != old.measure and label is not None:
        note_nl += f", geteld in {label.nl.lower()}"
        note_en += f", counted in {label.en.lower()}"
    note_nl += f"; het voorstel zelf: {_number(old.value)}"
    note_en += f"; the proposal itself: {_number(old.value)}"
    title = Text(
        nl=f"{_replace(base.title.nl, old.value, new.value)} ({note_nl})",
        en=f"{_replace(base.title.en, old.value, new.value)} ({note_en})",
    )
    description = Text(
        nl=f"{_replace(base.description.nl, old.value, new.value)} ({note_nl}.)",
        en=f"{_replace(base.description.en, old.value, new.value)} ({note_en}.)",
    )
    return variant.model_copy(update={"title": title, "description": description})
