"""The command line at the process's edges: closed or full streams, redirections,
interrupts, and values argparse would misread.  One ``error:`` line, a meaningful
status, never a traceback."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from superpos_model import LIMITS, ParamError
from tui import cli

APP = Path(sys.executable).parent / "superpos-tui"
QUICK = f"{APP} check --T 50 --D 10 --z 2 --samples 20"


def shell(command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=60, check=False
    )


def test_check_with_stdout_closed_is_one_error_line_and_status_1():
    done = shell(f"{QUICK} >&-")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "error: standard output is closed; there is nowhere to print the result"
    ]


def test_check_with_stderr_closed_still_prints_its_table():
    done = shell(f"{QUICK} 2>&-")
    assert done.returncode == 0
    assert "T=50 features" in done.stdout


def test_check_into_a_full_disk_is_one_error_line_and_status_1():
    done = shell(f"{QUICK} >/dev/full")
    assert done.returncode == 1
    assert done.stderr.splitlines() == ["error: cannot write the output: No space left on device"]


def test_bad_input_with_stderr_closed_still_exits_2():
    assert shell(f"{APP} check --T 1 2>&-").returncode == 2


@pytest.mark.parametrize(
    ("redirect", "stream"),
    [("2>&-", "stdout"), ("2>errors.txt", "file"), ("</dev/null", "stderr"), (">&- 2>&-", None)],
)
def test_the_app_refuses_to_start_without_three_terminals(tmp_path, redirect, stream):
    # Run from a real terminal (tmux) would be the same: any redirected stream refuses.
    done = shell(f"cd {tmp_path} && {APP} {redirect}")
    assert done.returncode == 2
    said = {
        "stdout": done.stdout,
        "stderr": done.stderr,
        "file": (tmp_path / "errors.txt").read_text() if stream == "file" else "",
        None: done.stdout + done.stderr,
    }[stream]
    if stream is None:
        assert said == ""
    else:
        assert said.startswith("error: the app needs a terminal")
        assert len(said.splitlines()) == 1


#: The entry point's own script, with one line on stderr once ``tui.cli`` (standard
#: library only) is loaded: from then on NumPy, Textual and the work all load
#: inside run()'s guard.
ENTRY = (
    "import sys; from tui.cli import run; sys.stderr.write('started\\n'); "
    "sys.stderr.flush(); sys.argv[0] = 'superpos-tui'; run()"
)


@pytest.mark.parametrize("delay", [0.02, 0.05, 0.15])
def test_ctrl_c_while_starting_up_is_error_interrupted_and_130(delay):
    process = subprocess.Popen(
        [sys.executable, "-c", ENTRY, "check", "--T", "3000000", "--D", "256"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    assert process.stderr.readline() == "started\n"
    time.sleep(delay)  # somewhere in loading NumPy, the model, or computing
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert out == ""
    assert err.strip().splitlines() == ["error: interrupted"]


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["--T", "-1e3"], "T: -1e3 is out of range; use a whole number from 2 to 100,000,000"),
        (["--a", "-inf"], "a: -inf is not finite; use a number from 0 to 100"),
        (["--T", "100000001"], "T: 100000001 is out of range"),
        (["--seed", "4294967296"], "seed: 4294967296 is out of range"),
        (["--a", "0,5"], "a: '0,5' is not a number; use a number from 0 to 100"),
        (["--T", "1,0,0"], "T: '1,0,0' is not a number"),
        (["--budget-gb", "0.001"], "budget-gb: 0.001 is out of range; use a number from 0.01 to"),
        (["--budget-gb", "1e400"], "budget-gb: 1e400 is out of range"),
        (["--budget-gb", "lots"], "budget-gb: 'lots' is not a number; use a number from 0.01"),
        (["--z", "9" * 10_000], "z: 999999999999999999999999999999… is out of range"),
    ],
)
def test_values_are_refused_with_the_range_and_echoed_as_typed(capsys, words, message):
    assert cli.main(["check", *words]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {message}"), err
    assert "e+" not in err[0] and len(err[0]) < 200


def test_thousands_separators_are_accepted(capsys):
    assert cli.main(["check", "--T", "10,000", "--D", "1_000", "--samples", "20", "--json"]) == 0
    assert '"T": 10000' in capsys.readouterr().out


def test_the_budget_cannot_exceed_the_machine(capsys):
    gb = 2**30
    assert cli.parse_budget("4", memory=8 * gb) == 4 * gb
    with pytest.raises(ParamError) as caught:
        cli.parse_budget("16", memory=8 * gb)
    assert "use a number from 0.01 to 8 (this machine's memory)" in str(caught.value)
    assert cli.parse_budget(None, memory=gb) == gb  # the default shrinks to the machine


@pytest.mark.parametrize(
    ("words", "hint"),
    [
        (["--T", "100000000", "--D", "1", "--z", "1", "--samples", "2"], "use T ≤ "),
        (["--budget-gb", "0.05", "--D", "2000", "--samples", "2"], "use D ≤ "),
    ],
)
def test_budget_hints_name_a_change_that_fits(capsys, words, hint):
    assert cli.main(["check", "--budget-gb", "0.5", *words]) == 2
    err = capsys.readouterr().err
    assert hint in err and "0.0 GB" not in err and "reduce samples" not in err


def test_the_field_list_is_the_models():
    assert cli.FIELDS == tuple(LIMITS)


def test_the_command_line_module_loads_no_numpy_or_textual():
    # So a ctrl+c during start-up lands inside the guarded region.
    code = "import sys, tui.cli; print(sorted(m for m in ('numpy', 'textual') if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"
