"""`superpos-tui check --loss cross-entropy`: JSON keys, limits, the text table, bad input."""

from __future__ import annotations

import json
import math

import pytest

from superpos_model import make_params
from superpos_model.crossent import cross_entropy, cross_entropy_optimum
from superpos_model.walkthrough.losses import stops_paying
from tui.cli import main

VALUES = {"exact", "simulated", "se", "simulated_exact"}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", "--loss", "cross-entropy", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_keys_values_and_the_winner(capsys):
    code, out, _ = run(capsys, "--json", "--samples", "1000")
    assert code == 0
    data = json.loads(out)
    assert data["loss"] == "cross-entropy" and data["readout"] == "linear"
    assert data["params"] == {
        "T": 1000, "D": 100, "z": 5, "a": None, "b": None, "samples": 1000, "seed": 0
    }  # fmt: skip
    schemes = data["schemes"]
    assert set(schemes["random"]["loss_opt"]) == VALUES | {"gaussian"}
    assert set(schemes["multi"]) == {"opt", "loss_opt"}
    for name in ("random", "multi"):
        optimum = cross_entropy_optimum(name, make_params())
        assert schemes[name]["opt"] == {"a": optimum.a, "b": optimum.b}
        assert schemes[name]["loss_opt"]["exact"] == optimum.loss
    single = schemes["single"]
    assert single["opt"]["limit"] == "a → ∞" and single["opt"]["a"] is None
    assert single["loss_opt"]["exact"] == pytest.approx(28.8042, abs=5e-5)
    at = single["loss_opt"]["at"]
    assert at["exact"] == pytest.approx(cross_entropy("single", make_params(), at["a"], at["b"]))
    ranking = data["ranking"]
    assert data["winners"] == ["random"] and ranking["runner_up"] == "multi"
    assert ranking["order"] == ["random", "multi", "single"]
    assert ranking["factor"] == pytest.approx(18.2374 / 2.6558, rel=1e-4)


def test_text_names_the_limit_and_the_winner(capsys):
    code, out, _ = run(capsys, "--samples", "1000")
    assert code == 0
    assert "single    a → ∞" in out
    assert "single: no minimum; the loss falls toward 28.8042 as a → ∞" in out
    assert "at the optimum: random wins, 2.6558 against multi's 18.2374 (exact): 6.87× lower" in out
    assert "differs" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize(
    ("given", "optimised"),
    [(["--a", "20"], "b"), (["--b", "16"], "a"), (["--a", "20", "--b", "16"], None)],
)
def test_a_missing_a_or_b_is_optimised_and_said(capsys, given, optimised):
    code, out, _ = run(capsys, "--json", "--samples", "400", *given)
    assert code == 0
    data = json.loads(out)
    at = data["schemes"]["random"]["loss_at"]
    assert at["optimised"] == optimised
    assert set(at) == {"a", "b", "optimised"} | VALUES
    assert at["exact"] == pytest.approx(cross_entropy("random", make_params(), at["a"], at["b"]))
    if optimised == "b":
        assert at["a"] == 20 and at["exact"] <= cross_entropy("random", make_params(), 20, 16)
    _, text, _ = run(capsys, "--samples", "400", *given)
    title = {"b": "b at its best for it", "a": "a at its best for it", None: "b = 16"}
    assert title[optimised] in text


def test_every_feature_active_ties_at_zero(capsys):
    code, out, _ = run(capsys, "--T", "20", "--D", "5", "--z", "20", "--json", "--samples", "200")
    data = json.loads(out)
    assert code == 0 and data["winners"] == ["random", "single", "multi"]
    assert data["ranking"]["factor"] is None and data["ranking"]["runner_up"] is None
    assert {s["opt"]["limit"] for s in data["schemes"].values()} == {"b → −∞"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--loss", "ce"], "error: loss: 'ce' is unknown; use mse or cross-entropy"),
        (["--loss", "cross-entropy", "--readout", "relu"], "error: loss: cross-entropy takes"),
        (["--loss", "cross-entropy", "--b", "inf"], "error: b: "),
        (["--b", "1"], "error: b: needs the ReLU readout or cross-entropy"),
        (["--loss", "cross-entropy", "--b-min", "0"], "error: b-min: is for the ReLU readout"),
    ],
)
def test_bad_input_is_one_error_line_and_status_2(capsys, args, message):
    code = main(["check", *args])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_the_scale_range_holds_the_best_logits():
    assert math.isfinite(cross_entropy_optimum("random", make_params()).a or math.nan)
    assert make_params(a=21.8).a == 21.8


def test_sweep_under_cross_entropy_ranks_by_each_schemes_optimum(capsys):
    sizes = ["--T", "200", "--D", "8", "--json", "--workers", "1"]
    code = main(["sweep", "--loss", "cross-entropy", "--vary", "z", "--values", "1,3", *sizes])
    out, _ = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    assert data["readouts"] == ["cross-entropy"]
    for point in data["points"]:
        params = make_params(T=200, D=8, z=point["z"])
        expected = {s: cross_entropy_optimum(s, params).loss for s in point["losses"]}
        assert point["losses"] == expected
    assert [p["winners"] for p in data["points"]] == [["random"], ["random"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--loss", "cross-entropy", "--readout", "relu"], "error: loss: cross-entropy takes"),
        (["--readout", "cross-entropy"], "error: readout: 'cross-entropy' is unknown"),
        (["--loss", "mae"], "error: loss: 'mae' is unknown"),
    ],
)
def test_sweep_refuses_a_loss_it_cannot_pair(capsys, args, message):
    code = main(["sweep", "--vary", "z", "--values", "1,2", *args])
    _, err = capsys.readouterr()
    assert code == 2 and err.startswith(message), err


def sweep_crossings(capsys, *args) -> list[dict]:
    code = main(["sweep", "--loss", "cross-entropy", "--vary", "z", *args, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)["crossings"]


def test_one_command_says_at_what_z_multi_takes_over(capsys):
    small = ("--T", "100", "--D", "10", "--workers", "1")  # in-process: no pool to start
    (crossing,) = sweep_crossings(capsys, "--values", "8,16", *small)
    assert (crossing["below"]["value"], crossing["above"]["value"]) == (12, 13)
    assert crossing["below"]["winners"] == ["random"] and crossing["above"]["winners"] == ["multi"]
    # The same pair as the walkthrough's losses chain finds on its own.
    assert stops_paying("cross-entropy", 100, 10, 2, "z").value == 13


@pytest.mark.slow
def test_the_readmes_command_finds_z_91_to_92_at_the_defaults(capsys):
    crossings = sweep_crossings(capsys, "--values", "1..100 x10 log")
    assert [(c["below"]["value"], c["above"]["value"]) for c in crossings] == [(91, 92)]
    assert crossings[0]["above"]["winners"] == ["multi"]
