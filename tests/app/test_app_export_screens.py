"""ctrl+s exports the screen on view: the walkthrough its steps, the interference screen its
numbers, each under a dialog titled after what it exports."""

from __future__ import annotations

import csv
import json

from textual.widgets import Input, Label

from superpos_model import make_params
from superpos_model.interference import analyse_interference
from superpos_model.walkthrough import walkthrough
from tests.helpers.apptools import run, settle
from tui.app import SuperposApp
from tui.screens.export_dialog import ExportDialog
from tui.screens.interference import NUMBER_COLUMNS
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
        records = list(csv.DictReader(handle))
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
        rows = {r["key"]: r for r in csv.DictReader(handle)}
    assert tuple(next(iter(rows.values()))) == NUMBER_COLUMNS
    assert float(rows["rms"]["measured"]) == analysis.overlaps.rms
    assert float(rows["rms"]["se"]) == analysis.overlaps.rms_se
    assert float(rows["welch"]["theory"]) == analysis.overlaps.welch_bound
    assert rows["welch"]["measured"] == ""  # a bound has no measurement

    data = json.loads((tmp_path / "jl.json").read_text())
    assert data["threshold"] == analysis.capacity.threshold
    numbers = {n["key"]: n for n in data["numbers"]}
    assert numbers["frame"]["measured"] == analysis.frame.estimate.value


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
