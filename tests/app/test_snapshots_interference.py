"""SVG snapshots of the interference screen at 80×24 and 200×60 (fixed seed, after the
result arrives).

Update with ``pytest tests/test_snapshots_interference.py --snapshot-update`` and look
at the SVGs.
"""

from __future__ import annotations

from superpos_model import make_params
from tests.helpers.apptools import settle_for_snapshot
from tui.app import SuperposApp


def opened(*keys: str):
    """Open the interference screen, wait for its result, then press ``keys``."""

    async def run_before(pilot) -> None:
        await settle_for_snapshot(pilot)
        await pilot.press("f4")
        await settle_for_snapshot(pilot)
        if keys:
            await pilot.press(*keys)
            await settle_for_snapshot(pilot)

    return run_before


def app() -> SuperposApp:
    return SuperposApp(make_params())


def test_interference_80x24_overlaps(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24), run_before=opened())


def test_interference_80x24_capacity_at_half_theta(snap_compare):
    # θ = 1/2 is where θ²n/(2 ln m) meets the notes' n/(8 ln m).
    keys = ("ctrl+t", "escape", "minus", "minus")
    assert snap_compare(app(), terminal_size=(80, 24), run_before=opened(*keys))


def test_interference_80x24_numbers(snap_compare):
    assert snap_compare(app(), terminal_size=(80, 24), run_before=opened("ctrl+t", "ctrl+t"))


def test_interference_200x60(snap_compare):
    assert snap_compare(app(), terminal_size=(200, 60), run_before=opened())
