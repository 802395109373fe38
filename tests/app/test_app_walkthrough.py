"""The walkthrough screen driven headless: every step of every chain shows exactly the
model's numbers and verdict, the keys step through them without fighting the inputs,
parameter changes update the step in place, a bad value keeps the last good step, and
presenter mode strips the chrome (and at 80×24 fits a step on one screen)."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from textual.widgets import Input, Static

from superpos_model import make_params
from superpos_model.steps import Verdict
from superpos_model.views.walkthrough import CURVE_STEPS, Role, step_picture
from superpos_model.walkthrough import CHAINS, walkthrough
from tests.helpers.apptools import opening_on, run, settle, type_into
from tui.axes import picture_limits
from tui.screens.base import ParamsScreenCommands
from tui.screens.walkthrough import WalkthroughScreen
from tui.widgets.step_format import (
    VERDICT_CLASSES,
    list_label,
    notes_line,
    params_summary,
    position,
    step_fields,
    verdict_meaning,
    verdict_text,
)
from tui.widgets.step_list import StepList
from tui.widgets.step_plot import StepPlot, legend
from tui.widgets.step_view import StepView

SIZE = (80, 24)
#: The defaults with few samples: a whole walkthrough takes a fraction of a second.
PARAMS = make_params(samples=200)


@functools.cache
def steps_at(params) -> list:
    """The model's walkthrough at ``params`` (seeded, so one computation serves every check)."""
    return walkthrough(params)


WalkthroughFirst = opening_on("walkthrough")


async def opened(pilot) -> WalkthroughScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WalkthroughScreen)
    return screen


