"""The sweep screen: each scheme's optimal loss along z, D or T, or a phase diagram over two.

Its own settings (what to vary, its values, the readout, and the phase
diagram's second axis) are parsed and checked by
:func:`superpos_model.sweep.request.parse_request`; a bad one is marked with
its allowed values while the last good result stays.  The computation runs in
the screen's worker on the sweep's process pool (warmed when the screen opens);
every number shown comes from the :class:`~superpos_model.sweep.request.SweepOutcome`.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, ScrollableContainer, Vertical
from textual.geometry import Region
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from superpos_model import Monitor, ParamError, Params
from superpos_model.schemes import SCHEMES
from superpos_model.sweep import (
    PHASE_AXES,
    READOUT_CHOICES,
    SWEEP_FIELDS,
    PhaseDiagram,
    phase_csv,
    phase_json,
    sweep_csv,
    sweep_json,
    warm_pool,
)
from superpos_model.sweep.grid import RANGE_SYNTAX
from superpos_model.sweep.request import (
    SETTINGS,
    SweepOutcome,
    SweepRequest,
    parse_request,
    run_request,
)
from superpos_model.views.sweep import cells_at, points_at

from ..commands import Command
from ..export import ExportTable, settings_record
from ..sweep_text import crossing_line, crossing_lines, label, point_line
from ..widgets.scheme_style import STYLES
from ..widgets.sweep_phase import PhaseGrid, cell_position
from ..widgets.sweep_plot import Y_VIEWS, SweepPlot, point_letter
from .base import ParamsScreen


def default_settings(params: Params) -> dict[str, str]:
    """What the settings start at: z from 1 to T on a log grid, against D for the phase view."""
    return {
        "vary": "z",
        "values": f"1..{params.T} x20 log",
        "readout": "linear",
        "vary2": "D",
        "values2": "10..1000 x20 log",
    }


SETTING_HELP = {
    "vary": f"the parameter swept: {', '.join(SWEEP_FIELDS)} (phase view: also T/D)",
    "values": f"increasing values, a,b,c or {RANGE_SYNTAX}",
    "readout": f"whose optimum: {', '.join(READOUT_CHOICES)}",
    "vary2": f"the phase diagram's second (vertical) axis: {', '.join(PHASE_AXES)}",
    "values2": f"its values, as for values ({RANGE_SYNTAX})",
}
VIEWS = ("line", "phase")
#: The longest setting: a list of values is written as ranges well within this, and a
#: field of unbounded length costs more per key the longer it gets.
SETTING_CHARS = 400

HELP_TEXT = """\
## The sweep screen

Each scheme's **optimal loss** (exact, at its best readout) at every value of one
parameter, the winner (equal losses are ties) and the **crossings**: the adjacent
whole numbers where the winner changes. The parameters not swept come from the panel.

Settings: **vary** (z, D or T), **values**, **readout** (linear, relu or both), and
for the **phase view** (ctrl+t) **vary2** and **values2**: the winner in every cell
of the vary × vary2 grid (axes z, D, T or T/D; T/D = r sets T = r·D).

Values: `1,2,3,5,8` (increasing), `1..20` (every whole number), `1..233 x12` (12
values evenly spaced) or `1..233 x12 log` (evenly spaced on a log scale), rounded
to whole numbers (T/D to 3 significant digits); items mix: `1,2,10..100 x5`.

Plot: linear readout solid with capital letters R S M, ReLU dotted with r s m,
× a crossing. y cycles the plot's y axis: the loss, the loss on a log scale, and
each loss ÷ the best loss of its readout at that value (the winner at 1: the margins
between schemes). Phase grid: the letter is the winner (R S M, = a tie, ? failed), the
mark how many times worse the runner-up is (. below 1.01, : below 1.1, + below 2,
# 2 or more). Losses within 4 units in the last place are ties, not wins.
←/→ (and ↑/↓ in the phase view) move the cursor; the line under
the plot gives that point's numbers. r switches the readout: linear → relu → both → cross-entropy.
"""


class SweepSettings(Grid):
    """The sweep's own inputs: escape leaves them, as it leaves the parameter panel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.leave_fields", "Leave the inputs", show=False),
    ]


class PhasePane(ScrollableContainer, can_focus=False, inherit_bindings=False):
    """Scrolls the phase grids: the arrow keys move the screen's cursor (which scrolls
    its cell into view), never the pane."""


