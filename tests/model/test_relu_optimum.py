"""The best ReLU readout: reference numbers, a grid search, the best-b curve."""

from __future__ import annotations

import math

import numpy as np
import pytest

from superpos_model import make_params
from superpos_model.relu import (
    best_bias_curve,
    gaussian_optimum,
    gaussian_random,
    relu_loss,
    relu_optimum,
)


def test_reference_optima_at_the_defaults():
    params = make_params()
    random = relu_optimum("random", params)
    assert random.loss == pytest.approx(1.0223, abs=1e-3)
    assert random.a == pytest.approx(1.730, abs=2e-3)
    assert random.b == pytest.approx(0.936, abs=2e-3)
    assert gaussian_optimum(params).loss == pytest.approx(1.0295, abs=1e-3)
    # b ≥ 0 (thresholds only): single's 4.5; a free b adds an intercept and lowers it.
    assert relu_optimum("single", params, b_min=0).loss == pytest.approx(4.5, abs=1e-12)
    assert relu_optimum("single", params).loss == pytest.approx(4.4797, abs=1e-4)
    assert relu_optimum("multi", params).loss == pytest.approx(4.4820, abs=1e-3)


@pytest.mark.parametrize(
    "T, D, z", [(1000, 100, 5), (200, 8, 3), (60, 3, 2), (40, 50, 3), (300, 30, 1)]
)
@pytest.mark.parametrize("scheme", ["random", "single", "multi"])
@pytest.mark.parametrize("b_min", [0.0, -math.inf])
def test_optimum_beats_a_fine_grid_search(scheme, T, D, z, b_min):
    params = make_params(T=T, D=D, z=z)
    best = relu_optimum(scheme, params, b_min)
    low = 0.0 if b_min == 0 else -2.0
    a, b = np.meshgrid(np.linspace(0, 4, 201), np.linspace(low, 4, 201 + int(-low * 50)))
    grid = np.asarray(relu_loss(scheme, params, a, b))
    assert best.a >= 0 and best.b >= b_min
    assert best.loss == pytest.approx(float(relu_loss(scheme, params, best.a, best.b)), rel=1e-12)
    assert best.loss <= grid.min() + 1e-9 * grid.min()
    if scheme == "random" and z == 1:
        # No minimum: the loss falls towards 0 as b grows with a = 1 + b.
        assert best.loss < 1e-9 and best.a == pytest.approx(1 + best.b)
    else:
        # A 0.02 grid is close to the optimum: within its second-order error.
        assert grid.min() - best.loss <= 0.01 * best.loss


def test_single_ties_along_a_ridge_and_returns_the_smallest_bias():
    params = make_params()
    best = relu_optimum("single", params, b_min=0)
    assert (best.a, best.b) == (1.0, 0.0)
    for b in (0.2, 1.0, 3.0):
        assert relu_loss("single", params, 1 + b, b) == pytest.approx(best.loss, rel=1e-14)


def test_a_negative_bias_is_an_intercept_that_only_single_uses_at_the_defaults():
    params = make_params()
    free = {s: relu_optimum(s, params) for s in ("random", "single", "multi")}
    # Closed form for single: 4.5 − (4.5)²/(T − D·z/T).
    assert free["single"].loss == pytest.approx(4.5 - 4.5**2 / (1000 - 0.5), rel=1e-9)
    assert free["single"].b < 0
    # D | T: multi's c/g is already E[y | c], so no bias beats b = 0.
    threshold = relu_optimum("multi", params, b_min=0)
    assert free["multi"].loss == pytest.approx(threshold.loss, rel=1e-9) and free["multi"].b == 0
    assert free["random"].loss == pytest.approx(
        relu_optimum("random", params, b_min=0).loss, rel=1e-7
    )


def test_gaussian_optimum_minimises_the_gaussian():
    params = make_params(T=200, D=8, z=3)
    best = gaussian_optimum(params)
    a, b = np.meshgrid(np.linspace(0, 4, 161), np.linspace(0, 4, 161))
    assert best.loss <= float(np.min(gaussian_random(params, a, b))) + 1e-9


@pytest.mark.parametrize("scheme", ["random", "single", "multi"])
def test_best_bias_curve_matches_a_dense_search_per_scale(scheme):
    params = make_params(T=500, D=40, z=4)
    scales = np.linspace(0, 3, 7)
    curve = best_bias_curve(scheme, params, scales, b_min=0)
    b = np.linspace(0, 12, 24_001)
    for a, best_b, loss in zip(scales, curve.b, curve.loss, strict=True):
        dense = np.asarray(relu_loss(scheme, params, a, b))
        assert loss == pytest.approx(float(relu_loss(scheme, params, a, best_b)), rel=1e-12)
        assert loss <= dense.min() + 1e-9 * dense.min()
        assert loss >= dense.min() - 1e-5 * dense.min()
    assert curve.b[0] == 0.0  # a = 0: every b ≥ 0 ties; the smallest is returned
    assert np.min(curve.loss) >= relu_optimum(scheme, params, b_min=0).loss - 1e-9
