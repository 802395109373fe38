"""The exact distribution of S_k, a sum of k independent overlaps of random unit vectors.

For a fixed unit vector w and k independent uniform unit vectors in R^D, the overlaps
t = ⟨w, w_j⟩ are independent with density (1−t²)^((D−3)/2) / B(½, (D−1)/2) on [−1, 1];
writing t = cos θ, θ has density sin^(D−2) θ / B(½, (D−1)/2) on [0, π], which is smooth
for every D ≥ 2 (at D = 2 the singularities of t's density at ±1 disappear).

One overlap is put on a lattice of spacing h by splitting each cell's mass between its
two end points so that the cell's mean is kept; S_k is then the k-fold convolution of
that lattice distribution (one FFT).  The split adds a variance of about h²/6 per
overlap, so results on two lattices (h and h/2) are combined by Richardson
extrapolation, which removes the h² term (see :mod:`.exact`).  D = 1 is exact: the
overlaps are ±1 with probability ½ each.

A single overlap (S_1) is not put on a lattice at all: its ReLU moments have closed
forms (:class:`OneOverlap`).  At small D its density is singular at ±1 ((1−t²)^(−½) at
D = 2), and a lattice cell spread across the end of the support loses mass to a
threshold there (b = 0 puts the active readout's threshold on the end): an error that
falls like h^1.5, which the extrapolation does not remove.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike
from scipy import fft, special

#: Lattice points per standard deviation 1/√D of one overlap on the finer lattice.
POINTS_PER_SD = 200
#: Tails beyond this many standard deviations are dropped: S_k is sub-Gaussian with
#: variance proxy k/D, so the dropped mass is below 2·exp(−12²/2) ≈ 1e-31.
TAIL_SD = 12.0
#: Largest lattice for one S_k; beyond it the spacing grows (very large z only).
MAX_POINTS = 2**22
#: Gauss–Legendre nodes per lattice cell for the (smooth) density of θ.
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(8)


TailMoments = Callable[[np.ndarray], tuple[np.ndarray, ...]]


def relu_moments(tails: TailMoments, a: ArrayLike, b: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """(E r, E r²) for r = ReLU(a·X − b), elementwise over broadcast a ≥ 0 and b, from
    ``tails``: threshold u ↦ (E[1; X > u], E[X; X > u], E[X²; X > u])."""
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    positive = a > 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        threshold = b / np.where(positive, a, 1.0)
    t0, t1, t2 = tails(threshold)
    mean = a * t1 - b * t0
    second = a * a * t2 - 2 * a * b * t1 + b * b * t0
    constant = np.maximum(-b, 0.0)  # a = 0: the readout is ReLU(−b) whatever X is
    mean = np.where(positive, np.maximum(mean, 0.0), constant)
    second = np.where(positive, np.maximum(second, 0.0), constant * constant)
    return mean, second


@dataclass(frozen=True, eq=False)
class Lattice:
    """A distribution on the points x0 + j·h (j = 0 … n−1), with tail moments.

    With ``spread`` (a continuous distribution), each mass p_j is read as spread evenly
    over its cell [x_j − h/2, x_j + h/2], so that moments of ReLU(a·X − b) are smooth in
    the threshold b/a: a kink between two points then costs O(h³), not O(h²).  Without it
    (D = 1 and S_0, which are discrete) the points are the exact support.

    ``tails[r][j]`` = Σ_{i ≥ j} of cell i's r-th moment (r = 0, 1, 2; an extra 0 at j = n),
    so the moments of ReLU(a·X − b) cost one index computation per (a, b).
    """

    x0: float
    h: float
    p: np.ndarray
    spread: bool
    tails: np.ndarray

    @classmethod
    def from_masses(cls, x0: float, h: float, p: np.ndarray, spread: bool = True) -> Lattice:
        x = x0 + h * np.arange(len(p))
        second = x * x + (h * h / 12 if spread else 0.0)  # a cell's uniform spread adds h²/12
        powers = np.stack([p, p * x, p * second])
        # Reverse cumulative sums start in the far tail, so small tails keep their digits.
        tails = np.zeros((3, len(p) + 1))
        tails[:, :-1] = np.cumsum(powers[:, ::-1], axis=1)[:, ::-1]
        return cls(x0, h, p, spread, tails)

    @property
    def points(self) -> np.ndarray:
        return self.x0 + self.h * np.arange(len(self.p))

    def shifted(self, shift: float) -> Lattice:
        """The distribution of X + shift."""
        return Lattice.from_masses(self.x0 + shift, self.h, self.p, self.spread)

    def _tail_moments(self, threshold: np.ndarray) -> tuple[np.ndarray, ...]:
        """(E[1; X > t], E[X; X > t], E[X²; X > t]) at each threshold t."""
        n, h = len(self.p), self.h
        offset = np.nan_to_num((threshold - self.x0) / h, nan=0.0, posinf=n + 1, neginf=-2)
        if not self.spread:
            # First point strictly above t (a point on it contributes 0 to any ReLU moment).
            index = np.clip(np.floor(offset) + 1, 0, n).astype(np.int64)
            return self.tails[0][index], self.tails[1][index], self.tails[2][index]
        cell = np.clip(np.floor(offset + 0.5), -1, n).astype(np.int64)
        above = np.clip(cell + 1, 0, n)
        m0, m1, m2 = (self.tails[r][above].copy() for r in range(3))
        inside = (cell >= 0) & (cell < n)
        j = np.clip(cell, 0, n - 1)
        top = self.x0 + h * (j + 0.5)
        t = np.where(inside, np.clip(threshold, top - h, top), top)
        density = np.where(inside, self.p[j] / h, 0.0)
        m0 += density * (top - t)
        m1 += density * (top * top - t * t) / 2
        m2 += density * (top**3 - t**3) / 3
        return m0, m1, m2

    def relu_moments_at(self, a: float, b: float) -> tuple[float, float]:
        """:meth:`relu_moments` for one (a, b) in plain floats: optimisers call this often."""
        if a <= 0:
            constant = max(-b, 0.0)
            return constant, constant * constant
        n, h, tails = len(self.p), self.h, self.tails
        offset = (b / a - self.x0) / h
        if not math.isfinite(offset):
            offset = n + 1.0 if offset > 0 else -2.0
        if self.spread:
            cell = min(max(math.floor(offset + 0.5), -1), n)
            above = min(max(cell + 1, 0), n)
        else:
            cell, above = -1, min(max(math.floor(offset) + 1, 0), n)
        m0, m1, m2 = float(tails[0, above]), float(tails[1, above]), float(tails[2, above])
        if 0 <= cell < n and self.spread:
            top = self.x0 + h * (cell + 0.5)
            t = min(max(b / a, top - h), top)
            density = float(self.p[cell]) / h
            m0 += density * (top - t)
            m1 += density * (top * top - t * t) / 2
            m2 += density * (top**3 - t**3) / 3
        mean = a * m1 - b * m0
        second = a * a * m2 - 2 * a * b * m1 + b * b * m0
        return max(mean, 0.0), max(second, 0.0)

    def relu_moments(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(E r, E r²) for r = ReLU(a·X − b), elementwise over broadcast a ≥ 0 and b."""
        return relu_moments(self._tail_moments, a, b)


