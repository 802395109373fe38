"""The nonlinear chain says what its numbers say: the direction against the linear bound,
and a rare event only where the readout rarely fires.

The step printed "(0.389× lower)" with the ReLU loss above the bound (T=3, D=2, z=2)
and "(1× lower)" where the two differ by a fraction of a percent (z = 89).
"""

from __future__ import annotations

import re

import pytest

from superpos_model import make_params
from superpos_model.optimize.linear import rank_bound
from superpos_model.relu import relu_optimum
from superpos_model.walkthrough import walkthrough
from superpos_model.walkthrough.nonlinear import compared_to_bound


def test_the_comparison_names_its_direction_and_never_a_factor_of_one():
    assert compared_to_bound(1.0, 2.5) == " (2.5× lower)"
    assert compared_to_bound(2.5, 1.0) == " (2.5× higher)"
    assert compared_to_bound(1.0, 1.003) == " (0.3 % lower)"
    assert compared_to_bound(1.003, 1.0) == " (0.3 % higher)"
    assert compared_to_bound(1.0, 1.0) == " (equal)"
    assert compared_to_bound(0.0, 1.0) == compared_to_bound(1.0, 0.0) == ""


def test_a_relu_loss_above_the_bound_is_called_higher():
    params = make_params(T=3, D=2, z=2, samples=400)
    (step,) = [s for s in walkthrough(params, "nonlinear") if s.key.endswith("linear_bound")]
    assert step.theory > 0 and "× lower" not in step.reason
    assert "higher" in step.reason


def inactive_cut(params):
    (step,) = [s for s in walkthrough(params, "nonlinear") if s.key.endswith("inactive_cut")]
    return step


def test_the_inactive_cut_calls_the_firing_rare_only_when_it_is():
    # T=3 D=2 z=2: b* = 0 and the readout fires on half the inactive draws; the step said
    # "b > 0 … a rare event, b/a a few standard deviations out".
    # With b free, b* = −0.5 there: an intercept, and the readout fires on every draw.
    step = inactive_cut(make_params(T=3, D=2, z=2, samples=400))
    assert "rare event" not in step.explanation
    assert "an intercept, not a threshold" in step.explanation and "≪" not in step.formula


def test_the_inactive_cut_threshold_sentence_matches_a_small_case():
    step = inactive_cut(make_params(T=200, D=20, z=2, samples=400))
    fires = float(step.explanation.split("fires on ")[1].split("%")[0]) / 100
    assert ("rare event" in step.explanation) == (fires < 0.05)


#: The ReLU readout at z = 1 (no minimum), 5 and 89 (the crossing with multi), T = 3 with
#: D = 2, and D ≥ T.
RELU_REGIMES = [{"z": 1}, {"z": 5}, {"z": 89}, {"T": 3, "D": 2, "z": 2}, {"T": 50, "D": 80, "z": 5}]


@pytest.mark.parametrize(
    "regime", RELU_REGIMES, ids=lambda r: ",".join(f"{k}={v}" for k, v in r.items())
)
def test_the_nonlinear_chain_says_directions_factors_and_rarity_only_where_true(regime):
    params = make_params(samples=200, **regime)
    steps = {s.key: s for s in walkthrough(params, "nonlinear")}
    bound_step, cut = steps["nonlinear.linear_bound"], steps["nonlinear.inactive_cut"]
    optimum = relu_optimum("random", params)
    least, bound = optimum.least, rank_bound(params)
    factors = [
        float(f) for f in re.findall(r"\(([0-9.e+]+)× (?:lower|higher)\)", bound_step.reason)
    ]
    # A factor only between two positive losses (never one of round-off), as printed.
    ratio = max(least, bound) / min(least, bound) if least > 0 and bound > 0 else None
    shown = None if ratio is None else f"{ratio:.3g}"
    assert factors == ([] if shown in (None, "1") else [float(shown)])
    if factors:
        assert ("lower" in bound_step.reason) == (least < bound)
    assert ("no minimum" in bound_step.reason) == bool(optimum.limit)
    fires = float(cut.explanation.split("fires on ")[1].split("%")[0]) / 100
    assert ("a rare event" in cut.explanation) == (fires < 0.05)
    assert ("an intercept, not a threshold" in cut.explanation) == (optimum.b < 0)
