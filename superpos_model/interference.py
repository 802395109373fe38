"""Overlaps of random feature directions: typical versus worst case (seed 000, SPEC §2.3).

With m = T features in n = D dimensions, the notes' claimed noise per unit of
another feature is the Johnson–Lindenstrauss distortion √(8 ln m / n); the
typical (RMS) overlap is n^(−1/2); the largest of all overlaps is ≈ √(4 ln m / n).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .embeddings import RandomEmbedding
from .monitor import SILENT, Monitor
from .params import Params

#: Multiply-adds allowed for the all-pairs Gram of the features examined.
PAIR_WORK = 4e9
#: Rows of the pairwise Gram formed at once.
ROW_BLOCK = 512


def rms_typical(D: int) -> float:
    """RMS overlap of two independent random unit vectors: E⟨u,v⟩² = 1/n exactly."""
    return 1.0 / math.sqrt(D)


def max_typical(m: int, D: int) -> float:
    """Asymptotic largest overlap among m random unit vectors, √(4 ln m / n)."""
    return math.sqrt(4.0 * math.log(m) / D)


def jl_bound(T: int, D: int) -> float:
    """The notes' 'typical noise', the JL distortion √(8 ln m / n): a worst-case bound."""
    return math.sqrt(8.0 * math.log(T) / D)


def welch_bound(T: int, D: int) -> float:
    """No T unit vectors in R^D have all overlaps below √((T−D)/(D(T−1)))."""
    return math.sqrt(max(T - D, 0) / (D * (T - 1)))


def capacity_typical(D: int) -> float:
    """Active features before typical noise (√(l/n)) reaches the signal: l < n."""
    return float(D)


def capacity_notes(T: int, D: int) -> float:
    """The notes' capacity from the JL distortion: l < n / (8 ln m)."""
    return D / (8.0 * math.log(T))


def examined_features(params: Params) -> int:
    """How many features' pairwise overlaps are formed in full (all, when affordable)."""
    affordable = int(math.sqrt(PAIR_WORK / params.D))
    return max(2, min(params.T, affordable))


@dataclass(frozen=True)
class OverlapStats:
    """Off-diagonal Gram entries ⟨w_i, w_j⟩ (i < j) of one random embedding.

    ``features`` is how many of the T features were examined (all pairs among
    them); ``rms`` and ``max_abs`` are measured over those ``pairs``.
    """

    features: int
    pairs: int
    rms: float
    max_abs: float


def overlap_stats(params: Params, monitor: Monitor = SILENT) -> OverlapStats:
    """RMS and largest |overlap| among the first features of random embedding 0."""
    m = examined_features(params)
    W = RandomEmbedding(params.T, params.D, params.seed).columns(m)
    sum_squares, largest = 0.0, 0.0
    for start in range(0, m, ROW_BLOCK):
        stop = min(start + ROW_BLOCK, m)
        # Only pairs i < j: the block against the columns after its first row.
        block = W[:, start:stop].T @ W[:, start:]
        upper = np.triu(np.ones(block.shape, dtype=bool), k=1)
        values = block[upper]
        sum_squares += float(values @ values)
        if values.size:
            largest = max(largest, float(np.abs(values).max()))
        monitor.step(stop / m)
    pairs = m * (m - 1) // 2
    return OverlapStats(m, pairs, math.sqrt(sum_squares / pairs), largest)
