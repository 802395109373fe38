"""`superpos-tui walkthrough`: every step in plain text, exit codes, bad input."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from superpos_model import make_params
from superpos_model.walkthrough import CHAINS, walkthrough
from tui.cli import main
from tui.walkthrough_text import WIDTH

CLI = str(Path(sys.executable).parent / "superpos-tui")
#: Small enough that the whole walkthrough takes a second or two in a fresh process.
SMALL = ("--T", "300", "--D", "30", "--z", "3", "--samples", "300")
BOX_DRAWING = re.compile("[\u2500-\u257f]")


def run(capsys, *args):
    code = main(["walkthrough", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_default_prints_every_step_with_its_numbers(capsys):
    code, out, err = run(capsys)
    assert code == 0 and err == ""
    steps = walkthrough(make_params())
    for step in steps:
        assert f"({step.key})" in out
        assert step.formula.split()[0] in out
    assert out.count("  verdict:") == len(steps)
    assert out.count("  simulated:") == len(steps)
    assert out.count("  theory:") == len(steps)
    assert "notes differ" in out and "approximation" in out
    assert "MSE_single = z(T−D)/D" in out
    assert f"{len(steps)} steps:" in out
    # The losses chain answers the first note's hunch, and says where that stops, in numbers.
    words = " ".join(out.split())
    assert "under cross-entropy superposition wins about 6.9×" in words
    assert (
        "linear logits + cross-entropy: random wins up to z = 91; from z = 92 multi does" in words
    )


def test_output_is_plain_and_fits_80_columns(capsys):
    _, out, _ = run(capsys, "--T", "300", "--D", "7", "--z", "3", "--samples", "300")
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= WIDTH
    assert "\x1b" not in out
    assert not BOX_DRAWING.search(out)
    assert "warning: outside the notes' regime" in out  # z/D = 0.43


@pytest.mark.parametrize("scheme", list(CHAINS))
def test_scheme_selects_one_chain(capsys, scheme):
    code, out, _ = run(capsys, "--scheme", scheme, "--T", "300", "--D", "30", "--samples", "300")
    assert code == 0
    keys = set(re.findall(r"\((\w+)\.\w+\)$", out, flags=re.MULTILINE))
    assert keys == {scheme}


def test_chosen_a_is_used_and_shown(capsys):
    _, out, _ = run(capsys, "--scheme", "random", "--a", "0.3")
    assert "a = 0.3 in every chain" in out
    assert "Total loss MSE_rand(a), at a = 0.3" in out
    theory = 5 * (0.7**2 + 0.09 * 999 / 100)
    assert f"theory:     {theory:.6g}" in out


@pytest.mark.parametrize(
    "args,field",
    [
        (["--scheme", "bogus"], "scheme"),
        (["--scheme", "ALL"], "scheme"),
        (["--z", "2000"], "z"),
        (["--D", "0"], "D"),
        (["--a", "nan"], "a"),
        (["--T", "ten"], "T"),
        (["--samples", "10000000", "--D", "100000", "--budget-gb", "0.01"], "samples"),
    ],
)
def test_bad_input_exits_2_with_one_error_line(capsys, args, field):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"error: {field}:")


def test_bad_scheme_lists_the_allowed_values(capsys):
    _, _, err = run(capsys, "--scheme", "bogus")
    assert all(name in err for name in (*CHAINS, "all"))


def test_missing_scheme_value_is_a_usage_error(capsys):
    code, _, err = run(capsys, "--scheme")
    assert code == 2 and err.startswith("error:") and err.count("\n") == 1


def test_installed_command_runs_in_a_pipe():
    # Speed is measured in bench/, not asserted here: a loaded machine must not fail this.
    done = subprocess.run(
        [CLI, "walkthrough", "--scheme", "all", *SMALL], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "conclusions.single_multi_tie" in done.stdout


def test_installed_command_never_shows_a_traceback():
    done = subprocess.run(
        [CLI, "walkthrough", "--scheme", "nope"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: scheme:")


def test_the_optimum_chain_runs_when_named(capsys):
    code, out, err = run(capsys, "--scheme", "optimum", "--T", "200", "--D", "20", "--z", "3")
    assert code == 0 and err == ""
    keys = re.findall(r"\((optimum\.\w+)\)$", out, flags=re.MULTILINE)
    assert keys == [
        f"optimum.{k}"
        for k in ("spectrum", "rank_bound", "trained", "tight_frame", "worst_case", "gain", "relu")
    ]
    assert out.count("  verdict:") == len(keys)
