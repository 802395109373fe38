"""ctrl+s exports the screen on view: the walkthrough its steps, the interference screen its
numbers, each under a dialog titled after what it exports."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from textual.widgets import Input, Label

from superpos_model import make_params
from superpos_model.interference import analyse_interference
from superpos_model.walkthrough import walkthrough
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.interference_numbers import COLUMNS, curve_records
from tui.screens.export_dialog import ExportDialog
from tui.screens.walkthrough import STEP_COLUMNS

SIZE = (80, 24)


async def export_from(pilot, key: str, paths) -> str:
    """Open the screen behind ``key``, export it to each path; the dialog's title."""
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    title = ""
    for path in paths:
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        title = str(dialog.query_one("#export-title", Label).render())
        dialog.query_one("#export-path", Input).value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ExportDialog)
    return title


@run
async def test_the_walkthrough_exports_its_steps(tmp_path):
    params = make_params(samples=200)
    steps = walkthrough(params, "all")
    async with SuperposApp(params).run_test(size=SIZE) as pilot:
        title = await export_from(pilot, "f3", [tmp_path / "steps.csv", tmp_path / "steps.json"])
    assert title == "Export the walkthrough's steps"

    with (tmp_path / "steps.csv").open() as handle:
        records = list(csv.DictReader(row for row in handle if not row.startswith("#")))
    assert tuple(records[0]) == STEP_COLUMNS
    assert [r["key"] for r in records] == [s.key for s in steps]
    for record, step in zip(records, steps, strict=True):
        assert record["chain"] == step.chain and record["verdict"] == str(step.verdict)
        assert float(record["theory"]) == step.theory
        assert float(record["simulated"]) == step.simulated.value
        assert float(record["se"]) == step.simulated.se
        assert record["notes"] == ("" if step.notes_value is None else repr(step.notes_value))

    data = json.loads((tmp_path / "steps.json").read_text())
    assert data["params"]["T"] == params.T and data["params"]["samples"] == params.samples
    assert [s["title"] for s in data["steps"]] == [s.title for s in steps]


@run
async def test_the_interference_screen_exports_its_numbers(tmp_path):
    params = make_params(T=300, D=40, z=3, samples=600)
    analysis = analyse_interference(params)
    async with SuperposApp(params).run_test(size=SIZE) as pilot:
        title = await export_from(pilot, "f4", [tmp_path / "jl.csv", tmp_path / "jl.json"])
    assert title == "Export the interference numbers"

    with (tmp_path / "jl.csv").open() as handle:
        all_rows = list(csv.DictReader(row for row in handle if not row.startswith("#")))
    rows = {r["key"]: r for r in all_rows}
    assert tuple(next(iter(rows.values()))) == COLUMNS
    assert float(rows["rms"]["measured"]) == analysis.overlaps.rms
    assert float(rows["rms"]["se"]) == analysis.overlaps.rms_se
    assert float(rows["welch"]["theory"]) == analysis.overlaps.welch_bound
    assert rows["welch"]["measured"] == ""  # a bound has no measurement

    data = json.loads((tmp_path / "jl.json").read_text())
    assert data["threshold"] == analysis.capacity.threshold
    numbers = {n["key"]: n for n in data["numbers"]}
    assert numbers["frame"]["measured"] == analysis.frame.estimate.value
    # The capacity curve: the noise at every z the simulation measured, in both files.
    curve = curve_records(analysis)
    assert data["capacity_curve"]["points"] == curve
    assert [int(r["z"]) for r in all_rows if r["key"] == "capacity_curve"] == list(
        analysis.capacity.active
    )
    c = analysis.capacity
    assert [float(r["max_noise"]) for r in all_rows if r["key"] == "capacity_curve"] == list(c.max)


@run
async def test_an_svg_export_does_not_picture_the_previous_exports_toast(tmp_path):
    app = SuperposApp(make_params(samples=200))
    # run_test leaves toasts out unless asked: the toast is what must not be in the SVG.
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await export_from(pilot, "f3", [tmp_path / "steps.csv", tmp_path / "screen.svg"])
        await export_from(pilot, "f3", [tmp_path / "again.svg"])
    for name in ("screen.svg", "again.svg"):
        svg = (tmp_path / name).read_text()
        assert "<svg" in svg and "wrote" not in svg and "Exported" not in svg, name


#: Each screen's key and what its export says of the readout.
SCREENS = {"f2": "linear", "f3": "both", "f4": "none", "f6": "linear", "f7": "linear"}


@pytest.mark.parametrize("key", SCREENS)
@run
async def test_every_export_carries_its_settings_in_the_file_and_its_name(tmp_path, key):
    params = make_params(T=200, D=20, z=3, a=0.5, samples=200, seed=7)
    app = SuperposApp(params)
    cwd = os.getcwd()
    os.chdir(tmp_path)  # a name typed without a folder lands here
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await settle(pilot)
            await pilot.press(key)
            await settle(pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            default = Path(dialog.query_one("#export-path", Input).value)
            assert default.parent == tmp_path
            readout = SCREENS[key]
            swept = "zswept" if key == "f7" else "z3"  # the sweep's default varies z
            assert f"-T200-D20-{swept}-a0.5-bnone-{readout}-samples200-seed7.csv" in default.name
            await pilot.press("enter")
            await pilot.pause()
            # The toast says where, in full, the proposed name and a bare one alike.
            assert f"wrote {default}" in [str(n.message) for n in app._notifications]
            await export_from(pilot, key, ["out.json"])
            toasts = [str(n.message) for n in app._notifications]
    finally:
        os.chdir(cwd)
    assert f"wrote {tmp_path / 'out.json'}" in toasts
    comments = [line for line in default.read_text().splitlines() if line.startswith("#")]
    z = "swept" if key == "f7" else "3"
    expected = f"# settings: T=200 D=20 z={z} a=0.5 b= readout={readout} samples=200 seed=7"
    assert expected in comments
    settings = json.loads((tmp_path / "out.json").read_text())["settings"]
    assert settings == {
        "T": 200,
        "D": 20,
        "z": "swept" if key == "f7" else 3,
        "a": 0.5,
        "b": None,
        "readout": readout,
        "samples": 200,
        "seed": 7,
    }
