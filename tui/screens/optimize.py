"""The optimise screen: train W from the random start and see what the optimum looks like.

Its debounced result (see :class:`~tui.screens.base.ParamsScreen`) is the
reference at the app's parameters: the fixed schemes' optimal losses, the
rank-D bound (linear readout) and the random start's measurements.  Training
is not a recompute: it starts and stops on a key, runs in its own exclusive
thread worker that posts the loss history as it grows (at most
:data:`REDRAWS_PER_SECOND` times a second), and a parameter change stops it;
the best W reached so far stays on show, with the parameters it was trained at.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from superpos_model import Monitor, Params
from superpos_model.optimize import run_optimize
from superpos_model.views.optimize import (
    MeasureRow,
    OptimizeOutcome,
    OptimizeReference,
    loss_lines,
    measure_rows,
    optimize_outcome,
    optimize_reference,
)

from ..commands import Command
from ..export import ExportTable, params_record, settings_record
from ..format import number, point_text
from ..widgets.optimize_loss import OptimizeLossPlot, loss_legend
from ..widgets.optimize_overlaps import OptimizeOverlapPlot, overlaps_legend
from .base import ParamsScreen

READOUTS = ("linear", "relu")
#: The live plot is redrawn at most this often while training.
REDRAWS_PER_SECOND = 10
#: The measurements table's columns.
MEASURE_COLUMNS = ("quantity", "trained", "random start", "reference")
#: The columns of the CSV export, one row per measurement.
TABLE_COLUMNS = ("key", "quantity", "trained", "random_start", "reference")
TRAIN_GROUP = "train-OptimizeScreen"


@dataclass
class TrainProgress(Message):
    """Training run ``run`` has reached ``history`` (``done`` of its steps)."""

    run: int
    history: tuple[tuple[int, float], ...]
    done: float


@dataclass
class TrainDone(Message):
    """Training run ``run`` ended (finished or stopped) with ``outcome``."""

    run: int
    outcome: OptimizeOutcome


@dataclass
class TrainFailed(Message):
    """Training run ``run`` was refused (too big) or broke."""

    run: int
    error: Exception


class OptimizeViews(Vertical):
    """The plots and the table; their keys work whenever one of them has focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,s", "screen.train", "Start/stop", key_display="space"),
        Binding("escape", "screen.stop", "Stop", show=False),
        Binding("r", "screen.toggle_readout", "Readout"),
    ]


