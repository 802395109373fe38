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
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
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


@dataclass(frozen=True, eq=False)
class Lattice:
    """A distribution on the points x0 + j·h (j = 0 … n−1) with tail moments.

    ``tails[r][j]`` = Σ_{i ≥ j} p_i·x_i^r for r = 0, 1, 2 (an extra 0 at j = n), so the
    moments of ReLU(a·X − b) cost one index computation per (a, b).
    """

    x0: float
    h: float
    p: np.ndarray
    tails: np.ndarray

    @classmethod
    def from_masses(cls, x0: float, h: float, p: np.ndarray) -> Lattice:
        x = x0 + h * np.arange(len(p))
        powers = np.stack([p, p * x, p * x * x])
        # Reverse cumulative sums start in the far tail, so small tails keep their digits.
        tails = np.zeros((3, len(p) + 1))
        tails[:, :-1] = np.cumsum(powers[:, ::-1], axis=1)[:, ::-1]
        return cls(x0, h, p, tails)

    @property
    def points(self) -> np.ndarray:
        return self.x0 + self.h * np.arange(len(self.p))

    def shifted(self, shift: float) -> Lattice:
        """The distribution of X + shift."""
        return Lattice.from_masses(self.x0 + shift, self.h, self.p)

    def relu_moments(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(E r, E r²) for r = ReLU(a·X − b), elementwise over broadcast a ≥ 0 and b."""
        a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
        positive = a > 0
        safe_a = np.where(positive, a, 1.0)
        # First point strictly above the threshold b/a (a point on it contributes 0).
        with np.errstate(over="ignore", invalid="ignore"):
            position = np.floor((b / safe_a - self.x0) / self.h) + 1
        index = np.clip(np.nan_to_num(position, nan=0.0), 0, len(self.p)).astype(np.int64)
        t0, t1, t2 = self.tails[0][index], self.tails[1][index], self.tails[2][index]
        mean = a * t1 - b * t0
        second = a * a * t2 - 2 * a * b * t1 + b * b * t0
        constant = np.maximum(-b, 0.0)  # a = 0: the readout is ReLU(−b) whatever X is
        mean = np.where(positive, np.maximum(mean, 0.0), constant)
        second = np.where(positive, np.maximum(second, 0.0), constant * constant)
        return mean, second


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


@lru_cache(maxsize=64)
def overlap_sum(D: int, k: int, points_per_sd: int = POINTS_PER_SD) -> Lattice:
    """The lattice distribution of S_k (S_0 = 0).  Cached: it depends on D and k only."""
    if k == 0:
        return Lattice.from_masses(0.0, 1.0, np.array([1.0]))
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
    return Lattice.from_masses(-half_width * h, h, p / p.sum())
