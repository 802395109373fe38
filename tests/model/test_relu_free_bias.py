"""A network's bias has either sign: the ReLU optimum searches every real b by default, says when
b* < 0 (an intercept, not a threshold), and keeps b ≥ 0 as an option the output names."""

from __future__ import annotations

import json
import math

import pytest

from superpos_model import make_params
from superpos_model.relu import relu_optimum
from superpos_model.sweep import sweep
from tui.cli import main


@pytest.mark.parametrize(("z", "b_star", "gain"), [(86, -0.023, 0.054), (93, -0.038, 0.167)])
def test_random_uses_an_intercept_at_high_z(z, b_star, gain):
    params = make_params(z=z)
    free, threshold = relu_optimum("random", params), relu_optimum("random", params, b_min=0)
    assert free.b == pytest.approx(b_star, abs=2e-3)
    assert threshold.loss - free.loss == pytest.approx(gain, abs=2e-3)


def test_multi_moves_only_with_unequal_groups():
    # D ∤ T: a free b lowers multi slightly; D | T: c/g is already E[y | c], no b beats 0.
    uneven = make_params(T=100, D=30, z=40)
    assert relu_optimum("multi", uneven, b_min=0).loss == pytest.approx(17.4348, abs=1e-4)
    assert relu_optimum("multi", uneven).loss == pytest.approx(17.4246, abs=1e-4)
    even = make_params(T=100, D=25, z=40)
    free, threshold = relu_optimum("multi", even), relu_optimum("multi", even, b_min=0)
    assert free.loss == pytest.approx(threshold.loss, rel=1e-12) and free.b == 0


@pytest.mark.parametrize(("b_min", "crossing"), [(-math.inf, (91, 92)), (0.0, (88, 89))])
def test_the_relu_crossing_with_multi_moves_with_the_free_bias(b_min, crossing):
    # b ≥ 0: random wins up to z = 88, multi from 89; b free: up to 91, multi from 92.
    result = sweep(make_params(), "z", [80, 100], "relu", workers=1, b_min=b_min)
    ((found),) = result.crossings
    assert (found.below.params.z, found.above.params.z) == crossing
    assert (found.below.standing.winners, found.above.standing.winners) == (("random",), ("multi",))


def test_sweep_names_the_bias_range_it_searched(capsys):
    args = ["sweep", "--vary", "z", "--values", "5,6", "--readout", "relu", "--workers", "1"]
    assert main([*args, "--b-min", "0"]) == 0
    assert "b ≥ 0 (--b-min 0)" in capsys.readouterr().out
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["b_min"] is None
    assert main(["sweep", "--vary", "z", "--values", "5,6", "--b-min", "0"]) == 2


def test_check_says_which_biases_it_searched_and_names_an_intercept(capsys):
    assert main(["check", "--readout", "relu", "--samples", "200"]) == 0
    text = capsys.readouterr().out
    assert "any real b" in text and "b* < 0 for single: an intercept here" in text
    assert main(["check", "--readout", "relu", "--samples", "200", "--b-min", "0"]) == 0
    text = capsys.readouterr().out
    assert "b ≥ 0 (--b-min 0)" in text and "intercept" not in text
    assert main(["check", "--readout", "relu", "--samples", "200", "--b-min", "0", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["params"]["b_min"] == 0 and out["schemes"]["single"]["mse_opt"]["exact"] == 4.5
