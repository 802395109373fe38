"""Command-palette providers that offer a screen's actions as a list of entries."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

#: A palette entry: its title, a line of help and what it does.
Command = tuple[str, str, Callable[[], object]]


class ScreenCommands(Provider):
    """Every entry on opening the palette; those whose title matches as the user types."""

    @abstractmethod
    def _commands(self) -> list[Command]:
        """The entries for the screen on view (none if it is not the provider's screen)."""

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
