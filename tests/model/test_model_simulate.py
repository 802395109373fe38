"""The Monte Carlo engine: literal per-sample losses, agreement within SE, calibrated SE."""

from itertools import combinations

import numpy as np
import pytest

from superpos_model import (
    Cancelled,
    Monitor,
    exact_quadratic,
    make_embedding,
    make_params,
    run_simulation,
)
from superpos_model.fresh import draw_fresh
from superpos_model.sampling import draw_active_sets
from superpos_model.simulate import draw_shared_active_sets, sample_coefficients
from tests.helpers.brute import literal_losses

SCHEMES = ("random", "single", "multi")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("T,D,z", [(60, 7, 4), (3000, 50, 9), (40, 40, 40)])
def test_per_sample_loss_is_the_literal_squared_error(scheme, T, D, z):
    params = make_params(T=T, D=D, z=z, samples=300, seed=5)
    embedding = make_embedding(scheme, T, D, params.seed)
    active = draw_shared_active_sets(params)
    result = embedding.accumulate(active)
    alpha, beta = sample_coefficients(result.readouts, result.gram)
    for a in (0.0, 0.2, 1.0):
        expected = literal_losses(embedding.matrix(), active, a)
        np.testing.assert_allclose(
            alpha * a * a - 2 * beta * a + z, expected, rtol=1e-10, atol=1e-9
        )


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(
    "T,D,z,samples",
    [(1000, 100, 5, 4000), (200, 20, 10, 4000), (30, 50, 3, 2000), (500, 37, 60, 3000)],
)
def test_simulation_within_four_se_of_exact(scheme, T, D, z, samples):
    params = make_params(T=T, D=D, z=z, samples=samples, seed=1)
    sim = run_simulation(params, scheme)
    exact = exact_quadratic(scheme, params)
    for a in (0.05, exact.argmin, 0.5, 1.0):
        assert abs(sim.curve(a) - exact(a)) <= 4 * sim.se(a)
    assert abs(sim.mse_opt - exact.minimum) <= 4 * sim.mse_opt_se + 1e-12
    if sim.a_opt_se > 0:
        assert abs(sim.a_opt - exact.argmin) <= 4 * sim.a_opt_se


def test_standard_errors_are_calibrated():
    """Over independent seeds, (simulated − exact)/SE should have spread ≈ 1 for each scheme."""
    for scheme in SCHEMES:
        scores = []
        for seed in range(40):
            params = make_params(T=120, D=12, z=4, samples=400, seed=seed)
            sim = run_simulation(params, scheme)
            a = 0.3
            scores.append((sim.curve(a) - exact_quadratic(scheme, params)(a)) / sim.se(a))
        spread = float(np.std(scores, ddof=1))
        # 40 draws: the sample spread of a unit-variance score lies in [0.6, 1.45] w.p. > 0.999.
        assert 0.6 <= spread <= 1.45, (scheme, spread)
        assert abs(np.mean(scores)) <= 4 * spread / np.sqrt(len(scores))


def test_random_scheme_draws_a_fresh_embedding_per_sample_and_uses_the_plain_se():
    params = make_params(T=300, D=4, z=2, samples=2000, seed=2)
    sim = run_simulation(params, "random")
    assert sim.embeddings == params.samples
    assert sim.cov_between is None
    draws = draw_fresh(params)
    losses = draws.alpha * 0.09 - 2 * draws.beta * 0.3 + params.z
    assert sim.curve(0.3) == pytest.approx(losses.mean(), rel=1e-12)
    assert sim.se(0.3) == pytest.approx(losses.std(ddof=1) / np.sqrt(len(losses)), rel=1e-9)
    assert run_simulation(params, "single").embeddings == 1


@pytest.mark.parametrize("T, z", [(40, 3), (300, 3), (5, 5)])
def test_fresh_draws_keep_the_readouts_their_sums_are_made_of(T, z):
    n = 500
    draws = draw_fresh(make_params(T=T, D=4, z=z, samples=n, seed=3))
    k = min(64, T - z)  # the first k drawn inactive columns
    on, off = draws.active_readouts, draws.inactive_readouts
    assert on.shape == (n, z) and off.shape == (n, k)
    assert np.allclose(draws.active_spread, ((on - 1) ** 2).mean(axis=1))
    assert np.allclose(draws.alpha - (on**2).sum(axis=1), (T - z) * draws.inactive_energy)
    if 0 < k == T - z:  # every inactive column kept: their squares are the energy
        assert np.allclose((off**2).mean(axis=1), draws.inactive_energy)
    if k:
        assert (off < 0).any() and (off > 0).any()  # the sign is kept


def test_simulation_is_reproducible_and_seed_dependent():
    params = make_params(samples=500, seed=7)
    assert run_simulation(params, "random") == run_simulation(params, "random")
    other = run_simulation(params.replace(seed=8), "random")
    assert run_simulation(params, "random").mean != other.mean


def test_all_schemes_share_the_active_sets():
    params = make_params(T=50, D=5, z=3, samples=64, seed=4)
    active = draw_shared_active_sets(params)
    assert run_simulation(params, "multi") == run_simulation(params, "multi", active)


@pytest.mark.parametrize("T,z", [(6, 3), (10, 1), (10, 9), (1000, 5)])
def test_active_sets_are_distinct_and_uniform(T, z):
    rng = np.random.default_rng(0)
    sets = draw_active_sets(rng, T, z, 6000)
    assert sets.shape == (6000, z)
    assert ((sets >= 0) & (sets < T)).all()
    assert all(len(set(row)) == z for row in sets.tolist())
    counts = np.bincount(sets.ravel(), minlength=T)
    expected = 6000 * z / T
    chi2 = float(((counts - expected) ** 2 / expected).sum())
    assert chi2 < T - 1 + 6 * np.sqrt(2 * (T - 1))


def test_every_subset_equally_likely_for_dense_draws():
    rng = np.random.default_rng(1)
    T, z, n = 6, 3, 20000  # z² > T: Floyd's algorithm
    sets = np.sort(draw_active_sets(rng, T, z, n), axis=1)
    index = {c: i for i, c in enumerate(combinations(range(T), z))}
    counts = np.bincount([index[tuple(r)] for r in sets.tolist()], minlength=len(index))
    expected = n / len(index)
    chi2 = float(((counts - expected) ** 2 / expected).sum())
    assert chi2 < 19 + 6 * np.sqrt(38)


def test_cancel_and_progress():
    params = make_params(T=5000, D=64, z=5, samples=200)
    seen = []
    run_simulation(params, "random", monitor=Monitor(progress=seen.append))
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0)
    with pytest.raises(Cancelled):
        run_simulation(params, "random", monitor=Monitor(cancelled=lambda: True))
