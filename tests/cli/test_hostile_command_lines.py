"""Thousands of hostile command lines over every subcommand: no traceback, ever, and only
the documented exit statuses (0 done, 1 output failed, 2 bad input), with exactly one
``error:`` line whenever the status is not 0.

The cases are drawn from a fixed seed: each is a subcommand, small model parameters
(so that a valid line finishes in a second or two), and one to three options given
hostile values — huge exponents, non-ASCII digits, commas, NaN, newlines, empty words,
options without values.  ``slow``: about 2 000 processes.
``python -m tests.cli.test_hostile_command_lines [N]`` runs N cases and prints a summary.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

APP = Path(sys.executable).parent / "superpos-tui"
CASES = 2000
SEED = 20261207
#: A line still running after this is ended and counted apart (not a crash).
CASE_TIMEOUT = 30.0
SMALL = ["--T", "40", "--D", "8", "--z", "2", "--samples", "60"]

HOSTILE_VALUES = [
    "",
    " ",
    "-",
    "--",
    "-1",
    "0",
    "1",
    "2",
    "3",
    "-0",
    "+5",
    "5 ",
    " 5",
    "05",
    "5.0",
    "5.5",
    "0,5",
    "1,000",
    "1_000",
    "1e3",
    "1E3",
    "1e-3",
    "1e308",
    "1e309",
    "-1e308",
    "1e-400",
    "1e1000000000000000000",
    "9" * 400,
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "0x10",
    "1/2",
    "½",
    "١٠٠",
    "１０",
    "٢",
    "x５",
    "True",
    "None",
    "abc",
    "a*",
    "\n",
    "5\n",
    "5\n6",
    "\t",
    "'",
    '"',
    "$(id)",
    "../x",
    "/",
    ".",
    "~",
    "~nosuchuser/x",
    "é" * 300,
    "1..20",
    "1..233 x12",
    "1..233 x12 log",
    "0.5..4 x4 log",
    "1,2,3",
    "3,2,1",
    "1,1",
    "1..",
    "..5",
    "1..5 x0",
    "1..5 x-1",
    "1..5 x1e9",
    "linear",
    "relu",
    "both",
    "all",
    "random",
    "optimum",
    "z",
    "D",
    "T",
    "T/D",
    "q",
    "0.01",
    "1024",
    "1025",
    "100000",
    "100001",
    "4294967296",
]

#: Each subcommand's options: the ones that take a value, and flags.
OPTIONS = {
    None: (["--T", "--D", "--z", "--a", "--samples", "--seed", "--budget-gb"], []),
    "check": (
        ["--T", "--D", "--z", "--a", "--samples", "--seed", "--budget-gb", "--readout", "--b"],
        ["--json"],
    ),
    "walkthrough": (
        ["--T", "--D", "--z", "--a", "--samples", "--seed", "--budget-gb", "--scheme"],
        ["--json"],
    ),
    "optimize": (
        [
            *("--T", "--D", "--z", "--a", "--samples", "--seed", "--budget-gb", "--readout"),
            "--steps",
            "--save",
        ],
        ["--json", "--force"],
    ),
    "sweep": (
        [
            *("--T", "--D", "--z", "--samples", "--seed", "--vary", "--values", "--vary2"),
            *("--values2", "--readout", "--workers"),
        ],
        ["--json", "--csv", "--simulate"],
    ),
}


@dataclass(frozen=True)
class Result:
    argv: tuple[str, ...]
    status: int | None  # None: still running at the timeout
    stderr: str


def draw_cases(count: int, seed: int = SEED) -> list[tuple[str, ...]]:
    """``count`` command lines, the same for the same seed."""
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        command = rng.choice(list(OPTIONS))
        valued, flags = OPTIONS[command]
        words = [] if command is None else [command]
        if command == "sweep":
            words += ["--vary", "z", "--values", "1,2"]
        words += SMALL
        for _ in range(rng.randint(1, 3)):
            if flags and rng.random() < 0.15:
                words.append(rng.choice(flags))
            else:
                option = rng.choice(valued)
                value = rng.choice(HOSTILE_VALUES)
                words += [f"{option}={value}"] if rng.random() < 0.3 else [option, value]
        if rng.random() < 0.05:
            words.pop()  # an option left without its value
        cases.append(tuple(words))
    return cases


def run_case(argv: tuple[str, ...], folder: Path) -> Result:
    try:
        done = subprocess.run(
            [str(APP), *argv],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=CASE_TIMEOUT,
            cwd=folder,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Result(argv, None, "")
    return Result(argv, done.returncode, done.stderr)


def problems(result: Result) -> list[str]:
    """What is wrong with one line's outcome (nothing, for a good one)."""
    found = []
    if "Traceback" in result.stderr:
        found.append("traceback")
    if result.status not in (None, 0, 1, 2):
        found.append(f"exit {result.status}")
    if result.status in (1, 2):
        lines = result.stderr.splitlines()
        if len(lines) != 1 or not lines[0].startswith("error: "):
            found.append(f"not one error: line ({len(lines)} lines)")
    return found


def run_all(count: int) -> tuple[list[Result], list[tuple[Result, list[str]]]]:
    with tempfile.TemporaryDirectory(prefix="superpos-hostile-") as folder:
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda argv: run_case(argv, Path(folder)), draw_cases(count)))
    bad = [(r, p) for r in results if (p := problems(r))]
    return results, bad


def summary(results: list[Result], bad: list[tuple[Result, list[str]]]) -> str:
    statuses = Counter("timeout" if r.status is None else str(r.status) for r in results)
    lines = [f"{len(results)} lines; exit statuses {dict(sorted(statuses.items()))}"]
    lines += [f"  {' '.join(map(repr, r.argv))}: {', '.join(p)}" for r, p in bad[:40]]
    return "\n".join(lines)


@pytest.mark.slow
def test_hostile_command_lines_get_no_traceback_and_only_documented_statuses():
    results, bad = run_all(CASES)
    print(summary(results, bad))
    assert not bad, summary(results, bad)


def test_the_cases_are_the_same_for_the_same_seed():
    assert draw_cases(50) == draw_cases(50)
    assert len({c[0] for c in draw_cases(200) if c}) >= len(OPTIONS) - 1


if __name__ == "__main__":
    found = run_all(int(sys.argv[1]) if len(sys.argv) > 1 else CASES)
    print(summary(*found))
