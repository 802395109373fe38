"""`check --json` names the winners and the ranking, for every readout, in the sweep's words and
by the sweep's rule: the same point gives the same answer in both commands."""

from __future__ import annotations

import json

import pytest

from superpos_model import make_params
from superpos_model.sweep import optimal_losses, standing
from superpos_model.sweep.export import point_json
from superpos_model.sweep.points import Point
from tui.cli import main


@pytest.mark.parametrize(
    ("readout", "point"),
    [
        ("linear", {"T": 1000, "D": 100, "z": 5}),
        ("linear", {"T": 1000, "D": 100, "z": 1}),  # single and multi tie
        ("relu", {"T": 200, "D": 20, "z": 3}),
        ("relu", {"T": 50, "D": 80, "z": 5}),  # single and multi lose 0: no factor
    ],
)
def test_check_json_ranks_as_the_sweep_does(capsys, readout, point):
    args = [f"--{k}={v}" for k, v in point.items()]
    assert main(["check", "--readout", readout, "--samples", "200", *args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    params = make_params(**point)
    swept = point_json(Point(readout, params, standing(optimal_losses(readout, params))))
    assert out["winners"] == swept["winners"]
    ranking = out["ranking"]
    for key in ("tie", "runner_up", "factor", "losses"):
        assert ranking[key] == swept[key], key
    assert ranking["order"][: len(out["winners"])] == out["winners"]
    assert sorted(ranking["order"]) == sorted(swept["losses"])