class SweepScreen(ParamsScreen[SweepOutcome]):
    """Sweep one parameter, or two on a phase diagram, and read off who wins where."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "toggle_view", "Line/Phase"),
        Binding("left", "cursor(-1, 0)", "Cursor", key_display="←→"),
        Binding("right", "cursor(1, 0)", "", show=False),
        Binding("up", "cursor(0, 1)", "Cursor up (phase)", show=False),
        Binding("down", "cursor(0, -1)", "Cursor down (phase)", show=False),
        Binding("n", "next_crossing", "Next crossing", show=False),
        Binding("r", "cycle_readout", "Readout"),
        Binding("y", "cycle_y", "Y axis", tooltip="loss / log loss / loss ÷ best"),
    ]
    WHAT = "the sweep"
    EXPORT_WHAT = "the sweep's rows"
    EXPORT_STEM = "superpos-sweep"
    HELP_TEXT = HELP_TEXT
    #: Each scheme's optimum is over a: the sweep does not depend on it.
    USES_A = False

    view: reactive[str] = reactive("line", init=False)
    #: The line plot's y axis: one of the plot's Y_VIEWS.
    y_view: reactive[str] = reactive("linear", init=False)

    def __init__(self) -> None:
        super().__init__()
        #: What the settings read (set from the app's parameters when composed).
        self.texts: dict[str, str] = {}
        #: The request the settings spell (the last valid one while a setting is bad).
        self.request: SweepRequest | None = None
        #: The cursor: index along the swept values, and (row, column) of the phase grid.
        self.cursor = 0
        self.cell = (0, 0)

    def compose_results(self) -> ComposeResult:
        self.texts = default_settings(self.app.params)
        with Vertical(id="main"):
            with SweepSettings(id="sweep-settings"):
                for name in SETTINGS:
                    with Horizontal(classes="setting"):
                        yield Label(name, id=f"label-{name}", classes="setting-label")
                        yield Input(
                            self.texts[name],
                            id=f"setting-{name}",
                            name=name,
                            max_length=SETTING_CHARS,
                            tooltip=SETTING_HELP[name],
                            compact=True,
                            select_on_focus=False,
                            classes="sweep-setting",
                        )
            yield Static(id="sweep-error", markup=False)
            with Vertical(id="views"):
                with Vertical(id="line-pane"):
                    yield SweepPlot(id="sweep-plot")
                    yield Static(id="sweep-legend")
                with PhasePane(id="phase-pane"):
                    yield PhaseGrid(id="phase-grid")
            yield Static(id="sweep-cursor", markup=False)
            yield Static(id="sweep-crossings", markup=False)

    def on_mount(self) -> None:
        try:
            self.request = parse_request(self.texts, False, self.app.params)
        except ParamError as error:  # cannot happen with the defaults, but never crash
            self._mark(error)
        super().on_mount()
        # New parameters can make the values invalid (say z above a lower T).
        self.watch(self.app, "params", self._reparse, init=False)
        self._show_view()
        # Start the sweep's worker processes now, off the UI thread, so the first costly
        # sweep does not wait for them.
        self.run_worker(
            warm_pool, name="warm-pool", group="warm-pool", thread=True, exit_on_error=False
        )

    def first_focus(self) -> Widget:
        return self.query_one(SweepPlot)

    # -- the ParamsScreen contract ------------------------------------------

    def same_point(self, one: Params, other: Params) -> bool:
        # A result is current only for the settings on show as well as the parameters.
        settings = self.result is None or self.result.request == self.request
        return settings and super().same_point(one, other)

    def compute(self, params: Params, monitor: Monitor) -> SweepOutcome:
        request = self.request
        if request is None:  # no valid settings yet: the field is marked
            raise ParamError("values", "no valid sweep yet; fix the marked setting")
        return run_request(params, request, monitor=monitor)

    def show_result(self) -> None:
        outcome = self.result
        line = outcome.line if outcome is not None else None
        phases = outcome.phases if outcome is not None else ()
        if line is not None:
            self.cursor = min(self.cursor, len(line.values) - 1)
        if phases:
            d = phases[0]
            self.cell = (
                min(self.cell[0], len(d.y_values) - 1),
                min(self.cell[1], len(d.x_values) - 1),
            )
        self.query_one(SweepPlot).show(line, self.cursor, self.y_view)
        self.query_one("#sweep-legend", Static).update(self._legend(outcome))
        grid = self.query_one(PhaseGrid)
        grid.show(phases, self.cell)
        if phases and self.view == "phase":
            self.call_after_refresh(self._scroll_to_cell, phases[0])
        self.query_one("#sweep-cursor", Static).update(self._cursor_text(outcome))
        self.query_one("#sweep-crossings", Static).update(self._crossings_text(outcome))

    def status_text(self, params: Params) -> str:
        return f"{self.describe(params)}  ·  {self._what()}"

    def describe(self, params: Params) -> str:
        # The fixed parameters only: the swept ones take their values per point, and the
        # sweep is exact (samples and seed play no part).
        r = self.request
        axes = {r.field, r.field2} if r is not None and r.phase else {r.field} if r else set()
        if "T/D" in axes:
            axes.add("T")
        fixed = [
            f"{name}={getattr(params, name):,}" for name in ("T", "D", "z") if name not in axes
        ]
        return "  ".join(fixed) or "every parameter swept"

    def export_settings(self, params: Params) -> dict[str, object]:
        # The sweep's own request, not the settings typed since (they may be invalid).
        request = self.result.request if self.result is not None else self.request
        if request is None:
            return settings_record(params, "none", None)
        axes = [request.field, *([request.field2] if request.phase else [])]
        swept = ["T" if axis == "T/D" else axis for axis in axes]
        readout = "both" if len(request.readouts) > 1 else request.readouts[0]
        return settings_record(params, readout, None, swept)

    def export_table(self) -> ExportTable:
        assert self.result is not None
        outcome = self.result
        if outcome.line is not None:
            rows, document = sweep_csv(outcome.line), sweep_json(outcome.line)
        else:
            rows, document = phase_csv(outcome.phases), phase_json(outcome.phases)
        columns = [str(c) for c in rows[0]]
        records = [dict(zip(columns, row, strict=True)) for row in rows[1:]]
        return ExportTable(columns, records, document)

    def leave_target(self) -> Widget:
        return self.query_one(SweepPlot) if self.view == "line" else self.query_one(PhaseGrid)

    def commands(self) -> list[Command]:
        return [
            (
                "Line / phase view",
                "a sweep of one parameter or a phase diagram of two (ctrl+t)",
                self.action_toggle_view,
            ),
            (
                "Next crossing",
                "move the cursor to the next change of winner (n)",
                self.action_next_crossing,
            ),
            ("Next readout", "linear → relu → both → cross-entropy (r)", self.action_cycle_readout),
            (
                "Next y axis",
                "the plot's loss, log loss or loss ÷ best loss (y)",
                self.action_cycle_y,
            ),
            ("Edit the sweep's values", f"{RANGE_SYNTAX}", self._edit_values),
        ]

    # -- settings ----------------------------------------------------------

    @on(Input.Changed, ".sweep-setting")
    def _setting_typed(self, event: Input.Changed) -> None:
        event.stop()
        assert event.input.name is not None
        self.texts[event.input.name] = event.value
        self._reparse()

    def _reparse(self) -> None:
        try:
            request = parse_request(self.texts, self.view == "phase", self.app.params)
        except ParamError as error:
            self._mark(error)
            self.cancel_compute()
            return
        self._mark(None)
        if request != self.request:
            self.request = request
            self.recompute()

    def _mark(self, error: ParamError | None) -> None:
        for name in SETTINGS:
            bad = error is not None and error.field == name
            self.query_one(f"#setting-{name}").set_class(bad, "-rejected")
            self.query_one(f"#label-{name}").set_class(bad, "-rejected")
        box = self.query_one("#sweep-error", Static)
        box.update(f"✗ {error}  (last good result on show)" if error else "")
        box.display = error is not None

    def action_cycle_readout(self) -> None:
        """The readout setting's next choice (linear → relu → both → cross-entropy → linear);
        a setting that reads none of them starts the cycle over."""
        box = self.query_one("#setting-readout", Input)
        now = box.value.strip()
        at = READOUT_CHOICES.index(now) if now in READOUT_CHOICES else -1
        box.value = READOUT_CHOICES[(at + 1) % len(READOUT_CHOICES)]

    def _edit_values(self) -> None:
        self.query_one("#setting-values").focus()

    # -- view and cursor ---------------------------------------------------

    def action_cycle_y(self) -> None:
        self.y_view = Y_VIEWS[(Y_VIEWS.index(self.y_view) + 1) % len(Y_VIEWS)]

    def watch_y_view(self) -> None:
        self.show_result()

    def action_toggle_view(self) -> None:
        self.view = "phase" if self.view == "line" else "line"

    def watch_view(self) -> None:
        self._show_view()
        self._reparse()
        self.keep_focus_on_view()

    def _show_view(self) -> None:
        views = self.query_one("#views")
        for name in VIEWS:
            views.set_class(self.view == name, f"-show-{name}")
        for name in ("vary2", "values2"):
            self.query_one(f"#setting-{name}").disabled = self.view != "phase"
        self.query_one("#sweep-crossings").display = self.view == "line"

    def action_cursor(self, dx: int, dy: int) -> None:
        outcome = self.result
        if outcome is None:
            return
        if outcome.line is not None and dy == 0:
            moved = self.cursor + dx
            if not 0 <= moved < len(outcome.line.values):
                self.app.bell()
                return
            self.cursor = moved
        elif outcome.phases:
            d = outcome.phases[0]
            i, j = self.cell[0] + dy, self.cell[1] + dx
            if not (0 <= i < len(d.y_values) and 0 <= j < len(d.x_values)):
                self.app.bell()
                return
            self.cell = (i, j)
        else:
            return
        self.show_result()

    def _scroll_to_cell(self, d: PhaseDiagram) -> None:
        i, j = self.cell
        line, column = cell_position(d, i, j)
        pane = self.query_one(PhasePane)
        pane.scroll_to_region(Region(column, line, 2, 1), animate=False, immediate=True)

    def action_next_crossing(self) -> None:
        line = self.result.line if self.result is not None else None
        if line is None:
            return
        value = line.values[self.cursor]
        after = [getattr(c.above.params, line.field) for c in line.crossings]
        later = [
            i for i, v in enumerate(line.values) if v > value and any(value < a <= v for a in after)
        ]
        if not later:
            self.app.bell()
            return
        self.cursor = later[0]
        self.show_result()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_crossing" and self.view != "line":
            return None
        if action == "cycle_y" and self.view != "line":
            return False  # the phase view has no y axis to change (and no footer entry)
        return True

    # -- text --------------------------------------------------------------

    def _what(self) -> str:
        r = self.request
        if r is None:
            return ""
        if r.phase:
            cells = f"{len(r.values)} × {len(r.values2)} cells"
            return f"phase diagram {r.field} × {r.field2}, {cells}, {' and '.join(r.readouts)}"
        readouts = " and ".join(r.readouts)
        plural = "s" if len(r.readouts) > 1 else ""
        return f"sweep of {r.field} over {len(r.values)} values, {readouts} readout{plural}"

    def _legend(self, outcome: SweepOutcome | None) -> Text:
        text = Text()
        readouts = outcome.line.readouts if outcome is not None and outcome.line is not None else ()
        for readout in readouts:
            line = "solid" if readout == "linear" else "dotted"
            text.append(f"{readout} ({line}): ")
            for name in SCHEMES:
                text.append(
                    f"{point_letter(readout, name)} {name}  ", style=f"bold {STYLES[name].hex}"
                )
        if readouts:
            text.append("× crossing  │ cursor")
        return text

    def _cursor_text(self, outcome: SweepOutcome | None) -> str:
        if outcome is None:
            return ""
        if outcome.line is not None:
            line = outcome.line
            value = line.values[self.cursor]
            head = f"{line.field} = {value:,} ({self.cursor + 1}/{len(line.values)})"
            points = points_at(line, self.cursor)
        elif outcome.phases:
            d = outcome.phases[0]
            i, j = self.cell
            head = f"{d.x} = {label(d.x_values[j])}, {d.y} = {label(d.y_values[i])}"
            p = d.points[i][j].params
            head += f" (T={p.T:,} D={p.D:,} z={p.z:,})"
            points = cells_at(outcome.phases, i, j)
        else:
            return ""
        return "\n".join([f"cursor {head}", *(f"  {point_line(p)}" for p in points)])

    def _crossings_text(self, outcome: SweepOutcome | None) -> str:
        if outcome is None or outcome.line is None:
            return ""
        line = outcome.line
        lines = []
        for readout in line.readouts:
            crossings = line.crossings_of(readout)
            if crossings:
                lines += [f"{readout}: {crossing_line(c, line.field)}" for c in crossings]
            else:
                lines += [f"{readout}: {crossing_lines(readout, line.field, line)[0]}"]
        lines += [f"error {message}" for message in line.crossing_errors]
        return "\n".join(lines)
