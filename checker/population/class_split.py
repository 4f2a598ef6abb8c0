"""Where a proposal's threshold cuts a CBS size class, and how that class is split there.

CBS counts firms per class of *werkzame personen* ("20 tot 50" = 20–49).  No class ends at a
proposal's threshold, so how many firms of the class lie at or below it is a modelling
choice.  By default the Pareto spread inside the class decides
(:func:`checker.population.size_classes.headcount_density`); for a sensitivity a user may set
the share instead.  The split always follows the proposal's threshold: at 25 it splits the
class 20–49, at 12 the class 10–19, and at 19 (a class boundary) nothing needs splitting.

The cut is in werkzame personen (owners and employees together, as CBS counts), at the
threshold's value: "the part of 20–49 with at most 25 werkzame personen".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.population.size_classes import SizeClass, headcount_density
from checker.scenario_model import Threshold

SPLIT_MEASURES = ("employees",)  # thresholds on a headcount; a turnover threshold splits nothing


@dataclass(frozen=True)
class ClassSplit:
    """The CBS class holding the threshold, its Pareto share at or below it, the user's share."""

    at_most: int
    lo: int | None = None
    hi: float | None = None  # exclusive; NaN for an open top class
    pareto_share: float | None = None
    user_share: float | None = None

    @property
    def splits_a_class(self) -> bool:
        """False when the threshold falls on a class boundary (nothing to interpolate)."""
        return self.lo is not None

    @property
    def set_by_user(self) -> bool:
        return self.splits_a_class and self.user_share is not None

    @property
    def share(self) -> float | None:
        """The share used: the user's when given, else the Pareto interpolation."""
        return self.user_share if self.set_by_user else self.pareto_share

    @property
    def class_label(self) -> str | None:
        if self.lo is None or self.hi is None:
            return None
        return SizeClass(self.lo, None if math.isnan(self.hi) else int(self.hi)).label

    def to_json(self) -> dict[str, Any]:
        return {
            "at_most_persons": self.at_most,
            "size_class": self.class_label,
            "share": self.share,
            "pareto_share": self.pareto_share,
            "set_by_user": self.set_by_user,
        }


def split_at_for(threshold: Threshold) -> int | None:
    """The headcount at which a proposal's threshold splits a class (None: not a headcount)."""
    if threshold.measure not in SPLIT_MEASURES:
        return None
    return threshold.last_inside()


def holds(lo: int, hi: float, at_most: int) -> bool:
    """Does the class [lo, hi) contain both ``at_most`` and ``at_most + 1`` (so it is cut)?"""
    return lo <= at_most and (math.isnan(hi) or at_most + 1 < hi)


def pareto_share(lo: int, hi: float, at_most: int, alpha: float) -> float:
    """Share of the class [lo, hi) with at most ``at_most`` persons under the Pareto spread."""
    persons, density = headcount_density(lo, hi, alpha)
    return float(density[persons <= at_most].sum())


def override_for(
    lo: int, hi: float, at_most: int | None, share: float | None
) -> tuple[int, float] | None:
    """The ``(cut, share)`` override of :func:`headcount_distribution` for one class row."""
    if at_most is None or share is None or not holds(lo, hi, at_most):
        return None
    return at_most + 1, float(share)


def validate_split(at_most: int | None, share: float | None) -> None:
    if share is not None:
        if at_most is None:
            raise ValueError("split_share: geef ook split_at (de drempel in werkzame personen)")
        if not 0.0 <= float(share) <= 1.0:
            raise ValueError(f"split_share: {share} ligt niet tussen 0 en 1")
    if at_most is not None and not 0 <= int(at_most) <= 1_000_000:
        raise ValueError(f"split_at: {at_most} ligt niet tussen 0 en 1.000.000")


def describe_split(
    counts: pd.DataFrame, at_most: int, share: float | None, alpha: float
) -> ClassSplit:
    """Which class of ``counts`` the threshold cuts (the one with the most firms, when sectors
    use different classes) and its shares."""
    rows = [
        (int(lo), float(hi), float(n))
        for lo, hi, n in zip(counts["lo"], counts["hi"], counts["count"], strict=True)
        if holds(int(lo), float(hi), at_most)
    ]
    if not rows:
        return ClassSplit(at_most=at_most, user_share=share)
    by_class: dict[tuple[int, float], float] = {}
    for lo, hi, n in rows:
        key = (lo, -1.0 if np.isnan(hi) else hi)
        by_class[key] = by_class.get(key, 0.0) + n
    lo, hi_key = max(by_class, key=lambda k: by_class[k])
    hi = math.nan if hi_key < 0 else hi_key
    return ClassSplit(at_most, lo, hi, pareto_share(lo, hi, at_most, alpha), share)
