"""Property-based tests of the walkthrough, interference and explorer model functions over
small but extreme parameters (T = 2, D = 1, z = T, D ≥ T, tiny samples): everything a screen
renders is finite where it should be and no combination raises."""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from superpos_model import make_params, run_check
from superpos_model.interference import analyse_interference
from superpos_model.steps import Verdict
from superpos_model.views.explorer import loss_curves, table_rows
from superpos_model.views.interference import (
    capacity_curves,
    histogram_series,
    noise_points,
    overlap_marks,
    with_threshold,
)
from superpos_model.views.walkthrough import step_picture
from superpos_model.walkthrough import walkthrough
from tui.axes import y_limits
from tui.walkthrough_text import render_walkthrough

EXTREME = settings(
    derandomize=True,
    deadline=None,
    max_examples=25,
    suppress_health_check=[HealthCheck.too_slow],
)


@st.composite
def small_params(draw):
    T = draw(st.integers(2, 60))
    D = draw(st.integers(1, 70))
    z = draw(st.integers(1, T))
    a = draw(st.one_of(st.none(), st.floats(0, 10)))
    samples = draw(st.integers(2, 60))
    seed = draw(st.integers(0, 2**32 - 1))
    return make_params(T=T, D=D, z=z, a=a, samples=samples, seed=seed)


@EXTREME
@given(small_params())
def test_every_walkthrough_step_is_well_formed(params):
    steps = walkthrough(params, "all")
    assert "nan" not in render_walkthrough(params, steps)
    for step in steps:
        assert isinstance(step.verdict, Verdict)
        assert step.title and step.explanation and step.formula and step.reason
        assert step.simulated.samples >= 1
        # NaN marks an SE that cannot be estimated (one pair; a level never reached),
        # which the text shows as n/a.
        assert step.simulated.se >= 0 or math.isnan(step.simulated.se)
        step_picture(step, params)


@EXTREME
@given(small_params(), st.floats(0.25, 4))
def test_interference_analysis_and_its_pictures(params, threshold):
    analysis = analyse_interference(params)
    overlaps = analysis.overlaps
    assert 0 <= overlaps.rms <= overlaps.max_abs + 1e-12 <= 1 + 1e-9
    assert overlaps.histogram.counts.sum() == overlaps.histogram.pairs
    histogram_series(overlaps.histogram)
    overlap_marks(overlaps)
    moved = with_threshold(analysis, threshold)
    capacity_curves(moved.capacity)
    noise_points(moved.capacity)


@EXTREME
@given(small_params(), st.booleans(), st.booleans())
def test_explorer_curves_limits_and_rows(params, zoom, log):
    report = run_check(params, interference=False)
    curves = loss_curves(report, params.a)
    low, high = y_limits(curves, list(curves.schemes), zoom, log)
    assert math.isfinite(low) and math.isfinite(high) and low < high
    if log:
        assert low > 0
    assert table_rows(report, params.a)
