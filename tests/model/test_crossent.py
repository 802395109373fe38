"""Cross-entropy of the linear logits: exact values against brute force, the reference
numbers, the limits where no minimum exists, the Gaussian approximation, simulation."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy import integrate

from superpos_model import make_params
from superpos_model.crossent import (
    A_TO_INFINITY,
    B_TO_MINUS_INFINITY,
    cross_entropy,
    cross_entropy_optimum,
    gaussian_optimum,
    gaussian_random,
    simulate_cross_entropy,
    softplus,
)
from superpos_model.crossent.exact import exact_random, logit_terms
from superpos_model.schemes import make_embedding
from tests.helpers.brute import all_active_sets, indicator_rows

DEFAULTS = make_params()
SMALL_D = make_params(T=200, D=8, z=3)


def literal_cross_entropy(W: np.ndarray, z: int, a: float, b: float) -> float:
    """The mean over every active set of Σ_i BCE(a·(WᵀW·y)_i − b, y_i), the obvious way."""
    Y = indicator_rows(all_active_sets(W.shape[1], z), W.shape[1])
    logits = a * (Y @ W.T) @ W - b
    losses = np.where(Y == 1, softplus(-logits), softplus(logits))
    return float(losses.sum(axis=1).mean())


@pytest.mark.parametrize("scheme", ["single", "multi"])
@pytest.mark.parametrize(("D", "z"), [(2, 1), (2, 3), (4, 2), (3, 6), (8, 2)])
@pytest.mark.parametrize(("a", "b"), [(0.0, 0.3), (1.3, 0.4), (2.5, -0.7)])
def test_fixed_schemes_match_every_active_set_of_a_six_feature_model(scheme, D, z, a, b):
    params = make_params(T=6, D=D, z=z)
    W = make_embedding(scheme, 6, D, 0, 0).matrix()
    assert cross_entropy(scheme, params, a, b) == pytest.approx(
        literal_cross_entropy(W, z, a, b), rel=1e-12
    )


@pytest.mark.parametrize("z", [1, 2, 3, 5])
def test_random_at_one_neuron_matches_every_sign_pattern_and_active_set(z):
    # At D = 1 a random unit column is ±1: averaging over the 2^T sign patterns and every
    # active set is the whole expectation.
    T, a, b = 6, 0.8, 0.3
    patterns = [np.array([signs]) for signs in itertools.product([-1.0, 1.0], repeat=T)]
    brute = np.mean([literal_cross_entropy(W, z, a, b) for W in patterns])
    assert cross_entropy("random", make_params(T=T, D=1, z=z), a, b) == pytest.approx(
        brute, rel=1e-12
    )


@pytest.mark.parametrize(("D", "z"), [(100, 5), (8, 3), (3, 2), (2, 2), (2, 1), (30, 30)])
def test_random_is_accurate_to_a_millionth_against_a_finer_lattice(D, z):
    params = make_params(T=1000, D=D, z=z)
    a, b = np.array([0.5, 3.0, 21.8]), np.array([0.2, 2.0, 16.7])
    fine = exact_random(params, a, b, points_per_sd=800)
    assert np.asarray(exact_random(params, a, b)) == pytest.approx(fine, rel=1e-6)


@pytest.mark.parametrize(
    ("params", "scheme", "loss", "a", "b"),
    [
        (DEFAULTS, "random", 2.6558, 21.80, 16.67),
        (DEFAULTS, "multi", 18.2374, 4.790, 7.318),
        (SMALL_D, "random", 11.571, None, None),
        (SMALL_D, "multi", 13.093, None, None),
    ],
)
def test_the_reference_optima(params, scheme, loss, a, b):
    optimum = cross_entropy_optimum(scheme, params)
    digits = len(str(loss).split(".")[1])
    assert optimum.limit is None
    assert optimum.loss == pytest.approx(loss, abs=0.5 * 10.0**-digits)
    if a is not None:
        assert (optimum.a, optimum.b) == pytest.approx((a, b), abs=0.01)
    # A minimum: no nearby point is lower.
    for da, db in itertools.product([-1e-3, 0.0, 1e-3], repeat=2):
        nearby = cross_entropy(scheme, params, optimum.a + da, optimum.b + db)
        assert nearby >= optimum.loss - 1e-12 * optimum.loss


def test_single_has_no_minimum_and_its_limit_is_the_reference():
    T, D, z = DEFAULTS.T, DEFAULTS.D, DEFAULTS.z
    optimum = cross_entropy_optimum("single", DEFAULTS)
    assert optimum.a is None and optimum.limit == A_TO_INFINITY
    assert optimum.loss == pytest.approx(28.8042, abs=5e-5)
    assert optimum.b == pytest.approx(math.log((T - z) * T / (z * (T - D))), rel=1e-12)
    # The loss keeps falling towards the limit as a grows, with b at the limit's b.
    along = [cross_entropy("single", DEFAULTS, a, optimum.b) for a in (1, 4, 16, 64)]
    assert all(x > y for x, y in itertools.pairwise(along))
    assert along[-1] == pytest.approx(optimum.loss, rel=1e-12)
    assert optimum.loss_at_sim - optimum.loss <= 1e-4 * optimum.loss


@pytest.mark.parametrize(
    ("scheme", "shape"),
    [
        ("random", dict(T=1000, D=100, z=1)),  # the active feature reads exactly 1
        ("random", dict(T=30, D=1, z=1)),  # ±1 readouts: the 1s tie with the active one
        ("multi", dict(T=1000, D=100, z=1)),
        ("multi", dict(T=3, D=2, z=2)),  # no inactive feature reads 2
        ("multi", dict(T=50, D=80, z=5)),  # one feature per neuron
    ],
)
def test_separable_readouts_have_a_limit_that_the_loss_approaches(scheme, shape):
    params = make_params(**shape)
    optimum = cross_entropy_optimum(scheme, params)
    assert optimum.a is None and optimum.limit == A_TO_INFINITY
    # Nothing beats the limit, and the finite point the simulation uses comes close to it.
    general = cross_entropy(scheme, params, *np.meshgrid([0.5, 2, 8, 32], [-1, 0, 1, 4, 16]))
    assert np.min(general) >= optimum.loss - 1e-9
    assert 0 <= optimum.loss_at_sim - optimum.loss <= 1e-4 * max(optimum.loss, 1)


def test_multi_at_one_neuron_reaches_its_limit_at_any_scale():
    # Every feature reads the count of the one neuron (always 1 at z = 1): a does not matter.
    optimum = cross_entropy_optimum("multi", make_params(T=30, D=1, z=1))
    assert optimum.limit is None and optimum.a is not None
    assert optimum.loss == pytest.approx(math.log(30) + 29 * math.log(30 / 29), rel=1e-9)


@pytest.mark.parametrize("scheme", ["random", "single", "multi"])
def test_every_feature_active_falls_to_zero_as_b_falls(scheme):
    optimum = cross_entropy_optimum(scheme, make_params(T=20, D=5, z=20))
    assert optimum.limit == B_TO_MINUS_INFINITY and optimum.loss == 0.0
    assert optimum.loss_at_sim <= 1e-4


def normal_expectation(f, mu: float, s: float) -> float:
    density = lambda x: f(mu + s * x) * math.exp(-x * x / 2) / math.sqrt(2 * math.pi)  # noqa: E731
    return integrate.quad(density, -40, 40, points=[-mu / s], limit=2000, epsabs=1e-13)[0]


@pytest.mark.parametrize(("a", "b"), [(21.8, 16.67), (1.0, 1.0), (100.0, 50.0), (0.3, -2.0)])
def test_gaussian_approximation_against_quadrature(a, b):
    T, D, z = DEFAULTS.T, DEFAULTS.D, DEFAULTS.z
    sp = lambda x: float(softplus(x))  # noqa: E731
    expected = z * normal_expectation(lambda x: sp(-x), a - b, a * math.sqrt((z - 1) / D))
    expected += (T - z) * normal_expectation(sp, -b, a * math.sqrt(z / D))
    assert gaussian_random(DEFAULTS, a, b) == pytest.approx(expected, rel=1e-9)


def test_gaussian_approximation_misses_at_small_d():
    exact = cross_entropy_optimum("random", SMALL_D).loss
    assert gaussian_optimum(SMALL_D).loss > exact + 0.1


@pytest.mark.parametrize("params", [DEFAULTS.replace(samples=4000), SMALL_D.replace(samples=4000)])
@pytest.mark.parametrize("scheme", ["random", "single", "multi"])
def test_simulation_agrees_with_the_exact_value_at_the_optimum(params, scheme):
    optimum = cross_entropy_optimum(scheme, params)
    sim = simulate_cross_entropy(params, scheme, optimum.sim_a, optimum.sim_b)
    assert abs(sim.loss[0] - optimum.loss_at_sim) <= 3 * sim.se[0], (sim.loss, sim.se)


SE_SETTINGS = [
    ("random", dict(T=60, D=10, z=3), 4.0, 3.0),
    ("multi", dict(T=200, D=8, z=3), 1.75, 5.5),
]


@pytest.mark.parametrize(("scheme", "shape", "a", "b"), SE_SETTINGS)
def test_the_standard_error_is_calibrated_over_200_seeds(scheme, shape, a, b):
    seeds = 200
    exact = cross_entropy(scheme, make_params(**shape), a, b)
    beyond = 0
    for seed in range(seeds):
        sim = simulate_cross_entropy(make_params(**shape, samples=300, seed=seed), scheme, a, b)
        beyond += abs(sim.loss[0] - exact) > 3 * sim.se[0]
    # A calibrated SE puts ~0.3 % beyond 3 SE; the ceiling is 1.5 % (3 of 200).
    assert beyond <= 0.015 * seeds, beyond


@pytest.mark.parametrize("scheme", ["random", "single", "multi"])
def test_the_gradient_the_optimiser_follows_is_the_losss(scheme):
    """Each scheme's softplus terms give its exact loss and, by central differences, its
    gradient (the optimiser trusts it: a wrong one stops it at a point that is no optimum)."""
    params = make_params(T=200, D=8, z=3)
    terms = logit_terms(scheme, params)
    h = 1e-5
    for a, b in ((0.5, -1.0), (2.9, 5.7), (8.0, 3.0)):
        value, gradient = terms.loss_and_gradient(a, b)
        assert value == pytest.approx(float(cross_entropy(scheme, params, a, b)), rel=1e-12)
        by_a = (terms.loss_and_gradient(a + h, b)[0] - terms.loss_and_gradient(a - h, b)[0]) / (
            2 * h
        )
        by_b = (terms.loss_and_gradient(a, b + h)[0] - terms.loss_and_gradient(a, b - h)[0]) / (
            2 * h
        )
        assert gradient == pytest.approx([by_a, by_b], rel=1e-6, abs=1e-8)
