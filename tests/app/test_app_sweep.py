"""The sweep screen (f7) through Pilot: its numbers are the model's, the cursor reads them
off, the phase view, bad values and the export."""

from __future__ import annotations

import csv
import json
import re

import numpy as np
from textual.geometry import Region
from textual.widgets import Input, Static

from superpos_model import make_params
from superpos_model.schemes import SCHEMES
from superpos_model.sweep import parse_values, sweep, sweep_csv, sweep_json
from superpos_model.views.sweep import phase_rows, sweep_series
from superpos_model.walkthrough.losses import stops_paying
from tests.app.test_app_export_screens import export_from
from tests.app.test_screen_keys_focus import footer_keys
from tests.helpers.apptools import opening_on, run, settle, type_into
from tui.app import SuperposApp
from tui.format import number
from tui.screens.sweep import SweepScreen, default_settings
from tui.sweep_text import crossing_line
from tui.widgets.sweep_phase import cell_position
from tui.widgets.sweep_plot import SweepPlot, relative_losses

#: A y tick label at the left edge of a plot's line: a number, then the axis.
Y_TICK = re.compile(r"^\s*([0-9][0-9.,]*)\s*[┤│├]")


SweepFirst = opening_on("sweep")


async def opened(pilot) -> SweepScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SweepScreen) and screen.result is not None
    return screen


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def set_setting(pilot, name: str, value: str) -> None:
    box = pilot.app.screen.query_one(f"#setting-{name}", Input)
    box.value = value
    await settle(pilot)


def expected_sweep(app):
    values = [int(v) for v in parse_values("z", default_settings(app.params)["values"])]
    return sweep(app.params, "z", values, "linear", workers=1)


@run
async def test_the_numbers_on_screen_are_the_sweeps():
    app = SweepFirst(make_params())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        expected = expected_sweep(app)
        shown = screen.result.line
        assert shown.values == expected.values
        assert [p.standing for p in shown.points] == [p.standing for p in expected.points]
        for index, point in enumerate(expected.points):
            screen.cursor = index
            screen.show_result()
            line = text(screen, "#sweep-cursor")
            assert f"z = {point.params.z:,} ({index + 1}/{len(expected.values)})" in line
            for name in SCHEMES:
                assert f"{name[0].upper()} {number(point.standing.losses[name])}" in line
            assert point.standing.label in line
        await pilot.press("right")
        assert screen.cursor == len(expected.values) - 1  # the press stops at the end


@run
async def test_the_crossings_listed_are_the_models():
    app = SweepFirst(make_params())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        expected = expected_sweep(app).crossings_of("linear")
        assert expected, "the default sweep crosses"
        listed = text(screen, "#sweep-crossings").splitlines()
        assert listed == [f"linear: {crossing_line(c, 'z')}" for c in expected]


@run
async def test_the_cursor_moves_and_stops_at_the_ends():
    app = SweepFirst(make_params())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        await pilot.press("left")
        assert screen.cursor == 0
        await pilot.press("right", "right")
        assert screen.cursor == 2
        assert f"z = {screen.result.line.values[2]:,} (3/" in text(screen, "#sweep-cursor")
        first_crossing = screen.result.line.crossings[0].above.params.z
        screen.cursor = 0
        await pilot.press("n")
        assert screen.result.line.values[screen.cursor] >= first_crossing


@run
async def test_the_phase_view_draws_the_grid_and_reads_a_cell():
    app = SweepFirst(make_params())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        (diagram,) = screen.result.phases
        assert (diagram.x, diagram.y) == ("z", "D")
        assert diagram.y_values == parse_values("D", default_settings(app.params)["values2"])
        grid = str(screen.query_one("#phase-grid", Static).render())
        for row in phase_rows(diagram):
            assert " ".join(row).rstrip() in grid
        await pilot.press("up", "up", "right")
        assert screen.cell == (2, 1)
        cell = diagram.points[2][1]
        line = text(screen, "#sweep-cursor")
        assert f"D={cell.params.D:,}" in line and f"z={cell.params.z:,}" in line
        assert cell.standing.label in line
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert screen.result.line is not None and not screen.result.phases


@run
async def test_bad_values_are_marked_and_the_last_result_stays():
    app = SweepFirst(make_params())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        before = screen.result
        await set_setting(pilot, "values", "5..1")
        box = screen.query_one("#setting-values", Input)
        assert box.has_class("-rejected")
        assert "values:" in text(screen, "#sweep-error") and "must go up" in text(
            screen, "#sweep-error"
        )
        assert screen.result is before
        await set_setting(pilot, "values", "1,2,3")
        assert not box.has_class("-rejected")
        assert screen.result.line.values == (1, 2, 3)


@run
async def test_parameters_that_make_the_values_invalid_keep_the_last_result():
    app = SweepFirst(make_params())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        before = screen.result
        await type_into(pilot, "T", "500")  # the default values reach z = 1000
        assert screen.query_one("#setting-values", Input).has_class("-rejected")
        assert screen.result is before
        await set_setting(pilot, "values", "1..500 x10 log")
        assert screen.result.line.values[-1] == 500 and screen.result.line.base.T == 500


@run
async def test_the_export_is_the_sweeps_rows():
    app = SweepFirst(make_params())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        table = screen.export_table()
        rows = sweep_csv(screen.result.line)
        assert list(table.columns) == rows[0]
        assert [list(r.values()) for r in table.records] == rows[1:]
        assert table.document == sweep_json(screen.result.line)


