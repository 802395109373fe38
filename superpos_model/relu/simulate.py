"""Monte Carlo of the literal ReLU readout ŷ = ReLU(a·WᵀW·y − b), with standard errors.

Per sample, the loss Σ_i (ŷ_i − y_i)² splits into the z active features, computed
exactly, and the T − z inactive ones, estimated without bias from k of them, each
weighted by (T − z)/k; with T − z ≤ k every inactive feature is used.  Only the
readouts u_i = w_iᵀ(W·y) of those z + k features are formed, so no sample costs a
T-wide pass.

random: the linear readout's fresh draws (:mod:`..fresh`, shared through the
:class:`~superpos_model.session.Session`): every sample on its own random embedding,
with its z active readouts and the signed readouts of the first k = min(m, 64)
inactive columns it drew.  The samples are independent over embedding and active set
together, so the plain SE sd/√n includes the spread between embeddings.
single / multi: on the shared active sets, with k = 64 inactive features drawn
uniformly (with replacement); u_i is the number of active features on feature i's
neuron (0 if the feature is dropped), counted from the active set alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ..budget import neuron_map_bytes
from ..embeddings import AxisEmbedding
from ..estimate import pooled
from ..fresh import column_bytes, kept_bytes, kept_inactive
from ..monitor import SILENT, Monitor
from ..params import ParamError, Params
from ..schemes import make_embedding
from ..session import Session, session_for

#: Inactive features sampled per sample for the inactive part of the loss (single, multi).
INACTIVE_SAMPLES = 64
#: Samples × features × points handled at once when evaluating losses.
_CHUNK_ELEMENTS = 2**22
INACTIVE_STREAM = 3


@dataclass(frozen=True)
class ReluSimulation:
    """Simulated loss at each readout point (a[j], b[j]) with its standard error.

    ``embeddings`` counts the independent embeddings behind the samples: one per
    sample for random, 1 for the fixed schemes.
    """

    scheme: str
    samples: int
    embeddings: int
    a: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    se: np.ndarray


@dataclass(frozen=True)
class FeatureLoss:
    """One feature's loss as a function of its pre-activation t = a·u − b.

    ``active`` is applied to the features that are on (target 1), ``inactive`` to the
    others (target 0); both are elementwise on arrays.
    """

    name: str
    active: Callable[[np.ndarray], np.ndarray]
    inactive: Callable[[np.ndarray], np.ndarray]


#: The ReLU readout's squared error: (1 − ReLU(t))² on, ReLU(t)² off.
RELU_SQUARED = FeatureLoss(
    "relu", lambda t: (1 - np.maximum(t, 0.0)) ** 2, lambda t: np.maximum(t, 0.0) ** 2
)


def _relu_bytes_by_field(params: Params) -> dict[str, int]:
    T, n, z = params.T, params.samples, params.z
    fresh = kept_bytes(params) + 5 * n * 8  # random: kept readouts, per-sample α, β, …
    features = 6 * n * (z + min(INACTIVE_SAMPLES, T - z)) * 8  # single, multi: ids, order, u
    return {
        "samples": fresh + features,
        "T": neuron_map_bytes(T),  # single, multi: the feature → neuron map
        "D": column_bytes(params) + 4 * _CHUNK_ELEMENTS * 8,  # fresh columns; loss temporaries
    }


def check_relu_budget(params: Params, budget: int) -> None:
    """Raise :class:`ParamError` naming the field to shrink when the simulation won't fit."""
    shares = _relu_bytes_by_field(params)
    needed = sum(shares.values())
    if needed > budget:
        field = max(shares, key=lambda name: shares[name])
        raise ParamError(
            field,
            f"the ReLU simulation needs about {needed / 2**30:.1f} GB, over the "
            f"{budget / 2**30:.3g} GB budget; reduce {field}",
        )


