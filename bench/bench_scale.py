"""Time ``check`` at research sizes and report its peak memory.

Run:  .venv/bin/python bench/bench_scale.py [--T 1000000 --D 1024 --z 10 --samples 10000]

Target (issue 6): at T=1 000 000, D=1 024, z=10 and 10 000 samples, the exact
curve and the Monte Carlo of all schemes in under 30 s with peak memory under
1 GB.  The baseline measured in the same run is the BLAS floor for the random
embedding: T/1024 Gram products of one 1024-column block, in float64 and float32.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from superpos_model import make_embedding, make_params, run_check, simulation_bytes, z_score
from superpos_model.embeddings import BLOCK_COLUMNS


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--T", type=int, default=1_000_000)
    parser.add_argument("--D", type=int, default=1024)
    parser.add_argument("--z", type=int, default=10)
    parser.add_argument("--samples", type=int, default=10_000)
    args = parser.parse_args()
    params = make_params(T=args.T, D=args.D, z=args.z, samples=args.samples)
    blocks = -(-params.T // BLOCK_COLUMNS)

    rows = make_embedding("random", params.T, params.D).directions(0)
    floors = {}
    for dtype in (np.float64, np.float32):
        block = rows.astype(dtype)
        start = time.perf_counter()
        for _ in range(5):
            block.T @ block
        floors[dtype.__name__] = (time.perf_counter() - start) / 5 * blocks

    before = peak_rss_mb()
    start = time.perf_counter()
    report = run_check(params)
    elapsed = time.perf_counter() - start

    print(f"T={params.T:,} D={params.D:,} z={params.z} N={params.samples:,}")
    print(f"check, all schemes + interference   {elapsed:7.1f} s   (target < 30 s)")
    for name, floor in floors.items():
        print(f"Gram floor, {name:8}                {floor:7.1f} s   ratio {elapsed / floor:5.2f}x")
    print(
        f"peak RSS {peak_rss_mb():.0f} MB (before check {before:.0f} MB; target < 1024 MB); "
        f"budget estimate {simulation_bytes(params) / 2**20:.0f} MB"
    )
    for name, scheme in report.schemes.items():
        sim, exact = scheme.simulation, scheme.exact.minimum
        score = z_score(sim.mse_opt, exact, sim.mse_opt_se)
        print(
            f"{name:7} L* exact {exact:.4f}  simulated {sim.mse_opt:.4f} ± {sim.mse_opt_se:.4f}"
            f"  ({score:+.1f} SE, {sim.embeddings} embedding(s))"
        )


if __name__ == "__main__":
    main()
