"""The export dialog: choose a path; CSV, JSON or SVG by its suffix; never overwrite silently."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static
from textual.widgets.input import Selection

from ..export import ExportError, FileExists, expand, write
from .sizing import TerminalSized

#: Seconds after the overwrite question appears before a key may answer it: the Enters of
#: the burst that asked it (a key held down, keys typed ahead over a slow link) must not.
ANSWER_DELAY = 0.5
#: The longest path a POSIX system takes (PATH_MAX).
PATH_CHARS = 4096

HINT = (
    "typing replaces the underlined path (← → to edit it instead); the suffix picks the "
    "format: .csv (the numbers), .json (same), .svg (screenshot)"
)


class ExportDialog(ModalScreen[Path | None], TerminalSized):
    """Asks for a path and writes ``render(path)`` there; dismisses with the path written."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, default: Path, render: Callable[[Path], str], title: str = "Export") -> None:
        super().__init__()
        self._title = title
        self._default = default
        self._content = render
        self._confirmed: Path | None = None
        self._asked_at = 0.0
        # Set once the file is written: keys already queued behind the Enter that
        # wrote it must not act on a dialog that is closing.
        self._finished = False

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label(self._title, id="export-title")
            yield Input(str(self._default), id="export-path", max_length=PATH_CHARS)
            yield Static(HINT, id="export-hint", markup=False)
            yield Static(id="export-message", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", id="export-go", variant="primary")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        # Nothing to focus in a dialog closed before it was mounted (a key of the burst that
        # opened it closed it; NoMatches ended the app, found by the 10-minute monkey).
        for path in self.query("#export-path").results(Input):
            path.focus()
            # All of it: a typed path or name replaces the proposal (a name goes to the
            # current folder, the proposal's own); one arrow key keeps it for editing.
            path.selection = Selection(0, len(path.value))

    def _say(self, message: str, error: bool = True) -> None:
        box = self.query_one("#export-message", Static)
        box.update(message)
        box.set_class(error, "-error")

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._confirmed = None
        self.query_one("#export-go", Button).label = "Export"
        self._say("", error=False)

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        if self._finished:
            return
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._say("give a file name ending in .csv, .json or .svg")
            return
        try:
            path = expand(raw)
            if self._confirmed == path and time.monotonic() - self._asked_at < ANSWER_DELAY:
                return  # a key of the burst that asked: only a later press answers
            text = self._content(path)
            written = write(path, text, overwrite=self._confirmed == path)
        except FileExists as error:
            self._confirmed, self._asked_at = path, time.monotonic()
            self.query_one("#export-go", Button).label = "Overwrite"
            self._say(f"{error}: press Overwrite (or enter) to replace it, or change the name")
            return
        except ExportError as error:
            self._say(str(error))
            return
        self._finished = True
        self.dismiss(written)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        if not self._finished:
            self._finished = True
            self.dismiss(None)
