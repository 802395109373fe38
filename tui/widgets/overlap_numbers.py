"""The interference numbers: measured ± SE beside the formulas, and what was examined.

The rows are :func:`tui.interference_numbers.numbers_rows`, shared with the export and the
``interference`` command.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from superpos_model.interference import InterferenceAnalysis

from ..interference_numbers import examined_text, numbers_rows

COLUMNS = ("quantity", "measured ± SE", "theory / bound")


class InterferenceNumbers(Vertical):
    """The numbers table and, under it, what they were measured on."""

    def compose(self) -> ComposeResult:
        yield DataTable(id="numbers", show_cursor=False, zebra_stripes=True)
        yield Static(id="examined", markup=False)

    def show(self, analysis: InterferenceAnalysis | None) -> None:
        table = self.query_one(DataTable)
        rows = numbers_rows(analysis) if analysis is not None else {}
        # Widths are set, not left to the table: a header drawn while automatic widths
        # are still settling can keep its old, narrower columns.
        widths = [
            max(cell_len(text) for text in (title, *(cells[i] for cells in rows.values())))
            for i, title in enumerate(COLUMNS)
        ]
        table.clear(columns=True)
        for title, width in zip(COLUMNS, widths, strict=True):
            table.add_column(title, width=width)
        for key, cells in rows.items():
            table.add_row(*cells, key=key)
        examined = examined_text(analysis) if analysis is not None else ""
        self.query_one("#examined", Static).update(examined)
