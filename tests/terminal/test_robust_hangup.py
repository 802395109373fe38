"""A terminal that goes away ends the app; a stop and continue from outside does not break it.

A closed tmux pane, window or SSH link hangs up the app's terminal.  The app used to
stay behind for ever, invisible: the hang-up's SIGCONT started a second output thread,
which died on the dead terminal, and the next writes blocked the event loop.  Here
the terminal is a pseudo-terminal this test holds, so it can stop reading (as a busy
link does) and then close it while the app is drawing.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import time

from tests.helpers.terminal import APP, pane

SMALL = [str(APP), "--T", "300", "--D", "30", "--z", "3", "--samples", "300"]

#: A hang-up left the old app alive in about half the runs: four runs in a
#: row catch it almost always.
ROUNDS = 4


def _read_until(fd: int, needle: bytes, timeout: float) -> bytes:
    shown, deadline = b"", time.monotonic() + timeout
    while needle not in shown and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            shown += os.read(fd, 65536)
    return shown


def _hang_up_while_drawing(state: str) -> int | None:
    """Run the app on a pseudo-terminal, flood it with keys, close the terminal.

    Returns the exit status, or None if the app was still running 5 s later.
    """
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, on the pseudo-terminal as its controlling tty
        os.environ.update(TERM="xterm-256color", XDG_STATE_HOME=state)
        os.execv(SMALL[0], SMALL)
    try:
        assert b"z=3" in _read_until(fd, b"z=3", 30), "the app never drew its first result"
        for key in range(50):  # not read: the terminal's buffer fills as over a slow link
            os.write(fd, b"\x14" if key % 2 else b"+")  # ctrl+t (switch view) and +
            time.sleep(0.01)
        time.sleep(0.5)
    finally:
        os.close(fd)
    closed = time.monotonic()
    while time.monotonic() - closed < 5:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def test_closing_the_terminal_while_the_app_draws_ends_it_with_129(tmp_path):
    for _ in range(ROUNDS):
        status = _hang_up_while_drawing(str(tmp_path))
        assert status is not None, "the app outlived its terminal by 5 s"
        assert status == 129, status  # 128 + SIGHUP, as any program hung up
    assert not list(tmp_path.rglob("crash-*.log")), "the hang-up was logged as a crash"


def _threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def test_a_stop_and_continue_from_outside_leaves_one_output_thread():
    # kill -STOP / kill -CONT (or a debugger) is not ctrl+z: the terminal never left
    # application mode, and entering it again used to start a second output thread.
    with pane(SMALL) as app:
        app.wait_for("z=3 ")
        before = _threads(app.pid)
        app.signal(signal.SIGSTOP)
        time.sleep(0.2)
        app.signal(signal.SIGCONT)
        time.sleep(0.5)
        assert _threads(app.pid) == before
        app.keys("C-t")
        app.keys("C-q")
        assert app.wait_exit(15) == 0
