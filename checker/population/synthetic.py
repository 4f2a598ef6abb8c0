"""A synthetic firm population calibrated to CBS counts per sector and size class.

Why synthetic: CBS publishes only counts per size class of werkzame personen; the rules need
employees, turnover, balance total, wage bill, FTE and energy use per firm.  Each firm gets a
headcount inside its CBS class (:func:`checker.population.size_classes.headcount_distribution`),
a legal form, employees = persons - working owners, and financial/energy fields from the
sector ratios in ``data/rates.yaml`` and ``data/population`` times seeded lognormal noise.
Every sector draws from its own random stream (:func:`sector_rng`), so a sector built on its
own ('section:C') has exactly the firms of that sector inside a larger population ('nl'), and
the Netherlands' figures are the sum of its sectors' figures.

Firms with identical profiles are stored once with an integer ``weight`` (the number of firms),
so the 2.4 million Dutch firms fit in about 10^5 rows and ``weight`` sums exactly to the
CBS counts.  :meth:`Population.expand` gives the one-row-per-firm form (weight 1).  The
profile columns are completed once with the documented defaults (:func:`checker.defaults.complete`)
so every engine run afterwards starts from the same, fully specified firms.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any, cast

import numpy as np
import pandas as pd

from checker.catalogue import Catalogue
from checker.defaults import complete
from checker.population.class_split import override_for, validate_split
from checker.population.size_classes import (
    DATA_DIR,
    CountsError,
    assumptions,
    headcount_distribution,
    validate_counts,
)
from checker.sbi import section_of

META_COLUMNS = ("weight", "sector", "sector_code", "size_class", "persons")
SIZE_CLASS_ORDER = (
    "1",
    "2",
    "3–4",
    "5–9",
    "10–19",
    "20–49",
    "50–99",
    "100–249",
    "250–499",
    "500+",
    "100+",
)


@dataclass
class Population:
    """Synthetic firms: profile columns + ``weight`` + sector/size-class labels."""

    frame: pd.DataFrame
    counts: pd.DataFrame
    assumptions: dict[str, Any]
    label: str = ""
    seed: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return len(self.frame)

    @property
    def firms(self) -> float:
        return float(self.frame["weight"].sum())

    def expand(self) -> Population:
        """One row per firm (weight 1): the same firms, for per-firm use and benchmarks."""
        w = self.frame["weight"].to_numpy(dtype=np.int64)
        idx = np.repeat(np.arange(len(w)), w)
        frame = self.frame.iloc[idx].reset_index(drop=True)
        frame["weight"] = 1.0
        return Population(frame, self.counts, self.assumptions, self.label, self.seed, self.extra)

    def class_totals(self) -> pd.DataFrame:
        """Firms per sector × CBS size class, to compare with :attr:`counts`."""
        return (
            self.frame.groupby(["sector", "size_class"], sort=False)["weight"].sum().reset_index()
        )


def _class_label(lo: int, hi: float) -> str:
    if np.isnan(hi):
        return f"{lo}+"
    hi_i = int(hi)
    return str(lo) if hi_i == lo + 1 else f"{lo}–{hi_i - 1}"


def wage_per_job_by_section() -> dict[str, float]:
    """CBS 81431NED 2023* annual wage per job incl. special payments, by section letter [V]."""
    out: dict[str, float] = {}
    with (DATA_DIR / "cbs_wages_labour_costs.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["measure"] != "jaarloon per baan incl. bijzondere beloning":
                continue
            code = row["sbi_label"].split(" ", 1)[0]
            if len(code) == 1 and code.isalpha():
                out[code] = float(row["value"])
            elif code == "A-U":
                out["*"] = float(row["value"])
    return out


def _bv_share(lo: np.ndarray, shares: dict[int, float]) -> np.ndarray:
    keys = np.array(sorted(shares), dtype=np.int64)
    vals = np.array([shares[int(k)] for k in keys])
    pos = np.searchsorted(keys, lo, side="right") - 1
    return vals[np.clip(pos, 0, len(vals) - 1)]


def generate(
    counts: pd.DataFrame,
    catalogue: Catalogue,
    *,
    seed: int | None = None,
    split_at: int | None = None,
    split_share: float | None = None,
    alpha: float | None = None,
    label: str = "",
) -> Population:
    """Build a weighted synthetic population whose weights reproduce ``counts`` exactly.

    ``split_share`` puts that share of the CBS class holding ``split_at`` (the proposal's
    threshold, in werkzame personen) at or below it, instead of the Pareto interpolation (see
    :mod:`checker.population.class_split`); ``alpha`` overrides the interpolation exponent of
    ``data/population/assumptions.yaml``.  Everything is deterministic for a given ``seed``.
    """
    # pandas deep-copies ``attrs`` on every operation; the reader's notes (one per sector)
    # made that quadratic in the number of sectors.  Work on a copy without them.
    notes = dict(counts.attrs)
    counts = counts.copy()
    counts.attrs = {}
    validate_counts(counts)
    conf = assumptions()
    interp = conf["headcount_interpolation"]
    alpha = float(interp["alpha"] if alpha is None else alpha)
    validate_split(split_at, split_share)
    noise = conf["noise"]
    seed = int(noise["seed"] if seed is None else seed)

    # 1. headcounts per sector row and class
    sectors = list(dict.fromkeys(counts["sector"]))
    codes = {s: str(c) for s, c in zip(counts["sector"], counts["sbi"], strict=True)}
    parts: list[_SectorRows] = []
    for sector_i, sector in enumerate(sectors):
        rows = counts[counts["sector"] == sector]
        persons, n, cls_lo, cls_label = [], [], [], []
        for row in rows.itertuples(index=False):
            # 'count' shadows tuple.count for the type checker; the columns are numeric.
            count = round(float(cast(float, row.count)))
            if count <= 0:
                continue
            lo, hi = int(cast(int, row.lo)), float(cast(float, row.hi))
            override = override_for(lo, hi, split_at, split_share)
            p, k = headcount_distribution(lo, hi, count, alpha, override)
            keep = k > 0
            persons.append(p[keep])
            n.append(k[keep])
            cls_lo.append(np.full(keep.sum(), lo))
            cls_label.append(np.full(keep.sum(), _class_label(lo, hi), dtype=object))
        if not persons:
            continue
        parts.append(
            _sector_rows(
                sector_i,
                np.concatenate(persons),
                np.concatenate(n),
                np.concatenate(cls_lo),
                np.concatenate(cls_label),
                sector_rng(seed, sector),
                conf,
            )
        )
    if not parts:
        raise CountsError(
            "telling bevat geen bedrijven (alle aantallen zijn 0)",
            "the counts contain no firms (all numbers are 0)",
        )
    cell_offsets = np.cumsum([0, *(len(part.cell_n) for part in parts[:-1])])
    cell_s = np.concatenate([part.cell_s for part in parts])
    cell_p = np.concatenate([part.cell_p for part in parts])
    cell_lab = np.concatenate([part.cell_lab for part in parts])
    forms = np.concatenate([part.forms for part in parts])
    row_cell = np.concatenate(
        [part.row_cell + off for part, off in zip(parts, cell_offsets, strict=True)]
    )
    weight = np.concatenate([part.weight for part in parts])
    f_turn, f_bal, f_wage, f_energy = (
        np.concatenate([part.factors[i] for part in parts]) for i in range(4)
    )

    # 4. profile columns from sector ratios
    p_row = cell_p[row_cell].astype(np.float64)
    form_row = forms[row_cell]
    owners_map = conf["employees_from_persons"]["working_owners"]
    owners = np.array([owners_map[f] for f in ("bv", "vof", "eenmanszaak")], dtype=np.float64)
    form_code = np.select([form_row == "bv", form_row == "vof"], [0, 1], 2)
    owners_row = np.minimum(owners[form_code], p_row)
    employees = np.maximum(p_row - owners_row, 0.0)
    sector_names = np.array(sectors, dtype=object)
    sector_row = sector_names[cell_s[row_cell]]
    rep = conf["representative_division"]
    sbi_of_sector = {s: _sbi_for(codes[s], rep) for s in sectors}
    sbi_row = np.array([sbi_of_sector[s] for s in sectors], dtype=object)[cell_s[row_cell]]
    section_row = np.array([section_of(sbi_of_sector[s]) or "" for s in sectors], dtype=object)[
        cell_s[row_cell]
    ]
    rates = catalogue.rates
    wages = wage_per_job_by_section()

    def by_section(values: dict[str, float], default: float) -> np.ndarray:
        per_sector = np.array(
            [values.get(section_of(sbi_of_sector[s]) or "", default) for s in sectors]
        )
        return per_sector[cell_s[row_cell]]

    def rate(rid: str) -> np.ndarray:
        r = rates[rid]
        return by_section(dict(r.by_section or {}), r.value)

    turnover = p_row * rate("turnover_per_person") * f_turn
    wage_bill = (
        employees * by_section(wages, wages.get("*", rates["annual_wage_per_job"].value)) * f_wage
    )
    frame = pd.DataFrame(
        {
            "employees": employees,
            "working_owners": owners_row,
            "legal_form": form_row,
            "sector_sbi": sbi_row,
            "fte": employees * rate("fte_per_employee"),
            "wage_bill_eur": wage_bill,
            "turnover_eur": turnover,
            "balance_total_eur": turnover * rate("balance_to_turnover") * f_bal,
            "electricity_kwh": p_row * rate("electricity_kwh_per_person") * f_energy,
            "gas_m3": p_row * rate("gas_m3_per_person") * f_energy,
        }
    )
    completed, _assumed = complete(frame, catalogue.rates)
    completed["weight"] = weight.astype(np.float64)
    completed["sector"] = sector_row
    completed["sector_code"] = section_row
    completed["size_class"] = cell_lab[row_cell]
    completed["persons"] = p_row
    kept = counts.copy()
    kept.attrs = notes
    return Population(completed, kept, conf, label, seed)


def sector_rng(seed: int, sector: str) -> np.random.Generator:
    """The random stream of one sector: the same firms whether the sector is built on its own
    ('section:C') or as part of a larger population ('nl').

    One stream for the whole population would make a sector's firms depend on which sectors
    were drawn before it, so section C alone and the section C part of the Netherlands would
    differ.  The stream is keyed by the seed and the sector's label (a stable hash, not
    Python's per-process ``hash``).
    """
    digest = hashlib.sha256(sector.encode("utf-8")).digest()
    return np.random.default_rng([seed, int.from_bytes(digest[:8], "little")])


@dataclass(frozen=True)
class _SectorRows:
    """One sector's cells (headcount × legal form) and weighted rows with their noise."""

    cell_n: np.ndarray
    cell_s: np.ndarray
    cell_p: np.ndarray
    cell_lab: np.ndarray
    forms: np.ndarray
    row_cell: np.ndarray  # index into this sector's cells
    weight: np.ndarray
    factors: tuple[
        np.ndarray, np.ndarray, np.ndarray, np.ndarray
    ]  # turnover, balance, wage, energy


