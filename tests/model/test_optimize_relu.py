"""Training W, a, b for the ReLU readout: the sampled loss, its gradient, the held-out estimate."""

import itertools
import math

import numpy as np
import pytest

from superpos_model import Monitor, make_params
from superpos_model.optimize import ReluSettings, random_start, relu_loss_mc, train_relu
from superpos_model.optimize.relu import sampled_loss_and_grad


def literal_loss(Wt, a, b, active):
    """Mean over samples of Σ_i (ReLU(a·w_iᵀW y − b) − y_i)² over all T features."""
    T = Wt.shape[0]
    total = 0.0
    for row in active:
        y = np.zeros(T)
        y[row] = 1.0
        total += float(np.sum((np.maximum(a * Wt @ (Wt.T @ y) - b, 0.0) - y) ** 2))
    return total / len(active)


def setup(T=9, D=3, z=2, n=5, m=4, seed=0):
    rng = np.random.default_rng(seed)
    Wt = rng.standard_normal((T, D)) / math.sqrt(D)
    active = np.array([rng.choice(T, z, replace=False) for _ in range(n)])
    negatives = rng.integers(0, T, size=(n, m))
    return Wt, active, negatives


def test_with_every_feature_as_a_negative_the_sampled_loss_is_the_literal_loss():
    Wt, active, _ = setup()
    T = Wt.shape[0]
    every = np.tile(np.arange(T), (len(active), 1))
    loss, *_ = sampled_loss_and_grad(Wt, 1.3, 0.2, active, every)
    assert loss == pytest.approx(literal_loss(Wt, 1.3, 0.2, active), rel=1e-12)


def test_sampled_loss_is_unbiased_over_the_negative_draws():
    Wt, active, _ = setup(T=12, D=3, n=4, seed=1)
    rng = np.random.default_rng(5)
    draws = [
        sampled_loss_and_grad(Wt, 1.1, 0.1, active, rng.integers(0, 12, size=(4, 3)))[0]
        for _ in range(4000)
    ]
    se = np.std(draws, ddof=1) / math.sqrt(len(draws))
    assert abs(np.mean(draws) - literal_loss(Wt, 1.1, 0.1, active)) < 4 * se


def test_gradients_match_finite_differences():
    Wt, active, negatives = setup(seed=2)
    a, b = 1.4, 0.15
    _, gW, ga, gb = sampled_loss_and_grad(Wt, a, b, active, negatives)
    h = 1e-6

    def f(W=Wt, a=a, b=b):
        return sampled_loss_and_grad(W, a, b, active, negatives)[0]

    numeric = np.zeros_like(Wt)
    for index in np.ndindex(Wt.shape):
        step = np.zeros_like(Wt)
        step[index] = h
        numeric[index] = (f(W=Wt + step) - f(W=Wt - step)) / (2 * h)
    np.testing.assert_allclose(gW, numeric, rtol=1e-5, atol=1e-7)
    assert ga == pytest.approx((f(a=a + h) - f(a=a - h)) / (2 * h), rel=1e-5)
    assert gb == pytest.approx((f(b=b + h) - f(b=b - h)) / (2 * h), rel=1e-5)


def test_held_out_estimate_agrees_with_enumeration_of_all_active_sets():
    T, D, z = 6, 2, 2
    params = make_params(T=T, D=D, z=z, samples=20000, seed=4)
    Wt = np.random.default_rng(3).standard_normal((T, D))
    a, b = 0.8, 0.3
    exact = literal_loss(Wt, a, b, np.array(list(itertools.combinations(range(T), z))))
    estimate = relu_loss_mc(Wt.T, a, b, params, seed=4)
    assert estimate.samples == 20000
    assert abs(estimate.mean - exact) < 4 * estimate.se


def test_training_W_beats_random_W_at_its_own_best_a_and_b():
    params = make_params(T=60, D=8, z=2, samples=4000, seed=1)
    settings = ReluSettings(steps=1500, batch=64, negatives=32)
    fixed = train_relu(params, ReluSettings(steps=1500, batch=64, negatives=32, train_W=False))
    trained = train_relu(params, settings)
    assert not trained.cancelled
    np.testing.assert_array_equal(fixed.W, random_start(params))  # W untouched when frozen…
    assert fixed.final.mean < fixed.start.mean - 3 * fixed.final.se  # …but a, b learnt
    gap = fixed.final.mean - trained.final.mean
    assert gap > 3 * math.hypot(fixed.final.se, trained.final.se)


def test_cancelling_returns_the_iterate_so_far_judged_on_fresh_sets():
    params = make_params(T=30, D=5, z=2, samples=500)
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 20

    result = train_relu(params, ReluSettings(steps=1000), Monitor(cancelled=cancelled))
    assert result.cancelled
    assert len(calls) == 21  # the held-out estimate after the stop no longer asks
    assert math.isfinite(result.final.mean) and result.final.se > 0
    again = relu_loss_mc(result.W, result.a, result.b, params, params.seed)
    assert again.mean == result.final.mean


@pytest.mark.slow
def test_at_T400_D40_z3_training_beats_the_random_W_by_far_more_than_3_se():
    params = make_params(T=400, D=40, z=3, samples=5000)
    fixed = train_relu(params, ReluSettings(train_W=False))
    trained = train_relu(params)
    gap = fixed.final.mean - trained.final.mean
    assert gap > 3 * math.hypot(fixed.final.se, trained.final.se)
