"""Drive the installed ``superpos-tui`` in a real terminal: a tmux session per test."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.processes import alive

APP = Path(sys.executable).parent / "superpos-tui"
RECORDER = Path(__file__).with_name("exit_recorder.py")
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


class Pane:
    """One command in its own tmux server, watched until and after it ends.

    The pane stays after the command exits (``remain-on-exit``), so a test can read
    the exit status (:meth:`wait_exit`), the whole scrollback (:meth:`scrollback`,
    where a traceback printed on exit lands) and send signals to the process itself
    (:meth:`signal`).  The command runs under ``exit_recorder.py``, which records how
    it ended: tmux alone sometimes loses the status.
    """

    def __init__(self, socket: str, record: Path) -> None:
        self.socket = socket
        self.record = record

    def keys(self, *keys: str, literal: bool = False) -> None:
        """Send tmux key names (``"C-s"``, ``"Enter"``, ``"F5"``) all at once, no wait
        between them: a burst.  ``literal`` sends the text as typed characters."""
        flags = ["-l"] if literal else []
        tmux(self.socket, "send-keys", "-t", "app", *flags, *keys)

    def type(self, text: str) -> None:
        """Type ``text`` as characters, in one burst."""
        self.keys(text, literal=True)

    def screen(self) -> str:
        return screen(self.socket)

    def scrollback(self) -> str:
        """Everything the pane has shown, history included."""
        return tmux(self.socket, "capture-pane", "-p", "-J", "-S", "-", "-t", "app").stdout

    def wait_for(self, *needles: str, timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if all(needle in shown for needle in needles):
                return shown
            if self.exit_status() is not None:
                break
            time.sleep(0.1)
        pytest.fail(f"never saw {needles!r}; status {self.exit_status()}:\n{self.scrollback()}")

    def _format(self, spec: str) -> str:
        return tmux(self.socket, "display-message", "-p", "-t", "app", spec).stdout.strip()

    @property
    def pid(self) -> int:
        """The command's own pid (not its recorder's)."""
        started = Path(f"{self.record}.pid")
        deadline = time.monotonic() + TIMEOUT
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return int(started.read_text())

    def exit_status(self) -> int | None:
        """The command's exit status once it has ended, else None (still running).

        A command killed by a signal gives minus the signal's number, as
        :mod:`subprocess` does.
        """
        if not self.record.exists():
            return None
        how, number = self.record.read_text().split()
        return int(number) if how == "exit" else -int(number)

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        """Wait for the command to end; its exit status (fails the test on a hang)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.exit_status()
            if status is not None:
                return status
            time.sleep(0.1)
        pytest.fail(f"still running after {timeout:.0f} s:\n{self.screen()}")

    def signal(self, number: int) -> None:
        os.kill(self.pid, number)

    def terminal_modes(self) -> dict[str, str]:
        """Whether the pane is in the alternate screen, has mouse reporting, shows the cursor."""
        values = self._format("#{alternate_on} #{mouse_any_flag} #{cursor_flag}").split()
        return dict(zip(("alternate", "mouse", "cursor"), values, strict=False))


@contextmanager
def pane(command: list[str], size: tuple[int, int] = (80, 24), **env: str) -> Iterator[Pane]:
    """Run ``command`` (argv) in a fresh tmux server; yield its :class:`Pane`.

    ``pane([str(APP), "--samples", "500"])`` runs the app; any argv works, e.g.
    ``[sys.executable, "-c", ...]`` to run it with a deliberate fault.
    """
    socket = f"superpos-test-{uuid.uuid4().hex[:8]}"
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    config, record = folder / f"{socket}.conf", folder / f"{socket}.exit"
    config.write_text("set -g remain-on-exit on\nset -g history-limit 20000\n")
    environment = {**os.environ, "TERM": "xterm-256color", **env}
    width, height = size
    recorded = [sys.executable, str(RECORDER), str(record), *command]
    quoted = " ".join(shlex.quote(word) for word in recorded)
    session = ["new-session", "-d", "-s", "app", "-x", str(width), "-y", str(height)]
    try:
        started = subprocess.run(
            ["tmux", "-L", socket, "-f", str(config), *session, f"exec {quoted}"],
            env=environment,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        assert started.returncode == 0, started.stderr
        yield Pane(socket, record)
    finally:
        tmux(socket, "kill-server")
        _end_leftover(Path(f"{record}.pid"))
        for path in (config, record, Path(f"{record}.pid")):
            path.unlink(missing_ok=True)


def _end_leftover(pid_file: Path, grace: float = 5.0) -> None:
    """SIGKILL the command if it outlives its terminal by ``grace`` seconds: an app stuck
    in a loop (the failure a test just reported) must not spin on after the test."""
    try:
        pid = int(pid_file.read_text())
    except (OSError, ValueError):
        return
    deadline = time.monotonic() + grace
    while alive({pid}) and time.monotonic() < deadline:
        time.sleep(0.05)
    if alive({pid}):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
