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


async def type_into(pilot, field: str, text: str) -> None:
    """Replace the text of the parameter field ``field`` on the current screen, then settle."""
    box = pilot.app.screen.query_one(f"#field-{field}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*text) if text else await pilot.pause()
    await settle(pilot)
