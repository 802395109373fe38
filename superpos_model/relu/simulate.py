"""Monte Carlo of the literal ReLU readout ŷ = ReLU(a·WᵀW·y − b), with standard errors.

Per sample, the loss Σ_i (ŷ_i − y_i)² splits into the z active features, computed
exactly, and the T − z inactive ones, estimated without bias from m of them drawn
uniformly (with replacement) and weighted by (T − z)/m; with T − z ≤ m every
inactive feature is used.  Only the readouts u_i = w_iᵀ(W·y) of those z + m features
are formed, so no sample costs a T-wide pass.

random: the embedding is the linear engine's (same seed → same W), generated block by
block and read twice — once for h = W·y of every sample, once for the readouts u_i
(kept in single precision in between when W fits in KEEP_BLOCKS_BYTES) — and the
samples are split over several independent embeddings; the SE carries their spread.
single / multi: u_i is the number of active features on feature i's neuron (0 if the
feature is dropped), counted from the active set alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ..embeddings import BLOCK_COLUMNS, AxisEmbedding, RandomEmbedding
from ..estimate import pooled
from ..monitor import SILENT, Monitor
from ..params import ParamError, Params
from ..schemes import make_embedding
from ..simulate import draw_shared_active_sets

#: Inactive features sampled per sample for the inactive part of the loss.
INACTIVE_SAMPLES = 64
#: The random scheme uses as many embeddings as fit in this many generated normals
#: (two passes of T·D each), at least two so that the SE sees their spread, …
RANDOM_GENERATION_WORK = 4e8
#: … and at most this many: at small T one embedding's loss is far from the average
#: over embeddings, and the spread of 8 means (the linear engine's cap) is itself too
#: uncertain for an honest SE.
MAX_RELU_EMBEDDINGS = 32
#: Up to this size, W's blocks are kept in single precision between the two passes
#: (drawing the normals costs more than everything else); readouts are then accurate
#: to ~1e-7 relative, far below any SE.
KEEP_BLOCKS_BYTES = 2**29
#: Samples × features × points handled at once when evaluating losses.
_CHUNK_ELEMENTS = 2**22
INACTIVE_STREAM = 3


@dataclass(frozen=True)
class ReluSimulation:
    """Simulated loss at each readout point (a[j], b[j]) with its standard error."""

    scheme: str
    samples: int
    embeddings: int
    a: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    se: np.ndarray


def relu_embeddings(params: Params) -> int:
    """How many independent embeddings the random scheme's simulation averages over."""
    by_work = int(RANDOM_GENERATION_WORK // (2 * params.T * params.D))
    return max(1, min(MAX_RELU_EMBEDDINGS, params.samples // 2, max(2, by_work)))


def _relu_bytes_by_field(params: Params) -> dict[str, int]:
    T, D, n, z = params.T, params.D, params.samples, params.z
    per_embedding = -(-n // relu_embeddings(params))
    features = 6 * n * (z + min(INACTIVE_SAMPLES, T - z)) * 8  # ids, order, readouts
    return {
        "samples": per_embedding * D * 8 + features,  # h = W·y of one embedding's samples
        "T": 4 * T * D if 4 * T * D <= KEEP_BLOCKS_BYTES else 0,  # W kept in float32
        "D": 3 * BLOCK_COLUMNS * D * 8 + 4 * _CHUNK_ELEMENTS * 8,  # a block, its copies
    }


def relu_simulation_bytes(params: Params) -> int:
    """Peak bytes :func:`simulate_relu` allocates (a slight overestimate)."""
    return sum(_relu_bytes_by_field(params).values())


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


def pooled_mean_se(groups: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Mean and SE of per-sample losses (one (n_g, P) array per embedding), pooled as everywhere."""
    spread = pooled(groups)
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


def _losses(u_on, u_off, weight, a, b) -> np.ndarray:
    """(n, P) per-sample losses from active and inactive readouts."""
    out = np.empty((len(u_on), len(a)))
    width = u_on.shape[1] + u_off.shape[1]
    rows = max(1, _CHUNK_ELEMENTS // max(1, width * len(a)))
    for s in range(0, len(u_on), rows):
        on = np.maximum(a * u_on[s : s + rows, :, None] - b, 0.0)
        off = np.maximum(a * u_off[s : s + rows, :, None] - b, 0.0)
        out[s : s + rows] = ((1 - on) ** 2).sum(axis=1) + weight * (off**2).sum(axis=1)
    return out


def _readout_sums(
    embedding: RandomEmbedding, active: np.ndarray, monitor: Monitor, keep: bool
) -> tuple[np.ndarray, list[np.ndarray]]:
    """h_s = W·y_s for every sample: one pass over the blocks, one slot at a time (within a
    slot the samples are distinct, so fancy-index += adds each direction once).  With
    ``keep``, the blocks are also returned in single precision for the second pass."""
    n, z = active.shape
    h = np.zeros((n, embedding.D))
    kept = []
    order = np.argsort(active, axis=0, kind="stable")
    ordered = np.take_along_axis(active, order, axis=0)
    for block in range(embedding.blocks):
        start = block * BLOCK_COLUMNS
        rows = embedding.directions(block)
        for slot in range(z):
            lo, hi = np.searchsorted(ordered[:, slot], [start, start + len(rows)])
            h[order[lo:hi, slot]] += rows[ordered[lo:hi, slot] - start]
        if keep:
            kept.append(rows.astype(np.float32))
        monitor.step((block + 1) / embedding.blocks)
    return h, kept


def _random_readouts(
    embedding: RandomEmbedding, active: np.ndarray, features: np.ndarray, monitor: Monitor
) -> np.ndarray:
    """u[s, j] = w_{features[s, j]}ᵀ (W·y_s), in two passes over the embedding's blocks."""
    keep = 4 * embedding.T * embedding.D <= KEEP_BLOCKS_BYTES
    h, kept = _readout_sums(embedding, active, monitor.part(0.0, 0.5), keep)
    flat = features.ravel()
    owner = np.repeat(np.arange(len(features)), features.shape[1])
    order = np.argsort(flat, kind="stable")
    ordered = flat[order]
    u = np.empty(flat.size)
    pairs = max(1, _CHUNK_ELEMENTS // embedding.D)
    second = monitor.part(0.5, 1.0)
    for block in range(embedding.blocks):
        start = block * BLOCK_COLUMNS
        lo, hi = np.searchsorted(ordered, [start, start + BLOCK_COLUMNS])
        if lo < hi:
            rows = kept[block] if keep else embedding.directions(block)
            for chunk in range(lo, hi, pairs):
                picked = order[chunk : min(hi, chunk + pairs)]
                u[picked] = np.einsum("ij,ij->i", rows[flat[picked] - start], h[owner[picked]])
        second.step((block + 1) / embedding.blocks)
    return u.reshape(features.shape)


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
    active: np.ndarray | None = None,
    monitor: Monitor = SILENT,
    inactive_samples: int = INACTIVE_SAMPLES,
) -> ReluSimulation:
    """Monte Carlo of ``scheme`` at the readout points (a, b) (broadcast, flattened)."""
    a_arr, b_arr = (x.ravel() for x in np.broadcast_arrays(np.asarray(a, float), b))
    b_arr = b_arr.astype(float)
    if active is None:
        active = draw_shared_active_sets(params)
    T, z = params.T, params.z
    rng = np.random.default_rng([params.seed, INACTIVE_STREAM])
    if T - z <= inactive_samples:
        inactive, weight = _all_inactive(active, T), 1.0
    else:
        inactive = draw_inactive(rng, active, T, inactive_samples)
        weight = (T - z) / inactive_samples
    count = relu_embeddings(params) if scheme == "random" else 1
    groups = []
    for index, rows in enumerate(np.array_split(np.arange(len(active)), count)):
        part = monitor.part(index / count, (index + 1) / count)
        embedding = make_embedding(scheme, T, params.D, params.seed, index)
        features = np.concatenate([active[rows], inactive[rows]], axis=1)
        if isinstance(embedding, RandomEmbedding):
            u = _random_readouts(embedding, active[rows], features, part)
        else:
            assert isinstance(embedding, AxisEmbedding)
            u = _axis_readouts(embedding, active[rows], features)
            part.step(1.0)
        groups.append(_losses(u[:, :z], u[:, z:], weight, a_arr, b_arr))
    mean, se = pooled_mean_se(groups)
    return ReluSimulation(scheme, len(active), count, a_arr, b_arr, mean, se)
