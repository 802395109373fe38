"""Exact ReLU-readout losses: brute force over every active set, quadrature, refinement."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy import integrate, special

from superpos_model import make_embedding, make_params
from superpos_model.relu import (
    RANDOM_RELATIVE_ACCURACY,
    exact_multi,
    exact_random,
    exact_single,
    gaussian_random,
    overlap_sum,
)

POINTS = [(0.0, 0.0), (0.0, -0.3), (0.7, 0.2), (1.0, 0.0), (1.3, 0.4), (2.0, 1.5), (0.5, -0.4)]


def brute_force(W: np.ndarray, z: int, a: float, b: float) -> float:
    """Mean of Σ_i (ReLU(a·WᵀW·y − b)_i − y_i)² over every z-subset of the T features."""
    T = W.shape[1]
    gram = W.T @ W
    total, count = 0.0, 0
    for subset in itertools.combinations(range(T), z):
        y = np.zeros(T)
        y[list(subset)] = 1.0
        total += float(np.sum((np.maximum(a * gram @ y - b, 0.0) - y) ** 2))
        count += 1
    return total / count


@pytest.mark.parametrize("D", [1, 2, 3, 4, 6, 8])
@pytest.mark.parametrize("z", [1, 2, 3, 6])
@pytest.mark.parametrize("scheme", ["single", "multi"])
def test_axis_schemes_match_every_active_set(scheme, D, z):
    T = 6
    params = make_params(T=T, D=D, z=z)
    W = make_embedding(scheme, T, D).matrix()
    formula = exact_single if scheme == "single" else exact_multi
    for a, b in POINTS:
        assert formula(params, a, b) == pytest.approx(brute_force(W, z, a, b), rel=1e-12, abs=1e-12)


def overlap_density(t: float, D: int) -> float:
    return (1 - t * t) ** ((D - 3) / 2) / special.beta(0.5, (D - 1) / 2)


def quad_random(T: int, D: int, z: int, a: float, b: float) -> float:
    """The random scheme's loss for z ≤ 2 by SciPy quadrature (t = cos θ removes D = 2's poles)."""

    def weight(theta: float) -> float:  # density of θ on [0, π]
        return math.sin(theta) ** (D - 2) / special.beta(0.5, (D - 1) / 2)

    def on(x: float) -> float:
        return (1 - max(a * (1 + x) - b, 0.0)) ** 2

    def off(x: float) -> float:
        return max(a * x - b, 0.0) ** 2

    def expect(f, k: int) -> float:
        opts = {"limit": 400, "epsabs": 1e-13, "epsrel": 1e-12}
        if k == 0:
            return f(0.0)
        if k == 1:
            return integrate.quad(lambda th: f(math.cos(th)) * weight(th), 0, math.pi, **opts)[0]
        return integrate.quad(
            lambda t1: (
                weight(t1)
                * integrate.quad(
                    lambda t2: f(math.cos(t1) + math.cos(t2)) * weight(t2), 0, math.pi, **opts
                )[0]
            ),
            0,
            math.pi,
            **opts,
        )[0]

    return z * expect(on, z - 1) + (T - z) * expect(off, z)


@pytest.mark.parametrize("D", [2, 3, 5, 40])
@pytest.mark.parametrize("z", [1, 2])
def test_random_matches_quadrature(D, z):
    T = 30
    params = make_params(T=T, D=D, z=z)
    for a, b in [(1.0, 0.0), (1.4, 0.5), (0.8, -0.2)]:
        expected = quad_random(T, D, z, a, b)
        assert exact_random(params, a, b) == pytest.approx(expected, rel=RANDOM_RELATIVE_ACCURACY)


def test_random_d1_is_a_binomial_sum():
    # D = 1: every overlap is ±1, so S_k = 2·Binomial(k, ½) − k exactly.
    T, z, a, b = 12, 3, 0.8, 0.3
    params = make_params(T=T, D=1, z=z)

    def expect(f, k):
        return sum(math.comb(k, j) / 2**k * f(2 * j - k) for j in range(k + 1))

    expected = z * expect(lambda s: (1 - max(a * (1 + s) - b, 0)) ** 2, z - 1) + (T - z) * expect(
        lambda s: max(a * s - b, 0) ** 2, z
    )
    assert exact_random(params, a, b) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    "T, D, z",
    [
        (1000, 100, 5),
        (200, 8, 3),
        (50, 2, 4),
        (50, 3, 1),
        (20, 40, 3),
        (10_000, 1000, 20),
        (10**6, 10**5, 5),
        (10**5, 10, 30),
    ],
)
def test_random_accuracy_by_refining_the_lattice(T, D, z):
    params = make_params(T=T, D=D, z=z)
    a = np.array([0.5, 1.2, 1.73, 2.5])
    b = np.array([0.0, 0.6, 0.936, 2.0])
    refined = exact_random(params, a, b, points_per_sd=800)
    assert np.allclose(exact_random(params, a, b), refined, rtol=RANDOM_RELATIVE_ACCURACY, atol=0)


@pytest.mark.parametrize("D, k", [(1, 3), (2, 1), (3, 2), (8, 3), (100, 5)])
def test_lattice_of_s_k_matches_direct_simulation(D, k):
    rng = np.random.default_rng(7)
    n = 200_000
    # ⟨e₁, w⟩ for w = x/‖x‖, x standard normal: x₁ / √(x₁² + χ²_{D−1}).
    first = rng.standard_normal((n, k))
    rest = rng.chisquare(D - 1, (n, k)) if D > 1 else 0.0
    overlaps = first / np.sqrt(first**2 + rest)
    sums = overlaps.sum(axis=1)
    lattice = overlap_sum(D, k)
    for a, b in [(1.0, 0.0), (1.0, 0.5 * math.sqrt(k / D)), (2.0, -0.5)]:
        mean, second = lattice.relu_moments(np.array(a), np.array(b))
        values = np.maximum(a * sums - b, 0.0)
        for moment, sample in [(mean, values), (second, values**2)]:
            se = sample.std() / math.sqrt(n)
            assert abs(float(moment) - sample.mean()) < 4 * se + 1e-4 * abs(sample.mean())
    assert float(lattice.p @ lattice.points**2) == pytest.approx(k / D, rel=1e-4)


def test_random_monte_carlo_over_embeddings():
    # A fresh literal W and active set per sample: the exact value is their average.
    T, D, z, a, b = 12, 3, 3, 1.3, 0.45
    rng = np.random.default_rng(11)
    losses = []
    for _ in range(20_000):
        W = rng.standard_normal((D, T))
        W /= np.linalg.norm(W, axis=0)
        y = np.zeros(T)
        y[rng.choice(T, z, replace=False)] = 1
        losses.append(np.sum((np.maximum(a * W.T @ (W @ y) - b, 0) - y) ** 2))
    losses = np.array(losses)
    se = losses.std() / math.sqrt(len(losses))
    exact = exact_random(make_params(T=T, D=D, z=z), a, b)
    assert abs(losses.mean() - exact) < 3 * se


def test_reference_values_at_small_d():
    params = make_params(T=200, D=8, z=3)
    assert exact_random(params, 1.2, 0.6) == pytest.approx(12.641, abs=1e-3)
    assert gaussian_random(params, 1.2, 0.6) == pytest.approx(13.070, abs=1e-3)


def test_gaussian_formula_matches_numerical_integration():
    T, D, z = 500, 60, 4
    params = make_params(T=T, D=D, z=z)

    def expect(f, sd, kinks):
        density = lambda x: math.exp(-x * x / (2 * sd * sd)) / (sd * math.sqrt(2 * math.pi))  # noqa: E731
        return integrate.quad(
            lambda x: f(x) * density(x), -12 * sd, 12 * sd, points=kinks, limit=200, epsabs=1e-13
        )[0]

    for a, b in [(1.5, 0.7), (0.9, -0.1), (0.0, 0.2)]:
        kinks = [b / a - 1, b / a] if a else [0.0]
        on = expect(
            lambda x, a=a, b=b: (1 - max(a * (1 + x) - b, 0)) ** 2, math.sqrt((z - 1) / D), kinks
        )
        off = expect(lambda x, a=a, b=b: max(a * x - b, 0) ** 2, math.sqrt(z / D), kinks)
        assert gaussian_random(params, a, b) == pytest.approx(z * on + (T - z) * off, rel=1e-8)


def test_gaussian_approaches_exact_at_large_d():
    params = make_params(T=1000, D=20_000, z=5)
    # b/a at 2.5 noise SDs: the inactive tail matters and S_z is nearly normal.
    exact, approx = exact_random(params, 1.0, 0.04), gaussian_random(params, 1.0, 0.04)
    assert approx == pytest.approx(exact, rel=1e-3)
    assert approx != pytest.approx(exact, rel=1e-6)  # but it is an approximation


def test_scalar_in_scalar_out_and_broadcasting():
    params = make_params()
    assert isinstance(exact_random(params, 1.0, 0.5), float)
    a, b = np.linspace(0, 3, 13), np.linspace(-0.5, 2.5, 13)
    scalar = [exact_random(params, x, y) for x, y in zip(a, b, strict=True)]
    assert np.allclose(exact_random(params, a, b), scalar, rtol=1e-13, atol=0)
    grid = exact_multi(params, np.ones((3, 1)), np.zeros((1, 4)))
    assert grid.shape == (3, 4)
