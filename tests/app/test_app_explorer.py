"""The explorer driven headless: the table shows exactly the model's numbers, bad input is
marked without losing the last good result, and exports write what the model computes."""

from __future__ import annotations

import asyncio
import csv
import json
import time

import pytest
from textual.widgets import DataTable, Input, Static

from superpos_model import AGREE_SE, Cancelled, ParamError, make_params, run_check, z_score
from superpos_model.views.explorer import CSV_COLUMNS, CURVE_POINTS
from tests.helpers.apptools import run, settle, type_into
from tui.app import SuperposApp
from tui.format import fixed, fixed_se, order_text, z_verdict
from tui.screens import explorer as app_module
from tui.screens.export_dialog import ANSWER_DELAY, ExportDialog
from tui.screens.help import HelpScreen

SIZE = (80, 24)


def cell_text(table: DataTable, key: str, column: int) -> str:
    return str(table.get_row(key)[column]).strip()


def expected_rows(params) -> dict[str, list[str]]:
    """Row key → the strings the table must show, from the model and tui.format only."""
    report = run_check(params)
    rows = {}
    for name, r in report.schemes.items():
        sim = r.simulation
        rows[f"{name}:a_opt"] = [
            fixed(r.notes.a_opt),
            fixed(r.exact.argmin),
            fixed_se(sim.a_opt, sim.a_opt_se),
            z_verdict(z_score(sim.a_opt, r.exact.argmin, sim.a_opt_se), AGREE_SE),
            "",
        ]
        rows[f"{name}:loss_at_opt"] = [
            fixed(r.notes.mse_opt),
            fixed(r.exact.minimum),
            fixed_se(sim.mse_opt, sim.mse_opt_se),
            z_verdict(z_score(sim.mse_opt, r.exact.minimum, sim.mse_opt_se), AGREE_SE),
            fixed(r.exact.minimum / params.T, 6),
        ]
        if params.a is not None:
            a = params.a
            rows[f"{name}:loss_at_a"] = [
                fixed(r.notes.curve(a)),
                fixed(r.exact(a)),
                fixed_se(sim.curve(a), sim.se(a)),
                z_verdict(z_score(sim.curve(a), r.exact(a), sim.se(a)), AGREE_SE),
                fixed(r.exact(a) / params.T, 6),
            ]
    return rows


def assert_table_shows(app: SuperposApp, params) -> None:
    table = app.screen.query_one("#results", DataTable)
    expected = expected_rows(params)
    assert table.row_count == len(expected)
    for key, cells in expected.items():
        shown = [cell_text(table, key, column) for column in range(2, 7)]
        assert shown == cells, key


def ranking_shown(app: SuperposApp) -> str:
    return str(app.screen.query_one("#ranking", Static).render())


@pytest.mark.parametrize(
    ("field", "text", "change"),
    [
        ("T", "1500", {"T": 1500}),
        ("D", "60", {"D": 60}),
        ("z", "8", {"z": 8}),
        ("a", "0.25", {"a": 0.25}),
    ],
)
@run
async def test_typed_change_shows_the_models_numbers(field, text, change):
    start = make_params(a=0.3, samples=600)
    app = SuperposApp(start)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert_table_shows(app, start)
        await type_into(pilot, field, text)
        new = start.replace(**change)
        assert app.params == new
        assert_table_shows(app, new)
        report = run_check(new)
        losses = {name: float(r.exact(new.a)) for name, r in report.schemes.items()}
        expected = order_text(losses, new.a, report.ranking(new.a).resolved)
        assert expected in ranking_shown(app).replace("\n", " ")


@run
async def test_a_change_reuses_the_report_and_nudges_in_hundredths():
    app = SuperposApp(make_params(a=0.3, samples=600))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        report = app.screen.result
        app.screen.query_one("#field-a", Input).focus()
        await pilot.press("up", "up")
        await settle(pilot)
        assert app.params.a == pytest.approx(0.32)
        assert app.screen.result is report  # a quadratic in a: no recomputation
        assert_table_shows(app, app.params)
        await pilot.press("pagedown")
        await settle(pilot)
        assert app.params.a == pytest.approx(0.22)


