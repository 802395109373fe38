"""The results table: a*, loss at a* and at the current a, by notes, exact and simulation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from superpos_model import AGREE_SE, CheckReport
from superpos_model.views.explorer import rankings, table_rows

from ..format import number, ranking_text, with_se, z_verdict
from .scheme_style import STYLES

QUANTITY_LABELS = {"a_opt": "a*", "loss_at_opt": "L(a*)", "loss_at_a": "L(a)"}
COLUMNS = ("scheme", "", "notes", "exact", "simulated ± SE", "sim vs exact", "L/T")
CAPTION = (
    "L(a) = loss at readout scale a: squared error per sample, summed over all "
    "T features; L/T = exact loss per feature"
)


def row_key(scheme: str, quantity: str) -> str:
    return f"{scheme}:{quantity}"


class ResultsTable(Vertical):
    """The numbers behind the plot, exactly as the model computes them."""

    def compose(self) -> ComposeResult:
        yield Static(CAPTION, id="table-caption", markup=False)
        table: DataTable[str] = DataTable(id="results", cursor_type="row", zebra_stripes=True)
        self._columns = table.add_columns(*COLUMNS)
        yield table
        yield Static(id="ranking", markup=False)

    def show(self, report: CheckReport | None, a: float | None) -> None:
        table = self.query_one(DataTable)
        if report is None:
            table.clear()
            self.query_one("#ranking", Static).update("computing…")
            return
        rows = table_rows(report, a)
        numbers = [
            [
                number(row.notes),
                number(row.exact),
                with_se(row.simulated, row.se),
                z_verdict(row.z_score, AGREE_SE),
                "" if row.per_feature is None else number(row.per_feature, 6),
            ]
            for row in rows
        ]
        # Right-aligned to a common width, so decimal points line up down each column.
        widths = [max(len(cells[i]) for cells in numbers) for i in range(len(numbers[0]))]
        content = {
            row_key(row.scheme, row.quantity): [
                Text(row.scheme, style=f"bold {STYLES[row.scheme].hex}"),
                f"L(a={a:g})" if row.quantity == "loss_at_a" else QUANTITY_LABELS[row.quantity],
                *(
                    cell if i == 3 else cell.rjust(width)
                    for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
                ),
            ]
            for row, cells in zip(rows, numbers, strict=True)
        }
        if [key.value for key in table.rows] == list(content):
            # Same rows: update in place, which keeps the cursor and spares a relayout.
            for key, cells in content.items():
                for column, cell in zip(self._columns, cells, strict=True):
                    table.update_cell(key, column, cell, update_width=True)
        else:
            cursor = table.cursor_row
            table.clear()
            for key, cells in content.items():
                table.add_row(*cells, key=key)
            table.move_cursor(row=min(cursor, table.row_count - 1), animate=False)
        lines = [
            ranking_text(ranking, a if where == "at_a" else None)
            for where, ranking in rankings(report, a).items()
        ]
        self.query_one("#ranking", Static).update("\n".join(lines))
