"""Time the ReLU-readout (or cross-entropy) Monte Carlo against a naive dense literal one.

Run:  nice .venv/bin/python bench/bench_relu.py [--T 100000 --D 1000 --z 10 --samples 10000]
      [--loss cross-entropy]

With ``--loss cross-entropy`` both sides compute the binary cross-entropy of the
logits a·Wᵀ(W·y) − b instead of the ReLU readout's squared error (same engine, same
draws, another per-feature loss).

- engine: :func:`superpos_model.relu.simulate_relu` for the random scheme — per sample
  a fresh embedding, of which it draws the z active readouts and a sample of the inactive ones;
- naive: the dense literal Monte Carlo a user would write on one random
  embedding — every sample's full T-wide readout ReLU(a·Wᵀ(W·y) − b) and its squared
  error — timed on 1 sample (the cost of drawing W) and on a few hundred, and
  extrapolated linearly (that intercept plus the per-sample cost) to the engine's
  sample count, since running it in full would take minutes.
Both timings come from this same run; the machine's other load distorts both alike.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from superpos_model import make_params
from superpos_model.crossent import LOGISTIC, cross_entropy
from superpos_model.embeddings import BLOCK_COLUMNS, RandomEmbedding
from superpos_model.relu import relu_loss, simulate_relu
from superpos_model.relu.simulate import RELU_SQUARED, FeatureLoss
from superpos_model.simulate import draw_shared_active_sets

#: Per loss: the per-feature loss, the exact value, and a point near its optimum.
LOSSES = {
    "relu": (RELU_SQUARED, relu_loss, 1.7, 0.9),
    "cross-entropy": (LOGISTIC, cross_entropy, 20.0, 15.0),
}


def naive(params, active: np.ndarray, loss_of: FeatureLoss, A: float, B: float) -> np.ndarray:
    """Per-sample literal loss with a dense T-wide readout (one embedding)."""
    embedding = RandomEmbedding(params.T, params.D, params.seed, 0)
    n = len(active)
    h = np.zeros((n, params.D))
    for block in range(embedding.blocks):
        rows = embedding.directions(block)
        start = block * BLOCK_COLUMNS
        y = np.zeros((n, len(rows)))
        inside = (active >= start) & (active < start + len(rows))
        y[np.nonzero(inside)[0], active[inside] - start] = 1.0
        h += y @ rows
    loss = np.zeros(n)
    for block in range(embedding.blocks):
        rows = embedding.directions(block)
        start = block * BLOCK_COLUMNS
        y = np.zeros((n, len(rows)))
        inside = (active >= start) & (active < start + len(rows))
        y[np.nonzero(inside)[0], active[inside] - start] = 1.0
        t = A * (h @ rows.T) - B
        loss += np.where(y == 1, loss_of.active(t), loss_of.inactive(t)).sum(axis=1)
    return loss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--T", type=int, default=100_000)
    parser.add_argument("--D", type=int, default=1000)
    parser.add_argument("--z", type=int, default=10)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--naive-samples", type=int, default=200)
    parser.add_argument("--loss", choices=sorted(LOSSES), default="relu")
    args = parser.parse_args()
    params = make_params(T=args.T, D=args.D, z=args.z, samples=args.samples)
    feature_loss, exact_loss, A, B = LOSSES[args.loss]

    start = time.perf_counter()
    sim = simulate_relu(params, "random", A, B, feature_loss=feature_loss)
    engine_time = time.perf_counter() - start

    active = draw_shared_active_sets(params)
    small, large = 1, args.naive_samples  # 1 sample: nearly all the cost is drawing W
    timings = []
    for n in (small, large):
        start = time.perf_counter()
        losses = naive(params, active[:n], feature_loss, A, B)
        timings.append(time.perf_counter() - start)
    per_sample = (timings[1] - timings[0]) / (large - small)
    intercept = max(timings[0] - per_sample * small, 0.0)
    naive_time = intercept + per_sample * args.samples

    exact = float(exact_loss("random", params, A, B))
    naive_se = losses.std(ddof=1) / np.sqrt(len(losses))
    print(f"T={params.T:,} D={params.D:,} z={params.z} samples={params.samples:,} a={A} b={B}")
    print(f"loss: {args.loss}")
    print(f"exact {exact:.5f}")
    print(
        f"engine: {sim.loss[0]:.5f} ± {sim.se[0]:.5f}, one fresh embedding per sample, "
        f"{engine_time:.2f} s"
    )
    print(f"naive:  {losses.mean():.5f} ± {naive_se:.5f} on {large} samples of one embedding")
    print(
        f"naive timed at {small} and {large} samples: {timings[0]:.2f} s, {timings[1]:.2f} s; "
        f"extrapolated to {params.samples:,}: {naive_time:.1f} s"
    )
    print(f"ratio naive / engine: {naive_time / engine_time:.1f}×")


if __name__ == "__main__":
    main()
