"""Training W, a and b for the readout ŷ = ReLU(a·WᵀW·y − b) on sampled active sets.

The loss has no closed form for a general W, so training is stochastic: Adam
on minibatches of active sets, each sample's loss estimated without bias from
its z active features (all of them) and ``negatives`` features drawn uniformly
from all T (those that happen to be active are dropped and the rest weighted
by T/``negatives``).  A step therefore costs O(batch·(z + negatives)·D),
whatever T.  The trained readout is then judged by a literal Monte Carlo over
all T features on fresh active sets, with its standard error.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..monitor import SILENT, Cancelled, Monitor
from ..params import Params
from ..sampling import draw_active_sets
from .linear import random_start

#: Random-number streams, apart from the embedding's and the check's active sets.
TRAIN_STREAM = 11
HELD_OUT_STREAM = 12

#: Samples per chunk of the held-out estimate (each holds a chunk × T readout).
CHUNK_FLOATS = 4_000_000

#: Most (step, loss) points kept in the history.
HISTORY_POINTS = 200


@dataclass(frozen=True)
class ReluSettings:
    """How the ReLU readout is trained (sizes of the sampled loss, Adam's step)."""

    steps: int = 3000
    batch: int = 128
    negatives: int = 64
    learning_rate: float = 0.01
    a0: float = 1.0
    b0: float = 0.5
    train_W: bool = True


DEFAULT_SETTINGS = ReluSettings()
#: The class preset (``optimize --quick``, the Optimise screen's ReLU runs): a third of the
#: steps on twice the batch at twice the rate.  At the defaults it ends within 4 % of the
#: full run's held-out loss (0.7244 ± 0.0093 against 0.6989 ± 0.0097, seed 0).
QUICK_SETTINGS = ReluSettings(steps=1000, batch=256, learning_rate=0.02)


@dataclass(frozen=True)
class Estimate:
    """A Monte Carlo mean with its standard error over ``samples`` samples."""

    mean: float
    se: float
    samples: int


@dataclass(frozen=True, eq=False)
class ReluResult:
    """A trained ReLU readout.

    Attributes
    ----------
    W : (D, T) array
        The trained embedding.
    a, b : float
        Its scale and threshold.
    final, start : Estimate
        Held-out Monte Carlo losses (fresh active sets) of the result and of the start.
    history : tuple of (step, loss)
        Minibatch loss averaged over the steps since the previous point (noisy).
    cancelled : bool
        True when the caller stopped training; the result is then the last iterate.
    """

    params: Params
    settings: ReluSettings
    W: np.ndarray
    a: float
    b: float
    final: Estimate
    start: Estimate
    history: tuple[tuple[int, float], ...]
    cancelled: bool


def relu_loss_mc(
    W: np.ndarray, a: float, b: float, params: Params, seed: int, monitor: Monitor = SILENT
) -> Estimate:
    """Literal Monte Carlo of E Σ_i (ReLU(a·w_iᵀW y − b) − y_i)² over ``params.samples`` sets.

    Every feature's error is computed (cost samples·T·D), on active sets drawn
    from ``seed``'s held-out stream.
    """
    T, n = params.T, params.samples
    rng = np.random.default_rng([seed, HELD_OUT_STREAM])
    active = draw_active_sets(rng, T, params.z, n)
    chunk = max(1, CHUNK_FLOATS // T)
    losses = np.empty(n)
    rows = np.arange(chunk)
    for start in range(0, n, chunk):
        sets = active[start : start + chunk]
        k = len(sets)
        h = W[:, sets].sum(axis=2).T  # (k, D): W·y per sample
        out = np.maximum(a * (h @ W) - b, 0.0)  # (k, T)
        target = np.zeros_like(out)
        target[rows[:k, None], sets] = 1.0
        losses[start : start + k] = ((out - target) ** 2).sum(axis=1)
        monitor.step(min(start + k, n) / n)
    return Estimate(float(losses.mean()), float(losses.std(ddof=1) / math.sqrt(n)), n)


def sampled_loss_and_grad(
    Wt: np.ndarray, a: float, b: float, active: np.ndarray, negatives: np.ndarray
) -> tuple[float, np.ndarray, float, float]:
    """Unbiased minibatch loss and its gradients in (Wᵀ, a, b).

    ``active`` (n, z) are the samples' active features, ``negatives`` (n, m)
    uniform draws from all T standing in for the inactive ones.
    """
    T = Wt.shape[0]
    n, z = active.shape
    m = negatives.shape[1]
    H = Wt[active].sum(axis=1)  # (n, D)
    idx = np.concatenate([active, negatives], axis=1)  # (n, z+m)
    Wk = Wt[idx]  # (n, k, D)
    dots = np.einsum("nkd,nd->nk", Wk, H)
    pre = a * dots - b
    out = np.maximum(pre, 0.0)
    is_active = (negatives[:, :, None] == active[:, None, :]).any(axis=2)
    weight = np.concatenate([np.ones((n, z)), np.where(is_active, 0.0, T / m)], axis=1)
    target = np.concatenate([np.ones((n, z)), np.zeros((n, m))], axis=1)
    error = out - target
    loss = float((weight * error * error).sum() / n)
    g = 2.0 * weight * error * (pre > 0) / n  # ∂loss/∂pre
    grad_a = float((g * dots).sum())
    grad_b = float(-g.sum())
    # pre_nk = a·w_kᵀh_n − b: w_k gets g·a·h_n directly, and h_n = Σ_active w_i passes
    # a·Σ_k g·w_k to each of the sample's active features.
    direct = (g[:, :, None] * (a * H)[:, None, :]).reshape(-1, H.shape[1])
    through_h = a * np.einsum("nk,nkd->nd", g, Wk)
    rows = np.concatenate([idx.ravel(), active.ravel()])
    values = np.concatenate([direct, np.repeat(through_h, z, axis=0)])
    from scipy.sparse import csr_matrix  # SciPy loads only when training

    scatter = csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))), shape=(T, len(rows)))
    return loss, np.asarray(scatter @ values), grad_a, grad_b


