"""A monkey at a real terminal: random bursts of every advertised key, typed values and
hostile export paths, sent with no wait between keys.

The app must never exit (a crash shows as an exit status and a traceback in the
scrollback), must go idle soon after the last key (no hang), must quit with status 0,
and must leave no partial file: every file it wrote is whole and no temporary remains.

The short run is in the default suite; ``SUPERPOS_MONKEY_SECONDS=600 pytest -m slow
tests/terminal/test_robust_monkey_tmux.py`` runs the long one.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.terminal import APP, Pane, pane, tmux

#: Every key the app advertises (footer, help, bindings), as tmux names them, and a few
#: a user hits by accident.  Not ctrl+q (it quits) nor ctrl+z (it suspends the shell's job).
KEYS = [
    *("Tab", "BTab", "Up", "Down", "PPage", "NPage", "S-Up", "S-Down", "Enter", "Escape"),
    *("F2", "F3", "F4", "F5", "F6", "F7", "C-s", "C-t", "C-g", "C-r", "C-p", "C-c", "C-u"),
    *("C-o", "C-l", "?", "r", "6"),
    *("m", "l", "1", "2", "3", "4", "5", "n", "p", "j", "k", "c", "C", "s", "q"),
    *("+", "=", "-", "Left", "Right", "Home", "End", "BSpace", "Space", "x", "0", ".", "e"),
]
#: Values typed into a field, valid and not (U+2212, fullwidth and Arabic-Indic digits too).
VALUES = [
    *("0", "-1", "1e9", "nan", "abc", "2", "7", "40", "300", "0.05", "1.5", "12.5"),
    *("1,000", "1,0,0", "0,5", "\u22125", "\uff17", "\u0663", "1\u00a0000", "9" * 200),
]
#: Export paths that must each come back as a message, plus a few that work.
PATHS = [
    "x" * 300 + ".csv",
    "~nosuchuser-monkey/x.csv",
    "~results.csv",
    ".",
    "/proc/superpos-monkey.csv",
    "missing/folder/x.csv",
    "out.txt",
    "out.csv",
    "out.json",
    "out.svg",
]
#: Terminal sizes a session starts at or is resized to.
SIZES = [(80, 24), (120, 40), (60, 18), (200, 60), (40, 12)]
START = ["--T", "300", "--D", "30", "--z", "3", "--samples", "300"]


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime, every thread


def seconds_to_idle(app: Pane, limit: float) -> float:
    """Seconds until the app uses under 10 % of a core over a 0.5 s window."""
    started = time.monotonic()
    pid = app.pid
    ticks = os.sysconf("SC_CLK_TCK")
    try:
        while time.monotonic() - started < limit:
            before = cpu_ticks(pid)
            time.sleep(0.5)
            if (cpu_ticks(pid) - before) / ticks < 0.05:
                return time.monotonic() - started
    except FileNotFoundError:
        # Ended meanwhile: the last burst quit it (its status is checked next).
        return time.monotonic() - started
    return float("inf")


def stacks(app: Pane) -> str:
    """What every thread of the app is doing, where py-spy is installed (else nothing)."""
    beside = Path(sys.executable).with_name("py-spy")  # in the virtual environment, off PATH
    spy = shutil.which("py-spy") or os.environ.get("SUPERPOS_PY_SPY")
    spy = spy or (str(beside) if beside.exists() else None)
    if not spy:
        return ""
    dump = subprocess.run([spy, "dump", "--pid", str(app.pid)], capture_output=True, text=True)
    return f"\n{dump.stdout}{dump.stderr}"


def burst(app: Pane, rng: random.Random) -> str:
    """One random burst; a short description for the failure message."""
    roll = rng.random()
    if roll < 0.15:
        value = rng.choice(VALUES)
        app.keys(rng.choice(["Tab", "BTab", "C-g"]), "C-u")
        app.type(value)
        return f"typed {value[:20]!r}"
    if roll < 0.25:
        path = rng.choice(PATHS)
        app.keys("Escape", "C-s", "C-u")
        app.type(path)
        app.keys(*["Enter"] * rng.randint(1, 3))
        return f"exported to {path[:20]!r}"
    if roll < 0.28:
        width, height = rng.choice(SIZES)
        tmux(app.socket, "resize-window", "-t", "app", "-x", str(width), "-y", str(height))
        return f"resized to {width}×{height}"
    keys = [rng.choice(KEYS) for _ in range(rng.randint(1, 8))]
    app.keys(*keys)
    return f"keys {keys}"


def check_files(folder: Path) -> None:
    names = sorted(p.name for p in folder.iterdir())
    assert not [n for n in names if n.endswith(".tmp")], f"partial files left: {names}"
    for path in folder.iterdir():
        text = path.read_text()
        if path.suffix == ".json":
            json.loads(text)
        elif path.suffix == ".csv":
            assert text.endswith("\n") and text.count("\n") > 1
        elif path.suffix == ".svg":
            assert text.rstrip().endswith("</svg>")


def session(rng: random.Random, deadline: float, folder: Path, numbers: dict) -> None:
    """One app until the deadline, or until the monkey quits it (the palette's "Quit"
    command is one ctrl+p, q, Enter away: a clean exit 0 starts the next session)."""
    history: list[str] = []
    state = folder.parent / f"{folder.name}-state"  # crash logs, away from the exports
    size = rng.choice(SIZES[:3])
    with pane([str(APP), *START], size, XDG_STATE_HOME=str(state)) as app:
        app.wait_for("z=3 ")
        while time.monotonic() < deadline:
            history.append(burst(app, rng))
            numbers["bursts"] += 1
            time.sleep(rng.choice([0.0, 0.0, 0.05, 0.2]))
            status = app.exit_status()
            if status == 0 and "Traceback" not in app.scrollback():
                numbers["quit_by_the_monkey"] += 1
                return
            if status is not None:
                pytest.fail(
                    f"the app exited with {status} after {history[-5:]}:\n{app.scrollback()}"
                )
        time.sleep(0.3)
        status = app.exit_status()
        if status is not None:
            pytest.fail(f"the app exited with {status} after {history[-5:]}:\n{app.scrollback()}")
        idle = seconds_to_idle(app, 20.0)
        assert idle < 20.0, (
            f"still busy 20 s after the last key ({history[-5:]}):\n{app.screen()}{stacks(app)}"
        )
        numbers["idle_after_s"] = idle
        app.keys("Escape", "Escape", "Escape")
        time.sleep(0.3)
        app.keys("C-q")
        status = app.wait_exit(20)
        shown = app.scrollback()
    assert status == 0, f"quit with {status}:\n{shown}"
    assert "Traceback" not in shown


def monkey(seed: int, seconds: float, folder: Path) -> dict[str, float]:
    rng = random.Random(seed)
    numbers: dict[str, float] = {"bursts": 0, "sessions": 0, "quit_by_the_monkey": 0}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        numbers["sessions"] += 1
        session(rng, deadline, folder, numbers)
    check_files(folder)
    return numbers


@pytest.fixture
def folder(tmp_path):
    old = Path.cwd()
    yield tmp_path
    os.chdir(old)


def test_monkey_bursts_at_a_real_terminal_short(folder):
    # The pane's shell starts in the test's cwd: set it before the pane starts.
    os.chdir(folder)
    print(monkey(seed=1, seconds=15.0, folder=folder))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [2, 3, 4])
def test_monkey_bursts_at_a_real_terminal_long(folder, seed):
    os.chdir(folder)
    seconds = float(os.environ.get("SUPERPOS_MONKEY_SECONDS", "120"))
    numbers = monkey(seed=seed, seconds=seconds, folder=folder)
    print(f"monkey seed {seed}: {numbers}")
