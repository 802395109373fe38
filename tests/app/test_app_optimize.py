"""The optimise screen by Pilot: start, live progress, stop, cancel on a parameter change,
the readout switch, and a table whose numbers are the trained W's measurements."""

from __future__ import annotations

import dataclasses
import time

import pytest
from textual.widgets import DataTable

import tui.screens.optimize as optimize_screen
from superpos_model import Cancelled, make_params
from superpos_model.optimize import measurements, relu_baselines, run_optimize
from superpos_model.views.optimize import loss_lines
from tests.helpers.apptools import opening_on, run, settle, type_into
from tui.format import number
from tui.screens.optimize import OptimizeScreen
from tui.widgets.optimize_loss import TRAINED_MARKER, OptimizeLossPlot

#: Training at the defaults takes seconds: long enough to be seen running and stopped.
LONG = make_params(samples=200)
#: A case that trains in a fraction of a second.
SMALL = make_params(T=60, D=6, z=2, samples=200)


OptimizeFirst = opening_on("optimize")


async def opened(pilot) -> OptimizeScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, OptimizeScreen)
    return screen


async def first_progress(pilot, screen: OptimizeScreen, timeout: float = 60.0) -> None:
    """Wait (keeping the event loop turning) until the live history has arrived."""
    deadline = time.monotonic() + timeout
    while not screen.live:
        assert screen.training, "training ended before any progress was shown"
        assert time.monotonic() < deadline
        await pilot.pause(0.02)


async def stopped(pilot, screen: OptimizeScreen, timeout: float = 60.0) -> None:
    """Wait until the stopped run has posted its result.

    A cancelled worker counts as finished at once, while its thread still ends the
    current iteration: settling alone does not wait for it.
    """
    deadline = time.monotonic() + timeout
    while screen.training:
        assert time.monotonic() < deadline
        await pilot.pause(0.02)
    await settle(pilot)


#: (readout, quick) of every training the fake of :func:`endless` was asked for.
asked: list[tuple[str, bool]] = []


def endless(monkeypatch) -> None:
    """Training that runs until cancelled (a real small run, then its history stretched).

    The screen's start, live progress and stop are then tested without racing a
    real optimiser's end.
    """

    def training(
        params, readout, steps, monitor, budget, baselines=None, observe=None, quick=False
    ):
        asked.append((readout, quick))
        real = run_optimize(params, readout, 5, budget=budget, quick=quick)
        for step in range(1, 100_000):
            time.sleep(0.005)
            observe((step, real.start_loss - (real.start_loss - real.loss) * step / (step + 1)))
            try:
                monitor.step(0.5)
            except Cancelled:
                return dataclasses.replace(real, cancelled=True)
        raise AssertionError("never cancelled")

    monkeypatch.setattr(optimize_screen, "run_optimize", training)


@run
async def _stop_key(monkeypatch, key: str) -> None:
    endless(monkeypatch)
    app = OptimizeFirst(SMALL)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+o")
        await first_progress(pilot, screen)
        before = len(screen.live)
        await pilot.pause(0.3)
        assert len(screen.live) > before  # the plot keeps up
        await pilot.press("ctrl+t")  # the UI answers while training runs
        assert screen.view == "table"
        if key != "ctrl+o":
            screen.query_one("#loss-plot").focus()
        await pilot.press(key)
        await stopped(pilot, screen)
        assert screen.outcome.report.cancelled
        assert screen.train_note.startswith("stopped: best so far")


@pytest.mark.parametrize("key", ["ctrl+o", "escape", "space"])
def test_a_stop_key_stops_training(monkeypatch, key):
    _stop_key(monkeypatch, key)


@run
async def _changed(monkeypatch) -> None:
    endless(monkeypatch)
    app = OptimizeFirst(SMALL)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+o")
        await first_progress(pilot, screen)
        await type_into(pilot, "T", "80")
        await stopped(pilot, screen)
        report = screen.outcome.report
        assert report.cancelled and report.params.T == 60
        assert screen.train_note.startswith("stopped: parameters changed")
        assert screen.result.params.T == 80
        cells = screen.query_one("#measures", DataTable).get_row_at(0)
        assert cells[1] == number(report.loss)


def test_a_parameter_change_stops_training(monkeypatch):
    _changed(monkeypatch)


@pytest.mark.slow
@run
async def test_training_shows_progress_live_then_stops_with_the_best_so_far():
    app = OptimizeFirst(LONG)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        assert screen.result is not None and screen.outcome is None
        await pilot.press("ctrl+o")
        assert screen.training
        await first_progress(pilot, screen)
        # The plot draws the live history, and the UI answers while training runs.
        plotted = screen.query_one("#loss-plot")._history  # type: ignore[attr-defined]
        assert plotted == screen.live
        await pilot.press("ctrl+t")
        assert screen.view == "table"
        await pilot.press("ctrl+o")  # stop
        await stopped(pilot, screen)
        assert not screen.training
        report = screen.outcome.report
        assert report.cancelled
        assert screen.train_note.startswith("stopped: best so far")
        # The best so far: below the random start, and what the plot shows.
        assert report.loss < report.start_loss
        assert report.history[-1][0] < 500


