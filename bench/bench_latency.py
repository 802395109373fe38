"""Keypress-to-screen latency of the explorer, against the bare model computation.

Run:  .venv/bin/python bench/bench_latency.py [--repeats 8]

For each case the app runs headless (``App.run_test``) at the given size.  A key
press steps z up or down (a full recomputation) or steps a (no recomputation: every
loss is a quadratic in a); the clock runs from the key press to the first paint of
the screen after the results table received the new numbers.  The baseline is
``run_check`` on the same
parameters, timed in this same run, so the ratio says what the app adds on top.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from textual.widgets import Input

from superpos_model import make_params, run_check
from tui.app import SuperposApp
from tui.widgets.results_table import ResultsTable

CASES = [
    ("default", {}, (80, 24)),
    ("default", {}, (200, 60)),
    ("T=20000 D=1000", {"T": 20000, "D": 1000}, (200, 60)),
]


def baseline(params, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run_check(params, interference=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


async def settle(pilot) -> None:
    app = pilot.app
    while app.screen.computing:
        await app.workers.wait_for_complete()
        await pilot.pause(0.005)
    await pilot.pause()


class PaintClock:
    """Timestamps of the results table receiving data and of the screen's paints after it."""

    def __init__(self, screen) -> None:
        self.shown_at: float | None = None
        self.painted_at: float | None = None
        table = screen.query_one(ResultsTable)
        show, paint = table.show, screen._compositor_refresh

        def timed_show(*args):
            show(*args)
            self.shown_at = time.perf_counter()
            self.painted_at = None

        def timed_paint():
            paint()
            if self.shown_at is not None and self.painted_at is None:
                self.painted_at = time.perf_counter()

        table.show = timed_show
        screen._compositor_refresh = timed_paint


async def latencies(values: dict, size: tuple[int, int], repeats: int) -> dict[str, list[float]]:
    app = SuperposApp(make_params(a=0.3, **values))
    out: dict[str, list[float]] = {}
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        clock = PaintClock(app.screen)
        for field, step, label in (
            ("z", 1, "z ±1 (recompute)"),
            ("a", 0.01, "a ±0.01 (redraw only)"),
        ):
            app.screen.query_one(f"#field-{field}", Input).focus()
            times = out.setdefault(label, [])
            for i in range(repeats):
                key, sign = ("up", 1) if i % 2 == 0 else ("down", -1)
                target = round(getattr(app.params, field) + sign * step, 6)
                await asyncio.sleep(0.3)  # a quiet spell, as between a person's key presses
                clock.shown_at = clock.painted_at = None
                start = time.perf_counter()
                await pilot.press(key)
                # Done when the table holds the result for the new value and has been painted.
                while not (
                    clock.painted_at is not None
                    and app.screen.result is not None
                    and app.screen.result.params.z == app.params.z
                    and abs(getattr(app.params, field) - target) < 1e-9
                ):
                    await asyncio.sleep(0.0005)
                times.append(clock.painted_at - start)
                await settle(pilot)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=8)
    args = parser.parse_args()
    print(
        f"{'case':16}{'size':>9}  {'key':24}{'median ms':>10}{'max ms':>9}"
        f"{'model ms':>10}{'ratio':>7}"
    )
    for name, values, size in CASES:
        params = make_params(**values)
        model = baseline(params, max(3, args.repeats // 2))
        measured = asyncio.run(latencies(values, size, args.repeats))
        for key, times in measured.items():
            median = statistics.median(times)
            print(
                f"{name:16}{size[0]:>5}×{size[1]:<3}  {key:24}{median * 1e3:>10.1f}"
                f"{max(times) * 1e3:>9.1f}{model * 1e3:>10.1f}{median / model:>7.2f}"
            )


if __name__ == "__main__":
    main()
