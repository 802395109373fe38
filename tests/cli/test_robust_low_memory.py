"""Too little address space to start is one line and exit 1, within seconds.

Under ``ulimit -v 150000`` every command printed NumPy's ImportError traceback;
under ``ulimit -v 250000`` ``check --readout relu`` spun at full CPU for over a
minute inside SciPy's BLAS start-up.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tui.startup import MINIMUM_ADDRESS_SPACE

APP = Path(sys.executable).parent / "superpos-tui"


def limited(kib: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (kib * 1024, kib * 1024))

    return apply


@pytest.mark.parametrize("kib", [150_000, 250_000])
@pytest.mark.parametrize("command", [["check", "--readout", "relu"], ["walkthrough"]])
def test_too_little_address_space_is_one_line_and_exit_1(command, kib):
    done = subprocess.run(
        [str(APP), *command, "--T", "100", "--D", "10", "--samples", "100"],
        capture_output=True,
        text=True,
        timeout=20,
        preexec_fn=limited(kib),
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"error: not enough memory to start: the address-space limit (ulimit -v) is "
        f"{kib // 1024} MiB, and superpos-tui needs at least {MINIMUM_ADDRESS_SPACE // 2**20} MiB"
    ]


def test_the_minimum_is_enough_to_run_a_relu_check():
    done = subprocess.run(
        [str(APP), "check", "--readout", "relu", "--T", "100", "--D", "10", "--samples", "100"],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limited(MINIMUM_ADDRESS_SPACE // 1024),
        check=False,
    )
    assert done.returncode == 0, done.stderr
