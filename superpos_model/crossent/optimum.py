"""The best logits a·WᵀW·y − b per scheme under cross-entropy, or the limit it falls towards.

Each feature's cross-entropy is convex in its logit, and the logit is linear in (a, b),
so every scheme's expected loss is convex in (a, b): a local minimum is the minimum,
and where there is none the loss falls along a ray towards an infimum.  That happens
exactly when some threshold τ separates the readouts — every active feature reads at
least τ and every inactive one at most τ — for then a → ∞ with b = a·τ − β drives
every logit off τ to its right infinity, and only the features that read τ itself
keep a finite loss.  It is decided from where the readouts lie (:func:`readout_levels`):

- single: always (τ = 0: a represented active feature reads 1, everything else 0);
- multi: when no inactive feature reads 2 or more (z = 1, or at most two features per
  neuron; τ = 1);
- random: when z = 1 (the active feature reads exactly 1 and every inactive one less,
  or at D = 1 exactly ±1);
- every scheme when z = T: every feature is active, and b → −∞ takes the loss to 0.

The features on τ split into A active and I inactive ones per sample; their best
common logit is β = ln(A/I), which leaves A·ln(1 + I/A) + I·ln(1 + A/I) as the limit
(0 when either is 0).  The simulation of a limit is taken at a finite a, the first
power of 2 at which the loss (with b at its best for that a) is within
:data:`LIMIT_GAP` of the limit, or at a = :data:`LARGEST_SCALE`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize, stats

from ..params import Params
from ..relu.exact import hypergeometric_counts
from ..relu.optimum import BestBiasCurve
from ..schemes import multi_group_sizes
from .exact import cross_entropy, logit_terms
from .gaussian import gaussian_random

Loss = Callable[[float, float], float]
#: The loss and its gradient (∂/∂a, ∂/∂b) at (a, b).
Gradient = Callable[[float, float], tuple[float, np.ndarray]]

#: How close (relative to max(limit, 1)) the simulated point's exact loss comes to a limit.
LIMIT_GAP = 1e-4
#: A limit reached at a = 1 to this relative gap is a minimum (the loss does not depend on a).
ATTAINED = 1e-12
#: Largest scale tried for the simulated point of a limit.
LARGEST_SCALE = 2.0**12
#: How the loss approaches its infimum, as the reports say it.
A_TO_INFINITY = "a → ∞"
B_TO_MINUS_INFINITY = "b → −∞"


@dataclass(frozen=True)
class CrossEntropyOptimum:
    """The best (a, b) of one scheme and the loss there, or the infimum and how it is approached.

    Attributes
    ----------
    scheme : str
    a, b : float or None
        The minimiser; on a limit, ``a`` is None and ``b`` is the limit's bias where it
        stays finite (single), else None.
    loss : float
        The minimum, or the infimum (the limit).
    limit : str or None
        None at a minimum; else how the infimum is approached (:data:`A_TO_INFINITY`,
        :data:`B_TO_MINUS_INFINITY`).
    sim_a, sim_b : float
        Where the simulation is taken: the minimiser, or a finite point near the limit.
    loss_at_sim : float
        The exact loss at (sim_a, sim_b) (equal to ``loss`` at a minimum).
    """

    scheme: str
    a: float | None
    b: float | None
    loss: float
    limit: str | None
    sim_a: float
    sim_b: float
    loss_at_sim: float


def pure_split(active: float, inactive: float) -> float:
    """The least cross-entropy of A active and I inactive features sharing one logit."""
    if active <= 0 or inactive <= 0:
        return 0.0
    return float(active * math.log1p(inactive / active) + inactive * math.log1p(active / inactive))


#: {readout level: (expected active features, expected inactive features) reading it}.
Levels = dict[float, tuple[float, float]]


def readout_levels(scheme: str, params: Params) -> Levels | None:
    """Where each scheme's readouts lie, per sample, when they take a few values; None
    for random at D ≥ 2 and z ≥ 2, whose readouts are spread continuously."""
    T, D, z = params.T, params.D, params.z
    if scheme == "single":
        kept = min(D, T)
        return {0.0: (z * (T - kept) / T, T - z), 1.0: (z * kept / T, 0.0)}
    if scheme == "multi":
        levels: dict[float, list[float]] = {}
        for g, neurons in multi_group_sizes(T, D).items():
            counts, pmf = hypergeometric_counts(T, g, z)
            for c, p in zip(counts, pmf, strict=True):
                level = levels.setdefault(float(c), [0.0, 0.0])
                level[0] += neurons * c * p
                level[1] += neurons * (g - c) * p
        return {c: (on, off) for c, (on, off) in levels.items()}
    if D == 1:
        # Overlaps are ±1 with probability ½: S_k = 2·Binomial(k, ½) − k.
        on = {1.0 + 2 * j - (z - 1): z * p for j, p in enumerate(_binomial_half(z - 1))}
        off = {2.0 * j - z: (T - z) * p for j, p in enumerate(_binomial_half(z))}
        return {x: (on.get(x, 0.0), off.get(x, 0.0)) for x in sorted(on.keys() | off.keys())}
    if z == 1:
        # The active feature reads exactly 1, every inactive one an overlap below 1.
        return {1.0: (1.0, 0.0), 0.0: (0.0, T - 1.0)}
    return None


def _binomial_half(k: int) -> np.ndarray:
    return np.asarray(stats.binom.pmf(np.arange(k + 1), k, 0.5))


def separated_limit(levels: Levels | None) -> tuple[float, float | None] | None:
    """(the infimum, the limit's b where it stays finite) when a threshold τ separates the
    readouts, else None (a minimum exists).

    b = a·τ − β stays finite only for τ = 0; with a strict gap (no feature on τ) the
    limit is 0 and β runs off too.
    """
    if levels is None:
        return None
    lowest_on = min((x for x, (on, _) in levels.items() if on > 0), default=math.inf)
    highest_off = max((x for x, (_, off) in levels.items() if off > 0), default=-math.inf)
    if lowest_on > highest_off:
        return 0.0, None
    if lowest_on < highest_off:
        return None
    on, off = levels[lowest_on]
    b = math.log(off / on) if lowest_on == 0 else None
    return pure_split(on, off), b


def _best_bias(loss: Loss, a: float, start: float) -> tuple[float, float]:
    """(b, loss) minimising over b at scale a (convex in b), bracketed from ``start``."""
    width = max(1.0, abs(a))
    result = optimize.minimize_scalar(
        lambda b: loss(a, b),
        bracket=(start - width, start + width),
        method="brent",
        options={"xtol": 1e-12},
    )
    return float(result.x), float(result.fun)


def _exact_loss(scheme: str, params: Params) -> Loss:
    """``scheme``'s exact cross-entropy at one (a, b), as a float."""
    return lambda a, b: float(cross_entropy(scheme, params, a, b))


def best_bias_at(scheme: str, params: Params, a: float) -> tuple[float, float]:
    """(b, loss): the best bias for the scale ``a`` and the exact loss there."""
    return _best_bias(_exact_loss(scheme, params), a, 0.0)


def best_bias_curve(scheme: str, params: Params, a: ArrayLike) -> BestBiasCurve:
    """The exact loss at each scale in ``a`` with b at its best for that scale.

    The loss is convex in b, so one bracketed search per scale finds it; each starts
    from the previous scale's b (the best b moves smoothly with a), which saves the
    random scheme's costly evaluations.
    """
    scales = np.atleast_1d(np.asarray(a, dtype=float))
    best_b, best_loss = np.empty(len(scales)), np.empty(len(scales))
    loss, start = _exact_loss(scheme, params), 0.0
    for i, scale in enumerate(scales):
        start, best_loss[i] = _best_bias(loss, float(scale), start)
        best_b[i] = start
    return BestBiasCurve(scheme, scales, best_b, best_loss)


def best_scale_at(scheme: str, params: Params, b: float) -> tuple[float, float]:
    """(a, loss): the best scale a in [0, :data:`LARGEST_SCALE`] for the bias ``b``
    (the loss is convex in a; at the top of the range it is still falling)."""
    result = optimize.minimize_scalar(
        lambda a: float(cross_entropy(scheme, params, a, b)),
        bounds=(0.0, LARGEST_SCALE),
        method="bounded",
        options={"xatol": 1e-10},
    )
    return float(result.x), float(result.fun)


def _point_near_limit(loss: Loss, limit: float, b_start: float) -> tuple[float, float, float]:
    """(a, b, loss) at the first a = 2^k whose best-b loss is within the gap of the limit."""
    tolerance = LIMIT_GAP * max(limit, 1.0)
    a, b = 1.0, b_start
    while True:
        b, value = _best_bias(loss, a, b)
        if value - limit <= tolerance or a >= LARGEST_SCALE:
            return a, b, value
        a, b = 2 * a, 2 * b


def _minimum(loss: Loss, scheme: str, gradient: Gradient | None) -> CrossEntropyOptimum:
    """The minimum over a ≥ 0 and real b, following ``gradient`` (the loss and its
    gradient) where there is one: a finite-difference gradient costs three losses."""
    settings = {
        "method": "L-BFGS-B",
        "bounds": [(0.0, None), (None, None)],
        "options": {"ftol": 1e-15, "gtol": 1e-10, "maxiter": 2000},
    }
    start = np.array([1.0, 1.0])
    if gradient is None:
        result = optimize.minimize(lambda x: loss(x[0], x[1]), start, **settings)
    else:
        result = optimize.minimize(lambda x: gradient(x[0], x[1]), start, jac=True, **settings)
    a, b = float(result.x[0]), float(result.x[1])
    value = float(result.fun)
    return CrossEntropyOptimum(scheme, a, b, value, None, a, b, value)


def _optimum(
    loss: Loss, scheme: str, params: Params, separated, gradient: Gradient | None = None
) -> CrossEntropyOptimum:
    if params.z == params.T:
        # Every feature is active: any a, and b → −∞ takes every logit to +∞.
        b, value = -1.0, loss(0.0, -1.0)
        while value > LIMIT_GAP and b > -1e6:
            b *= 2
            value = loss(0.0, b)
        return CrossEntropyOptimum(scheme, None, None, 0.0, B_TO_MINUS_INFINITY, 0.0, b, value)
    if separated is None:
        return _minimum(loss, scheme, gradient)
    limit, b_limit = separated
    a, b, value = _point_near_limit(loss, limit, 0.0 if b_limit is None else b_limit)
    if value - limit <= ATTAINED * max(limit, 1.0):
        # Every feature reads τ (D = 1 for multi): a does not matter, the limit is reached.
        return CrossEntropyOptimum(scheme, a, b, value, None, a, b, value)
    return CrossEntropyOptimum(scheme, None, b_limit, limit, A_TO_INFINITY, a, b, value)


def cross_entropy_optimum(scheme: str, params: Params) -> CrossEntropyOptimum:
    """The minimum of ``scheme``'s exact cross-entropy over a ≥ 0 and real b, or its limit."""
    return _optimum_at(scheme, params.T, params.D, params.z)


@lru_cache(maxsize=256)
def _optimum_at(scheme: str, T: int, D: int, z: int) -> CrossEntropyOptimum:
    """Cached on T, D and z, all an exact optimum depends on: a check, a sweep's crossing
    search and the walkthrough's ask for the same points (up to a second each)."""
    params = Params(T=T, D=D, z=z)
    levels = readout_levels(scheme, params)
    return _optimum(
        _exact_loss(scheme, params),
        scheme,
        params,
        separated_limit(levels),
        logit_terms(scheme, params).loss_and_gradient,
    )


def gaussian_optimum(params: Params) -> CrossEntropyOptimum:
    """The minimum of the Gaussian approximation of random's cross-entropy (an approximation;
    the normal readouts are never separated, so it has a minimum unless z = T)."""
    return _gaussian_optimum_at(params.T, params.D, params.z)


@lru_cache(maxsize=256)
def _gaussian_optimum_at(T: int, D: int, z: int) -> CrossEntropyOptimum:
    params = Params(T=T, D=D, z=z)

    def loss(a: float, b: float) -> float:
        return float(gaussian_random(params, a, b))

    return _optimum(loss, "random", params, None, None)
