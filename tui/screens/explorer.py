"""The explorer: parameters, the loss-versus-a plot and the results table on one screen.

It computes the check report (every scheme's notes, exact and simulated loss) for
the app's parameters and draws it at the app's a: every loss is a quadratic in
a, so moving a only redraws.  Curves and rows come from
:mod:`superpos_model.views.explorer`.

With the ReLU readout, or the linear logits under cross-entropy (the app's
``readout``, key r cycles linear → ReLU → cross-entropy), the screen computes
:func:`superpos_model.views.relu.relu_explorer` (under the matching loss) instead and
shows it in the plot and table of a readout with a bias (:mod:`tui.widgets.relu_plot`,
:mod:`tui.widgets.relu_table`); that model, and SciPy with it, is imported only then,
in the worker.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import DataTable, Static, Tab, Tabs

from superpos_model import SCHEMES, CheckReport, Monitor, Params, run_check
from superpos_model.readout import Readout
from superpos_model.views.explorer import (
    CSV_COLUMNS,
    export_comments,
    export_object,
    export_rows,
    loss_curves,
)

from ..commands import Command
from ..export import ExportTable, settings_record
from ..format import point_text
from ..widgets.loss_plot import LossPlot, legend
from ..widgets.relu_plot import ReluPlot, relu_legend
from ..widgets.relu_table import ReluTable
from ..widgets.results_table import ResultsTable
from ..widgets.scheme_style import STYLES
from .base import ParamsScreen

if TYPE_CHECKING:
    from superpos_model.views.relu import ReluExplorer


def readout_of(result: object) -> str:
    """Which readout (of :data:`~superpos_model.readout.READOUTS`) a result is for."""
    return "linear" if isinstance(result, CheckReport) else str(getattr(result, "kind", "relu"))


HELP_TEXT = """## Explorer

