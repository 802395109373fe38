"""The histogram of a Monte Carlo's draws: every draw counted once, in a bin or beyond the
frame; the frame holds the bulk and the marks; a pooled estimate carries its draws' histogram
without it changing the estimate."""

from __future__ import annotations

import numpy as np
import pytest

from superpos_model.estimate import Estimate, pooled_estimate, sample_estimate
from superpos_model.histogram import BINS, histogram_of


def skewed(n: int = 5000, seed: int = 1) -> np.ndarray:
    """Draws like an overlap²: a chi-square with one degree of freedom, a long right tail."""
    return np.random.default_rng(seed).standard_normal(n) ** 2 / 100


@pytest.mark.parametrize("draws", [skewed(), np.linspace(-3, 2, 1001), np.full(40, 7.0)])
def test_every_draw_is_in_a_bin_or_beyond_the_frame(draws):
    shape = histogram_of(draws, (0.5, 0.6))
    assert shape is not None
    assert shape.counts.sum() + shape.below + shape.above == shape.total == draws.size
    assert len(shape.edges) == len(shape.counts) + 1 == BINS + 1
    assert np.all(np.diff(shape.edges) > 0)
    assert shape.below == (draws < shape.edges[0]).sum()
    assert shape.above == (draws > shape.edges[-1]).sum()


def test_the_frame_is_the_bulk_so_a_long_tail_is_counted_not_drawn():
    draws = skewed()
    shape = histogram_of(draws)
    # The 0.5 % … 99.5 % quantiles: the longest draws lie beyond, a few dozen of 5,000.
    assert shape.edges[-1] == pytest.approx(np.quantile(draws, 0.995))
    assert shape.edges[-1] < draws.max()
    assert 0 < shape.outside <= 0.011 * draws.size
    assert shape.shares.sum() == pytest.approx(1 - shape.outside / draws.size)


def test_the_frame_holds_every_mark():
    draws = np.random.default_rng(2).normal(0.0, 1.0, 2000)
    shape = histogram_of(draws, (-10.0, 25.0, float("nan")))
    assert shape.edges[0] == -10.0 and shape.edges[-1] == 25.0
    assert shape.outside == 0


def test_equal_draws_get_a_frame_of_width_and_one_full_bin():
    shape = histogram_of(np.zeros(30))
    assert shape.edges[0] < 0 < shape.edges[-1]
    assert shape.counts.max() == 30 and shape.outside == 0


def test_binning_is_deterministic_and_skips_nan():
    draws = np.append(skewed(300), [np.nan, np.inf])
    one, two = histogram_of(draws), histogram_of(draws.copy())
    assert np.array_equal(one.edges, two.edges) and np.array_equal(one.counts, two.counts)
    assert one.total == 301 and one.above >= 1  # +inf is beyond the frame; NaN is not a draw
    assert histogram_of(np.array([np.nan, np.inf])) is None


def test_a_sample_estimate_carries_its_draws_histogram_and_is_unchanged_by_it():
    groups = [skewed(200, seed) for seed in (3, 4, 5)]
    estimate = sample_estimate(np.concatenate(groups), "x")
    shape = estimate.histogram
    assert shape is not None and shape.total == estimate.samples == 600
    assert shape.edges[0] <= estimate.value - estimate.se
    assert estimate.value + estimate.se <= shape.edges[-1]
    same = histogram_of(
        np.concatenate(groups), (estimate.value - estimate.se, estimate.value + estimate.se)
    )
    assert np.array_equal(shape.counts, same.counts)
    plain = Estimate(estimate.value, estimate.se, estimate.samples, estimate.groups, "x")
    assert estimate == plain and hash(estimate) == hash(plain)
    assert "histogram" not in repr(estimate)


def test_a_pooled_estimate_does_no_binning():
    # The explorer's and the sweeps' SEs go through pooled_estimate: no picture, no binning.
    assert pooled_estimate([skewed(200, 3)], "x").histogram is None
