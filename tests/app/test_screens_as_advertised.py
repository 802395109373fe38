"""Issue 28: every screen does what its footer and help say (Pilot, at 80×24).

The sweep's pool survives a cancelled run, esc leaves every field, the views take their
keys as soon as they are shown and keep them after a toggle, `r` works wherever it is
listed, the palette reaches every screen and action, and an invalid field's message is
readable whole.
"""

from __future__ import annotations

import html
import re
import time

import pytest
from textual.command import CommandList
from textual.screen import Screen
from textual.widgets import Input

import superpos_model.sweep.pool as pool
from superpos_model import make_params
from tests.app.test_app_sweep import SweepFirst, opened
from tests.helpers.apptools import opening_on, run, settle, type_into
from tui.app import SCREENS_TABLE, SuperposApp
from tui.screens.help import HelpScreen
from tui.screens.sweep import SweepScreen
from tui.widgets.palette import SafeCommandPalette
from tui.widgets.sweep_phase import PhaseGrid

SIZE = (80, 24)
SMALL = make_params(T=300, D=30, z=3, samples=300)


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
        screen = await opened(pilot)
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
    said: list[str] = []  # the toasts, kept (a slow run could outlast their timeout)
    monkeypatch.setattr(SweepScreen, "notify", lambda self, message, **_: said.append(message))
    app = SweepFirst(SMALL)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await set_setting(pilot, "values", "1..300 x3")
        await set_setting(pilot, "readout", "relu")
        assert screen.result.request.readout == "relu"
        assert all(p.error is None for p in screen.result.line.points)
        assert any("in this process" in m and "no processes here" in m for m in said), said


# -- 2. esc leaves every field of the sweep's inputs ------------------------------


@run
async def test_esc_leaves_every_sweep_field_for_the_view():
    app = SweepFirst(SMALL)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        for name in ("T", "vary", "values", "readout", "vary2", "values2"):
            if name == "vary2":  # vary2 and values2 are enabled in the phase view only
                await pilot.press("ctrl+t")
                await settle(pilot)
            field = screen.query_one(f"#field-{name}" if name == "T" else f"#setting-{name}", Input)
            before = field.value
            field.focus()
            await pilot.pause()
            await pilot.press("escape", "n")
            await settle(pilot)
            assert app.focused is screen.leave_target(), name
            assert field.value == before, name  # the n after esc was not typed into the field


# -- 3. the phase view takes the arrows at once -----------------------------------


@run
async def test_the_phase_view_takes_the_arrows_as_soon_as_it_is_shown():
    app = SweepFirst(SMALL)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.focused is screen.query_one(PhaseGrid)
        await pilot.press("up", "right")
        assert screen.cell == (1, 1)
        # From the fields and back (esc), the grid has focus and still moves its cursor.
        await pilot.press("ctrl+g", "escape", "up", "right")
        assert app.focused is screen.query_one(PhaseGrid)
        assert screen.cell == (2, 2)


# -- 5. focus stays on the view after a toggle ------------------------------------


OptimizeFirst = opening_on("optimize")


@run
async def test_optimise_keys_work_after_plots_table_plots():
    app = OptimizeFirst(SMALL)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.focused is screen.query_one("#measures")
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.focused is screen.leave_target()
        await pilot.press("r")
        await settle(pilot)
        assert screen.readout == "relu"


