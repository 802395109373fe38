"""The memory estimate is an upper bound: peak RSS of a real run, less the interpreter's
own, never exceeds it."""

from __future__ import annotations

import resource
import subprocess
import sys

import pytest

from superpos_model import make_params
from superpos_model.budget import WORKS

RUN = "import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))"
#: Measures one child's peak RSS in bytes (RUSAGE_CHILDREN is a maximum over all children
#: so far, so each measurement needs a fresh parent).
MEASURE = (
    "import resource, subprocess, sys; "
    "subprocess.run([sys.executable, '-c', sys.argv[1], *sys.argv[2:]], check=True, "
    "capture_output=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)"
)


def peak_rss(words: list[str]) -> int:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, RUN, *words],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return int(done.stdout)


def options(values: dict[str, int]) -> list[str]:
    return [word for name, value in values.items() for word in (f"--{name}", str(value))]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "values"),
    [
        ("check", {"T": 2_000_000, "D": 1, "z": 1, "samples": 2}),  # T's maps and the scan
        ("check", {"T": 1000, "D": 1500, "z": 5, "samples": 200}),  # the Gram, sampled pairs
        ("walkthrough", {"T": 3000, "D": 300, "z": 20, "samples": 5000}),  # its own passes
    ],
)
def test_peak_memory_stays_under_the_estimate(command, values):
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0  # the platform reports it
    tiny = {"T": 50, "D": 5, "z": 2, "samples": 4}
    baseline = peak_rss([command, *options(tiny)])
    used = peak_rss([command, *options(values)]) - baseline
    estimate = WORKS[command](make_params(**values))
    assert used <= estimate, f"used {used / 2**20:.0f} MB, estimated {estimate / 2**20:.0f} MB"
    # An upper bound that is also useful: not more than three times the truth.
    assert estimate <= 3 * max(used, 2**20)
