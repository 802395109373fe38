"""The explorer's readout switch: ReLU numbers on screen are the model's, b is validated."""

from __future__ import annotations

import sys

import pytest
from textual.widgets import Input, Select, Static

from superpos_model import make_params
from superpos_model.readout import Readout
from superpos_model.relu import gaussian_random, run_relu_check
from tests.helpers.apptools import (
    bias_table_cells,
    expected_bias_cells,
    press_readout,
    run,
    settle,
    type_into,
)
from tui.app import SuperposApp

SIZE = (80, 24)
SMALL = {"T": 300, "D": 30, "z": 3, "samples": 400}


relu_cells = bias_table_cells


def expected_cells(params, b) -> dict[str, list[str]]:
    """Row key → the strings the table must show, from the model and tui.format only."""

    def best(r):
        return r.optimum.a, r.optimum.b, ""

    return expected_bias_cells(run_relu_check(params, b), gaussian_random, best)


async def switch_to_relu(pilot) -> None:
    await press_readout(pilot)


@run
async def test_switch_shows_the_models_numbers_and_b_only_with_relu():
    params = make_params(a=1.2, **SMALL)
    app = SuperposApp(params)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#b-cell").display
        assert app.screen.query_one("#readout-cell").display
        await switch_to_relu(pilot)
        assert app.readout == Readout("relu", 0.5)
        assert app.screen.query_one("#b-cell").display
        assert app.screen.query_one("#field-readout", Select).value == "relu"
        assert relu_cells(app) == expected_cells(params, 0.5)
        ranking = str(app.screen.query_one("#relu-ranking", Static).render())
        report = run_relu_check(params, 0.5)
        assert f"{report.ranking().factor:.3g}× lower" in ranking
        # Single's best bias is below 0 here: the screen says what that b is.
        assert (
            report.intercept_sentence() == "b* < 0 for single: an intercept here, not a threshold"
        )
        assert report.intercept_sentence() in ranking
        assert app.screen.query_one("#relu-plot").display
        assert not app.screen.query_one("#plot").display
        # A new b recomputes the (a, b) rows at that b.
        await type_into(pilot, "b", "0.25")
        assert app.readout.b == 0.25
        assert relu_cells(app) == expected_cells(params, 0.25)
        # Past cross-entropy, back to linear: the linear table returns, b hides.
        app.screen.query_one("#field-b", Input).blur()
        await pilot.press("escape", "r", "r")
        await settle(pilot)
        assert app.readout.kind == "linear"
        assert not app.screen.query_one("#b-cell").display
        assert app.screen.query_one("#plot").display


async def set_field(pilot, name: str, text: str) -> None:
    """Put ``text`` into the field at once (typing it key by key would pass valid prefixes)."""
    box = pilot.app.screen.query_one(f"#field-{name}", Input)
    box.focus()
    box.value = text
    await settle(pilot)


@pytest.mark.parametrize(
    "text", ["0,5", *(pytest.param(t, marks=pytest.mark.slow) for t in ("nan", "inf", ""))]
)
@run
async def test_bad_b_is_marked_and_the_last_result_stays(text):
    params = make_params(a=1.2, **SMALL)
    app = SuperposApp(params)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await switch_to_relu(pilot)
        before = relu_cells(app)
        result = app.screen.result
        await set_field(pilot, "b", text)
        field = app.screen.query_one("#field-b", Input)
        assert field.has_class("-rejected")
        assert app.screen.query_one("#label-b").has_class("-rejected")
        error = str(app.screen.query_one("#param-error", Static).render())
        assert error.startswith("✗ b:") and "any finite number" in error
        assert app.readout.b == 0.5
        assert app.screen.result is result
        assert relu_cells(app) == before
        assert "field invalid" in str(app.screen.query_one("#status", Static).render())
        # Fixing it clears the mark and computes.
        await type_into(pilot, "b", "-0.5")
        assert not field.has_class("-rejected")
        assert app.readout.b == -0.5
        assert relu_cells(app) == expected_cells(params, -0.5)


@run
async def test_relu_is_loaded_only_when_switched_on():
    # The test process may have loaded the ReLU model already; the app must not need it.
    app = SuperposApp(make_params(**SMALL))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#relu-plot").has_class("-other-readout")
        assert "superpos_model.views.relu" not in sys.modules or app.readout.kind == "linear"


@run
async def test_readout_key_and_palette_entry_only_on_the_explorer():
    app = SuperposApp(make_params(**SMALL))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        names = [c[0] for c in app.screen.commands()]
        assert any("readout" in name.lower() for name in names)
        assert app.check_action("toggle_readout", ())
        await pilot.press("f3")
        await pilot.pause()
        assert not app.check_action("toggle_readout", ())
        assert not app.screen.query_one("#readout-cell").display


@pytest.mark.slow
@run
async def test_walkthrough_screen_shows_the_nonlinear_chain_on_key_6():
    from superpos_model.walkthrough import CHAINS

    app = SuperposApp(make_params(T=200, D=8, z=3, samples=300))
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        assert list(CHAINS).index("nonlinear") == 5
        await pilot.press("escape", "6")
        await pilot.pause()
        assert app.screen.current == "nonlinear.inactive_cut"
        help_keys = {description: keys for keys, description in app._key_help()}
        assert help_keys["Chain nonlinear"] == "6"
