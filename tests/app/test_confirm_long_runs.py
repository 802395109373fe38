"""Keys that land in the wrong field (a burst with Tab over a slow link) must not silently
start a run of many minutes: a run estimated over a few seconds is confirmed first, and a
field that changes flashes."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, Static

from superpos_model import make_params
from superpos_model.budget import simulation_seconds
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.screens import base
from tui.screens.confirm_run import ConfirmRun, duration_text
from tui.widgets import params_panel

SMALL = make_params(T=300, D=40, z=3, samples=400)


def test_the_estimate_grows_with_the_work_and_flags_five_million_samples():
    assert simulation_seconds(make_params()) < base.CONFIRM_SECONDS
    assert simulation_seconds(make_params(samples=5_000_000)) > 2 * base.CONFIRM_SECONDS
    assert simulation_seconds(make_params(D=200)) > simulation_seconds(make_params(D=100))


@run
async def test_a_long_run_is_confirmed_and_a_no_keeps_the_last_parameters():
    app = SuperposApp(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        # Counted as long above a million features, so the dialog's no path runs no long work.
        screen.cost_seconds = lambda params: 60.0 if params.T > 1_000_000 else 0.0
        field = screen.query_one("#field-T", Input)
        field.focus()
        # T = 10,000,010 arrives at once (keys typed one by one would first compute the
        # smaller values on the way), then the rest of the burst: the tab and the D meant
        # to follow land in the dialog, the tab cannot reach Run, the enter cancels.
        field.value = "10000010"
        await pilot.pause()
        assert isinstance(app.screen, ConfirmRun)
        message = str(app.screen.query_one("#confirm-message", Static).render())
        assert "T=10,000,010" in message and duration_text(60.0) in message
        await pilot.press("tab", "5", "enter")
        await settle(pilot)
        assert app.screen is screen and app.params == SMALL
        assert field.value == "300"


def test_a_yes_runs_it(monkeypatch):
    # Long enough to be seen however slowly the test machine runs; the end is checked below.
    monkeypatch.setattr(params_panel, "FLASH_SECONDS", 30.0)
    yes_runs_it()


@run
async def yes_runs_it():
    app = SuperposApp(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        # A cheap change, counted as long: the dialog's yes path, without a long run.
        screen.cost_seconds = lambda params: 60.0
        field = screen.query_one("#field-D", Input)
        field.focus()
        field.value = "41"
        await pilot.pause()
        assert field.has_class("-flash")
        assert isinstance(app.screen, ConfirmRun)
        await pilot.press("y")
        await settle(pilot)
        assert app.params.D == 41 and screen.result_params.D == 41
        params_panel.FLASH_SECONDS = 1.0  # (restored by monkeypatch)
        seed = screen.query_one("#field-seed", Input)
        seed.value = "1"
        await pilot.pause()
        assert seed.has_class("-flash")
        for _ in range(200):
            await pilot.pause(0.05)
            if not seed.has_class("-flash"):
                break
        assert not seed.has_class("-flash")


@run
async def test_a_burst_of_digits_asks_once_about_the_last_value():
    # Each key of a fast burst changes the field before the first question shows; one
    # dialog per key stacked 46 deep in the 10-minute monkey and ended the app
    # (RecursionError drawing the screens beneath).
    app = SuperposApp(SMALL)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.cost_seconds = lambda params: 60.0 if params.T > 1_000_000 else 0.0
        field = screen.query_one("#field-T", Input)
        field.focus()
        field.value = ""
        for key in "30000000":  # T = 3,000,000 then 30,000,000: both asked about
            app.post_message(events.Key(key, key))  # all queued before any is handled
        for _ in range(100):  # every key handled, however loaded the machine
            await pilot.pause(0.05)
            if field.value == "30000000" and isinstance(app.screen, ConfirmRun):
                break
        await pilot.pause(0.2)
        dialogs = [s for s in app.screen_stack if isinstance(s, ConfirmRun)]
        assert len(dialogs) == 1
        message = str(dialogs[0].query_one("#confirm-message", Static).render())
        assert "T=30,000,000" in message
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and app.params == SMALL
