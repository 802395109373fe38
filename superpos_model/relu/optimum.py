"""The best ReLU readout (a*, b*) per scheme, and the best bias b for each scale a.

The search is over a ≥ 0 and b ≥ ``b_min``: by default every real b, as a network's
bias has either sign (b > 0 is a threshold; b < 0 adds an intercept to every readout,
which single always uses, 4.4797 instead of 4.5 at the defaults, and random at high z:
b* < 0 from z ≈ 80 at T=1000, D=100).  ``b_min = 0`` keeps thresholds only.  When D
divides T, multi's readout c/g is already E[y | c], so no bias beats b = 0 there.

Ties and flat directions, stated rather than hidden:
- single: with b_min ≥ 0 every (a, b ≥ b_min) with a − b = 1 is optimal; (1 + b_min, b_min)
  is returned.
- multi with D ≥ T (one feature per neuron) has the same ridge; elsewhere, and for
  random, the optimum found is a point of a coarse grid refined by Nelder–Mead, so on
  any flat stretch the returned point is one of many with the same loss.
- a = 0 makes b irrelevant beyond its sign: every b ≥ 0 gives the all-zero readout.
- random with z = 1 (and D ≥ 2) has no minimum: the loss falls towards 0 as b → ∞
  with a = 1 + b.  The optimum then carries that limit (``limit``, ``limit_loss``) and,
  as (a, b, loss), a point of the approach where the loss is below 1e-9: a point to
  simulate at, never to be reported as the minimum or divided by.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize

from ..params import Params
from ..readout import FREE_BIAS
from ..schemes import multi_group_sizes
from .exact import relu_loss
from .gaussian import gaussian_random

LossFunction = Callable[[ArrayLike, ArrayLike], np.ndarray | float]

#: Grid of scales searched before refining (log-spaced, plus a = 0).
_SCALES = np.concatenate([[0.0], np.geomspace(1e-3, 10.0, 48)])
#: Threshold positions b/a searched, as fractions of the largest readout that matters.
_FRACTIONS = np.linspace(0.0, 1.0, 41)
#: Distinct grid minima refined by Nelder–Mead.
_STARTS = 3


#: How random's loss at z = 1 approaches its infimum (see :func:`_lone_active_optimum`).
LONE_ACTIVE_LIMIT = "a → ∞ with b = a − 1"


@dataclass(frozen=True)
class ReluOptimum:
    """The best readout of one scheme: ReLU(a·x − b) with loss ``loss``.

    Where the loss has no minimum, ``limit`` says how its infimum ``limit_loss`` is
    approached (at the edge of the search: a → ∞, b → ±∞) and (a, b, loss) is a point of
    that approach; ``limit`` is '' where the minimum is attained at (a, b).
    """

    scheme: str
    a: float
    b: float
    loss: float
    limit: str = ""
    limit_loss: float = math.nan

    @property
    def least(self) -> float:
        """The greatest lower bound of the loss: the minimum, or the limit where there is none."""
        return self.limit_loss if self.limit else self.loss


@dataclass(frozen=True)
class BestBiasCurve:
    """For each scale a, the best bias b ≥ b_min and the loss there."""

    scheme: str
    a: np.ndarray
    b: np.ndarray
    loss: np.ndarray


def _largest_readout(scheme: str, params: Params) -> float:
    """A readout value above which no threshold needs to go."""
    if scheme == "multi":
        return float(min(max(multi_group_sizes(params.T, params.D)), params.z))
    if scheme == "random":
        return 1.0 + 6.0 * math.sqrt(params.z / params.D)
    return 1.0


def _single_optimum(params: Params, b_min: float) -> ReluOptimum:
    T, p = params.T, params.z / params.T
    kept = min(params.D, T)
    if b_min >= 0:
        a, b = 1.0 + b_min, b_min
    else:
        # Offset c = −b on every readout, a = 1 − c keeps represented actives at 1.
        inactive_or_dropped = kept * (1 - p) + (T - kept)  # 0 only when all is read: z = T = D
        c = (T - kept) * p / inactive_or_dropped if inactive_or_dropped else 0.0
        c = min(c, -b_min, 1.0)
        a, b = 1.0 - c, 0.0 - c  # 0.0 − c: no "−0" when nothing is dropped
    return ReluOptimum("single", a, b, float(relu_loss("single", params, a, b)))


def _start_grid(top: float, b_min: float) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) pairs to search: thresholds b = a·τ for τ ∈ [max(b_min, 0)/a, top], and, when
    b may be negative, offsets b ∈ [max(b_min, −top), 0] at every scale."""
    thresholds = _SCALES[:, None] * (top * _FRACTIONS)[None, :]
    b_parts = [np.maximum(thresholds, b_min)]
    if b_min < 0:
        offsets = np.linspace(max(b_min, -top), 0.0, 9)
        b_parts.append(np.broadcast_to(offsets, (len(_SCALES), len(offsets))))
    b_grid = np.concatenate(b_parts, axis=1)
    return np.broadcast_to(_SCALES[:, None], b_grid.shape), b_grid


