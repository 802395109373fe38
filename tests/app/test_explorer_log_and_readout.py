"""The explorer's log-y view reads as a scale, and the readout switch keeps the last picture.

At the default parameters the losses lie between about 4.4 and 5.1: the log axis's
1-2-5 ticks held only the 5.  And switching the readout blanked the plot until the
other readout's result arrived (some seconds with ReLU).
"""

from __future__ import annotations

import re
import threading

from textual.widgets import Input, Static

from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.widgets.loss_plot import LossPlot

SIZE = (80, 24)
#: A y tick label at the left edge of a plot's line: a number, then the axis.
Y_LABEL = re.compile(r"^\s*([0-9][0-9.,]*)\s*[┤│├]")


def plot_text(plot) -> str:
    return plot.render().plain


def y_labels(text: str) -> list[str]:
    return [m.group(1) for line in text.splitlines() if (m := Y_LABEL.match(line))]


@run
async def test_log_y_has_several_tick_labels_at_the_defaults():
    app = SuperposApp(make_params(samples=600))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape", "l")
        await settle(pilot)
        for zoom in (False, True):
            labels = y_labels(plot_text(app.screen.query_one(LossPlot)))
            assert len(labels) >= 3, (zoom, labels)
            assert [float(x) for x in labels] == sorted(float(x) for x in labels)[::-1]
            await pilot.press("m")
            await settle(pilot)


@run
async def test_readout_switch_keeps_the_last_picture_until_the_new_one_is_ready():
    app = SuperposApp(make_params(T=300, D=30, z=3, samples=400))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        before = plot_text(screen.query_one(LossPlot))
        assert any("\u2800" < c <= "\u28ff" for c in before)  # braille: the curves
        compute, release = screen.compute, threading.Event()

        def held(params, monitor):
            release.wait(10)
            return compute(params, monitor)

        screen.compute = held
        screen.query_one("#field-T", Input).blur()
        await pilot.press("escape", "r")
        await pilot.pause(0.3)
        assert app.readout.relu
        # The linear plot and table stay on view, as they were, while ReLU's is computed.
        assert screen.query_one("#plot").display
        assert not screen.query_one("#relu-plot").display
        assert plot_text(screen.query_one(LossPlot)) == before
        assert "updating" in str(screen.query_one("#status", Static).render())
        release.set()
        await settle(pilot)
        assert screen.query_one("#relu-plot").display
        assert not screen.query_one("#plot").display
        assert "updating" not in str(screen.query_one("#status", Static).render())
