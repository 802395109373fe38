"""The terminal driver of the ``superpos-tui`` process: a terminal that goes away ends the app.

Textual's ``LinuxDriver`` writes to the terminal from a thread fed by a bounded queue.
When the terminal goes away (its tmux pane, window or SSH link closed), two things
used to leave the app running for ever, invisible, with its input thread spinning:

* the hang-up also delivers a SIGCONT, on which ``LinuxDriver`` starts its application
  mode again as if coming back from ctrl+z — a second writer thread, whose first write
  to the dead terminal raised and killed it;
* the event loop's next writes then filled that dead thread's queue and blocked the
  loop for good, so the SIGHUP that announced the hang-up was never handled.

This driver resumes only after a suspension of its own, and its output stream turns the
first failed write into a request to end the app (status 129, as for SIGHUP), then
discards what follows: nobody is left to read it.
"""

from __future__ import annotations

import functools
from typing import IO, Any

from textual.drivers.linux_driver import LinuxDriver

#: The exit status when the terminal went away: 128 + SIGHUP, as a hang-up gives.
HANGUP_STATUS = 129


class TerminalOutput:
    """A terminal's output stream whose failure is reported once, not raised.

    Parameters
    ----------
    stream
        The terminal (``sys.__stderr__``, where Textual draws).
    on_lost
        Called once, from the writing thread, on the first failed write or flush.
    """

    def __init__(self, stream: IO[str], on_lost: Any) -> None:
        self._stream = stream
        self._on_lost = on_lost
        self.lost = False

    def _lose(self) -> None:
        if not self.lost:
            self.lost = True
            self._on_lost()

    def write(self, text: str) -> int:
        if not self.lost:
            try:
                return self._stream.write(text)
            except (OSError, ValueError):  # EIO from a hung-up tty; ValueError once closed
                self._lose()
        return len(text)

    def flush(self) -> None:
        if not self.lost:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._lose()

    def fileno(self) -> int:
        return self._stream.fileno()

    def isatty(self) -> bool:
        return self._stream.isatty()


class TerminalDriver(LinuxDriver):
    """``LinuxDriver`` that ends the app when its terminal is gone (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._file = TerminalOutput(self._file, self._terminal_lost)  # type: ignore[arg-type, assignment]
        self._suspended = False

    def _terminal_lost(self) -> None:
        try:
            self._loop.call_soon_threadsafe(
                functools.partial(self._app.exit, return_code=HANGUP_STATUS)
            )
        except RuntimeError:  # the loop has already closed: the app is ending anyway
            pass

    def _sigtstp_application(self, *args: Any) -> None:
        self._suspended = True
        super()._sigtstp_application(*args)

    def _sigcont_application(self, *args: Any) -> None:
        # A SIGCONT that follows no ctrl+z of ours (a hang-up, or kill -STOP / -CONT from
        # outside) finds the application mode still on: starting it again would leave a
        # second writer thread.
        if self._suspended:
            self._suspended = False
            super()._sigcont_application(*args)
