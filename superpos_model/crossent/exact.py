"""Exact expected cross-entropy of the logits t = a·WᵀW·y − b, per scheme.

Each feature's loss is the binary cross-entropy of its logit: softplus(−t) =
log(1 + e^(−t)) when it is active, softplus(t) when it is not; L is the sum over the
T features, averaged over active sets (and, for random, over embeddings).  Every
function takes array-like a ≥ 0 and b (any real), broadcasts them, and returns an
array (a float for scalar input).

- single: r = min(D, T) features read their own y_i, the rest read 0, so
  L = z(r/T)·sp(b − a) + z((T−r)/T)·sp(b) + (T−z)·sp(−b).
- multi: every feature on neuron k reads c_k ~ Hypergeometric(T, g_k, z):
  L = Σ_k E[c_k·sp(b − a·c_k) + (g_k − c_k)·sp(a·c_k − b)].
- random: an active feature reads 1 + S_{z−1}, an inactive one S_z (see
  :mod:`superpos_model.relu.overlap`):
  L = z·E sp(b − a(1 + S_{z−1})) + (T−z)·E sp(a·S_z − b).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike

from ..params import Params
from ..relu.exact import hypergeometric_counts, readout_points, scalar_or_array
from ..relu.overlap import POINTS_PER_SD, Lattice, overlap_sum
from ..schemes import multi_group_sizes

#: (a, b) points × lattice points evaluated at once.
_CHUNK_ELEMENTS = 2**21


def softplus(x: ArrayLike) -> np.ndarray:
    """log(1 + e^x) without overflow."""
    return np.asarray(np.logaddexp(0.0, np.asarray(x, dtype=float)))


def exact_single(params: Params, a: ArrayLike, b: ArrayLike) -> np.ndarray | float:
    """Exact cross-entropy of one feature per neuron (features ≥ D dropped)."""
    a, b = readout_points(a, b)
    T, z = params.T, params.z
    kept = min(params.D, T)
    value = z * kept / T * softplus(b - a) + z * (T - kept) / T * softplus(b)
    return scalar_or_array(value + (T - z) * softplus(-b))


def exact_multi(params: Params, a: ArrayLike, b: ArrayLike) -> np.ndarray | float:
    """Exact cross-entropy of feature i on neuron i mod D, through the count c_k."""
    a, b = readout_points(a, b)
    total = np.zeros(a.shape)
    for g, neurons in multi_group_sizes(params.T, params.D).items():
        counts, pmf = hypergeometric_counts(params.T, g, params.z)
        logit = a[..., None] * counts - b[..., None]
        per_neuron = counts * softplus(-logit) + (g - counts) * softplus(logit)
        total += neurons * (per_neuron @ pmf)
    return scalar_or_array(total)


def _expected_on(lattice: Lattice, a: np.ndarray, b: np.ndarray, sign: float) -> np.ndarray:
    """E softplus(sign·(a·X − b)) for X on ``lattice`` (point masses: the integrand is smooth,
    so the lattice's h² error is the one Richardson's step removes)."""
    keep = lattice.p > 0
    x, p = lattice.points[keep], lattice.p[keep]
    flat_a, flat_b = a.ravel(), b.ravel()
    out = np.empty(flat_a.shape)
    rows = max(1, _CHUNK_ELEMENTS // len(x))
    for s in range(0, len(flat_a), rows):
        logit = flat_a[s : s + rows, None] * x - flat_b[s : s + rows, None]
        out[s : s + rows] = softplus(sign * logit) @ p
    return out.reshape(a.shape)


@lru_cache(maxsize=32)
def _readout_lattices(D: int, z: int, points_per_sd: int) -> tuple[Lattice, Lattice]:
    """(1 + S_{z−1}, S_z) on lattices, cached per (D, z).  Cross-entropy's integrand is
    smooth, so the lattice's h² error (which Richardson's step removes) holds even where
    one overlap's density is singular (D = 2), unlike the ReLU readout's kink."""
    return overlap_sum(D, z - 1, points_per_sd).shifted(1.0), overlap_sum(D, z, points_per_sd)


def _random_on(
    active: Lattice, inactive: Lattice, params: Params, a: np.ndarray, b: np.ndarray
) -> np.ndarray:
    on = _expected_on(active, a, b, -1.0)
    off = _expected_on(inactive, a, b, 1.0)
    return np.asarray(params.z * on + (params.T - params.z) * off)


def exact_random(
    params: Params, a: ArrayLike, b: ArrayLike, points_per_sd: int = POINTS_PER_SD
) -> np.ndarray | float:
    """Exact cross-entropy over random embeddings and active sets (relative error ≤ 1e-6).

    As for the ReLU readout, the lattices at spacing h and 2h are combined as
    (4·L_h − L_2h)/3, which removes the h² error (D = 1 is exact on either lattice).
    """
    a, b = readout_points(a, b)
    D, z = params.D, params.z
    fine = _random_on(*_readout_lattices(D, z, points_per_sd), params, a, b)
    coarse = _random_on(*_readout_lattices(D, z, points_per_sd // 2), params, a, b)
    return scalar_or_array((4 * fine - coarse) / 3)


EXACT = {"random": exact_random, "single": exact_single, "multi": exact_multi}


def cross_entropy(scheme: str, params: Params, a: ArrayLike, b: ArrayLike) -> np.ndarray | float:
    """Exact expected cross-entropy of ``scheme`` with logits a·WᵀW·y − b."""
    return EXACT[scheme](params, a, b)
