"""Closed forms for random feature directions: typical versus worst-case overlap.

With m = T features in n = D dimensions, the notes' claimed noise per unit of
another feature is the Johnson–Lindenstrauss distortion √(8 ln m / n); the
typical (RMS) overlap is n^(−1/2); the largest of all overlaps is ≈ √(4 ln m / n).
With l features active, the noise on every other readout is ≈ N(0, l/n), which
gives three capacities: l < n (typical noise below the signal), the notes'
n/(8 ln m), and θ²n/(2 ln m) to keep all m readouts below θ.
"""

from __future__ import annotations

import math
from typing import overload

import numpy as np

#: Default threshold θ on every readout's noise: the signal itself.
DEFAULT_THRESHOLD = 1.0
#: Gauss–Legendre nodes per bin for the expected counts.
QUADRATURE_NODES = 16


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


def capacity_threshold(T: int, D: int, threshold: float = DEFAULT_THRESHOLD) -> float:
    """Active features that keep all m readouts' noise below θ: l < θ²n / (2 ln m).

    The largest of m draws of N(0, l/n) is ≈ √(2 l ln m / n).  At θ = 1/2 this is
    exactly the notes' n/(8 ln m).
    """
    return threshold**2 * D / (2.0 * math.log(T))


@overload
def max_readout_typical(active: float, m: int, D: int) -> float: ...
@overload
def max_readout_typical(active: np.ndarray, m: int, D: int) -> np.ndarray: ...


def max_readout_typical(active: np.ndarray | float, m: int, D: int) -> np.ndarray | float:
    """Asymptotic largest |noise| among m readouts with l = ``active`` features active.

    The largest of m draws of N(0, l/n): √(2 l ln m / n).
    """
    return np.sqrt(2.0 * np.asarray(active, dtype=float) * math.log(m) / D)


def random_frame_potential(T: int, D: int) -> float:
    """Σ_ij⟨w_i,w_j⟩² averaged over random unit columns: T + T(T−1)/D."""
    return T + T * (T - 1) / D


def tight_frame_potential(T: int, D: int) -> float:
    """The least Σ_ij⟨w_i,w_j⟩² of T unit vectors in R^D, reached by tight frames: T²/D.

    Below T = D the T vectors can be orthonormal, and the least is T.
    """
    return max(T * T / D, float(T))


def bin_probabilities(edges: np.ndarray, D: int) -> np.ndarray:
    """P(⟨u,v⟩ in each bin) for independent uniform unit vectors u, v in R^D.

    The density (1−t²)^((n−3)/2) / B(1/2, (n−1)/2) becomes cos^(n−2)φ / B under
    t = sin φ: smooth for n ≥ 2, so Gauss–Legendre in φ is accurate even where the
    density in t is singular (n = 2) or a narrow spike (large n).  At n = 1 the
    overlap is ±1, each with probability 1/2.
    """
    probabilities = np.zeros(len(edges) - 1)
    if D == 1:
        probabilities[0] += 0.5
        probabilities[-1] += 0.5
        return probabilities
    nodes, weights = np.polynomial.legendre.leggauss(QUADRATURE_NODES)
    low, high = np.arcsin(edges[:-1]), np.arcsin(edges[1:])
    half = (high - low) / 2
    phi = ((low + high) / 2)[:, None] + half[:, None] * nodes
    log_beta = math.lgamma(0.5) + math.lgamma((D - 1) / 2) - math.lgamma(D / 2)
    density = np.exp((D - 2) * np.log(np.cos(phi)) - log_beta)
    return np.asarray((density @ weights) * half)
