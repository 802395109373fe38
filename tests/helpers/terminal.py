"""Drive the installed ``superpos-tui`` in a real terminal: a tmux session per test."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

APP = Path(sys.executable).parent / "superpos-tui"
TIMEOUT = 30.0


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


@contextmanager
def app_in_tmux(args: str, size: tuple[int, int], **env: str) -> Iterator[str]:
    """Run ``superpos-tui args`` in a fresh tmux server; yield its socket name.

    When the app ends, the shell writes ``superpos-exit=<status>`` on the pane.
    """
    socket = f"superpos-test-{uuid.uuid4().hex[:8]}"
    environment = {**os.environ, "TERM": "xterm-256color", **env}
    command = f"{APP} {args}; echo superpos-exit=$?; sleep {TIMEOUT}"
    width, height = size
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
                str(width),
                "-y",
                str(height),
                command,
            ],
            env=environment,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        assert started.returncode == 0, started.stderr
        yield socket
    finally:
        tmux(socket, "kill-server")