@pytest.mark.slow
@run
async def test_integer_nudges_step_by_one_and_double():
    app = SuperposApp(make_params(samples=600))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#field-z", Input).focus()
        await pilot.press("up")
        await settle(pilot)
        assert app.params.z == 6
        app.screen.query_one("#field-T", Input).focus()
        await pilot.press("pageup")
        await settle(pilot)
        assert app.params.T == 2000
        assert_table_shows(app, app.params)
        app.screen.query_one("#field-z", Input).focus()
        for _ in range(6):
            await pilot.press("down")
        await settle(pilot)
        assert app.params.z == 1  # z = 0 is refused, not entered


BAD_VALUES = {
    "T": ["abc", "1", "1e9"],
    "D": ["0", "2.5", "-3"],
    "z": ["5000", "0", "many"],
    "a": ["-0.1", "nan", "11"],
    "samples": ["1", "1e12", "2.5"],
    "seed": ["1.5", "", "-1"],
}


def expected_error(good, field: str, text: str) -> str:
    values = {name: getattr(good, name) for name in ("T", "D", "z", "a", "samples", "seed")}
    values[field] = text
    with pytest.raises(ParamError) as raised:
        make_params(**values)
    return str(raised.value)


async def assert_rejected(pilot, good, report, field: str, text: str) -> None:
    app = pilot.app
    await settle(pilot)
    box = app.screen.query_one(f"#field-{field}", Input)
    assert box.value == text
    assert box.has_class("-rejected"), (field, text)
    shown = str(app.screen.query_one("#param-error", Static).render())
    assert expected_error(good, field, text) in shown
    assert app.params == good
    assert app.screen.result is report
    assert_table_shows(app, good)


@pytest.mark.slow
@run
async def test_bad_values_are_marked_and_the_last_good_result_stays():
    good = make_params(a=0.3, samples=600)
    app = SuperposApp(good)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        report = app.screen.result
        for field, texts in BAD_VALUES.items():
            box = app.screen.query_one(f"#field-{field}", Input)
            box.focus()
            await pilot.press("end", "x")  # a keystroke that spoils a good value
            await assert_rejected(pilot, good, report, field, f"{box.value[:-1]}x")
            for text in texts:  # whole bad values, as if pasted
                box.value = text
                await assert_rejected(pilot, good, report, field, text)
            box.value = "0.3" if field == "a" else str(getattr(good, field))
            await settle(pilot)
            assert not box.has_class("-rejected")
            assert str(app.screen.query_one("#param-error", Static).render()) == ""
            assert app.params == good
            assert app.screen.result is report


def test_a_bad_edit_cancels_pending_work(monkeypatch):
    real = app_module.run_check
    cancelled = []

    def slow_for_z6(params, monitor, budget, **options):
        """The model, except that z = 6 takes until it is cancelled (or 5 s)."""
        if params.z == 6:
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                try:
                    monitor.step(0.5)
                except Cancelled:
                    cancelled.append(params)
                    raise
                time.sleep(0.01)
        return real(params, monitor, budget=budget, **options)

    monkeypatch.setattr(app_module, "run_check", slow_for_z6)

    async def body():
        app = SuperposApp(make_params(samples=600))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            report = app.screen.result
            app.screen.query_one("#field-z", Input).focus()
            await pilot.press("up")  # starts the slow computation …
            assert app.screen.computing
            await pilot.press("x")  # … which this bad edit must cancel
            await settle(pilot)
            assert cancelled == [app.params]
            assert app.params.z == 6
            assert app.screen.result is report
            assert_table_shows(app, report.params)

    asyncio.run(body())


@run
async def test_reseed_recomputes_with_the_next_seed():
    app = SuperposApp(make_params(samples=600))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.params.seed == 1
        assert app.screen.query_one("#field-seed", Input).value == "1"
        assert_table_shows(app, app.params)


@run
async def test_help_opens_even_from_an_input_and_lists_the_keys():
    app = SuperposApp(make_params(samples=600))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")  # the screen starts on its view
        assert isinstance(app.focused, Input)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {description: key for key, description in app.screen.keys}
        assert keys["Export"] == "^s" and "Reseed" in keys and "Log y" in keys
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#field-T", Input).value == "1000"


@run
async def test_view_keys_toggle_schemes_zoom_and_log():
    app = SuperposApp(make_params(a=0.3, samples=600))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # from the inputs to the plot
        await pilot.press("1", "m", "l")
        await pilot.pause()
        screen = app.screen
        assert screen.shown == {"single", "multi"}
        assert screen.zoom and screen.log_scale
        assert "random (off)" in str(screen.query_one("#legend", Static).render())
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert screen.view == "table"
        assert screen.query_one("#results").display
        assert not screen.query_one("#plot-pane").display


