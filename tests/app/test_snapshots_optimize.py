"""SVG snapshots of the optimise screen at 80×24 (plots, then the table) and 200×60, after
training a small case to its end (fixed seed, T = 200: the same picture on every run).

Update with ``pytest tests/app/test_snapshots_optimize.py --snapshot-update`` and look at
the SVGs.
"""

from __future__ import annotations

import pytest

from superpos_model import make_params
from tests.helpers.apptools import settle_for_snapshot
from tui.app import SuperposApp

#: D divides T, so multi and the trained W both sit on the rank-D bound.
PARAMS = make_params(T=200, D=20, z=3, samples=200)


def trained(*keys: str):
    """Open the optimise screen, train to the end, then press ``keys``."""

    async def run_before(pilot) -> None:
        await pilot.press("f6")
        await settle_for_snapshot(pilot)
        await pilot.press("ctrl+o")
        await settle_for_snapshot(pilot)
        if keys:
            await pilot.press(*keys)
            await settle_for_snapshot(pilot)

    return run_before


def test_optimize_80x24_trained(snap_compare):
    assert snap_compare(SuperposApp(PARAMS), terminal_size=(80, 24), run_before=trained())


def test_optimize_80x24_table(snap_compare):
    run_before = trained("ctrl+t")
    assert snap_compare(SuperposApp(PARAMS), terminal_size=(80, 24), run_before=run_before)


# The default run's 200×60 pictures are the explorer's, the interference screen's, the
# sweep's phase grid and the walkthrough's; this one only in the slow run.
@pytest.mark.slow
def test_optimize_200x60_trained(snap_compare):
    assert snap_compare(SuperposApp(PARAMS), terminal_size=(200, 60), run_before=trained())