class OptimizeScreen(ParamsScreen[OptimizeReference]):
    """Train the embedding and compare it with the random start and the fixed schemes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "train", "Train/stop"),
        Binding("ctrl+l", "toggle_readout", "Linear/ReLU"),
        Binding("ctrl+t", "toggle_view", "Plots/Table"),
    ]
    WIDE_COLUMNS, WIDE_ROWS = 150, 40
    WHAT = "the baselines and the random start"
    EXPORT_WHAT = "the trained embedding's measurements"
    EXPORT_STEM = "superpos-optimize"
    #: Training fits its own readout scale: a does not matter here.
    USES_A = False

    readout: reactive[str] = reactive("linear", init=False)
    #: What a small terminal shows: the two plots or the table (a large one shows both).
    view: reactive[str] = reactive("plots")

    def __init__(self) -> None:
        super().__init__()
        #: The last run that ended, kept (best so far) until the next one ends.
        self.outcome: OptimizeOutcome | None = None
        #: The history of the run going on, as last posted.
        self.live: tuple[tuple[int, float], ...] = ()
        self.training = False
        self.train_note = "not trained yet: ctrl+o (or space on the plots) starts"
        self._run = 0
        self._stop_reason = ""

    def compose_results(self) -> ComposeResult:
        with OptimizeViews(id="main"):
            yield Static(id="train-status", markup=False)
            with Horizontal(id="plots"):
                with Vertical(classes="pane"):
                    yield OptimizeLossPlot(id="loss-plot")
                    yield Static(id="loss-legend")
                with Vertical(classes="pane"):
                    yield OptimizeOverlapPlot(id="overlap-plot")
                    yield Static(id="overlap-legend")
            yield DataTable(id="measures", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#measures", DataTable)
        table.add_columns(*MEASURE_COLUMNS)
        self.watch(self.app, "params", self._stop_on_change, init=False)

    # -- the ParamsScreen contract ------------------------------------------

    def compute(self, params: Params, monitor: Monitor) -> OptimizeReference:
        return optimize_reference(params, self.readout, monitor)

    def show_result(self) -> None:
        reference, outcome = self.result, self.outcome
        if outcome is not None and not self.training:
            lines = outcome.lines
            history = outcome.report.history
        elif reference is not None:
            lines = loss_lines(reference.baselines, reference.bound)
            history = self.live
        else:
            lines, history = (), self.live
        shown_readout = self._run_on_show() or self.readout
        self.query_one(OptimizeLossPlot).show(lines, history, shown_readout)
        report = outcome.report if outcome is not None and not self.training else None
        latest = report.loss if report else (history[-1][1] if history else None)
        self.query_one("#loss-legend", Static).update(
            loss_legend(lines, latest, report.se if report else None)
        )
        histograms = (
            outcome.histograms
            if outcome is not None
            else (reference.histograms if reference is not None else None)
        )
        self.query_one(OptimizeOverlapPlot).show(histograms)
        self.query_one("#overlap-legend", Static).update(overlaps_legend(histograms))
        self._fill_table()
        self._show_train_status()
        self._show_status()  # it names the run on show, which a start or an end changes

    def status_text(self, params: Params) -> str:
        shown = self._run_on_show()
        if shown is not None and shown != self.readout:
            # The readout was switched after a run: its plots, overlaps and table stay on
            # show (like the best W after a parameter change) until the next run ends, and
            # the status says so rather than naming a readout nothing on screen is for.
            fixed = f"T={params.T:,}  D={params.D:,}  z={params.z:,}"
            return f"{fixed}  ·  showing the {shown} run; ctrl+o trains {self.readout}"
        return f"{point_text(params)}  ·  {self.readout} readout (ctrl+l)"

    def _run_on_show(self) -> str | None:
        """The readout of the finished run on show, if any (none while training)."""
        if self.outcome is None or self.training:
            return None
        return self.outcome.report.readout

    def describe(self, params: Params) -> str:
        return point_text(params)

    def export_settings(self, params: Params) -> dict[str, object]:
        # ReLU's bias is trained with W, not chosen: it is in the run's own record.
        readout = self.result.readout if self.result is not None else self.readout
        return settings_record(params, readout, None)

    def export_table(self) -> ExportTable:
        assert self.result_params is not None
        records = self._records()
        document: dict[str, object] = {"params": params_record(self.result_params)}
        if self.outcome is not None:
            document["run"] = self.outcome.report.to_json()
        document["measurements"] = records
        return ExportTable(TABLE_COLUMNS, records, document)

    def leave_target(self) -> Widget:
        if self.view == "table" and not self.has_class("-wide"):
            return self.query_one("#measures", DataTable)
        return self.query_one(OptimizeLossPlot)

    def commands(self) -> list[Command]:
        verb = "Stop training" if self.training else "Start training"
        return [
            (verb, "train W from the random start (ctrl+o)", self.action_train),
            ("Switch readout", "linear ↔ ReLU (ctrl+l)", self.action_toggle_readout),
            ("Plots or table", "on small terminals (ctrl+t)", self.action_toggle_view),
        ]

    # -- the table ----------------------------------------------------------

    def _rows(self) -> tuple[tuple[MeasureRow, ...], bool]:
        """The table's rows, and whether they hold a trained W (else the start alone)."""
        if self.outcome is not None:
            return self.outcome.rows, True
        if self.result is not None:
            start = self.result.start_measures
            return measure_rows(start, start), False
        return (), False

    def _records(self) -> list[dict[str, object]]:
        rows, trained = self._rows()
        return [
            {
                "key": row.key,
                "quantity": row.label,
                "trained": row.trained if trained else None,
                "random_start": row.random,
                "reference": row.reference,
            }
            for row in rows
        ]

    def _fill_table(self) -> None:
        table = self.query_one("#measures", DataTable)
        # The columns too: their widths follow every value they ever held, so a live
        # update's wider number would leave the finished table's layout to chance.
        table.clear(columns=True)
        table.add_columns(*MEASURE_COLUMNS)
        if self.outcome is not None:
            r = self.outcome.report
            se = f" ± {number(r.se, 2)}" if r.se is not None else ""
            start_se = f" ± {number(r.start_se, 2)}" if r.start_se is not None else ""
            bound = number(r.bound) if r.bound is not None else "—"
            table.add_row("loss", number(r.loss) + se, number(r.start_loss) + start_se, bound)
        rows, trained = self._rows()
        for row in rows:
            table.add_row(
                row.label,
                number(row.trained) if trained else "—",
                number(row.random),
                number(row.reference) if row.reference is not None else "",
            )

    # -- training -------------------------------------------------------------

    def action_train(self) -> None:
        if self.training:
            self.action_stop()
            return
        if self._invalid:
            self.notify("fix the marked field first", severity="warning")
            return
        self._run += 1
        run, params, readout = self._run, self.app.params, self.readout
        reference = self.result
        if not (
            reference is not None
            and reference.readout == readout
            and self.same_point(reference.params, params)
        ):
            reference = None
        budget = self.app.budget
        self.training, self.live, self._stop_reason = True, (), ""
        self.train_note = f"training ({readout})…"

        def work() -> None:
            worker = get_current_worker()
            points: list[tuple[int, float]] = []
            posted = -1.0
            done = 0.0

            def progress(fraction: float) -> None:
                nonlocal done
                done = fraction

            def observe(point: tuple[int, float]) -> None:
                nonlocal posted
                points.append(point)
                now = time.monotonic()
                if now - posted >= 1.0 / REDRAWS_PER_SECOND:
                    posted = now
                    self.post_message(TrainProgress(run, tuple(points), done))

            monitor = Monitor(progress=progress, cancelled=lambda: worker.is_cancelled)
            try:
                report = run_optimize(
                    params,
                    readout,
                    None,
                    monitor,
                    budget,
                    baselines=reference.baselines if reference else None,
                    observe=observe,
                    # A class waits on the screen: the ReLU readout trains on the quick
                    # preset (`optimize --readout relu` runs the full one).
                    quick=readout == "relu",
                )
                outcome = optimize_outcome(report, reference)
            except Exception as error:  # a refusal (too big) or a failure, shown either way
                self.post_message(TrainFailed(run, error))
                return
            self.post_message(TrainDone(run, outcome))

        self.run_worker(
            work,
            name=TRAIN_GROUP,
            group=TRAIN_GROUP,
            exclusive=True,
            thread=True,
            exit_on_error=False,
        )
        self.show_result()

    def action_stop(self, reason: str = "stopped") -> None:
        if not self.training:
            return
        self._stop_reason = reason
        self.train_note = f"{reason}; finishing with the best so far…"
        self.workers.cancel_group(self, TRAIN_GROUP)
        self._show_train_status()

    def action_toggle_view(self) -> None:
        self.view = "table" if self.view == "plots" else "plots"

    def watch_view(self, view: str) -> None:
        self.query_one("#main").set_class(view == "table", "-show-table")
        self.keep_focus_on_view()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_view" and self.has_class("-wide"):
            return False  # both are on screen: nothing to switch (and no footer or help entry)
        return True

    def action_toggle_readout(self) -> None:
        self.readout = READOUTS[(READOUTS.index(self.readout) + 1) % len(READOUTS)]

    def watch_readout(self) -> None:
        self.action_stop("stopped: readout changed")
        self._request()

    def _stop_on_change(self, params: Params) -> None:
        self.action_stop("stopped: parameters changed")

    @on(TrainProgress)
    def _train_progress(self, message: TrainProgress) -> None:
        if message.run != self._run or not self.training:
            return
        self.live = message.history
        self.progress = message.done
        self.show_result()

    @on(TrainDone)
    def _train_done(self, message: TrainDone) -> None:
        if message.run != self._run:
            return
        self.training, self.outcome, self.progress = False, message.outcome, None
        report = message.outcome.report
        p = report.params
        at = f"{report.readout}, {point_text(p)}"
        if report.cancelled:
            self.train_note = f"{self._stop_reason or 'stopped'}: best so far ({at})"
        else:
            steps = report.history[-1][0] if report.history else 0
            self.train_note = f"done after {steps:,} steps ({at})"
        self.show_result()

    @on(TrainFailed)
    def _train_failed(self, message: TrainFailed) -> None:
        if message.run != self._run:
            return
        self.training, self.progress = False, None
        self.train_note = "training refused: see the message"
        self.notify(str(message.error), title="Cannot train", severity="error")
        self.show_result()

    def _show_train_status(self) -> None:
        note = self.train_note
        if self.training and self.live:
            step, loss = self.live[-1]
            note = f"{note} step {step:,}, loss {number(loss)}  (ctrl+o stops)"
        self.query_one("#train-status", Static).update(note)
