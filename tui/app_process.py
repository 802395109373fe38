"""The app as a process: signals end it cleanly, a crash leaves a log and a status.

* SIGTERM, SIGHUP and SIGINT (from ``kill``; the ctrl+c key is an ordinary key in
  the app) leave the alternate screen, turn mouse reporting off and show the
  cursor again, then exit with 143, 129 and 130 (128 + the signal's number).
  If the event loop cannot take the request (its thread blocked writing to a
  terminal that went away, say), the process restores what it can and exits
  with the same status after :data:`SIGNAL_GRACE_SECONDS`.
* An internal error exits with status 1 and writes its traceback to a log file,
  whose path is printed after the terminal is restored, where it stays readable.
"""

from __future__ import annotations

import asyncio
import functools
import os
import signal
import tempfile
import termios
import threading
import time
import traceback
from pathlib import Path
from types import FrameType

from superpos_model import Params

from . import streams
from .app import SuperposApp
from .files import write_atomic

#: Signals that end the app, and the exit status each gives (128 + its number).
EXIT_SIGNALS = {signal.SIGTERM: 143, signal.SIGHUP: 129, signal.SIGINT: 130}
#: How long a signalled app may take to shut down before the process ends itself.
SIGNAL_GRACE_SECONDS = 2.0
#: Leave the alternate screen, stop mouse reporting, show the cursor.
RESTORE_TERMINAL = "\x1b[?1049l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?25h"


class TerminalApp(SuperposApp):
    """:class:`SuperposApp` run as the ``superpos-tui`` process."""

    def __init__(self, params: Params, budget: int) -> None:
        super().__init__(params, budget=budget)
        self.crash: str | None = None

    def on_mount(self) -> None:
        # Runs besides SuperposApp.on_mount (Textual calls every class's handler).  A plain
        # handler, not the loop's: it runs even while the loop's thread is blocked.
        loop = asyncio.get_running_loop()
        for number, status in EXIT_SIGNALS.items():
            signal.signal(number, functools.partial(self._signalled, loop, status))

    def _signalled(
        self, loop: asyncio.AbstractEventLoop, status: int, _number: int, _frame: FrameType | None
    ) -> None:
        loop.call_soon_threadsafe(functools.partial(self.exit, return_code=status))
        attrs = getattr(self._driver, "attrs_before", None)
        watchdog = threading.Timer(SIGNAL_GRACE_SECONDS, force_exit, args=(status, attrs))
        watchdog.daemon = True  # a clean shutdown within the grace period never waits for it
        watchdog.start()

    def _handle_exception(self, error: Exception) -> None:
        self.crash = "".join(traceback.format_exception(error))
        super()._handle_exception(error)


def force_exit(status: int, attrs: list | None) -> None:
    """End the process now, restoring the terminal as far as it still answers."""
    try:
        fd = os.open("/dev/tty", os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        os._exit(status)
    try:
        if attrs is not None:
            termios.tcsetattr(fd, termios.TCSANOW, attrs)
        os.write(fd, RESTORE_TERMINAL.encode())
    except (OSError, termios.error):
        pass  # the terminal is gone: nothing left to restore
    finally:
        os.close(fd)
    os._exit(status)


def crash_log_folder() -> Path:
    """Where crash logs go: $XDG_STATE_HOME/superpos-tui (~/.local/state/superpos-tui)."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "superpos-tui"


def write_crash_log(text: str) -> Path | None:
    """Save ``text`` in a new log file; its path, or None if no folder would take it."""
    name = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    for folder in (crash_log_folder(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(folder / name, text, overwrite=False)
        except (OSError, RuntimeError):
            continue
        return folder / name
    return None


def run_app(params: Params, budget: int) -> int:
    """Run the app in this terminal until it ends; the process's exit status."""
    app = TerminalApp(params, budget)
    app.run()
    status = app.return_code or 0
    if app.crash is not None:
        log = write_crash_log(app.crash)
        where = f"the traceback is in {log}" if log else "no log file could be written"
        streams.say(f"error: the app stopped on an internal error; {where}")
        return 1  # even if a signal (a ctrl+c during the shutdown) asked for another status
    return status
