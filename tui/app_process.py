"""The app as a process: signals end it cleanly, a crash leaves a log and a status.

* SIGTERM, SIGHUP and SIGINT (from ``kill``; the ctrl+c key is an ordinary key in
  the app) leave the alternate screen, turn mouse reporting off and show the
  cursor again, then exit with 143, 129 and 130 (128 + the signal's number).
* The first request to end stands: a ctrl+c (a SIGINT, once the terminal is given
  back) or another signal that arrives while the app closes leaves the status as it was.
* A terminal that goes away (its pane, window or SSH link closed) ends the app with
  129, as a hang-up does, even while the app is drawing (see :mod:`.terminal_driver`).
* An internal error exits with status 1 and writes its traceback to a log file,
  whose path is printed after the terminal is restored, where it stays readable.
"""

from __future__ import annotations

import asyncio
import functools
import os
import signal
import tempfile
import time
import traceback
from pathlib import Path

from textual.driver import Driver

from superpos_model import Params

from . import streams
from .app import SuperposApp
from .files import write_atomic

#: Signals that end the app, and the exit status each gives (128 + its number).
EXIT_SIGNALS = {signal.SIGTERM: 143, signal.SIGHUP: 129, signal.SIGINT: 130}


class TerminalApp(SuperposApp):
    """:class:`SuperposApp` run as the ``superpos-tui`` process."""

    def __init__(self, params: Params, budget: int) -> None:
        super().__init__(params, budget=budget)
        self.crash: str | None = None
        self._ending = False

    def exit(self, result: object = None, return_code: int = 0, message: object = None) -> None:
        # The first request to end stands: a signal that arrives while the app closes
        # (the tail of a burst, ctrl+q then ctrl+c) does not change how it ended.
        if not self._ending:
            self._ending = True
            super().exit(result, return_code, message)  # type: ignore[arg-type]

    def get_driver_class(self) -> type[Driver]:
        from .terminal_driver import TerminalDriver  # POSIX only, as is this process

        return TerminalDriver

    def on_mount(self) -> None:
        # Runs besides SuperposApp.on_mount (Textual calls every class's handler).
        loop = asyncio.get_running_loop()
        for number, status in EXIT_SIGNALS.items():
            loop.add_signal_handler(number, functools.partial(self.exit, return_code=status))

    def _handle_exception(self, error: Exception) -> None:
        self.crash = "".join(traceback.format_exception(error))
        super()._handle_exception(error)


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
    # The terminal is the shell's again, where a ctrl+c is a SIGINT: the last keys of
    # the user's burst must not cut short what is left (worker threads ending, logs).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    status = app.return_code or 0
    if app.crash is not None:
        log = write_crash_log(app.crash)
        where = f"the traceback is in {log}" if log else "no log file could be written"
        streams.say(f"error: the app stopped on an internal error; {where}")
        return 1  # even if a signal (a ctrl+c during the shutdown) asked for another status
    return status
