"""A walkthrough step's picture takes the rows its content needs: a comparison of two or
three values gets a few rows; a loss curve, and the histogram of a simulation's draws, the
height the text leaves."""

from __future__ import annotations

from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.widgets.step_plot import StepPlot

SMALL = make_params(T=300, D=40, z=3, samples=400)
#: A step compared on one axis: its simulation is a difference of two curves' minima, no draws.
COMPARED = "conclusions.multi_beats_random"


@run
async def test_a_comparison_is_short_and_a_curve_or_histogram_is_tall_at_200x60():
    app = SuperposApp(SMALL)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        plot = screen.query_one(StepPlot)
        assert screen.current == "random.overlap" and plot.picture.histogram is not None
        assert plot.size.height >= 16
        screen.current = COMPARED
        await pilot.pause()
        assert plot.picture.rows and plot.size.height <= 10
        screen.current = "random.total"  # drawn on its loss curve
        await pilot.pause()
        assert plot.picture.curve is not None and plot.size.height >= 16
        await pilot.press("f5")  # presenter mode: the same rule
        screen.current = COMPARED
        await pilot.pause()
        assert plot.size.height <= 10
        screen.current = "random.overlap"
        await pilot.pause()
        assert plot.size.height >= 16
