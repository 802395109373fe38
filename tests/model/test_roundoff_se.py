"""An SE below 1e-12 × max(|simulated|, |theory|, 1) is round-off: shown as 0, flagged exact in
JSON, and never counted in SEs in the text."""

from __future__ import annotations

import re

from superpos_model import make_params, run_check
from superpos_model.estimate import Estimate, roundoff_se
from superpos_model.relu import run_relu_check
from superpos_model.walkthrough import walkthrough
from superpos_model.walkthrough.export import step_json
from tui.check_text import render_check
from tui.relu_cli import render_relu_check

SE_COUNT = re.compile(r"([\d,]+\.\d) SE")


def test_the_rule_is_relative_to_the_values_with_a_floor_of_one():
    assert roundoff_se(2e-17, 4.5) and roundoff_se(1.5e-35, 0.0)
    assert roundoff_se(5e-12, 0.0, 10.0) and not roundoff_se(5e-12, 0.0, 1.0)
    assert not roundoff_se(1e-3, 4.5) and not roundoff_se(float("nan"), 1.0)
    assert Estimate(4.5, 2e-17, 300).se == 0 and Estimate(4.5, 2e-17, 300).exact
    assert not Estimate(4.5, 1e-3, 300).exact


def test_check_json_writes_a_round_off_se_as_zero_and_flags_it():
    # T=30, D=10, z=30: every feature active, so single's and multi's draws are all alike.
    schemes = run_check(make_params(T=30, D=10, z=30, samples=300), interference=False)
    out = schemes.to_json()["schemes"]
    for name in ("single", "multi"):
        assert out[name]["mse_opt"]["se"] == 0 and out[name]["mse_opt"]["simulated_exact"] is True
    assert (
        out["random"]["mse_opt"]["se"] > 0 and out["random"]["mse_opt"]["simulated_exact"] is False
    )
    rows = [
        line for line in render_check(schemes).splitlines() if line.startswith(("single", "multi"))
    ]
    assert rows and all("SE" not in row and "spread 0" in row for row in rows)


def test_relu_check_writes_a_round_off_se_as_zero_and_counts_no_ses():
    # D = 1: multi's one neuron reads all z = 3 actives in every draw.
    report = run_relu_check(make_params(T=30, D=1, z=3, samples=300))
    multi = report.to_json()["schemes"]["multi"]["mse_opt"]
    assert multi["se"] == 0 and multi["simulated_exact"] is True
    row = next(line for line in render_relu_check(report).splitlines() if line.startswith("multi"))
    assert "SE" not in row and "spread 0" in row


def test_walkthrough_steps_count_no_round_off_ses():
    # z = 1: no other active feature, so the noise on an active one is 0 in every draw.
    steps = walkthrough(make_params(z=1, samples=300), "all")
    noise = next(s for s in steps if s.key == "random.active_noise")
    assert noise.simulated.se == 0 and step_json(noise)["exact"] is True
    for step in steps:
        assert step_json(step)["exact"] is (step.simulated.se == 0)
        for count in SE_COUNT.findall(step.reason):
            assert float(count.replace(",", "")) < 1e6, (step.key, step.reason)
        if step.simulated.exact:
            assert not re.search(r"from the exact [^.]*\d SE", step.reason), step.key
