"""SVG snapshots of the interference screen at 80×24 and 200×60 (fixed seed, after the
result arrives).

Update with ``pytest tests/test_snapshots_interference.py --snapshot-update`` and look
at the SVGs.
"""

from __future__ import annotations

from textual.widgets import Input

from superpos_model import make_params
from tui.app import SuperposApp


async def finished(pilot) -> None:
    """Let every computation finish and the screen catch up, so the picture is deterministic."""
    app = pilot.app
    await pilot.pause()
    while app.computing or any(not w.is_finished for w in app.workers):
        await app.workers.wait_for_complete()
        await pilot.pause(0.02)
    for box in app.screen.query(Input):
        box.cursor_blink = False  # a blinking cursor would make the picture depend on timing
    await pilot.pause()


def opened(*keys: str):
    """Open the interference screen, wait for its result, then press ``keys``."""

    async def run_before(pilot) -> None:
        await finished(pilot)
        await pilot.press("f4")
        await finished(pilot)
        if keys:
            await pilot.press(*keys)
            await finished(pilot)

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
