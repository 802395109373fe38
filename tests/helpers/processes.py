"""The processes below a process, read from /proc: who a command started, who outlived it."""

from __future__ import annotations

import time
from pathlib import Path


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (children, their children, …)."""
    found: set[int] = set()
    waiting = [pid]
    while waiting:
        parent = waiting.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:  # ended meanwhile
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    waiting.append(child)
    return found


def alive(pids: set[int]) -> set[int]:
    return {pid for pid in pids if Path(f"/proc/{pid}").exists()}


def wait_for_workers(pid: int, count: int = 3, timeout: float = 20.0) -> set[int]:
    """The processes below ``pid`` once there are ``count`` (a worker pool: its fork
    server, resource tracker and workers), or whatever there is at the timeout."""
    deadline = time.monotonic() + timeout
    while len(descendants(pid)) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return descendants(pid)
