"""The command line ends on SIGTERM and SIGHUP the way it ends on a ctrl+c.

Python's default for SIGTERM and SIGHUP ends the process on the spot, without
unwinding: a sweep's worker processes, the fork server and the resource tracker
outlived it, holding the output pipe open (``superpos-tui sweep … | cat`` then hung
until they were killed by hand).  Raised as an exception in the main thread, the
signal takes the path a ctrl+c takes: the pool's workers are ended, the interpreter's
exit stops the fork server, and the process exits with 128 + the signal's number, as
a shell reports a process that the signal ended.  The app (no subcommand) installs
its own handlers for the same signals (``tui.app_process``).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: The signals that end the command line after its clean-up, and their exit statuses.
ENDING_SIGNALS = {signal.SIGTERM: 143, signal.SIGHUP: 129}
#: ctrl+c's exit status.
INTERRUPTED = 130
#: Seconds the clean-up may take before the process ends regardless: a handler runs
#: only between Python steps, and one long NumPy call would otherwise hold the end back.
GRACE_SECONDS = 10.0


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived: unwind as for ctrl+c, then exit with ``status``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.status = ENDING_SIGNALS[signal.Signals(signum)]


def status_and_message(stop: KeyboardInterrupt) -> tuple[int, str]:
    """The exit status and the ``error:`` line for a ctrl+c or an ending signal."""
    if isinstance(stop, Terminated):
        return stop.status, f"error: stopped by {stop.args[0]}"
    return INTERRUPTED, "error: interrupted"


def _raise_once(signum: int, frame: object) -> None:
    # The first request to end stands: a second signal must not interrupt the clean-up.
    for number in ENDING_SIGNALS:
        signal.signal(number, signal.SIG_IGN)
    status = ENDING_SIGNALS[signal.Signals(signum)]
    deadline = threading.Timer(GRACE_SECONDS, os._exit, args=(status,))
    deadline.daemon = True
    deadline.start()
    raise Terminated(signum)


@contextmanager
def ending_signals_unwind() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Terminated` in the main thread."""
    previous = {number: signal.signal(number, _raise_once) for number in ENDING_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
