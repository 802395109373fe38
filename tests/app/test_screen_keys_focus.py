"""The keys a screen advertises work from where it starts and after its views switch.

A screen starts with focus on its view; its keys are bound on the screen, so a view
switch (ctrl+t), which hides the pane that had focus, keeps them working.
"""

from __future__ import annotations

from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

from superpos_model import make_params
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.screens.explorer import ExplorerScreen
from tui.screens.interference import InterferenceScreen

NARROW, WIDE = (80, 24), (200, 60)
SMALL = make_params(T=300, D=40, z=3, samples=400)


def footer_keys(app: SuperposApp) -> list[str]:
    return [key.key for key in app.screen.query_one(Footer).query(FooterKey)]


@run
async def test_explorer_keys_survive_view_switches():
    app = SuperposApp(SMALL)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        assert not isinstance(screen.focused, Input)  # the view, not the T field
        await pilot.press("escape", "ctrl+t")
        await settle(pilot)
        assert screen.view == "table"
        assert screen.focused is not None and screen.focused in screen.focus_chain
        assert {"m", "l", "1", "2", "3"} <= set(footer_keys(app))
        await pilot.press("m", "2")
        assert screen.zoom and "single" not in screen.shown
        await pilot.press("ctrl+t", "l")
        await settle(pilot)
        assert screen.view == "plot" and screen.log_scale
        assert {"m", "l", "1", "2", "3"} <= set(footer_keys(app))


@run
async def test_interference_keys_work_where_the_screen_starts_and_after_switches():
    app = SuperposApp(SMALL)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterferenceScreen)
        field = screen.query_one("#field-T", Input)
        start = screen.threshold
        await pilot.press("plus")  # straight after f4: not typed into T
        await settle(pilot)
        assert field.value == "300"
        assert screen.threshold == start + 0.25
        await pilot.press("escape", "ctrl+t", "ctrl+t", "plus")
        await settle(pilot)
        assert screen.view == "numbers"
        assert screen.threshold == start + 0.5


@run
async def test_a_burst_of_view_switches_settles():
    app = SuperposApp(SMALL)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+t")
        for _ in range(20):
            await pilot.pause(0.01)
        assert screen.view == "table"
        assert screen.query_one("#view-tabs").active == "table-tab"


@run
async def test_the_narrow_footer_fits_and_the_wide_one_has_no_view_switch():
    app = SuperposApp(SMALL)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        keys = footer_keys(app)
        assert {"f2", "f3", "f4", "ctrl+s", "question_mark", "ctrl+t"} <= set(keys)
        footer = app.screen.query_one(Footer)
        assert sum(key.outer_size.width for key in footer.query(FooterKey)) <= NARROW[0]
    app = SuperposApp(SMALL)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "ctrl+t" not in footer_keys(app)
