"""A loss with no minimum: random's ReLU loss at z = 1 falls to 0 as a → ∞ (b = a − 1) and never
reaches it.  The limit is reported, with how it is approached; no factor is made of the
loss at some far point of the approach."""

from __future__ import annotations

from superpos_model import make_params
from superpos_model.relu import relu_optimum, run_relu_check
from superpos_model.sweep import optimal_losses, standing
from tui.relu_cli import render_relu_check

PARAMS = make_params(T=200, D=20, z=1, samples=300)


def test_the_optimum_carries_the_limit_and_a_point_of_its_approach():
    o = relu_optimum("random", PARAMS)
    assert o.limit == "a → ∞ with b = a − 1" and o.least == 0.0
    assert 0 < o.loss < 1e-9 and o.a == o.b + 1  # the simulated point of the approach
    assert not relu_optimum("multi", PARAMS).limit  # attained: no limit
    assert relu_optimum("multi", PARAMS).least == relu_optimum("multi", PARAMS).loss


def test_sweep_and_ranking_use_the_limit_and_give_no_factor():
    losses = optimal_losses("relu", PARAMS)
    assert losses["random"] == 0.0
    s = standing(losses)
    assert s.winners == ("random",) and s.factor is None


def test_check_reports_the_limit_in_json_and_text():
    report = run_relu_check(PARAMS)
    random = report.to_json()["schemes"]["random"]
    assert random["opt"] == {"a": None, "b": None, "limit": "a → ∞ with b = a − 1"}
    assert random["mse_opt"]["exact"] == 0.0
    at = random["mse_opt"]["at"]
    assert at["a"] == at["b"] + 1 and 0 < at["exact"] < 1e-9
    text = render_relu_check(report)
    assert "no minimum" in text and "a → ∞ with b = a − 1" in text
    assert "× lower" not in text and "e+" not in text
