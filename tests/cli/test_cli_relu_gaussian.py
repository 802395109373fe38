"""`check --readout relu --json`: the Gaussian approximation's own minimum beside its value at the
exact optimum (a*, b*), so neither is mistaken for the other."""

from __future__ import annotations

import json

import pytest

from superpos_model import make_params
from superpos_model.relu import gaussian_random
from tui.cli import main


def test_gaussian_at_the_exact_optimum_is_reported_beside_its_own_minimum(capsys):
    # T=200, D=8: small D, where the approximation is poor and its optimum moves.
    point = ["--T", "200", "--D", "8", "--z", "3", "--samples", "200"]
    assert main(["check", "--readout", "relu", *point, "--json"]) == 0
    random = json.loads(capsys.readouterr().out)["schemes"]["random"]
    opt, mse = random["opt"], random["mse_opt"]
    params = make_params(T=200, D=8, z=3)
    at_opt = float(gaussian_random(params, opt["a"], opt["b"]))
    assert mse["gaussian_at_opt"] == pytest.approx(at_opt, rel=1e-12)
    # Its own minimum is no higher than its value at any other readout, (a*, b*) included.
    assert mse["gaussian"] <= mse["gaussian_at_opt"] * (1 + 1e-9)
