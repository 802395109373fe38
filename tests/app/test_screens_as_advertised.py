"""Issue 28: every screen does what its footer and help say (Pilot, at 80×24).

The sweep's pool survives a cancelled run, esc leaves every field, the views take their
keys as soon as they are shown and keep them after a toggle, `r` works wherever it is
listed, the palette reaches every screen and action, and an invalid field's message is
readable whole.
"""

from __future__ import annotations

import time

from textual.widgets import Input

import superpos_model.sweep.pool as pool
from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.screens.sweep import SweepScreen

SIZE = (80, 24)
SMALL = make_params(T=300, D=30, z=3, samples=300)


class SweepFirst(SuperposApp):
    """The app opening on the sweep screen: no explorer simulation to wait for."""

    DEFAULT_MODE = "sweep"


async def sweep_opened(pilot) -> SweepScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SweepScreen) and screen.result is not None
    return screen


async def set_setting(pilot, name: str, value: str, wait: bool = True) -> None:
    pilot.app.screen.query_one(f"#setting-{name}", Input).value = value
    if wait:
        await settle(pilot)
    else:
        await pilot.pause()


# -- 1. the sweep's process pool -------------------------------------------------


@run
async def test_a_phase_diagram_started_while_a_relu_sweep_runs_computes_every_cell():
    """ctrl+t cancels a ReLU sweep under way on the pool and starts the phase diagram at
    once: the cancelled run must not end the workers the new one is using."""
    app = SweepFirst(SMALL)
    async with app.run_test(size=SIZE) as pilot:
        screen = await sweep_opened(pilot)
        await set_setting(pilot, "values2", "20,30")
        await set_setting(pilot, "values", "1..300 x6", wait=False)
        await set_setting(pilot, "readout", "relu", wait=False)
        deadline = time.monotonic() + 30
        while pool._pool is None or not any(f.running() for f in _pool_futures()):
            assert screen.computing and time.monotonic() < deadline
            await pilot.pause(0.02)
        await pilot.press("ctrl+t")
        await settle(pilot)
        phases = screen.result.phases
        assert phases and screen.result.request.readout == "relu"
        assert phases[0].errors == []


def _pool_futures():
    work = getattr(pool._pool, "_pending_work_items", {}) if pool._pool is not None else {}
    return [item.future for item in list(work.values())]


@run
async def test_a_pool_that_cannot_start_falls_back_in_process_and_says_so(monkeypatch):
    def broken(workers):
        raise OSError("no processes here")

    monkeypatch.setattr(pool, "_executor", broken)
    app = SweepFirst(SMALL)
    async with app.run_test(size=SIZE) as pilot:
        screen = await sweep_opened(pilot)
        await set_setting(pilot, "values", "1..300 x3")
        await set_setting(pilot, "readout", "relu")
        assert screen.result.request.readout == "relu"
        assert all(p.error is None for p in screen.result.line.points)
        said = [n.message for n in app._notifications]
        assert any("own process" in m and "no processes here" in m for m in said), said