@pytest.mark.slow
@run
async def test_a_parameter_change_cancels_training_and_keeps_the_old_result():
    app = OptimizeFirst(LONG)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+o")
        await first_progress(pilot, screen)
        await type_into(pilot, "T", "900")
        assert app.params.T == 900
        await stopped(pilot, screen)
        report = screen.outcome.report
        assert report.cancelled and report.params.T == 1000
        assert screen.train_note.startswith("stopped: parameters changed")
        # The reference follows the new parameters while the old run stays on show.
        assert screen.result.params.T == 900
        cells = screen.query_one("#measures", DataTable).get_row_at(0)
        assert cells[1].startswith(number(report.loss))


@run
async def test_the_table_shows_the_trained_embeddings_measurements():
    app = OptimizeFirst(SMALL)
    async with app.run_test(size=(200, 60)) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        report = screen.outcome.report
        assert not report.cancelled and screen.train_note.startswith("done after")
        m = measurements(report.W, SMALL.seed)
        table = screen.query_one("#measures", DataTable)
        rows = {table.get_row_at(i)[0]: table.get_row_at(i) for i in range(table.row_count)}
        assert rows["loss"][1] == number(report.loss)
        assert rows["RMS overlap"][1] == number(m.rms_overlap)
        assert rows["RMS overlap"][3] == number(m.welch_bound)
        assert rows["largest overlap"][1] == number(m.max_overlap)
        assert rows["‖WWᵀ − cI‖/‖WWᵀ‖"][1] == number(m.tight_frame_residual)
        assert rows["smallest ‖w_i‖"][1] == number(m.norm_min)
        assert rows["largest ‖w_i‖"][1] == number(m.norm_max)
        # Trained to the rank-D bound (the linear readout's exact optimum here).
        assert rows["loss"][3] == number(report.bound)
        assert abs(report.loss - report.bound) < 1e-9
        # ctrl+s exports the same numbers, unrounded, with the run itself.
        table_export = screen.export_table()
        exported = {record["key"]: record for record in table_export.records}
        assert exported["rms_overlap"]["trained"] == m.rms_overlap
        assert exported["max_overlap"]["trained"] == m.max_overlap
        assert table_export.document["run"]["final"]["loss"] == report.loss


@run
async def test_the_readout_switch_recomputes_the_baselines():
    app = OptimizeFirst(SMALL)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        assert screen.result.readout == "linear" and screen.result.bound is not None
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert screen.readout == "relu"
        assert screen.result.readout == "relu" and screen.result.bound is None
        assert screen.result.baselines == relu_baselines(SMALL)
        assert "relu readout" in str(screen.query_one("#status").render())


@run
async def test_keys_are_in_help_and_the_palette():
    app = OptimizeFirst(SMALL)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        helped = dict((description, keys) for keys, description in app._key_help())
        assert "f6" in helped["Optimise"]
        assert "^o" in helped["Train/stop"] or "ctrl+o" in helped["Train/stop"]
        assert "Linear/ReLU" in helped
        titles = [title for title, _, _ in screen.commands()]
        assert "Start training" in titles and "Switch readout" in titles


@run
async def test_the_live_curve_shows_over_the_random_line_at_80x24():
    # With ReLU the training loss runs along the random start's line for thousands of steps:
    # drawn under that line, two dots of it were seen over 3,000 steps.
    app = OptimizeFirst(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        plot = screen.query_one(OptimizeLossPlot)
        lines = loss_lines(screen.result.baselines, screen.result.bound)
        random = next(line.value for line in lines if line.key == "random")
        history = [(step, random * (1 - 1e-3 * step / 3000)) for step in range(0, 3001, 15)]
        plot.show(lines, history, "relu")
        await pilot.pause()
        drawn = plot.render().plain
        assert drawn.count(TRAINED_MARKER) >= plot.size.width // 2


@run
async def _relu_quick(monkeypatch) -> None:
    endless(monkeypatch)
    asked.clear()
    app = OptimizeFirst(SMALL)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        for _ in ("linear", "relu"):
            await pilot.press("ctrl+o")
            await first_progress(pilot, screen)
            await pilot.press("ctrl+o")
            await stopped(pilot, screen)
            await pilot.press("ctrl+l")
            await settle(pilot)
    # A class waits on the screen: its ReLU runs are the quick preset, its linear ones exact.
    assert asked == [("linear", False), ("relu", True)]


def test_the_screen_trains_relu_on_the_quick_preset(monkeypatch):
    _relu_quick(monkeypatch)
