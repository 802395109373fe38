"""Helpers for driving the app headless in tests."""

from __future__ import annotations

import asyncio
import functools
import time

from textual.widgets import Input

from tui.app import SuperposApp


def run(test):
    """Run an async test body in a fresh event loop (no asyncio plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return wrapper


@functools.cache
def opening_on(mode: str) -> type[SuperposApp]:
    """The app opening on the screen ``mode``: no explorer to compute and draw first,
    for a test about another screen."""
    return type(f"{mode.capitalize()}First", (SuperposApp,), {"DEFAULT_MODE": mode})


def busy(app) -> bool:
    """Whether the screen on view or any worker (another screen's included) is computing."""
    return getattr(app.screen, "computing", False) or any(
        not worker.is_finished for worker in app.workers
    )


async def settle(pilot) -> None:
    """Wait until nothing is pending or running and the screen has caught up."""
    app = pilot.app
    await pilot.pause()
    while busy(app):
        await app.workers.wait_for_complete()
        await pilot.pause(0.02)
    await pilot.pause()


async def until(pilot, condition, seconds: float = 20.0) -> None:
    """Let the app run until ``condition()`` holds (a failed assertion after ``seconds``):
    for what a timer or a screenshot delays, which a loaded machine delays more."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the app never got there"
        await pilot.pause(0.05)


async def settle_for_snapshot(pilot) -> None:
    """Settle, wait out the fields' flash and stop the cursors blinking.

    The picture must not depend on timing: an edit flashes its field for
    ``FLASH_SECONDS``, and a slow machine would otherwise take the picture after
    the flash where a fast one takes it during.
    """
    await settle(pilot)
    boxes = pilot.app.screen.query(Input)
    while any(box.has_class("-flash") for box in boxes):
        await pilot.pause(0.05)
    for box in boxes:
        box.cursor_blink = False
    await pilot.pause()


async def press_readout(pilot, times: int = 1) -> None:
    """Leave the inputs and press the readout key ``times`` times (linear → ReLU →
    cross-entropy → linear), then settle."""
    pilot.app.screen.query_one("#field-T", Input).blur()
    await pilot.press("escape", *["r"] * times)
    await settle(pilot)


async def type_into(pilot, field: str, text: str) -> None:
    """Replace the text of the parameter field ``field`` on the current screen, then settle."""
    box = pilot.app.screen.query_one(f"#field-{field}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*text) if text else await pilot.pause()
    await settle(pilot)


def bias_table_cells(app) -> dict[str, list[str]]:
    """Row key → the cells of the explorer's table of a readout with a bias (ReLU's or
    cross-entropy's), as shown."""
    from textual.widgets import DataTable

    table = app.screen.query_one("#relu-results", DataTable)
    return {
        str(key.value): [str(cell).strip() for cell in table.get_row(key)] for key in table.rows
    }


def expected_bias_cells(report, gaussian, best) -> dict[str, list[str]]:
    """Row key → the cells that table must show, from the model's ``report`` (ReLU's or
    cross-entropy's check at the app's a and b), its ``gaussian`` formula and tui.format
    only; ``best(scheme_report)`` gives (a, b, limit) of the best row."""
    from superpos_model import AGREE_SE, z_score
    from tui.format import number, with_se, z_verdict
    from tui.widgets.relu_table import readout_cell

    params, rows = report.params, {}
    for name, r in report.schemes.items():
        points = [("opt", *best(r), r.at_opt)]
        if r.at_chosen is not None:
            points.append(("at", params.a, report.b, "", r.at_chosen))
        for quantity, a, b, limit, m in points:
            gauss = "—" if name != "random" else number(float(gaussian(params, a, b)))
            rows[f"{name}:{quantity}"] = [
                name,
                readout_cell(a, b, quantity == "opt", limit).strip(),
                number(m.exact),
                gauss,
                with_se(m.simulated, m.se),
                z_verdict(z_score(m.simulated, m.exact, m.se), AGREE_SE),
            ]
    return rows
