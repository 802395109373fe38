"""Time a sweep on the warm process pool against the same sweep computed in-process.

Run:  nice .venv/bin/python bench/bench_sweep.py [--points 8 --T 2000 --D 200 --samples 4000]
and, for an in-process baseline on one BLAS thread (as each worker has):
      OPENBLAS_NUM_THREADS=1 nice .venv/bin/python bench/bench_sweep.py

A ReLU phase diagram (the sweep screen's costliest view), 20 × 20 cells of T/D × z at
D = 100, so T runs up to 10⁴:
      nice .venv/bin/python bench/bench_sweep.py --phase
      [--x T/D --xs "2..100 x20 log" --y z --ys "1..10, 12..200 x10 log" --phase-D 100]

The workload has real cost: every point simulates all three schemes (``--simulate``).
Both timings are taken in this same run, each the best of ``--repeats``; the pool is
started and warmed on a small sweep first, so the ratio measures the steady state a
screen sweeping again and again sees (start-up is printed apart).  The two results
are checked identical.  On a shared machine the ratio is only as good as the cores
that were free: the load average is printed beside it.
"""

from __future__ import annotations

import argparse
import os
import time

from superpos_model import make_params
from superpos_model.sweep import (
    parse_values,
    phase_diagram,
    phase_json,
    shutdown_pool,
    sweep,
    sweep_json,
    warm_pool,
)
from superpos_model.sweep.pool import available_cores


def timed(fn, repeats: int = 1):
    best, value = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return best, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=8)
    parser.add_argument("--T", type=int, default=2000)
    parser.add_argument("--D", type=int, default=200)
    parser.add_argument("--samples", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=None, help="default: every core")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--phase", action="store_true", help="time a ReLU phase diagram")
    parser.add_argument("--phase-D", type=int, default=100, help="D of the phase diagram")
    parser.add_argument("--x", default="T/D")
    parser.add_argument("--xs", default="2..100 x20 log")
    parser.add_argument("--y", default="z")
    parser.add_argument("--ys", default="1..10, 12..200 x10 log")
    args = parser.parse_args()
    if args.phase:
        phase_main(args)
        return
    base = make_params(T=args.T, D=args.D, z=5, samples=args.samples)
    values = [1 + 3 * k for k in range(args.points)]
    workers = args.workers or available_cores()

    def run(n: int):
        return sweep(base, "z", values, simulate=True, workers=n)

    startup, _ = timed(lambda: sweep(base, "z", [1, 2], simulate=True, workers=workers))
    serial_time, serial = timed(lambda: run(1), args.repeats)
    pool_time, pooled = timed(lambda: run(workers), args.repeats)
    shutdown_pool()
    assert sweep_json(serial) == sweep_json(pooled), "pool and in-process results differ"
    blas = os.environ.get("OPENBLAS_NUM_THREADS", "NumPy's default")
    print(
        f"sweep of z over {len(values)} points, T={args.T}, D={args.D}, samples={args.samples}, "
        f"--simulate; {workers} workers on {available_cores()} cores; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"pool start-up and warm-up (2 points): {startup:.2f} s")
    print(f"in-process (BLAS threads: {blas}): {serial_time:.2f} s   pool: {pool_time:.2f} s")
    print(f"speed-up pool vs in-process: {serial_time / pool_time:.2f}×")


def _fixed(base, axes: set[str]) -> str:
    """The parameters not on an axis (T/D sets T)."""
    varied = axes | ({"T"} if "T/D" in axes else set())
    return ", ".join(f"{n}={getattr(base, n):,}" for n in ("T", "D", "z") if n not in varied)


def phase_main(args: argparse.Namespace) -> None:
    """A ReLU phase diagram on the warm pool against the same in-process, in this run."""
    T = args.T if args.x != "T/D" and args.y != "T/D" else 2
    base = make_params(T=max(T, 2), D=args.phase_D, z=1)
    xs, ys = parse_values(args.x, args.xs), parse_values(args.y, args.ys)
    workers = args.workers or available_cores()

    def run(n: int):
        return phase_diagram(base, args.x, xs, args.y, ys, "relu", workers=n)

    startup, _ = timed(lambda: warm_pool(workers))
    # Both sides load SciPy (the ReLU optimum's) before the clock starts.
    few = min(len(ys), workers)
    warm, _ = timed(lambda: phase_diagram(base, args.x, xs[:1], args.y, ys[:few], "relu"))
    phase_diagram(base, args.x, xs[:1], args.y, ys[:1], "relu", workers=1)
    pool_time, pooled = timed(lambda: run(workers))
    cpu = time.process_time()
    serial_time, serial = timed(lambda: run(1))
    cpu = time.process_time() - cpu
    shutdown_pool()
    assert phase_json([serial]) == phase_json([pooled]), "pool and in-process results differ"
    top = max(cell.params.T for row in pooled.points for cell in row)
    print(
        f"ReLU phase diagram {args.x} × {args.y}, {len(xs)} × {len(ys)} cells, "
        f"{_fixed(base, {args.x, args.y})}, T up to {top:,}; "
        f"{workers} workers on {available_cores()} cores; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"pool start-up: {startup:.2f} s, then loading SciPy in the workers: {warm:.2f} s")
    # The CPU time is what the in-process run would take on a core of its own; on a shared
    # machine (Linux groups a session's processes for the scheduler) the wall times are
    # only as good as the share of the cores this session got.
    print(f"in-process: {serial_time:.1f} s ({cpu:.1f} s of CPU)   pool: {pool_time:.1f} s")
    print(f"speed-up pool vs in-process: {serial_time / pool_time:.2f}×")


if __name__ == "__main__":
    main()