def _sector_rows(
    sector_i: int,
    p_arr: np.ndarray,
    n_arr: np.ndarray,
    lo_arr: np.ndarray,
    lab_arr: np.ndarray,
    rng: np.random.Generator,
    conf: dict[str, Any],
) -> _SectorRows:
    """Legal forms and noise levels of one sector's headcounts, from the sector's own stream."""
    noise = conf["noise"]
    # 2. legal form: bv share by class; natural persons are eenmanszaak, or vof with 2 persons
    n_bv = rng.binomial(n_arr, _bv_share(lo_arr, conf["legal_form"]["share_bv_by_class_lo"]))
    natural_form = np.where(p_arr == 2, "vof", "eenmanszaak")
    forms = np.concatenate([np.full(len(n_arr), "bv", dtype=object), natural_form.astype(object)])
    cell_n = np.concatenate([n_bv, n_arr - n_bv])
    cell_p = np.concatenate([p_arr, p_arr])
    cell_lab = np.concatenate([lab_arr, lab_arr])
    nz = cell_n > 0
    cell_n, cell_p, cell_lab, forms = cell_n[nz], cell_p[nz], cell_lab[nz], forms[nz]

    # 3. noise levels: small cells one row per firm, large cells Q stratified quantiles
    q = int(noise["levels"])
    k = np.minimum(cell_n, q)
    row_cell = np.repeat(np.arange(len(cell_n)), k)
    start = np.repeat(np.cumsum(k) - k, k)
    j = np.arange(len(row_cell)) - start
    big = cell_n[row_cell] > q
    weight = np.ones(len(row_cell), dtype=np.int64)
    big_cells = np.flatnonzero(cell_n > q)
    pos = np.full(len(cell_n), -1)
    if len(big_cells):
        multi = rng.multinomial(cell_n[big_cells], np.full(q, 1.0 / q))
        pos[big_cells] = np.arange(len(big_cells))
        weight[big] = multi[pos[row_cell[big]], j[big]]
    quantiles = np.array([NormalDist().inv_cdf((i + 0.5) / q) for i in range(q)])

    def z() -> np.ndarray:
        out = rng.standard_normal(len(row_cell))
        if len(big_cells):
            perm = np.argsort(rng.random((len(big_cells), q)), axis=1)
            out[big] = quantiles[perm[pos[row_cell[big]], j[big]]]
        return out

    def factor(sigma: float) -> np.ndarray:
        return np.exp(float(sigma) * z() - float(sigma) ** 2 / 2.0)  # mean 1

    factors = tuple(
        factor(noise[name])
        for name in ("sigma_turnover", "sigma_balance", "sigma_wage", "sigma_energy")
    )
    keep = weight > 0
    return _SectorRows(
        cell_n=cell_n,
        cell_s=np.full(len(cell_n), sector_i),
        cell_p=cell_p,
        cell_lab=cell_lab,
        forms=forms,
        row_cell=row_cell[keep],
        weight=weight[keep],
        factors=(factors[0][keep], factors[1][keep], factors[2][keep], factors[3][keep]),
    )


def _sbi_for(code: str, rep: dict[str, str]) -> str:
    """SBI code for a counts row: digits are used as is; a section letter via the YAML map."""
    digits = code.split("+", 1)[0].split("-", 1)[0]
    if digits.isdigit() and len(digits) >= 2:
        return digits
    if code in rep:
        return str(rep[code])
    raise ValueError(f"geen SBI-code voor sector '{code}' (vul representative_division aan)")
