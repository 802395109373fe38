"""Textual's command palette, safe against keys that arrive in one burst.

Bursts of keys end the app with Textual 8.2's own palette in these ways:

* ctrl+p followed at once by page up/down reaches ``OptionList._move_page``
  before the list has lines (KeyError).  A page move with nothing drawn has
  nowhere to go, so it is skipped.
* Enter twice: the second selects again on a palette already dismissed, which
  pops the screen under it (ScreenStackError).  A palette off the stack is
  dismissed already, so the second time does nothing.
* Closed by the burst that opened it or typed into it: the search worker can
  start, and its busy and list-visible flags can change, after the palette's
  widgets are gone (NoMatches).  With no list there is nothing to show the
  results or the flags in, so the search ends and the flags go unshown.  Keys
  that reach it without its list (before it mounts, or as it goes) do nothing,
  except escape.
* Dismissed while a screen from the same burst is above it: Textual would pop
  that screen; the palette stays until it is on top again.

And a search of any length: every key searches again with the whole query, so
thousands of typed characters (the 10-minute monkey's) cost seconds per key and a
growing heap.  No command name is long; the query stops at :data:`QUERY_CHARS`.
"""

from __future__ import annotations

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandInput, CommandList, CommandPalette
from textual.css.query import NoMatches

from ..screens.sizing import TerminalSized

#: The longest search the palette takes (its longest command name is under 40).
QUERY_CHARS = 80

#: Textual's search, undecorated, to run inside this palette's own worker.
_GATHER = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]


class SafeCommandPalette(CommandPalette, TerminalSized):
    """:class:`~textual.command.CommandPalette` that a burst of keys cannot end the app with."""

    def on_mount(self) -> None:
        self.query_one(CommandInput).max_length = QUERY_CHARS

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except (KeyError, IndexError):
            if not action.startswith("page_"):
                raise

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        try:
            await _GATHER(self, search_value)
        except NoMatches:
            if not self._parts_gone():
                raise  # not the closing race: a real fault

    def _parts_gone(self) -> bool:
        """Whether the palette's widgets are gone: it is being removed."""
        return not self.query(CommandList)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "escape" and self._parts_gone():
            return False  # its list is not mounted yet, or no longer: nothing to move in
        return super().check_action(action, parameters)

    async def _watch__show_busy(self) -> None:
        if not self._parts_gone():
            await super()._watch__show_busy()

    def _watch__list_visible(self) -> None:
        if not self._parts_gone():
            super()._watch__list_visible()

    def _refresh_command_list(self, *args: object, **kwargs: object) -> None:
        if self not in self.app.screen_stack:
            return  # closed while its search ran
        super()._refresh_command_list(*args, **kwargs)  # type: ignore[arg-type]

    def dismiss(self, result: object = None) -> AwaitComplete:
        if self.app.screen is not self:
            # Dismissed by an earlier key of the same burst, or a screen opened above it in
            # the meantime: Textual would pop that screen instead and, at the palette's next
            # dismissal, set its result a second time.  It stays until it is on top again.
            return AwaitComplete()
        return super().dismiss(result)  # type: ignore[arg-type]
