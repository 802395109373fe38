"""The interference screen: random overlaps, typical versus worst case (the first note).

It shares the app's ``params`` and computes its own
:func:`~superpos_model.interference.analyse_interference` (see
:class:`~tui.screens.base.ParamsScreen`); moving the threshold θ reuses the
draws.  It exports its numbers.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import DataTable, Static, Tab, Tabs

from superpos_model import Monitor, Params
from superpos_model.interference import DEFAULT_THRESHOLD, InterferenceAnalysis
from superpos_model.views.interference import with_threshold

from ..commands import Command
from ..export import ExportTable
from ..format import point_text
from ..interference_numbers import THRESHOLD_RANGE, interference_table
from ..widgets.capacity_plot import CapacityPlot, capacity_legend
from ..widgets.overlap_numbers import InterferenceNumbers
from ..widgets.overlap_plot import OverlapPlot, overlap_legend
from .base import ParamsScreen

VIEWS = ("overlaps", "capacity", "numbers")
#: θ moves in these steps (within THRESHOLD_RANGE): θ = 1/2 is where the notes' capacity
#: D/(8 ln T) and θ²D/(2 ln T) coincide, so it is two steps away from the default 1.
THRESHOLD_STEP = 0.25


#: The footer's one entry for raising and lowering θ.
THRESHOLD_GROUP = Binding.Group("θ", compact=True)


class InterferenceViews(Vertical):
    """The plots and the numbers (the keys that change them are the screen's)."""


class InterferenceScreen(ParamsScreen[InterferenceAnalysis]):
    """How large the overlaps of random feature directions are, and what that costs."""

    # On the screen, not the plots: they work whichever pane (or tab) has focus.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "threshold(1)", "θ+", key_display="+", group=THRESHOLD_GROUP),
        Binding("minus", "threshold(-1)", "θ−", key_display="-", group=THRESHOLD_GROUP),
        Binding("ctrl+t", "next_view", "Next view"),
    ]
    #: From this size both plots and the numbers fit on screen at once; below, they
    #: share one area on tabs.
    WIDE_COLUMNS, WIDE_ROWS = 150, 40
    WHAT = "the overlaps and the capacity simulation"
    EXPORT_WHAT = "the interference numbers"
    EXPORT_STEM = "superpos-interference"
    #: The overlaps and the capacity do not depend on a.
    USES_A = False

    view: reactive[str] = reactive("overlaps")
    threshold: reactive[float] = reactive(DEFAULT_THRESHOLD, init=False)

    def compose_results(self) -> ComposeResult:
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

    # -- the ParamsScreen contract ------------------------------------------

    def compute(self, params: Params, monitor: Monitor) -> InterferenceAnalysis:
        return self.app.session(params).interference(self.threshold, monitor)

    def show_result(self) -> None:
        analysis = self.result
        # θ may have moved while this was computed; it needs no new draws.
        if analysis is not None and analysis.capacity.threshold != self.threshold:
            analysis = self.result = with_threshold(analysis, self.threshold)
        overlaps = analysis.overlaps if analysis is not None else None
        capacity = analysis.capacity if analysis is not None else None
        self.query_one(OverlapPlot).show(overlaps)
        self.query_one("#overlap-legend", Static).update(overlap_legend(overlaps))
        self.query_one(CapacityPlot).show(capacity)
        self.query_one("#capacity-legend", Static).update(capacity_legend(capacity))
        self.query_one(InterferenceNumbers).show(analysis)

    def status_text(self, params: Params) -> str:
        return f"{point_text(params)}  ·  θ = {self.threshold:g} (+/−)"

    def export_table(self) -> ExportTable:
        assert self.result is not None and self.result_params is not None
        return interference_table(self.result, self.result_params, self.threshold)

    def leave_target(self) -> Widget:
        targets: dict[str, type[Widget]] = {
            "overlaps": OverlapPlot,
            "capacity": CapacityPlot,
            "numbers": DataTable,
        }
        return self.query_one(targets[self.view])

    def commands(self) -> list[Command]:
        return [
            ("Next view", "overlaps, capacity, numbers on small terminals", self.action_next_view),
            ("Raise θ", f"the noise threshold, by {THRESHOLD_STEP:g}", self._raise_threshold),
            ("Lower θ", f"the noise threshold, by {THRESHOLD_STEP:g}", self._lower_threshold),
        ]

    # -- display ----------------------------------------------------------

    def watch_threshold(self) -> None:
        if self.result is not None:
            self.show_result()
            self._show_status()

    def watch_view(self, view: str) -> None:
        views = self.query_one("#views")
        for name in VIEWS:
            views.set_class(view == name, f"-show-{name}")
        self.show_view_tab(f"{view}-tab")

    @on(Tabs.TabActivated, "#view-tabs")
    def _tab_chosen(self, event: Tabs.TabActivated) -> None:
        chosen = self.chosen_tab(event)
        if chosen is not None:
            self.view = chosen.removesuffix("-tab")

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

    def _raise_threshold(self) -> None:
        self.action_threshold(1)

    def _lower_threshold(self) -> None:
        self.action_threshold(-1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_view" and self.has_class("-wide"):
            return False  # everything is on screen: nothing to switch (and no footer entry)
        return True
