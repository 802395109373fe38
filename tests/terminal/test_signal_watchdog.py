"""A signalled app ends even when its event loop cannot take the request.

Seen in a long monkey run: the tmux server went away while the app's main thread
was blocked writing to the terminal; the loop never ran its signal callback, the
input thread spun on the dead terminal, and the process lived on at 40 % of a core.
"""

from __future__ import annotations

import subprocess
import sys
import time

from tui import app_process


class _StuckLoop:
    """An event loop whose thread never comes back to run callbacks."""

    def __init__(self) -> None:
        self.asked: list[object] = []

    def call_soon_threadsafe(self, callback: object) -> None:
        self.asked.append(callback)


class _App:
    _driver = None

    def exit(self, return_code: int) -> None:  # never reached through the stuck loop
        raise AssertionError("the stuck loop ran a callback")


def test_a_signal_the_loop_cannot_take_still_ends_the_process(monkeypatch):
    ended: list[int] = []
    monkeypatch.setattr(app_process, "SIGNAL_GRACE_SECONDS", 0.05)
    monkeypatch.setattr(app_process, "force_exit", lambda status, attrs: ended.append(status))
    loop = _StuckLoop()
    app_process.TerminalApp._signalled(_App(), loop, 129, 1, None)  # type: ignore[arg-type]
    deadline = time.monotonic() + 5
    while not ended and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ended == [129] and len(loop.asked) == 1


def test_forcing_the_exit_without_a_terminal_gives_the_signal_status():
    code = "from tui.app_process import force_exit; force_exit(143, None)"
    done = subprocess.run([sys.executable, "-c", code], start_new_session=True, timeout=60)
    assert done.returncode == 143
