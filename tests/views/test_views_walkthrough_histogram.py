"""A walkthrough step whose simulation is a mean of per-sample draws is pictured by their
histogram, the formula's value and the simulated mean ± SE marked above the bars; a step
built without draws keeps its comparison, a curve step its curve."""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import pytest

from superpos_model import make_params
from superpos_model.views.walkthrough import Role, step_picture
from superpos_model.walkthrough import walkthrough
from tui.axes import mark_heights, picture_limits

SMALL = make_params(T=300, D=40, z=3, samples=400)


@functools.cache
def step(key: str):
    return next(s for s in walkthrough(SMALL, key.split(".")[0]) if s.key == key)


def test_the_overlap_step_is_the_histogram_of_its_draws_with_theory_and_mean_marked():
    overlap = step("random.overlap")
    picture = step_picture(overlap, SMALL)
    shape = picture.histogram
    assert shape is not None and not picture.rows and picture.curve is None
    assert shape.total == SMALL.samples == shape.counts.sum() + shape.outside
    marks = {m.role: m for m in picture.marks}
    assert set(marks) == {Role.FORMULA, Role.SIMULATED}
    assert marks[Role.FORMULA].x == overlap.theory == 1 / SMALL.D
    assert marks[Role.SIMULATED].x == overlap.simulated.value
    assert marks[Role.SIMULATED].x_se == overlap.simulated.se
    # Most of the draws lie under the bars, the mean in the frame: the bulk is pictured.
    assert shape.edges[0] <= overlap.simulated.value <= shape.edges[-1]
    assert shape.outside <= 0.02 * shape.total
    assert picture.measured == (overlap.simulated.observable, overlap.title)


def test_a_step_whose_estimate_has_no_draws_keeps_the_comparison_and_a_curve_step_its_curve():
    overlap = step("random.overlap")
    without = dataclasses.replace(
        overlap, simulated=dataclasses.replace(overlap.simulated, histogram=None)
    )
    picture = step_picture(without, SMALL)
    assert picture.histogram is None and picture.rows == ("simulated", "formula")
    total = step_picture(step("random.total"), SMALL)
    assert total.curve is not None and total.histogram is None


@pytest.mark.parametrize("rows", [6, 9, 28])
def test_each_mark_stands_on_a_row_of_its_own_above_the_bars(rows):
    picture = step_picture(step("random.inactive_noise"), SMALL)
    top, heights = mark_heights(picture, rows)
    peak = float(picture.histogram.shares.max())
    row = top / rows
    gaps = np.diff([peak, *sorted(heights)])
    assert len(heights) == 3 and np.all(gaps >= row * (1 - 1e-9))
    assert max(heights) < top
    (x0, x1), (y0, y1) = picture_limits(picture, rows)
    assert (y0, y1) == (0.0, top)
    assert x0 < picture.histogram.edges[0] and picture.histogram.edges[-1] < x1
    assert all(x0 <= m.x - m.x_se and m.x + m.x_se <= x1 for m in picture.marks)


#: The steps whose simulation is a mean of per-sample draws the model kept (curve steps aside).
HISTOGRAM_STEPS = {
    "random.overlap",
    "random.active_noise",
    "random.inactive_noise",
    "single.represented",
    "single.dropped",
    "multi.group_size",
    "multi.neighbours",
    "nonlinear.inactive_cut",
}


def test_the_steps_that_average_per_sample_draws_are_pictured_by_their_histogram():
    steps = [
        s for chain in ("random", "single", "multi", "nonlinear") for s in walkthrough(SMALL, chain)
    ]
    drawn = {s.key for s in steps if step_picture(s, SMALL).histogram is not None}
    assert drawn == HISTOGRAM_STEPS
    for s in steps:
        shape = s.simulated.histogram
        if s.key in HISTOGRAM_STEPS:
            assert shape.total == s.simulated.samples, s.key
            assert shape.edges[0] <= s.simulated.value <= shape.edges[-1], s.key
