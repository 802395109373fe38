"""Training W for the linear readout: the exact objective, its gradient, the rank-D bound."""

import itertools

import numpy as np
import pytest

from superpos_model import Monitor, exact_quadratic, make_embedding, make_params
from superpos_model.optimize import (
    linear_loss,
    linear_objective,
    random_start,
    rank_bound,
    train_linear,
)


def brute_loss(W, a, T, z):
    """E‖a·WᵀW·y − y‖² averaged over every z-subset of T features."""
    G = W.T @ W
    losses = []
    for active in itertools.combinations(range(T), z):
        y = np.zeros(T)
        y[list(active)] = 1.0
        losses.append(float(np.sum((a * G @ y - y) ** 2)))
    return float(np.mean(losses))


@pytest.mark.parametrize("z", [1, 2, 3, 6])
def test_exact_objective_equals_enumeration_of_all_active_sets(z):
    T, D = 6, 3
    params = make_params(T=T, D=D, z=z)
    W = np.random.default_rng(z).standard_normal((D, T))
    for a in (0.0, 0.3, 1.7):
        assert linear_loss(W, a, params) == pytest.approx(brute_loss(W, a, T, z), rel=1e-12)
    o = linear_objective(W, params)
    best = min(brute_loss(W, a, T, z) for a in np.linspace(o.a - 1e-3, o.a + 1e-3, 201))
    assert o.loss == pytest.approx(brute_loss(W, o.a, T, z), rel=1e-12)
    assert o.loss <= best + 1e-12


@pytest.mark.parametrize(("T", "D", "z", "seed"), [(7, 3, 2, 0), (9, 4, 3, 1), (5, 2, 1, 2)])
def test_analytic_gradient_matches_finite_differences(T, D, z, seed):
    params = make_params(T=T, D=D, z=z)
    W = np.random.default_rng(seed).standard_normal((D, T))
    grad = linear_objective(W, params).grad
    h = 1e-6
    numeric = np.zeros_like(W)
    for index in np.ndindex(W.shape):
        step = np.zeros_like(W)
        step[index] = h
        up = linear_objective(W + step, params).loss
        down = linear_objective(W - step, params).loss
        numeric[index] = (up - down) / (2 * h)
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(
    ("T", "D", "z", "seed"),
    [(12, 4, 2, 0), (12, 5, 2, 1), (12, 3, 4, 2), (30, 7, 3, 3), (40, 8, 5, 4), (9, 8, 2, 5)],
)
def test_training_from_a_random_start_reaches_the_rank_bound(T, D, z, seed):
    params = make_params(T=T, D=D, z=z, seed=seed)
    result = train_linear(params, steps=2000)
    bound = rank_bound(params)
    assert not result.cancelled
    assert result.start_loss > bound + 1e-3  # the start is not already optimal
    assert result.loss == pytest.approx(bound, rel=1e-7)
    assert result.loss >= bound - 1e-12  # nothing of rank D beats it
    assert linear_loss(result.W, result.a, params) == pytest.approx(result.loss, abs=1e-12)
    assert result.history[0] == (0, result.start_loss)


def test_rank_bound_is_multi_when_D_divides_T_and_below_it_otherwise():
    divides = make_params(T=12, D=4, z=3)
    assert exact_quadratic("multi", divides).minimum == pytest.approx(rank_bound(divides))
    uneven = make_params(T=12, D=5, z=3)
    assert exact_quadratic("multi", uneven).minimum > rank_bound(uneven) + 1e-6
    assert rank_bound(make_params(T=5, D=5, z=2)) == 0.0


def test_start_is_the_random_scheme_and_its_exact_loss():
    params = make_params(T=50, D=6, z=2, seed=3)
    W = random_start(params)
    np.testing.assert_array_equal(W, make_embedding("random", 50, 6, 3).matrix())
    result = train_linear(params, steps=1)
    assert result.start_loss == pytest.approx(linear_objective(W, params).loss, rel=1e-13)


def test_cancelling_mid_training_returns_the_best_so_far_flagged():
    params = make_params(T=200, D=20, z=3)
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 3

    result = train_linear(params, steps=500, monitor=Monitor(cancelled=cancelled))
    full = train_linear(params, steps=500)
    assert result.cancelled and not full.cancelled
    assert len(result.history) == 5  # the start and four iterations (the 4th asks to stop)
    assert result.loss <= min(loss for _, loss in result.history) + 1e-12
    assert result.loss < result.start_loss
    assert result.loss > full.loss + 1e-6  # stopped before converging
    assert linear_loss(result.W, result.a, params) == pytest.approx(result.loss, abs=1e-12)


def test_progress_reaches_the_end():
    seen = []
    train_linear(make_params(T=30, D=5, z=2), steps=50, monitor=Monitor(progress=seen.append))
    assert seen == sorted(seen) and 0 < seen[-1] <= 1.0
