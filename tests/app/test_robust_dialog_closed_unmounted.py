"""A dialog closed before it was mounted (a key of the burst that opened it closed it, or
popped whatever was on top) ends quietly: its first focus finds nothing to focus.

Found by the 10-minute tmux monkey: ``NoMatches: No nodes match '#export-path' on
ExportDialog()`` in the dialog's ``on_mount``, and the app exited 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from superpos_model import make_params
from tests.helpers.apptools import run
from tui.app import SuperposApp
from tui.screens.confirm_run import ConfirmRun
from tui.screens.export_dialog import ExportDialog
from tui.screens.help import HelpScreen

DIALOGS = {
    "export": lambda: ExportDialog(Path("x.csv"), lambda path: "a\n", "Export"),
    "confirm": lambda: ConfirmRun("T=300", 60.0),
    "help": lambda: HelpScreen([("ctrl+s", "Export")]),
}


@pytest.mark.parametrize(
    "name, close", [("export", "pop"), ("export", "dismiss"), ("confirm", "pop"), ("help", "pop")]
)
@run
async def test_a_dialog_closed_before_it_mounted_does_not_end_the_app(name, close):
    app = SuperposApp(make_params(T=300, D=30, z=3, samples=300))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = DIALOGS[name]()
        assert app.open_dialog(dialog)
        if close == "pop":
            app.pop_screen()
        else:
            dialog.dismiss(None)
        await pilot.pause(0.3)
        assert app.screen is app.screen_stack[0]
        await pilot.press("f6")  # and the app goes on
        await pilot.pause(0.1)
        assert app.current_mode == "optimize"
    assert app.return_code in (None, 0), "the app ended on an error"
