"""Quick edits never leave a result on screen for parameters other than those shown."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.screens import base


@pytest.fixture(autouse=True)
def no_confirmation(monkeypatch):
    """These tests use a slow T (2,000,000) on purpose: no dialog asks before it runs."""
    monkeypatch.setattr(base, "CONFIRM_SECONDS", float("inf"))


async def edit_without_waiting(pilot, field: str, *texts: str) -> None:
    box = pilot.app.screen.query_one(f"#field-{field}", Input)
    for text in texts:
        box.value = text
        await pilot.pause()


@run
async def test_returning_to_parameters_whose_run_was_cancelled_runs_it_again():
    app = SuperposApp(make_params(samples=300))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await edit_without_waiting(pilot, "T", "5000", "50x0", "5000")
        await settle(pilot)
        assert app.params.T == 5000
        assert app.screen.result.params.T == 5000


@run
async def test_going_back_before_a_run_ends_keeps_the_report_of_the_parameters_shown():
    app = SuperposApp(make_params(samples=300))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = app.screen.result
        await edit_without_waiting(pilot, "T", "2000000", "1000")
        await settle(pilot)
        assert app.params.T == 1000
        assert app.screen.result is first


@run
async def test_the_status_line_says_which_result_is_on_show_while_a_field_is_invalid():
    app = SuperposApp(make_params(samples=300))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        status = app.screen.query_one("#status", Static)
        await edit_without_waiting(pilot, "T", "2000000", "2000000x")
        await settle(pilot)
        shown = str(status.render())
        assert shown.startswith("field invalid; showing T=1,000 ")
        assert app.screen.result.params.T == 1000
        await edit_without_waiting(pilot, "T", "2000")
        await settle(pilot)
        assert str(status.render()).startswith("T=2,000  D=100")


def test_an_unexpected_model_error_is_a_notification_not_an_exit(monkeypatch):
    from tui.screens import explorer as app_module

    real = app_module.run_check

    def broken_for_z7(params, monitor, **options):
        if params.z == 7:
            raise RuntimeError("simulated model failure")
        return real(params, monitor, **options)

    monkeypatch.setattr(app_module, "run_check", broken_for_z7)

    @run
    async def body():
        app = SuperposApp(make_params(samples=300))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            report = app.screen.result
            await edit_without_waiting(pilot, "z", "7")
            await settle(pilot)
            assert app.is_running and app.screen.result is report
            assert any("simulated model failure" in str(n.message) for n in app._notifications)

    body()
