"""The walkthrough draws random.overlap as the histogram of its draws: the StepPlot's bars
are the model's shares of samples per bin, its marks the formula and the simulated mean,
and the legend names them and counts the draws beyond the frame, at 80×24 and 200×60."""

from __future__ import annotations

import numpy as np
import pytest

from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.widgets.step_plot import BAR, StepPlot, histogram_title, legend

SMALL = make_params(T=300, D=40, z=3, samples=400)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
@run
async def test_random_overlap_is_drawn_as_the_models_histogram(size):
    app = SuperposApp(SMALL)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        plot = screen.query_one(StepPlot)
        assert screen.current == "random.overlap"
        shape = screen.steps[0].simulated.histogram
        assert shape is not None and plot.picture.histogram is shape
        bars = []
        drawn = plot.plt.bar
        plot.plt.bar = lambda x, y, **style: bars.append((x, y)) or drawn(x, y, **style)
        plot.changed()
        await pilot.pause()
        text = str(plot.render())
        ((x, y),) = bars
        centres = (shape.edges[:-1] + shape.edges[1:]) / 2
        assert np.allclose(x, centres) and np.allclose(y, shape.counts / 400)
        assert BAR in text and "◆" in text and "┼" in text and "value per sample" in text
        title = histogram_title(plot.picture.measured, 400, plot.size.width)
        assert title.endswith(": 400 samples") and title in text
        words = str(legend(plot.picture))
        assert "◆ formula" in words and "┼ simulated mean ± SE" in words
        assert f"{shape.outside} of 400 beyond the frame" in words
        assert plot.size.height >= 12


def test_a_histogram_title_says_what_was_measured_within_the_width():
    measured = ("⟨w_i, w_j⟩² of a feature pair i ≠ j, one fresh embedding", "Overlap")
    assert histogram_title(measured, 2000, 200) == f"{measured[0]}: 2,000 samples"
    assert histogram_title(measured, 2000, 46) == "Overlap: 2,000 samples"
    cut = histogram_title(measured[:1], 2000, 46)
    assert cut == "⟨w_i, w_j⟩² of a featu…: 2,000 samples" and len(cut) == 46 - 8
    assert histogram_title(measured, 2000, 26) == "2,000 samples"
