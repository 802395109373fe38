"""SVG snapshots of the explorer with the ReLU readout at 80×24 (plot, table) and 200×60.

Update with ``pytest tests/app/test_snapshots_relu_readout.py --snapshot-update`` and look
at the SVGs.
"""

from __future__ import annotations

import pytest

from superpos_model import make_params
from superpos_model.readout import Readout
from tests.helpers.apptools import settle_for_snapshot
from tui.app import SuperposApp


def relu_app() -> SuperposApp:
    return SuperposApp(make_params(a=1.2))


async def with_relu(pilot) -> None:
    """Switch to ReLU once the app runs: set before it runs, the readout never reached the
    screen, and these snapshots showed the linear explorer."""
    pilot.app.readout = Readout("relu", 0.5)
    await settle_for_snapshot(pilot)
    assert pilot.app.screen.query_one("#relu-plot").display


def test_relu_explorer_80x24_plot(snap_compare):
    assert snap_compare(relu_app(), terminal_size=(80, 24), run_before=with_relu)


def test_relu_explorer_80x24_table(snap_compare):
    async def table(pilot) -> None:
        await with_relu(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(relu_app(), terminal_size=(80, 24), run_before=table)


# The default run's 200×60 pictures are the explorer's, the interference screen's, the
# sweep's phase grid and the walkthrough's; this one only in the slow run.
@pytest.mark.slow
def test_relu_explorer_200x60(snap_compare):
    assert snap_compare(relu_app(), terminal_size=(200, 60), run_before=with_relu)


def test_relu_explorer_80x24_switched_by_key(snap_compare):
    async def switch(pilot) -> None:
        await settle_for_snapshot(pilot)
        await pilot.press("escape", "r")
        await settle_for_snapshot(pilot)

    app = SuperposApp(make_params(a=1.2))
    assert snap_compare(app, terminal_size=(80, 24), run_before=switch)
