"""Typing a path into the export dialog replaces the proposed one, and the proposal is
marked by more than colour."""

from __future__ import annotations

from textual.widgets import Input

from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.screens.export_dialog import ExportDialog


@run
async def test_a_typed_path_replaces_the_proposal():
    app = SuperposApp(make_params(T=300, D=40, z=3, samples=400))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        box = dialog.query_one("#export-path", Input)
        style = box.get_component_rich_style("input--selection")
        assert style.underline or style.reverse  # not by colour alone
        await pilot.press(*"/tmp/nc_export.csv")
        assert box.value == "/tmp/nc_export.csv"
        await pilot.press("escape")