def text(screen: WalkthroughScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def displayed(screen: WalkthroughScreen) -> dict[str, object]:
    """Everything the step view shows, as text."""
    view = screen.query_one(StepView)
    notes = view.query_one("#step-notes", Static)
    verdict = view.query_one("#step-verdict", Static)
    return {
        "position": text(view, "#step-position"),
        "title": text(view, "#step-title"),
        "explanation": text(view, "#step-explanation"),
        "formula": text(view, "#step-formula"),
        "notes": text(view, "#step-notes") if notes.display else None,
        "fields": [
            (
                str(row.query_one(".field-label").render()),
                str(row.query_one(".field-value").render()),
                "".join(str(d.render()) for d in row.query(".field-detail")),
            )
            for row in view.query(".field-row")
        ],
        "verdict": str(verdict.render()),
        "verdict_class": [c for c in VERDICT_CLASSES.values() if verdict.has_class(c)],
        "meaning": text(view, "#step-meaning"),
        "reason": text(view, "#step-reason"),
        "marks": view.query_one(StepPlot).picture.marks,
        "legend": text(view, "#step-legend"),
        "list": screen.query_one(StepList).highlighted_option.id,
    }


def expected(params, key: str) -> dict[str, object]:
    """What the step keyed ``key`` must show, from the model and step_format only."""
    steps = steps_at(params)
    index = [s.key for s in steps].index(key)
    step = steps[index]
    notes = notes_line(step)
    picture = step_picture(step, params)
    return {
        "position": position(steps, index),
        "title": step.title,
        "explanation": step.explanation,
        "formula": step.formula,
        "notes": f"the notes write: {notes}" if notes else None,
        "fields": [(f.label, f.value, f.detail) for f in step_fields(step)],
        "verdict": verdict_text(step.verdict),
        "verdict_class": [VERDICT_CLASSES[step.verdict]],
        "meaning": verdict_meaning(step.verdict),
        "reason": step.reason,
        "marks": picture.marks,
        "legend": str(legend(picture)),
        "list": step.key,
    }


def assert_shows(screen: WalkthroughScreen, params, key: str) -> None:
    assert screen.current == key
    assert displayed(screen) == expected(params, key)


@pytest.mark.slow
@run
async def test_every_step_of_every_chain_shows_the_models_step():
    steps = steps_at(PARAMS)
    keys = [s.key for s in steps]
    async with WalkthroughFirst(PARAMS).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        assert screen.result_params == PARAMS
        assert_shows(screen, PARAMS, keys[0])
        for index, key in enumerate(keys[1:], start=1):
            await pilot.press("n")
            assert_shows(screen, PARAMS, key)
            if index % 8 == 0:  # and back, now and then
                await pilot.press("p")
                assert_shows(screen, PARAMS, keys[index - 1])
                await pilot.press("n")
        await pilot.press("n")  # past the last step: stays
        assert screen.current == keys[-1]
        await pilot.press("k", "left", "p")
        assert_shows(screen, PARAMS, keys[-4])


@pytest.mark.slow
@run
async def test_chain_keys_jump_to_each_chains_first_step():
    steps = steps_at(PARAMS)
    firsts = {chain: next(s.key for s in steps if s.chain == chain) for chain in CHAINS}
    chains = list(CHAINS)
    async with WalkthroughFirst(PARAMS).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("n", "n")  # from the middle of a chain
        for chain in [*chains[1:], chains[0]]:
            await pilot.press("c")
            assert_shows(screen, PARAMS, firsts[chain])
        await pilot.press("C")
        assert screen.current == firsts[chains[-1]]
        for number, chain in enumerate(chains, start=1):
            await pilot.press(str(number))
            assert screen.current == firsts[chain]


@run
async def test_the_step_list_lists_every_step_under_its_chain_and_follows_the_cursor():
    steps = steps_at(PARAMS)
    async with WalkthroughFirst(PARAMS).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        options = screen.query_one(StepList).options
        shown = [(o.id, str(o.prompt)) for o in options if not o.disabled]
        assert shown == [(s.key, list_label(s)) for s in steps]
        assert [o.id for o in options if o.disabled] == [f"chain:{c}" for c in CHAINS]
        screen.query_one(StepList).focus()
        await pilot.press("down", "down")
        assert_shows(screen, PARAMS, steps[2].key)
        await pilot.press("n", "right")  # step keys work with the list focused too
        assert screen.current == steps[4].key


@pytest.mark.slow
@run
async def test_keys_typed_into_a_parameter_do_not_step():
    async with WalkthroughFirst(PARAMS).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("c")
        here = screen.current
        box = screen.query_one("#field-seed", Input)
        box.focus()
        await pilot.press("n", "p", "j", "k", "c", "left", "right")
        assert screen.current == here
        assert box.value == "0npjkc"
        await pilot.press("escape")  # leaves the inputs for the step view
        assert isinstance(pilot.app.focused, StepView)
        await pilot.press("right")
        assert screen.current != here


@pytest.mark.slow
@run
async def test_a_parameter_change_updates_the_current_steps_numbers():
    changed = PARAMS.replace(T=600)
    async with WalkthroughFirst(PARAMS).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("2", "n", "n")
        assert_shows(screen, PARAMS, "single.total")
        await type_into(pilot, "T", "600")
        assert pilot.app.params == changed
        assert screen.result_params == changed
        assert_shows(screen, changed, "single.total")
        assert displayed(screen)["fields"] != expected(PARAMS, "single.total")["fields"]
        assert text(screen, "#status") == params_summary(changed)


@pytest.mark.slow
@run
async def test_rapid_changes_end_on_the_last_parameters():
    async with WalkthroughFirst(PARAMS).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("3")
        box = screen.query_one("#field-D", Input)
        box.focus()
        # Every keystroke is a new computation; only the last may be shown.
        await pilot.press("backspace", "backspace", "2", "5", "backspace", "0")
        await settle(pilot)
        final = PARAMS.replace(D=120)
        assert pilot.app.params == final
        assert screen.result_params == final
        assert_shows(screen, final, "multi.group_size")


@run
async def test_a_bad_value_keeps_the_last_good_step():
    async with WalkthroughFirst(PARAMS).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("2", "n", "n")
        await type_into(pilot, "z", "5x")
        assert screen.query_one("#field-z", Input).has_class("-rejected")
        assert pilot.app.params == PARAMS
        assert_shows(screen, PARAMS, "single.total")
        await type_into(pilot, "z", "-1")  # below the range: also invalid
        assert_shows(screen, PARAMS, "single.total")
        # Every screen's status line says a field is invalid and which result is on show.
        assert text(screen, "#status") == f"field invalid; showing {params_summary(PARAMS)}"


@pytest.mark.slow
@run
async def test_parameters_changed_on_the_explorer_reach_the_walkthrough():
    changed = PARAMS.replace(seed=7)
    async with WalkthroughFirst(PARAMS).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("4")
        await pilot.press("f2")
        await type_into(pilot, "seed", "7")
        await pilot.press("f3")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.query_one("#field-seed", Input).value == "7"
        assert_shows(screen, changed, "conclusions.multi_beats_random")


@pytest.mark.slow
@run
async def test_presenter_mode_hides_the_chrome_and_keeps_the_keys():
    async with WalkthroughFirst(PARAMS).run_test(size=(200, 60)) as pilot:
        screen = await opened(pilot)
        screen.query_one("#field-T", Input).focus()
        await pilot.press("f5")
        assert screen.presenter and screen.has_class("-presenter")
        for hidden in ("#params", "#steps"):
            assert not screen.query_one(hidden).display, hidden
        assert screen.query_one("#status").display  # the students see which T, D, z
        assert isinstance(pilot.app.focused, StepView)
        await pilot.press("n")
        assert_shows(screen, PARAMS, steps_at(PARAMS)[1].key)
        await pilot.press("f5")
        assert not screen.has_class("-presenter")
        assert screen.query_one("#params").display and screen.query_one("#steps").display


@run
async def test_the_command_palette_offers_presenter_mode():
    async with WalkthroughFirst(PARAMS).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        provider = ParamsScreenCommands(screen)
        commands = {title: callback for title, _, callback in provider._commands()}
        assert {"Presenter mode", "Go to chain interference"} <= set(commands)
        commands["Presenter mode"]()
        await pilot.pause()
        assert screen.has_class("-presenter")
        commands["Go to chain interference"]()
        assert screen.current == "interference.typical_noise"


# -- the pictures (model side) -----------------------------------------------


@pytest.mark.parametrize("key", sorted(CURVE_STEPS))
def test_curve_pictures_put_the_formula_on_its_curve(key):
    step = next(s for s in steps_at(PARAMS) if s.key == key)
    picture = step_picture(step, PARAMS)
    formula = next(m for m in picture.marks if m.role is Role.FORMULA)
    simulated = next(m for m in picture.marks if m.role is Role.SIMULATED)
    assert not picture.rows
    assert simulated.x_se + simulated.y_se == pytest.approx(step.simulated.se)
    assert step.simulated.value in (simulated.x, simulated.y)
    assert step.theory in (formula.x, formula.y)
    curves = [np.interp(formula.x, c.a, c.loss) for c in picture.curves]
    assert min(abs(y - formula.y) for y in curves) < 1e-3 * abs(formula.y)
    (_, right), (low, high) = picture_limits(picture)
    assert all(low <= m.y - m.y_se and m.y + m.y_se <= high for m in picture.marks)
    assert all(m.x + m.x_se <= right for m in picture.marks)


def test_other_steps_mark_formula_notes_and_simulation_on_one_axis():
    """A comparison (one row a role) or, where the simulation kept its draws, their histogram;
    either way the same marks, the formula on top."""
    for step in steps_at(PARAMS):
        if step.key in CURVE_STEPS:
            continue
        picture = step_picture(step, PARAMS)
        assert picture.histogram is step.simulated.histogram, step.key
        assert bool(picture.rows) == (picture.histogram is None), step.key
        values = {m.role.value: (m.x, m.x_se) for m in picture.marks}
        wanted = {"formula": (step.theory, 0.0)}
        if step.notes_value is not None:
            wanted["notes"] = (step.notes_value, 0.0)
        wanted["simulated"] = (step.simulated.value, step.simulated.se)
        assert values == wanted, step.key
        levels = [int(m.y) for m in picture.marks]
        assert levels == list(range(len(levels), 0, -1)), step.key  # formula on top
        if picture.rows:
            assert [picture.rows[y - 1] for y in levels] == list(wanted)


def test_every_verdict_has_a_distinct_symbol_and_word():
    texts = [verdict_text(v) for v in Verdict]
    assert len({t.split()[0] for t in texts}) == len(Verdict)
    assert all(v.value in verdict_text(v) for v in Verdict)


# -- 80×24: presenter mode fits one screen, a step opens at its top ------------


def on_view(screen: WalkthroughScreen, selector: str) -> bool:
    """Whether the whole of a part of the step is inside the step view's visible region."""
    view = screen.query_one(StepView)
    part = screen.query_one(selector).region
    return bool(part.height) and view.content_region.contains_region(part)


@run
async def test_presenter_mode_fits_title_verdict_and_picture_on_one_screen():
    app = WalkthroughFirst(PARAMS)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("f5")
        await pilot.pause()
        for _ in range(len(screen.steps)):
            await pilot.pause()
            missing = [
                part
                for part in ("#step-title", "#step-verdict", "#step-plot")
                if not on_view(screen, part)
            ]
            assert not missing, (screen.current, missing)
            await pilot.press("n")


@run
async def test_a_step_opens_at_its_top():
    app = WalkthroughFirst(PARAMS)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        view = screen.query_one(StepView)
        for key in ("n", "p", "f5", "f5"):
            await pilot.press("end")
            await pilot.pause()
            if not screen.presenter:
                assert view.scroll_y > 0, "the step is taller than the screen: it scrolls"
            await pilot.press(key)
            await pilot.pause()
            assert view.scroll_y == 0, key
            assert on_view(screen, "#step-title"), key


# Slow (a whole walkthrough in the app and in the test: ~8 s); the losses chain's fast
# representative is tests/model/test_walkthrough_losses.py.
@pytest.mark.slow
@run
async def test_key_7_opens_the_losses_chain_with_the_models_steps():
    params = make_params(T=60, D=6, z=2, samples=200)
    keys = [s.key for s in steps_at(params) if s.chain == "losses"]
    assert list(CHAINS).index("losses") == 6 and len(keys) == 6
    async with WalkthroughFirst(params).run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("7")
        await pilot.pause()
        assert_shows(screen, params, keys[0])
        for key in keys[1:]:
            await pilot.press("n")
            assert_shows(screen, params, key)
        help_keys = {description: k for k, description in pilot.app._key_help()}
        assert help_keys["Chain losses"] == "7"
