"""A long unbracketed paste into a field: capped, answered at once, echoed short."""

from __future__ import annotations

import time

from superpos_model.params import ECHO_CHARS
from tests.helpers.terminal import APP, pane
from tui.widgets.params_panel import FIELD_CHARS


def test_pasting_ten_thousand_digits_into_a_field_keeps_the_app_responsive():
    with pane([str(APP), "--T", "300", "--D", "30", "--z", "3", "--samples", "300"]) as app:
        app.wait_for("z=3 ")
        app.keys("C-g")  # the screen starts on its view: to the fields (T)
        time.sleep(0.5)
        app.keys("Tab", "Tab", "C-u")  # into z, cleared
        time.sleep(0.5)  # let focus settle: the paste must land in z
        started = time.monotonic()
        app.type("9" * 10_000)  # as a terminal without bracketed paste delivers it
        shown = app.wait_for("z: " + "9" * ECHO_CHARS + "… is out of range", timeout=30)
        elapsed = time.monotonic() - started
        assert elapsed < 10, f"the app needed {elapsed:.1f} s to catch up with a paste"
        assert "9" * (FIELD_CHARS + 1) not in shown
        app.keys("C-q")
        assert app.wait_exit(15) == 0
