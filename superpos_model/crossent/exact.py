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

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from ..params import Params
from ..relu.exact import hypergeometric_counts, readout_points, scalar_or_array
from ..relu.overlap import POINTS_PER_SD, Lattice, overlap_sum
from ..schemes import multi_group_sizes

#: (a, b) points × lattice points evaluated at once.
_CHUNK_ELEMENTS = 2**21


def softplus(x: ArrayLike) -> np.ndarray:
    """log(1 + e^x) without overflow."""
    return np.asarray(np.logaddexp(0.0, np.asarray(x, dtype=float)))


@dataclass(frozen=True)
class LogitTerms:
    """A scheme's exact cross-entropy as Σ_j w_j·softplus(s_j·(a·x_j − b)).

    Every scheme's expected loss is a weighted sum of softplus terms whose logits are
    linear in (a, b): s = −1 for an active feature's term, +1 for an inactive one's, x
    what the feature reads, w its probability times its count (for random, lattice
    masses combined by Richardson's step, so some are negative).  One form gives the
    loss at many (a, b) at once and the gradient the optimiser follows.
    """

    x: np.ndarray
    sign: np.ndarray
    weight: np.ndarray

    def loss(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The loss at every (a, b) of the broadcast arrays ``a`` and ``b``."""
        flat_a, flat_b = a.ravel(), b.ravel()
        out = np.empty(flat_a.shape)
        rows = max(1, _CHUNK_ELEMENTS // len(self.x))
        for s in range(0, len(flat_a), rows):
            logit = flat_a[s : s + rows, None] * self.x - flat_b[s : s + rows, None]
            out[s : s + rows] = softplus(self.sign * logit) @ self.weight
        return out.reshape(a.shape)

    def loss_and_gradient(self, a: float, b: float) -> tuple[float, np.ndarray]:
        """The loss at (a, b) and its gradient (∂/∂a, ∂/∂b): softplus′ is the logistic."""
        u = self.sign * (a * self.x - b)
        slope = self.weight * self.sign * special.expit(u)
        return float(softplus(u) @ self.weight), np.array([slope @ self.x, -slope.sum()])


def _terms(*parts: tuple[ArrayLike, float, ArrayLike]) -> LogitTerms:
    """Terms from (x, sign, weight) parts, each x and weight a number or an array."""
    columns = [np.broadcast_arrays(np.atleast_1d(x), s, np.atleast_1d(w)) for x, s, w in parts]
    x, sign, weight = (
        np.concatenate(column).astype(float) for column in zip(*columns, strict=True)
    )
    return LogitTerms(x, sign, weight)


def single_terms(params: Params) -> LogitTerms:
    """One feature per neuron: r = min(D, T) features read their own y_i, the rest 0."""
    T, z = params.T, params.z
    kept = min(params.D, T)
    return _terms((1.0, -1.0, z * kept / T), (0.0, -1.0, z * (T - kept) / T), (0.0, 1.0, T - z))


def multi_terms(params: Params) -> LogitTerms:
    """Feature i on neuron i mod D: each of a neuron's g features reads its count c_k."""
    parts = []
    for g, neurons in multi_group_sizes(params.T, params.D).items():
        counts, pmf = hypergeometric_counts(params.T, g, params.z)
        parts += [
            (counts, -1.0, neurons * pmf * counts),
            (counts, 1.0, neurons * pmf * (g - counts)),
        ]
    return _terms(*parts)


def random_terms(params: Params, points_per_sd: int = POINTS_PER_SD) -> LogitTerms:
    """Random directions: an active feature reads 1 + S_{z−1}, an inactive one S_z.

    The lattices at spacing h and 2h are combined as (4·L_h − L_2h)/3, which removes
    the h² error (D = 1 is exact on either lattice).
    """
    parts = []
    for spacing, factor in ((points_per_sd, 4 / 3), (points_per_sd // 2, -1 / 3)):
        active, inactive = _readout_lattices(params.D, params.z, spacing)
        for lattice, sign, count in (
            (active, -1.0, params.z),
            (inactive, 1.0, params.T - params.z),
        ):
            # Point masses: the integrand is smooth, so the lattice's h² error is the one
            # Richardson's step removes.
            keep = lattice.p > 0
            parts.append((lattice.points[keep], sign, factor * count * lattice.p[keep]))
    return _terms(*parts)


@lru_cache(maxsize=32)
def _readout_lattices(D: int, z: int, points_per_sd: int) -> tuple[Lattice, Lattice]:
    """(1 + S_{z−1}, S_z) on lattices, cached per (D, z).  Cross-entropy's integrand is
    smooth, so the lattice's h² error (which Richardson's step removes) holds even where
    one overlap's density is singular (D = 2), unlike the ReLU readout's kink."""
    return overlap_sum(D, z - 1, points_per_sd).shifted(1.0), overlap_sum(D, z, points_per_sd)


TERMS = {"random": random_terms, "single": single_terms, "multi": multi_terms}


def logit_terms(scheme: str, params: Params) -> LogitTerms:
    """``scheme``'s exact cross-entropy as softplus terms."""
    return _logit_terms_at(scheme, params.T, params.D, params.z)


@lru_cache(maxsize=64)
def _logit_terms_at(scheme: str, T: int, D: int, z: int) -> LogitTerms:
    """Cached on T, D and z, all the terms depend on: the optimiser and the crossing
    searches evaluate one scheme at one (T, D, z) many times."""
    return TERMS[scheme](Params(T=T, D=D, z=z))


def exact_single(params: Params, a: ArrayLike, b: ArrayLike) -> np.ndarray | float:
    """Exact cross-entropy of one feature per neuron (features ≥ D dropped)."""
    return cross_entropy("single", params, a, b)


def exact_multi(params: Params, a: ArrayLike, b: ArrayLike) -> np.ndarray | float:
    """Exact cross-entropy of feature i on neuron i mod D, through the count c_k."""
    return cross_entropy("multi", params, a, b)


def exact_random(
    params: Params, a: ArrayLike, b: ArrayLike, points_per_sd: int = POINTS_PER_SD
) -> np.ndarray | float:
    """Exact cross-entropy over random embeddings and active sets (relative error ≤ 1e-6)."""
    a, b = readout_points(a, b)
    return scalar_or_array(random_terms(params, points_per_sd).loss(a, b))


def cross_entropy(scheme: str, params: Params, a: ArrayLike, b: ArrayLike) -> np.ndarray | float:
    """Exact expected cross-entropy of ``scheme`` with logits a·WᵀW·y − b."""
    a, b = readout_points(a, b)
    return scalar_or_array(logit_terms(scheme, params).loss(a, b))
