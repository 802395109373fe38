"""Training reports its history as it goes (the app's live plot) and stops when asked."""

from __future__ import annotations

from superpos_model import Monitor, make_params
from superpos_model.optimize import ReluSettings, train_linear, train_relu

PARAMS = make_params(T=120, D=12, z=3, samples=200)


def test_linear_observe_sees_the_history_as_it_grows():
    seen = []
    result = train_linear(PARAMS, 50, observe=seen.append)
    assert tuple(seen) == result.history[1:]  # step 0 is the start, before any iteration


def test_relu_observe_sees_the_history_as_it_grows():
    seen = []
    result = train_relu(PARAMS, ReluSettings(steps=40), observe=seen.append)
    assert tuple(seen) == result.history and len(seen) == 40


def test_a_cancel_from_the_observer_keeps_the_best_so_far():
    seen = []
    monitor = Monitor(cancelled=lambda: len(seen) >= 2)
    result = train_linear(PARAMS, 500, monitor, observe=seen.append)
    assert result.cancelled
    assert len(result.history) == 3
    assert result.loss <= min(loss for _, loss in result.history) + 1e-12
    assert result.loss < result.start_loss
