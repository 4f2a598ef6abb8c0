"""Grouping firms by their applicability pattern, exactly.

A population of millions has only a few hundred distinct patterns of "which rules apply" (and
of relief under a proposal), which is what makes totals, breakdowns, threshold sweeps and
Monte Carlo intervals cheap: they cost a few hundred pattern rows, not millions of firms.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def pattern_codes(applies: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group firms by their applicability pattern (which rules apply).

    ``applies`` is rule-major (R × n).  Returns (code per firm, index of one representative
    firm per pattern).  Exact: rules are packed 64 to a machine word and the words are
    factorised one after the other, so two different patterns never share a code.  A
    population of millions has only a few hundred patterns, which is what makes totals,
    breakdowns and threshold sweeps cheap.
    """
    r, n = applies.shape
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    key: np.ndarray | None = None
    size = 1
    for start in range(0, max(r, 1), 64):
        block = applies[start : start + 64]
        word = np.zeros(n, dtype=np.uint64)
        for b0 in range(0, len(block), 8):
            byte = np.zeros(n, dtype=np.uint8)
            for j, row in enumerate(block[b0 : b0 + 8]):
                byte |= row.view(np.uint8) << np.uint8(j)
            word |= byte.astype(np.uint64) << np.uint64(b0)
        codes, uniques = pd.factorize(word)
        key = codes.astype(np.int64) if key is None else key * len(uniques) + codes
        key, uniq = pd.factorize(key)
        size = len(uniq)
    assert key is not None
    key = np.asarray(key, dtype=np.int64)
    first = np.full(size, n, dtype=np.int64)
    np.minimum.at(first, key, np.arange(n, dtype=np.int64))
    return key, first


def combine_codes(base: np.ndarray, *extra: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Refine pattern codes by further per-firm keys; returns (codes, first firm per code)."""
    key = np.asarray(base, dtype=np.int64)
    for other in extra:
        other_codes, uniques = pd.factorize(other)
        key, _ = pd.factorize(key * max(len(uniques), 1) + other_codes)
        key = np.asarray(key, dtype=np.int64)
    codes, uniq = pd.factorize(key)
    codes = np.asarray(codes, dtype=np.int64)
    n = len(codes)
    first = np.full(len(uniq), n, dtype=np.int64)
    np.minimum.at(first, codes, np.arange(n, dtype=np.int64))
    return codes, first
