"""Monte Carlo of the model, with standard errors.

Draw embeddings, draw active sets y, form ŷ = a·Wᵀ(W·y) and average the squared
error.  With h = W·y the error of one sample is exactly

    ‖a·Wᵀh − y‖² = a²·hᵀ(WWᵀ)h − 2a·‖h‖² + z        (since Σ_{i active} w_iᵀh = ‖h‖²),

so each sample contributes a quadratic in a and the whole simulated curve, with
its standard error at every a, comes from the means and covariance of the two
per-sample coefficients.  The active sets are shared by all schemes (common
random numbers), which makes scheme comparisons sharper.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from .monitor import SILENT, Monitor
from .params import Params
from .quadratic import Quadratic
from .sampling import draw_active_sets
from .schemes import make_embedding

ACTIVE_STREAM = 2

#: The random scheme averages over up to this many independent embeddings …
MAX_RANDOM_EMBEDDINGS = 8
#: … but no more than fit in this many multiply-adds of Gram products.
RANDOM_GRAM_WORK = 2e10

Covariance = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Simulation:
    """A simulated loss curve L̂(a) = Â·a² − 2B̂·a + z with its standard error.

    Attributes
    ----------
    mean : Quadratic
        Sample mean of the per-sample loss quadratics.
    cov_within : Covariance
        Covariance of (Â, B̂) from the spread of samples inside each embedding.
    cov_between : Covariance or None
        Covariance of (Â, B̂) from the spread of the per-embedding means, which
        carries the embeddings' own spread; None with a single embedding.
    """

    scheme: str
    samples: int
    embeddings: int
    mean: Quadratic
    cov_within: Covariance
    cov_between: Covariance | None

    def curve(self, a: ArrayLike) -> np.ndarray | float:
        """The simulated mean loss at ``a``."""
        return self.mean(a)

    def se(self, a: ArrayLike) -> np.ndarray | float:
        """Standard error of :meth:`curve` at ``a``.

        The larger of the within-embedding error and the error estimated from
        the spread of per-embedding means: never below the sampling noise, and
        including the embeddings' spread when there are several.
        """
        a = np.asarray(a, dtype=float)
        variance = _variance_at(self.cov_within, a)
        if self.cov_between is not None:
            variance = np.maximum(variance, _variance_at(self.cov_between, a))
        value = np.sqrt(np.maximum(variance, 0.0))
        return float(value) if value.ndim == 0 else value

    @property
    def a_opt(self) -> float:
        """Minimiser of the simulated curve; NaN when no sample depended on a."""
        return self.mean.argmin if self.mean.A > 0 else math.nan

    @property
    def a_opt_se(self) -> float:
        """Standard error of :attr:`a_opt` (delta method on B̂/Â)."""
        A, B = self.mean.A, self.mean.B
        if A <= 0:
            return math.nan

        def variance(cov: Covariance) -> float:
            (vaa, vab), (_, vbb) = cov
            r = B / A
            return (vbb - 2 * r * vab + r * r * vaa) / (A * A)

        worst = variance(self.cov_within)
        if self.cov_between is not None:
            worst = max(worst, variance(self.cov_between))
        return math.sqrt(max(worst, 0.0))

    @property
    def mse_opt(self) -> float:
        """Minimum of the simulated curve."""
        return self.mean.minimum

    @property
    def mse_opt_se(self) -> float:
        return float(self.se(self.mean.argmin))


def _variance_at(cov: Covariance, a: np.ndarray) -> np.ndarray:
    (vaa, vab), (_, vbb) = cov
    return a**4 * vaa + 4 * a**2 * vbb - 4 * a**3 * vab


def _covariance(x: np.ndarray, y: np.ndarray, dof: int) -> Covariance:
    if dof <= 0:
        return ((0.0, 0.0), (0.0, 0.0))
    xy = float(x @ y) / dof
    return ((float(x @ x) / dof, xy), (xy, float(y @ y) / dof))


def random_embeddings(params: Params) -> int:
    """How many independent embeddings the random scheme averages over."""
    by_work = int(RANDOM_GRAM_WORK // (params.T * params.D * params.D))
    return max(1, min(MAX_RANDOM_EMBEDDINGS, params.samples // 2, by_work))


def draw_shared_active_sets(params: Params, monitor: Monitor = SILENT) -> np.ndarray:
    """The (samples, z) active sets every scheme is simulated on (``monitor`` can cancel)."""
    rng = np.random.default_rng([params.seed, ACTIVE_STREAM])
    return draw_active_sets(rng, params.T, params.z, params.samples, monitor)


def sample_coefficients(readouts: np.ndarray, gram: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-sample (α, β) with loss α·a² − 2β·a + z: α = ‖Wᵀh‖² = hᵀ(WWᵀ)h, β = ‖h‖²."""
    alpha = np.einsum("nd,nd->n", readouts @ gram, readouts)
    beta = np.einsum("nd,nd->n", readouts, readouts)
    return alpha, beta


def simulate(
    params: Params,
    scheme: str,
    active: np.ndarray | None = None,
    monitor: Monitor = SILENT,
) -> Simulation:
    """Monte Carlo of ``scheme`` at ``params`` over ``params.samples`` active sets."""
    if active is None:
        active = draw_shared_active_sets(params)
    count = random_embeddings(params) if scheme == "random" else 1
    groups = np.array_split(active, count)
    alphas, betas = [], []
    for index, group in enumerate(groups):
        embedding = make_embedding(scheme, params.T, params.D, params.seed, index)
        result = embedding.accumulate(group, monitor.part(index / count, (index + 1) / count))
        alpha, beta = sample_coefficients(result.readouts, result.gram)
        alphas.append(alpha)
        betas.append(beta)

    n = len(active)
    alpha_all, beta_all = np.concatenate(alphas), np.concatenate(betas)
    mean = Quadratic(float(alpha_all.mean()), float(beta_all.mean()), float(params.z))
    centred_a = np.concatenate([a - a.mean() for a in alphas])
    centred_b = np.concatenate([b - b.mean() for b in betas])
    within = _covariance(centred_a, centred_b, n - count)
    within = tuple(tuple(v / n for v in row) for row in within)
    between = None
    if count > 1:
        group_a = np.array([a.mean() for a in alphas])
        group_b = np.array([b.mean() for b in betas])
        cov = _covariance(group_a - group_a.mean(), group_b - group_b.mean(), count - 1)
        between = tuple(tuple(v / count for v in row) for row in cov)
    return Simulation(scheme, n, count, mean, within, between)