@run
async def test_command_palette_runs_explorer_actions():
    app = SuperposApp(make_params(samples=600))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"log scale")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.log_scale


# -- export ------------------------------------------------------------------


async def export_to(pilot, path) -> ExportDialog:
    app = pilot.app
    await pilot.press("ctrl+s")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one("#export-path", Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()
    return dialog


def dialog_message(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-message", Static).render())


@run
async def test_export_csv_and_json_hold_the_models_numbers(tmp_path):
    params = make_params(a=0.3, samples=600)
    report = run_check(params)
    app = SuperposApp(params)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await export_to(pilot, tmp_path / "out.csv")
        assert not isinstance(app.screen, ExportDialog)
        await export_to(pilot, tmp_path / "out.json")
        await export_to(pilot, tmp_path / "out.svg")

    lines = (tmp_path / "out.csv").read_text().splitlines()
    comments = [line for line in lines if line.startswith("#")]
    assert lines[: len(comments)] == comments  # the parameters come first, as comments
    assert "# T=1000 D=100 z=5 a=0.3 samples=600 seed=0" in comments
    records = list(csv.DictReader(lines[len(comments) :]))
    assert tuple(records[0]) == CSV_COLUMNS
    # Grid values of a are written without binary noise (0.10450000000000001).
    assert all(len(r["a"]) <= 14 for r in records if r["a"])

    table = {(r["scheme"], r["quantity"]): r for r in records if r["kind"] == "table"}
    for name, r in report.schemes.items():
        assert float(table[name, "a_opt"]["exact"]) == r.exact.argmin
        assert float(table[name, "loss_at_opt"]["simulated"]) == r.simulation.mse_opt
        assert float(table[name, "loss_at_a"]["notes"]) == r.notes.curve(0.3)
        assert float(table[name, "loss_at_a"]["a"]) == 0.3
    curves = [r for r in records if r["kind"] == "curve"]
    assert len(curves) == 3 * CURVE_POINTS
    point = next(r for r in curves if r["scheme"] == "multi" and float(r["a"]) > 0.5)
    multi = report.schemes["multi"]
    assert float(point["exact"]) == pytest.approx(multi.exact(float(point["a"])), rel=1e-12)
    assert float(point["se"]) == pytest.approx(multi.simulation.se(float(point["a"])), rel=1e-12)

    data = json.loads((tmp_path / "out.json").read_text())
    assert data["params"] == {"T": 1000, "D": 100, "z": 5, "a": 0.3, "samples": 600, "seed": 0}
    rows = {(r["scheme"], r["quantity"]): r for r in data["table"]}
    assert rows["single", "loss_at_opt"]["notes"] == report.schemes["single"].notes.mse_opt
    assert data["ranking"]["at_opt"]["winner"] == report.ranking(None).winner
    assert len(data["curves"]["random"]["exact"]) == CURVE_POINTS

    svg = (tmp_path / "out.svg").read_text()
    assert svg.lstrip().startswith("<svg") and "summed over T features" in svg.replace(
        "&#160;", " "
    )


@run
async def test_export_refuses_to_overwrite_until_confirmed(tmp_path):
    target = tmp_path / "keep.csv"
    target.write_text("precious\n")
    app = SuperposApp(make_params(samples=600))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await export_to(pilot, target)
        assert app.screen is dialog
        assert "exists" in dialog_message(dialog)
        assert target.read_text() == "precious\n"
        await pilot.pause(ANSWER_DELAY)  # a key of the asking burst would not answer
        await pilot.press("enter")  # the second ask confirms
        await pilot.pause()
        assert app.screen is not dialog
    assert target.read_text().startswith("# superpos-tui explorer")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing-folder/out.csv", "cannot write"),
        ("", "is a folder"),
        ("out.txt", "use a name ending in"),
    ],
)
@run
async def test_unwritable_paths_give_a_message_not_a_crash(tmp_path, name, message):
    app = SuperposApp(make_params(samples=600))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await export_to(pilot, tmp_path / name if name else tmp_path)
        assert app.screen is dialog
        assert message in dialog_message(dialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not dialog
        assert app.is_running
