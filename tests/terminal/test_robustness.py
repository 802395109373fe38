"""Interrupting long work, tiny terminals without colour: no traceback, no hang."""

from __future__ import annotations

import signal
import subprocess
import time

from tests.helpers.terminal import APP, app_in_tmux, screen, tmux, wait_for

# Long enough that an interrupt lands mid-simulation (tens of seconds uninterrupted).
LONG = ["--T", "3000000", "--D", "256", "--samples", "20000"]


def test_ctrl_c_during_a_long_check_exits_130_with_one_error_line():
    process = subprocess.Popen(
        [str(APP), "check", *LONG], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(2.0)
    assert process.poll() is None, "the check ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert out == ""
    assert err.strip().splitlines() == ["error: interrupted"]


def test_app_at_40x12_without_colour_survives_ctrl_c_mid_run_and_quits_promptly():
    with app_in_tmux(" ".join(LONG), (40, 12), NO_COLOR="1") as socket:
        # The footer: at 40×12 the page may scroll the parameter panel out of view once the
        # plot has the focus, so the panel's "T " is no sign of a running app.
        wait_for(socket, "Plot/Tab")
        time.sleep(1.0)  # the simulation is under way
        tmux(socket, "send-keys", "-t", "app", "C-c")
        time.sleep(1.0)
        assert "superpos-exit" not in screen(socket), "ctrl+c ended the app"
        tmux(socket, "send-keys", "-t", "app", "C-q")
        shown = wait_for(socket, "superpos-exit=0")
        assert "Traceback" not in shown
