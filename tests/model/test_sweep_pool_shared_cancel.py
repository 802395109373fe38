"""Issue 28 item 1, on the model side: runs share the warm pool, and one run's cancel
(which ends the workers at once) must not break another run on the same pool; a pool
that cannot start leaves the work in-process, and the monitor is told."""

from __future__ import annotations

import threading
import time

import pytest

import superpos_model.sweep.pool as pool
from superpos_model import Cancelled, Monitor


def test_a_cancelled_run_does_not_break_the_run_that_shares_its_pool():
    pool.warm_pool(2)
    cancel = threading.Event()
    cancelled = []

    def first() -> None:
        try:
            pool.run_tasks(
                time.sleep, [(2.0,)] * 4, workers=2, monitor=Monitor(cancelled=cancel.is_set)
            )
        except Cancelled:
            cancelled.append(True)

    thread = threading.Thread(target=first)
    thread.start()
    deadline = time.monotonic() + 30
    while not cancelled and time.monotonic() < deadline:
        work = getattr(pool._pool, "_pending_work_items", {}) if pool._pool else {}
        if any(item.future.running() for item in list(work.values())):
            break
        time.sleep(0.01)
    cancel.set()  # as the app does: cancel, then start the next run at once
    outcomes = pool.run_tasks(time.sleep, [(0.3,)] * 4, workers=2)
    thread.join()
    assert cancelled == [True]
    assert [o.error for o in outcomes] == [None] * 4


def test_a_pool_that_cannot_start_runs_in_process_and_says_so(monkeypatch):
    def broken(workers):
        raise OSError("no processes here")

    monkeypatch.setattr(pool, "_executor", broken)
    notes: list[str] = []
    outcomes = pool.run_tasks(abs, [(-1,), (-2,)], workers=2, monitor=Monitor(note=notes.append))
    assert [o.value for o in outcomes] == [1, 2]
    assert len(notes) == 1 and "no processes here" in notes[0]


@pytest.fixture(autouse=True)
def _fresh_pool():
    yield
    pool.shutdown_pool()