@pytest.mark.parametrize("mode", [entry.mode for entry in SCREENS_TABLE])
@run
async def test_a_view_toggle_keeps_the_focus_on_the_view(mode):
    app = SuperposApp(SMALL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(next(e.key for e in SCREENS_TABLE if e.mode == mode))
        await settle(pilot)
        screen = app.screen
        if not any(key == "ctrl+t" for key, _ in screen._bindings):
            pytest.skip(f"{mode} has no view toggle")
        for _ in range(3):
            await pilot.press("ctrl+t")
            await settle(pilot)
            assert app.focused is not None and app.focused is screen.leave_target(), mode


# -- 6. r does what the help says, or is not listed -------------------------------


@run
async def test_r_cycles_the_sweep_readout_and_the_help_lists_it():
    app = SweepFirst(SMALL)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await set_setting(pilot, "values", "1..300 x3")
        assert "Readout" in {description for _, description in app._key_help()}
        for expected in ("relu", "both", "cross-entropy", "linear"):
            await pilot.press("r")
            await settle(pilot)
            assert screen.query_one("#setting-readout", Input).value == expected
            assert screen.result.request.readout == expected


@run
async def test_the_walkthrough_does_not_list_r():
    app = SuperposApp(SMALL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        helped = {description: keys for keys, description in app._key_help()}
        assert "Readout" not in helped


# -- 7. the palette reaches every screen and the app's actions --------------------


def palette_titles(palette) -> list[str]:
    command_list = palette.query_one(CommandList)
    return [
        str(command_list.get_option_at_index(i).prompt) for i in range(command_list.option_count)
    ]


async def search_palette(pilot, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    palette = pilot.app.screen
    assert isinstance(palette, SafeCommandPalette)
    await pilot.press(*query)
    deadline = time.monotonic() + 5
    while not palette_titles(palette) and time.monotonic() < deadline:
        await pilot.pause(0.05)
    return palette_titles(palette)


#: What a user types into the palette, and the entry it must find.
PALETTE_FINDS = {
    "sweep": "Sweep screen",
    "walk": "Walkthrough screen",
    "optim": "Optimise screen",
    "interf": "Interference screen",
    "help": "Help",
    "reseed": "Reseed",
    "export": "Export",
}


@run
async def test_the_palette_finds_every_screen_and_action():
    app = SuperposApp(SMALL)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for query, title in PALETTE_FINDS.items():
            titles = await search_palette(pilot, query)
            assert title in [t.split("\n")[0] for t in titles], (query, titles)
            await pilot.press("escape")
            await pilot.pause(0.2)


@run
async def test_a_screen_chosen_in_the_palette_opens_and_help_opens():
    app = SuperposApp(SMALL)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = await search_palette(pilot, "Sweep screen")
        assert titles[0].startswith("Sweep screen"), titles
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_mode == "sweep"
        titles = await search_palette(pilot, "Help")
        assert titles[0].startswith("Help"), titles
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, HelpScreen)


def test_every_screen_of_the_table_has_a_palette_entry():
    app = SuperposApp(SMALL)
    titles = {title for title, _, _ in app.palette_commands(Screen())}
    assert {f"{entry.label} screen" for entry in SCREENS_TABLE} <= titles


# -- 13. Optimise: the status names what is on screen -----------------------------

TRAINS_FAST = make_params(T=60, D=6, z=2, samples=200)


@run
async def test_optimise_status_names_the_run_on_show_after_r():
    app = OptimizeFirst(TRAINS_FAST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("ctrl+o")
        deadline = time.monotonic() + 60
        while screen.training or screen.outcome is None:
            assert time.monotonic() < deadline
            await pilot.pause(0.05)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert screen.readout == "relu" and screen.outcome.report.readout == "linear"
        status = str(screen.query_one("#status").render())
        assert "showing the linear run" in status and "relu" in status, status
        assert len(status) <= SIZE[0] - 2  # one line at 80 columns
        assert screen.query_one("OptimizeLossPlot")._readout == "linear"  # the run still on show


# -- 11. an invalid field's message is readable whole at 80×24 --------------------


def screen_text(app) -> str:
    """The characters on screen, row by row, from the app's SVG screenshot."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in re.findall(
        r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>',
        app.export_screenshot(),
    ):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return " ".join("".join(t for _, t in sorted(rows[y])).strip() for y in sorted(rows))


@pytest.mark.parametrize(
    "mode",
    # One screen in the default run: the panel and its message are the same on all.
    [
        SCREENS_TABLE[0].mode,
        *(pytest.param(e.mode, marks=pytest.mark.slow) for e in SCREENS_TABLE[1:]),
    ],
)
@run
async def test_an_invalid_fields_whole_message_is_on_screen(mode):
    app = SuperposApp(SMALL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(next(e.key for e in SCREENS_TABLE if e.mode == mode))
        await settle(pilot)
        await type_into(pilot, "samples", "1,0000000000")
        message = str(app.screen.query_one("#param-error").render())
        assert message.endswith("a comma only groups thousands (1,000)")
        shown = " ".join(screen_text(app).split())
        assert " ".join(message.split()) in shown, shown
