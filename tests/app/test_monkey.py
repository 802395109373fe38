"""A long random sequence of keys, values and resizes: the app never crashes and always
ends up showing a result consistent with its parameters."""

from __future__ import annotations

import random

import pytest
from textual.widgets import Input

from superpos_model import LIMITS, ParamError, make_params
from tests.helpers.apptools import run, settle

KEYS = [
    "tab",
    "shift+tab",
    "up",
    "down",
    "pageup",
    "pagedown",
    "shift+up",
    "enter",
    "escape",
    "f2",
    "f3",
    "f4",
    "f7",
    "ctrl+t",
    "ctrl+g",
    "ctrl+r",
    "m",
    "l",
    "1",
    "2",
    "3",
    "n",
    "p",
    "left",
    "right",
    "home",
    "end",
    "backspace",
    "space",
    "question_mark",
    "x",
    "0",
    "5",
    "minus",
    "full_stop",
    "e",
    "ctrl+p",
]
VALUES = ["0", "-1", "1e9", "nan", "abc", "", "2", "7", "40", "300", "0.05", "1.5", "12.5"]
SIZES = [(40, 12), (80, 24), (120, 40), (200, 60), (300, 100), (63, 17)]


async def random_walk(pilot, rng: random.Random, steps: int) -> None:
    app = pilot.app
    for _ in range(steps):
        roll = rng.random()
        if roll < 0.08:
            await pilot.resize_terminal(*rng.choice(SIZES))
        elif roll < 0.3:
            boxes = [b for b in app.screen.query(Input) if (b.id or "").startswith("field-")]
            if boxes:
                box = rng.choice(boxes)
                box.focus()
                box.value = rng.choice(VALUES)
        else:
            await pilot.press(rng.choice(KEYS))
        if app.screen.is_modal and rng.random() < 0.5:
            await pilot.press("escape")
        await pilot.pause(rng.choice([0, 0, 0.01, 0.05]))


def assert_consistent(app) -> None:
    """The result on show (under any dialog) is for the parameters held, and those are valid."""
    params = app.params
    make_params(**{name: getattr(params, name) for name in LIMITS})  # raises if invalid
    screen = app.screen_stack[0]  # the mode's screen, under any dialog
    assert screen.result is not None
    assert screen.same_point(screen.result_params, params)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
@run
async def test_random_keys_values_and_resizes_never_crash(seed):
    from tui.app import SuperposApp

    rng = random.Random(seed)
    start = make_params(T=300, D=30, z=3, samples=300, seed=seed)
    app = SuperposApp(start)
    async with app.run_test(size=rng.choice(SIZES)) as pilot:
        await settle(pilot)
        await random_walk(pilot, rng, 100)
        while app.screen.is_modal:
            await pilot.press("escape")
        await settle(pilot)
        assert_consistent(app)
    assert app.return_code in (None, 0)


def test_every_value_the_walk_types_is_either_valid_or_a_param_error():
    # The walk's vocabulary must exercise both paths, or it tests nothing about rejection.
    outcomes = set()
    for text in VALUES:
        try:
            make_params(z=text)
            outcomes.add("valid")
        except ParamError:
            outcomes.add("error")
    assert outcomes == {"valid", "error"}


@run
async def test_log_scale_outside_the_regime_where_losses_reach_zero_or_below():
    """D ≥ T: single's exact optimum is 0 and the notes' z(T−D)/D negative."""
    from tui.app import SuperposApp
    from tui.widgets.loss_plot import LossPlot

    app = SuperposApp(make_params(T=300, D=400, z=3, samples=300))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        plot = app.screen.query_one(LossPlot)
        plot.focus()
        await pilot.press("l")
        await pilot.resize_terminal(80, 24)
        await pilot.press("m")
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert app.screen.log_scale
