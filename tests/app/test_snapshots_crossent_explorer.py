"""SVG snapshot of the explorer under cross-entropy (the logits a·WᵀW·y − b) at 80×24.

Seeded defaults, so every simulated digit is reproducible. Update with
``pytest tests/app/test_snapshots_crossent_explorer.py --snapshot-update`` and look at the SVG.
"""

from __future__ import annotations

from superpos_model import make_params
from superpos_model.readout import Readout
from tests.helpers.apptools import settle_for_snapshot
from tui.app import SuperposApp


def test_cross_entropy_explorer_80x24(snap_compare):
    async def cross_entropy(pilot) -> None:
        # Set once the app runs: set before, the readout would not reach the screen (the
        # app starts on linear).
        pilot.app.readout = Readout("cross-entropy", 0.5)
        await settle_for_snapshot(pilot)
        assert pilot.app.screen.query_one("#relu-plot").display

    app = SuperposApp(make_params())
    assert snap_compare(app, terminal_size=(80, 24), run_before=cross_entropy)
