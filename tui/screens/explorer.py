"""The explorer: parameters, the loss-versus-a plot and the results table on one screen.

It reads the app's ``params`` and ``report`` (see :mod:`tui.app`) and renders
them; it computes nothing itself beyond asking :mod:`superpos_model.explore`
for curves and rows.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ProgressBar, Static, Tab, Tabs

from superpos_model import SCHEMES, CheckReport, Params
from superpos_model.explore import loss_curves

from ..commands import Command, ScreenCommands
from ..widgets.loss_plot import LossPlot, legend
from ..widgets.params_panel import ParamsPanel
from ..widgets.results_table import ResultsTable
from ..widgets.scheme_style import STYLES

#: Below this many columns or rows the plot and the table share one area, on tabs.
WIDE_COLUMNS, WIDE_ROWS = 110, 34


class ResultsView(Vertical):
    """The plot and the table; their keys work whenever either has focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "screen.toggle_zoom", "Zoom minima"),
        Binding("l", "screen.toggle_log", "Log y"),
        *(
            Binding(style.key, f"screen.toggle_scheme('{name}')", name.capitalize())
            for name, style in STYLES.items()
        ),
    ]


class ExplorerCommands(ScreenCommands):
    """Command-palette entries for the explorer's actions."""

    def _commands(self) -> list[Command]:
        screen = self.screen
        if not isinstance(screen, ExplorerScreen):
            return []
        app = screen.app
        entries = [
            ("Export curves and table…", "CSV, JSON or an SVG screenshot", app.action_export),
            ("Toggle zoom to the minima", "frame the minima", screen.action_toggle_zoom),
            ("Toggle log scale", "logarithmic loss axis", screen.action_toggle_log),
            ("Show plot / table", "switch the view on small terminals", screen.action_toggle_view),
            ("Reseed", "next random seed: new embeddings and samples", app.action_reseed),
            ("Edit parameters", "focus the parameter inputs", screen.action_edit),
        ]
        for name in SCHEMES:
            toggle = partial(screen.action_toggle_scheme, name)
            entries.append((f"Toggle scheme {name}", f"show or hide {name} on the plot", toggle))
        return entries


def _point(params: Params) -> str:
    return (
        f"T={params.T:,}  D={params.D:,}  z={params.z:,}  {params.samples:,} samples, "
        f"seed {params.seed}"
    )


class ExplorerScreen(Screen):
    """Change T, D, z, a, samples or seed and watch every scheme's loss respond."""

    COMMANDS: ClassVar[set[type[Provider]]] = {ExplorerCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "toggle_view", "Plot/Table"),
        Binding("ctrl+g", "edit", "Edit params", show=False),
    ]

    shown: reactive[frozenset[str]] = reactive(frozenset(SCHEMES))
    zoom: reactive[bool] = reactive(False)
    log_scale: reactive[bool] = reactive(False)
    view: reactive[str] = reactive("plot")

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield ParamsPanel(id="params")
            with Vertical(id="main"):
                yield Tabs(Tab("Plot", id="plot-tab"), Tab("Table", id="table-tab"), id="view-tabs")
                with ResultsView(id="views"):
                    with Vertical(id="plot-pane"):
                        yield LossPlot(id="plot")
                        yield Static(id="legend")
                    yield ResultsTable(id="table-pane")
        yield Static(id="status", markup=False)
        yield ProgressBar(total=1.0, show_eta=False, id="progress")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "report", self._redraw, init=False)
        self.watch(self.app, "params", self._params_changed, init=False)
        self.watch(self.app, "progress", self._show_progress)
        self._redraw()
        self.query_one("#field-T").focus()

    def on_resize(self) -> None:
        wide = self.size.width >= WIDE_COLUMNS and self.size.height >= WIDE_ROWS
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")

    def _redraw(self, *_: object) -> None:
        """Render the app's report at the app's current a (no recomputation needed for a)."""
        report, params = self.app.report, self.app.params
        a = params.a
        curves = loss_curves(report, a) if report is not None else None
        self.query_one(LossPlot).show(curves, self.shown, self.zoom, self.log_scale)
        self.query_one("#legend", Static).update(legend(self.shown, self.zoom, self.log_scale, a))
        self.query_one(ResultsTable).show(report, a)
        self._show_status(report, params)

    def _params_changed(self, params: Params) -> None:
        report = self.app.report
        if report is not None and _same_point(report.params, params):
            self._redraw()  # only a moved: the report has every a
        else:
            # A new report is on its way; drawing the old one again would only slow it down.
            self._show_status(report, params)

    def _show_status(self, report: CheckReport | None, params: Params) -> None:
        status = self.query_one("#status", Static)
        if report is None:
            status.update("computing…")
        elif _same_point(report.params, params):
            status.update(
                f"{_point(params)}  ·  {report.schemes['random'].simulation.embeddings} random "
                "embeddings averaged"
            )
        else:
            status.update(f"updating… (showing {_point(report.params)})")

    @on(ParamsPanel.Invalid)
    def _field_invalid(self) -> None:
        # Nothing is computed until the field is fixed: say which result is on show.
        # (The event goes on to the app, which cancels pending work.)
        report = self.app.report
        if report is not None:
            status = self.query_one("#status", Static)
            status.update(f"field invalid; showing {_point(report.params)}")

    @on(ParamsPanel.Changed)
    def _fields_valid(self, event: ParamsPanel.Changed) -> None:
        self._show_status(self.app.report, event.params)

    def _show_progress(self, progress: float | None) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.display = progress is not None
        if progress is not None:
            bar.update(progress=progress)

    def watch_shown(self) -> None:
        self._redraw()

    def watch_zoom(self) -> None:
        self._redraw()

    def watch_log_scale(self) -> None:
        self._redraw()

    def watch_view(self, view: str) -> None:
        views = self.query_one("#views")
        views.set_class(view == "plot", "-show-plot")
        views.set_class(view == "table", "-show-table")
        tabs = self.query_one(Tabs)
        tab_id = f"{view}-tab"
        if tabs.active != tab_id:
            tabs.active = tab_id

    @on(Tabs.TabActivated, "#view-tabs")
    def _tab_chosen(self, event: Tabs.TabActivated) -> None:
        self.view = "plot" if event.tab.id == "plot-tab" else "table"

    @on(ParamsPanel.Leave)
    def _leave_panel(self) -> None:
        target = self.query_one(LossPlot) if self.view == "plot" else self.query_one(DataTable)
        if target.display:
            target.focus()

    def action_toggle_zoom(self) -> None:
        self.zoom = not self.zoom

    def action_toggle_log(self) -> None:
        self.log_scale = not self.log_scale

    def action_toggle_scheme(self, name: str) -> None:
        self.shown = self.shown ^ {name}

    def action_toggle_view(self) -> None:
        self.view = "table" if self.view == "plot" else "plot"

    def action_edit(self) -> None:
        self.query_one("#field-T").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_view" and self.has_class("-wide"):
            return None  # both are on screen: nothing to switch
        return True


def _same_point(one: Params, other: Params) -> bool:
    """Equal apart from a, which needs no recomputation."""
    return one.replace(a=None) == other.replace(a=None)
