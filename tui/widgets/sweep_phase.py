"""The phase diagrams as character grids, with the cursor's cell highlighted.

The grid is the sweep command's (:func:`tui.sweep_text.grid_lines`): letters and
marks carry the winner and its margin, so it reads without colour; the letter
also takes its scheme's colour, and the cursor's cell is drawn reversed.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from superpos_model.sweep import PhaseDiagram
from superpos_model.views.sweep import LEGEND, LETTERS

from ..sweep_text import grid_lines, phase_heading
from .scheme_style import STYLES

#: Columns a cell takes on the grid.
CELL_WIDTH = 3
#: Columns of padding left of the grid (the widget's CSS).
PADDING = 1
_COLOURS = {letter: STYLES[name].hex for name, letter in LETTERS.items()}


def phase_text(diagrams: tuple[PhaseDiagram, ...], cell: tuple[int, int]) -> Text:
    """Every diagram's heading and grid, then the legend; cell (i, j) reversed in each."""
    text = Text()
    i, j = cell
    for d in diagrams:
        lines, start = grid_lines(d)
        text.append(phase_heading(d) + "\n", style="bold")
        cursor_line = len(d.y_values) - i
        for number, line in enumerate(lines):
            row = Text(line)
            if 1 <= number <= len(d.y_values):
                for k in range(len(d.x_values)):
                    at = start + CELL_WIDTH * k
                    colour = _COLOURS.get(line[at : at + 1])
                    if colour:
                        row.stylize(f"bold {colour}", at, at + 1)
            if number == cursor_line:
                at = start + CELL_WIDTH * j
                row.stylize("reverse", at, at + 2)
            text.append_text(row)
            text.append("\n")
        text.append("\n")
    text.append("\n".join(LEGEND))
    return text


def cell_position(d: PhaseDiagram, i: int, j: int) -> tuple[int, int]:
    """(line, column) of cell (i, j) of the first diagram in :func:`phase_text` (padding
    included)."""
    start = grid_lines(d)[1]
    return 1 + len(d.y_values) - i, PADDING + start + CELL_WIDTH * j


class PhaseGrid(Static):
    """The phase diagrams of a result, and the cursor over their cells."""

    can_focus = True

    def show(self, diagrams: tuple[PhaseDiagram, ...], cell: tuple[int, int]) -> None:
        self.update(phase_text(diagrams, cell) if diagrams else "")
