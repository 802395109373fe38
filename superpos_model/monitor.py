"""Progress reporting and cooperative cancellation for long model computations.

The model never imports the UI; a caller that wants progress or the ability to
cancel hands in two plain callables, and long loops call :meth:`Monitor.step`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class Cancelled(Exception):
    """Raised inside a computation whose caller asked it to stop."""


@dataclass(frozen=True)
class Monitor:
    """Maps a computation's own progress in [0, 1] onto its caller's [start, stop]."""

    progress: Callable[[float], None] | None = None
    cancelled: Callable[[], bool] | None = None
    start: float = 0.0
    stop: float = 1.0
    #: Told, in one line, how the work was done when that differs from what the caller
    #: may expect (say in this process because worker processes could not start).
    note: Callable[[str], None] | None = None

    def step(self, done: float) -> None:
        """Report ``done`` ∈ [0, 1] of this part; raise :class:`Cancelled` if asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise Cancelled
        if self.progress is not None:
            self.progress(self.start + (self.stop - self.start) * done)

    def part(self, start: float, stop: float) -> Monitor:
        """The monitor for the sub-range [start, stop] of this one."""
        width = self.stop - self.start
        return Monitor(
            self.progress,
            self.cancelled,
            self.start + width * start,
            self.start + width * stop,
            self.note,
        )

    def tell(self, text: str) -> None:
        """Pass ``text`` to :attr:`note`, if the caller listens."""
        if self.note is not None:
            self.note(text)


SILENT = Monitor()
