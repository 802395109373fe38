"""Every screen of the app is laid out for the terminal's size as it is now.

Textual lays a screen out for the size its Resize event carries (and lays out the screens
showing under a dialog at that size too); when that changes the screen's size, the layout
posts the screen another Resize of its new size.  A Resize can be stale: the terminal was
resized twice while the app was busy, and both sizes reached the screen before it handled
the first.  Laid out for the older size, the screen posts itself a Resize of it; laid out
for the newer, another of that one; whenever other messages separate them in the queue
(Textual merges only neighbouring Resizes), the two sizes chase each other for good.
While updates are batched each layout queues a callback, so the loop feeds itself; the
screen's message loop never waits while its queue holds a message, so the app stopped
reading keys and drawing while its memory grew (the 10-minute monkey's hang).

Laid out for the terminal's size, a stale Resize changes nothing and posts nothing.
"""

from __future__ import annotations

from typing import Any

from textual.geometry import Size
from textual.screen import Screen


class TerminalSized(Screen[Any]):
    """A screen that is laid out for the terminal's size, whatever size a Resize says.

    A base after the screen class whose styles it keeps (Textual reads a class's default
    CSS and component classes along the first bases only):
    ``class Dialog(ModalScreen[bool], TerminalSized)``; a plain screen derives from it alone.
    """

    def _screen_resized(self, size: Size) -> None:
        # Textual's hook for a Resize of the screen on view and of the ones under it.
        super()._screen_resized(self.app.size)
