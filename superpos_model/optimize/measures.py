"""What a trained embedding looks like: overlaps, tightness, norms, dimensionality.

Each number tests one part of the claim that the best linear embedding is
"almost orthogonal directions": the overlaps of its normalised columns against
the Welch bound (the least possible RMS overlap of T unit vectors in D
dimensions, reached exactly by unit-norm tight frames) and against a random
frame's 1/√D; how far WWᵀ is from a multiple of the identity; how unequal the
feature norms are; how much of the all-ones vector W's row space holds (the
rank-D bound needs all of it); and each feature's share of a dimension.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..interference import welch_bound

#: Multiply-adds allowed for scanning all pairs of columns for the largest overlap.
PAIR_WORK = 2e9
#: Pairs drawn (uniformly, with replacement) for the largest overlap above that.
SAMPLED_PAIRS = 1_000_000
#: Columns of the overlap matrix formed at once.
_BLOCK = 512


@dataclass(frozen=True, eq=False)
class EmbeddingMeasures:
    """Measurements of one W (D×T); zero columns (dropped features) are left out of overlaps.

    Attributes
    ----------
    max_overlap : float
        Largest |ŵ_i·ŵ_j| over ``pairs`` pairs (all pairs when ``all_pairs``).
    rms_overlap : float
        RMS of ŵ_i·ŵ_j over all pairs i ≠ j, from ‖ŴŴᵀ‖_F² (exact, O(T·D²)).
    welch_bound, random_rms : float
        √((T−D)/(D(T−1))) and 1/√D, the least and a random frame's RMS overlap.
    tight_frame_residual : float
        ‖WWᵀ − (‖W‖_F²/D)·I‖_F / ‖WWᵀ‖_F: 0 for a tight frame.
    norm_min, norm_max : float
        Smallest and largest column norm.
    ones_in_row_space : float
        ‖P1‖²/T with P the projection onto W's row space; 1 when 1 lies in it.
    dimensionality : (T,) array
        D_i = ‖w_i‖² / Σ_j (ŵ_i·w_j)² (0 for a zero column); they sum to D for a tight frame.
    """

    max_overlap: float
    rms_overlap: float
    pairs: int
    all_pairs: bool
    welch_bound: float
    random_rms: float
    tight_frame_residual: float
    norm_min: float
    norm_max: float
    ones_in_row_space: float
    dimensionality: np.ndarray

    @property
    def pairs_text(self) -> str:
        """Where :attr:`max_overlap` comes from, in words."""
        if self.all_pairs:
            return f"all {self.pairs:,} pairs"
        return f"{self.pairs:,} pairs drawn uniformly (with replacement)"


def measurements(W: np.ndarray, seed: int = 0) -> EmbeddingMeasures:
    """All measurements of W; ``seed`` picks the sampled pairs when T is large."""
    D, T = W.shape
    norms = np.sqrt(np.einsum("dt,dt->t", W, W))
    kept = norms > 0
    U = W[:, kept] / norms[kept]
    S = W @ W.T
    max_overlap, pairs, every = largest_overlap(U, seed)
    return EmbeddingMeasures(
        max_overlap=max_overlap,
        rms_overlap=rms_overlap(U),
        pairs=pairs,
        all_pairs=every,
        welch_bound=welch_bound(T, D) if T > 1 else 0.0,
        random_rms=1.0 / math.sqrt(D),
        tight_frame_residual=tight_frame_residual(S),
        norm_min=float(norms.min()),
        norm_max=float(norms.max()),
        ones_in_row_space=ones_in_row_space(W, S),
        dimensionality=dimensionality(W, S, norms),
    )


def rms_overlap(U: np.ndarray) -> float:
    """RMS of the off-diagonal entries of UᵀU for unit columns U: Σ_{i≠j} = ‖UUᵀ‖_F² − T."""
    m = U.shape[1]
    if m < 2:
        return 0.0
    F = U @ U.T
    return math.sqrt(max(float(F.ravel() @ F.ravel()) - m, 0.0) / (m * (m - 1)))


def largest_overlap(U: np.ndarray, seed: int = 0) -> tuple[float, int, bool]:
    """(max |u_i·u_j|, pairs looked at, whether that was all pairs) for unit columns U."""
    D, m = U.shape
    total = m * (m - 1) // 2
    if total == 0:
        return 0.0, 0, True
    if total * D <= PAIR_WORK:
        best = 0.0
        for start in range(0, m, _BLOCK):
            block = np.abs(U[:, start : start + _BLOCK].T @ U[:, start:])
            # Keep only j > i inside the block's own square.
            block[np.tril_indices(block.shape[0], 0, block.shape[1])] = 0.0
            best = max(best, float(block.max(initial=0.0)))
        return best, total, True
    rng = np.random.default_rng([seed, 13])
    i = rng.integers(0, m, SAMPLED_PAIRS)
    j = (i + rng.integers(1, m, SAMPLED_PAIRS)) % m  # uniform over j ≠ i
    values = np.abs(np.einsum("dn,dn->n", U[:, i], U[:, j]))
    return float(values.max()), SAMPLED_PAIRS, False


def tight_frame_residual(S: np.ndarray) -> float:
    """‖S − (tr S/D)·I‖_F / ‖S‖_F for S = WWᵀ (0 for W = 0)."""
    size = float(np.linalg.norm(S))
    if size == 0:
        return 0.0
    D = S.shape[0]
    return float(np.linalg.norm(S - np.trace(S) / D * np.eye(D))) / size


def ones_in_row_space(W: np.ndarray, S: np.ndarray) -> float:
    """‖P1‖²/T, P = Wᵀ(WWᵀ)⁺W the projection onto W's row space: (W1)ᵀ(WWᵀ)⁺(W1)/T."""
    s = W.sum(axis=1)
    return float(s @ np.linalg.pinv(S, hermitian=True) @ s) / int(W.shape[1])


def dimensionality(W: np.ndarray, S: np.ndarray, norms: np.ndarray) -> np.ndarray:
    """Feature dimensionality D_i = ‖w_i‖² / Σ_j (ŵ_i·w_j)² = ‖w_i‖⁴ / w_iᵀ(WWᵀ)w_i.

    The squared norm (not its square) keeps D_i independent of W's scale, which
    the loss ignores; Σ_j (ŵ_i·w_j)² = w_iᵀ S w_i / ‖w_i‖².
    """
    quadratic = np.einsum("dt,dt->t", W, S @ W)
    out = np.zeros(W.shape[1])
    kept = quadratic > 0
    out[kept] = norms[kept] ** 4 / quadratic[kept]
    return out
