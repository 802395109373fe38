"""The nonlinear chain: its steps, their numbers from the ReLU model, and their verdicts."""

from __future__ import annotations

import pytest

from superpos_model import make_params
from superpos_model.relu import gaussian_random, relu_loss, relu_optimum
from superpos_model.steps import Verdict
from superpos_model.walkthrough import CHAINS, SCHEME_CHOICES, walkthrough

KEYS = [
    "nonlinear.inactive_cut",
    "nonlinear.gaussian",
    "nonlinear.optimum",
    "nonlinear.linear_bound",
    "nonlinear.capacity",
    "nonlinear.debate",
]


def test_registered():
    assert "nonlinear" in CHAINS and "nonlinear" in SCHEME_CHOICES


@pytest.mark.slow
def test_defaults():
    params = make_params()
    steps = {s.key: s for s in walkthrough(params, "nonlinear")}
    assert list(steps) == KEYS
    opt = relu_optimum("random", params)
    assert steps["nonlinear.optimum"].theory == pytest.approx(opt.loss)
    assert steps["nonlinear.optimum"].theory == pytest.approx(1.0223, abs=1e-4)
    bound = 5 * 900 * 995 / (1000 * 999)
    assert steps["nonlinear.linear_bound"].theory == pytest.approx(opt.loss)
    assert f"The bound is {bound:.4g}, the ReLU optimum 1.022 (4.38× lower)" in (
        steps["nonlinear.linear_bound"].reason
    )
    assert steps["nonlinear.capacity"].verdict is Verdict.APPROXIMATION
    assert "4.38" in steps["nonlinear.optimum"].reason  # random beats multi by a factor
    for key in KEYS:
        if key != "nonlinear.capacity":
            assert steps[key].verdict is Verdict.AGREES, (key, steps[key].reason)


def test_small_d_gaussian_fails_and_simulation_resolves_it():
    params = make_params(T=200, D=8, z=3, a=1.2)
    steps = {s.key: s for s in walkthrough(params, "nonlinear")}
    gauss = steps["nonlinear.gaussian"]
    b = float(gauss.title.split("b = ")[1])
    assert gauss.theory == pytest.approx(float(relu_loss("random", params, 1.2, b)), rel=1e-3)
    assert gauss.verdict is Verdict.APPROXIMATION
    shown = float(gaussian_random(params, 1.2, b))
    assert abs(shown - gauss.simulated.value) > 3 * gauss.simulated.se
    # The reference point of the explanation is computed, not typed in.
    assert "13.07" in gauss.explanation and "12.64" in gauss.explanation
    assert steps["nonlinear.capacity"].verdict is Verdict.AGREES  # P(wrong) ≈ 1 at z = 1
    assert not any(s.verdict is Verdict.UNEXPLAINED for s in steps.values())
