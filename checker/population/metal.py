"""The metal sector (SBI 24, 25, 28 and 33) as a ready population — an estimate from section C.

Koninklijke Metaalunie's members are mostly in basismetaal (24), metaalproducten (25),
machine-industrie (28) and reparatie en installatie van machines (33).  CBS publishes their
firm counts by size class (81588NED/81589NED), but no retrievable copy of those rows was found
(``data/population/cbs_firm_counts_snapshots.source.md``).  Rather than leave the sector out,
this module derives it, and says so wherever it is shown:

    metal firms in size class k  =  section C firms in class k (81588NED, 2024 Q2) × share

with ``share`` the metal share of section C's firms: SBI 24 + 25 from CBS counts of early
2020 (a derived figure), SBI 28 + 33 an explicit assumption (``data/population/
metal_sector.yaml``).  One share for every class means the metal firms get the size structure
of all of manufacturing — the main weakness, stated in the explanation users read.  Because
every count is the same multiple of section C, every population total scales with the share,
so the share's range translates directly into a range of the totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from checker.bilingual import Lang, Text
from checker.i18n import fmt_percent
from checker.population.size_classes import (
    COUNT_COLUMNS,
    DATA_DIR,
    NL_PERIOD_SECTIONS,
    counts_from_snapshot,
    section_counts,
)
from checker.yaml_loading import load_yaml

METAL_SCOPE = "metaal"
METAL_YAML = "metal_sector.yaml"
TOTAL = "Totaal bedrijven"


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class MetalEstimate:
    """The metal share of section C (central, low, high), how it was made, and its words."""

    share: float
    low: float
    high: float
    share_24_25: float
    share_28_33: float
    base_label: str
    base_firms: int
    divisions: tuple[str, ...]
    representative_sbi: str
    sector_label: str
    label: Text
    explanation: Text
    sources: tuple[Source, ...]

    @property
    def firms(self) -> int:
        return round(self.base_firms * self.share)

    def explain(self, lang: Lang) -> str:
        """The reader's explanation with the shares and what they mean for the totals."""
        return self.explanation.get(lang).format(
            share=fmt_percent(self.share, lang),
            low=fmt_percent(self.low, lang),
            high=fmt_percent(self.high, lang),
            down=fmt_percent(1 - self.low / self.share, lang),
            up=fmt_percent(self.high / self.share - 1, lang),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "estimate": True,
            "divisions": list(self.divisions),
            "base": f"CBS 81588NED {NL_PERIOD_SECTIONS}, {self.base_label}",
            "share_of_base": round(self.share, 4),
            "share_low": round(self.low, 4),
            "share_high": round(self.high, 4),
            "share_24_25": round(self.share_24_25, 4),
            "share_28_33_assumed": round(self.share_28_33, 4),
        }


def _snapshot_total(spec: dict[str, str]) -> int:
    return counts_from_snapshot(spec["table"], spec["period"], spec["label"])[TOTAL]


@lru_cache(maxsize=1)
def metal_estimate() -> MetalEstimate:
    """The share of section C's firms in SBI 24, 25, 28 and 33, derived as the YAML says."""
    conf: dict[str, Any] = load_yaml(DATA_DIR / METAL_YAML)
    parts = conf["share_parts"]
    basis = parts["basis_24_25"]
    # Section C around 2020: B-E 2020 Q3 times C's share of B-E in 2024 Q2.
    c_2020 = _snapshot_total(basis["b_e_2020"]) * (
        _snapshot_total(basis["c_2024"]) / _snapshot_total(basis["b_e_2024"])
    )
    share_24_25 = float(basis["firms_24_25"]) / c_2020
    spread = float(basis["relative_range"])
    rest = parts["share_28_33"]
    base_label = str(conf["base_section"])
    return MetalEstimate(
        share=share_24_25 + float(rest["value"]),
        low=share_24_25 * (1 - spread) + float(rest["low"]),
        high=share_24_25 * (1 + spread) + float(rest["high"]),
        share_24_25=share_24_25,
        share_28_33=float(rest["value"]),
        base_label=base_label,
        base_firms=counts_from_snapshot("81588NED", NL_PERIOD_SECTIONS, base_label)[TOTAL],
        divisions=tuple(str(d) for d in conf["divisions"]),
        representative_sbi=str(conf["representative_sbi"]),
        sector_label=str(conf["sector_label"]),
        label=Text.model_validate(conf["label"]),
        explanation=Text.model_validate(conf["explanation"]),
        sources=tuple(Source(str(s["title"]), str(s["url"])) for s in conf["sources"]),
    )


def scale_counts(counts: np.ndarray, share: float) -> np.ndarray:
    """``counts × share`` in whole firms: largest remainder, so the total is the rounded
    total × share and no class moves by more than one firm from its exact value."""
    exact = np.asarray(counts, dtype=np.float64) * share
    out = np.floor(exact).astype(np.int64)
    rest = round(float(exact.sum())) - int(out.sum())
    if rest > 0:
        order = np.argsort(-(exact - out), kind="stable")[:rest]
        out[order] += 1
    return out


def metal_counts() -> pd.DataFrame:
    """The counts table of the metal scope (an estimate, marked in ``attrs['estimate']``)."""
    est = metal_estimate()
    base = section_counts(est.base_label)
    scaled = scale_counts(base["count"].to_numpy(), est.share)
    source = (
        f"schatting: CBS 81588NED {NL_PERIOD_SECTIONS}, {est.base_label} × "
        f"{fmt_percent(est.share, 'nl', decimals=1)}"
    )
    counts = pd.DataFrame(
        {
            "sector": est.sector_label,
            "sbi": est.representative_sbi,
            "lo": base["lo"].to_numpy(),
            "hi": base["hi"].to_numpy(),
            "count": scaled.astype(np.float64),
            "source": source,
        },
        columns=list(COUNT_COLUMNS),
    )
    counts.attrs["estimate"] = est.to_json()
    return counts
