"""The footer: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's footer, rebuilt only when what it shows changes.

    Textual's footer rebuilds every key it shows whenever the screen's bindings are
    refreshed, which happens on every change of focus: a tab from field to field
    mounted, styled and laid out some twenty widgets to show the same keys again
    (about a tenth of a second each time on a 2-core machine).  This footer compares
    what it would show with what it shows and rebuilds only when they differ.
    """

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__(compact=compact, show_command_palette=show_command_palette)
        self._shown: Hashable | None = None

    def shown(self, screen: Screen) -> Hashable:
        """What the footer shows for ``screen``'s bindings: every field compose reads."""
        return (
            self.show_command_palette,
            self.combine_groups,
            tuple(
                (key, enabled, tooltip, binding)
                for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
            ),
        )

    def bindings_changed(self, screen: Screen) -> None:
        # Textual's footer rebuilds under these same conditions; only then is what it
        # will show recorded, so that a skipped rebuild never hides a change.
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = self.shown(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
