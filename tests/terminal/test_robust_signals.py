"""The app in a real terminal ends cleanly on signals and leaves a readable crash log.

These read the exit status and the whole scrollback (tests/terminal.py's ``pane``),
so a crash — a traceback taller than the screen, an exit status of 0 — fails them.
"""

from __future__ import annotations

import re
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.processes import alive, wait_for_workers
from tests.helpers.terminal import APP, pane

SMALL = [str(APP), "--T", "300", "--D", "30", "--z", "3", "--samples", "300"]


@pytest.mark.parametrize(
    ("number", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)]
)
def test_a_signal_restores_the_terminal_and_exits_128_plus_its_number(number, status):
    with pane(SMALL) as app:
        app.wait_for("z=3 ")
        assert app.terminal_modes()["alternate"] == "1"
        app.signal(number)
        assert app.wait_exit(15) == status
        modes = app.terminal_modes()
        assert modes["alternate"] == "0", "left in the alternate screen"
        assert modes["mouse"] == "0", "mouse reporting left on"
        assert "Traceback" not in app.scrollback()


#: The app with one action broken on purpose: ctrl+r raises.
FAULTY = (
    "import sys; from tui.app import SuperposApp; "
    "SuperposApp.action_reseed = lambda self: 1 / 0; "
    "from tui.cli import run; sys.argv[0] = 'superpos-tui'; run()"
)


def test_a_crash_exits_1_and_leaves_the_traceback_in_a_log_file(tmp_path):
    with pane(
        [sys.executable, "-c", FAULTY, *SMALL[1:]], (80, 24), XDG_STATE_HOME=str(tmp_path)
    ) as app:
        app.wait_for("z=3 ")
        app.keys("C-r")
        assert app.wait_exit(15) == 1
        shown = app.scrollback()
    said = re.search(
        r"error: the app stopped on an internal error; the traceback is in (\S+)", shown
    )
    assert said, shown
    log = Path(said.group(1))
    assert log.parent == tmp_path / "superpos-tui"
    assert "ZeroDivisionError" in log.read_text()


def test_quitting_exits_0():
    with pane(SMALL) as app:
        app.wait_for("z=3 ")
        app.keys("C-q")
        assert app.wait_exit(15) == 0


def test_ctrl_c_pressed_while_the_app_closes_does_not_change_its_status():
    # The tail of a burst (ctrl+q, then ctrl+c) reaches a terminal that the closing app
    # has already given back: there the ctrl+c is a SIGINT, not a key.
    with pane(SMALL) as app:
        app.wait_for("z=3 ")
        app.keys("C-q")
        for _ in range(100):
            app.keys("C-c")
            if app.exit_status() is not None:
                break
            time.sleep(0.01)
        assert app.wait_exit(15) == 0


@pytest.mark.parametrize(
    ("number", "status"),
    [
        (signal.SIGTERM, 143),
        pytest.param(signal.SIGHUP, 129, marks=pytest.mark.slow),
        pytest.param(signal.SIGINT, 130, marks=pytest.mark.slow),
    ],
)
def test_a_signal_leaves_no_process_of_the_app_behind(number, status):
    # The sweep screen starts its worker pool (a fork server, a resource tracker and a
    # worker per core): all of them end with the app.
    with pane(SMALL, (100, 30)) as app:
        app.wait_for("z=3 ")
        app.keys("F7")
        helpers = wait_for_workers(app.pid)
        assert len(helpers) >= 3, "the sweep screen started no worker pool"
        app.signal(number)
        assert app.wait_exit(15) == status
        deadline = time.monotonic() + 5
        while alive(helpers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(helpers), "processes of the app outlived it"