@run
async def test_help_explains_the_value_syntax_and_the_keys():
    app = SweepFirst(make_params())
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        keys = dict((description, key) for key, description in app._key_help())
        assert keys["Line/Phase"] == "^t" and keys["Cursor"] == "←→"
        assert "Next crossing" in keys
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert "1..233 x12 log" in help_screen.about and "## Keys" not in help_screen.about
        titles = [title for title, _, _ in pilot.app.screen_stack[-2].commands()]
        assert "Line / phase view" in titles and "Next crossing" in titles


@run
async def test_the_default_values_follow_the_starting_T():
    app = SweepFirst(make_params(T=300, D=30, z=3))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        assert screen.result.line.values[-1] == 300
        assert not screen.query_one("#setting-values", Input).has_class("-rejected")


@run
async def test_ctrl_s_writes_the_sweeps_csv_and_json(tmp_path):
    app = SuperposApp(make_params())
    async with app.run_test(size=(80, 24)) as pilot:
        paths = [tmp_path / "sweep.csv", tmp_path / "sweep.json"]
        title = await export_from(pilot, "f7", paths)
        line = app.screen.result.line
    assert title == "Export the sweep's rows"
    with paths[0].open() as handle:
        settings, *rows = list(csv.reader(handle))
    assert settings == [
        f"# settings: T={app.params.T} D={app.params.D} z=swept a= b= "
        f"readout=linear samples={app.params.samples} seed={app.params.seed}"
    ]
    assert rows == [[str(v) for v in row] for row in sweep_csv(line)]
    document = json.loads(paths[1].read_text())
    assert document.pop("settings")["z"] == "swept"
    assert document == json.loads(json.dumps(sweep_json(line)))


# -- 80×24: the y views and a phase grid that follows the cursor -----------------


@run
async def test_y_cycles_loss_log_loss_and_loss_over_best_at_80x24():
    app = SweepFirst(make_params())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        assert "y" in footer_keys(app)
        plot = screen.query_one(SweepPlot)
        series = sweep_series(screen.result.line)
        for view, title in (("log", "(log scale)"), ("ratio", "÷"), ("linear", "summed")):
            await pilot.press("y")
            await pilot.pause()
            assert screen.y_view == view
            drawn = plot.render().plain
            assert title in drawn.splitlines()[0]
            labels = [m.group(1) for line in drawn.splitlines() if (m := Y_TICK.match(line))]
            assert len(labels) >= 3, (view, labels)
            if view == "ratio":
                assert "1" in labels  # every readout's winner is at 1
        assert all(np.isfinite(s.loss).any() for s in series)


def test_loss_over_best_puts_each_readouts_winner_at_1():
    app_params = make_params(T=200, D=20)
    result = sweep(app_params, "z", [1, 2, 5, 10, 50], "both", workers=1)
    series = sweep_series(result)
    ratios = relative_losses(series)
    for readout in result.readouts:
        mine = np.array([r for s, r in zip(series, ratios, strict=True) if s.readout == readout])
        losses = np.array([s.loss for s in series if s.readout == readout])
        # Where the best loss is 0 (ReLU's random at z = 1, a limit) no ratio is drawn.
        drawn = losses.min(axis=0) > 0
        assert np.isnan(mine[:, ~drawn]).all()
        assert np.allclose(np.nanmin(mine[:, drawn], axis=0), 1.0)
        assert np.allclose(mine[:, drawn] * losses.min(axis=0)[drawn], losses[:, drawn])


@run
async def test_the_phase_grid_follows_the_cursor_at_80x24():
    app = SweepFirst(make_params())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        (diagram,) = screen.result.phases
        pane = screen.query_one("#phase-pane")
        corners = ["right"] * (len(diagram.x_values) - 1) + ["up"] * (len(diagram.y_values) - 1)
        for keys in (corners, ["left"] * (len(diagram.x_values) - 1)):
            await pilot.press(*keys)
            await settle(pilot)
            i, j = screen.cell
            line, column = cell_position(diagram, i, j)
            grid = screen.query_one("#phase-grid").region  # on screen: scrolled with the pane
            cell = Region(grid.x + column, grid.y + line, 2, 1)
            assert pane.content_region.contains_region(cell), (screen.cell, pane.scroll_offset)


@run
async def test_the_sweep_screen_sweeps_cross_entropy_too():
    app = SweepFirst(make_params(T=200, D=8))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        await set_setting(pilot, "values", "1,3,5")
        await set_setting(pilot, "readout", "cross-entropy")
        shown = screen.result.line
        expected = sweep(app.params, "z", [1, 3, 5], "cross-entropy", workers=1)
        assert [p.standing for p in shown.points] == [p.standing for p in expected.points]


@run
async def test_the_sweep_screen_shows_where_multi_takes_over_under_cross_entropy():
    # "Under cross-entropy, at what z does multi take over?" on one screen, at 80×24.
    app = SweepFirst(make_params(T=100, D=10))
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await set_setting(pilot, "values", "8,16")
        await set_setting(pilot, "readout", "cross-entropy")
        screen = pilot.app.screen
        listed = text(screen, "#sweep-crossings").splitlines()
        # The walkthrough's own search (losses chain) finds the same pair of integers.
        where = stops_paying("cross-entropy", 100, 10, 2, "z")
        assert where.value == 13
        assert listed == ["cross-entropy: z = 12 → 13: random → multi"]
        assert screen.query_one("#sweep-crossings").region.bottom <= 24
