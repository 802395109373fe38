"""Asking before a long computation: keys that land in the wrong field must not silently
start a run of many minutes."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from .sizing import TerminalSized


def duration_text(seconds: float) -> str:
    """'about 40 s', 'about 3 min', 'about 2.5 h' (an estimate: one significant figure or two)."""
    if seconds < 90:
        return f"about {seconds:.0f} s"
    if seconds < 5400:
        return f"about {seconds / 60:.0f} min"
    return f"about {seconds / 3600:.2g} h"


class ConfirmRun(ModalScreen[bool], TerminalSized):
    """'This takes about …; run it?'  Dismisses True only on y or the Run button.

    Focus stays on Cancel (Run takes no focus: a tab from the burst cannot reach it),
    so an enter or any other key still arriving from a burst of typing does not start
    the run; only y or a click does.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "run", "Run"),
        Binding("n,escape", "cancel", "Keep the last parameters"),
    ]

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__()
        self._what = what
        self._seconds = seconds

    def _message(self) -> str:
        return (
            f"{self._what} takes {duration_text(self._seconds)} to compute (an estimate).\n"
            "y runs it; n or esc keeps the last parameters."
        )

    def ask_instead(self, what: str, seconds: float) -> None:
        """Ask about newer parameters in this same dialog: keys typed in one burst each
        change the field, and one question (about the last value) must stand for them all."""
        self._what, self._seconds = what, seconds
        if self.is_mounted:
            self.query_one("#confirm-message", Static).update(self._message())

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Label("A long computation", id="confirm-title")
            yield Static(self._message(), id="confirm-message", markup=False)
            with Horizontal(id="confirm-buttons"):
                run = Button("Run (y)", id="confirm-run", variant="warning")
                run.can_focus = False
                yield run
                yield Button("Cancel (n)", id="confirm-cancel", variant="primary")

    def on_mount(self) -> None:
        # Nothing to focus if closed before it was mounted (see ExportDialog.on_mount).
        for cancel in self.query("#confirm-cancel"):
            cancel.focus()

    @on(Button.Pressed, "#confirm-run")
    def action_run(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
