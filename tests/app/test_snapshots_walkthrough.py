"""SVG snapshots of the walkthrough: the notes-differ step single.total at 80×24 (its top,
then scrolled to its verdict) and in presenter mode at 80×24 and 200×60; the histogram of
random.inactive_noise's draws at 80×24 (scrolled to the picture) and at 200×60.

Update with ``pytest tests/test_snapshots_walkthrough.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from superpos_model import make_params
from tests.helpers.apptools import settle_for_snapshot
from tui.app import SuperposApp

#: The defaults (inside the notes' regime: no warning) with few samples: seeded, so the same
#: numbers on every run, computed in a fraction of a second.
PARAMS = make_params(samples=200)


async def single_total(pilot) -> None:
    await pilot.press("f3")
    await settle_for_snapshot(pilot)
    await pilot.press("2", "n", "n")
    await pilot.pause()


def test_walkthrough_80x24_notes_differ_step(snap_compare):
    assert snap_compare(SuperposApp(PARAMS), terminal_size=(80, 24), run_before=single_total)


def test_walkthrough_80x24_notes_differ_step_verdict(snap_compare):
    async def verdict(pilot) -> None:
        await single_total(pilot)
        screen = pilot.app.screen
        row = screen.query_one("#step-verdict-row")
        screen.query_one("#step-view").scroll_to_widget(row, animate=False, top=True)
        await pilot.pause()

    assert snap_compare(SuperposApp(PARAMS), terminal_size=(80, 24), run_before=verdict)


async def presenter(pilot) -> None:
    await single_total(pilot)
    await pilot.press("f5")
    await settle_for_snapshot(pilot)


def test_walkthrough_200x60_presenter(snap_compare):
    assert snap_compare(SuperposApp(PARAMS), terminal_size=(200, 60), run_before=presenter)


def test_walkthrough_80x24_presenter(snap_compare):
    # Title, formula, verdict and picture on one screen; the text is folded.
    assert snap_compare(SuperposApp(PARAMS), terminal_size=(80, 24), run_before=presenter)


async def inactive_noise(pilot) -> None:
    """random.inactive_noise, the picture scrolled into view: bars with all three marks."""
    await pilot.press("f3")
    await settle_for_snapshot(pilot)
    await pilot.press("n", "n")
    await pilot.pause()
    screen = pilot.app.screen
    plot = screen.query_one("#step-plot")
    screen.query_one("#step-view").scroll_to_widget(plot, animate=False, top=True)
    await pilot.pause()


def test_walkthrough_80x24_histogram_step(snap_compare):
    assert snap_compare(SuperposApp(PARAMS), terminal_size=(80, 24), run_before=inactive_noise)


# The large size is in the default run through this screen's other 200×60 picture
# (or the explorer's); this variant only in the slow run.
@pytest.mark.slow
def test_walkthrough_200x60_histogram_step(snap_compare):
    assert snap_compare(SuperposApp(PARAMS), terminal_size=(200, 60), run_before=inactive_noise)
