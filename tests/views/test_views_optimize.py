"""What the optimise screen draws: its lines, histograms and table, from the model alone."""

from __future__ import annotations

import numpy as np

from superpos_model import make_params
from superpos_model.optimize import measurements, random_start, rank_bound, run_optimize
from superpos_model.views.optimize import (
    HISTOGRAM_PAIRS,
    loss_lines,
    optimize_outcome,
    optimize_reference,
    overlap_histograms,
    pair_indices,
)

PARAMS = make_params(T=60, D=6, z=2, samples=200)


def test_linear_lines_are_the_schemes_and_the_bound_highest_first():
    reference = optimize_reference(PARAMS, "linear")
    lines = loss_lines(reference.baselines, reference.bound)
    assert {line.key for line in lines} == {"random", "single", "multi", "bound"}
    values = [line.value for line in lines]
    assert values == sorted(values, reverse=True)
    assert lines[-1].value == rank_bound(PARAMS)


def test_relu_has_no_bound_line():
    reference = optimize_reference(PARAMS, "relu")
    assert "bound" not in {line.key for line in loss_lines(reference.baselines, reference.bound)}


def test_histograms_count_every_pair_of_both_embeddings_on_shared_bins():
    W = random_start(PARAMS)
    other = np.random.default_rng(3).standard_normal(W.shape)
    h = overlap_histograms(W, other)
    pairs = PARAMS.T * (PARAMS.T - 1) // 2
    assert h.all_pairs and h.pairs == pairs
    assert h.random.sum() == pairs and h.trained is not None and h.trained.sum() == pairs
    # Brute force: every |cosine| lies inside the shared, symmetric edges.
    U = other / np.linalg.norm(other, axis=0)
    cosines = (U.T @ U)[np.triu_indices(PARAMS.T, 1)]
    assert h.edges[0] == -h.edges[-1] and np.abs(cosines).max() <= h.edges[-1] + 1e-12


def test_many_features_sample_pairs():
    i, j, every = pair_indices(2000, 0)
    assert not every and len(i) == HISTOGRAM_PAIRS and np.all(i != j)


def test_outcome_rows_are_the_measurements_of_the_trained_and_the_start():
    report = run_optimize(PARAMS, "linear")
    outcome = optimize_outcome(report)
    trained, start = measurements(report.W, PARAMS.seed), measurements(random_start(PARAMS))
    rows = {row.key: row for row in outcome.rows}
    assert rows["rms_overlap"].trained == trained.rms_overlap
    assert rows["rms_overlap"].random == start.rms_overlap
    assert rows["max_overlap"].trained == trained.max_overlap
    assert rows["tight_frame_residual"].trained == trained.tight_frame_residual
    assert rows["ones_in_row_space"].random == start.ones_in_row_space
    # A reference at the run's parameters lends the same measurements of the start.
    assert optimize_outcome(report, optimize_reference(PARAMS, "linear")).rows == outcome.rows
