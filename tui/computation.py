"""Slow model computations off the UI thread, shared by the app and the screens.

The app computes the check report, the walkthrough and interference screens their
own results, each with :meth:`BackgroundComputation._compute_in_thread`: a thread
worker, exclusive in its group, hands the model a :class:`~superpos_model.Monitor`
whose ``cancelled`` is the worker's and whose progress reaches the UI thread only for
runs longer than :data:`PROGRESS_AFTER_SECONDS`, in steps of at least
:data:`PROGRESS_STEP`.  The owner counts its requests in ``_generation``; whatever a
run reports back is dropped unless no newer request was made since it started.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from textual.worker import Worker, get_current_worker

from superpos_model import Cancelled, Monitor

#: Progress is shown only for computations that run longer than this.
PROGRESS_AFTER_SECONDS = 0.25
#: The smallest progress step worth a message to the UI thread.
PROGRESS_STEP = 0.02

Result = TypeVar("Result")


class BackgroundComputation:
    """Mixin for an App or a Screen that computes one model result at a time."""

    #: The owner's latest request; the owner advances it for every new request (or
    #: cancellation), which makes whatever older runs report back stale.
    _generation = 0

    def _compute_in_thread(
        self,
        compute: Callable[[Monitor], Result],
        *,
        group: str,
        progressed: Callable[[float], None],
        finished: Callable[[Result], None],
        failed: Callable[[Exception], None],
    ) -> Worker[None]:
        """Run ``compute(monitor)`` in a thread worker that replaces ``group``'s last one.

        On the UI thread, and only while ``_generation`` is still the one seen here:
        ``progressed(done)``, then ``finished(result)`` or ``failed(error)``: parameters
        the model refuses (:class:`ParamError`) and unexpected errors alike are the
        owner's to report, so no model failure ever ends the app.  A cancelled run
        reports nothing more.
        """
        app = self.app
        generation = self._generation

        def run() -> None:
            worker = get_current_worker()
            started = time.monotonic()
            shown = -1.0

            def progress(done: float) -> None:
                nonlocal shown
                late = time.monotonic() - started > PROGRESS_AFTER_SECONDS
                if late and done - shown >= PROGRESS_STEP and not worker.is_cancelled:
                    shown = done
                    app.call_from_thread(self._if_latest, generation, progressed, done)

            monitor = Monitor(progress=progress, cancelled=lambda: worker.is_cancelled)
            try:
                result = compute(monitor)
            except Cancelled:
                return
            except Exception as error:  # reported on screen, whatever it is
                app.call_from_thread(self._if_latest, generation, failed, error)
                return
            if not worker.is_cancelled:
                app.call_from_thread(self._if_latest, generation, finished, result)

        return self.run_worker(
            run, name=group, group=group, exclusive=True, thread=True, exit_on_error=False
        )

    def _if_latest(self, generation: int, callback: Callable[..., None], *args: object) -> None:
        """``callback(*args)``, unless a newer request was made since ``generation``."""
        if generation == self._generation:
            callback(*args)