def _minimise(
    loss: LossFunction, scheme: str, top: float, b_min: float, constant: float
) -> ReluOptimum:
    """Grid over (a, b), then Nelder–Mead (the loss has kinks) from the best few points.

    ``constant`` is the best bias at a = 0, where every feature reads the constant
    ReLU(−b): a candidate that a search of a > 0 only approaches (z = T: the constant 1).
    """
    a_grid, b_grid = _start_grid(top, b_min)
    losses = np.asarray(loss(a_grid, b_grid))
    order = np.argsort(losses, axis=None)
    best: ReluOptimum | None = None
    for flat in order[: _STARTS * 4 : 4]:  # a few separated candidates, best first
        start = np.array([a_grid.flat[flat], b_grid.flat[flat]])
        result = optimize.minimize(
            lambda x: float(loss(x[0], x[1])),
            start,
            method="Nelder-Mead",
            bounds=[(0.0, None), (b_min, None)],
            options={"xatol": 1e-9, "fatol": 1e-13, "maxiter": 2000},
        )
        value = float(result.fun)
        if best is None or value < best.loss:
            best = ReluOptimum(scheme, float(result.x[0]), float(result.x[1]), value)
    assert best is not None
    # On a tie (to rounding) the canonical answer is the smallest allowed bias, else no bias
    # at all (b = 0, where a free search ends a hair off it: multi with D | T), else no
    # scale (a = 0: z = T, where the best readout is the constant ReLU(−b) = 1).
    candidates = [(best.a, b) for b in (b_min, 0.0) if math.isfinite(b) and b >= b_min]
    if constant >= b_min:
        candidates.append((0.0, constant))
    for a, b in candidates:
        at = float(loss(a, b))
        if at <= best.loss + 1e-12 * max(abs(best.loss), 1e-300):
            return ReluOptimum(scheme, a, b, min(at, best.loss))
    return best


def _lone_active_optimum(params: Params, b_min: float) -> ReluOptimum:
    """Random with z = 1: the active feature reads exactly 1 and every inactive one reads
    S_1 < 1, so along a = 1 + b the loss falls towards 0 as b grows, never reaching it
    (no (a, b) has loss 0: S_1 comes arbitrarily close to 1).  Returned: the limit 0 and,
    as the point of approach, the first b = b₀ + 2^k − 1 on that ridge whose loss is
    below 1e-9 (or the lowest point of the scan)."""
    start = max(b_min, 0.0)
    ridge = start + 2.0 ** np.arange(0, 48) - 1
    losses = np.asarray(relu_loss("random", params, 1 + ridge, ridge))
    below = np.flatnonzero(losses <= 1e-9)
    k = int(below[0]) if below.size else int(np.argmin(losses))
    a, b, loss = float(1 + ridge[k]), float(ridge[k]), float(losses[k])
    return ReluOptimum("random", a, b, loss, LONE_ACTIVE_LIMIT, 0.0)


