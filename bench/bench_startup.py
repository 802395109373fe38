"""Start-up to first result: a fresh process, to the explorer holding its first report.

Run:  .venv/bin/python bench/bench_startup.py [--repeats 5]

Each repeat starts a new Python process that imports the app, runs it headless at
80×24 with the default parameters and stops the clock when the explorer's first
result arrives (the clock starts at the interpreter's start, so imports count).
The baseline is a fresh process that imports the model and runs ``run_check`` on
the same parameters, timed the same way in the same run, so the ratio says what
the app adds on top of the computation it shows.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

APP = """
import asyncio, time
from superpos_model import make_params
from tui.app import SuperposApp
async def main():
    app = SuperposApp(make_params())
    async with app.run_test(size=(80, 24)) as pilot:
        while app.screen.result is None:
            await asyncio.sleep(0.002)
        print(time.perf_counter() - START)
asyncio.run(main())
"""
MODEL = """
import time
from superpos_model import make_params, run_check
run_check(make_params(), interference=False)
print(time.perf_counter() - START)
"""
#: Prepended to both: the clock starts before any import of ours (the interpreter's own
#: start-up is common to both and left out).
PREAMBLE = "import time; START = time.perf_counter()\n"


def timed(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", PREAMBLE + code], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app, model = [], []
    for _ in range(args.repeats):  # interleaved, so both see the same machine load
        app.append(timed(APP))
        model.append(timed(MODEL))
    a, m = statistics.median(app), statistics.median(model)
    print(f"first result  median {a * 1e3:7.0f} ms   (max {max(app) * 1e3:.0f})")
    print(f"run_check     median {m * 1e3:7.0f} ms   (max {max(model) * 1e3:.0f})")
    print(f"ratio         {a / m:.2f}")


if __name__ == "__main__":
    main()
