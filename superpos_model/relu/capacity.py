"""Exact recovery through a threshold: how many active features a random embedding decodes.

Feature i is decoded as active when its readout u_i = w_iᵀ(W·y) exceeds half the
signal, ½ (the ReLU readout with a = 1, b = ½).  A sample is decoded wrong when an
active feature reads below ½ or an inactive one above it.  This module measures
P(any of the T features is decoded wrong) as z grows, and where it crosses ½.

Only what decides the event is drawn, exactly in distribution:
- the Gram matrix of the z active directions (uniform unit vectors in R^D), through
  the Bartlett decomposition of the Wishart matrix when z ≤ D (O(z²) normals per
  sample instead of z·D); an active feature reads its row sum;
- the largest inactive readout.  Given the active directions, h = W·y is fixed and
  the T − z inactive directions are independent of it, so their readouts are
  ‖h‖·t_i with t_i independent overlaps of density ∝ (1 − t²)^((D−3)/2), i.e.
  t = 2B − 1 with B ~ Beta((D−1)/2, (D−1)/2).  Their maximum is drawn by inverting
  the CDF of the largest of T − z: one uniform per sample, not T − z readouts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special

from ..monitor import SILENT, Monitor

#: The decoding threshold, as a fraction of the signal 1.
HALF_SIGNAL = 0.5
#: Most samples per grid point: the SE of a probability near ½ is then ≤ 0.011.
MAX_SAMPLES = 2000
#: Floats in one chunk of Gram matrices (32 MB).
CHUNK_ELEMENTS = 2**22
#: The grid stops once the probability has stayed at or above this for two points.
SATURATED = 0.98
#: Whole steps of z up to this, then geometric steps of this ratio.
UNIT_STEPS, GROWTH = 12, 1.25
#: Stream tag of the capacity draws.
DECODING_STREAM = 11


@dataclass(frozen=True, eq=False)
class DecodingCapacity:
    """P(some feature decoded wrong) along a grid of z, and where it crosses ½.

    Attributes
    ----------
    active : (k,) int array
        The grid of z.
    wrong, se : (k,) arrays
        The measured probability and its binomial SE.
    crossing, crossing_se : float
        z where the probability reaches ½, interpolated linearly between the grid
        points around it (from P = 0 at z = 0); its delta-method SE.  NaN when the
        grid never reaches ½.
    notes_line : float
        D/(8 ln T), the first note's n/(8 ln m).
    typical : float
        D, the typical capacity l < n.
    """

    T: int
    D: int
    samples: int
    active: np.ndarray
    wrong: np.ndarray
    se: np.ndarray
    crossing: float
    crossing_se: float

    @property
    def reached(self) -> bool:
        return math.isfinite(self.crossing)

    @property
    def notes_line(self) -> float:
        return self.D / (8 * math.log(self.T))

    @property
    def typical(self) -> float:
        return float(self.D)


def _unit_grams(rng: np.random.Generator, n: int, z: int, D: int) -> np.ndarray:
    """(n, z, z) Gram matrices of z independent uniform unit vectors in R^D."""
    if z <= D:
        # Bartlett: the Gram of z standard normal vectors in R^D is A·Aᵀ, A lower
        # triangular with χ²_{D−i} on the diagonal (squared) and N(0, 1) below it.
        lower = np.tril(rng.standard_normal((n, z, z)), k=-1)
        diagonal = np.sqrt(rng.chisquare(D - np.arange(z), size=(n, z)))
        lower[:, np.arange(z), np.arange(z)] = diagonal
        gram = lower @ np.swapaxes(lower, 1, 2)
    else:
        vectors = rng.standard_normal((n, z, D))
        gram = vectors @ np.swapaxes(vectors, 1, 2)
    norms = np.sqrt(np.einsum("sii->si", gram))
    return np.asarray(gram / (norms[:, :, None] * norms[:, None, :]))


def _largest_overlaps(rng: np.random.Generator, n: int, m: int, D: int) -> np.ndarray:
    """The largest of m independent overlaps t (with a fixed unit vector), n times."""
    if D == 1:
        # t = ±1 with probability ½ each: the largest is −1 only when all m are.
        return np.where(rng.random(n) < 0.5**m, -1.0, 1.0)
    # max ≤ x with probability F(x)^m; draw 1 − F(max) = 1 − U^(1/m) without rounding
    # it to 0, and use the symmetry of Beta(α, α) to invert in the upper tail.
    upper = -np.expm1(np.log1p(-rng.random(n)) / m)
    alpha = (D - 1) / 2
    return np.asarray(1.0 - 2.0 * special.betaincinv(alpha, alpha, upper))


def wrong_decoding(rng: np.random.Generator, T: int, D: int, z: int, n: int) -> np.ndarray:
    """n draws of 'some feature is decoded wrong' (bool) with z of T active."""
    out = np.empty(n, dtype=bool)
    rows = max(1, CHUNK_ELEMENTS // (z * z))
    for start in range(0, n, rows):
        count = min(rows, n - start)
        gram = _unit_grams(rng, count, z, D)
        readouts = gram.sum(axis=2)  # every active feature: 1 + its overlaps
        signal = np.sqrt(np.maximum(readouts.sum(axis=1), 0.0))  # ‖h‖
        worst_active = readouts.min(axis=1)
        if T > z:
            worst_inactive = signal * _largest_overlaps(rng, count, T - z, D)
        else:
            worst_inactive = np.full(count, -np.inf)
        out[start : start + count] = (worst_active < HALF_SIGNAL) | (worst_inactive > HALF_SIGNAL)
    return out


def _crossing(active: np.ndarray, wrong: np.ndarray, se: np.ndarray) -> tuple[float, float]:
    above = np.flatnonzero(wrong >= 0.5)
    if not above.size:
        return math.nan, math.nan
    i = int(above[0])
    z = np.concatenate([[0.0], active])
    p = np.concatenate([[0.0], wrong])
    s = np.concatenate([[0.0], se])
    slope = (p[i + 1] - p[i]) / (z[i + 1] - z[i])
    fraction = (0.5 - p[i]) / (p[i + 1] - p[i])
    at = z[i] + fraction * (z[i + 1] - z[i])
    spread = math.hypot((1 - fraction) * s[i], fraction * s[i + 1])
    return float(at), float(spread / slope)


def _next_z(z: int) -> int:
    return z + 1 if z < UNIT_STEPS else max(z + 1, round(z * GROWTH))


def decoding_capacity(
    T: int, D: int, samples: int, seed: int, monitor: Monitor = SILENT
) -> DecodingCapacity:
    """P(some feature decoded wrong) for z = 1, 2, … until it saturates (or z = T)."""
    n = min(samples, MAX_SAMPLES)
    rng = np.random.default_rng([seed, DECODING_STREAM])
    grid, wrong = [], []
    # Progress: the crossing is expected near D/(8 ln T); the grid usually ends by 4× that.
    expected = max(4.0, 4 * D / (8 * math.log(T)))
    z = 1
    while z <= T:
        draws = wrong_decoding(rng, T, D, z, n)
        grid.append(z)
        wrong.append(float(draws.mean()))
        monitor.step(min(0.99, z / expected))
        if len(wrong) >= 2 and min(wrong[-2:]) >= SATURATED:
            break
        z = _next_z(z)
    monitor.step(1.0)
    active, p = np.array(grid), np.array(wrong)
    se = np.sqrt(np.maximum(p * (1 - p), 0.0) / (n - 1))
    at, at_se = _crossing(active, p, se)
    return DecodingCapacity(T, D, n, active, p, se, at, at_se)
