"""Drawing active sets stops promptly when its run is superseded, and chunking never
changes which sets a seed draws."""

from __future__ import annotations

import time

import numpy as np
import pytest

from superpos_model import Cancelled, Monitor, make_params, run_check
from superpos_model.sampling import draw_active_sets


def _cancel_after(calls: int) -> tuple[Monitor, list[int]]:
    seen = [0]

    def cancelled() -> bool:
        seen[0] += 1
        return seen[0] > calls

    return Monitor(cancelled=cancelled), seen


@pytest.mark.parametrize(("T", "z", "n"), [(10_000_000, 4000, 30), (10_000, 10, 2_000_000)])
def test_drawing_active_sets_checks_for_cancellation(T, z, n):
    # Both paths (Floyd for dense sets, rejection for sparse ones) must ask more than once.
    monitor, seen = _cancel_after(3)
    started = time.monotonic()
    with pytest.raises(Cancelled):
        draw_active_sets(np.random.default_rng(0), T, z, n, monitor)
    assert seen[0] == 4
    assert time.monotonic() - started < 5.0


def test_run_check_cancels_while_drawing_active_sets():
    params = make_params(T=10_000_000, D=2, z=4000, samples=30)
    monitor, seen = _cancel_after(2)
    with pytest.raises(Cancelled):
        run_check(params, monitor, interference=False)
    assert seen[0] == 3


@pytest.mark.parametrize(("T", "z", "n"), [(50, 3, 500), (40, 30, 7), (1000, 31, 300)])
def test_a_monitor_does_not_change_the_draw(T, z, n):
    plain = draw_active_sets(np.random.default_rng(5), T, z, n)
    watched = draw_active_sets(np.random.default_rng(5), T, z, n, Monitor(cancelled=lambda: False))
    np.testing.assert_array_equal(plain, watched)