**r** (or the panel's readout choice) cycles the readout and the loss:

- **linear + MSE**: ŷ = a·WᵀW·y, squared error; exact, notes' and simulated loss at every a.
- **ReLU + MSE**: ŷ = ReLU(a·WᵀW·y − b); each scheme's loss at each a with b at its best,
  its best (a*, b*), and exact / Gaussian / simulated ± SE there.
- **linear logits + cross-entropy**: a·WᵀW·y − b read as logits, binary cross-entropy per
  feature (log(1 + e^−t) when active, log(1 + e^t) when not), summed over T. The same plot
  and table; a scheme with no minimum (single: its loss falls as a → ∞) shows the limit
  its curve falls toward (dashed line) and its numbers at a point near it.

With ReLU or cross-entropy the panel gains the bias b, used once a is set.
"""


#: The footer's one entry for the scheme toggles.
SCHEMES_GROUP = Binding.Group("Schemes", compact=True)


class ResultsView(Vertical):
    """The plot and the table (the keys that change them are the screen's)."""


class ExplorerScreen(ParamsScreen["CheckReport | ReluExplorer"]):
    """Change T, D, z, a, samples or seed and watch every scheme's loss respond."""

    # On the screen, not the plot: they work whichever pane (or tab) has focus.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "toggle_zoom", "Zoom"),
        Binding("l", "toggle_log", "Log y"),
        *(
            Binding(style.key, f"toggle_scheme('{name}')", name.capitalize(), group=SCHEMES_GROUP)
            for name, style in STYLES.items()
        ),
        Binding("ctrl+t", "toggle_view", "Plot/Table"),
    ]
    EXPORT_WHAT = "the explorer's curves and table"
    HELP_TEXT = HELP_TEXT
    #: Every loss is a quadratic in a: the report has every a.
    USES_A = False
    #: The parameter panel shows the readout switch and, with ReLU, the bias b.
    READOUT_SWITCH = True

    shown: reactive[frozenset[str]] = reactive(frozenset(SCHEMES))
    zoom: reactive[bool] = reactive(False)
    log_scale: reactive[bool] = reactive(False)
    view: reactive[str] = reactive("plot")
    #: Whether a plot redraw is already scheduled after the next frame.
    _plot_pending = False

    def compose_results(self) -> ComposeResult:
        with Vertical(id="main"):
            yield Tabs(Tab("Plot", id="plot-tab"), Tab("Table", id="table-tab"), id="view-tabs")
            with ResultsView(id="views"):
                with Vertical(id="plot-pane"):
                    yield LossPlot(id="plot")
                    yield Static(id="legend")
                    yield ReluPlot(id="relu-plot")
                    yield Static(id="relu-legend")
                yield ResultsTable(id="table-pane")
                yield ReluTable(id="relu-table-pane")

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "readout", self._readout_changed)

    def _readout_changed(self, readout: Readout) -> None:
        """A new readout or bias: redraw what is there, compute what is not.

        Until the new readout's result arrives, the last one stays on screen (with
        its own plot and table) and the status line says it is being updated.
        """
        if self.result is None:
            self._show_readout(readout.uses_bias)
        if not self.is_current or self.result is None:
            return
        if self.result_params is not None and self.same_point(self.result_params, self.app.params):
            self.show_result()
        else:
            self._request()

    def _show_readout(self, relu: bool) -> None:
        """Show the plot, legend and table of one readout and hide the other's (``relu``:
        those of a readout with a bias, ReLU's or cross-entropy's)."""
        hidden = self.query_one("#plot").has_class("-other-readout")
        if hidden == relu and self.query_one("#relu-plot").has_class("-other-readout") != relu:
            return  # already so
        for selector, for_relu in (
            ("#plot", False),
            ("#legend", False),
            ("#table-pane", False),
            ("#relu-plot", True),
            ("#relu-legend", True),
            ("#relu-table-pane", True),
        ):
            self.query_one(selector).set_class(for_relu != relu, "-other-readout")
        self.keep_focus_on_view()  # the pane that had focus may be hidden now

    @property
    def _shows_relu(self) -> bool:
        """Whether the result on show (else, before the first, the app's readout) has a bias:
        ReLU's or cross-entropy's, drawn by the same plot and table."""
        if self.result is None:
            return self.app.readout.uses_bias
        return readout_of(self.result) != "linear"

    def same_point(self, one: Params, other: Params) -> bool:
        """With a bias every (a, b) is its own result; a result for another readout is no match."""
        readout = self.app.readout
        if self.result is not None and readout_of(self.result) != readout.kind:
            return False
        if readout.uses_bias:
            result_b = getattr(self.result, "b", None)
            return one == other and (self.result is None or result_b == readout.b)
        return super().same_point(one, other)

    # -- the ParamsScreen contract ------------------------------------------

    def compute(self, params: Params, monitor: Monitor) -> CheckReport | ReluExplorer:
        readout = self.app.readout
        if readout.uses_bias:
            from superpos_model.relu.simulate import check_relu_budget
            from superpos_model.views.relu import (
                CROSS_ENTROPY,
                cross_entropy_explorer,
                relu_explorer,
            )

            # Cross-entropy is simulated on the ReLU readout's engine: the same budget.
            check_relu_budget(params, self.app.budget)  # a ParamError is shown, not hidden
            build = cross_entropy_explorer if readout.kind == CROSS_ENTROPY else relu_explorer
            return build(params, readout.b, monitor, self.app.session(params))
        session = self.app.session(params)
        return run_check(
            params, monitor, budget=self.app.budget, interference=False, session=session
        )

    def show_result(self) -> None:
        """Render the report at the app's current a (no recomputation needed for a).

        The table and legend are painted first and the plot right after that frame:
        the new numbers do not wait for plotext (the costlier half of a redraw).
        The result is drawn with its own readout's plot and table, whichever readout
        the app has switched to since.
        """
        relu_shown = self._shows_relu
        self._show_readout(relu_shown)
        if relu_shown:
            relu = None if isinstance(self.result, CheckReport) else self.result
            a = self.app.params.a
            self.query_one(ReluPlot).show(relu, self.shown, self.zoom, self.log_scale, a)
            self.query_one("#relu-legend", Static).update(
                relu_legend(relu, self.shown, self.zoom, self.log_scale, a)
            )
            self.query_one(ReluTable).show(relu)
            return
        a = self.app.params.a
        report = self.result if isinstance(self.result, CheckReport) else None
        self.query_one("#legend", Static).update(legend(self.shown, self.zoom, self.log_scale, a))
        self.query_one(ResultsTable).show(report, a)
        if not self._plot_pending:
            self._plot_pending = True
            self.call_after_refresh(self._show_plot)

    def _show_plot(self) -> None:
        self._plot_pending = False
        report, a = self.result, self.app.params.a
        if not isinstance(report, CheckReport):
            report = None
        curves = loss_curves(report, a) if report is not None else None
        self.query_one(LossPlot).show(curves, self.shown, self.zoom, self.log_scale)

    def status_text(self, params: Params) -> str:
        assert self.result is not None
        if not isinstance(self.result, CheckReport):
            return f"{point_text(params)}  ·  {self.result.readout_text}"
        return f"{point_text(params)}  ·  random: a fresh W per sample"

    def export_settings(self, params: Params) -> dict[str, object]:
        readout = readout_of(self.result)
        return settings_record(params, readout, getattr(self.result, "b", None))

    def export_table(self) -> ExportTable:
        assert self.result is not None
        if not isinstance(self.result, CheckReport):
            from superpos_model.views import relu as relu_view

            return ExportTable(
                relu_view.CSV_COLUMNS,
                relu_view.export_rows(self.result),
                relu_view.export_object(self.result),
            )
        curves = loss_curves(self.result, self.app.params.a)
        return ExportTable(
            CSV_COLUMNS,
            export_rows(self.result, curves),
            export_object(self.result, curves),
            comments=export_comments(self.result, self.app.params.a),
        )

    def leave_target(self) -> Widget:
        if self._shows_relu:
            return (
                self.query_one(ReluPlot) if self.view == "plot" else self.query_one("#relu-results")
            )
        return (
            self.query_one(LossPlot)
            if self.view == "plot"
            else self.query_one("#results", DataTable)
        )

    def commands(self) -> list[Command]:
        entries: list[Command] = [
            ("Toggle zoom to the minima", "frame the minima", self.action_toggle_zoom),
            ("Toggle log scale", "logarithmic loss axis", self.action_toggle_log),
            ("Show plot / table", "switch the view on small terminals", self.action_toggle_view),
            (
                "Switch readout: linear / ReLU / cross-entropy",
                "ŷ = a·WᵀW·y or ReLU(a·WᵀW·y − b) under MSE, or logits under cross-entropy (r)",
                self.app.action_toggle_readout,
            ),
        ]
        for name in SCHEMES:
            toggle = partial(self.action_toggle_scheme, name)
            entries.append((f"Toggle scheme {name}", f"show or hide {name} on the plot", toggle))
        return entries

    # -- view ----------------------------------------------------------------

    def watch_shown(self) -> None:
        self.show_result()

    def watch_zoom(self) -> None:
        self.show_result()

    def watch_log_scale(self) -> None:
        self.show_result()

    def watch_view(self, view: str) -> None:
        views = self.query_one("#views")
        views.set_class(view == "plot", "-show-plot")
        views.set_class(view == "table", "-show-table")
        self.show_view_tab(f"{view}-tab")

    @on(Tabs.TabActivated, "#view-tabs")
    def _tab_chosen(self, event: Tabs.TabActivated) -> None:
        chosen = self.chosen_tab(event)
        if chosen is not None:
            self.view = "plot" if chosen == "plot-tab" else "table"

    def action_toggle_zoom(self) -> None:
        self.zoom = not self.zoom

    def action_toggle_log(self) -> None:
        self.log_scale = not self.log_scale

    def action_toggle_scheme(self, name: str) -> None:
        self.shown = self.shown ^ {name}

    def action_toggle_view(self) -> None:
        self.view = "table" if self.view == "plot" else "plot"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_view" and self.has_class("-wide"):
            return False  # both are on screen: nothing to switch (and no footer entry)
        return True
