"""Time the simulation engine against the naive dense Monte Carlo and the Gram floor.

Run:  .venv/bin/python bench/bench_model.py [--T 10000 --D 1000 --z 10 --samples 10000]

Every ratio compares timings measured in this same run:
- floor: one BLAS Gram product W·Wᵀ of an already drawn W (the least any exact
  curve for that W can cost);
- naive: the dense Monte Carlo a user would write — N×T activations Y, then
  (Y @ Wᵀ) @ W and the squared error — for one readout scale a;
- engine: the same W (drawn inside the timing) and the same active sets, giving
  every sample's loss as a quadratic in a, hence the whole curve and its SE.
The per-sample losses of naive and engine are compared to 1e-9 before timing is reported.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from superpos_model import (
    embedding_quadratic,
    make_embedding,
    make_params,
    run_check,
    run_simulation,
)
from superpos_model.simulate import draw_shared_active_sets, sample_coefficients

A = 0.1


def best_of(repeats: int, fn):
    times, value = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return min(times), value


def naive_losses(W: np.ndarray, active: np.ndarray, a: float) -> np.ndarray:
    n, T = active.shape[0], W.shape[1]
    Y = np.zeros((n, T))
    np.put_along_axis(Y, active, 1.0, axis=1)
    Y_hat = a * ((Y @ W.T) @ W)
    return ((Y_hat - Y) ** 2).sum(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--T", type=int, default=10_000)
    parser.add_argument("--D", type=int, default=1_000)
    parser.add_argument("--z", type=int, default=10)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    params = make_params(T=args.T, D=args.D, z=args.z, samples=args.samples, seed=0)
    embedding = make_embedding("random", params.T, params.D, params.seed)
    active = draw_shared_active_sets(params)
    W = embedding.matrix()
    no_samples = active[:0]

    def engine():
        result = make_embedding("random", params.T, params.D, params.seed).accumulate(active)
        return sample_coefficients(result.readouts, result.gram)

    def exact_curve():
        result = make_embedding("random", params.T, params.D, params.seed).accumulate(no_samples)
        return embedding_quadratic(result, params)

    floor, _ = best_of(args.repeats, lambda: W @ W.T)
    naive, expected = best_of(1, lambda: naive_losses(W, active, A))
    fast, (alpha, beta) = best_of(args.repeats, engine)
    curve, _ = best_of(args.repeats, exact_curve)
    losses = alpha * A * A - 2 * beta * A + params.z
    worst = float(np.max(np.abs(losses - expected)))
    assert worst < 1e-9, f"engine and naive disagree by {worst}"
    full_random, sim = best_of(1, lambda: run_simulation(params, "random"))
    full_check, _ = best_of(1, lambda: run_check(params))

    print(f"T={params.T} D={params.D} z={params.z} N={params.samples}; losses agree to {worst:.1e}")
    print(f"floor  W·Wᵀ (W given)                     {floor:8.3f} s")
    print(f"naive  dense (Y@Wᵀ)@W, one a              {naive:8.3f} s")
    print(f"engine draw W + one pass, every a         {fast:8.3f} s")
    print(f"exact  draw W + curve over active sets    {curve:8.3f} s")
    print(f"random scheme, one fresh embedding/sample {full_random:8.3f} s")
    print(f"check, all schemes + interference         {full_check:8.3f} s")
    print(f"ratio naive / engine          {naive / fast:6.1f}x   (target ≥ 10x)")
    print(f"ratio exact curve / floor     {curve / floor:6.2f}x   (target ≤ 3x)")
    print(f"simulated random L(a*) = {sim.mse_opt:.4f} ± {sim.mse_opt_se:.4f}")


if __name__ == "__main__":
    main()