class _Adam:
    """Adam (Kingma & Ba) on a list of arrays, with a cosine-decayed step size."""

    def __init__(self, shapes: list[tuple[int, ...]], rate: float, steps: int) -> None:
        self.m = [np.zeros(s) for s in shapes]
        self.v = [np.zeros(s) for s in shapes]
        self.rate, self.steps, self.t = rate, steps, 0

    def update(self, grads: list[np.ndarray]) -> list[np.ndarray]:
        self.t += 1
        decay = 0.5 * (1.0 + math.cos(math.pi * min(self.t / self.steps, 1.0)))
        rate = self.rate * (0.02 + 0.98 * decay)
        moves = []
        for m, v, g in zip(self.m, self.v, grads, strict=True):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            m_hat = m / (1 - 0.9**self.t)
            v_hat = v / (1 - 0.999**self.t)
            moves.append(rate * m_hat / (np.sqrt(v_hat) + 1e-8))
        return moves


def train_relu(
    params: Params,
    settings: ReluSettings = DEFAULT_SETTINGS,
    monitor: Monitor = SILENT,
    start: np.ndarray | None = None,
    observe: Callable[[tuple[int, float]], None] | None = None,
) -> ReluResult:
    """Adam on the sampled ReLU loss from ``start`` (default the random scheme's W).

    ``monitor`` spans training (90 %) and the held-out estimate; it may cancel
    during training, and the iterate reached so far is still judged on fresh
    sets and returned with ``cancelled=True``.  Start and result are judged on
    the same held-out sets, independent of the training ones.
    """
    T, z = params.T, params.z
    Wt = (random_start(params) if start is None else np.array(start, dtype=float)).T.copy()
    a, b = settings.a0, settings.b0
    first = relu_loss_mc(Wt.T, a, b, params, params.seed)
    rng = np.random.default_rng([params.seed, TRAIN_STREAM])
    adam = _Adam([Wt.shape, (), ()], settings.learning_rate, settings.steps)
    every = max(1, settings.steps // HISTORY_POINTS)
    history: list[tuple[int, float]] = []
    running, cancelled, training = 0.0, False, monitor.part(0.0, 0.9)
    try:
        for step in range(1, settings.steps + 1):
            active = draw_active_sets(rng, T, z, settings.batch)
            negatives = rng.integers(0, T, size=(settings.batch, settings.negatives))
            loss, gW, ga, gb = sampled_loss_and_grad(Wt, a, b, active, negatives)
            dW, da, db = adam.update(
                [gW if settings.train_W else np.zeros_like(gW), np.array(ga), np.array(gb)]
            )
            Wt -= dW
            a, b = max(a - float(da), 0.0), b - float(db)
            running += loss
            if step % every == 0:
                history.append((step, running / every))
                if observe is not None:
                    observe(history[-1])
                running = 0.0
            training.step(step / settings.steps)
    except Cancelled:
        cancelled = True
    # Judging the result is not part of what a cancel stops: keep the progress only.
    judging = Monitor(monitor.progress, None, monitor.start, monitor.stop) if cancelled else monitor
    final = relu_loss_mc(Wt.T, a, b, params, params.seed, judging.part(0.9, 1.0))
    return ReluResult(params, settings, Wt.T.copy(), a, b, final, first, tuple(history), cancelled)
