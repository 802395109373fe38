"""Monte Carlo of the model, with standard errors.

Draw embeddings, draw active sets y, form ŷ = a·Wᵀ(W·y) and average the squared
error.  With h = W·y the error of one sample is exactly

    ‖a·Wᵀh − y‖² = a²·hᵀ(WWᵀ)h − 2a·‖h‖² + z        (since Σ_{i active} w_iᵀh = ‖h‖²),

so each sample contributes a quadratic in a and the whole simulated curve, with
its standard error at every a, comes from the means and covariance of the two
per-sample coefficients.  The single and multi schemes are fixed embeddings read
on active sets shared by both (common random numbers); the random scheme draws a
fresh embedding for every sample (:mod:`~superpos_model.fresh`), so its samples
are independent over embeddings too and the plain SE is calibrated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import overload

import numpy as np

from .estimate import larger_variance, pooled, pooled_estimate
from .fresh import FreshDraws, draw_fresh
from .monitor import SILENT, Monitor
from .params import Params
from .quadratic import Quadratic
from .sampling import draw_active_sets
from .schemes import make_embedding

ACTIVE_STREAM = 2

Covariance = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Simulation:
    """A simulated loss curve L̂(a) = Â·a² − 2B̂·a + z with its standard error.

    Attributes
    ----------
    mean : Quadratic
        Sample mean of the per-sample loss quadratics.
    embeddings : int
        Independent embeddings behind the mean: 1 for the fixed single and multi
        embeddings, one per sample for the random scheme.
    cov_within : Covariance
        Covariance of (Â, B̂) from the spread of the samples (within each group).
    cov_between : Covariance or None
        Covariance of (Â, B̂) from the spread of group means; None with one group
        (every simulation here pools its samples as one group).
    a_opt_se : float
        Standard error of :attr:`a_opt` (see :func:`minimiser_se`).
    """

    scheme: str
    samples: int
    embeddings: int
    mean: Quadratic
    cov_within: Covariance
    cov_between: Covariance | None
    a_opt_se: float

    @overload
    def curve(self, a: float) -> float: ...
    @overload
    def curve(self, a: np.ndarray) -> np.ndarray: ...

    def curve(self, a: float | np.ndarray) -> np.ndarray | float:
        """The simulated mean loss at ``a``."""
        return self.mean(a)

    @overload
    def se(self, a: float) -> float: ...
    @overload
    def se(self, a: np.ndarray) -> np.ndarray: ...

    def se(self, a: float | np.ndarray) -> np.ndarray | float:
        """Standard error of :meth:`curve` at ``a``.

        The loss at a is (a², −2a)·(Â, B̂) + z; its variance is pooled over the
        embeddings by :func:`~superpos_model.estimate.larger_variance`.
        """
        at = np.asarray(a, dtype=float)
        value = np.sqrt(self._variance(np.stack([at * at, -2.0 * at])))
        return float(value) if value.ndim == 0 else value

    @property
    def a_opt(self) -> float:
        """Minimiser of the simulated curve; NaN when no sample depended on a."""
        return self.mean.argmin if self.mean.A > 0 else math.nan

    def _variance(self, weights: np.ndarray) -> np.ndarray:
        return larger_variance(weights, self.cov_within, self.cov_between)

    @property
    def mse_opt(self) -> float:
        """Minimum of the simulated curve."""
        return self.mean.minimum

    @property
    def mse_opt_se(self) -> float:
        return float(self.se(self.mean.argmin))


def draw_shared_active_sets(params: Params, monitor: Monitor = SILENT) -> np.ndarray:
    """The (samples, z) active sets every scheme is simulated on (``monitor`` can cancel)."""
    rng = np.random.default_rng([params.seed, ACTIVE_STREAM])
    return draw_active_sets(rng, params.T, params.z, params.samples, monitor)


def sample_coefficients(readouts: np.ndarray, gram: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-sample (α, β) with loss α·a² − 2β·a + z: α = ‖Wᵀh‖² = hᵀ(WWᵀ)h, β = ‖h‖²."""
    alpha = np.einsum("nd,nd->n", readouts @ gram, readouts)
    beta = np.einsum("nd,nd->n", readouts, readouts)
    return alpha, beta


def run_simulation(
    params: Params,
    scheme: str,
    active: np.ndarray | None = None,
    monitor: Monitor = SILENT,
    draws: FreshDraws | None = None,
) -> Simulation:
    """Monte Carlo of ``scheme`` at ``params`` over ``params.samples`` samples.

    The fixed schemes are read on ``active`` (the shared active sets, drawn when
    not given); the random scheme uses ``draws`` (drawn when not given), one
    fresh embedding per sample.
    """
    if scheme == "random":
        draws = draws or draw_fresh(params, monitor)
        groups = [draws.coefficients]
        count = draws.samples
    else:
        if active is None:
            active = draw_shared_active_sets(params)
        result = make_embedding(scheme, params.T, params.D).accumulate(active, monitor)
        groups = [np.stack(sample_coefficients(result.readouts, result.gram), axis=1)]
        count = 1
    spread = pooled(groups)
    alpha, beta = (float(x) for x in spread.mean)
    between = None if spread.between is None else _covariance(spread.between)
    return Simulation(
        scheme,
        spread.samples,
        count,
        Quadratic(alpha, beta, float(params.z)),
        _covariance(spread.within),
        between,
        minimiser_se(groups, alpha, beta),
    )


def minimiser_se(groups: list[np.ndarray], A: float, B: float) -> float:
    """SE of the minimiser B̂/Â from per-sample (α, β) (delta method), NaN when Â ≤ 0.

    B̂/Â − B/A ≈ mean(β − r·α)/A with r = B̂/Â, so the SE is the pooled SE of the
    per-sample β − r·α over A.  Where α is exactly proportional to β in every
    sample (an axis embedding with equal groups fixes a* exactly), β − r·α is zero
    up to the rounding of that one product and difference; such residues, below
    4ε·(|β| + |r·α|), are set to 0 rather than reported as a spread.
    """
    if A <= 0:
        return math.nan
    r = B / A
    residues = []
    for g in groups:
        alpha, beta = g[:, 0], g[:, 1]
        d = beta - r * alpha
        rounding = 4 * np.finfo(float).eps * (np.abs(beta) + np.abs(r * alpha))
        residues.append(np.where(np.abs(d) <= rounding, 0.0, d))
    return pooled_estimate(residues).se / A


def _covariance(matrix: np.ndarray) -> Covariance:
    (vaa, vab), (vba, vbb) = matrix.tolist()
    return ((vaa, vab), (vba, vbb))
