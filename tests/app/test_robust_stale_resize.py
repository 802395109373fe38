"""A Resize that arrives after the terminal has changed again ends at the terminal's size.

The 10-minute tmux monkey's hang: the terminal resized twice while the app was busy, so a
screen held two Resizes of different sizes with other messages between them; Textual lays
a screen out for the size its Resize carries and, when that changes its size, posts it a
Resize of the new size.  Laid out for one size, then the other, each layout queued the
next, for good (while updates were batched each layout also queued a callback, keeping the
two apart): the app busy in ``Screen._on_resize``, deaf to keys, its memory growing.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.geometry import Size
from textual.message import Message

from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.screens.sizing import TerminalSized

#: Far more Resizes than a change of size takes (one from the terminal, one from the layout).
LIMIT = 40


def count_resizes(screen) -> list[Size]:
    """The sizes of the Resizes posted to ``screen`` from now on; past :data:`LIMIT`, no more
    are let through (else a loop would never let the test end)."""
    posted: list[Size] = []

    def enabled(message: Message) -> bool:
        if isinstance(message, events.Resize):
            posted.append(message.size)
            return len(posted) <= LIMIT
        return True

    screen.check_message_enabled = enabled
    return posted


@pytest.mark.parametrize(
    "key, dialog",
    [("f3", None), ("f6", "question_mark"), ("f7", "ctrl+p"), ("f2", "ctrl+s")],
)
@run
async def test_two_stale_resizes_do_not_relayout_the_screen_for_good(key, dialog):
    app = SuperposApp(make_params(T=300, D=30, z=3, samples=300))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        await settle(pilot)
        if dialog:
            await pilot.press(dialog)
            await pilot.pause(0.3)
        screens = app.screen_stack  # the screen on view, and the one under a dialog
        posted = [count_resizes(screen) for screen in screens]
        # While updates are batched (a widget recomposing, a mode switch), as the app's own
        # timer would post them after two quick resizes it had no time to handle.
        with app.batch_update():
            for width, height in ((80, 24), (200, 60)):
                for screen in screens:
                    screen.post_message(events.Resize(Size(width, height), Size(width, height)))
                    screen.call_later(lambda: None)  # some other message between
            for _ in range(20):
                await pilot.pause(0.02)
        await pilot.pause(0.3)
        counts = [len(sizes) for sizes in posted]
        assert max(counts) < 10, f"resizes posted to {screens}: {counts}"
        for screen in screens:
            assert screen.outer_size == Size(120, 40), f"{screen} laid out for a stale size"


def test_every_screen_of_the_app_is_laid_out_for_the_terminal_size():
    from tui.screens.base import ParamsScreen
    from tui.screens.confirm_run import ConfirmRun
    from tui.screens.export_dialog import ExportDialog
    from tui.screens.help import HelpScreen
    from tui.widgets.palette import SafeCommandPalette

    for screen in (ParamsScreen, ConfirmRun, ExportDialog, HelpScreen, SafeCommandPalette):
        assert issubclass(screen, TerminalSized), screen
