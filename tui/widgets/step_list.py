"""Every step of the walkthrough, grouped under its chain, each with its verdict's symbol."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from superpos_model.steps import Step

from .step_format import list_label

CHAIN_PREFIX = "chain:"


class StepList(OptionList):
    """Chain headings (not selectable) and steps; an option's id is its step's key."""

    def show(self, steps: list[Step], current: str) -> None:
        """Replace the options with ``steps`` and highlight the step keyed ``current``."""
        options: list[Option] = []
        chain = None
        for step in steps:
            if step.chain != chain:
                chain = step.chain
                heading = Text(chain, style="bold underline")
                options.append(Option(heading, id=f"{CHAIN_PREFIX}{chain}", disabled=True))
            options.append(Option(list_label(step), id=step.key))
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            self.highlight_step(current)

    def action_page_down(self) -> None:
        if self._has_room():
            super().action_page_down()

    def action_page_up(self) -> None:
        if self._has_room():
            super().action_page_up()

    def _has_room(self) -> bool:
        # Hidden (the presenter folds the list) or squeezed to nothing, the list has no lines
        # to page through: Textual's page keys then raised KeyError (a key of the burst that
        # folded it, after new steps were shown; found by the 10-minute monkey).
        return bool(self.scrollable_content_region)

    def highlight_step(self, key: str) -> None:
        index = self.get_option_index(key)
        if self.highlighted != index:
            self.highlighted = index
