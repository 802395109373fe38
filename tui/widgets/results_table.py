"""The results table: a*, loss at a* and at the current a, by notes, exact and simulation."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Resize
from textual.widgets import DataTable, Static

from superpos_model import AGREE_SE, CheckReport
from superpos_model.views.explorer import rankings, table_rows

from ..format import fixed, fixed_se, order_text, z_verdict
from .scheme_style import STYLES

QUANTITY_LABELS = {"a_opt": "a*", "loss_at_opt": "L(a*)", "loss_at_a": "L(a)"}
COLUMNS = ("scheme", "", "notes", "exact", "simulated ± SE", "sim vs exact", "L/T")
#: DataTable pads every cell by one column on each side.
CELL_PADDING = 2
CAPTION = (
    "L(a) = loss at readout scale a{at}: squared error per sample, summed over all "
    "T features; L/T = exact loss per feature"
)


def row_key(scheme: str, quantity: str) -> str:
    return f"{scheme}:{quantity}"


def compact_verdict(z_score: float, tolerance: float) -> str:
    """'✓ +1.2 SE' or '✗ −5.0 SE': the verdict where 'agrees (+1.2 SE)' does not fit."""
    word = z_verdict(z_score, tolerance)
    if "(" not in word:
        return word
    mark = "✓" if word.startswith("agrees") else "✗"
    return f"{mark} {word[word.index('(') + 1 : -1]}"


def table_cells(
    report: CheckReport, a: float | None, compact: bool = False
) -> dict[str, list[str]]:
    """Row key → the number cells (notes, exact, simulated ± SE, verdict, L/T)."""
    verdict = compact_verdict if compact else z_verdict
    return {
        row_key(row.scheme, row.quantity): [
            fixed(row.notes),
            fixed(row.exact),
            fixed_se(row.simulated, row.se),
            verdict(row.z_score, AGREE_SE),
            "" if row.per_feature is None else fixed(row.per_feature, 6),
        ]
        for row in table_rows(report, a)
    }


def _widths(cells: dict[str, list[str]]) -> list[int]:
    labels = [*QUANTITY_LABELS.values(), *STYLES]
    first = [max(cell_len(n) for n in STYLES), max(cell_len(label) for label in labels)]
    rest = [
        max(cell_len(text) for text in (title, *(row[i] for row in cells.values())))
        for i, title in enumerate(COLUMNS[2:])
    ]
    return [max(cell_len(COLUMNS[0]), first[0]), first[1], *rest]


class ResultsTable(Vertical):
    """The numbers behind the plot, exactly as the model computes them.

    Column widths are set from the cells, never left to the table: a header drawn
    while automatic widths are still settling can keep its old, narrower columns.
    Where the full verdicts would not fit the width, they are written compactly.
    """

    def compose(self) -> ComposeResult:
        yield Static(CAPTION.format(at=""), id="table-caption", markup=False)
        yield DataTable(id="results", cursor_type="row", zebra_stripes=True)
        yield Static(id="ranking", markup=False)

    def on_mount(self) -> None:
        self._shown: tuple[CheckReport | None, float | None] = (None, None)
        self._layout: tuple[list[int], list[str]] | None = None

    def on_resize(self, event: Resize) -> None:
        if self._shown[0] is not None:
            self.show(*self._shown)

    def _cells(
        self, report: CheckReport, a: float | None
    ) -> tuple[dict[str, list[str]], list[int]]:
        cells = table_cells(report, a)
        widths = _widths(cells)
        room = self.size.width or self.app.size.width
        if sum(widths) + CELL_PADDING * len(widths) > room:
            cells = table_cells(report, a, compact=True)
            widths = _widths(cells)
        return cells, widths

    def show(self, report: CheckReport | None, a: float | None) -> None:
        table: DataTable[str | Text] = self.query_one(DataTable)
        self._shown = (report, a)
        caption = CAPTION.format(at="" if a is None else f" = {a:g}")
        self.query_one("#table-caption", Static).update(caption)
        if report is None:
            table.clear()
            self._layout = None  # no cells left to update in place
            self.query_one("#ranking", Static).update("computing…")
            return
        cells, widths = self._cells(report, a)
        content: dict[str, list[str | Text]] = {
            key: [
                Text(key.split(":")[0], style=f"bold {STYLES[key.split(':')[0]].hex}"),
                QUANTITY_LABELS[key.split(":")[1]],
                # Right-aligned to the column, so decimal points line up down each column.
                *(
                    c if i == 3 else c.rjust(w)
                    for i, (c, w) in enumerate(zip(row, widths[2:], strict=True))
                ),
            ]
            for key, row in cells.items()
        }
        layout = (widths, list(content))
        if self._layout == layout:
            # Same rows and widths: update in place, which keeps the cursor and spares a relayout.
            for key, row_cells in content.items():
                for column, cell in zip(table.columns, row_cells, strict=True):
                    table.update_cell(key, column, cell)
        else:
            cursor = table.cursor_row
            table.clear(columns=True)
            for title, width in zip(COLUMNS, widths, strict=True):
                table.add_column(title, width=width)
            for key, row_cells in content.items():
                table.add_row(*row_cells, key=key)
            table.move_cursor(row=max(0, min(cursor, table.row_count - 1)), animate=False)
            self._layout = layout
        resolved = {where: r.resolved for where, r in rankings(report, a).items()}
        lines = [order_text(report_losses(report, None), None, resolved["at_opt"])]
        if a is not None:
            lines.append(order_text(report_losses(report, a), a, resolved["at_a"]))
        self.query_one("#ranking", Static).update("\n".join(lines))


def report_losses(report: CheckReport, a: float | None) -> dict[str, float]:
    """Every scheme's exact loss at its optimum (``a`` None) or at ``a``."""
    return {
        name: r.exact.minimum if a is None else float(r.exact(a))
        for name, r in report.schemes.items()
    }
