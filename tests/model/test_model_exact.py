"""Closed forms against brute-force enumeration of every active set, and the notes by hand."""

import numpy as np
import pytest

from superpos_model import (
    Quadratic,
    embedding_quadratic,
    exact_quadratic,
    make_embedding,
    make_params,
    notes_formula,
    notes_random_approx,
)
from superpos_model.simulate import draw_shared_active_sets
from tests.helpers.brute import brute_force_loss

A_VALUES = (0.0, 0.3, 0.77, 1.0, 1.6)
TINY = [(6, D, z) for D in (1, 2, 3, 4, 6, 8) for z in (1, 2, 3, 5, 6)]


def pass_for(scheme, params, index=0):
    embedding = make_embedding(scheme, params.T, params.D, params.seed, index)
    active = draw_shared_active_sets(params)
    return embedding, embedding.accumulate(active)


@pytest.mark.parametrize("T,D,z", TINY)
@pytest.mark.parametrize("scheme", ["random", "single", "multi"])
def test_fixed_embedding_quadratic_equals_enumeration(scheme, T, D, z):
    params = make_params(T=T, D=D, z=z, samples=2, seed=3)
    embedding, result = pass_for(scheme, params)
    W = embedding.matrix()
    curve = embedding_quadratic(result, params)
    for a in A_VALUES:
        assert curve(a) == pytest.approx(brute_force_loss(W, z, a), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("T,D,z", TINY)
@pytest.mark.parametrize("scheme", ["single", "multi"])
def test_deterministic_schemes_closed_form_equals_enumeration(scheme, T, D, z):
    params = make_params(T=T, D=D, z=z)
    W = make_embedding(scheme, T, D).matrix()
    curve = exact_quadratic(scheme, params)
    for a in A_VALUES:
        assert curve(a) == pytest.approx(brute_force_loss(W, z, a), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("T,D,z", [(6, 2, 2), (6, 3, 4), (7, 3, 3), (6, 8, 2)])
def test_random_closed_form_is_the_average_over_embeddings(T, D, z):
    """Average the exact-over-active-sets curve of many random W; compare within 4 SE."""
    params = make_params(T=T, D=D, z=z, samples=2, seed=11)
    curves = [embedding_quadratic(pass_for("random", params, i)[1], params) for i in range(3000)]
    coefficients = np.array([(c.A, c.B) for c in curves])
    mean, se = coefficients.mean(axis=0), coefficients.std(axis=0, ddof=1) / np.sqrt(len(curves))
    exact = exact_quadratic("random", params)
    assert abs(mean[0] - exact.A) <= 4 * se[0]
    assert abs(mean[1] - exact.B) <= 4 * max(se[1], 1e-12)


def test_random_exact_is_the_notes_long_form_and_spec_optimum():
    for T, D, z in [(1000, 100, 5), (50, 7, 3), (16384, 512, 20)]:
        params = make_params(T=T, D=D, z=z)
        exact = exact_quadratic("random", params)
        written = notes_formula("random", params)
        for a in A_VALUES:
            long_form = z * ((1 - a) ** 2 + (z - 1) * a**2 / D) + (T - z) * z * a**2 / D
            assert written.curve(a) == pytest.approx(long_form, rel=1e-12)
            assert exact(a) == pytest.approx(z * ((1 - a) ** 2 + a**2 * (T - 1) / D), rel=1e-12)
        assert exact.argmin == pytest.approx(D / (D + T - 1), rel=1e-12)
        assert exact.minimum == pytest.approx(z * (T - 1) / (D + T - 1), rel=1e-12)


def test_notes_as_written_match_hand_computation():
    params = make_params(T=1000, D=100, z=5)
    single = notes_formula("single", params)
    assert single.mse_opt == pytest.approx(45.0, abs=1e-12)  # z(T−D)/D as written
    assert single.a_opt == 1.0
    assert single.curve(0.3) == pytest.approx(45.0, abs=1e-12)
    assert exact_quadratic("single", params).minimum == pytest.approx(4.5, abs=1e-12)

    random = notes_formula("random", params)
    assert random.a_opt == pytest.approx(100 / 1100, abs=1e-12)
    assert random.mse_opt == pytest.approx(5 * 1000 / 1100, abs=1e-12)
    approx = notes_random_approx(params)
    assert approx(0.2) == pytest.approx(5 * 0.64 + 5 * 1000 * 0.04 / 100, abs=1e-12)
    assert approx.argmin == pytest.approx(random.a_opt, abs=1e-12)

    multi = notes_formula("multi", params)
    assert multi.a_opt == pytest.approx(0.1, abs=1e-12)
    assert multi.mse_opt == pytest.approx(4.5, abs=1e-12)
    assert multi.curve(0.3) == pytest.approx(5 * (0.49 + 9 * 0.09), abs=1e-12)


def test_multi_coactivation_lowers_the_loss_below_the_notes():
    params = make_params(T=400, D=40, z=5)
    assert exact_quadratic("multi", params).minimum == pytest.approx(4.4549, abs=5e-5)
    assert notes_formula("multi", params).mse_opt == pytest.approx(4.5)


@pytest.mark.parametrize("T,D,z", [(400, 40, 5), (1000, 100, 5), (60, 6, 30), (12, 4, 12)])
def test_multi_with_d_dividing_t_reaches_the_best_rank_d_map(T, D, z):
    params = make_params(T=T, D=D, z=z)
    best = z * (T - D) * (T - z) / (T * (T - 1))
    assert exact_quadratic("multi", params).minimum == pytest.approx(best, rel=1e-12)


def test_single_with_more_neurons_than_features_is_perfect():
    params = make_params(T=50, D=80, z=4)
    assert exact_quadratic("single", params).minimum == pytest.approx(0.0, abs=1e-12)


def test_quadratic_minimum():
    q = Quadratic(2.0, 1.0, 3.0)
    assert q.argmin == 0.5
    assert q.minimum == pytest.approx(2.5)
    assert q(np.array([0.0, 1.0])).tolist() == [3.0, 3.0]
    assert Quadratic(0.0, 0.0, 7.0).argmin == 0.0