def relu_optimum(scheme: str, params: Params, b_min: float = FREE_BIAS) -> ReluOptimum:
    """The minimum of the exact loss of ``scheme`` over a ≥ 0 and b ≥ ``b_min``."""
    if scheme == "single":
        return _single_optimum(params, b_min)
    if scheme == "random" and params.z == 1 and params.D > 1:
        return _lone_active_optimum(params, b_min)
    top = _largest_readout(scheme, params)
    loss = functools.partial(relu_loss, scheme, params)
    return _minimise(loss, scheme, top, b_min, _constant_bias(params))


def gaussian_optimum(params: Params, b_min: float = FREE_BIAS) -> ReluOptimum:
    """The minimum of the Gaussian approximation of the random scheme (an approximation)."""
    top = _largest_readout("random", params)
    loss = functools.partial(gaussian_random, params)
    return _minimise(loss, "random", top, b_min, _constant_bias(params))


def _constant_bias(params: Params) -> float:
    """The best b at a = 0: every feature reads ReLU(−b) = c, and z(1 − c)² + (T − z)c² is
    least at c = z/T."""
    return -params.z / params.T


def best_bias_curve(
    scheme: str, params: Params, a: ArrayLike, b_min: float = FREE_BIAS
) -> BestBiasCurve:
    """The loss at each scale in ``a`` with b at its best (≥ ``b_min``) for that scale.

    Where several b tie (a = 0, or a flat stretch), the smallest grid b is refined.
    """
    scales = np.atleast_1d(np.asarray(a, dtype=float))
    top = _largest_readout(scheme, params)
    span = max(top * float(scales.max(initial=1.0)), 1.0)
    low = b_min if b_min > -math.inf else -span
    b_values = np.linspace(low, max(low, 0.0) + span, 401)
    losses = np.asarray(relu_loss(scheme, params, scales[:, None], b_values[None, :]))
    step = b_values[1] - b_values[0]
    best_b, best_loss = np.empty(len(scales)), np.empty(len(scales))
    for i, scale in enumerate(scales):
        row = losses[i]
        # Several valleys are possible (multi's loss has a kink at every b = a·c): refine
        # the lowest few local minima of the grid, keep the grid point on a tie.
        is_min = np.r_[True, row[1:] <= row[:-1]] & np.r_[row[:-1] <= row[1:], True]
        candidates = np.flatnonzero(is_min)
        candidates = candidates[np.argsort(row[candidates], kind="stable")[:_STARTS]]
        first = int(candidates[0])
        best_b[i], best_loss[i] = b_values[first], row[first]
        for j in candidates:
            result = optimize.minimize_scalar(
                lambda b, s=scale: float(relu_loss(scheme, params, s, b)),
                bounds=(max(b_values[j] - step, low), b_values[j] + step),
                method="bounded",
                options={"xatol": 1e-10},
            )
            if result.fun < best_loss[i] - 1e-13 * abs(best_loss[i]):
                best_b[i], best_loss[i] = result.x, result.fun
    return BestBiasCurve(scheme, scales, best_b, best_loss)


#: Scales searched for the best a at a fixed b, before refining: up to this many times
#: the scale that lifts the largest readout that matters past b.
_SCALE_REACH = 10.0


def best_scale(scheme: str, params: Params, b: float) -> tuple[float, float]:
    """The best scale a ≥ 0 for the fixed bias ``b``, and the loss there.

    A grid over a (log-spaced, plus 0), far enough that a·(largest readout) clears b
    several times over, then a bounded refinement around the best grid point.
    """
    top = _largest_readout(scheme, params)
    reach = _SCALE_REACH * max(1.0, (1.0 + abs(b)) / min(top, 1.0))
    grid = np.concatenate([[0.0], np.geomspace(1e-3, reach, 400)])
    losses = np.asarray(relu_loss(scheme, params, grid, b))
    k = int(np.argmin(losses))
    low, high = grid[max(k - 1, 0)], grid[min(k + 1, len(grid) - 1)]
    result = optimize.minimize_scalar(
        lambda a: float(relu_loss(scheme, params, a, b)),
        bounds=(low, high),
        method="bounded",
        options={"xatol": 1e-10},
    )
    if result.fun < losses[k]:
        return float(result.x), float(result.fun)
    return float(grid[k]), float(losses[k])