@dataclass(frozen=True)
class OneOverlap:
    """shift + t for one overlap t of uniform unit vectors in R^D (D ≥ 2), exactly.

    t = 2u − 1 with u ~ Beta(α, α), α = (D − 1)/2, so with c clipped to [−1, 1]:
    P(t > c) = I_{(1−c)/2}(α, α),  E[t; t > c] = (1 − c²)^α / (2α·B(½, α)),
    E[t²; t > c] = P(t > c) − B(½, α + 1)/B(½, α) · I_{(1−c)/2}(α + 1, α + 1)
    (as t² = 1 − (1 − t²)), I the regularised incomplete beta function.
    """

    D: int
    shift: float = 0.0

    def shifted(self, shift: float) -> OneOverlap:
        """The distribution of X + shift."""
        return OneOverlap(self.D, self.shift + shift)

    def _tail_moments(self, threshold: np.ndarray) -> tuple[np.ndarray, ...]:
        """(E[1; X > u], E[X; X > u], E[X²; X > u]) at each threshold u, X = shift + t."""
        s = self.shift
        t0, t1, t2 = self._overlap_tails(np.nan_to_num(threshold - s, nan=0.0))
        return t0, s * t0 + t1, s * s * t0 + 2 * s * t1 + t2

    def _overlap_tails(self, c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(P, E[t; ·], E[t²; ·]) over t > c."""
        alpha = (self.D - 1) / 2
        c = np.clip(c, -1.0, 1.0)
        upper = (1 - c) / 2
        m0 = special.betainc(alpha, alpha, upper)
        m1 = (1 - c * c) ** alpha / (2 * alpha * special.beta(0.5, alpha))
        ratio = special.beta(0.5, alpha + 1) / special.beta(0.5, alpha)
        m2 = m0 - ratio * special.betainc(alpha + 1, alpha + 1, upper)
        return m0, m1, m2

    def relu_moments(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(E r, E r²) for r = ReLU(a·X − b), elementwise over broadcast a ≥ 0 and b."""
        return relu_moments(self._tail_moments, a, b)

    def relu_moments_at(self, a: float, b: float) -> tuple[float, float]:
        """:meth:`relu_moments` for one (a, b), in plain floats."""
        mean, second = self.relu_moments(np.asarray(a), np.asarray(b))
        return float(mean), float(second)


def one_overlap(D: int, points_per_sd: int) -> tuple[float, int, np.ndarray]:
    """(h, m, masses on j·h for j = −m … m) for one overlap of uniform unit vectors in R^D."""
    if D == 1:
        return 1.0, 1, np.array([0.5, 0.0, 0.5])
    sd = 1 / math.sqrt(D)
    if TAIL_SD * sd >= 1:
        # The lattice covers [−1, 1] exactly, so ±1 are lattice points.
        m = math.ceil(points_per_sd * math.sqrt(D))
        h = 1.0 / m
    else:
        h = sd / points_per_sd
        m = math.ceil(TAIL_SD * sd / h)
    edges = np.clip(h * np.arange(-m, m + 1), -1.0, 1.0)
    theta = np.arccos(edges)  # decreasing
    lo, hi = theta[1:], theta[:-1]
    half = (hi - lo)[:, None] / 2
    nodes = (hi + lo)[:, None] / 2 + half * _NODES
    log_norm = special.betaln(0.5, (D - 1) / 2)
    with np.errstate(divide="ignore"):
        density = np.exp((D - 2) * np.log(np.sin(nodes)) - log_norm) if D > 2 else 1 / math.pi
    weights = half * _WEIGHTS * density
    mass = weights.sum(axis=1)
    left = edges[:-1]
    # Mass to each cell's right end point so that the cell's mean is kept.
    right_share = np.clip((weights * (np.cos(nodes) - left[:, None])).sum(axis=1) / h, 0, mass)
    p = np.zeros(2 * m + 1)
    p[:-1] += mass - right_share
    p[1:] += right_share
    return h, m, p / p.sum()


@lru_cache(maxsize=32)
def overlap_sum(D: int, k: int, points_per_sd: int = POINTS_PER_SD) -> Lattice:
    """The lattice distribution of S_k (S_0 = 0).  Cached: it depends on D and k only."""
    if k == 0:
        return Lattice.from_masses(0.0, 1.0, np.array([1.0]), spread=False)
    support = min(float(k), TAIL_SD * math.sqrt(k / D))
    while True:
        h, m, p1 = one_overlap(D, points_per_sd)
        half_width = math.ceil(support / h - 1e-9)
        if 2 * half_width + 1 <= MAX_POINTS or points_per_sd <= 4:
            break
        points_per_sd //= 2
    # Circular convolution: a period above 2·half_width + 2m keeps wrapped mass in the
    # dropped tails.
    n = fft.next_fast_len(2 * half_width + 2 * m + 1, real=True)
    circular = np.zeros(n)
    circular[: m + 1] = p1[m:]
    circular[n - m :] = p1[:m]
    summed = fft.irfft(fft.rfft(circular) ** k, n)
    indices = np.arange(-half_width, half_width + 1) % n
    p = np.maximum(summed[indices], 0.0)  # FFT round-off leaves ~1e-17 negatives
    return Lattice.from_masses(-half_width * h, h, p / p.sum(), spread=D > 1)
