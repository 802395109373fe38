"""SVG snapshots of the explorer with the ReLU readout at 80×24 (plot, table) and 200×60.

Update with ``pytest tests/app/test_snapshots_relu_readout.py --snapshot-update`` and look
at the SVGs.
"""

from __future__ import annotations

from superpos_model import make_params
from superpos_model.readout import Readout
from tests.helpers.apptools import settle_for_snapshot
from tui.app import SuperposApp


def relu_app() -> SuperposApp:
    app = SuperposApp(make_params(a=1.2))
    app.readout = Readout("relu", 0.5)
    return app


def test_relu_explorer_80x24_plot(snap_compare):
    assert snap_compare(relu_app(), terminal_size=(80, 24), run_before=settle_for_snapshot)


def test_relu_explorer_80x24_table(snap_compare):
    async def table(pilot) -> None:
        await settle_for_snapshot(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(relu_app(), terminal_size=(80, 24), run_before=table)


def test_relu_explorer_200x60(snap_compare):
    assert snap_compare(relu_app(), terminal_size=(200, 60), run_before=settle_for_snapshot)


def test_relu_explorer_80x24_switched_by_key(snap_compare):
    async def switch(pilot) -> None:
        await settle_for_snapshot(pilot)
        await pilot.press("escape", "r")
        await settle_for_snapshot(pilot)

    app = SuperposApp(make_params(a=1.2))
    assert snap_compare(app, terminal_size=(80, 24), run_before=switch)
