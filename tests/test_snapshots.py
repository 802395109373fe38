"""SVG snapshots of the explorer at 80×24 and 200×60 (fixed seed, after the result arrives).

Update with ``pytest tests/test_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from textual.widgets import Input

from superpos_model import make_params
from tui.app import SuperposApp


async def finished(pilot) -> None:
    """Let the computation finish and the screen catch up, so the picture is deterministic."""
    app = pilot.app
    for box in app.screen.query(Input):
        box.cursor_blink = False  # a blinking cursor would make the picture depend on timing
    await pilot.pause()
    while app.computing:
        await app.workers.wait_for_complete()
        await pilot.pause(0.02)
    await pilot.pause()


def app_at(**values) -> SuperposApp:
    return SuperposApp(make_params(a=0.3, **values))


def test_explorer_80x24_plot(snap_compare):
    assert snap_compare(app_at(), terminal_size=(80, 24), run_before=finished)


def test_explorer_80x24_table(snap_compare):
    async def table(pilot) -> None:
        await finished(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(app_at(), terminal_size=(80, 24), run_before=table)


def test_explorer_80x24_bad_value_keeps_last_result(snap_compare):
    async def bad(pilot) -> None:
        await finished(pilot)
        await pilot.press("tab", "tab", "end", "x")  # z = "5x"
        await finished(pilot)

    assert snap_compare(app_at(), terminal_size=(80, 24), run_before=bad)


def test_explorer_200x60(snap_compare):
    assert snap_compare(app_at(), terminal_size=(200, 60), run_before=finished)


def test_explorer_200x60_zoomed_outside_the_regime(snap_compare):
    async def zoom(pilot) -> None:
        await finished(pilot)
        await pilot.press("escape", "m")
        await pilot.pause()

    assert snap_compare(app_at(z=20), terminal_size=(200, 60), run_before=zoom)
