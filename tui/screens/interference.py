"""The interference screen: random overlaps, typical versus worst case (seed 000, SPEC §2.3).

It shares the app's ``params`` (see :mod:`tui.app`) through the common
:class:`~tui.widgets.params_panel.ParamsPanel`, and computes its own
:func:`~superpos_model.interference.analyse_interference` in a thread worker,
only while it is the screen on view.  The last result stays on screen while a
new one is computed and while the inputs hold an invalid value.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, ProgressBar, Static, Tab, Tabs

from superpos_model import Params
from superpos_model.interference import (
    DEFAULT_THRESHOLD,
    InterferenceAnalysis,
    analyse_interference,
)
from superpos_model.interference_plot import with_threshold

from ..computation import BackgroundComputation
from ..widgets.capacity_plot import CapacityPlot, capacity_legend
from ..widgets.overlap_numbers import InterferenceNumbers
from ..widgets.overlap_plot import OverlapPlot, overlap_legend
from ..widgets.params_panel import ParamsPanel

#: From this many columns and rows both plots and the numbers fit on screen at once;
#: below, they share one area on tabs.
WIDE_COLUMNS, WIDE_ROWS = 150, 40
VIEWS = ("overlaps", "capacity", "numbers")
#: θ moves in these steps within these bounds: θ = 1/2 is where the notes' capacity
#: n/(8 ln m) and θ²n/(2 ln m) coincide, so it is two steps away from the default 1.
THRESHOLD_STEP = 0.25
THRESHOLD_RANGE = (0.25, 4.0)


class InterferenceViews(Vertical):
    """The plots and the numbers; their keys work whenever one of them has focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "screen.threshold(1)", "θ+", key_display="+"),
        Binding("minus", "screen.threshold(-1)", "θ−", key_display="-"),
    ]


