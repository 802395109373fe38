"""SIGTERM and SIGHUP end a subcommand like a ctrl+c: its status, one line, nobody left.

Python's default for both signals ended the process on the spot: a sweep's two
workers, its fork server and its resource tracker stayed alive, holding the output
pipe, so ``superpos-tui sweep … | cat`` hung until they were killed by hand.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.processes import wait_for_workers

APP = Path(sys.executable).parent / "superpos-tui"
#: A sweep whose simulations keep both workers busy for tens of seconds.
LONG_SWEEP = [
    "sweep",
    *("--vary", "z", "--values", ",".join(str(z) for z in range(1, 17)), "--simulate"),
    *("--T", "20000", "--D", "256", "--samples", "20000", "--workers", "2"),
]
LONG_CHECK = ["check", "--T", "3000000", "--D", "256", "--samples", "300000"]


def group_is_gone(group: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)  # anyone left in the command's process group?
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def end_with(signum: int, args: list[str]) -> tuple[int, str, str, bool]:
    """Start ``superpos-tui args``, send ``signum`` to it (not its group) mid-run."""
    process = subprocess.Popen(
        [str(APP), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        if args[0] == "sweep":
            wait_for_workers(process.pid)
        time.sleep(2.5 if args[0] == "check" else 0.5)
        assert process.poll() is None, "the command ended before the signal"
        process.send_signal(signum)
        # The pipe closes: nobody left holds it (a reader such as `| cat` would hang).
        out, err = process.communicate(timeout=30)
        return process.returncode, out, err, group_is_gone(process.pid, 5.0)
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGTERM, 143), pytest.param(signal.SIGHUP, 129, marks=pytest.mark.slow)],
)
def test_an_ending_signal_mid_sweep_leaves_no_process_behind(signum, status):
    code, out, err, gone = end_with(signum, LONG_SWEEP)
    assert code == status
    assert out == ""
    assert err.strip().splitlines() == [f"error: stopped by {signal.Signals(signum).name}"]
    assert gone, "a worker, the fork server or the resource tracker outlived the sweep"


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_an_ending_signal_mid_check_gives_its_status_and_one_line(signum, status):
    code, out, err, gone = end_with(signum, LONG_CHECK)
    assert (code, out) == (status, "")
    assert err.strip().splitlines() == [f"error: stopped by {signal.Signals(signum).name}"]
    assert gone
