"""SVG snapshots of the explorer at 80×24 and 200×60 (fixed seed, after the result arrives).

Update with ``pytest tests/test_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from superpos_model import make_params
from tests.helpers.apptools import settle_for_snapshot
from tui.app import SuperposApp


def app_at(**values) -> SuperposApp:
    return SuperposApp(make_params(a=0.3, **values))


def test_explorer_80x24_plot(snap_compare):
    assert snap_compare(app_at(), terminal_size=(80, 24), run_before=settle_for_snapshot)


def test_explorer_80x24_table(snap_compare):
    async def table(pilot) -> None:
        await settle_for_snapshot(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(app_at(), terminal_size=(80, 24), run_before=table)


def test_explorer_80x24_bad_value_keeps_last_result(snap_compare):
    async def bad(pilot) -> None:
        await settle_for_snapshot(pilot)
        await pilot.press("ctrl+g", "tab", "tab", "end", "x")  # z = "5x"
        await settle_for_snapshot(pilot)

    assert snap_compare(app_at(), terminal_size=(80, 24), run_before=bad)


def test_explorer_200x60(snap_compare):
    assert snap_compare(app_at(), terminal_size=(200, 60), run_before=settle_for_snapshot)


# The large size is in the default run through this screen's other 200×60 picture
# (or the explorer's); this variant only in the slow run.
@pytest.mark.slow
def test_explorer_200x60_zoomed_outside_the_regime(snap_compare):
    async def zoom(pilot) -> None:
        await settle_for_snapshot(pilot)
        await pilot.press("escape", "m")
        await pilot.pause()

    assert snap_compare(app_at(z=20), terminal_size=(200, 60), run_before=zoom)
