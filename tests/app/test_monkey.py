"""A long random sequence of keys, values and resizes: the app never crashes and always
ends up showing a result consistent with its parameters."""

from __future__ import annotations

import random

import pytest
from textual import events
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
    "f6",
    "ctrl+o",
    "ctrl+l",
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
    "ctrl+s",
    "f5",
    "s",
    "c",
    "C",
    "plus",
    "equals_sign",
    "j",
    "k",
]
#: Export paths typed into the dialog: each must be a message or a whole file.
PATHS = ["x" * 300 + ".csv", "~nosuchuser-monkey/x.csv", "~results.csv", ".", "out.csv"]
VALUES = [
    *("0", "-1", "1e9", "nan", "abc", "", "2", "7", "40", "300", "0.05", "1.5", "12.5"),
    *("1,000", "0,5", "\u22125", "\uff17", "9" * 40),
]
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
                await pilot.press("home", "shift+end", "backspace")  # select all, delete
                await pilot.press(*rng.choice(VALUES))  # typed, key by key
        elif roll < 0.35:
            await pilot.press("ctrl+s")
            if app.screen.is_modal and app.screen.query("#export-path"):
                await pilot.press("home", "shift+end", "backspace", *rng.choice(PATHS))
                burst(app, ["enter"] * rng.randint(1, 3))
        elif roll < 0.5:
            burst(app, [rng.choice(KEYS) for _ in range(rng.randint(2, 6))])
        else:
            await pilot.press(rng.choice(KEYS))
        if app.screen.is_modal and rng.random() < 0.5:
            await pilot.press("escape")
        await pilot.pause(rng.choice([0, 0, 0.01, 0.05]))


def burst(app, keys: list[str]) -> None:
    """Queue ``keys`` with no wait between them, as a fast typist or a paste does."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


def assert_consistent(app) -> None:
    """The result on show (under any dialog) is for the parameters held, and those are valid."""
    params = app.params
    make_params(**{name: getattr(params, name) for name in LIMITS})  # raises if invalid
    screen = app.screen_stack[0]  # the mode's screen, under any dialog
    assert screen.result is not None
    assert screen.same_point(screen.result_params, params)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    # Exports land here; none may be left partial.
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# Slow: the tmux monkey (tests/terminal/test_robust_monkey_tmux.py) is the default run's.
@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_random_keys_values_and_resizes_never_crash(seed, in_tmp):
    _walk(seed)


@run
async def _walk(seed):
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
