"""The installed ``superpos-tui`` in a real terminal (tmux, 80×24): it shows the model's
numbers, follows a key press, and quits on ctrl+q."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from superpos_model import make_params, run_check
from tui.format import number

APP = Path(sys.executable).parent / "superpos-tui"
TIMEOUT = 30.0

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tmux(socket: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=10, check=False
    )


def screen(socket: str) -> str:
    return tmux(socket, "capture-pane", "-p", "-t", "app").stdout


def wait_for(socket: str, *needles: str) -> str:
    """Poll the pane until every needle is on it; fail with the last screen if not."""
    deadline = time.monotonic() + TIMEOUT
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(socket)
        if all(needle in shown for needle in needles):
            return shown
        time.sleep(0.1)
    pytest.fail(f"never saw {needles!r} on the screen:\n{shown}")


def losses(params) -> list[str]:
    return [number(r.exact.minimum) for r in run_check(params).schemes.values()]


def test_app_in_tmux_shows_model_numbers_follows_keys_and_quits():
    socket = f"superpos-test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TERM": "xterm-256color"}
    # The shell reports the app's exit status on the pane once the app has gone.
    command = f"{APP} --samples 500; echo superpos-exit=$?; sleep {TIMEOUT}"
    try:
        started = subprocess.run(
            [
                "tmux",
                "-L",
                socket,
                "new-session",
                "-d",
                "-s",
                "app",
                "-x",
                "80",
                "-y",
                "24",
                command,
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        assert started.returncode == 0, started.stderr
        wait_for(socket, "z=5 ", "random embeddings averaged")
        tmux(socket, "send-keys", "-t", "app", "C-t")  # the table tab
        wait_for(socket, *losses(make_params(samples=500)))

        tmux(socket, "send-keys", "-t", "app", "Tab", "Tab", "Up")  # T → D → z, then z + 1
        wait_for(socket, "z=6 ", *losses(make_params(z=6, samples=500)))

        tmux(socket, "send-keys", "-t", "app", "C-q")
        wait_for(socket, "superpos-exit=0")
    finally:
        tmux(socket, "kill-server")
