"""The Gaussian approximation of the random scheme's cross-entropy (an approximation).

Replacing S_k by N(0, k/D), as for the ReLU readout:

    L ≈ z·E sp(b − a − aσ₁Z) + (T−z)·E sp(aσ₀Z − b),   σ₁² = (z−1)/D,  σ₀² = z/D,

with Z standard normal and sp(x) = log(1 + e^x).  The expectations have no closed
form.  For a narrow normal (s ≤ 1) Gauss–Hermite quadrature in Z is accurate; a wide
one turns sp into a near-kink on the scale of Z, so there sp = ReLU + r, with
E ReLU(μ + sZ) in closed form and r(x) = log(1 + e^(−|x|)) (bounded, kinked only at
0) integrated against the normal density on fixed panels in x.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ..params import Params
from ..relu.gaussian import relu_mean
from .exact import softplus

#: Gauss–Hermite nodes and weights for E f(Z), Z ~ N(0, 1) (probabilists' form).
_Z_NODES, _Z_WEIGHTS = np.polynomial.hermite_e.hermegauss(160)
_Z_WEIGHTS = _Z_WEIGHTS / math.sqrt(2 * math.pi)
#: Gauss–Legendre panels of width ½ over x ∈ [−40, 40] (r(x) < e^(−40) beyond),
#: with 0, r's kink, on a panel edge.
_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(8)
_EDGES = np.arange(-40.0, 40.0, 0.5)
_X_NODES = (_EDGES[:, None] + 0.25 * (1 + _GL_NODES)).ravel()
_X_WEIGHTS = np.tile(0.25 * _GL_WEIGHTS, len(_EDGES))
_R_AT_NODES = np.log1p(np.exp(-np.abs(_X_NODES))) * _X_WEIGHTS
#: Points evaluated at once (each against every node).
_CHUNK = 2048


def _expected_softplus(mu: np.ndarray, s: np.ndarray) -> np.ndarray:
    """E sp(μ + sZ), elementwise over 1-D arrays."""
    out = np.empty(mu.shape)
    narrow = s <= 1.0
    out[narrow] = softplus(mu[narrow, None] + s[narrow, None] * _Z_NODES) @ _Z_WEIGHTS
    wide = np.flatnonzero(~narrow)
    for start in range(0, len(wide), _CHUNK):
        rows = wide[start : start + _CHUNK]
        m, w = mu[rows, None], s[rows, None]
        density = np.exp(-0.5 * ((_X_NODES - m) / w) ** 2) / (w * math.sqrt(2 * math.pi))
        out[rows] = relu_mean(mu[rows], s[rows]) + density @ _R_AT_NODES
    return out


def gaussian_random(params: Params, a: ArrayLike, b: ArrayLike) -> np.ndarray | float:
    """The Gaussian approximation of the random scheme's cross-entropy at (a, b)."""
    a, b = np.broadcast_arrays(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
    T, D, z = params.T, params.D, params.z
    shape, a, b = a.shape, a.ravel(), b.ravel()
    s_on, s_off = a * math.sqrt((z - 1) / D), a * math.sqrt(z / D)
    value = z * _expected_softplus(b - a, s_on) + (T - z) * _expected_softplus(-b, s_off)
    return float(value[0]) if not shape else value.reshape(shape)
