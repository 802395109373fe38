"""Highlight echoes of the step list cannot start an endless back-and-forth.

Moving to a step highlights it in the list, and the list answers with an
OptionHighlighted message.  When a burst moves the step twice before the echoes
arrive, each stale echo moved the step back, whose highlight sent another echo:
the 10-minute tmux monkey found the app busy forever in ``_highlighted`` ↔
``watch_current``.  Two stale echoes in flight reproduce it deterministically.
"""

from __future__ import annotations

import contextlib

import pytest
from textual.widgets import OptionList

from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.screens.walkthrough import WalkthroughScreen
from tui.widgets.step_list import StepList


@contextlib.asynccontextmanager
async def walkthrough():
    """The walkthrough at 80×24 once settled: its app, pilot, screen and step list."""
    app = SuperposApp(make_params(T=300, D=30, z=3, samples=300))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        yield pilot, screen, screen.query_one(StepList)
    assert app.return_code in (None, 0), "the app ended on an error"


@run
async def test_stale_highlight_echoes_neither_move_the_step_nor_loop():
    async with walkthrough() as (pilot, screen, steps):
        screen.current = screen.steps[3].key
        await pilot.pause(0.1)
        shown: list[str] = []
        show = screen._show_step

        def counted() -> None:
            shown.append(screen.current)
            show()

        screen._show_step = counted  # type: ignore[method-assign]
        for step in screen.steps[1:3]:  # echoes of two moves the burst has already overtaken
            index = steps.get_option_index(step.key)
            steps.post_message(
                OptionList.OptionHighlighted(steps, steps.get_option_at_index(index), index)
            )
        await pilot.pause(1.0)
        assert len(shown) < 5, f"the step went back and forth {len(shown)} times in 1 s"
        assert screen.current == screen.steps[3].key
        assert steps.highlighted == steps.get_option_index(screen.current)


@pytest.mark.parametrize("action", ["action_page_down", "action_page_up"])
@run
async def test_page_keys_in_a_step_list_with_no_room_do_nothing(action):
    # A key of the burst that folded the list (f5), after new steps were shown in it:
    # Textual's page keys looked up lines it never laid out (KeyError, the app exited 1).
    async with walkthrough() as (pilot, screen, steps):
        steps.display = False
        await pilot.pause()
        steps.show(screen.steps, screen.steps[1].key)
        highlighted = steps.highlighted
        getattr(steps, action)()
        await pilot.pause()
        assert steps.highlighted == highlighted
