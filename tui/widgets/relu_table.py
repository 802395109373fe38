"""The table of a readout with a bias (ReLU under squared error, or the logits under
cross-entropy): the best (a*, b*) of every scheme and the loss at the chosen (a, b).

Exact, the Gaussian formula (random only) and the simulation ± SE at the same
readout, and the winner with its margin as a factor.  A scheme whose loss has no
minimum shows how it approaches its limit (a → ∞), and its numbers at the finite
point near the limit where it was simulated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from superpos_model import AGREE_SE

from ..format import number, standing_text, with_se, z_verdict
from .scheme_style import STYLES

if TYPE_CHECKING:
    from superpos_model.views.relu import ReluExplorer

COLUMNS = ("scheme", "a, b", "exact", "Gaussian", "simulated ± SE", "sim vs exact")
CAPTION = (
    "ReLU(a·WᵀW·y − b): loss per sample, summed over T features; * = the best (a*, b*); "
    "Gaussian = normal approximation (random)"
)
#: Under cross-entropy (the explorer's ``loss``): what differs from the ReLU caption.
CROSS_ENTROPY_CAPTION = (
    "logits a·WᵀW·y − b, binary cross-entropy per sample, summed over T features; "
    "* = the best (a*, b*); a→∞: no minimum, numbers at a point near the limit; "
    "Gaussian = normal approximation (random)"
)


def readout_cell(a: float, b: float, best: bool, limit: str = "") -> str:
    """'1.73, 0.936 *' for a best readout, '1.2, 0.5' otherwise, 'a→∞ (16, 5.4)' for the
    finite point near a limit."""
    if limit:
        return f"{limit.replace(' ', '')} ({a:.3g}, {b:.3g})"
    return f"{a:.3g}, {b:.3g}" + (" *" if best else "  ")


def winner_text(view: ReluExplorer) -> str:
    """'at each (a*, b*): random wins, 1.0223 against multi's 4.4820 (exact): 4.38× lower'."""
    return standing_text(view.report.standing(), "at each (a*, b*)")


class ReluTable(Vertical):
    """The numbers behind the ReLU plot, exactly as the model computes them."""

    def compose(self) -> ComposeResult:
        yield Static(CAPTION, id="relu-caption", markup=False)
        table: DataTable[str] = DataTable(id="relu-results", cursor_type="row", zebra_stripes=True)
        table.add_columns(*COLUMNS)
        yield table
        yield Static(id="relu-ranking", markup=False)

    def show(self, view: ReluExplorer | None) -> None:
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        ranking = self.query_one("#relu-ranking", Static)
        relu = view is None or view.loss == "mse"
        self.query_one("#relu-caption", Static).update(CAPTION if relu else CROSS_ENTROPY_CAPTION)
        if view is None:
            ranking.update("computing…")
            return
        from superpos_model.views.relu import relu_rows

        for row in relu_rows(view):
            table.add_row(
                Text(row.scheme, style=f"bold {STYLES[row.scheme].hex}"),
                readout_cell(row.a, row.b, row.quantity == "opt", row.limit).rjust(13),
                number(row.exact).rjust(8),
                ("—" if row.gaussian is None else number(row.gaussian)).rjust(8),
                with_se(row.simulated, row.se),
                z_verdict(row.z_score, AGREE_SE),
                key=f"{row.scheme}:{row.quantity}",
            )
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1), animate=False)
        from superpos_model.relu import ReluCheckReport

        report = view.report  # a threshold or an intercept is the ReLU readout's b only
        intercept = report.intercept_sentence() if isinstance(report, ReluCheckReport) else None
        ranking.update(winner_text(view) + (f"\n{intercept}" if intercept else ""))
