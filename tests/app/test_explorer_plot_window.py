"""The explorer's plot and table as a newcomer meets them: what the window frames, that
nothing is drawn outside it, round ticks, marks that do not hide each other, the
ranking line and a table whose numbers are never cut.

The plot is observed through the plotext calls it makes (recorded on the widget's
figure), so the tests say what is drawn, not how plotext rasterises it.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pytest
from textual.widgets import DataTable

from superpos_model import make_params, run_check
from superpos_model.views.explorer import loss_curves
from tests.helpers.apptools import run, settle, until
from tui.app import SuperposApp
from tui.format import fixed, order_text
from tui.widgets.loss_plot import LossPlot
from tui.widgets.plot_clip import clip_line
from tui.widgets.relu_plot import ReluPlot

RECORDED = ("plot", "scatter", "text", "xlim", "ylim", "xticks", "yticks")


def record(plot: LossPlot) -> dict[str, list[tuple]]:
    """Wrap the figure's drawing calls; the returned dict fills with each call's arguments."""
    calls: dict[str, list[tuple]] = defaultdict(list)
    for name in RECORDED:
        original = getattr(plot.plt, name)

        def wrapped(*args, _name=name, _original=original, **kwargs):
            calls[_name].append(args)
            return _original(*args, **kwargs)

        setattr(plot.plt, name, wrapped)
    return calls


async def drawn(size, zoom=False, **values) -> tuple[dict[str, list[tuple]], object]:
    """The plotext calls of one drawing, and the report drawn."""
    app = SuperposApp(make_params(**values))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        plot = screen.query_one(LossPlot)
        calls = record(plot)
        screen.zoom = zoom
        await settle(pilot)  # the plot is redrawn the frame after the table
        plot.changed()
        plot.render()
        await pilot.pause()
        return calls, screen.result


def window(calls) -> tuple[tuple[float, float], tuple[float, float]]:
    return calls["xlim"][-1], calls["ylim"][-1]


def outside_the_window(calls) -> list[tuple[float, float]]:
    """The points of the recorded lines and marks that lie outside the last window set."""
    (x0, x1), (y0, y1) = window(calls)
    points = [
        (x, y)
        for xs, ys, *_ in calls["plot"] + calls["scatter"]
        for x, y in zip(xs, ys, strict=True)
    ]
    assert points
    eps = 1e-9 * max(1.0, abs(y1))
    return [
        (x, y) for x, y in points if not (x0 - eps <= x <= x1 + eps and y0 - eps <= y <= y1 + eps)
    ]


@pytest.mark.parametrize("zoom", [False, True])
@run
async def test_nothing_is_drawn_outside_the_window(zoom):
    # Drawing curves far outside the window made a zoomed redraw take seconds at 200×60.
    calls, _ = await drawn((200, 60), zoom, a=0.3)
    assert not outside_the_window(calls)


def test_a_line_is_cut_where_it_crosses_the_edge():
    runs = clip_line([0.0, 1.0, 2.0, 3.0], [0.0, 2.0, 0.0, 2.0], (0.0, 3.0, 0.0, 1.0))
    assert runs == [([0.0, 0.5], [0.0, 1.0]), ([1.5, 2.0, 2.5], [1.0, 0.0, 1.0])]
    assert clip_line([0.0, 1.0], [5.0, 6.0], (0.0, 1.0, 0.0, 1.0)) == []


@pytest.mark.parametrize("a", [None, 0.3])
@run
async def test_default_window_tells_the_minima_apart_and_marks_the_notes_typo(a):
    calls, report = await drawn((80, 24), a=a)
    (x0, x1), (y0, y1) = window(calls)
    minima = [r.exact.minimum for r in report.schemes.values()]
    # The three minima (4.48 … 4.55 at the defaults) spread over a visible part of the height.
    assert (max(minima) - min(minima)) / (y1 - y0) > 0.05
    assert y0 <= min(minima) and max(minima) <= y1
    assert x0 <= min(r.exact.argmin for r in report.schemes.values())
    assert x1 >= max(r.exact.argmin for r in report.schemes.values())
    # single's notes' L(a*) = z(T−D)/D = 45 lies above the window: written at its edge.
    typo = report.schemes["single"].notes.mse_opt
    assert typo > y1
    assert any(fixed(typo, 2) in label for label, *_ in calls["text"])


@run
async def test_zoom_frames_the_minima_on_both_axes():
    calls, report = await drawn((80, 24), zoom=True)
    (x0, x1), _ = window(calls)
    random, multi = report.schemes["random"].exact.argmin, report.schemes["multi"].exact.argmin
    # a* ≈ 0.091 and 0.1 take more than two columns' worth of the width between them.
    assert x0 <= min(random, multi) and max(random, multi) <= x1
    assert abs(multi - random) / (x1 - x0) > 0.05


@pytest.mark.parametrize("zoom", [False, True])
@run
async def test_ticks_are_round(zoom):
    calls, _ = await drawn((200, 60), zoom, a=0.3)
    for name in ("xticks", "yticks"):
        ticks, labels = calls[name][-1]
        assert len(ticks) >= 2
        step = ticks[1] - ticks[0]
        mantissa = step / 10 ** np.floor(np.log10(step))
        assert min(abs(mantissa - m) for m in (1, 2, 5, 10)) < 1e-6
        for value, label in zip(ticks, labels, strict=True):
            assert abs(value / step - round(value / step)) < 1e-6
            assert float(label.replace("−", "-")) == pytest.approx(value)


def test_simulated_marks_of_different_schemes_never_share_an_a():
    report = run_check(make_params(samples=500), interference=False)
    curves = loss_curves(report, 0.3)
    grids = {name: set(c.simulated_a.tolist()) - {c.a_opt} for name, c in curves.schemes.items()}
    assert not grids["random"] & grids["multi"]
    assert not grids["random"] & grids["single"]
    assert not grids["single"] & grids["multi"]


def test_order_text_gives_every_scheme_relative_margins_and_reads_ties_as_ties():
    text = order_text({"random": 4.5, "single": 4.5, "multi": 4.6}, None, resolved=True)
    assert text.startswith("at a*: random=single 4.5000 < multi 4.6000 (+0.1000, +2.22 %)")
    assert "random and single tie exactly" in text
    text = order_text({"random": 5.0, "single": 4.5, "multi": 4.0}, 0.3, resolved=False)
    assert "multi 4.0000 < single 4.5000 (+0.5000, +12.5 %) < random 5.0000" in text
    assert "multi wins; gap within simulation noise" in text


def screen_lines(app: SuperposApp) -> list[str]:
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg.replace("&#160;", " "))
    return text.splitlines()


@run
async def test_table_numbers_are_whole_at_80x24():
    # With a = 0.25 the per-feature column used to be cut to "0.00".
    params = make_params(a=0.25, samples=600)
    app = SuperposApp(params)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        table = app.screen.query_one("#results", DataTable)
        assert table.virtual_size.width <= table.size.width
        text = "\n".join(screen_lines(app))
    report = run_check(params)
    for r in report.schemes.values():
        assert fixed(r.exact.minimum / params.T, 6) in text
        assert fixed(float(r.exact(0.25)) / params.T, 6) in text


@pytest.mark.parametrize(("zoom", "log"), [(False, False), (True, False), (False, True)])
@run
async def test_the_direct_build_draws_what_plotext_draws(zoom, log):
    from textual_plotext import PlotextPlot

    app = SuperposApp(make_params(a=0.3, samples=500))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.zoom, app.screen.log_scale = zoom, log
        await pilot.pause()
        plot = app.screen.query_one(LossPlot)
        plot.changed()
        ours = plot.render()
        plot.plt.clear_data()
        plot.plt.clear_figure()
        plot.draw()
        theirs = PlotextPlot.render(plot)
    assert ours.plain == theirs.plain
    assert [(s.start, s.end, s.style) for s in ours.spans] == [
        (s.start, s.end, s.style) for s in theirs.spans
    ]


EDGES = [
    {"T": 300, "D": 400, "z": 3},  # D ≥ T: single's optimum is 0, the notes' formula negative
    {"T": 2, "D": 1, "z": 1},
    {"T": 1000, "D": 100, "z": 5, "a": 10.0},
    {"T": 3000, "D": 30, "z": 300},
]


@pytest.mark.parametrize("values", EDGES)
@pytest.mark.parametrize(
    ("zoom", "log"), [(False, False), (True, False), (False, True), (True, True)]
)
def test_every_window_is_a_proper_box(values, zoom, log):
    from tui.axes import plot_window, round_ticks

    report = run_check(make_params(samples=200, **values), interference=False)
    curves = loss_curves(report, values.get("a"))
    for shown in (list(curves.schemes), ["single"], []):
        box = plot_window(curves, shown, zoom, log)
        (x0, x1), (y0, y1) = box.x, box.y
        assert np.isfinite([x0, x1, y0, y1]).all()
        assert 0 <= x0 < x1 and y0 < y1
        assert not log or y0 > 0
        assert round_ticks(x0, x1) and round_ticks(y0, y1)


@pytest.mark.parametrize("zoom", [False, True])
@run
async def test_nothing_of_the_relu_plot_is_drawn_outside_its_window(zoom):
    # plotext joins points with every cell between them. With T < D, single's and multi's
    # minima are 0 and the zoomed window a sliver around them: drawn whole, the curves
    # far above it took gigabytes (MemoryError, found by the 10-minute monkey).
    app = SuperposApp(make_params(T=20, D=30, z=3, samples=300))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "r", "ctrl+t")  # the table on view: the plot is not drawn
        await settle(pilot)
        screen = app.screen
        plot = screen.query_one(ReluPlot)
        await until(pilot, lambda: plot._view[0] is not None)  # the ReLU result on show
        assert not plot.region, "the plot is on view"
        screen.shown = frozenset({"single", "multi"})
        screen.zoom = zoom
        await settle(pilot)
        calls = record(plot)
        plot.draw()  # what plotext would be asked to draw, without drawing it
    outside = outside_the_window(calls)
    assert not outside, f"{len(outside)} points outside the window {window(calls)}"
