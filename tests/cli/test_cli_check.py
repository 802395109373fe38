"""`superpos-tui check`: the human table, SPEC §4's JSON, and bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from superpos_model import exact_quadratic, make_params, notes_formula
from tests.helpers.spec_keys import INTERFERENCE_KEYS
from tui.cli import main

CLI = str(Path(sys.executable).parent / "superpos-tui")
SCHEME_KEYS = {"a_opt", "mse_opt"}
VALUE_KEYS = {"notes", "exact", "simulated"}


def run_json(capsys, *args):
    assert main(["check", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_exactly_the_spec_keys(capsys):
    out = run_json(capsys)
    assert set(out) == {"params", "readout", "schemes", "winners", "ranking", "interference"}
    assert out["params"] == {"T": 1000, "D": 100, "z": 5, "a": None, "samples": 2000, "seed": 0}
    assert set(out["schemes"]) == {"random", "single", "multi"}
    for scheme in out["schemes"].values():
        assert set(scheme) == SCHEME_KEYS
        assert set(scheme["a_opt"]) == VALUE_KEYS
        assert set(scheme["mse_opt"]) == VALUE_KEYS | {"se", "simulated_exact"}
    assert set(out["interference"]) == INTERFERENCE_KEYS


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--a", "0.3"],
        ["--T", "400", "--D", "40", "--z", "5", "--a", "0.1"],
        ["--T", "16384", "--D", "512", "--z", "20", "--samples", "3000", "--seed", "4"],
    ],
)
def test_json_values_match_formulas_and_simulation(capsys, args):
    out = run_json(capsys, *args)
    p = make_params(**{k: v for k, v in out["params"].items()})
    for name, got in out["schemes"].items():
        notes, exact = notes_formula(name, p), exact_quadratic(name, p)
        assert got["a_opt"]["notes"] == pytest.approx(notes.a_opt, abs=1e-9)
        assert got["a_opt"]["exact"] == pytest.approx(exact.argmin, abs=1e-9)
        assert got["mse_opt"]["notes"] == pytest.approx(notes.mse_opt, abs=1e-9)
        assert got["mse_opt"]["exact"] == pytest.approx(exact.minimum, abs=1e-9)
        opt = got["mse_opt"]
        assert abs(opt["simulated"] - opt["exact"]) <= 4 * opt["se"]
        if p.a is None:
            assert "mse_at_a" not in got
        else:
            at = got["mse_at_a"]
            assert at["notes"] == pytest.approx(notes.curve(p.a), abs=1e-9)
            assert at["exact"] == pytest.approx(exact(p.a), abs=1e-9)
            assert abs(at["simulated"] - at["exact"]) <= 4 * at["se"]
    single = out["schemes"]["single"]["mse_opt"]
    assert single["notes"] == pytest.approx(p.z * (p.T - p.D) / p.D, abs=1e-9)


def test_interference_block_values(capsys):
    block = run_json(capsys)["interference"]
    assert block["rms_typical"] == pytest.approx(0.1, abs=1e-12)
    assert block["jl_bound"] == pytest.approx((8 * 6.907755278982137 / 100) ** 0.5, abs=1e-9)
    assert block["capacity_typical"] == 100
    assert block["capacity_notes"] == pytest.approx(100 / (8 * 6.907755278982137), abs=1e-9)
    assert abs(block["rms_simulated"] - 0.1) < 0.005


def test_human_table_shows_the_numbers(capsys):
    assert main(["check", "--a", "0.3"]) == 0
    out = capsys.readouterr().out
    for text in (
        "optimal readout scale a*",
        "loss at a*",
        "loss at a = 0.3",
        "45.0000",
        "4.5000",
        "simulated ± SE",
        "per feature",
        "wins",
        "z(T−D)/D is a typo",
    ):
        assert text in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_regime_warning_is_printed_not_refused(capsys):
    assert main(["check", "--T", "50", "--D", "100", "--samples", "50"]) == 0
    assert "warning: outside the notes' regime" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args,field",
    [
        (["--z", "0"], "z"),
        (["--z", "5000"], "z"),
        (["--D", "0"], "D"),
        (["--a", "-1"], "a"),
        (["--a", "nan"], "a"),
        (["--T", "abc"], "T"),
        (["--samples", "1"], "samples"),
        (["--seed", "-3"], "seed"),
        (["--D", "100000"], "D"),
        (["--budget-gb", "x"], "budget-gb"),
    ],
)
def test_bad_input_exits_2_with_one_error_line(capsys, args, field):
    assert main(["check", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {field}: ")


@pytest.mark.parametrize("args", [["check", "--z"], ["check", "--foo"], ["nonsense"], ["--json"]])
def test_usage_errors_exit_2(capsys, args):
    assert main(args) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")


def test_installed_command_end_to_end():
    ok = subprocess.run(
        [CLI, "check", "--json", "--samples", "200"], capture_output=True, text=True
    )
    assert ok.returncode == 0 and json.loads(ok.stdout)["params"]["samples"] == 200
    bad = subprocess.run([CLI, "check", "--z", "0"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().splitlines() == [bad.stderr.strip()]
    no_terminal = subprocess.run([CLI], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert no_terminal.returncode == 2 and no_terminal.stderr.startswith("error: ")
