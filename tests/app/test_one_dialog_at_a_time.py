"""Dialogs never stack: with one up, the help, the palette and an export are refused.

Stacked dialogs (help, export and palette opened by the keys of one burst) made every
resize reflow every screen beneath every dialog, each reflow resizing the dialogs
again: the 10-minute monkey found the app spinning on resizes, its memory growing.
"""

from __future__ import annotations

from textual.screen import ModalScreen

from superpos_model import make_params
from tests.helpers.apptools import run, settle, until
from tui.app import SuperposApp

SMALL = make_params(T=300, D=40, z=3, samples=400)


def dialogs(app: SuperposApp) -> list[str]:
    return [type(s).__name__ for s in app.screen_stack if isinstance(s, ModalScreen)]


@run
async def test_no_dialog_opens_over_another():
    app = SuperposApp(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for first, others in [
            ("help", ["command_palette", "export"]),
            ("command_palette", ["help", "export"]),
        ]:
            await app.run_action(first)
            await pilot.pause(0.3)
            opened = dialogs(app)
            assert len(opened) == 1, opened
            for action in others:  # as the palette's entries or a key of the burst run them
                await app.run_action(action)
                await pilot.pause(0.3)
                assert dialogs(app) == opened, (first, action)
            await pilot.press("escape")
            await pilot.pause(0.3)
            assert dialogs(app) == []


@run
async def test_the_export_of_a_burst_gives_way_to_a_dialog_opened_before_it():
    # ctrl+s opens its dialog a refresh later; a ? of the same burst gets there first.
    app = SuperposApp(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.action_export()
        app.action_help()  # before the export's dialog, as a key right behind ctrl+s
        await pilot.pause(0.5)
        assert dialogs(app) == ["HelpScreen"]
        await pilot.press("escape")
        await pilot.pause(0.3)
        await pilot.press("ctrl+s")  # and the export still opens once the help is closed
        await until(pilot, lambda: dialogs(app) != [])
        assert dialogs(app) == ["ExportDialog"]


@run
async def test_typing_has_a_bound_in_every_field():
    # Every key searches the palette again with the whole query, and a field's cost per
    # key grows with its length: the 10-minute monkey typed 15 000 characters into the
    # palette, each key slower than the last, the heap growing 100 MB a minute.
    from textual.command import CommandInput
    from textual.widgets import Input

    from tui.widgets.palette import QUERY_CHARS

    app = SuperposApp(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        query = app.screen.query_one(CommandInput)
        await pilot.press(*"x" * (QUERY_CHARS + 5))
        assert len(query.value) == QUERY_CHARS
        await pilot.press("escape")
        await pilot.pause(0.3)
        for screen_key in ("f2", "f7"):
            await pilot.press(screen_key)
            await settle(pilot)
            unbounded = [box.id for box in app.screen.query(Input) if not box.max_length]
            assert unbounded == [], screen_key
        await pilot.press("ctrl+s")
        await until(pilot, lambda: dialogs(app) != [])
        assert [box.max_length for box in app.screen.query(Input)] == [4096]
