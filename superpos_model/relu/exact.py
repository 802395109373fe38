"""Exact expected loss of the ReLU readout ŷ = ReLU(a·WᵀW·y − b), per scheme.

L(a, b) = E Σ_i (ŷ_i − y_i)² over active sets (and, for random, over embeddings).
Every function takes array-like a ≥ 0 and b (any real), broadcasts them, and returns
an array (a float for scalar input).

- single: a represented feature reads y_i exactly, a dropped one reads 0, so
  L = r·[p(1 − R(a−b))² + (1−p)R(−b)²] + (T−r)·[p(1 − R(−b))² + (1−p)R(−b)²]
  with r = min(D, T) represented features, p = z/T and R = ReLU.  For b ≥ 0 this is
  z(r/T)(1 − R(a−b))² + z(T−r)/T + r(1−p)R(−b)² = the second note's single value.
- multi: every feature on neuron k reads c_k, the number of active features there,
  c_k ~ Hypergeometric(T, g_k, z):  L = Σ_k E[c_k(1 − R(a·c_k − b))² + (g_k − c_k)R(a·c_k − b)²].
- random: an active feature reads 1 + S_{z−1}, an inactive one S_z (see :mod:`.overlap`):
  L = z·E(1 − R(a(1+S_{z−1}) − b))² + (T−z)·E R(a·S_z − b)².
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from ..params import Params
from ..schemes import multi_group_sizes
from .overlap import POINTS_PER_SD, Lattice, OneOverlap, overlap_sum

#: The law of a readout's noise: a lattice, or one overlap in closed form.
ReadoutLaw = Lattice | OneOverlap

#: Stated accuracy of :func:`exact_random` (relative); the tests check it by refining.
RANDOM_RELATIVE_ACCURACY = 1e-6


def _relu(x: np.ndarray) -> np.ndarray:
    return np.asarray(np.maximum(x, 0.0))


def scalar_or_array(value: np.ndarray) -> np.ndarray | float:
    """A loss for one readout point as a float, for several as an array."""
    return float(value) if np.ndim(value) == 0 else value


def readout_points(a: ArrayLike, b: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """The readout points (a, b) broadcast against each other, as float arrays."""
    a_arr, b_arr = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    return a_arr, b_arr


def exact_single(params: Params, a: ArrayLike, b: ArrayLike) -> np.ndarray | float:
    """Exact loss of one feature per neuron (features ≥ D dropped)."""
    a, b = readout_points(a, b)
    T, z = params.T, params.z
    kept, p = min(params.D, T), z / T
    off = _relu(-b)  # what every inactive or dropped feature reads
    represented = p * (1 - _relu(a - b)) ** 2 + (1 - p) * off**2
    dropped = p * (1 - off) ** 2 + (1 - p) * off**2
    return scalar_or_array(kept * represented + (T - kept) * dropped)


@lru_cache(maxsize=256)
def hypergeometric_counts(T: int, g: int, z: int) -> tuple[np.ndarray, np.ndarray]:
    """(counts c, P(c)) for the active features among a neuron's g (cached: optimisers
    evaluate the loss hundreds of times at one T, D, z)."""
    counts = np.arange(0, min(g, z) + 1)
    return counts.astype(float), stats.hypergeom.pmf(counts, T, g, z)


def exact_multi(params: Params, a: ArrayLike, b: ArrayLike) -> np.ndarray | float:
    """Exact loss of feature i on neuron i mod D, through the count c_k per neuron."""
    a, b = readout_points(a, b)
    total = np.zeros(a.shape)
    for g, neurons in multi_group_sizes(params.T, params.D).items():
        counts, pmf = hypergeometric_counts(params.T, g, params.z)
        readout = _relu(a[..., None] * counts - b[..., None])
        per_neuron = counts * (1 - readout) ** 2 + (g - counts) * readout**2
        total += neurons * (per_neuron @ pmf)
    return scalar_or_array(total)


def _random_on(
    active: ReadoutLaw, inactive: ReadoutLaw, params: Params, a, b
) -> np.ndarray | float:
    moments: tuple = (
        (active.relu_moments_at(float(a), float(b)), inactive.relu_moments_at(float(a), float(b)))
        if np.ndim(a) == 0 and np.ndim(b) == 0
        else (active.relu_moments(a, b), inactive.relu_moments(a, b))
    )
    (mean_on, second_on), (_, second_off) = moments
    loss: np.ndarray | float = params.z * (1 - 2 * mean_on + second_on)
    loss = loss + (params.T - params.z) * second_off
    return loss


def _law(D: int, k: int, points_per_sd: int) -> ReadoutLaw:
    """S_k: one overlap in closed form (its density is singular at ±1 at small D, which a
    lattice misses at the end of the support), else its lattice."""
    return OneOverlap(D) if k == 1 and D > 1 else overlap_sum(D, k, points_per_sd)


@lru_cache(maxsize=32)
def _lattices(D: int, z: int, points_per_sd: int) -> tuple[ReadoutLaw, ReadoutLaw]:
    return _law(D, z - 1, points_per_sd).shifted(1.0), _law(D, z, points_per_sd)


def random_lattices(
    params: Params, points_per_sd: int = POINTS_PER_SD
) -> tuple[ReadoutLaw, ReadoutLaw]:
    """The (active, inactive) readout distributions 1 + S_{z−1} and S_z, cached per (D, z):
    they do not depend on T, a or b."""
    return _lattices(params.D, params.z, points_per_sd)


def exact_random(
    params: Params, a: ArrayLike, b: ArrayLike, points_per_sd: int = POINTS_PER_SD
) -> np.ndarray | float:
    """Exact loss over random embeddings and active sets (relative error ≤ 1e-6).

    The lattices at spacing h and 2h are combined as (4·L_h − L_2h)/3, which removes
    the h² error of the lattice (D = 1 is exact on either lattice).
    """
    if np.ndim(a) or np.ndim(b):
        a, b = readout_points(a, b)
    fine = _random_on(*random_lattices(params, points_per_sd), params, a, b)
    coarse = _random_on(*random_lattices(params, points_per_sd // 2), params, a, b)
    return scalar_or_array(np.maximum((4 * fine - coarse) / 3, 0.0))


EXACT = {"random": exact_random, "single": exact_single, "multi": exact_multi}


def relu_loss(scheme: str, params: Params, a: ArrayLike, b: ArrayLike) -> np.ndarray | float:
    """Exact expected loss of ``scheme`` with the ReLU readout at (a, b)."""
    return EXACT[scheme](params, a, b)
