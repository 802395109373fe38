"""Monte Carlo of the literal cross-entropy of the logits a·WᵀW·y − b, with standard errors.

The same engine as the ReLU readout's (:mod:`superpos_model.relu.simulate`): the same
draws, the same unbiased subsample of inactive features, only the per-feature loss
differs.
"""

from __future__ import annotations

from numpy.typing import ArrayLike

from ..monitor import SILENT, Monitor
from ..params import Params
from ..relu.simulate import FeatureLoss, ReluSimulation, simulate_relu
from ..session import Session
from .exact import softplus

#: Binary cross-entropy of a logit t: log(1 + e^(−t)) for an active feature, log(1 + e^t) off.
LOGISTIC = FeatureLoss("cross-entropy", lambda t: softplus(-t), softplus)


def simulate_cross_entropy(
    params: Params,
    scheme: str,
    a: ArrayLike,
    b: ArrayLike,
    session: Session | None = None,
    monitor: Monitor = SILENT,
) -> ReluSimulation:
    """Simulated cross-entropy of ``scheme`` at the points (a, b) (broadcast, flattened)."""
    return simulate_relu(params, scheme, a, b, session, monitor, feature_loss=LOGISTIC)
