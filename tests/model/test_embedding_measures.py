"""Measurements of an embedding against hand-built frames whose values are known."""

import math

import numpy as np
import pytest

from superpos_model import make_embedding, make_params
from superpos_model.optimize import measurements, train_linear
from superpos_model.optimize import measures as measures_module


def test_orthonormal_frame():
    m = measurements(np.eye(5))
    assert (m.max_overlap, m.rms_overlap, m.tight_frame_residual) == (0.0, 0.0, 0.0)
    assert (m.norm_min, m.norm_max) == (1.0, 1.0)
    assert m.ones_in_row_space == pytest.approx(1.0)
    np.testing.assert_allclose(m.dimensionality, 1.0)
    assert m.all_pairs and m.pairs == 10


def test_multi_frame_has_overlaps_of_one_and_is_tight():
    T, D = 12, 4
    m = measurements(make_embedding("multi", T, D).matrix())
    assert m.max_overlap == 1.0
    # Each neuron's 3 features give 3 pairs of overlap 1: 12 of the 66 pairs.
    assert m.rms_overlap == pytest.approx(math.sqrt(12 / 66))
    assert m.tight_frame_residual == pytest.approx(0.0, abs=1e-15)
    assert m.ones_in_row_space == pytest.approx(1.0)
    np.testing.assert_allclose(m.dimensionality, 1 / 3)
    assert m.welch_bound == pytest.approx(math.sqrt((T - D) / (D * (T - 1))))
    assert m.random_rms == 0.5


@pytest.mark.parametrize("D", [2, 3, 6])
def test_simplex_is_a_tight_frame_at_the_welch_bound_without_the_ones_vector(D):
    T = D + 1
    # The T vertices of a regular simplex: the centred basis of R^T, written in D coordinates.
    centred = np.eye(T) - 1.0 / T
    basis = np.linalg.svd(centred)[0][:, :D]
    W = basis.T @ centred
    W /= np.linalg.norm(W, axis=0)
    m = measurements(W)
    assert m.max_overlap == pytest.approx(1 / D)
    assert m.rms_overlap == pytest.approx(m.welch_bound)
    assert m.tight_frame_residual == pytest.approx(0.0, abs=1e-12)
    assert m.ones_in_row_space == pytest.approx(0.0, abs=1e-12)
    np.testing.assert_allclose(m.dimensionality, D / T)
    assert m.dimensionality.sum() == pytest.approx(D)


def test_single_frame_drops_features():
    T, D = 10, 4
    m = measurements(make_embedding("single", T, D).matrix())
    assert (m.norm_min, m.norm_max) == (0.0, 1.0)
    assert m.max_overlap == 0.0 and m.pairs == 6  # only the 4 kept columns
    assert m.ones_in_row_space == pytest.approx(D / T)
    np.testing.assert_array_equal(m.dimensionality, [1.0] * D + [0.0] * (T - D))
    assert ((m.dimensionality >= 0) & (m.dimensionality <= 1)).all()


def test_scale_does_not_change_the_measurements_except_norms():
    W = make_embedding("random", 40, 6, seed=2).matrix()
    m, big = measurements(W), measurements(3.0 * W)
    assert big.rms_overlap == pytest.approx(m.rms_overlap)
    assert big.tight_frame_residual == pytest.approx(m.tight_frame_residual)
    np.testing.assert_allclose(big.dimensionality, m.dimensionality)
    assert big.norm_max == pytest.approx(3 * m.norm_max)


def test_rms_overlap_equals_all_pairs_and_sampled_max_stays_below_the_true_max(monkeypatch):
    W = make_embedding("random", 300, 10, seed=1).matrix()
    overlaps = W.T @ W
    upper = overlaps[np.triu_indices(300, 1)]
    full = measurements(W)
    assert full.rms_overlap == pytest.approx(math.sqrt(np.mean(upper**2)), rel=1e-12)
    assert full.max_overlap == pytest.approx(np.abs(upper).max(), rel=1e-12)
    monkeypatch.setattr(measures_module, "PAIR_WORK", 1.0)
    monkeypatch.setattr(measures_module, "SAMPLED_PAIRS", 20_000)
    sampled = measurements(W, seed=3)
    assert not sampled.all_pairs and sampled.pairs == 20_000
    assert "20,000 pairs drawn" in sampled.pairs_text
    assert sampled.max_overlap <= full.max_overlap
    assert sampled.max_overlap > np.quantile(np.abs(upper), 0.99)


def test_trained_linear_optimum_is_a_tight_frame_containing_the_ones_vector():
    params = make_params(T=60, D=9, z=3, seed=2)
    trained = measurements(train_linear(params, steps=2000).W)
    start = measurements(make_embedding("random", 60, 9, seed=2).matrix())
    assert trained.tight_frame_residual < 1e-4 < start.tight_frame_residual
    assert trained.ones_in_row_space == pytest.approx(1.0, abs=1e-6)
    assert trained.rms_overlap < start.rms_overlap
