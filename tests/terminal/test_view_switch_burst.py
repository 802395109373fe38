"""A burst of view switches (ctrl+t auto-repeat) in a real terminal leaves the app idle.

The tabs and the view once echoed each other's change back: two switches within one
message round trip bounced between them forever, at 100 % of a core.
"""

from __future__ import annotations

import time
from pathlib import Path

from tests.helpers.terminal import app_in_tmux, tmux, wait_for

TICKS_PER_SECOND = 100  # the kernel's USER_HZ for /proc/<pid>/stat


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND  # utime + stime


def app_pid(socket: str) -> int:
    shell = int(tmux(socket, "display", "-p", "-t", "app", "#{pane_pid}").stdout)
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    return int(children[0]) if children else shell


def test_a_burst_of_ctrl_t_leaves_the_app_idle():
    with app_in_tmux("--samples 500", (80, 24)) as socket:
        wait_for(socket, "a fresh W per sample")
        pid = app_pid(socket)
        tmux(socket, "send-keys", "-t", "app", "C-t", "C-t", "C-t")
        time.sleep(2.0)
        before = cpu_seconds(pid)
        time.sleep(1.0)
        busy = cpu_seconds(pid) - before
        assert busy < 0.3, f"the app used {busy:.2f} s of CPU in 1 s after the burst"
        tmux(socket, "send-keys", "-t", "app", "C-q")
        wait_for(socket, "superpos-exit=0")
