"""`optimize --quick`: the class preset for the ReLU readout, said in the output."""

from __future__ import annotations

import json

from superpos_model.optimize.relu import QUICK_SETTINGS
from tui.cli import main

SMALL = ["--T", "60", "--D", "8", "--z", "2", "--samples", "200"]


def test_quick_trains_the_relu_readout_on_the_preset(capsys):
    code = main(["optimize", "--readout", "relu", "--quick", "--steps", "20", "--json", *SMALL])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["preset"] == "quick" and data["steps"] == 20
    code = main(["optimize", "--readout", "relu", "--quick", *SMALL, "--steps", "20"])
    text, _ = capsys.readouterr()
    assert "20 of at most 20 steps (the quick preset)" in text


def test_quick_takes_the_presets_steps_by_default(capsys):
    from superpos_model import make_params
    from superpos_model.optimize import run_optimize

    report = run_optimize(make_params(T=40, D=6, z=2, samples=100), "relu", quick=True)
    assert report.steps == QUICK_SETTINGS.steps and report.quick


def test_quick_is_refused_for_the_linear_readout(capsys):
    code = main(["optimize", "--quick", *SMALL])
    _, err = capsys.readouterr()
    assert code == 2 and err.startswith("error: quick: is for the ReLU readout")
