"""The one pooled within/between-embedding standard error, as every measurement uses it."""

import math

import numpy as np
import pytest

from superpos_model import make_embedding, make_params, run_simulation
from superpos_model.estimate import pooled_estimate
from superpos_model.simulate import draw_shared_active_sets, sample_coefficients


def literal(groups):
    """Mean and the larger of the within- and between-group SEs, written out."""
    values = np.concatenate(groups)
    n, k = values.size, len(groups)
    within = sum(((g - g.mean()) ** 2).sum() for g in groups) / (max(n - k, 1) * n)
    between = np.var([g.mean() for g in groups], ddof=1) / k if k > 1 else 0.0
    return values.mean(), math.sqrt(max(within, between))


@pytest.mark.parametrize("sizes", [(50,), (20, 21, 20), (5, 5, 5, 5, 5, 5, 5, 5)])
def test_pooled_estimate_is_the_larger_of_within_and_between(sizes):
    rng = np.random.default_rng(3)
    # Groups with their own offsets, so the between term can win.
    groups = [rng.normal(rng.normal(0, 0.5), 1.0, size) for size in sizes]
    estimate = pooled_estimate(groups, "x")
    mean, se = literal(groups)
    assert estimate.value == pytest.approx(mean, rel=1e-12)
    assert estimate.se == pytest.approx(se, rel=1e-12)
    assert (estimate.samples, estimate.groups) == (sum(sizes), len(sizes))


def test_one_value_per_group_gives_the_spread_of_the_values():
    values = [0.3, 0.5, 0.45, 0.2]
    estimate = pooled_estimate([np.array([v]) for v in values])
    assert estimate.se == pytest.approx(np.std(values, ddof=1) / 2, rel=1e-12)


def test_one_draw_has_no_standard_error():
    assert math.isnan(pooled_estimate([np.array([1.0])]).se)


@pytest.mark.parametrize("scheme", ["single", "multi"])
def test_the_loss_curve_se_is_the_pooled_se_of_the_per_sample_losses(scheme):
    params = make_params(T=120, D=8, z=3, samples=400, seed=6)
    active = draw_shared_active_sets(params)
    a = 0.4
    result = make_embedding(scheme, params.T, params.D).accumulate(active)
    alpha, beta = sample_coefficients(result.readouts, result.gram)
    groups = [alpha * a * a - 2 * beta * a + params.z]
    sim = run_simulation(params, scheme, active)
    expected = pooled_estimate(groups)
    assert sim.curve(a) == pytest.approx(expected.value, rel=1e-12)
    assert sim.se(a) == pytest.approx(expected.se, rel=1e-9)


@pytest.mark.parametrize("scheme", ["single", "multi"])
def test_a_minimiser_fixed_by_the_embedding_has_no_standard_error(scheme):
    # Single: α = β in every sample; multi with equal groups: α = (T/D)·β. Either way
    # every sample's loss curve has its minimum at the same a, so the SE is exactly 0
    # (before, rounding left 1e-11 here), while the random scheme's is a real spread.
    params = make_params(T=300, D=30, z=4, samples=500, seed=1)
    assert run_simulation(params, scheme).a_opt_se == 0.0
    assert run_simulation(params, "random").a_opt_se > 1e-4
