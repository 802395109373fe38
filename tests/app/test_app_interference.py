"""The interference screen driven headless: it shows exactly the model's numbers, follows
the shared parameters, keeps the last good result through bad input, and switches views."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
from textual.widgets import DataTable, Input, ProgressBar, Static

from superpos_model import make_params
from superpos_model.interference import analyse_interference, capacity_simulation
from superpos_model.views.interference import with_threshold
from tests.helpers.apptools import opening_on, run, settle, type_into
from tui.axes import log_ticks
from tui.format import count, estimate, number
from tui.screens import base as computation
from tui.screens.base import Computed
from tui.screens.interference import InterferenceScreen
from tui.widgets.cached_plot import CachedPlot
from tui.widgets.overlap_numbers import examined_text, numbers_rows

SIZE = (80, 24)
InterferenceFirst = opening_on("interference")
#: Small enough that a full analysis takes a fraction of a second.
START = make_params(T=300, D=40, z=3, samples=600)


async def open_screen(pilot) -> InterferenceScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InterferenceScreen)
    return screen


def shown_rows(screen: InterferenceScreen) -> dict[str, tuple[str, ...]]:
    table = screen.query_one("#numbers", DataTable)
    return {
        str(key.value): tuple(str(cell) for cell in table.get_row(key))
        for key in (row.key for row in table.ordered_rows)
    }


def static_text(screen: InterferenceScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def assert_shows(screen: InterferenceScreen, params, threshold: float = 1.0) -> None:
    """The table, the legends and the examined line are the model's numbers at ``params``."""
    a = analyse_interference(params, threshold)
    rows = shown_rows(screen)
    assert rows == numbers_rows(a)
    # The rows hold the right fields, not just the same function's output.
    o, c, f = a.overlaps, a.capacity, a.frame.estimate
    assert rows["rms"][1] == estimate(o.rms, o.rms_se)
    assert rows["frame"][1] == estimate(f.value, f.se)
    assert rows["threshold"][1] == estimate(c.worst.active, c.worst.se)
    assert count(c.capacity_threshold_examined) in rows["threshold"][2]
    assert count(c.capacity_notes) in rows["notes"][2]
    assert number(o.jl_bound) in rows["jl"][2]
    assert static_text(screen, "#examined") == examined_text(a)
    assert o.histogram.source in examined_text(a)
    overlaps = static_text(screen, "#overlap-legend")
    for value in (o.rms, o.max_abs, o.max_typical, o.jl_bound, o.welch_bound):
        assert number(value) in overlaps
    assert f"θ²D/(2 ln T) {count(c.capacity_threshold_examined)}" in static_text(
        screen, "#capacity-legend"
    )


@run
async def test_the_screen_shows_the_models_numbers():
    app = InterferenceFirst(START)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot)
        assert_shows(screen, START)
        assert "T=300  D=40  z=3" in static_text(screen, "#status")


@pytest.mark.parametrize(
    ("field", "text", "change"), [("D", "30", {"D": 30}), ("T", "150", {"T": 150})]
)
@run
async def test_changing_a_parameter_updates_the_numbers(field, text, change):
    app = InterferenceFirst(START)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot)
        await type_into(pilot, field, text)
        new = START.replace(**change)
        assert app.params == new
        assert_shows(screen, new)


@run
async def test_an_invalid_value_keeps_the_last_good_result():
    app = InterferenceFirst(START)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot)
        analysis = screen.result
        for field, text in (("D", "0"), ("T", "abc"), ("z", "5000")):
            box = screen.query_one(f"#field-{field}", Input)
            box.value = text  # the whole bad value at once, as if pasted
            await settle(pilot)
            assert box.has_class("-rejected")
            assert app.params == START
            assert screen.result is analysis
            assert_shows(screen, START)
            box.value = str(getattr(START, field))
            await settle(pilot)
            assert not box.has_class("-rejected")
            assert screen.result is analysis


@run
async def test_parameters_changed_elsewhere_are_computed_on_return():
    app = InterferenceFirst(START)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot)
        await pilot.press("f2")
        await type_into(pilot, "D", "25")
        assert screen.result.capacity.D == 40  # nothing computed while out of sight
        await pilot.press("f4")
        await settle(pilot)
        assert app.screen is screen
        assert_shows(screen, START.replace(D=25))


@run
async def test_a_stale_result_is_dropped():
    app = InterferenceFirst(START)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot)
        analysis = screen.result
        other = START.replace(D=20)
        stale = screen._generation - 1
        screen.post_message(Computed(stale, other, analyse_interference(other)))
        await pilot.pause()
        assert screen.result is analysis
        assert_shows(screen, START)