class InterferenceScreen(BackgroundComputation, Screen):
    """How large the overlaps of random feature directions are, and what that costs."""

    CSS_PATH = Path(__file__).parent.parent / "interference.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "next_view", "Next view"),
        Binding("ctrl+g", "edit", "Edit params", show=False),
    ]

    view: reactive[str] = reactive("overlaps")
    threshold: reactive[float] = reactive(DEFAULT_THRESHOLD, init=False)
    analysis: reactive[InterferenceAnalysis | None] = reactive(None, init=False)
    progress: reactive[float | None] = reactive(None, init=False)

    def __init__(self) -> None:
        super().__init__()
        # The parameters of the latest computation asked for, and of the result shown.
        self._requested: Params | None = None
        self._shown: Params | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield ParamsPanel(id="params")
            with Vertical(id="main"):
                yield Tabs(
                    Tab("Overlaps", id="overlaps-tab"),
                    Tab("Capacity", id="capacity-tab"),
                    Tab("Numbers", id="numbers-tab"),
                    id="view-tabs",
                )
                with InterferenceViews(id="views"):
                    with Horizontal(id="plots"):
                        with Vertical(id="overlaps-pane", classes="pane"):
                            yield OverlapPlot(id="overlap-plot")
                            yield Static(id="overlap-legend")
                        with Vertical(id="capacity-pane", classes="pane"):
                            yield CapacityPlot(id="capacity-plot")
                            yield Static(id="capacity-legend")
                    yield InterferenceNumbers(id="numbers-pane")
        yield Static(id="status", markup=False)
        yield ProgressBar(total=1.0, show_eta=False, id="progress")
        yield Footer()

    def on_mount(self) -> None:
        self.watch(self.app, "params", self._params_changed, init=False)
        self._redraw()
        self.query_one("#field-T").focus()

    def on_screen_resume(self) -> None:
        # Parameters changed on another screen are computed for only once this one is seen.
        if not _same_point(self._requested, self.app.params):
            self._request()

    def on_resize(self) -> None:
        wide = self.size.width >= WIDE_COLUMNS and self.size.height >= WIDE_ROWS
        self.set_class(wide, "-wide")
        self.set_class(not wide, "-narrow")

    # -- computation ------------------------------------------------------

    def _params_changed(self, params: Params) -> None:
        if self.is_current and not _same_point(self._requested, params):
            self._request()
        self._show_status()

    def _request(self) -> None:
        self._generation += 1
        params, threshold = self.app.params, self.threshold
        self._requested = params
        self._compute_in_thread(
            lambda monitor: analyse_interference(params, threshold, monitor),
            group="interference",
            progressed=self._progressed,
            finished=partial(self._finished, params),
            failed=self._failed,
        )
        self._show_status()

    def _failed(self, error: Exception) -> None:
        self.progress = None
        self.notify(str(error), title="Cannot compute the interference", severity="error")

    def _progressed(self, done: float) -> None:
        self.progress = done

    def _finished(self, params: Params, analysis: InterferenceAnalysis) -> None:
        self.progress = None
        self._shown = params
        # θ may have moved while this was computed; it needs no new draws.
        if analysis.capacity.threshold != self.threshold:
            analysis = with_threshold(analysis, self.threshold)
        self.analysis = analysis

    @property
    def computing(self) -> bool:
        return any(w.group == "interference" and not w.is_finished for w in self.app.workers)

    # -- display ----------------------------------------------------------

    def watch_analysis(self) -> None:
        self._redraw()

    def watch_threshold(self, threshold: float) -> None:
        if self.analysis is not None:
            self.analysis = with_threshold(self.analysis, threshold)

    def _redraw(self) -> None:
        analysis = self.analysis
        overlaps = analysis.overlaps if analysis is not None else None
        capacity = analysis.capacity if analysis is not None else None
        self.query_one(OverlapPlot).show(overlaps)
        self.query_one("#overlap-legend", Static).update(overlap_legend(overlaps))
        self.query_one(CapacityPlot).show(capacity)
        self.query_one("#capacity-legend", Static).update(capacity_legend(capacity))
        self.query_one(InterferenceNumbers).show(analysis)
        self._show_status()

    def _show_status(self) -> None:
        status = self.query_one("#status", Static)
        shown, params = self._shown, self.app.params
        if shown is None:
            status.update("computing the overlaps and the capacity simulation…")
        elif _same_point(shown, params):
            c = self.analysis.capacity
            status.update(
                f"T={shown.T:,}  D={shown.D:,}  z={shown.z:,}  {shown.samples:,} samples, "
                f"seed {shown.seed}  ·  θ = {c.threshold:g} (+/−)"
            )
        else:
            status.update(
                f"updating… (showing T={shown.T:,} D={shown.D:,} z={shown.z:,} "
                f"samples={shown.samples:,} seed={shown.seed})"
            )

    def watch_progress(self, progress: float | None) -> None:
        bar = self.query_one("#progress", ProgressBar)
        bar.display = progress is not None
        if progress is not None:
            bar.update(progress=progress)

    def watch_view(self, view: str) -> None:
        views = self.query_one("#views")
        for name in VIEWS:
            views.set_class(view == name, f"-show-{name}")
        tabs = self.query_one(Tabs)
        if tabs.active != f"{view}-tab":
            tabs.active = f"{view}-tab"

    @on(Tabs.TabActivated, "#view-tabs")
    def _tab_chosen(self, event: Tabs.TabActivated) -> None:
        self.view = event.tab.id.removesuffix("-tab")

    @on(ParamsPanel.Leave)
    def _leave_panel(self) -> None:
        targets = {"overlaps": OverlapPlot, "capacity": CapacityPlot, "numbers": DataTable}
        self.query_one(targets[self.view]).focus()

    # -- actions ----------------------------------------------------------

    def action_next_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]

    def action_threshold(self, direction: int) -> None:
        low, high = THRESHOLD_RANGE
        stepped = round(self.threshold + direction * THRESHOLD_STEP, 6)
        if low <= stepped <= high:
            self.threshold = stepped
        else:
            self.app.bell()

    def action_edit(self) -> None:
        self.query_one("#field-T").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_view" and self.has_class("-wide"):
            return None  # everything is on screen: nothing to switch
        return True


def _same_point(one: Params | None, other: Params) -> bool:
    """Equal apart from a, which the interference analysis does not use."""
    return one is not None and one.replace(a=None) == other.replace(a=None)