def mean_se(losses: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and SE sd/√n of independent per-sample losses, (n, P)."""
    spread = pooled([losses])
    return spread.mean, np.sqrt(spread.variance(np.eye(len(spread.mean))))


def draw_inactive(rng: np.random.Generator, active: np.ndarray, T: int, m: int) -> np.ndarray:
    """(n, m) features drawn uniformly from each row's inactive ones, with replacement."""
    n, z = active.shape
    ordered = np.sort(active, axis=1)
    # The r-th inactive feature is r plus the number of active features s_j with s_j − j ≤ r.
    keys = ordered - np.arange(z) + (T * np.arange(n))[:, None]
    ranks = rng.integers(0, T - z, size=(n, m)) + (T * np.arange(n))[:, None]
    below = np.searchsorted(keys.ravel(), ranks.ravel(), side="right").reshape(n, m)
    return np.asarray(ranks - (T * np.arange(n))[:, None] + below - z * np.arange(n)[:, None])


def _all_inactive(active: np.ndarray, T: int) -> np.ndarray:
    n = len(active)
    mask = np.ones((n, T), dtype=bool)
    mask[np.arange(n)[:, None], active] = False
    return np.nonzero(mask)[1].reshape(n, T - active.shape[1])


def _losses(u_on, u_off, weight, a, b, feature_loss: FeatureLoss) -> np.ndarray:
    """(n, P) per-sample losses from active and inactive readouts."""
    out = np.empty((len(u_on), len(a)))
    width = u_on.shape[1] + u_off.shape[1]
    rows = max(1, _CHUNK_ELEMENTS // max(1, width * len(a)))
    for s in range(0, len(u_on), rows):
        on = feature_loss.active(a * u_on[s : s + rows, :, None] - b)
        off = feature_loss.inactive(a * u_off[s : s + rows, :, None] - b)
        out[s : s + rows] = on.sum(axis=1) + weight * off.sum(axis=1)
    return out


def _axis_readouts(embedding: AxisEmbedding, active: np.ndarray, features: np.ndarray):
    neurons_on = embedding.neuron[active]
    queried = embedding.neuron[features]
    counts = np.zeros(features.shape)
    for slot in range(active.shape[1]):
        counts += queried == neurons_on[:, slot : slot + 1]
    return np.where(queried >= 0, counts, 0.0)


def simulate_relu(
    params: Params,
    scheme: str,
    a: ArrayLike,
    b: ArrayLike,
    session: Session | None = None,
    monitor: Monitor = SILENT,
    inactive_samples: int = INACTIVE_SAMPLES,
    feature_loss: FeatureLoss = RELU_SQUARED,
) -> ReluSimulation:
    """Monte Carlo of ``scheme`` at the readout points (a, b) (broadcast, flattened).

    random reads the ``session``'s fresh draws, the fixed schemes its active sets
    (a new session when none is given).  ``feature_loss`` is the ReLU readout's
    squared error by default; the cross-entropy of linear logits uses the same draws.
    """
    a_arr, b_arr = (x.ravel() for x in np.broadcast_arrays(np.asarray(a, float), b))
    b_arr = b_arr.astype(float)
    session = session_for(params, session)
    T, z = params.T, params.z
    if scheme == "random":
        draws = session.fresh_draws(monitor.part(0.0, 0.9))
        k = kept_inactive(params)
        weight = (T - z) / k if k else 0.0
        losses = _losses(
            draws.active_readouts, draws.inactive_readouts, weight, a_arr, b_arr, feature_loss
        )
        count = draws.samples
    else:
        active = session.active_sets(monitor)
        rng = np.random.default_rng([params.seed, INACTIVE_STREAM])
        if T - z <= inactive_samples:
            inactive, weight = _all_inactive(active, T), 1.0
        else:
            inactive = draw_inactive(rng, active, T, inactive_samples)
            weight = (T - z) / inactive_samples
        embedding = make_embedding(scheme, T, params.D, params.seed, 0)
        assert isinstance(embedding, AxisEmbedding)
        features = np.concatenate([active, inactive], axis=1)
        u = _axis_readouts(embedding, active, features)
        losses = _losses(u[:, :z], u[:, z:], weight, a_arr, b_arr, feature_loss)
        count = 1
    monitor.step(1.0)
    mean, se = mean_se(losses)
    return ReluSimulation(scheme, len(losses), count, a_arr, b_arr, mean, se)
