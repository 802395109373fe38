"""`superpos-tui check --readout relu`: JSON keys, the text table, and bad input."""

from __future__ import annotations

import json

import pytest

from superpos_model import make_params
from superpos_model.relu import relu_loss, relu_optimum
from tui.cli import main

VALUES = {"exact", "simulated", "se", "simulated_exact"}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_relu_json_keys_without_a_chosen_point(capsys):
    code, out, _ = run(capsys, "--readout", "relu", "--json", "--samples", "400")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"params", "readout", "schemes", "winners", "ranking"}
    assert data["readout"] == "relu"
    assert data["params"] == {
        "T": 1000,
        "D": 100,
        "z": 5,
        "a": None,
        "b": None,
        "b_min": None,
        "samples": 400,
        "seed": 0,
    }
    assert set(data["schemes"]) == {"random", "single", "multi"}
    for name, scheme in data["schemes"].items():
        assert set(scheme) == {"opt", "mse_opt"}
        assert set(scheme["opt"]) == {"a", "b"}
        extra = {"gaussian", "gaussian_at_opt"} if name == "random" else set()
        assert set(scheme["mse_opt"]) == VALUES | extra
    assert data["schemes"]["random"]["mse_opt"]["exact"] == pytest.approx(1.0223, abs=1e-3)
    assert data["schemes"]["random"]["mse_opt"]["gaussian"] == pytest.approx(1.0295, abs=1e-3)


def test_relu_json_with_a_and_b_has_the_loss_there(capsys):
    args = ("--readout", "relu", "--json", "--T", "200", "--D", "8", "--z", "3")
    code, out, _ = run(capsys, *args, "--a", "1.2", "--b", "0.6", "--samples", "400")
    assert code == 0
    data = json.loads(out)
    assert data["params"]["a"] == 1.2 and data["params"]["b"] == 0.6
    params = make_params(T=200, D=8, z=3)
    for name, scheme in data["schemes"].items():
        assert set(scheme["mse_at"]) == VALUES | {"a", "b", "optimised"}
        assert scheme["mse_at"]["exact"] == pytest.approx(relu_loss(name, params, 1.2, 0.6))
        assert scheme["opt"]["a"] == pytest.approx(relu_optimum(name, params).a)
    assert data["schemes"]["random"]["mse_at"]["exact"] == pytest.approx(12.641, abs=1e-3)


@pytest.mark.parametrize("chosen", [["--a", "1.2"], ["--b", "0.6"]])
def test_relu_json_with_a_or_b_alone_optimises_the_other(capsys, chosen):
    code, out, _ = run(capsys, "--readout", "relu", "--json", "--samples", "200", *chosen)
    assert code == 0
    missing = "b" if chosen[0] == "--a" else "a"
    assert all(s["mse_at"]["optimised"] == missing for s in json.loads(out)["schemes"].values())


def test_linear_json_says_its_readout(capsys):
    code, out, _ = run(capsys, "--json", "--samples", "200")
    data = json.loads(out)
    assert code == 0 and data["readout"] == "linear"
    assert set(data) == {"params", "readout", "schemes", "winners", "ranking", "interference"}
    code, out2, _ = run(capsys, "--json", "--samples", "200", "--readout", "linear")
    assert json.loads(out2) == data


def test_relu_text_table_names_the_winner_and_its_factor(capsys):
    code, out, _ = run(capsys, "--readout", "relu", "--samples", "400", "--a", "1", "--b", "0.5")
    assert code == 0
    assert "Gaussian" in out and "simulated ± SE" in out
    assert "loss at a = 1, b = 0.5" in out
    # b free: single's intercept (b* < 0) puts it, not multi, second.
    assert "random wins, 1.0223 against single's 4.4797" in out
    assert "4.38× lower" in out
    assert all(len(line) <= 80 for line in out.splitlines())


@pytest.mark.parametrize(
    "args, field",
    [
        (["--readout", "relu", "--b", "nan"], "b"),
        (["--readout", "relu", "--b=inf"], "b"),
        (["--readout", "relu", "--b=-inf"], "b"),
        (["--readout", "relu", "--b", ""], "b"),
        (["--readout", "relu", "--b", "abc"], "b"),
        (["--b", "0.5"], "b"),
        (["--readout", "linear", "--b", "0.5"], "b"),
        (["--readout", "relu", "--a", "-1", "--b", "0.5"], "a"),
        (["--readout", "tanh"], "readout"),
    ],
)
def test_bad_relu_input_is_one_error_line_and_exit_2(capsys, args, field):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {field}:")
    if field == "b" and "--readout" in args and "relu" in args:
        assert "finite" in lines[0]
    if args[:1] == ["--b"] or "linear" in args:
        assert "ReLU readout" in lines[0]


def test_negative_b_is_allowed(capsys):
    code, out, _ = run(
        capsys, "--readout", "relu", "--json", "--samples", "200", "--a", "0.5", "--b=-0.25"
    )
    assert code == 0
    assert json.loads(out)["params"]["b"] == -0.25


def test_relu_budget_names_the_field_to_shrink(capsys):
    code, out, err = run(capsys, "--readout", "relu", "--samples", "10000000", "--T", "100000")
    assert code == 2 and out == ""
    assert err.startswith("error: samples: the ReLU simulation needs about")


@pytest.mark.slow
def test_relu_runs_where_the_linear_gram_would_not_fit(capsys):
    # No D×D Gram: D = 6 000 is too big for the linear simulation's 0.5 GB, not for this one.
    args = ("--T", "6000", "--D", "6000", "--samples", "100", "--budget-gb", "0.5", "--json")
    assert run(capsys, *args)[0] == 2
    code, out, _ = run(capsys, "--readout", "relu", *args)
    assert code == 0 and json.loads(out)["readout"] == "relu"


def test_tiny_losses_agree_within_the_exact_values_accuracy(capsys):
    # z = 1: the random scheme's loss tends to 0; both values sit at round-off.
    code, out, _ = run(capsys, "--readout", "relu", "--z", "1", "--samples", "400")
    assert code == 0
    assert "differs" not in out


def test_an_se_that_is_only_round_off_reads_zero_in_the_table(capsys):
    # z = T: every sample is the same, so multi's spread is 0 up to round-off (2.2e-17),
    # which the table printed in exponent form beside four fixed decimals.
    code, out, _ = run(capsys, "--T", "7", "--D", "3", "--z", "7", "--readout", "relu")
    multi = next(line for line in out.splitlines() if line.startswith("multi "))
    assert code == 0
    assert "e-" not in multi and "± 0.0000" in multi
