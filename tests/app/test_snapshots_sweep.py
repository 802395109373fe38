"""SVG snapshots of the sweep screen at 80×24 and 200×60 (exact optima: deterministic).

Update with ``pytest tests/app/test_snapshots_sweep.py --snapshot-update`` and look
at the SVGs.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from superpos_model import make_params
from tests.helpers.apptools import opening_on, settle_for_snapshot

SweepFirst = opening_on("sweep")


def opened(*keys: str, **settings: str):
    """Wait for the first sweep, set the screen's ``settings``, then press ``keys``."""

    async def run_before(pilot) -> None:
        await settle_for_snapshot(pilot)
        for name, value in settings.items():
            pilot.app.screen.query_one(f"#setting-{name}", Input).value = value
            await settle_for_snapshot(pilot)
        pilot.app.screen.query_one("#sweep-plot").focus()
        if keys:
            await pilot.press(*keys)
        await settle_for_snapshot(pilot)

    return run_before


def app() -> SweepFirst:
    return SweepFirst(make_params())


def test_sweep_80x24_line_with_cursor(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24), run_before=opened("right", "right"))


def test_sweep_80x24_log_loss(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24), run_before=opened("y"))


def test_sweep_80x24_loss_over_best(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24), run_before=opened("y", "y"))


def test_sweep_80x24_phase(snap_compare):
    keys = ("ctrl+t", "up", "up", "right")
    assert snap_compare(app(), terminal_size=(80, 24), run_before=opened(*keys))


def test_sweep_80x24_bad_value_keeps_last_result(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24), run_before=opened(values="5..1"))


# The large size is in the default run through this screen's other 200×60 picture
# (or the explorer's); this variant only in the slow run.
@pytest.mark.slow
def test_sweep_200x60_line_of_D(snap_compare):
    run_before = opened("right", vary="D", values="1..1000 x25 log")
    assert snap_compare(app(), terminal_size=(200, 60), run_before=run_before)


def test_sweep_200x60_phase(snap_compare):
    keys = ("ctrl+t", "right", "right", "up")
    assert snap_compare(app(), terminal_size=(200, 60), run_before=opened(*keys))


@pytest.mark.slow
def test_sweep_200x60_both_readouts(snap_compare):
    run_before = opened("right", readout="both", values="1,2,3,5,8,13")
    assert snap_compare(app(), terminal_size=(200, 60), run_before=run_before)
