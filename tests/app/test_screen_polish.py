"""Small things a newcomer notices: the help says how to close it and lists each key once,
presenter mode keeps the parameter line, counts of one are singular."""

from __future__ import annotations

import asyncio
from collections import Counter

from textual.widgets import Static

from superpos_model import make_params
from superpos_model.walkthrough.multi import _groups_text
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.screens.help import HelpScreen
from tui.widgets.step_view import StepView

SMALL = make_params(T=300, D=40, z=3, samples=400)


@run
async def test_help_says_how_to_close_and_lists_each_key_once():
    app = SuperposApp(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for screen_key in ("f2", "f3", "f4"):
            await pilot.press(screen_key)
            await settle(pilot)
            keys = app._key_help()
            single = [part for key, _ in keys for part in key.split()]
            assert not [k for k, n in Counter(single).items() if n > 1], keys
            assert "Edit params" in dict((d, k) for k, d in keys)
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            close = str(app.screen.query_one("#help-close", Static).render())
            assert "esc" in close and "closes" in close
            await pilot.press("escape")
            await pilot.pause()


@run
async def test_a_burst_of_close_keys_closes_the_help_once():
    # Each close key of a pasted burst starts a dismiss before the first has popped the
    # help; the second used to pop the Explorer's screen too (ScreenStackError) or resolve
    # the push's result twice (InvalidStateError).
    app = SuperposApp(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        await asyncio.wait_for(
            asyncio.gather(*(help_screen.action_dismiss() for _ in range(3))), timeout=10
        )
        await pilot.pause()
        assert type(app.screen).__name__ == "ExplorerScreen"
        assert len(app.screen_stack) == 1
    assert app.return_code is None, "the app ended on the burst"


@run
async def test_presenter_mode_keeps_the_parameter_line_and_shows_no_scrollbar():
    app = SuperposApp(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f5")
        await pilot.pause()
        status = app.screen.query_one("#status", Static)
        assert status.display and "T=300" in str(status.render())
        assert app.screen.query_one(StepView).styles.scrollbar_size_vertical == 0


@run
async def test_the_status_says_how_the_random_scheme_is_drawn_and_fits_80_columns():
    app = SuperposApp(make_params(T=300, D=40, z=3, samples=2))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        status = str(app.screen.query_one("#status", Static).render())
        assert "a fresh W per sample" in status and "embeddings" not in status
        assert len(status.rstrip()) <= 80


def test_neuron_counts_agree_in_number():
    text = _groups_text(5, 3)  # two neurons hold 2 features, one holds 1
    assert "2 neurons hold 2" in text and "1 neuron holds 1" in text