@run
async def test_views_toggle_at_80x24_and_share_the_screen_when_wide():
    app = InterferenceFirst(START)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot)
        panes = ("#overlaps-pane", "#capacity-pane", "#numbers-pane")

        def shown() -> list[str]:
            # A pane inside a hidden container keeps display True but gets no room.
            return [p for p in panes if screen.query_one(p).region.area]

        assert shown() == ["#overlaps-pane"]
        for expected in ("#capacity-pane", "#numbers-pane", "#overlaps-pane"):
            await pilot.press("ctrl+t")
            await pilot.pause()
            assert shown() == [expected]
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert shown() == list(panes)


@run
async def test_threshold_keys_move_theta_without_new_draws():
    app = InterferenceFirst(START)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot)
        await pilot.press("escape", "minus", "minus")  # from the inputs to the plot
        await pilot.pause()
        assert screen.threshold == 0.5
        assert not screen.computing
        assert_shows(screen, START, threshold=0.5)
        assert "θ = 0.5" in static_text(screen, "#status")
        await pilot.press("plus")
        await pilot.pause()
        assert_shows(screen, START, threshold=0.75)


def test_with_threshold_equals_a_fresh_simulation():
    analysis = analyse_interference(START)
    moved = with_threshold(analysis, 0.5).capacity
    fresh = capacity_simulation(START, 0.5)
    for field in dataclasses.fields(fresh):
        a, b = getattr(moved, field.name), getattr(fresh, field.name)
        assert np.array_equal(a, b) if isinstance(a, np.ndarray) else a == b, field.name
    with pytest.raises(ValueError, match="positive"):
        with_threshold(analysis, 0.0)


def test_log_ticks_are_decades_or_125_steps():
    assert log_ticks(0.8, 250) == (1.0, 10.0, 100.0)
    assert log_ticks(0.1, 3) == (0.1, 0.2, 0.5, 1.0, 2.0)


@run
async def test_progress_is_shown_while_computing(monkeypatch):
    monkeypatch.setattr(computation, "PROGRESS_AFTER_SECONDS", 0.0)
    shown: list[tuple[float | None, bool]] = []
    original = InterferenceScreen.watch_progress

    def recorded(screen: InterferenceScreen, progress: float | None) -> None:
        original(screen, progress)
        shown.append((progress, screen.query_one("#progress", ProgressBar).display))

    monkeypatch.setattr(InterferenceScreen, "watch_progress", recorded)
    app = InterferenceFirst(START)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(pilot)
        assert any(p is not None and 0 < p < 1 and bar for p, bar in shown)
        assert shown[-1] == (None, False)
        assert screen.progress is None


def test_an_unexpected_model_error_is_reported_and_the_last_result_stays(monkeypatch):
    from superpos_model import Session

    real = Session.interference

    def broken_for_d41(session, threshold, monitor):
        if session.params.D == 41:
            raise RuntimeError("simulated model failure")
        return real(session, threshold, monitor)

    monkeypatch.setattr(Session, "interference", broken_for_d41)

    @run
    async def body():
        app = InterferenceFirst(START)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_screen(pilot)
            analysis = screen.result
            screen.query_one("#field-D", Input).value = "41"  # at once, as if pasted
            await settle(pilot)
            assert app.is_running and app.screen is screen
            assert screen.result is analysis
            assert any("simulated model failure" in str(n.message) for n in app._notifications)

    body()


#: The comment thread's names for T, D and z, and its m′ for the readouts examined: in
#: formulas (ln m, √(l/n), n^−½, l < n) or as words (per l, l = …).
THREAD_NOTATION = re.compile(
    r"m′|\bln m\b|\bm\s*[=−-]|\bn\s*[=^)<]|[(/√]\s*[nml]\b|\bl\s*[<=/]|\bper l\b"
)


def screen_words(screen: InterferenceScreen) -> str:
    """Every word the screen shows in its views: legends, plots (titles, labels) and table."""
    texts = [str(widget.render()) for widget in screen.query(Static)]
    texts += [widget.render().plain for widget in screen.query(CachedPlot)]
    table = screen.query_one("#numbers", DataTable)
    texts += [str(column.label) for column in table.columns.values()]
    texts += ["  ".join(map(str, table.get_row(row.key))) for row in table.ordered_rows]
    return "\n".join(texts)


@pytest.mark.parametrize("size", [SIZE, (200, 60)])
@run
async def test_the_screen_writes_T_D_z_and_names_the_threads_letters_once(size):
    app = InterferenceFirst(START)
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(pilot)
        assert screen_words(screen).count("the thread's m, n, l") == 1
        words = ""
        for _ in range(3):  # every view: a plot hidden on another tab draws nothing
            words += screen_words(screen)
            await pilot.press("ctrl+t")
            await settle(pilot)
        assert THREAD_NOTATION.findall(words) == []
        for symbol in ("√(z/D)", "D/(8 ln T)", "z at max noise = θ", "√(4 ln T/D)"):
            assert symbol in words
