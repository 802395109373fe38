"""The command palette under bursts of keys: every race a burst can start ends quietly."""

from __future__ import annotations

import contextlib
from unittest.mock import PropertyMock, patch

import pytest
from textual import events
from textual.screen import ModalScreen, Screen

from superpos_model import make_params
from tests.helpers.apptools import run
from tui.app import SuperposApp
from tui.widgets.palette import SafeCommandPalette


@contextlib.asynccontextmanager
async def explorer_ready():
    """A small explorer at 80×24, once its first result is on screen."""
    app = SuperposApp(make_params(T=300, D=30, z=3, samples=300))
    async with app.run_test(size=(80, 24)) as pilot:
        while app.screen.result is None:
            await pilot.pause(0.05)
        yield app, pilot
    assert app.return_code in (None, 0), "the app ended on an error"


async def opened_palette(app, pilot) -> SafeCommandPalette:
    """The palette ctrl+p opens, once it is up."""
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    assert isinstance(app.screen, SafeCommandPalette)
    return app.screen


@pytest.mark.parametrize("page", ["pageup", "pagedown", "down", "up"])
@run
async def test_page_keys_right_after_opening_the_palette_do_not_end_the_app(page):
    # down: the 10-minute tmux monkey (NoMatches: the palette's list not mounted yet).
    async with explorer_ready() as (app, pilot):
        for key in ("ctrl+p", page, page):  # one burst: queued before any is handled
            app.post_message(events.Key(key, None))
        await pilot.pause(0.3)
        assert isinstance(app.screen, SafeCommandPalette)
        await pilot.press("escape")


@run
async def test_enter_pressed_twice_in_the_palette_does_not_end_the_app():
    async with explorer_ready() as (app, pilot):
        await pilot.press("ctrl+p")
        await pilot.press(*"reseed")
        await pilot.pause(0.5)  # the palette has found its commands
        for key in ("down", "enter", "enter", "enter"):
            app.post_message(events.Key(key, None))
        await pilot.pause(0.5)
        assert not isinstance(app.screen, SafeCommandPalette)


@pytest.mark.parametrize("page", ["pageup", "pagedown"])
@run
async def test_page_keys_right_after_the_theme_list_opens_do_not_end_the_app(page):
    # The palette's "Theme" entry opens a second palette (Textual's search_themes).
    async with explorer_ready() as (app, pilot):
        app.search_themes()
        for key in (page, page):  # one burst: queued before the list has lines
            app.post_message(events.Key(key, None))
        await pilot.pause(0.3)
        await pilot.press("escape")


@run
async def test_a_search_that_starts_after_the_palette_closed_does_not_end_the_app():
    # Seen in the tmux monkey: the palette's search worker ran on a palette already
    # closed, whose list was gone (NoMatches).  Here it is started that late on purpose.
    async with explorer_ready() as (app, pilot):
        palette = await opened_palette(app, pilot)
        await palette.query_one("CommandList").remove()  # as when it unmounts
        palette._gather_commands("re")
        await pilot.pause(0.3)
        await pilot.press("escape")


@run
async def test_ctrl_p_while_the_last_palette_is_still_being_removed_opens_a_new_one():
    # A burst (enter or escape, then ctrl+p) can reach the app after the palette is
    # dismissed but before Textual has removed it: a second palette with the same id
    # raised DuplicateIds (the short tmux monkey, in CI).
    async with explorer_ready() as (app, pilot):
        await opened_palette(app, pilot)

        def close_and_reopen() -> None:
            app.screen.dismiss()
            app.action_command_palette()

        app.call_later(close_and_reopen)
        await pilot.pause(0.3)
        assert isinstance(app.screen, SafeCommandPalette)
        assert len(app.screen_stack) == 2


@run
async def test_dismissing_a_palette_with_a_screen_above_it_closes_neither_twice():
    # A burst can open a screen above the palette before the palette's own Enter is handled:
    # Textual's dismiss popped the screen above instead, and the next dismiss set the
    # palette's result twice (InvalidStateError: the 10-minute tmux monkey).
    async with explorer_ready() as (app, pilot):
        palette = await opened_palette(app, pilot)
        above = ModalScreen()
        app.push_screen(above)
        await pilot.pause(0.1)
        palette.dismiss()
        palette.dismiss()
        await pilot.pause(0.2)
        assert app.screen is above  # what opened last is still what the user sees
        above.dismiss()
        await pilot.pause(0.1)
        palette.dismiss()
        await pilot.pause(0.2)
        assert not isinstance(app.screen, SafeCommandPalette)


@run
async def test_the_palettes_busy_and_list_flags_changing_as_it_closes_do_not_end_the_app():
    # The 10-minute tmux monkey: the search's busy flag turned on after the palette's
    # widgets were removed (NoMatches: LoadingIndicator).
    async with explorer_ready() as (app, pilot):
        palette = await opened_palette(app, pilot)
        await palette.query("*").remove()  # as when it unmounts
        palette._show_busy = not palette._show_busy
        palette._list_visible = not palette._list_visible
        await pilot.pause(0.3)
        await pilot.press("escape")


@run
async def test_keys_reaching_a_palette_without_its_list_do_not_end_the_app():
    # The 10-minute tmux monkey: a key of the burst that opened (or closed) the palette
    # reached it while its list was not there (NoMatches in _action_cursor_down).
    async with explorer_ready() as (app, pilot):
        palette = await opened_palette(app, pilot)
        await palette.query("*").remove()  # as before it mounts or as it unmounts
        await pilot.press("down", "up", "pagedown", "pageup", "enter")
        await pilot.pause(0.2)
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, SafeCommandPalette)


@run
async def test_the_palettes_keys_entry_on_a_screen_not_yet_attached_does_not_end_the_app():
    # The palette's "Keys" runs once the palette has closed, on the screen then on top: an
    # export dialog the same burst opened was not attached yet, and mounting the keys panel
    # on it raised MountError (the 10-minute monkey).
    async with explorer_ready() as (app, pilot):
        loose = Screen()
        with patch.object(SuperposApp, "screen", new_callable=PropertyMock, return_value=loose):
            app.action_show_help_panel()
        await pilot.pause()
        assert app.is_running


@run
async def test_ctrl_p_twice_in_a_burst_opens_one_palette():
    async with explorer_ready() as (app, pilot):
        for key in ("ctrl+p", "ctrl+p", "ctrl+p"):  # one burst: queued before any is handled
            app.post_message(events.Key(key, None))
        await pilot.pause(0.3)
        assert sum(isinstance(s, SafeCommandPalette) for s in app.screen_stack) == 1
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert not any(isinstance(s, SafeCommandPalette) for s in app.screen_stack)
